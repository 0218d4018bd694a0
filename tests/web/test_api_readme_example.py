"""The README's Python example runs as written against the app: it lists next week's posts
page by page and marks the first one published."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import httpx
import pytest

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from tests.factories import make_channel, make_idea, make_item, make_workspace
from tests.web.api_helpers import token_for

README = Path(__file__).resolve().parents[2] / "README.md"


def example() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(
        r"<!-- api-example: start -->\n```python\n(.*?)```\n<!-- api-example: end -->", text, re.S
    )
    assert found, "the README lost its API example"
    return found.group(1)


def run_example(app, monkeypatch) -> None:
    """Run the example with its httpx client talking to this app in-process."""
    wsgi = httpx.WSGITransport(app=app)

    class LocalClient(httpx.Client):
        def __init__(self, **options) -> None:
            super().__init__(transport=wsgi, **options)

    monkeypatch.setattr(httpx, "Client", LocalClient)
    exec(compile(example(), "README.md", "exec"), {"__name__": "readme"})


def test_the_readme_example_lists_next_weeks_posts_and_publishes_one(
    app, monkeypatch, capsys
) -> None:
    make_workspace()
    blog, video = make_channel("blog"), make_channel("youtube")
    # The example reads the machine's date, as a script would.
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    start = datetime.combine(monday, time(9), UTC)
    first = make_item(blog, start, idea=make_idea("Winter cycling for beginners"))
    second = make_item(blog, start + timedelta(days=2))
    make_item(video, start + timedelta(days=1), activity="video")
    make_item(blog, start - timedelta(days=3), idea=make_idea("Last week's post"))
    make_item(blog, start + timedelta(days=8), idea=make_idea("The week after"))
    monkeypatch.setenv("CALENDAR_TOKEN", token_for("editor"))

    run_example(app, monkeypatch)

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("draft Winter cycling for beginners")
    assert lines[1].endswith("draft (no headline yet)")
    assert lines[2] == "Published: Winter cycling for beginners"
    assert len(lines) == 3
    db.session.expire_all()
    assert db.session.get(ScheduleItem, first.id).status == "published"
    assert db.session.get(ScheduleItem, second.id).status == "draft"


def test_the_example_stops_at_a_refusal_instead_of_going_on(app, monkeypatch) -> None:
    make_workspace()
    blog = make_channel("blog")
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    make_item(blog, datetime.combine(monday, time(9), UTC))
    monkeypatch.setenv("CALENDAR_TOKEN", token_for("viewer", "read"))
    with pytest.raises(httpx.HTTPStatusError) as refused:
        run_example(app, monkeypatch)
    assert refused.value.response.status_code == 403
    assert db.session.scalar(db.select(ScheduleItem.status)) == "draft"
