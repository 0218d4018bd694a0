"""The history on the item page and Settings → Activity: who changed what, escaped,
read by every member, changed by none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import ChangeRecord, ScheduleItem, User
from tests.factories import make_channel, make_item, make_user, make_workspace

TUESDAY_NOON = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


def log_in(app, user: User) -> FlaskClient:
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def team(app):
    make_workspace()
    owner = make_user("owner@example.com", is_owner=True)
    viewer = make_user("viewer@example.com", role="viewer")
    post = make_item(make_channel("blog"), TUESDAY_NOON)
    return log_in(app, owner), log_in(app, viewer), owner, post


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(ChangeRecord))


def test_the_item_page_shows_status_and_copy_changes_as_the_member(team) -> None:
    owner_client, _, owner, post = team
    owner_client.post(f"/items/{post.id}/status", data={"status": "in_review"})
    owner_client.post(
        f"/items/{post.id}/copy", data={"version": post.version, "body": "Winter tyres"}
    )
    page = owner_client.get(f"/items/{post.id}").get_data(as_text=True)
    history = page[page.index('id="history"') :]
    assert "owner@example.com" in history
    assert 'Draft</span> → <span class="history-after">In review' in history
    assert '<ins><span class="visually-hidden">added: </span>Winter tyres</ins>' in history
    # Newest first: the copy was saved after the status changed.
    assert history.index("Text") < history.index("Status")


def test_html_in_copy_shows_as_text_in_the_history(team) -> None:
    owner_client, _, _, post = team
    owner_client.post(
        f"/items/{post.id}/copy",
        data={"version": post.version, "body": "<script>alert(1)</script> <b>bold</b>"},
    )
    page = owner_client.get(f"/items/{post.id}").get_data(as_text=True)
    history = page[page.index('id="history"') :]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in history
    assert "<script>alert" not in history and "<b>bold" not in history


def test_a_refused_change_records_nothing_and_an_accepted_one_does(team) -> None:
    owner_client, _, _, post = team
    before = count()
    refused = owner_client.post(f"/items/{post.id}", data={"destination_url": "javascript:x"})
    assert refused.status_code == 200 and count() == before
    owner_client.post(f"/items/{post.id}", data={"destination_url": "https://acme.example/a"})
    assert count() == before + 1


def test_a_viewer_reads_the_history_but_cannot_change_anything(team) -> None:
    owner_client, viewer_client, _, post = team
    owner_client.post(f"/items/{post.id}/status", data={"status": "in_review"})
    before = count()
    assert "In review" in viewer_client.get(f"/items/{post.id}").get_data(as_text=True)
    assert "In review" in viewer_client.get("/settings/activity").get_data(as_text=True)
    refused = viewer_client.post(f"/items/{post.id}/status", data={"status": "skipped"})
    assert refused.status_code == 403
    assert count() == before
    assert db.session.get(ScheduleItem, post.id).status == "in_review"


def test_activity_filters_by_person_and_ignores_a_stranger(app, team) -> None:
    owner_client, _, _, post = team
    writer = make_user("writer@example.com")
    log_in(app, writer).post(f"/items/{post.id}", data={"notes": "By the writer"})
    owner_client.post(f"/items/{post.id}/status", data={"status": "in_review"})
    everyone = owner_client.get("/settings/activity").get_data(as_text=True)
    assert "writer@example.com" in everyone and "In review" in everyone
    mine = owner_client.get(f"/settings/activity?person={writer.id}").get_data(as_text=True)
    assert "By the writer" in mine and "In review" not in mine
    for odd in ("999", "x", "-1", "1" * 30):
        page = owner_client.get(f"/settings/activity?person={odd}")
        assert page.status_code == 200 and "In review" in page.get_data(as_text=True)
    assert f'href="/items/{post.id}"' in everyone  # the item still exists: a link


def test_activity_is_paged(team) -> None:
    owner_client, _, _, post = team
    db.session.add_all(
        ChangeRecord(
            at=TUESDAY_NOON, kind="item", entity_id=post.id, field="notes", after=f"n{i}",
            actor_label="system",
        )
        for i in range(105)
    )  # fmt: skip
    db.session.commit()
    first = owner_client.get("/settings/activity").get_data(as_text=True)
    assert "Older →" in first and "← Newer" not in first
    second = owner_client.get("/settings/activity?page=2").get_data(as_text=True)
    assert "← Newer" in second and "Older →" not in second
    assert "page 2" in second


def test_activity_needs_a_login(client) -> None:
    response = client.get("/settings/activity")
    assert response.status_code == 302
