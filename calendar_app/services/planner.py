"""Materialise cadence rules into schedule items, without ever losing a person's work.

What is stored: one ``ScheduleItem`` per rule occurrence from "now" up to
``Workspace.planned_until`` (a local date, by default 13 weeks ahead), keyed
by ``(rule_id, occurrence_date)``. Re-planning compares that with what the
rules ask for now, and changes nothing when it runs twice:

* an occurrence with no item gets one, assigned to the channel's owner;
* an untouched future item follows the rule (new time, duration, activity)
  or is deleted when the rule no longer has its occurrence;
* a touched item (``touched_at`` set: moved, assigned, annotated or given a
  status by a person) is never changed or deleted; ``off_rule`` says whether
  its occurrence is still in the rule;
* past items are history and stay as they are;
* occurrences a person deleted are remembered as ``RuleException`` rows and
  not created again; a routine on a blackout day moves to the next working day.

Its changes are recorded in the history as the planner's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import selectinload

from calendar_app.domain.cadence import Occurrence, local_to_utc, resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.domain.routine_ticks import plan_slots
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, RuleException, ScheduleItem, Workspace

from .actor import as_planner
from .transaction import lock_planning, retry_write, unit_of_work
from .webhooks import insert_planned

DEFAULT_HORIZON_WEEKS = 13


@dataclass
class PlanStats:
    """What one planning run changed."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    touched_moved: int = 0  # items people worked on, moved to keep their local times

    @property
    def changed(self) -> int:
        """How many items were written or removed."""
        return self.created + self.updated + self.deleted


def get_workspace() -> Workspace | None:
    """The installation's workspace, if one has been set up."""
    return db.session.scalars(select(Workspace).order_by(Workspace.id).limit(1)).first()


def channel_timezone(channel: Channel, workspace: Workspace) -> ZoneInfo:
    """The zone a channel plans in: its own, else the workspace's."""
    return resolve_timezone(channel.timezone or workspace.timezone)


def horizon_target(workspace: Workspace, now: datetime, weeks: int = DEFAULT_HORIZON_WEEKS) -> date:
    """The last local date the schedule should cover."""
    return _target(workspace.timezone, now, weeks)


def _target(zone: str, now: datetime, weeks: int) -> date:
    return now.astimezone(resolve_timezone(zone)).date() + timedelta(weeks=weeks)


def extension_due(planned_until: date | None, zone: str, now: datetime, weeks: int) -> bool:
    """Whether a schedule planned until ``planned_until`` falls short of ``weeks`` ahead."""
    return planned_until is None or planned_until < _target(zone, now, weeks)


def keep_planned_ahead(
    now: datetime, weeks: int = DEFAULT_HORIZON_WEEKS, workspace: Workspace | None = None
) -> PlanStats:
    """Extend the schedule to ``weeks`` ahead of today if it falls short (once a day).

    The pages that show the schedule and the feeds call this before they read it,
    so it never fails them: if another worker extends the schedule at the same
    moment, or the database stays busy, the schedule as it stands is shown and the
    next request tries again. ``workspace``, when the caller has loaded it already,
    saves the read that tells whether an extension is due.
    """

    def due(workspace: Workspace | None) -> bool:
        if workspace is None:
            return False
        return extension_due(workspace.planned_until, workspace.timezone, now, weeks)

    def extend() -> PlanStats:
        workspace = get_workspace()
        if workspace is None:
            return PlanStats()
        lock_planning(workspace, reload=True)  # another request may have extended it meanwhile
        if not due(workspace):
            return PlanStats()
        return extend_schedule(workspace, horizon_target(workspace, now, weeks), now)

    if not due(workspace or get_workspace()):  # the usual case: a read, no lock
        return PlanStats()
    try:
        return retry_write(extend)
    except (IntegrityError, OperationalError):
        return PlanStats()


@unit_of_work()
def extend_schedule(workspace: Workspace, until: date, now: datetime) -> PlanStats:
    """Plan every rule up to ``until`` (never shrinking the planned range)."""
    if workspace.planned_until is None or workspace.planned_until < until:
        workspace.planned_until = until
    return replan(all_rules(), workspace, now)


def replan_everything(now: datetime) -> PlanStats:
    """Re-plan all rules, for example after the workspace time zone or blackouts changed."""
    workspace = get_workspace()
    if workspace is None:
        return PlanStats()
    if workspace.planned_until is None:
        workspace.planned_until = horizon_target(workspace, now)
    return replan(all_rules(), workspace, now)


def all_rules() -> Sequence[CadenceRule]:
    """Every rule with its channel, in a stable order."""
    query = select(CadenceRule).options(selectinload(CadenceRule.channel)).order_by(CadenceRule.id)
    return db.session.scalars(query).all()


