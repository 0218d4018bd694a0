"""Every page a person can open, on a 390 px phone and a desktop: it fits, and axe finds no harm.

The pages come from the app's URL map when the test runs, so a page added later
is walked without changing this file; a path argument the walk has no sample
for fails it, naming the argument. A page fits when the document never scrolls
sideways (a wide table may scroll inside its own box); axe-core may find
nothing serious or critical. Every page is walked logged in, then logged out
(the login and invitation pages), and saved as a screenshot in
``every-page-390/`` (and ``every-page-1280/``).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask, url_for
from sqlalchemy import select

from tests.browser.conftest import OWNER_EMAIL, create_owner, page_width
from tests.tooling import missing

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
# Feeds and downloads are files, not pages; JSON answers are skipped by their content type.
NOT_PAGES = (".ics", ".csv", ".json")
# The JSON API answers a token, never a browser (its docs page, /api/docs, is walked).
API = "/api/v1/"
SERIOUS = ("serious", "critical")
# Views of a page that look different enough to be walked as well.
EXTRA_VIEWS = (("calendar.index", {"view": "week"}),)

# What sticks out past the right edge without a scrolling box of its own around it.
WIDEST = """limit => {
  const scrolls = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map(c => "." + c).join("");
  return [...document.body.querySelectorAll("*")]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5 && !scrolls(el))
    .slice(-4).map(el => name(el) + " to " + Math.round(el.getBoundingClientRect().right) + " px");
}"""


class PageChecks:
    """Checks pages one after another and keeps every problem, so one run names them all."""

    def __init__(self, folder: Path, width: int) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.width = width
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.seen: set[str] = set()
        self.problems: list[str] = []

    def check(self, page: object, path: str) -> None:
        """The page shown: its width, a screenshot and axe-core's serious findings."""
        self.seen.add(path)
        width = page_width(page)
        if width > self.width:
            widest = ", ".join(page.evaluate(WIDEST, self.width))
            self.problems.append(f"{path} is {width} px wide: {widest}")
        secretless = re.sub(r"[\w-]{24,}", "token", path)  # an invitation's token
        shot = re.sub(r"[^a-z0-9]+", "-", secretless.lower()).strip("-") or "index"
        page.screenshot(path=str(self.folder / f"{shot}.png"), full_page=True)
        for violation in self.axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                where = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                self.problems.append(
                    f"{path}: {violation['id']} ({violation['impact']}) {violation['help']}: "
                    f"{where}"
                )

    def visit(self, page: object, url: str) -> None:
        """Open ``url`` and check where it leads, unless that page was checked already.

        A page that redirects counts by its path alone: logged out, every page leads to
        the same login page, whatever its ``next``.
        """
        response = page.goto(url)
        if response.status >= 400 and not url.endswith("/no-such-page"):
            self.problems.append(f"{url} answered {response.status}")
        parts = urlsplit(page.url)
        shown = parts.path + (f"?{parts.query}" if page.url == url and parts.query else "")
        html = "text/html" in response.headers.get("content-type", "")
        if html and shown not in self.seen:
            self.check(page, shown)


def furnish(app: Flask) -> dict[str, list[object]]:
    """Results, a goal, a member, an invitation, a link, a share link and a webhook; sample
    values for path arguments."""
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import CadenceRule, Campaign, Channel, Idea, User
    from calendar_app.services import (
        account_mail,
        accounts,
        links,
        mail_preferences,
        metrics,
        results,
        shares,
        webhooks,
    )

    runner = app.test_cli_runner()
    with app.app_context():
        for args, text in (
            (["results", "import", str(SAMPLES / "results.csv")], None),
            (
                ["users", "create", "member@example.com", "--password-stdin", "--member"],
                "a long password\n",
            ),
        ):
            result = runner.invoke(args=args, input=text)
            assert result.exit_code == 0, result.output
        owner = db.session.scalar(select(User).where(User.email == OWNER_EMAIL))
        results.add_goal({"kind": "traffic", "metric": "leads", "period": "month", "target": "20"})
        linkedin = db.session.scalar(select(Channel).where(Channel.slug == "linkedin"))
        metrics.save_metrics(linkedin, "2026-10", {"followers": "1240", "reach": "9100"})
        links.make_link(
            {
                "destination": "https://example.com/winter",
                "campaign": "winter",
                "source": "x",
                "medium": "social",
            },
            owner,
        )
        _, token = accounts.invite("invited@example.com", owner, clock.now())
        reset_tokens: list[str] = []
        account_mail.request_reset(
            OWNER_EMAIL, clock.now(), lambda made: reset_tokens.append(made) or "/reset/"
        )
        write_copy(owner)
        shared = {
            "label": "Client review",
            "all_channels": True,
            "show_notes": True,
            "allow_approval": True,
        }
        _, share_token = shares.create_share(shared, owner, clock.now(), "Europe/Berlin")
        hook = webhooks.create_subscription(
            "https://hooks.example.com/calendar/events-from-the-marketing-team",
            "Zapier: post to Slack",
            ["item.created", "item.status_changed"],
            owner,
            clock.now(),
            webhooks.WebhookSettings(allow_private=True),
        )
        webhooks.ping(hook, clock.now())  # a delivery waiting in the table
        first = {
            "channel_id": Channel,
            "rule_id": CadenceRule,
            "campaign_id": Campaign,
            "idea_id": Idea,
        }
        samples = {
            name: [db.session.scalar(select(model.id).limit(1))] for name, model in first.items()
        }
        samples["item_id"] = sample_items()
        samples["media_id"] = [attach_sample_image(app, samples["item_id"][0], owner)]
        write_comments(samples["item_id"][0], samples["idea_id"][0])
        samples["token"] = [token]
        samples["share_token"] = [share_token]
        samples["key"] = [send_for_review(samples["item_id"][0], samples["media_id"][0])]
        samples["reset_token"] = [reset_tokens[0]]
        secret = app.config["SECRET_KEY"]
        samples["unsubscribe_token"] = [mail_preferences.unsubscribe_token(secret, owner, "digest")]
    return samples


