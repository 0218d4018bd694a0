"""Bulk actions on the week and the Ideas page: one form, all or nothing, clear errors."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_user
from tests.web.test_csrf import TOKEN
from tests.web.test_workflow import log_in

TUESDAY_9 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
BACK = "/week?start=2026-11-23"


@pytest.fixture
def posts(logged_in) -> list[ScheduleItem]:
    """Three LinkedIn posts this week: Tuesday 09:00, Wednesday 14:30, Friday 08:15."""
    channel = make_channel("linkedin", name="LinkedIn")
    return [
        make_item(channel, TUESDAY_9),
        make_item(channel, TUESDAY_9 + timedelta(days=1, hours=5, minutes=30)),
        make_item(channel, TUESDAY_9 + timedelta(days=3, minutes=-45)),
    ]


def selected(items: list[ScheduleItem]) -> list[str]:
    return [f"{item.id}:{item.version}" for item in items]


def apply(client, items: list[ScheduleItem] | list[str], **fields: str):
    chosen = [x if isinstance(x, str) else f"{x.id}:{x.version}" for x in items]
    data = {"selected": chosen, "back": BACK, **fields}
    return client.post("/items/selected", data=data)


def state(items: list[ScheduleItem]) -> list[tuple[object, ...]]:
    db.session.expire_all()
    return [(i.starts_at, i.status, i.assignee_id, i.version) for i in items]


def flashed(client, answer) -> str:
    assert answer.status_code == 302
    return client.get(answer.location).get_data(as_text=True)


def test_every_item_has_a_labelled_checkbox_in_the_bar_form(logged_in, posts) -> None:
    page = logged_in.get("/week").get_data(as_text=True)
    bar = re.search(r'<form[^>]*id="week-bulk".*?</form>', page, re.S).group(0)
    assert 'action="/items/selected"' in bar and re.search(TOKEN, bar)
    assert "Apply to selected" in bar and 'name="day"' in bar and 'name="assignee_id"' in bar
    for item in posts:
        box = f'name="selected" value="{item.id}:{item.version}" form="week-bulk"'
        assert box in page
    assert "Select LinkedIn · Post, Tue 09:00" in page
    assert page.count('form="week-bulk"') == 3
    assert '<script src="/static/bulk.js" defer>' in page


def test_moving_two_keeps_their_times_and_goes_back_to_the_page(logged_in, posts) -> None:
    answer = apply(logged_in, posts[:2], action="move", day="2026-11-26")
    assert answer.location == BACK
    assert "Moved 2 items to Thu 26 Nov." in flashed(logged_in, answer)
    db.session.expire_all()
    assert [p.starts_at for p in posts] == [
        datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 13, 30, tzinfo=UTC),
        posts[2].starts_at,
    ]


@pytest.mark.parametrize("day", ["", "26/11/2026", "2026-02-30", "tomorrow"])
def test_a_bad_date_is_a_clear_error_and_changes_nothing(logged_in, posts, day) -> None:
    before = state(posts)
    answer = apply(logged_in, posts, action="move", day=day)
    assert "Give the day to move to as a date like 2026-12-07." in flashed(logged_in, answer)
    assert state(posts) == before


def test_a_day_out_of_reach_names_each_item(logged_in, posts) -> None:
    before = state(posts)
    page = flashed(logged_in, apply(logged_in, posts, action="move", day="2045-01-01"))
    assert "Nothing was changed: 3 of 3 could not be." in page
    assert "“LinkedIn · Post, Fri 27 Nov 08:15”" in page
    assert state(posts) == before


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ([], "Select at least one first."),
        (["abc"], "The selection could not be read"),
        (["5"], "The selection could not be read"),
        ([f"{n}:1" for n in range(1, 202)], "Select at most 200 at once."),
    ],
)
def test_a_selection_that_cannot_be_used_is_a_clear_error(logged_in, posts, chosen, message):
    before = state(posts)
    answer = apply(logged_in, chosen, action="move", day="2026-11-26")
    assert message in flashed(logged_in, answer)
    assert state(posts) == before


def test_an_unknown_action_is_refused(logged_in, posts) -> None:
    before = state(posts)
    answer = apply(logged_in, posts, action="delete")
    assert "Choose what to do with the selected items." in flashed(logged_in, answer)
    assert state(posts) == before


def test_a_stale_selection_is_refused_as_a_whole(logged_in, posts) -> None:
    stale = selected(posts)
    apply(logged_in, posts[1:2], action="status", status="in_review")
    before = state(posts)
    page = flashed(logged_in, apply(logged_in, stale, action="move", day="2026-11-26"))
    assert "1 of 3 could not be. “LinkedIn · Post, Wed 25 Nov 14:30”: Someone else" in page
    assert state(posts) == before


def test_assigning_to_a_member_and_refusing_a_non_member(logged_in, posts) -> None:
    ana = make_user("ana@example.com")
    page = flashed(logged_in, apply(logged_in, posts[:2], action="assign", assignee_id="x"))
    assert "Choose a member of the team, or nobody." in page
    page = flashed(logged_in, apply(logged_in, posts[:2], action="assign", assignee_id="9999"))
    assert "“LinkedIn · Post, Tue 24 Nov 09:00”" in page
    assert [p.assignee_id for p in posts] == [None, None, None]
    page = flashed(logged_in, apply(logged_in, posts[:2], action="assign", assignee_id=str(ana.id)))
    assert "Assigned 2 items to ana." in page
    assert state(posts)[0][2] == ana.id and posts[2].assignee_id is None
    answer = apply(logged_in, posts[:1], action="assign", assignee_id="")
    assert "Assigned 1 item to nobody." in flashed(logged_in, answer)


def test_a_contributor_cannot_bulk_approve_an_editor_can(app, posts) -> None:
    writer = log_in(app, make_user("writer@example.com", role="contributor"))
    before = state(posts)
    page = flashed(writer, apply(writer, posts, action="status", status="approved"))
    assert "Only an editor or the owner can approve a post." in page
    assert state(posts) == before
    editor = log_in(app, make_user("editor@example.com", role="editor"))
    page = flashed(editor, apply(editor, posts, action="status", status="approved"))
    assert "Marked 3 items approved." in page
    assert {row[1] for row in state(posts)} == {"approved"}


def test_a_viewer_gets_403_and_nothing_changes(app, posts) -> None:
    viewer = log_in(app, make_user("viewer@example.com", role="viewer"))
    before = state(posts)
    assert apply(viewer, posts, action="archive").status_code == 403
    assert viewer.post("/ideas/selected", data={"action": "archived"}).status_code == 403
    assert state(posts) == before


def test_archiving_skips_them(logged_in, posts) -> None:
    assert "Skipped 2 items." in flashed(logged_in, apply(logged_in, posts[:2], action="archive"))
    assert [row[1] for row in state(posts)] == ["skipped", "skipped", "draft"]


def test_back_never_leaves_the_site(logged_in, posts) -> None:
    data = {"selected": selected(posts), "action": "archive", "back": "//evil.example/"}
    assert logged_in.post("/items/selected", data=data).location == "/week"


def test_the_form_needs_its_csrf_token(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from tests.factories import make_workspace

        make_workspace()
        client = log_in(app, make_user("owner@example.com", is_owner=True))
        item = make_item(make_channel(), TUESDAY_9)
        data = {"selected": [f"{item.id}:1"], "action": "archive"}
        assert client.post("/items/selected", data=data).status_code == 400
        page = client.get("/week?start=2026-11-23").get_data(as_text=True)
        bar = re.search(r'<form[^>]*id="week-bulk".*?</form>', page, re.S).group(0)
        data["csrf_token"] = re.search(TOKEN, bar).group(1)
        assert client.post("/items/selected", data=data).status_code == 302
        db.session.expire_all()
        assert item.status == "skipped"


@pytest.fixture
def bank(logged_in) -> list[Idea]:
    """Three ideas; the second is planned in an upcoming slot."""
    ideas = [make_idea("Free one"), make_idea("Planned one"), make_idea("Another free one")]
    make_item(make_channel(), NOW + timedelta(days=2), idea=ideas[1])
    return ideas


def test_the_ideas_page_has_a_labelled_checkbox_per_idea(logged_in, bank) -> None:
    page = logged_in.get("/ideas/").get_data(as_text=True)
    assert re.search(r'<form[^>]*action="/ideas/selected\?next=/ideas/"[^>]*id="ideas-bulk"', page)
    for idea in bank:
        assert f'name="selected" value="{idea.id}" form="ideas-bulk"' in page
    assert "Select “Planned one”" in page


def test_archiving_ideas_is_all_or_nothing(logged_in, bank) -> None:
    data = {"selected": [str(i.id) for i in bank], "action": "archived"}
    answer = logged_in.post("/ideas/selected?next=/ideas/?sort=score", data=data)
    assert answer.location == "/ideas/?sort=score"
    page = flashed(logged_in, answer)
    assert "“Planned one”: This headline is in upcoming slots" in page
    db.session.expire_all()
    assert {idea.status for idea in bank} == {"backlog"}
    data["selected"] = [str(bank[0].id), str(bank[2].id)]
    page = flashed(logged_in, logged_in.post("/ideas/selected", data=data))
    assert "2 ideas now archived." in page
    db.session.expire_all()
    assert [idea.status for idea in bank] == ["archived", "backlog", "archived"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "archived"}, "Select at least one first."),
        ({"action": "archived", "selected": ["1:1"]}, "The selection could not be read"),
        ({"action": "lost", "selected": ["1"]}, "Unknown status"),
    ],
)
def test_ideas_bad_input_is_a_clear_error(logged_in, bank, data, message) -> None:
    page = flashed(logged_in, logged_in.post("/ideas/selected", data=data))
    assert message in page
    db.session.expire_all()
    assert {idea.status for idea in bank} == {"backlog"}


def test_the_board_has_a_labelled_checkbox_per_card_and_goes_back_with_its_filters(
    logged_in, posts
) -> None:
    path = "/board?from=2026-11-23&to=2026-11-29&channel=linkedin"
    page = logged_in.get(path).get_data(as_text=True)
    bar = re.search(r'<form[^>]*id="board-bulk".*?</form>', page, re.S).group(0)
    assert f'name="back" value="{path.replace("&", "&amp;")}"' in bar
    for item in posts:
        assert f'name="selected" value="{item.id}:{item.version}" form="board-bulk"' in page
    assert "Select LinkedIn · Post, Wed 25 Nov, 14:30" in page
    assert 'data-bulk-group="Draft"' in page
    data = {"selected": selected(posts), "action": "status", "status": "approved", "back": path}
    answer = logged_in.post("/items/selected", data=data)
    assert answer.location == path
    page = flashed(logged_in, answer)
    assert "Marked 3 items approved." in page
    assert {row[1] for row in state(posts)} == {"approved"}


def test_an_empty_week_or_board_has_no_action_bar(logged_in) -> None:
    for path in ("/week", "/board"):
        page = logged_in.get(path).get_data(as_text=True)
        assert "Apply to selected" not in page and 'form="' not in page
