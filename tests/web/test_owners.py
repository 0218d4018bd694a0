"""Assigning items from the week and the item page, and the My work page."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace
from tests.queries import count_queries


def me() -> User:
    return db.session.scalars(select(User).where(User.email == "owner@example.com")).one()


def reload(item: ScheduleItem) -> ScheduleItem:
    db.session.expire_all()
    return db.session.get(ScheduleItem, item.id)


def article(page: str, item: ScheduleItem) -> str:
    return re.search(rf'<article[^>]* id="item-{item.id}">.*?</article>', page, re.S).group(0)


def test_assign_to_me_from_the_week_shows_my_name_and_hides_the_button(logged_in) -> None:
    item = make_item(make_channel(), NOW + timedelta(hours=3))
    page = logged_in.get("/week").get_data(as_text=True)
    assert f'name="mine" value="{item.id}:1" formaction="/week/assign"' in article(page, item)
    response = logged_in.post("/week/assign", data={"mine": f"{item.id}:1"})
    assert response.status_code == 302 and f"#item-{item.id}" in response.location
    assert (reload(item).assignee_id, item.version) == (me().id, 2) and item.touched
    page = logged_in.get("/week").get_data(as_text=True)
    assert "Assigned to owner." in page
    shown = article(page, item)
    assert 'title="owner@example.com"' in shown and ">Assigned to </span>owner</span>" in shown
    assert 'name="mine"' not in shown


def test_assign_to_me_from_a_stale_week_page_changes_nothing(logged_in) -> None:
    item = make_item(make_channel(), NOW + timedelta(hours=3), version=3)
    response = logged_in.post("/week/assign", data={"mine": f"{item.id}:2"}, follow_redirects=True)
    assert "Someone else changed this item" in response.get_data(as_text=True)
    assert (reload(item).assignee_id, item.version) == (None, 3)


def test_assign_to_me_for_an_unknown_item_is_not_found(logged_in) -> None:
    assert logged_in.post("/week/assign", data={"mine": "999:1"}).status_code == 404
    assert logged_in.post("/week/assign", data={"mine": "nonsense"}).status_code == 404


def test_the_item_page_assigns_to_any_member_or_nobody(logged_in) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(days=1))
    page = logged_in.get(f"/items/{item.id}").get_data(as_text=True)
    assert '<option value="">Nobody</option>' in page
    assert f'<option value="{ana.id}">ana@example.com</option>' in page
    data = {"assignee_id": str(ana.id), "version": "1"}
    response = logged_in.post(f"/items/{item.id}/assignee", data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Assigned to ana." in page
    assert f'<option value="{ana.id}" selected>ana@example.com</option>' in page
    assert reload(item).assignee_id == ana.id
    data = {"assignee_id": "", "version": "2"}
    response = logged_in.post(f"/items/{item.id}/assignee", data=data, follow_redirects=True)
    assert "Assigned to nobody." in response.get_data(as_text=True)
    assert (reload(item).assignee_id, item.version) == (None, 3)


def test_the_item_page_refuses_someone_who_is_not_a_member(logged_in) -> None:
    item = make_item(make_channel(), NOW + timedelta(days=1))
    for chosen in ("999", "abc", "-1", "1e3"):
        data = {"assignee_id": chosen, "version": "1"}
        response = logged_in.post(f"/items/{item.id}/assignee", data=data, follow_redirects=True)
        assert response.status_code == 200
        assert "Choose a member of the team, or nobody." in response.get_data(as_text=True)
        assert (reload(item).assignee_id, item.version, item.touched_at) == (None, 1, None)


def test_the_item_page_refuses_a_stale_assignment(logged_in) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(days=1), version=5)
    data = {"assignee_id": str(ana.id), "version": "4"}
    response = logged_in.post(f"/items/{item.id}/assignee", data=data, follow_redirects=True)
    assert "Someone else changed this item" in response.get_data(as_text=True)
    assert (reload(item).assignee_id, item.version) == (None, 5)


def test_the_calendar_card_names_the_assignee(logged_in) -> None:
    item = make_item(make_channel(), NOW + timedelta(days=1), assignee=me())
    page = logged_in.get("/calendar").get_data(as_text=True)
    card = re.search(rf'id="cal-item-{item.id}".*?</li>', page, re.S).group(0)
    assert 'title="owner@example.com"' in card and "assigned to</span> owner" in card


def test_my_work_lists_overdue_this_week_and_later_in_order(logged_in) -> None:
    ana = make_user("ana@example.com")
    channel = make_channel("blog", name="Blog")
    late = make_item(channel, NOW - timedelta(days=1), assignee=me())
    make_item(channel, NOW - timedelta(days=2), assignee=me(), status="published")
    soon = make_item(channel, NOW + timedelta(days=2), assignee=me())
    soon.idea = make_idea("Winter <b>tyres</b>")
    later = make_item(channel, NOW + timedelta(days=10), assignee=me())
    make_item(channel, NOW + timedelta(days=1), assignee=ana)
    db.session.commit()
    page = logged_in.get("/my-work").get_data(as_text=True)
    overdue, this_week, rest = (
        page.split(f'id="{name}"')[1].split("</section>")[0]
        for name in ("overdue", "this-week", "later")
    )
    assert f"/items/{late.id}" in overdue and overdue.count("<li>") == 1
    assert f"/items/{soon.id}" in this_week and this_week.count("<li>") == 1
    assert f"/items/{later.id}" in rest and rest.count("<li>") == 1
    assert "Winter &lt;b&gt;tyres&lt;/b&gt;" in this_week


def test_my_work_says_when_nothing_is_assigned_and_takes_few_queries(logged_in) -> None:
    page = logged_in.get("/my-work").get_data(as_text=True)
    assert "Nothing overdue." in page and "Nothing planned for you later." in page
    few = count_queries(logged_in, "/my-work")
    channel = make_channel("blog")
    for days in range(-3, 20):
        make_item(
            channel,
            NOW + timedelta(days=days),
            assignee=me(),
            idea=make_idea(f"Idea number {days + 10}"),
        )
    assert count_queries(logged_in, "/my-work") == few


def test_my_work_is_linked_from_the_header_and_the_phone_menu(logged_in) -> None:
    page = logged_in.get("/week").get_data(as_text=True)
    assert '<a class="my-work-link" href="/my-work">' in page
    assert '<li class="phone-only"><a href="/my-work">My work</a></li>' in page


def test_my_work_needs_a_login(client) -> None:
    make_workspace()
    make_user("owner@example.com", "correct horse battery", is_owner=True)
    response = client.get("/my-work")
    assert response.status_code == 302 and "/login" in response.location
    assert client.post("/week/assign", data={"mine": "1:1"}).status_code in (302, 400)


def channel_form(**fields: str) -> dict[str, str]:
    return {"name": "Blog", "slug": "blog", "timezone": "", "colour": "#1f5fbf", **fields}


def test_the_channel_form_sets_an_owner_who_gets_the_untouched_future_items(logged_in) -> None:
    ana = make_user("ana@example.com")
    channel = make_channel("blog", name="Blog")
    future = make_item(channel, NOW + timedelta(days=1))
    touched = make_item(channel, NOW + timedelta(days=2), touched_at=NOW)
    page = logged_in.get(f"/channels/{channel.id}/edit").get_data(as_text=True)
    owner = page.split('id="owner_id"', 1)[1].split("</select>", 1)[0]
    assert '<option value="">Nobody</option>' in owner and "<option selected" not in owner
    data = channel_form(owner_id=str(ana.id))
    response = logged_in.post(f"/channels/{channel.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    assert (channel.owner_id, future.assignee_id, touched.assignee_id) == (ana.id, ana.id, None)
    page = logged_in.get(f"/channels/{channel.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{ana.id}">ana@example.com</option>' in page
    # A form without the field (an older page) leaves the owner as it is.
    response = logged_in.post(f"/channels/{channel.id}/edit", data=channel_form())
    db.session.expire_all()
    assert response.status_code == 302 and channel.owner_id == ana.id


def test_the_channel_form_refuses_an_owner_who_is_not_a_member(logged_in) -> None:
    ana = make_user("ana@example.com")
    channel = make_channel("blog", name="Blog", owner=ana)
    future = make_item(channel, NOW + timedelta(days=1), assignee=ana)
    for chosen in ("999", "x1"):
        data = channel_form(owner_id=chosen, name="Renamed")
        response = logged_in.post(f"/channels/{channel.id}/edit", data=data)
        assert response.status_code == 200
        assert "Choose a member of the team, or nobody." in response.get_data(as_text=True)
        db.session.expire_all()
        assert (channel.name, channel.owner_id, future.assignee_id) == ("Blog", ana.id, ana.id)


def test_the_week_reassigns_an_item_with_its_select(logged_in) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(hours=3))
    page = logged_in.get("/week").get_data(as_text=True)
    shown = article(page, item)
    assert (
        f'<select name="to-{item.id}" aria-label="Reassign to"><option value="">Nobody</option>'
        in shown
    )
    assert f'<option value="{ana.id}">ana</option>' in shown
    assert f'name="give" value="{item.id}:1" formaction="/week/reassign"' in shown
    data = {"give": f"{item.id}:1", f"to-{item.id}": str(ana.id)}
    response = logged_in.post("/week/reassign", data=data)
    assert response.status_code == 302 and f"#item-{item.id}" in response.location
    assert (reload(item).assignee_id, item.version) == (ana.id, 2) and item.touched
    page = logged_in.get("/week").get_data(as_text=True)
    shown = article(page, item)
    assert "Assigned to ana." in page
    assert 'title="ana@example.com"' in shown and ">Assigned to </span>ana</span>" in shown
    assert f'<option value="{ana.id}" selected>ana</option>' in shown
    data = {"give": f"{item.id}:2", f"to-{item.id}": ""}
    response = logged_in.post("/week/reassign", data=data, follow_redirects=True)
    assert "Assigned to nobody." in response.get_data(as_text=True)
    assert (reload(item).assignee_id, item.version) == (None, 3)


def test_the_week_reassign_refuses_a_stale_page_and_changes_nothing(logged_in) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(hours=3), version=3)
    data = {"give": f"{item.id}:2", f"to-{item.id}": str(ana.id)}
    response = logged_in.post("/week/reassign", data=data, follow_redirects=True)
    assert "Someone else changed this item" in response.get_data(as_text=True)
    assert (reload(item).assignee_id, item.version) == (None, 3)


def test_the_week_reassign_refuses_someone_who_is_not_a_member(logged_in) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(hours=3), assignee=ana)
    for chosen in ("999", "abc", "-1", None):
        data = {"give": f"{item.id}:1"} | ({f"to-{item.id}": chosen} if chosen else {})
        response = logged_in.post("/week/reassign", data=data, follow_redirects=True)
        assert response.status_code == 200
        assert "Choose a member of the team, or nobody." in response.get_data(as_text=True)
        assert (reload(item).assignee_id, item.version) == (ana.id, 1)


def test_the_week_reassign_for_an_unknown_item_is_not_found(logged_in) -> None:
    for give in ("999:1", "nonsense", "", "1:"):
        assert logged_in.post("/week/reassign", data={"give": give, "to-1": ""}).status_code == 404


def test_the_week_reassign_needs_the_csrf_token(app, logged_in) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    item = make_item(make_channel(), NOW + timedelta(hours=3))
    response = logged_in.post("/week/reassign", data={"give": f"{item.id}:1", f"to-{item.id}": ""})
    assert response.status_code == 400
    assert (reload(item).assignee_id, item.version) == (None, 1)


def section(page: str, name: str) -> str:
    return page.split(f'id="{name}"')[1].split("</section>")[0]


def test_my_work_lists_what_waits_for_my_review_whoever_wrote_it(app, logged_in) -> None:
    from tests.web.test_workflow import log_in

    writer = make_user("writer@example.com", role="contributor")
    channel = make_channel("blog", name="Blog")
    waiting = make_item(channel, NOW + timedelta(days=3), assignee=writer, status="in_review")
    waiting.idea = make_idea("Winter tyres explained")
    sooner = make_item(channel, NOW + timedelta(days=1), status="in_review")
    make_item(channel, NOW + timedelta(days=2), assignee=writer, status="draft")
    make_item(channel, NOW + timedelta(days=2), status="approved")
    db.session.commit()
    reviews = section(logged_in.get("/my-work").get_data(as_text=True), "reviews")
    assert reviews.count("<li>") == 2
    assert reviews.index(f"/items/{sooner.id}") < reviews.index(f"/items/{waiting.id}")
    assert "Winter tyres explained" in reviews and "(writer)" in reviews
    assert "In review" in reviews
    # A contributor reviews nothing: the section is not there at all.
    page = log_in(app, writer).get("/my-work").get_data(as_text=True)
    assert 'id="reviews"' not in page and f"/items/{waiting.id}" in section(page, "this-week")


def test_my_work_says_when_nothing_waits_for_review(logged_in) -> None:
    page = logged_in.get("/my-work").get_data(as_text=True)
    assert "Nothing waits for your review." in section(page, "reviews")
