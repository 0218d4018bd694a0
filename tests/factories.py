"""Plain factory functions for test data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from calendar_app.domain.activities import DEFAULT_DURATIONS
from calendar_app.domain.tokens import derive_feed_token
from calendar_app.domain.tracking import normalise_utm
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Campaign,
    Channel,
    Idea,
    ScheduleItem,
    User,
    Workspace,
)
from calendar_app.services import accounts


def make_workspace(**fields: Any) -> Workspace:
    """A workspace in Europe/Berlin with 10 hours a week, planned up to 20 Dec 2026."""
    values: dict[str, Any] = {
        "name": "Acme Bikes",
        "timezone": "Europe/Berlin",
        "hours_per_week": 10.0,
        "site_url": "https://acme.example/",
        "planned_until": date(2026, 12, 20),
    }
    values.update(fields)
    workspace = Workspace(**values)
    db.session.add(workspace)
    db.session.commit()
    return workspace


def make_channel(slug: str = "linkedin", **fields: Any) -> Channel:
    """A social channel called after its slug."""
    values: dict[str, Any] = {
        "name": slug.title(),
        "slug": slug,
        "utm_source": slug,
        "utm_medium": "social",
    }
    values.update(fields)
    channel = Channel(**values)
    db.session.add(channel)
    db.session.commit()
    return channel


def make_rule(channel: Channel, **fields: Any) -> CadenceRule:
    """A post every Monday, Wednesday and Friday at 09:00 from 23 Nov 2026."""
    values: dict[str, Any] = {
        "activity": "post",
        "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "time_of_day": time(9, 0),
        "starts_on": date(2026, 11, 23),
    }
    values.update(fields)
    rule = CadenceRule(channel=channel, **values)
    db.session.add(rule)
    db.session.commit()
    return rule


def make_campaign(
    name: str = "Winter push", channels: list[Channel] | None = None, **fields: Any
) -> Campaign:
    """A campaign whose token is its name as a tracking value, on ``channels`` (default:
    every channel)."""
    values = {"token": normalise_utm(name), "colour": "#1f5fbf", "goal": "", **fields}
    campaign = Campaign(name=name, **values)
    campaign.channels = (
        channels if channels is not None else list(db.session.scalars(select(Channel)))
    )
    db.session.add(campaign)
    db.session.commit()
    return campaign


def make_idea(headline: str = "Winter cycling for beginners", **fields: Any) -> Idea:
    """A headline in the idea bank (backlog unless told otherwise)."""
    idea = Idea(headline=headline, **fields)
    db.session.add(idea)
    db.session.commit()
    return idea


def make_item(
    channel: Channel, starts_at: datetime, activity: str = "post", **fields: Any
) -> ScheduleItem:
    """A one-off item on ``channel`` lasting its activity's default duration."""
    ends_at = starts_at + timedelta(minutes=DEFAULT_DURATIONS[activity])
    item = ScheduleItem(
        channel=channel, activity=activity, starts_at=starts_at, ends_at=ends_at, **fields
    )
    db.session.add(item)
    db.session.commit()
    return item


def make_user(
    email: str = "member@example.com", password: str = "long enough pw", **kw: Any
) -> User:
    """An account with a password and a feed token."""
    return accounts.create_user(email, password, secret_key(), **kw)


def secret_key() -> str:
    """The test app's secret key (feed tokens are derived from it)."""
    return str(current_app.config["SECRET_KEY"])


def feed_token(user: User) -> str:
    """The user's current feed token."""
    return derive_feed_token(secret_key(), user.feed_salt or "")


def reset_feed_token(user: User) -> str:
    """Give the user a new feed token (the old one stops working) and return it."""
    return accounts.reset_feed_token(user, secret_key())
