"""What one person's weekly digest shows: read from the schedule and the results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from calendar_app.domain.activities import activity_label
from calendar_app.domain.cadence import local_to_utc, resolve_timezone
from calendar_app.domain.digest import Digest, DigestLine, WeekResults, html, subject, text
from calendar_app.domain.owners import DONE_STATUSES
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User, Workspace

from .mail import queue_mail
from .owners import waiting_for_review
from .top_content import period_totals, top_posts
from .transaction import unit_of_work


def digest_week(today: date) -> date:
    """The Monday the digest looks ahead from: today on a Monday, else the next Monday."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def _line(item: ScheduleItem, zone: str, item_url: Callable[[int], str]) -> DigestLine:
    when = item.starts_at.astimezone(resolve_timezone(item.channel.timezone or zone))
    what = f"{item.channel.name} · {activity_label(item.activity)}"
    if item.idea is not None:
        what += f": {item.idea.headline}"
    elif item.rule is not None and item.rule.label:
        what += f": {item.rule.label}"
    return DigestLine(when.replace(tzinfo=None), what, item_url(item.id))


def _week_items(user: User, monday: date, zone: str) -> list[ScheduleItem]:
    tz = resolve_timezone(zone)
    start = local_to_utc(datetime.combine(monday, time()), tz)
    end = local_to_utc(datetime.combine(monday + timedelta(days=7), time()), tz)
    query = (
        select(ScheduleItem)
        .options(
            joinedload(ScheduleItem.channel),
            joinedload(ScheduleItem.idea),
            joinedload(ScheduleItem.rule),
        )
        .where(
            ScheduleItem.assignee_id == user.id,
            ScheduleItem.starts_at >= start,
            ScheduleItem.starts_at < end,
            ScheduleItem.status.not_in(DONE_STATUSES),
        )
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    return list(db.session.scalars(query).unique())


def week_results(monday: date) -> WeekResults:
    """The counted results of the week before ``monday``, of the week before that, and that
    week's best post by visits."""
    last_monday = monday - timedelta(days=7)
    best = top_posts(last_monday, last_monday + timedelta(days=6))
    top = best[0] if best and best[0].figures.visits else None
    return WeekResults(
        period_totals(last_monday, last_monday + timedelta(days=6)),
        period_totals(last_monday - timedelta(days=7), last_monday - timedelta(days=1)),
        (top.headline or f"{top.channel} · {activity_label(top.activity)}", top.figures.visits)
        if top
        else None,
    )


def digest_for(
    user: User,
    workspace: Workspace,
    now: datetime,
    item_url: Callable[[int], str],
    **urls: str,
) -> Digest:
    """``user``'s digest for the week ahead; ``urls``: week_url, unsubscribe_url and
    settings_url (made by the caller, which knows the site's address)."""
    zone = workspace.timezone
    monday = digest_week(now.astimezone(resolve_timezone(zone)).date())
    return Digest(
        workspace=workspace.name,
        week_start=monday,
        items=[_line(i, zone, item_url) for i in _week_items(user, monday, zone)],
        reviews=[_line(i, zone, item_url) for i in waiting_for_review(user)],
        results=week_results(monday),
        **urls,
    )


@dataclass(frozen=True)
class DigestLinks:
    """How the caller, which knows the site's address, makes a digest's links."""

    item: Callable[[int], str]
    week: Callable[[date], str]
    unsubscribe: Callable[[User], str]
    settings: str


@unit_of_work()
def queue_digests(workspace: Workspace, now: datetime, links: DigestLinks) -> int:
    """Queue the week ahead's digest of every member who gets it (Account page); how many.

    Each member's digest of a week is queued once, however often this runs."""
    week_url = links.week(digest_week(now.astimezone(resolve_timezone(workspace.timezone)).date()))
    queued = 0
    for user in db.session.scalars(select(User).where(User.mail_digest.is_(True))):
        unsubscribe = links.unsubscribe(user)
        digest = digest_for(
            user,
            workspace,
            now,
            links.item,
            week_url=week_url,
            unsubscribe_url=unsubscribe,
            settings_url=links.settings,
        )
        key = f"digest:{user.id}:{digest.week_start.isoformat()}"
        parts = subject(digest), text(digest), html(digest)
        queued += queue_mail(user, "digest", *parts, key, unsubscribe_url=unsubscribe) is not None
    return queued
