"""The This-week agenda and the channel and rule pages, through the test client."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import delete, func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, ScheduleItem, Workspace
from calendar_app.services import planner
from tests.factories import make_channel, make_rule
from tests.queries import count_queries

RULE_FORM = {
    "activity": "post",
    "label": "Status update",
    "recurrence": "rrule",
    "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "time_of_day": "09:00",
    "starts_on": "2026-11-23",
}


def test_the_week_shows_the_demo_plan(logged_in, runner) -> None:
    db.session.execute(delete(Workspace))  # the demo loads into an empty database only
    db.session.commit()
    runner.invoke(args=["demo"])
    page = logged_in.get("/week").get_data(as_text=True)
    assert "Week of" in page
    for text in (
        "LinkedIn",
        "Reply time",
        "Open slot: pick a headline",
        "h</strong> planned of 20.0 h",
    ):
        assert text in page


def test_the_week_can_be_chosen_and_bad_dates_are_explained(logged_in) -> None:
    page = logged_in.get("/week?start=2026-12-09").get_data(as_text=True)
    assert "Week of 7 Dec 2026" in page
    bad = logged_in.get("/week?start=someday", follow_redirects=True)
    assert bad.status_code == 200
    assert "is not a date" in bad.get_data(as_text=True)


def test_creating_a_channel_and_a_rule_shows_it_in_plain_words_with_next_slots(logged_in) -> None:
    response = logged_in.post(
        "/channels/new", data={"name": "LinkedIn", "slug": "linkedin", "timezone": ""}
    )
    assert response.status_code == 302
    channel = db.session.scalar(select(Channel))
    assert (channel.utm_source, channel.utm_medium) == ("linkedin", "social")
    response = logged_in.post(f"/channels/{channel.id}/rules/new", data=RULE_FORM)
    assert response.status_code == 302
    page = logged_in.get("/channels/").get_data(as_text=True)
    assert "Every Mon, Wed and Fri at 09:00" in page
    assert "Next:" in page
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) > 0


def test_a_rule_on_the_first_monday_picked_by_position_saves_and_shows(logged_in) -> None:
    channel = make_channel("blog")
    rrule = "FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1"
    response = logged_in.post(
        f"/channels/{channel.id}/rules/new", data={**RULE_FORM, "rrule": rrule}
    )
    assert response.status_code == 302
    page = logged_in.get("/channels/")
    assert page.status_code == 200
    assert f"Custom rule ({rrule}) at 09:00" in page.get_data(as_text=True)


def test_a_newsletter_channel_gets_the_email_medium(logged_in) -> None:
    logged_in.post(
        "/channels/new", data={"name": "Newsletter", "slug": "newsletter", "timezone": ""}
    )
    assert db.session.scalar(select(Channel.utm_medium)) == "email"


def test_channel_form_errors_are_shown_next_to_the_field(logged_in) -> None:
    make_channel("linkedin")
    duplicate = logged_in.post(
        "/channels/new", data={"name": "Other", "slug": "linkedin", "timezone": ""}
    )
    assert "already uses the slug" in duplicate.get_data(as_text=True)
    bad_slug = logged_in.post(
        "/channels/new", data={"name": "Other", "slug": "Linked In!", "timezone": ""}
    )
    assert "lowercase letters" in bad_slug.get_data(as_text=True)
    bad_zone = logged_in.post(
        "/channels/new", data={"name": "Other", "slug": "other", "timezone": "Mars/Base"}
    )
    assert "Not a valid choice" in bad_zone.get_data(as_text=True)
    empty = logged_in.post("/channels/new", data={"name": "", "slug": "", "timezone": ""})
    assert "This field is required." in empty.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 1


def test_rule_form_errors_are_shown_and_nothing_is_saved(logged_in) -> None:
    channel = make_channel()
    cases = {
        "FREQ=SOMETIMES": "not supported",
        "FREQ=DAILY;BYHOUR=9": "time-of-day field",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31": "no occurrence",
        "FREQ=DAILY;INTERVAL=0": "INTERVAL=0 is out of range",
        "FREQ=DAILY;INTERVAL=-1": "INTERVAL=-1 is out of range",
        "FREQ=WEEKLY;BYDAY=1MO": "needs FREQ=MONTHLY",
    }
    for rrule, message in cases.items():
        page = logged_in.post(
            f"/channels/{channel.id}/rules/new", data={**RULE_FORM, "rrule": rrule}
        )
        assert page.status_code == 200 and message in page.get_data(as_text=True)
    ends_early = logged_in.post(
        f"/channels/{channel.id}/rules/new", data={**RULE_FORM, "ends_on": "2026-01-01"}
    )
    assert "before the start date" in ends_early.get_data(as_text=True)
    for far_off in ("0001-01-01", "9999-12-31"):
        page = logged_in.post(
            f"/channels/{channel.id}/rules/new", data={**RULE_FORM, "starts_on": far_off}
        )
        assert "The start date must be between 23 Nov 2025 and 23 Nov 2036" in page.get_data(
            as_text=True
        )
    no_count = logged_in.post(
        f"/channels/{channel.id}/rules/new",
        data={**RULE_FORM, "recurrence": "per_week", "per_week": ""},
    )
    assert "how many times per week" in no_count.get_data(as_text=True)
    bad_time = logged_in.post(
        f"/channels/{channel.id}/rules/new", data={**RULE_FORM, "time_of_day": "25:99"}
    )
    assert "Not a valid time value" in bad_time.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CadenceRule)) == 0


def test_a_rule_with_an_end_date_is_saved_and_stops_there(logged_in) -> None:
    channel = make_channel()
    response = logged_in.post(
        f"/channels/{channel.id}/rules/new", data={**RULE_FORM, "ends_on": "2026-12-18"}
    )
    assert response.status_code == 302
    rule = db.session.scalar(select(CadenceRule))
    assert rule.ends_on == date(2026, 12, 18)
    days = db.session.scalars(select(ScheduleItem.occurrence_date)).all()
    assert max(days) == date(2026, 12, 18) and len(days) == 12
    assert "until 18 Dec 2026" in logged_in.get("/channels/").get_data(as_text=True)
    edited = logged_in.post(
        f"/channels/rules/{rule.id}/edit", data={**RULE_FORM, "ends_on": "2026-12-04"}
    )
    assert edited.status_code == 302
    assert max(db.session.scalars(select(ScheduleItem.occurrence_date))) == date(2026, 12, 4)


def test_a_rule_keeps_a_start_date_older_than_a_year_when_edited(logged_in, clock) -> None:
    rule = make_rule(make_channel())
    clock.advance(days=800)
    response = logged_in.post(
        f"/channels/rules/{rule.id}/edit",
        data={**RULE_FORM, "starts_on": rule.starts_on.isoformat(), "time_of_day": "11:00"},
    )
    assert response.status_code == 302
    assert db.session.get(CadenceRule, rule.id).time_of_day.hour == 11


def test_editing_a_rule_through_the_form_replans_it(logged_in) -> None:
    rule = make_rule(make_channel())
    logged_in.post(
        f"/channels/rules/{rule.id}/edit",
        data={**RULE_FORM, "rrule": "FREQ=WEEKLY;BYDAY=TU", "time_of_day": "10:30"},
    )
    assert rule.rrule == "FREQ=WEEKLY;BYDAY=TU"
    days = {i.occurrence_date.weekday() for i in db.session.scalars(select(ScheduleItem))}
    assert days == {1}


def test_pausing_switching_off_and_deleting(logged_in) -> None:
    channel = make_channel()
    rule = make_rule(channel)
    logged_in.post(f"/channels/rules/{rule.id}/edit", data=RULE_FORM)
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) > 0
    logged_in.post(f"/channels/{channel.id}/pause", data={"paused": "1"})
    assert channel.paused
    assert "Paused" in logged_in.get("/channels/").get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) == 0
    logged_in.post(f"/channels/{channel.id}/pause", data={"paused": "0"})
    logged_in.post(f"/channels/rules/{rule.id}/enabled", data={"enabled": "0"})
    assert not rule.enabled
    logged_in.post(f"/channels/rules/{rule.id}/delete")
    assert db.session.get(CadenceRule, rule.id) is None
    logged_in.post(f"/channels/{channel.id}/delete")
    assert db.session.get(Channel, channel.id) is None


def test_a_channel_with_worked_on_items_cannot_be_deleted(logged_in) -> None:
    channel = make_channel()
    rule = make_rule(channel)
    logged_in.post(f"/channels/rules/{rule.id}/edit", data=RULE_FORM)
    item = db.session.scalars(select(ScheduleItem)).first()
    response = logged_in.post(f"/items/{item.id}/status", data={"status": "approved"})
    assert response.status_code == 302
    assert item.status == "approved" and item.touched and item.sequence == 1
    page = logged_in.post(f"/channels/{channel.id}/delete", follow_redirects=True).get_data(
        as_text=True
    )
    assert "items people worked on" in page
    assert db.session.get(Channel, channel.id) is not None


def test_an_unknown_status_is_refused(logged_in) -> None:
    rule = make_rule(make_channel())
    logged_in.post(f"/channels/rules/{rule.id}/edit", data=RULE_FORM)
    item = db.session.scalars(select(ScheduleItem)).first()
    page = logged_in.post(
        f"/items/{item.id}/status", data={"status": "lost"}, follow_redirects=True
    )
    assert "Unknown status" in page.get_data(as_text=True)
    assert item.status == "draft" and not item.touched


def test_the_status_can_be_set_from_the_item_page(logged_in) -> None:
    make_rule(make_channel())
    logged_in.get("/week")
    item = db.session.scalars(select(ScheduleItem)).first()
    assert 'name="status"' in logged_in.get(f"/items/{item.id}").get_data(as_text=True)
    response = logged_in.post(
        f"/items/{item.id}/status", data={"status": "approved", "back": "item"}
    )
    assert response.headers["Location"] == f"/items/{item.id}"
    assert item.status == "approved" and item.touched and item.sequence == 1


def test_routines_can_be_switched_on_and_off(logged_in) -> None:
    logged_in.post("/channels/routines/weekly-review", data={"on": "1"})
    rule = db.session.scalar(select(CadenceRule).where(CadenceRule.routine_key == "weekly-review"))
    assert rule.enabled and rule.channel.slug == "routines"
    page = logged_in.get("/channels/").get_data(as_text=True)
    assert "Every Mon at 10:00" in page
    logged_in.post("/channels/routines/weekly-review", data={"on": "0"})
    assert not rule.enabled
    assert logged_in.post("/channels/routines/party", data={"on": "1"}).status_code == 404


def test_capacity_warns_when_the_plan_does_not_fit(logged_in) -> None:
    channel = make_channel()
    make_rule(channel, rrule="FREQ=DAILY", duration_minutes=120, starts_on=date(2026, 1, 1))
    logged_in.get("/channels/")  # extends the horizon
    page = logged_in.get("/channels/").get_data(as_text=True)
    assert "14.0" in page and "over" in page


def test_user_text_is_escaped(logged_in) -> None:
    logged_in.post(
        "/channels/new", data={"name": "<script>alert(1)</script>", "slug": "x", "timezone": ""}
    )
    page = logged_in.get("/channels/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_page_runs_inline_script_and_every_response_sends_the_security_headers(
    logged_in,
) -> None:
    make_rule(make_channel())
    logged_in.post(
        "/channels/new",
        data={"name": "Bob's'); alert(1); ('", "slug": "quote", "timezone": ""},
    )
    logged_in.get("/week")  # plans the schedule
    item = db.session.scalar(select(ScheduleItem).where(ScheduleItem.activity == "post"))
    pages = [
        "/week",
        "/calendar",
        "/calendar?view=week",
        "/channels/",
        "/ideas/",
        "/links/",
        "/subscribe",
        "/settings",
        "/account",
        f"/items/{item.id}",
        "/channels/999/edit",
    ]
    for path in pages:
        response = logged_in.get(path)
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\son[a-z]+=", html), path
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
    channels = logged_in.get("/channels/").get_data(as_text=True)
    assert 'data-confirm="Delete Bob&#39;s&#39;); alert(1); (&#39; and its rules?"' in channels


def test_missing_things_get_a_friendly_404(logged_in) -> None:
    response = logged_in.get("/channels/999/edit")
    assert response.status_code == 404
    assert "There is nothing here" in response.get_data(as_text=True)


def test_the_week_runs_the_same_number_of_queries_for_few_or_many_items(logged_in) -> None:
    channel = make_channel()
    make_rule(channel, rrule="FREQ=WEEKLY;BYDAY=MO", starts_on=date(2026, 11, 23))
    planner_now = datetime(2026, 11, 23, 6, tzinfo=UTC)
    planner.replan_everything(planner_now)
    db.session.commit()
    logged_in.get("/week")  # the first visit of the day extends the schedule
    few = count_queries(logged_in, "/week?start=2026-11-30")
    for n in range(6):
        make_rule(
            make_channel(f"channel-{n}"),
            rrule="FREQ=DAILY",
            label=f"Rule {n}",
            starts_on=date(2026, 11, 23),
        )
    planner.replan_everything(planner_now)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) > 100
    assert count_queries(logged_in, "/week?start=2026-11-30") == few


def test_a_one_off_item_is_added_where_asked_and_never_replanned(logged_in) -> None:
    channel = make_channel("blog", name="Blog", timezone="America/New_York")
    page = logged_in.get("/week").get_data(as_text=True)
    assert "Add a one-off item" in page
    response = logged_in.post(
        "/items/new",
        data={"channel_id": channel.id, "activity": "video", "day": "2026-12-03", "time": "14:15"},
    )
    item = db.session.scalar(select(ScheduleItem))
    assert response.headers["Location"] == f"/items/{item.id}"
    assert item.rule_id is None and item.touched and item.activity == "video"
    local = item.starts_at.astimezone(planner.resolve_timezone("America/New_York"))
    assert (local.date(), local.time()) == (date(2026, 12, 3), time(14, 15))
    assert item.ends_at - item.starts_at == timedelta(minutes=120)
    assert "one-off" in logged_in.get(f"/items/{item.id}").get_data(as_text=True)
    make_rule(channel)
    planner.replan_everything(app_now())
    db.session.commit()
    assert db.session.get(ScheduleItem, item.id).starts_at == item.starts_at


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channel_id": "999"}, "Choose a channel."),
        ({"activity": "podcast"}, "Choose what it is"),
        ({"day": "someday"}, "Give a date like 2026-12-07 and a time like 09:30."),
        ({"time": "25:00"}, "Give a date like 2026-12-07 and a time like 09:30."),
        ({"day": "2099-01-01"}, "Pick a day within ten years of today."),
    ],
)
def test_a_one_off_with_bad_input_is_explained_and_nothing_is_added(
    logged_in, changes, message
) -> None:
    channel = make_channel()
    data = {"channel_id": channel.id, "activity": "post", "day": "2026-12-03", "time": "09:00"}
    data.update(changes)
    response = logged_in.post(
        "/items/new", data={**data, "back": "/calendar?view=week"}, follow_redirects=False
    )
    assert response.headers["Location"] == "/calendar?view=week"
    page = logged_in.get("/calendar?view=week").get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) == 0


def test_deleting_an_item_sends_its_headline_back_and_keeps_it_from_being_planned(
    logged_in,
) -> None:
    rule = make_rule(make_channel())
    logged_in.get("/week")
    item = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()
    logged_in.post(f"/items/{item.id}/headline", data={"headline": "Winter cycling basics"})
    idea = item.idea
    occurrence = item.occurrence_date
    response = logged_in.post(f"/items/{item.id}/delete", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Deleted. Its rule will not plan it again. Its headline is back in the bank." in page
    assert idea.status == "backlog"
    planner.replan([rule], planner.get_workspace(), app_now())
    db.session.commit()
    dates = db.session.scalars(select(ScheduleItem.occurrence_date)).all()
    assert occurrence not in dates
    assert logged_in.post("/items/999/delete").status_code == 404


def test_an_empty_rest_of_the_week_says_when_the_next_items_are(logged_in) -> None:
    page = logged_in.get("/week").get_data(as_text=True)
    assert "Nothing is planned yet." in page and "Add a channel" in page  # no channel yet
    linkedin = make_channel("linkedin", name="LinkedIn")
    make_rule(linkedin, rrule="FREQ=WEEKLY;BYDAY=MO", starts_on=date(2026, 11, 30))
    replan_now()  # the test clock: Monday 23 November 2026
    page = logged_in.get("/week").get_data(as_text=True)
    assert 'href="/week?start=2026-11-30">Your next items start Mon 30 Nov →</a>' in page
    assert "Nothing is planned yet." not in page
    # A week with something left from today, or another week: no such line.
    make_rule(linkedin, rrule="FREQ=WEEKLY;BYDAY=FR", starts_on=date(2026, 11, 23))
    replan_now()
    assert "Your next items start" not in logged_in.get("/week").get_data(as_text=True)
    later = logged_in.get("/week?start=2026-12-14").get_data(as_text=True)
    assert "Your next items start" not in later and "Nothing left this week" not in later


def replan_now() -> None:
    """Plan the rules the factories stored (the forms re-plan in their own service)."""
    planner.replan_everything(app_now())
    db.session.commit()