@as_planner
def replan(rules: Sequence[CadenceRule], workspace: Workspace, now: datetime) -> PlanStats:
    """Bring the items of ``rules`` in line with the rules, from ``now`` to the horizon.

    The caller commits. Loads all the rules' relevant items in one query.
    """
    stats = PlanStats()
    if not rules or workspace.planned_until is None:
        return stats
    lock_planning(workspace)
    window_from = (now - timedelta(days=2)).date()
    rule_ids = [rule.id for rule in rules]
    existing: dict[int, dict[date, ScheduleItem]] = defaultdict(dict)
    for item in db.session.scalars(
        select(ScheduleItem).where(
            ScheduleItem.rule_id.in_(rule_ids), ScheduleItem.occurrence_date >= window_from
        )
    ):
        assert item.rule_id is not None and item.occurrence_date is not None
        existing[item.rule_id][item.occurrence_date] = item
    exceptions: dict[int, set[date]] = defaultdict(set)
    for rule_id, day in db.session.execute(
        select(RuleException.rule_id, RuleException.occurrence_date).where(
            RuleException.rule_id.in_(rule_ids)
        )
    ):
        exceptions[rule_id].add(day)
    blackout = workspace.blackout_days
    new_items: list[dict[str, object]] = []
    for rule in rules:
        tz = channel_timezone(rule.channel, workspace)
        window_end = local_to_utc(
            datetime.combine(workspace.planned_until + timedelta(days=1), time()), tz
        )
        if rule.enabled and not rule.channel.paused:
            wanted = plan_slots(rule.cadence, tz, now, window_end, blackout)
        else:
            wanted = []
        desired = {o.day: o for o in wanted if o.day not in exceptions[rule.id]}
        last_day = window_end.astimezone(tz).date()
        _reconcile(rule, desired, existing[rule.id], now, last_day, stats, new_items)
    db.session.flush()
    if new_items:  # one multi-row INSERT (a year of a dozen channels is thousands of rows)
        insert_planned(new_items, now)
    return stats


def _reconcile(
    rule: CadenceRule,
    desired: dict[date, Occurrence],
    existing: dict[date, ScheduleItem],
    now: datetime,
    last_day: date,
    stats: PlanStats,
    new_items: list[dict[str, object]],
) -> None:
    for day, occurrence in desired.items():
        item = existing.get(day)
        if item is None:
            new_items.append(_new_item(rule, occurrence))
            stats.created += 1
        elif item.touched:
            if item.off_rule:
                item.off_rule = False
                stats.updated += 1
        elif item.starts_at > now and _follow_rule(item, rule, occurrence):
            stats.updated += 1
    for day, item in existing.items():
        if day not in desired and day <= last_day:
            _leave_rule(item, now, stats)


def _leave_rule(item: ScheduleItem, now: datetime, stats: PlanStats) -> None:
    """An upcoming item whose occurrence the rule no longer has: flag it if a person
    worked on it, delete it otherwise. Past items are history and stay."""
    if item.starts_at <= now:
        return
    if item.touched:
        if not item.off_rule:
            item.off_rule = True
            stats.updated += 1
    else:
        db.session.delete(item)
        stats.deleted += 1


def _new_item(rule: CadenceRule, occurrence: Occurrence) -> dict[str, object]:
    return {
        "channel_id": rule.channel_id,
        "rule_id": rule.id,
        "occurrence_date": occurrence.day,
        "activity": rule.activity,
        "starts_at": occurrence.start,
        "ends_at": occurrence.end,
        "assignee_id": rule.channel.owner_id,
    }


def _follow_rule(item: ScheduleItem, rule: CadenceRule, occurrence: Occurrence) -> bool:
    """Move an untouched item to where its rule now puts it; whether anything changed."""
    wanted = (occurrence.start, occurrence.end, rule.activity, rule.channel_id)
    if (item.starts_at, item.ends_at, item.activity, item.channel_id) == wanted:
        return False
    item.starts_at, item.ends_at = occurrence.start, occurrence.end
    item.activity, item.channel_id = rule.activity, rule.channel_id
    item.sequence += 1
    return True


def delete_rule(rule: CadenceRule, now: datetime) -> None:
    """Delete a rule: its untouched future items go, everything else stays as one-offs."""
    items = db.session.scalars(select(ScheduleItem).where(ScheduleItem.rule_id == rule.id)).all()
    for item in items:
        if not item.touched and item.starts_at > now:
            db.session.delete(item)
        else:
            item.rule_id = None
            item.occurrence_date = None
            item.off_rule = False
    db.session.flush()
    db.session.delete(rule)


def delete_item(item: ScheduleItem) -> None:
    """Delete one item; if a rule made it, remember not to plan that occurrence again."""
    if item.rule_id is not None and item.occurrence_date is not None:
        exists = db.session.get(RuleException, (item.rule_id, item.occurrence_date))
        if exists is None:
            db.session.add(
                RuleException(rule_id=item.rule_id, occurrence_date=item.occurrence_date)
            )
    db.session.delete(item)


STALE_MESSAGE = (
    "Someone else changed this item after you opened it; it now shows their change. "
    "Make yours again if it still applies."
)


class StaleItem(FieldError):
    """A change made from a page that showed an older version of the item."""

    def __init__(self) -> None:
        super().__init__("version", STALE_MESSAGE)


def touch(item: ScheduleItem, now: datetime, seen_version: int | None = None) -> None:
    """Record that a person worked on ``item``: the planner leaves it alone from now on.

    The item's version goes up by one in a single conditional UPDATE. Given the
    version the person's page showed, a change made meanwhile by someone else
    (even in a transaction running at this very moment) raises :class:`StaleItem`;
    the caller rolls back, so nothing of the stale change is kept.
    """
    item.touched_at = now
    query = update(ScheduleItem).where(ScheduleItem.id == item.id)
    if seen_version is not None:
        query = query.where(ScheduleItem.version == seen_version)
    result = db.session.execute(
        query.values(version=ScheduleItem.version + 1),
        # A version is not shown in any feed.
        execution_options={"synchronize_session": False, "feed_visible": False},
    )
    if result.rowcount != 1:
        raise StaleItem()
    db.session.expire(item, ["version"])


def move_item(
    item: ScheduleItem, starts_at: datetime, now: datetime, seen_version: int | None = None
) -> None:
    """Reschedule ``item`` to ``starts_at`` keeping its length; it becomes touched."""
    length = item.ends_at - item.starts_at
    if starts_at != item.starts_at:
        item.starts_at, item.ends_at = starts_at, starts_at + length
        item.sequence += 1
    touch(item, now, seen_version)
