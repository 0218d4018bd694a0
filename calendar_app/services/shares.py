"""Share links: made and revoked by the owner, opened by anyone who has the address.

Only each link's digest is stored; the secret token is returned once, when the
link is made. A revoked, expired or unknown token opens nothing, and the viewer
cannot tell which of the three it was.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.shares import ShareError, check_label, check_last_day, is_live
from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, ShareLink, User, share_link_channel

from .agenda import items_between
from .transaction import unit_of_work

# How often a link's "last used" is written: a viewer's every page is not a write.
LAST_USED_EVERY = timedelta(minutes=5)
# A digest that matches no stored link: compared against when none is found, so an unknown
# token costs the same comparison as a known one.
_NO_DIGEST = "0" * 64


@unit_of_work()
def create_share(
    values: dict[str, object], created_by: User | None, now: datetime, zone: str
) -> tuple[ShareLink, str]:
    """A new share link and its secret token (returned once, never stored).

    ``values``: ``label``, ``all_channels``, ``channel_ids`` (when not all), ``show_notes``,
    ``allow_approval`` and ``expires_on`` (the last day it works, in ``zone``; None: no end).
    """
    label = check_label(str(values.get("label") or ""))
    last_day = values.get("expires_on")
    today = now.astimezone(resolve_timezone(zone)).date()
    check_last_day(last_day if isinstance(last_day, date) else None, today)
    all_channels = bool(values.get("all_channels"))
    channels = [] if all_channels else _chosen_channels(values.get("channel_ids"))
    token = secrets.token_urlsafe(32)
    share = ShareLink(
        label=label,
        token_digest=digest_token(token),
        all_channels=all_channels,
        show_notes=bool(values.get("show_notes")),
        allow_approval=bool(values.get("allow_approval")),
        expires_at=_end_of(last_day, zone) if isinstance(last_day, date) else None,
        created_by=created_by,
        created_at=now,
        channels=channels,
    )
    db.session.add(share)
    return share, token


def _chosen_channels(ids: object) -> list[Channel]:
    """The channels a link shows when not all: at least one, each of them existing."""
    try:
        wanted = {int(i) for i in ids} if isinstance(ids, list | tuple | set) else set()
    except (TypeError, ValueError):
        raise ShareError("channel_ids", "Pick the channels from the list.") from None
    if not wanted:
        raise ShareError("channel_ids", "Pick at least one channel, or share every channel.")
    found = list(db.session.scalars(select(Channel).where(Channel.id.in_(wanted))))
    if len(found) != len(wanted):
        raise ShareError("channel_ids", "A chosen channel no longer exists; pick again.")
    return found


def _end_of(last_day: date, zone: str) -> datetime:
    """The moment a link whose last day is ``last_day`` stops: the next midnight in ``zone``."""
    following = last_day + timedelta(days=1)
    return datetime(following.year, following.month, following.day, tzinfo=resolve_timezone(zone))


@unit_of_work()
def revoke_share(share: ShareLink, now: datetime) -> bool:
    """Stop a link at once; False if it was revoked already (nothing changes then)."""
    if share.revoked_at is not None:
        return False
    share.revoked_at = now
    return True


def all_shares() -> Sequence[ShareLink]:
    """Every share link, the newest first (revoked and expired ones too, marked as such)."""
    return db.session.scalars(
        select(ShareLink).order_by(ShareLink.created_at.desc(), ShareLink.id.desc())
    ).all()


def share_for_token(token: str, now: datetime) -> ShareLink | None:
    """The live link a token opens; None when it is unknown, revoked or expired.

    The token is hashed whatever its length, and the digests compared in constant
    time, so how long the answer takes tells nothing about how close a guess was.
    """
    digest = digest_token(token[:200])
    share = db.session.scalar(select(ShareLink).where(ShareLink.token_digest == digest))
    matches = hmac.compare_digest(digest, share.token_digest if share else _NO_DIGEST)
    if share is None or not matches or not is_live(share.revoked_at, share.expires_at, now):
        return None
    return share


def note_use(share: ShareLink, now: datetime) -> None:
    """Remember when the link was last opened (at most every few minutes)."""
    if share.last_used_at is not None and now - share.last_used_at < LAST_USED_EVERY:
        return
    with unit_of_work():
        share.last_used_at = now


def shared_items(share: ShareLink, start: datetime, end: datetime) -> list[ScheduleItem]:
    """The items of the link's channels starting in ``[start, end)``, in time order."""
    query = items_between(start, end)
    if not share.all_channels:
        chosen = select(share_link_channel.c.channel_id).where(
            share_link_channel.c.share_link_id == share.id
        )
        query = query.where(ScheduleItem.channel_id.in_(chosen))
    return list(db.session.scalars(query).unique())