def write_comments(item_id: int, idea_id: int) -> None:
    """A member's comments on an item and an idea, with a link and a mention of the owner (so
    the threads show them and the owner's inbox has entries)."""
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import Idea, ScheduleItem, User
    from calendar_app.services.comments import add_comment

    member = db.session.scalar(select(User).where(User.email == "member@example.com"))
    for target in (db.session.get(ScheduleItem, item_id), db.session.get(Idea, idea_id)):
        add_comment(target, member, "Ready, @owner? https://example.com/a <b>", clock.now())


def write_copy(owner: object) -> None:
    """A hashtag set on the first upcoming post's channel, and that post's copy saved twice
    (so its page shows the preview, Copy post and an earlier version)."""
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem, Workspace
    from calendar_app.services import copy

    post = db.session.get(ScheduleItem, sample_items()[0])
    workspace = db.session.scalar(select(Workspace))
    copy.save_hashtag_set(post.channel, "Winter", "#winter, #bikes")
    for body in ("First draft #winter", "Second draft: {link} #winter #bikes"):
        values = {"title": "Winter tyres", "body": body, "outline": "1. Why\n2. How"}
        copy.save_copy(post, values, owner, workspace, clock.now())


def attach_sample_image(app: Flask, item_id: int, owner: object) -> int:
    """An image on the first sample item, so its page is walked with media on it."""
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem
    from calendar_app.services import media
    from calendar_app.services.media_store import media_store
    from tests.images import image_bytes

    item = db.session.get(ScheduleItem, item_id)
    upload = media.Upload(image_bytes(), "sample.png", 1024 * 1024, 40_000_000)
    image = media.attach_image(item, upload, owner, clock.now(), media_store(app.config))
    return image.id


def send_for_review(item_id: int, media_id: int) -> str:
    """The first sample post in review (so the share page shows its review form); the key
    of its image (the share link serves it under its token)."""
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import ItemMedia, ScheduleItem
    from calendar_app.services import items

    items.set_status(db.session.get(ScheduleItem, item_id), "in_review", clock.now())
    return db.session.get(ItemMedia, media_id).storage_key


def sample_items() -> list[int]:
    """An upcoming item of each activity, and a post both with and without a headline."""
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem

    upcoming = select(ScheduleItem.id).where(ScheduleItem.starts_at >= clock.now())
    ids = [
        db.session.scalar(upcoming.where(ScheduleItem.activity == activity).limit(1))
        for activity in ("post", "video", "reply", "listening", "routine")
    ]
    ids.append(
        db.session.scalar(
            upcoming.where(ScheduleItem.activity == "post", ScheduleItem.idea_id.is_not(None))
        )
    )
    return [item_id for item_id in ids if item_id is not None]


def page_urls(app: Flask, samples: dict[str, list[object]], problems: list[str]) -> list[str]:
    """Every address the app answers a GET on that is a page, with each sample filled in."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint.rpartition(".")[2] == "static":
                continue
            if rule.rule.endswith(NOT_PAGES) or rule.rule.startswith(API):
                continue
            unknown = sorted(rule.arguments - samples.keys())
            if unknown:
                problems.append(f"{rule.rule}: no sample value for {', '.join(unknown)}")
                continue
            names = sorted(rule.arguments)
            for values in itertools.product(*(samples[name] for name in names)):
                urls.append(url_for(rule.endpoint, **dict(zip(names, values, strict=True))))
        urls += [url_for(endpoint, **args) for endpoint, args in EXTRA_VIEWS]
    return [*sorted(set(urls)), "/no-such-page"]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_fits_the_screen_and_has_no_serious_accessibility_violation(
    demo_app, live_server, page_for, screenshot_dir, width
) -> None:
    try:
        checks = PageChecks(screenshot_dir / f"every-page-{width}", width)
    except ImportError:
        missing("axe-playwright-python is not installed (pip install -e '.[test]')")
    page, logged_out = page_for(), page_for()
    for each in (page, logged_out):
        each.set_viewport_size({"width": width, "height": 844})
    checks.visit(page, live_server + "/setup")
    create_owner(page)
    urls = page_urls(demo_app, furnish(demo_app), checks.problems)
    for url in urls:
        checks.visit(page, live_server + url)
    for url in urls:
        checks.visit(logged_out, live_server + url)

    assert {"/week", "/results/", "/calendar?view=week", "/board", "/login", "/setup"} <= (
        checks.seen
    )
    assert not checks.problems, "\n".join(checks.problems)
