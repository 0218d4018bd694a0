"""Saving the workspace profile; a new time zone or blackout list re-plans the schedule."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from calendar_app.domain.cadence import CadenceError, local_to_utc, resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.domain.goals import SOURCES_OF_TRUTH
from calendar_app.domain.money import check_currency, check_locale
from calendar_app.domain.routine_ticks import (
    YEARLY_REVIEW,
    follows_fiscal_year,
    yearly_review_rrule,
)
from calendar_app.domain.text import clean_text
from calendar_app.domain.tracking import optional_http_url
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, ScheduleItem, Workspace

from .planner import PlanStats, replan, replan_everything
from .result_months import sum_months
from .transaction import unit_of_work

MAX_LIST_ITEMS = 50


class ProfileError(FieldError):
    """A profile value that cannot be saved; ``field`` names the form field."""


def lines(text: str | None, field: str, max_len: int = 100) -> list[str]:
    """Non-empty lines, stripped, each at most ``max_len`` characters, no repeats."""
    cleaned = clean_text(text or "")
    found = list(dict.fromkeys(line.strip() for line in cleaned.splitlines() if line.strip()))
    if len(found) > MAX_LIST_ITEMS:
        raise ProfileError(field, f"At most {MAX_LIST_ITEMS} lines.")
    for line in found:
        if len(line) > max_len:
            raise ProfileError(field, f"“{line[:30]}…” is longer than {max_len} characters.")
    return found


def blackout_list(text: str | None) -> list[str]:
    """ISO dates, one per line, sorted; ProfileError names the first bad line."""
    days = set()
    for line in lines(text, "blackout_dates", 10):
        try:
            days.add(date.fromisoformat(line).isoformat())
        except ValueError:
            raise ProfileError(
                "blackout_dates", f"“{line}” is not a date like 2026-12-25."
            ) from None
    return sorted(days)


def _check_timezone(name: str) -> None:
    try:
        resolve_timezone(name)
    except CadenceError as exc:
        raise ProfileError("timezone", exc.message) from None


def profile_problems(values: dict[str, Any]) -> dict[str, str]:
    """Every value ``update_profile`` would refuse, by field (a form shows them all at once)."""
    checks = (
        lambda: optional_http_url(values.get("site_url"), "site_url"),
        lambda: _check_timezone(values.get("timezone") or ""),
        lambda: lines(values.get("topics"), "topics"),
        lambda: lines(values.get("products"), "products"),
        lambda: blackout_list(values.get("blackout_dates")),
        lambda: _fiscal_year_start(values.get("fiscal_year_start"), None),
    )
    problems = {}
    for check in checks:
        try:
            check()
        except FieldError as exc:
            problems[exc.field] = exc.message
    return problems


def touched_in_workspace_zone(now: datetime) -> list[ScheduleItem]:
    """Upcoming items people worked on, in channels that follow the workspace's zone."""
    return list(
        db.session.scalars(
            select(ScheduleItem)
            .join(Channel, ScheduleItem.channel_id == Channel.id)
            .where(
                Channel.timezone.is_(None),
                ScheduleItem.touched_at.is_not(None),
                ScheduleItem.starts_at > now,
            )
        )
    )


def keep_local_times(items: list[ScheduleItem], old_zone: str, new_zone: str) -> int:
    """Move items so that their local wall-clock times in ``new_zone`` are what they were.

    Returns how many moved (an item at the same instant in both zones does not).
    """
    old, new = resolve_timezone(old_zone), resolve_timezone(new_zone)
    moved = 0
    for item in items:
        wall_clock = item.starts_at.astimezone(old).replace(tzinfo=None)
        starts_at = local_to_utc(wall_clock, new)
        if starts_at != item.starts_at:
            item.starts_at, item.ends_at = starts_at, starts_at + (item.ends_at - item.starts_at)
            item.sequence += 1
            item.version += 1
            moved += 1
    return moved


