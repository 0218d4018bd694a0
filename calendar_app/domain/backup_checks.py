"""What a restored row must satisfy beyond its column types: the same rules as the forms.

A backup is a file people can edit; a value the forms would refuse (an unknown
time zone, a ``javascript:`` address, an impossible rule) would otherwise reach
every page and feed. Each check raises :class:`BackupError` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from idea_bank import IDEA_STATUSES, PURPOSES

from .activities import ACTIVITIES
from .backup_access import (
    api_token_problems,
    share_link_problems,
    tick_problems,
    user_problems,
)
from .backup_comments import comment_problems, inbox_entry_problems
from .backup_copy import copy_problems, hashtag_set_problems, network_problems
from .backup_webhooks import webhook_subscription_problems
from .bounds import MAX_COUNT, MAX_LOGGED_MINUTES, check_day
from .cadence import Cadence, CadenceError, normalise_rrule, resolve_timezone
from .cadence import validate_cadence as _validate_cadence
from .campaigns import CampaignError, check_campaign
from .channel_kinds import check_colour, check_slug
from .errors import FileError, Problems
from .goals import (
    GOAL_KINDS,
    GOAL_METRICS,
    GOAL_PERIODS,
    RESULT_SOURCES,
    SOURCES_OF_TRUTH,
    goal_metric_problem,
)
from .history import record_problems
from .metric_values import METRICS, mentions_problem
from .money import LOCALES, check_currency
from .recycling import DEFAULT_COOLDOWN_DAYS, MAX_COOLDOWN_DAYS, MAX_RUNS
from .reminders import alarm_problems, response_problems
from .text import single_line_problem
from .tracking import normalise_utm, require_http_url
from .workflow import statuses_for

Check = Callable[[dict[str, Any], str], None]


class BackupError(FileError):
    """A backup file that cannot be restored; nothing was changed. ``problems`` lists every
    problem found, each naming its table, row and field."""


def _fail(where: str, key: str, message: str) -> BackupError:
    return BackupError(f"{where}.{key}: {message}")


def _single_line(row: dict[str, Any], where: str, *keys: str) -> None:
    for key in keys:
        problem = single_line_problem(row.get(key) or "")
        if problem:
            raise _fail(where, key, problem)


def _url(row: dict[str, Any], where: str, key: str, *, required: bool = False) -> None:
    value = row.get(key) or ""
    if value or required:
        try:
            require_http_url(value)
        except ValueError as exc:
            raise _fail(where, key, str(exc)) from None


def _zone(row: dict[str, Any], where: str, key: str) -> None:
    if row.get(key):
        try:
            resolve_timezone(row[key])
        except CadenceError as exc:
            raise _fail(where, key, exc.message) from None


def _tracking(row: dict[str, Any], where: str, *keys: str) -> None:
    for key in keys:
        value = row.get(key) or ""
        try:
            if value and normalise_utm(value, key) == value:
                continue
        except ValueError:
            pass
        if value or key in ("utm_source", "utm_medium"):
            raise _fail(where, key, f"{value!r} is not a tracking value (a-z, 0-9, . _ -).")


def _choice(row: dict[str, Any], where: str, key: str, options: tuple[str, ...]) -> None:
    value = row.get(key)
    if value is not None and value not in options:
        raise _fail(where, key, f"{value!r} is not one of {', '.join(options)}.")


def _named(row: dict[str, Any], where: str) -> None:
    if not (row.get("name") or "").strip():
        raise _fail(where, "name", "must not be empty.")


def _blackout_dates(row: dict[str, Any], where: str) -> None:
    for i, value in enumerate(row.get("blackout_dates") or []):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise _fail(where, f"blackout_dates[{i}]", f"{value!r} is not a date.") from None


def _fiscal_year(row: dict[str, Any], where: str) -> None:
    month = row.get("fiscal_year_start")
    if month is not None and (type(month) is not int or not 1 <= month <= 12):
        raise _fail(where, "fiscal_year_start", "must be a month from 1 to 12.")


def _hours(row: dict[str, Any], where: str) -> None:
    if not 0 <= (row.get("hours_per_week") or 0) <= 168:
        raise _fail(where, "hours_per_week", "must be between 0 and 168.")


_WORKSPACE: tuple[Check, ...] = (
    lambda r, w: _single_line(r, w, "name", "mission", "industry", "audience", "goal"),
    _named,
    lambda r, w: _zone(r, w, "timezone"),
    lambda r, w: _url(r, w, "site_url"),
    _blackout_dates,
    _hours,
    _fiscal_year,
    lambda r, w: _choice(r, w, "analytics_source", SOURCES_OF_TRUTH),
    lambda r, w: _choice(r, w, "locale", LOCALES),
    lambda r, w: _currency(r, w),
)


def _currency(row: dict[str, Any], where: str) -> None:
    if row.get("currency") is not None:
        try:
            check_currency(row["currency"])
        except ValueError as exc:
            raise _fail(where, "currency", str(exc)) from None


def _channel(row: dict[str, Any], where: str) -> None:
    _single_line(row, where, "name")
    for key, check in (("slug", check_slug), ("colour", check_colour)):
        try:
            check(row[key])
        except ValueError as exc:
            raise _fail(where, key, str(exc)) from None
    _tracking(row, where, "utm_source", "utm_medium")
    _zone(row, where, "timezone")


def _rule(row: dict[str, Any], where: str) -> None:
    _single_line(row, where, "label")
    _choice(row, where, "activity", ACTIVITIES)
    try:
        rrule = normalise_rrule(row["rrule"]) if row.get("rrule") is not None else None
        _validate_cadence(
            Cadence(
                activity=row["activity"],
                time_of_day=row["time_of_day"],
                starts_on=row["starts_on"],
                rrule=rrule,
                per_week=row.get("per_week"),
                ends_on=row.get("ends_on"),
                count=row.get("count"),
                duration_minutes=row.get("duration_minutes"),
            )
        )
    except CadenceError as exc:
        raise _fail(where, exc.field, exc.message) from None


def _idea(row: dict[str, Any], where: str) -> None:
    _single_line(row, where, "headline")
    _choice(row, where, "status", IDEA_STATUSES)
    _choice(row, where, "purpose", PURPOSES)
    _url(row, where, "target_url")


def _item(row: dict[str, Any], where: str) -> None:
    _choice(row, where, "activity", ACTIVITIES)
    _choice(row, where, "status", statuses_for(row["activity"]))
    _url(row, where, "destination_url")
    if row["ends_at"] < row["starts_at"]:
        raise _fail(where, "ends_at", "is before starts_at.")
    minutes = row.get("actual_minutes")
    if minutes is not None and not 0 <= minutes <= MAX_LOGGED_MINUTES:
        raise _fail(where, "actual_minutes", f"must be between 0 and {MAX_LOGGED_MINUTES}.")


def _recycling(row: dict[str, Any], where: str) -> None:
    cooldown = row.get("cooldown_days", DEFAULT_COOLDOWN_DAYS)
    if not 1 <= cooldown <= MAX_COOLDOWN_DAYS:
        raise _fail(where, "cooldown_days", f"must be between 1 and {MAX_COOLDOWN_DAYS}.")
    max_runs = row.get("max_runs")
    if max_runs is not None and not 1 <= max_runs <= MAX_RUNS:
        raise _fail(where, "max_runs", f"must be between 1 and {MAX_RUNS}, or null (no limit).")


def _link(row: dict[str, Any], where: str) -> None:
    _url(row, where, "destination", required=True)
    _url(row, where, "url", required=True)
    _tracking(row, where, "utm_source", "utm_medium", "utm_campaign", "utm_content")


def _result(row: dict[str, Any], where: str) -> None:
    _choice(row, where, "source", tuple(RESULT_SOURCES))
    for key in ("visits", "leads", "customers"):
        if not 0 <= row[key] <= MAX_COUNT:
            raise _fail(where, key, f"must be between 0 and {MAX_COUNT:,}.")
    _days(row, where, "starts_on", "ends_on")
    if row["ends_on"] < row["starts_on"]:
        raise _fail(where, "ends_on", "is before starts_on.")


def _days(row: dict[str, Any], where: str, *keys: str) -> None:
    for key in keys:
        try:
            check_day(row[key])
        except ValueError as exc:
            raise _fail(where, key, str(exc)) from None


def _goal(row: dict[str, Any], where: str) -> None:
    _choice(row, where, "kind", tuple(GOAL_KINDS))
    _choice(row, where, "metric", GOAL_METRICS)
    _choice(row, where, "period", GOAL_PERIODS)
    if row["kind"] in GOAL_KINDS and row["metric"] in GOAL_METRICS:
        if problem := goal_metric_problem(row["kind"], row["metric"]):
            raise _fail(where, "metric", problem)
    if row["target"] <= 0:
        raise _fail(where, "target", "must be more than 0.")


def _spend(row: dict[str, Any], where: str) -> None:
    _single_line(row, where, "note")
    _month(row, where)


def _month(row: dict[str, Any], where: str) -> None:
    _days(row, where, "month")
    if row["month"].day != 1:
        raise _fail(where, "month", "must be the first day of a month.")


def _campaign(row: dict[str, Any], where: str) -> None:
    try:
        checked = check_campaign(row)
    except CampaignError as exc:
        raise _fail(where, exc.field, exc.message) from None
    if checked.token != row["token"]:
        raise _fail(where, "token", f"{row['token']!r} is not a tracking value (a-z, 0-9, . _ -).")


def _metric(row: dict[str, Any], where: str) -> None:
    _month(row, where)
    for key in METRICS:
        if row.get(key) is not None and not 0 <= row[key] <= MAX_COUNT:
            raise _fail(where, key, f"must be empty or between 0 and {MAX_COUNT:,}.")
    if problem := mentions_problem(row):
        raise _fail(where, "positive_mentions", problem)


def _problems(find: Callable[[dict[str, Any]], dict[str, str]]) -> Check:
    """A check raising the first problem ``find`` names, with its place."""

    def check(row: dict[str, Any], where: str) -> None:
        for key, message in find(row).items():
            raise _fail(where, key, message)

    return check


# Each table's checks, run one by one so that every bad value of a row is named.
CHECKS: dict[str, tuple[Check, ...]] = {
    "user": (_problems(user_problems), _problems(alarm_problems)),
    "goal": (_goal,),
    "channel_spend": (_spend,),
    "campaign_spend": (_spend,),
    "campaign": (_campaign,),
    "channel_metric": (_metric,),
    "result_record": (_result,),
    "workspace": _WORKSPACE,
    "channel": (_channel, _problems(network_problems), _problems(response_problems)),
    "item_copy": (_problems(copy_problems),),
    "copy_version": (_problems(copy_problems),),
    "hashtag_set": (_problems(hashtag_set_problems),),
    "cadence_rule": (_rule,),
    "idea": (_idea,),
    "schedule_item": (_item, _recycling),
    "link_record": (_link,),
    "routine_tick": (_problems(tick_problems),),
    "share_link": (_problems(share_link_problems),),
    "change_record": (_problems(record_problems),),
    "comment": (_problems(comment_problems),),
    "inbox_entry": (_problems(inbox_entry_problems),),
    "api_token": (_problems(api_token_problems),),
    "webhook_subscription": (_problems(webhook_subscription_problems),),
}


def check_row(table: str, row: dict[str, Any], where: str) -> None:
    """Raise :class:`BackupError` naming every value of ``row`` the app would refuse."""
    problems = Problems(BackupError)
    for check in CHECKS.get(table, ()):
        with problems.check():
            check(row, where)
    problems.raise_if_any()
