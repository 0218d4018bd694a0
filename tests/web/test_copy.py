"""The copy editor on an item's page, Copy post with the real text, and channels' networks
and hashtag sets."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.domain.item_links import link_for
from calendar_app.extensions import db
from calendar_app.models import Channel, CopyVersion, HashtagSet, ItemCopy, Workspace
from tests.factories import make_channel, make_idea, make_item


@pytest.fixture
def post(logged_in):
    """An X post with a headline, two days from now, and a hashtag set on its channel."""
    channel = make_channel("x", name="X", network="x")
    db.session.add(HashtagSet(channel=channel, name="Winter", tags="#winter #bikes"))
    return make_item(channel, app_now() + timedelta(days=2), idea=make_idea("Winter tyres"))


def page_of(client, item) -> str:
    return client.get(f"/items/{item.id}").get_data(as_text=True)


def real_link(item) -> str:
    return link_for(item, db.session.scalar(select(Workspace))).url


def test_the_editor_shows_the_network_s_limit_the_counter_and_hashtag_sets(logged_in, post):
    page = page_of(logged_in, post)
    assert "Copy for X/Twitter" in page and 'data-limit="280"' in page
    assert 'data-weighted="yes"' in page and 'data-short-links="yes"' in page
    assert "23 / 280 characters, with the link" in page  # the link alone counts 23
    assert 'data-insert="#winter #bikes"' in page and "Insert Winter" in page
    assert "copy_editor.js" in page


def test_saved_copy_shows_in_the_preview_and_copy_post_copies_it_with_the_link(logged_in, post):
    response = logged_in.post(
        f"/items/{post.id}/copy",
        data={"version": post.version, "body": "New tyres are in: {link} #winter"},
    )
    assert response.status_code == 302
    page = html.unescape(page_of(logged_in, post))
    url = real_link(post)
    assert f'data-copy="New tyres are in: {url} #winter"' in page
    assert '<span class="tag">#winter</span>' in page
    week = html.unescape(logged_in.get("/week").get_data(as_text=True))
    assert f'data-copy="New tyres are in: {url} #winter"' in week  # the week's Copy post too


def test_copy_over_x_s_limit_is_refused_and_the_text_stays_in_the_form(logged_in, post):
    logged_in.post(f"/items/{post.id}/copy", data={"version": post.version, "body": "Kept"})
    db.session.refresh(post)
    long_text = "x" * 300
    response = logged_in.post(
        f"/items/{post.id}/copy", data={"version": post.version, "body": long_text}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was saved" in page and "X/Twitter allows 280; shorten it by 44" in page
    assert f">{long_text}</textarea>" in page and 'class="counter over"' in page
    db.session.expire_all()
    assert post.copy.body == "Kept"
    assert db.session.scalar(select(func.count()).select_from(CopyVersion)) == 0


def test_a_save_from_an_older_page_is_refused_and_keeps_both_texts(logged_in, post):
    seen = post.version
    logged_in.post(f"/items/{post.id}/copy", data={"version": seen, "body": "Theirs"})
    response = logged_in.post(f"/items/{post.id}/copy", data={"version": seen, "body": "Mine"})
    page = response.get_data(as_text=True)
    assert "Your text is still in the form below" in page and ">Mine</textarea>" in page
    db.session.expire_all()
    assert post.copy.body == "Theirs"


def test_the_versions_list_shows_earlier_texts_with_who_and_when(logged_in, post):
    for body in ("First draft", "Second draft", "Final"):
        db.session.refresh(post)
        logged_in.post(f"/items/{post.id}/copy", data={"version": post.version, "body": body})
    page = page_of(logged_in, post)
    assert "Earlier versions (2)" in page and "owner@example.com" in page
    assert page.index("Second draft") < page.index("First draft")


def test_a_pinterest_post_over_its_limit_is_saved_with_a_warning(logged_in):
    channel = make_channel("pinterest", name="Pinterest", network="pinterest")
    item = make_item(channel, app_now() + timedelta(days=1))
    response = logged_in.post(
        f"/items/{item.id}/copy", data={"version": item.version, "body": "p" * 600},
        follow_redirects=True,
    )  # fmt: skip
    assert "Pinterest allows 500 and cuts the rest off" in response.get_data(as_text=True)
    assert item.copy.body == "p" * 600


def test_an_article_gets_title_summary_and_outline(logged_in):
    item = make_item(make_channel("blog", name="Blog", network="blog"), app_now())
    page = page_of(logged_in, item)
    assert all(f'id="copy-{name}"' in page for name in ("title", "body", "outline"))
    assert "Summary or lead" in page and "No length limit on Blog" in page


def test_reply_time_has_no_copy_and_cannot_be_given_any(logged_in):
    item = make_item(make_channel("x", network="x"), app_now(), activity="reply")
    assert "copy-editor" not in page_of(logged_in, item)
    response = logged_in.post(f"/items/{item.id}/copy", data={"body": "Hi"})
    assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(ItemCopy)) == 0


def test_copy_is_escaped(logged_in, post):
    logged_in.post(
        f"/items/{post.id}/copy", data={"version": post.version, "body": "<script>x</script>"}
    )
    page = page_of(logged_in, post)
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_a_channel_s_network_and_own_limit_are_saved(logged_in):
    response = logged_in.post(
        "/channels/new",
        data={"name": "Fediverse", "slug": "fedi", "network": "mastodon", "own_limit": "11000"},
    )
    assert response.status_code == 302
    channel = db.session.scalar(select(Channel))
    assert (channel.network, channel.own_limit) == ("mastodon", 11000)
    logged_in.post("/channels/new", data={"name": "Twitter"})
    twitter = db.session.scalar(select(Channel).where(Channel.slug == "twitter"))
    assert twitter.network == "x"  # guessed from the slug


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"network": "myspace"}, "is not one"),
        ({"network": "other", "own_limit": "lots"}, "whole number"),
    ],
)
def test_an_unknown_network_or_a_bad_limit_is_refused(logged_in, data, message):
    response = logged_in.post("/channels/new", data={"name": "Odd", **data})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 0


def test_hashtag_sets_are_added_and_deleted_on_the_channel_page(logged_in):
    channel = make_channel("instagram", name="Instagram", network="instagram")
    response = logged_in.post(
        f"/channels/{channel.id}/hashtags", data={"set_name": "Bikes", "tags": "#bikes, repair"}
    )
    assert response.status_code == 302
    page = logged_in.get(f"/channels/{channel.id}/edit").get_data(as_text=True)
    assert "#bikes #repair" in page
    tag_set = db.session.scalar(select(HashtagSet))
    assert logged_in.post(f"/channels/hashtags/{tag_set.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(HashtagSet)) == 0


@pytest.mark.parametrize(
    ("tags", "message"),
    [("#summer sale", "no spaces"), (", ".join(f"#t{n}" for n in range(31)), "at most 30")],
)
def test_a_bad_hashtag_set_is_refused_with_the_reason_and_kept_in_the_form(
    logged_in, tags, message
):
    channel = make_channel("instagram", name="Instagram", network="instagram")
    response = logged_in.post(
        f"/channels/{channel.id}/hashtags", data={"set_name": "Sale", "tags": tags}
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and message in page and tags in page
    assert db.session.scalar(select(func.count()).select_from(HashtagSet)) == 0