@unit_of_work()
def update_profile(workspace: Workspace, values: dict[str, Any], now: datetime) -> PlanStats:
    """Check and save the profile; re-plan untouched items if the zone or blackouts changed,
    and the yearly review when the fiscal year's start moved.

    With a new time zone, the upcoming items people worked on keep their local times
    (``values["touched_items"] == "clock"``, the default) or their instants ("instant").
    """
    site_url = optional_http_url(values.get("site_url"), "site_url")
    _check_timezone(values["timezone"])
    fields = {
        "name": values["name"].strip(),
        "mission": (values.get("mission") or "").strip(),
        "industry": (values.get("industry") or "").strip(),
        "audience": (values.get("audience") or "").strip(),
        "topics": lines(values.get("topics"), "topics"),
        "products": lines(values.get("products"), "products"),
        "site_url": site_url,
        "timezone": values["timezone"],
        "goal": values.get("goal") or "",
        "goal_target": values.get("goal_target"),
        "hours_per_week": float(values["hours_per_week"]),
        "blackout_dates": blackout_list(values.get("blackout_dates")),
        "analytics_source": _source_of_truth(values.get("analytics_source"), workspace),
        "currency": _checked(
            check_currency, values.get("currency"), workspace.currency, "currency"
        ),
        "locale": _checked(check_locale, values.get("locale"), workspace.locale, "locale"),
        "fiscal_year_start": _fiscal_year_start(values.get("fiscal_year_start"), workspace),
    }
    reviews = _reviews_to_move(workspace.fiscal_year_start, fields["fiscal_year_start"])
    replan_all = (fields["timezone"], fields["blackout_dates"]) != (
        workspace.timezone,
        list(workspace.blackout_dates or []),
    )
    touched_moved = 0
    if fields["timezone"] != workspace.timezone and values.get("touched_items") != "instant":
        touched = touched_in_workspace_zone(now)
        touched_moved = keep_local_times(touched, workspace.timezone, fields["timezone"])
    new_truth = fields["analytics_source"] != workspace.analytics_source
    for key, value in fields.items():
        setattr(workspace, key, value)
    if new_truth:
        db.session.flush()
        sum_months()  # which rows count changed: every month's sums again
    if replan_all:
        stats = replan_everything(now)
    else:
        stats = replan(reviews, workspace, now) if reviews else PlanStats()
    stats.touched_moved = touched_moved
    return stats


def _fiscal_year_start(value: Any, workspace: Workspace | None) -> int:
    """The month the fiscal year starts, 1 to 12; the current one when the form has none."""
    if value in (None, ""):
        return (workspace.fiscal_year_start if workspace else None) or 1
    try:
        month = int(value)
    except (TypeError, ValueError):
        month = 0
    if not 1 <= month <= 12:
        raise ProfileError("fiscal_year_start", "Choose a month from January to December.")
    return month


def _reviews_to_move(old: int, new: int) -> list[CadenceRule]:
    """The yearly review rules that follow the fiscal year, given their new rhythm.

    A review rule a person rewrote (another month, another day) keeps it.
    """
    if old == new:
        return []
    rules = db.session.scalars(select(CadenceRule).where(CadenceRule.routine_key == YEARLY_REVIEW))
    moved = [rule for rule in rules if follows_fiscal_year(rule.rrule, old)]
    for rule in moved:
        rule.rrule = yearly_review_rrule(new)
    return moved


def _source_of_truth(value: str | None, workspace: Workspace) -> str:
    """The analytics source that counts where two report the same traffic (kept if not
    given, as by forms that do not show it)."""
    if value is None:
        return workspace.analytics_source
    if value not in SOURCES_OF_TRUTH:
        raise FieldError("analytics_source", "Choose Google Analytics 4, Plausible or ours.")
    return value


def _checked(check: Any, value: str | None, current: str, field: str) -> str:
    """A checked setting (kept if not given, as by forms that do not show it)."""
    if value is None:
        return current
    try:
        return check(value)
    except ValueError as exc:
        raise FieldError(field, str(exc)) from None
