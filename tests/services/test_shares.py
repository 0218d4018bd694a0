"""Share links: made with a secret shown once, revoked at once, opened only while live."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.domain.shares import ShareError
from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db
from calendar_app.models import ShareLink
from calendar_app.services import shares
from tests.factories import make_channel, make_item, make_user, make_workspace

ZONE = "Europe/Berlin"


def share(**values: object) -> tuple[ShareLink, str]:
    return shares.create_share(
        {"label": "Client", "all_channels": True, **values}, None, app_now(), ZONE
    )


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(ShareLink))


def test_a_new_link_stores_only_the_digest_of_its_token(app) -> None:
    owner = make_user(is_owner=True)
    link, token = shares.create_share(
        {"label": " Client ", "all_channels": True, "show_notes": True}, owner, app_now(), ZONE
    )
    assert len(token) >= 43 and link.token_digest == digest_token(token)
    assert token not in {link.label, link.token_digest}
    assert (link.label, link.show_notes, link.created_by, link.expires_at) == (
        "Client",
        True,
        owner,
        None,
    )
    assert shares.share_for_token(token, app_now()) == link


def test_the_last_day_works_to_its_midnight_where_the_team_is(app) -> None:
    link, token = share(expires_on=date(2026, 11, 30))
    assert link.expires_at == datetime(2026, 11, 30, 23, tzinfo=UTC)  # Berlin midnight
    assert shares.share_for_token(token, datetime(2026, 11, 30, 22, 59, tzinfo=UTC)) == link
    assert shares.share_for_token(token, datetime(2026, 11, 30, 23, tzinfo=UTC)) is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"label": ""}, "label"),
        ({"label": "x" * 121}, "label"),
        ({"expires_on": date(2026, 11, 22)}, "expires_on"),
        ({"expires_on": date(2027, 11, 24)}, "expires_on"),
        ({"all_channels": False, "channel_ids": []}, "channel_ids"),
        ({"all_channels": False, "channel_ids": [999]}, "channel_ids"),
        ({"all_channels": False, "channel_ids": ["blog"]}, "channel_ids"),
    ],
)
def test_a_link_that_cannot_be_made_as_asked_changes_nothing(app, values, field) -> None:
    make_workspace()
    make_channel("blog")
    with pytest.raises(ShareError) as caught:
        share(**values)
    assert caught.value.field == field and count() == 0


def test_a_link_of_chosen_channels_shows_only_their_items(app) -> None:
    make_workspace()
    blog, video = make_channel("blog"), make_channel("youtube")
    when = datetime(2026, 11, 25, 8, tzinfo=UTC)
    post, clip = make_item(blog, when), make_item(video, when, "video")
    chosen, _ = share(all_channels=False, channel_ids=[blog.id])
    every, _ = share()
    window = (when - timedelta(days=1), when + timedelta(days=1))
    assert shares.shared_items(chosen, *window) == [post]
    assert shares.shared_items(every, *window) == [post, clip]
    assert shares.shared_items(every, when + timedelta(hours=1), window[1]) == []


def test_revoking_stops_the_link_at_once_and_twice_is_harmless(app) -> None:
    link, token = share(expires_on=date(2027, 1, 1))
    assert shares.revoke_share(link, app_now()) is True
    assert shares.share_for_token(token, app_now()) is None
    revoked_at = link.revoked_at
    assert shares.revoke_share(link, app_now() + timedelta(hours=1)) is False
    assert link.revoked_at == revoked_at and count() == 1  # the owner still sees it, revoked


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1],
        lambda t: t + "x",
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t.upper(),
        lambda t: "",
        lambda t: t * 50,
        lambda t: digest_token(t),  # the stored digest is not a key
    ],
)
def test_a_tampered_token_opens_nothing(app, tamper) -> None:
    link, token = share()
    assert shares.share_for_token(token, app_now()) == link
    assert shares.share_for_token(tamper(token), app_now()) is None


def test_the_newest_links_are_listed_first(app) -> None:
    first, _ = share(label="First")
    second, _ = share(label="Second")
    assert list(shares.all_shares()) == [second, first]


def test_the_last_use_is_noted_at_most_every_few_minutes(app) -> None:
    link, _ = share()
    now = app_now()
    shares.note_use(link, now)
    assert link.last_used_at == now
    shares.note_use(link, now + timedelta(minutes=1))
    assert link.last_used_at == now
    shares.note_use(link, now + timedelta(minutes=6))
    assert link.last_used_at == now + timedelta(minutes=6)
