"""Saving a post's copy: limits per network, versions kept, stale saves refused; hashtag sets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import CopyVersion, HashtagSet, ItemCopy
from calendar_app.services.copy import (
    CopyError,
    delete_hashtag_set,
    draft_for,
    save_copy,
    save_hashtag_set,
    versions_of,
)
from calendar_app.services.planner import StaleItem
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace


@pytest.fixture
def post(app):
    """A planned X post with a headline, in a workspace with a site URL, and its writer."""
    workspace = make_workspace()
    channel = make_channel("x", network="x")
    item = make_item(channel, app_now() + timedelta(days=2), idea=make_idea())
    return item, workspace, make_user()


def save(item, workspace, user, seen=None, **values):
    return save_copy(item, values, user, workspace, app_now(), seen)


def test_the_first_save_stores_the_copy_and_touches_the_item(post) -> None:
    item, workspace, user = post
    now = app_now()
    assert save_copy(item, {"body": "Winter tyres: {link}"}, user, workspace, now, 1) == []
    assert (item.copy.body, item.copy.saved_by_id, item.copy.saved_at) == (
        "Winter tyres: {link}", user.id, now,
    )  # fmt: skip
    assert item.touched and item.version == 2
    assert versions_of(item) == []


def test_every_later_save_keeps_the_previous_text_with_who_and_when(post) -> None:
    item, workspace, user = post
    other = make_user("other@example.com")
    save(item, workspace, user, body="First")
    save(item, workspace, other, body="Second")
    save(item, workspace, user, body="Third")
    assert item.copy.body == "Third"
    assert [(v.body, v.saved_by_id) for v in versions_of(item)] == [
        ("Second", other.id), ("First", user.id),
    ]  # fmt: skip


def test_saving_the_same_text_keeps_no_version(post) -> None:
    item, workspace, user = post
    save(item, workspace, user, body="Same")
    save(item, workspace, user, body="Same  \n")
    assert db.session.scalar(select(func.count()).select_from(CopyVersion)) == 0


def test_a_save_from_an_older_page_is_refused_and_keeps_the_newer_text(post) -> None:
    item, workspace, user = post
    seen = item.version
    save(item, workspace, user, seen, body="Theirs")
    with pytest.raises(StaleItem):
        save(item, workspace, user, seen, body="Mine")
    db.session.expire_all()
    assert item.copy.body == "Theirs" and versions_of(item) == []


def test_over_x_s_limit_is_refused_and_nothing_is_saved(post) -> None:
    item, workspace, user = post
    save(item, workspace, user, body="Kept")
    version = item.version
    with pytest.raises(CopyError, match="X/Twitter allows 280") as caught:
        save(item, workspace, user, body="x" * 257)  # the link (23) and its line break count
    assert caught.value.field == "body"
    db.session.expire_all()
    assert item.copy.body == "Kept" and item.version == version and versions_of(item) == []
    save(item, workspace, user, body="x" * 256)
    assert len(item.copy.body) == 256


def test_over_a_truncating_network_s_limit_is_saved_with_a_warning(app) -> None:
    workspace = make_workspace()
    item = make_item(make_channel("pins", network="pinterest"), app_now() + timedelta(days=1))
    warnings = save_copy(item, {"body": "p" * 600}, None, workspace, app_now())
    assert item.copy.body == "p" * 600
    assert warnings and "cuts the rest off" in warnings[0]


def test_a_mastodon_channel_s_own_limit_counts(app) -> None:
    workspace = make_workspace(site_url="")
    channel = make_channel("mastodon", network="mastodon", own_limit=1000)
    item = make_item(channel, app_now() + timedelta(days=1))
    save_copy(item, {"body": "m" * 1000}, None, workspace, app_now())
    with pytest.raises(CopyError, match="allows 1,000"):
        save_copy(item, {"body": "m" * 1001}, None, workspace, app_now())


def test_an_article_keeps_title_summary_and_outline_and_a_post_only_its_text(app) -> None:
    workspace = make_workspace()
    blog = make_item(make_channel("blog", network="blog"), app_now() + timedelta(days=1))
    values = {"title": " Winter tyres ", "body": "Lead", "outline": "1. Why\n2. How"}
    save_copy(blog, values, None, workspace, app_now())
    assert (blog.copy.title, blog.copy.body, blog.copy.outline) == (
        "Winter tyres", "Lead", "1. Why\n2. How",
    )  # fmt: skip
    post = make_item(make_channel("linkedin", network="linkedin"), app_now() + timedelta(days=1))
    save_copy(post, values, None, workspace, app_now())
    assert (post.copy.title, post.copy.body, post.copy.outline) == ("", "Lead", "")


def test_a_title_with_a_line_break_is_refused(app) -> None:
    workspace = make_workspace()
    video = make_item(make_channel("youtube", network="youtube"), app_now(), activity="video")
    with pytest.raises(CopyError, match="single line"):
        save_copy(video, {"title": "One\ntwo", "body": ""}, None, workspace, app_now())
    assert db.session.scalar(select(func.count()).select_from(ItemCopy)) == 0
    save_copy(video, {"title": "One two", "body": "Desc"}, None, workspace, app_now())
    assert video.copy.title == "One two"


def test_a_second_slot_of_the_same_headline_starts_from_the_first_draft(post) -> None:
    item, workspace, user = post
    linkedin = make_channel("linkedin", network="linkedin")
    second = make_item(linkedin, item.starts_at, idea=item.idea)
    assert draft_for(second).body == ""
    save(item, workspace, user, body="The shared draft")
    draft = draft_for(second)
    assert (draft.body, draft.shared) == ("The shared draft", True)
    assert second.copy is None  # nothing is saved for it until someone does
    save_copy(second, {"body": "Its own"}, user, workspace, app_now())
    assert (draft_for(second).body, draft_for(second).shared) == ("Its own", False)
    assert draft_for(item).body == "The shared draft"
    other = make_item(linkedin, item.starts_at, idea=make_idea("Another headline"))
    assert draft_for(other).body == ""


def test_hashtag_sets_are_saved_replaced_by_name_and_deleted(app) -> None:
    channel = make_channel("instagram", network="instagram")
    tag_set = save_hashtag_set(channel, "Winter", "#winter, bikes")
    assert (tag_set.name, tag_set.tag_list) == ("Winter", ["#winter", "#bikes"])
    save_hashtag_set(channel, "Winter", "#snow")
    assert [(s.name, s.tags) for s in channel.hashtag_sets] == [("Winter", "#snow")]
    delete_hashtag_set(channel.hashtag_sets[0])
    assert db.session.scalar(select(func.count()).select_from(HashtagSet)) == 0


@pytest.mark.parametrize(
    ("name", "tags", "field"),
    [("Winter", "#summer sale", "tags"), ("Winter", ", ".join(f"#t{n}" for n in range(31)), "tags"),
     ("", "#ok", "set_name"), ("x" * 61, "#ok", "set_name"), ("Two\nlines", "#ok", "set_name")],
)  # fmt: skip
def test_a_bad_hashtag_set_is_refused_and_nothing_is_saved(app, name, tags, field) -> None:
    channel = make_channel("instagram", network="instagram")
    with pytest.raises(CopyError) as caught:
        save_hashtag_set(channel, name, tags)
    assert caught.value.field == field
    assert db.session.scalar(select(func.count()).select_from(HashtagSet)) == 0
