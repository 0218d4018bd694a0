"""Template filters and globals: local times, labels and the navigation."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user

from calendar_app.domain.activities import ACTIVITY_LABELS, HEADLINE_ACTIVITIES
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.campaigns import colour_class
from calendar_app.domain.history import KIND_LABELS, ShownChange, shown_change
from calendar_app.domain.item_links import link_for, post_text
from calendar_app.domain.money import amount, money, places, symbol, whole
from calendar_app.domain.owners import short_name
from calendar_app.domain.permissions import scope_of
from calendar_app.domain.reminders import response_standard
from calendar_app.domain.routines import ROUTINES
from calendar_app.domain.workflow import ROLE_LABELS, status_word
from calendar_app.services.planner import get_workspace
from calendar_app.web.permissions import may

NAVIGATION = (
    ("schedule.week", "This week"),
    ("calendar.index", "Calendar"),
    ("board.index", "Board"),
    ("channels.index", "Channels"),
    ("ideas.index", "Ideas"),
    ("campaigns.index", "Campaigns"),
    ("links.index", "Links"),
    ("results.index", "Results"),
    ("search.index", "Search"),
    ("feeds.subscribe", "Subscribe"),
    ("settings.profile", "Settings"),
    ("settings.account", "Account"),
)


def current_workspace() -> Any:
    """The workspace, loaded once per request."""
    if "workspace" not in g:
        g.workspace = get_workspace()
    return g.workspace


def absolute_url(endpoint: str, **values: Any) -> str:
    """An address to give to others: on ``BASE_URL`` when set, else on the request's host."""
    base = current_app.config["BASE_URL"] or request.host_url.rstrip("/")
    return base + url_for(endpoint, **values)


def secret_key() -> str:
    """The app's secret key, which derives the feed tokens."""
    return str(current_app.config["SECRET_KEY"])


def same_site_path(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site (never another host), else ``default``.

    Browsers read a backslash as a slash (``/\\evil.example``) and a line break
    would split the Location header, so neither is ever a path of ours.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(ord(ch) < 32 or ord(ch) == 127 for ch in target)
        and not urlsplit(target).netloc
    ):
        return target
    return default


MAX_ROW_ID = 2**31 - 1
BROWSE_YEARS = 10


def _locale() -> str:
    workspace = current_workspace()
    return workspace.locale if workspace else "en"


def in_currency(value: Decimal | int | None) -> str:
    """An amount in the workspace's currency, written as its locale writes numbers."""
    workspace = current_workspace()
    currency = workspace.currency if workspace else "EUR"
    return money(Decimal(value or 0), currency, _locale())


def in_amount(value: Decimal | int | None) -> str:
    """An amount in the locale's signs and the currency's decimals, without the currency (a
    table cell under a header that names it): much cheaper than :func:`in_currency`."""
    workspace = current_workspace()
    decimals = places(workspace.currency) if workspace else 2
    return amount(Decimal(value or 0), _locale(), decimals)


def currency_sign() -> str:
    """The workspace currency's sign in its locale (for a table header)."""
    workspace = current_workspace()
    return symbol(workspace.currency, workspace.locale) if workspace else "€"


# Routine steps the app has a page for, by the words before the step's colon.
STEP_PAGES = {
    "Top content": "results.top",
    "Visits, leads and visit-to-lead conversion per channel": "results.index",
    "Campaign analysis": "results.index",
}


def routine_steps(item: Any) -> list[tuple[str, str | None, str | None]]:
    """A routine item's checklist, each step with the endpoint of its page (or None) and
    what it counts (or None)."""
    routine = ROUTINES.get(item.rule.routine_key or "") if item.rule is not None else None
    if routine is None:
        return []
    return [
        (step, STEP_PAGES.get(step.split(":")[0]), routine.count_label(n))
        for n, step in enumerate(routine.checklist)
    ]


def row_id(value: str | None) -> int | None:
    """An id sent in a form: a whole number a database INTEGER can hold, else None."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()):  # "²" and "١" are digits to str.isdigit
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ROW_ID else None


def seen_version() -> int | None:
    """The item version the submitting page showed (its hidden ``version`` field)."""
    return row_id(request.form.get("version"))


def day_in_reach(value: str | None, today: date) -> date | None:
    """A date from the address bar, if it is one and within ten years of today."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if abs((day - today).days) <= BROWSE_YEARS * 366 else None


def page_number() -> int:
    """The ?page= of a list: 1 unless a sensible whole number is given."""
    number = row_id(request.args.get("page"))
    return number if number is not None and number <= 100_000 else 1


def json_object() -> dict[str, Any] | None:
    """The request's JSON body if it is an object (not a list, not nested beyond reason)."""
    try:
        payload = request.get_json(silent=True)
    except RecursionError:
        return None
    return payload if isinstance(payload, dict) else None


def local(value: datetime, zone: str | None = None) -> datetime:
    """``value`` in the given zone, else the workspace's."""
    workspace = current_workspace()
    name = zone or (workspace.timezone if workspace else "UTC")
    return value.astimezone(resolve_timezone(name))


def history_entries(records: Any) -> list[tuple[Any, ShownChange]]:
    """Each recorded change with how the history pages show it."""
    return [(r, shown_change(r.kind, r.field, r.before, r.after)) for r in records]


def score_band(score: int) -> str:
    """The colour band of a headline score: high (70+), mid (45+), low (as in ideas.js)."""
    return "high" if score >= 70 else "mid" if score >= 45 else "low"


def register(app: Flask) -> None:
    """Install the filters and globals on ``app``."""
    app.jinja_env.filters["local"] = local
    app.jinja_env.filters["money"] = in_currency
    app.jinja_env.filters["amount"] = in_amount
    app.jinja_env.globals["currency_sign"] = currency_sign
    app.jinja_env.filters["whole"] = lambda value: whole(Decimal(value or 0), _locale())
    app.jinja_env.filters["score_band"] = score_band
    app.jinja_env.filters["history_entries"] = history_entries
    app.jinja_env.globals["history_kinds"] = KIND_LABELS
    app.jinja_env.filters["short_name"] = short_name
    app.jinja_env.filters["activity_label"] = lambda key: ACTIVITY_LABELS.get(key, key)
    app.jinja_env.filters["status_label"] = status_word
    app.jinja_env.filters["role_label"] = lambda role: ROLE_LABELS.get(role, role)
    app.jinja_env.filters["response_standard"] = response_standard
    app.jinja_env.globals["navigation"] = NAVIGATION
    app.jinja_env.globals["colour_class"] = colour_class
    app.jinja_env.globals["activity_labels"] = ACTIVITY_LABELS
    app.jinja_env.globals["headline_activities"] = HEADLINE_ACTIVITIES
    app.jinja_env.globals["link_for"] = link_for
    app.jinja_env.globals["post_text"] = post_text
    app.jinja_env.globals["may"] = may
    app.jinja_env.filters["role_scope"] = scope_of

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {"workspace": current_workspace() if current_user.is_authenticated else None}
