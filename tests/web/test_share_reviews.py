"""A client reviews posts through a share link the owner allowed it on: approve, or ask for
changes with a note, under their name; every refusal changes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, ShareLink
from calendar_app.services import shares
from tests.factories import make_channel, make_idea, make_item

WHEN = datetime(2026, 11, 25, 8, tzinfo=UTC)


@pytest.fixture
def plan(logged_in):
    """A blog post in review, a draft, and a video in review on YouTube."""
    blog, video = make_channel("blog", name="Blog"), make_channel("youtube", name="YouTube")
    post = make_item(blog, WHEN, idea=make_idea("Winter tyres explained"), status="in_review")
    draft = make_item(blog, WHEN + timedelta(hours=2), status="draft")
    clip = make_item(video, WHEN + timedelta(days=1), "video", status="in_review")
    return post, draft, clip


def link(allow: bool = True, **values) -> tuple[ShareLink, str]:
    values = {"label": "Client review", "all_channels": True, "allow_approval": allow, **values}
    return shares.create_share(values, None, app_now(), "UTC")


def fresh(item: ScheduleItem) -> ScheduleItem:
    db.session.expire_all()
    return db.session.get(ScheduleItem, item.id)


def send(client, token: str, item: ScheduleItem, **fields):
    form = {"version": str(fresh(item).version), "name": "Ana Client", **fields}
    return client.post(f"/share/{token}/items/{item.id}/review", data=form)


def test_the_owner_allows_reviews_per_link_and_it_is_off_unless_ticked(plan, logged_in) -> None:
    page = logged_in.get("/settings/shares").text
    assert "Viewers may approve or ask for changes" in page
    logged_in.post("/settings/shares", data={"label": "Plain", "scope": "all"})
    logged_in.post(
        "/settings/shares", data={"label": "Reviews", "scope": "all", "allow_approval": "y"}
    )
    found = {s.label: s.allow_approval for s in db.session.scalars(select(ShareLink))}
    assert found == {"Plain": False, "Reviews": True}
    assert "takes reviews" in logged_in.get("/settings/shares").text


def test_only_posts_in_review_get_the_form_and_only_on_a_link_that_allows_it(plan, app) -> None:
    post, draft, clip = plan
    _share, token = link()
    page = app.test_client().get(f"/share/{token}").text
    assert f'id="review-{post.id}"' in page
    assert f'id="review-{draft.id}"' not in page
    assert 'name="csrf_token"' in page
    december = app.test_client().get(f"/share/{token}?month=2026-11").text
    assert f'id="review-{clip.id}"' in december
    _plain, plain = link(allow=False)
    assert "review-" not in app.test_client().get(f"/share/{plain}").text


def test_approving_moves_the_post_on_and_records_who_through_which_link(
    plan, app, logged_in
) -> None:
    post, _draft, _clip = plan
    _share, token = link()
    guest = app.test_client()
    response = send(guest, token, post, decision="approve", name="  Ana Client ")
    assert response.status_code == 302
    assert response.location.endswith(f"/share/{token}?month=2026-11#item-{post.uid[:12]}")
    item = fresh(post)
    assert item.status == "approved" and item.approved_by is None
    assert item.approved_through == "Ana Client (through share link “Client review”)"
    assert item.approved_at is not None and item.approved_text
    page = guest.get(response.location).text
    assert "Approved “Winter tyres explained”" in page
    assert f'id="review-{post.id}"' not in page  # nothing left to review
    mine = logged_in.get(f"/items/{post.id}").text
    assert "Approved by Ana Client (through share link “Client review”)" in mine


def test_asking_for_changes_sends_the_post_back_to_draft_with_the_note(
    plan, app, logged_in
) -> None:
    post, _draft, _clip = plan
    _share, token = link()
    response = send(app.test_client(), token, post, decision="changes", note="Less <jargon>")
    assert response.status_code == 302
    item = fresh(post)
    assert (item.status, item.review_note, item.approved_through) == (
        "draft",
        "Less <jargon>",
        "",
    )
    assert "Changes asked for: Less &lt;jargon&gt;" in logged_in.get(f"/items/{post.id}").text


def test_a_team_approval_later_forgets_the_link_approval(plan, app, logged_in) -> None:
    post, _draft, _clip = plan
    _share, token = link()
    send(app.test_client(), token, post, decision="approve")
    logged_in.post(f"/items/{post.id}/status", data={"status": "draft"})
    logged_in.post(f"/items/{post.id}/status", data={"status": "approved"})
    assert fresh(post).approved_through == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "", "decision": "approve"}, "Type your name"),
        ({"name": "   ", "decision": "approve"}, "Type your name"),
        ({"name": "x" * 81, "decision": "approve"}, "at most 80"),
        ({"name": "Ana\nClient", "decision": "approve"}, "must be a single line"),
        ({"decision": "changes", "note": "  "}, "Say what should change"),
        ({"decision": "changes", "note": "x" * 2001}, "at most 2,000"),
        ({"decision": "publish"}, "Approve the post or ask for changes"),
        ({}, "Approve the post or ask for changes"),
    ],
)
def test_an_incomplete_review_is_explained_and_changes_nothing(plan, app, fields, message):
    post, _draft, _clip = plan
    _share, token = link()
    before = fresh(post).version
    response = send(app.test_client(), token, post, **fields)
    assert response.status_code == 400 and message in response.text
    assert f'id="review-{post.id}"' in response.text  # the form again, to fix it
    item = fresh(post)
    assert (item.status, item.version, item.review_note) == ("in_review", before, "")


def test_the_longest_name_and_note_are_still_taken(plan, app) -> None:
    post, _draft, clip = plan
    _share, token = link()
    assert (
        send(app.test_client(), token, post, name="x" * 80, decision="approve").status_code == 302
    )
    note = "y" * 2000
    assert send(app.test_client(), token, clip, decision="changes", note=note).status_code == 302
    assert fresh(post).status == "approved" and fresh(clip).review_note == note


def test_what_was_typed_comes_back_with_the_error(plan, app) -> None:
    post, _draft, _clip = plan
    _share, token = link()
    response = send(app.test_client(), token, post, name="Ana <b>", decision="changes")
    assert 'value="Ana &lt;b&gt;"' in response.text


def test_a_post_that_changed_since_the_page_loaded_is_refused(plan, app) -> None:
    post, _draft, _clip = plan
    _share, token = link()
    stale = str(fresh(post).version + 1)
    response = send(app.test_client(), token, post, decision="approve", version=stale)
    assert response.status_code == 409
    assert "The post changed since you opened this page" in response.text
    assert fresh(post).status == "in_review"


def test_a_post_no_longer_in_review_is_refused(plan, app) -> None:
    _post, draft, _clip = plan
    _share, token = link()
    response = send(app.test_client(), token, draft, decision="approve")
    assert response.status_code == 400 and "not waiting for a review" in response.text
    assert fresh(draft).status == "draft"


def test_a_link_that_does_not_take_reviews_refuses_them(plan, app) -> None:
    post, _draft, _clip = plan
    _share, token = link(allow=False)
    assert send(app.test_client(), token, post, decision="approve").status_code == 403
    assert fresh(post).status == "in_review"


def test_a_revoked_expired_or_unknown_link_or_a_channel_not_shared_is_not_found(
    plan, app, clock
) -> None:
    post, _draft, clip = plan
    guest = app.test_client()
    blog_only, token = link(all_channels=False, channel_ids=[post.channel_id])
    assert send(guest, token, clip, decision="approve").status_code == 404
    assert send(guest, "x" * 43, post, decision="approve").status_code == 404
    assert send(guest, token, post, decision="changes", note="No").status_code == 302
    revoked, old = link()
    shares.revoke_share(revoked, app_now())
    assert send(guest, old, clip, decision="approve").status_code == 404
    _ending, ending = link(expires_on=app_now().date())
    clock.advance(days=2)
    assert send(guest, ending, clip, decision="approve").status_code == 404
    assert fresh(clip).status == "in_review"


def test_the_review_form_needs_the_csrf_token_of_the_viewers_session(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from tests.factories import make_workspace

        make_workspace()
        post = make_item(make_channel("blog"), WHEN, status="in_review")
        _share, token = link()
        guest = app.test_client()
        page = guest.get(f"/share/{token}").text
        (csrf,) = re.findall(r'name="csrf_token" value="([^"]+)"', page)
        form = {"version": str(fresh(post).version), "name": "Ana", "decision": "approve"}
        refused = guest.post(f"/share/{token}/items/{post.id}/review", data=form)
        assert refused.status_code == 400 and fresh(post).status == "in_review"
        other = app.test_client()
        stolen = other.post(
            f"/share/{token}/items/{post.id}/review", data={**form, "csrf_token": csrf}
        )
        assert stolen.status_code == 400 and fresh(post).status == "in_review"
        taken = guest.post(
            f"/share/{token}/items/{post.id}/review", data={**form, "csrf_token": csrf}
        )
        assert taken.status_code == 302 and fresh(post).status == "approved"
