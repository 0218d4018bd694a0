"""The rule form's picker through the test client: each kind saved, stored and opened again."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import CadenceRule, ScheduleItem
from tests.factories import make_channel, make_rule
from tests.web.test_hostile_input import HOSTILE

FORM = {
    "activity": "post",
    "label": "",
    "time_of_day": "10:00",
    "starts_on": "2026-11-23",
    # Every kind's fields, as a browser without the script sends them; the kind decides.
    "interval": "2",
    "month_day": "23",
    "position": "4",
    "weekday": "MO",
    "yearly_day": "23",
    "yearly_month": "11",
    "per_week": "",
    "rrule": "",
}


def new_rule(client, channel, **values):
    return client.post(f"/channels/{channel.id}/rules/new", data={**FORM, **values})


def rule_count() -> int:
    return db.session.scalar(select(func.count()).select_from(CadenceRule))


def checked(page: str, name: str) -> list[str]:
    """The values of the ticked radio buttons or boxes called ``name``."""
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return [re.search(r'value="([^"]*)"', i)[1] for i in inputs if " checked" in i]


def selected(page: str, name: str) -> str:
    """The chosen option of the select called ``name``."""
    select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S)[0]
    return re.search(r'<option selected value="([^"]*)"', select_html)[1]


@pytest.mark.parametrize(
    ("values", "rrule", "per_week", "words"),
    [
        (
            {"recurrence": "weekdays", "days": ["MO", "WE", "FR"]},
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            None,
            "Every Mon, Wed and Fri at 10:00",
        ),
        (
            {"recurrence": "weekdays", "days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]},
            "FREQ=DAILY",
            None,
            "Every day at 10:00",
        ),
        (
            {"recurrence": "every_n_weeks", "days": ["TH"], "interval": "2"},
            "FREQ=WEEKLY;BYDAY=TH;INTERVAL=2",
            None,
            "Every 2 weeks on Thu at 10:00",
        ),
        (
            {"recurrence": "monthly_day", "month_day": "31"},
            "FREQ=MONTHLY;BYMONTHDAY=31",
            None,
            "Every month on the 31st (skipped in months without a 31st) at 10:00",
        ),
        (
            {"recurrence": "monthly_day", "month_day": "-1"},
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            None,
            "Every month on the last day at 10:00",
        ),
        (
            {"recurrence": "monthly_weekday", "position": "2", "weekday": "TU"},
            "FREQ=MONTHLY;BYDAY=2TU",
            None,
            "Every month on the second Tuesday at 10:00",
        ),
        (
            {"recurrence": "monthly_weekday", "position": "-1", "weekday": "FR"},
            "FREQ=MONTHLY;BYDAY=-1FR",
            None,
            "Every month on the last Friday at 10:00",
        ),
        (
            {"recurrence": "yearly", "yearly_month": "2", "yearly_day": "29"},
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            None,
            "Every year on 29 February (leap years only) at 10:00",
        ),
        ({"recurrence": "per_week", "per_week": "3"}, None, 3, "3 times a week"),
    ],
)
def test_each_kind_is_saved_as_its_rrule_and_opens_on_its_kind(
    logged_in, values, rrule, per_week, words
) -> None:
    channel = make_channel()
    response = new_rule(logged_in, channel, **values)
    assert response.status_code == 302
    rule = db.session.scalar(select(CadenceRule))
    assert (rule.rrule, rule.per_week) == (rrule, per_week)
    assert words in logged_in.get("/channels/").get_data(as_text=True)
    form = logged_in.get(f"/channels/rules/{rule.id}/edit").get_data(as_text=True)
    assert checked(form, "recurrence") == [values["recurrence"]]
    assert checked(form, "days") == values.get("days", [])
    for name in ("month_day", "position", "weekday", "yearly_day", "yearly_month"):
        if name in values:
            assert selected(form, name) == values[name]
    assert '<details class="advanced">' in form  # closed: the picker shows the rule
    assert "Next dates:" in form


def test_every_other_thursday_starting_this_week_includes_this_thursday(logged_in) -> None:
    channel = make_channel()
    # Typed on Friday of the week: the start moves back to its Thursday.
    picked = {"recurrence": "every_n_weeks", "days": ["TH"], "interval": "2"}
    response = new_rule(logged_in, channel, **picked, starts_on="2026-11-27")
    assert response.status_code == 302
    rule = db.session.scalar(select(CadenceRule))
    assert rule.starts_on == date(2026, 11, 26)
    days = sorted(db.session.scalars(select(ScheduleItem.occurrence_date)))
    assert days == [date(2026, 11, 26), date(2026, 12, 10)]  # planned up to 20 Dec
    page = logged_in.get("/channels/").get_data(as_text=True)
    assert "Next: " in page and ">Thu 26 Nov 10:00</time>" in page


def test_the_next_dates_show_before_saving_and_nothing_is_saved(logged_in) -> None:
    channel = make_channel()
    picked = {"recurrence": "every_n_weeks", "days": ["TH"], "interval": "2"}
    page = new_rule(logged_in, channel, **picked, preview="1").get_data(as_text=True)
    assert re.findall(r"<li><time [^>]*>([^<]*)</time>", page) == [
        # One date is next year's, so each says its year.
        "Thu 26 Nov 2026 10:00",
        "Thu 10 Dec 2026 10:00",
        "Thu 24 Dec 2026 10:00",
        "Thu 7 Jan 2027 10:00",
        "Thu 21 Jan 2027 10:00",
    ]
    assert checked(page, "recurrence") == ["every_n_weeks"] and checked(page, "days") == ["TH"]
    assert rule_count() == 0
    refused = new_rule(logged_in, channel, recurrence="weekdays", preview="1")
    assert "Tick at least one day." in refused.get_data(as_text=True)
    assert "Next dates:" not in refused.get_data(as_text=True)
    assert rule_count() == 0


def test_next_dates_say_their_year_once_one_is_not_this_years(logged_in) -> None:
    channel = make_channel()
    new_rule(logged_in, channel, recurrence="yearly", yearly_month="12", yearly_day="1")
    page = logged_in.get("/channels/").get_data(as_text=True)
    shown = re.search(r'<div class="next">Next: (.*?)</div>', page)[1]
    assert re.sub(r"<[^>]+>", "", shown) == (
        "Tue 1 Dec 2026 10:00, Wed 1 Dec 2027 10:00, Fri 1 Dec 2028 10:00"
    )
    new_rule(logged_in, channel, recurrence="weekdays", days=["TU"])
    page = logged_in.get("/channels/").get_data(as_text=True)
    assert "Next: <time" in page and ">Tue 24 Nov 10:00</time>" in page


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"recurrence": "weekdays"}, "days", "Tick at least one day."),
        ({"recurrence": "every_n_weeks", "interval": "2"}, "days", "Tick at least one day."),
        (
            {"recurrence": "every_n_weeks", "days": ["TH"], "interval": "0"},
            "interval",
            "Every 0 weeks cannot be planned: give 1 to 366 weeks.",
        ),
        (
            {"recurrence": "every_n_weeks", "days": ["TH"], "interval": ""},
            "interval",
            "Say every how many weeks (1 to 366).",
        ),
        (
            {"recurrence": "monthly_weekday", "position": "5", "weekday": "TU"},
            "position",
            "a fifth weekday is not in every month",
        ),
        (
            {"recurrence": "yearly", "yearly_month": "2", "yearly_day": "30"},
            "yearly_day",
            "February has 29 days: choose a day from 1 to 29.",
        ),
        ({"recurrence": "monthly_day", "month_day": "32"}, "month_day", "1 to 31, or the last"),
        ({"recurrence": "per_week", "per_week": ""}, "per_week", "how many times per week"),
        ({"recurrence": "per_week", "per_week": "6"}, "per_week", "between 1 and 5"),
        ({"recurrence": "sometimes"}, "recurrence", "Not a valid choice."),
    ],
)
def test_a_bad_pick_is_named_under_its_field_and_nothing_changes(
    logged_in, values, field, message
) -> None:
    rule = make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=MO", time_of_day=time(9))
    items = db.session.scalar(select(func.count()).select_from(ScheduleItem))
    for target in (f"/channels/{rule.channel_id}/rules/new", f"/channels/rules/{rule.id}/edit"):
        response = logged_in.post(target, data={**FORM, **values})
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        error = re.search(rf'<div id="{field}-error">(.*?)</div>', page, re.S)
        assert error is not None and message in error[1]
        assert "Nothing was saved" in page
    assert rule_count() == 1
    assert (rule.rrule, rule.time_of_day) == ("FREQ=WEEKLY;BYDAY=MO", time(9))
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) == items


def test_only_the_chosen_kinds_fields_are_read(logged_in) -> None:
    channel = make_channel()
    stray = {"interval": "zero", "month_day": "99", "position": "x", "per_week": "many"}
    response = new_rule(logged_in, channel, recurrence="weekdays", days=["WE"], **stray)
    assert response.status_code == 302
    assert db.session.scalar(select(CadenceRule.rrule)) == "FREQ=WEEKLY;BYDAY=WE"
    # The chosen kind's own field is still checked.
    refused = new_rule(logged_in, channel, recurrence="every_n_weeks", days=["WE"], **stray)
    assert "Not a valid integer value." in refused.get_data(as_text=True)
    assert rule_count() == 1


def test_a_rule_only_an_rrule_can_say_opens_under_advanced_and_saves_as_typed(logged_in) -> None:
    rule = make_rule(make_channel(), rrule="FREQ=MONTHLY;BYDAY=5TU")
    form = logged_in.get(f"/channels/rules/{rule.id}/edit").get_data(as_text=True)
    assert checked(form, "recurrence") == ["rrule"]
    assert '<details class="advanced" open>' in form
    assert 'value="FREQ=MONTHLY;BYDAY=5TU"' in form
    response = logged_in.post(
        f"/channels/rules/{rule.id}/edit",
        data={**FORM, "recurrence": "rrule", "rrule": "FREQ=MONTHLY;BYDAY=-2WE"},
    )
    assert response.status_code == 302
    assert rule.rrule == "FREQ=MONTHLY;BYDAY=-2WE"


def test_an_rrule_the_picker_can_say_opens_in_the_picker_and_keeps_its_text(logged_in) -> None:
    rule = make_rule(make_channel(), rrule="FREQ=DAILY", time_of_day=time(16))
    form = logged_in.get(f"/channels/rules/{rule.id}/edit").get_data(as_text=True)
    days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert checked(form, "recurrence") == ["weekdays"] and checked(form, "days") == days
    response = logged_in.post(
        f"/channels/rules/{rule.id}/edit",
        data={**FORM, "recurrence": "weekdays", "days": days, "time_of_day": "16:30"},
    )
    assert response.status_code == 302
    assert (rule.rrule, rule.time_of_day) == ("FREQ=DAILY", time(16, 30))
    logged_in.post(
        f"/channels/rules/{rule.id}/edit", data={**FORM, "recurrence": "weekdays", "days": ["SA"]}
    )
    assert rule.rrule == "FREQ=WEEKLY;BYDAY=SA"


def test_editing_every_n_weeks_long_after_its_start_keeps_the_start(logged_in, clock) -> None:
    rule = make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=TH;INTERVAL=2")
    clock.advance(days=800)
    form = logged_in.get(f"/channels/rules/{rule.id}/edit").get_data(as_text=True)
    assert checked(form, "recurrence") == ["every_n_weeks"]
    response = logged_in.post(
        f"/channels/rules/{rule.id}/edit",
        data={**FORM, "recurrence": "every_n_weeks", "days": ["TH"], "interval": "2"},
    )
    assert response.status_code == 302
    assert rule.starts_on == date(2026, 11, 23) and rule.time_of_day == time(10)


def test_a_new_rule_starts_today_at_the_channels_usual_time_on_weekly(logged_in) -> None:
    channel = make_channel()
    form = logged_in.get(f"/channels/{channel.id}/rules/new").get_data(as_text=True)
    assert re.search(r'id="time_of_day"[^>]* value="10:00"', form)
    assert re.search(r'id="starts_on"[^>]* value="2026-11-23"', form)
    assert checked(form, "recurrence") == ["weekdays"] and checked(form, "days") == []
    assert selected(form, "position") == "4" and selected(form, "weekday") == "MO"
    assert '<details class="advanced">' in form and "Next dates:" not in form
    for at in (time(16), time(9), time(16)):
        make_rule(channel, time_of_day=at)
    form = logged_in.get(f"/channels/{channel.id}/rules/new").get_data(as_text=True)
    assert re.search(r'id="time_of_day"[^>]* value="16:00"', form)


def test_every_picker_field_takes_odd_values_without_an_error_page(logged_in) -> None:
    channel = make_channel()
    names = ("days", "interval", "month_day", "position", "weekday", "yearly_day")
    for kind in ("weekdays", "every_n_weeks", "monthly_day", "monthly_weekday", "yearly"):
        for value in HOSTILE:
            values = {name: value for name in (*names, "yearly_month", "per_week")}
            response = new_rule(logged_in, channel, recurrence=kind, **values)
            assert response.status_code < 500, (kind, value)
