"""The inbox page and the count in the header: mentions and review requests, marked read."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import InboxEntry
from calendar_app.services.comments import add_comment
from calendar_app.services.items import set_status
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace
from tests.web.test_comments import log_in

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def setup_team():
    make_workspace()
    owner = make_user("owner@example.com", is_owner=True)
    writer = make_user("ana@example.com", role="contributor")
    viewer = make_user("vic@example.com", role="viewer")
    return owner, writer, viewer


def test_the_header_counts_unread_entries_and_the_inbox_lists_them(app) -> None:
    owner, writer, _ = setup_team()
    client = log_in(app, owner)
    assert 'class="inbox-link"' in client.get("/week").get_data(as_text=True)
    assert 'class="count"' not in client.get("/week").get_data(as_text=True)
    post = make_item(make_channel(), NOW, idea=make_idea("Winter tyres <explained>"))
    set_status(post, "in_review", NOW, by=writer)
    add_comment(make_idea("Cold rides"), writer, "What do you think, @owner?", NOW)
    page = client.get("/week").get_data(as_text=True)
    assert '<span class="count">2<span class="visually-hidden"> unread</span>' in page
    inbox = client.get("/inbox/").get_data(as_text=True)
    assert "ana</strong> asked for a review" in inbox
    assert "Winter tyres &lt;explained&gt;" in inbox and f"/items/{post.id}" in inbox
    assert "ana</strong> mentioned you" in inbox and "What do you think, @owner?" in inbox
    assert "Mark all read" in inbox


def test_marking_read_one_or_all_and_never_someone_elses(app) -> None:
    owner, writer, viewer = setup_team()
    add_comment(make_idea(), writer, "@owner and @vic", NOW)
    mine = db.session.scalars(select(InboxEntry).where(InboxEntry.user_id == owner.id)).one()
    theirs = db.session.scalars(select(InboxEntry).where(InboxEntry.user_id == viewer.id)).one()
    client = log_in(app, owner)
    answer = client.post(f"/inbox/{theirs.id}/read", follow_redirects=True)
    assert "not in your inbox" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert theirs.read_at is None
    client.post(f"/inbox/{mine.id}/read")
    db.session.expire_all()
    assert mine.read_at is not None
    page = client.get("/inbox/").get_data(as_text=True)
    assert 'class="count"' not in page and "Mark all read" not in page
    # A viewer reads and may mark their own inbox read.
    seen = log_in(app, viewer)
    answer = seen.post("/inbox/read", follow_redirects=True)
    assert "Marked 1 read." in answer.get_data(as_text=True)
    assert "Nothing was unread." in seen.post("/inbox/read", follow_redirects=True).get_data(
        as_text=True
    )


def test_the_inbox_needs_a_login(app) -> None:
    setup_team()
    assert app.test_client().get("/inbox/").status_code == 302
