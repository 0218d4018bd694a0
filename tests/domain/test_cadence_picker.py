"""The rule form's picker: each kind written as an RRULE and read back, its refusals and edges."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.cadence import Cadence, normalise_rrule, validate_cadence
from calendar_app.domain.cadence_picker import (
    LAST,
    POSITIONS,
    PickedCadence,
    pick,
    picked_from_rule,
    picked_rrule,
    picked_start,
    picker_values,
    rrule_to_store,
    usual_time,
)
from calendar_app.domain.errors import CadenceError
from calendar_app.domain.rrules import MAX_INTERVAL, RRULE_DAYS
from calendar_app.domain.rule_words import describe_cadence, slot_words

TODAY = date(2026, 11, 23)  # the app's pinned "today": a Monday


def weekdays(*days: str) -> PickedCadence:
    return PickedCadence("weekdays", days=days)


def every_n_weeks(interval: int, *days: str) -> PickedCadence:
    return PickedCadence("every_n_weeks", days=days, interval=interval)


def monthly_day(day: int) -> PickedCadence:
    return PickedCadence("monthly_day", month_day=day)


def monthly_weekday(position: int, weekday: str) -> PickedCadence:
    return PickedCadence("monthly_weekday", position=position, weekday=weekday)


def yearly(month: int, day: int) -> PickedCadence:
    return PickedCadence("yearly", yearly_month=month, yearly_day=day)


def per_week(n: int) -> PickedCadence:
    return PickedCadence("per_week", per_week=n)


def occurrences(rrule: str, starts_on: date, days: int = 731) -> list[datetime]:
    """Two years of a rule's slots, as dateutil plans them."""
    begin = datetime.combine(starts_on, time(9))
    return list(rrulestr(rrule, dtstart=begin).between(begin, begin + timedelta(days=days), True))


# --- Each kind as an RRULE ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("picked", "rrule"),
    [
        (weekdays("MO", "WE", "FR"), "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        (weekdays("SA"), "FREQ=WEEKLY;BYDAY=SA"),
        (weekdays(*RRULE_DAYS), "FREQ=DAILY"),
        (every_n_weeks(2, "TH"), "FREQ=WEEKLY;BYDAY=TH;INTERVAL=2"),
        (every_n_weeks(1, "TU", "TH"), "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=1"),
        (monthly_day(1), "FREQ=MONTHLY;BYMONTHDAY=1"),
        (monthly_day(31), "FREQ=MONTHLY;BYMONTHDAY=31"),
        (monthly_day(LAST), "FREQ=MONTHLY;BYMONTHDAY=-1"),
        (monthly_weekday(2, "TU"), "FREQ=MONTHLY;BYDAY=2TU"),
        (monthly_weekday(LAST, "FR"), "FREQ=MONTHLY;BYDAY=-1FR"),
        (yearly(3, 15), "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15"),
        (yearly(2, 29), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
        (per_week(3), None),
    ],
)
def test_each_kind_is_written_as_its_rrule_and_read_back(picked, rrule) -> None:
    assert picked_rrule(picked) == rrule
    assert picked_from_rule(rrule, picked.per_week, TODAY) == picked


@pytest.mark.parametrize(
    ("rrule", "starts_on", "picked"),
    [
        ("FREQ=DAILY;BYDAY=MO,FR", TODAY, weekdays("MO", "FR")),
        ("FREQ=WEEKLY;BYDAY=FR,MO", TODAY, weekdays("MO", "FR")),
        ("FREQ=WEEKLY", date(2026, 11, 26), weekdays("TH")),  # the start's weekday
        ("FREQ=WEEKLY;INTERVAL=3", date(2026, 11, 26), every_n_weeks(3, "TH")),
        ("FREQ=MONTHLY", date(2026, 12, 31), monthly_day(31)),
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", TODAY, monthly_weekday(2, "TU")),
        ("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", TODAY, monthly_weekday(LAST, "FR")),
        ("FREQ=MONTHLY;BYDAY=+1MO", TODAY, monthly_weekday(1, "MO")),
        ("FREQ=YEARLY", date(2028, 2, 29), yearly(2, 29)),
        ("rrule:freq=weekly;byday=we", TODAY, weekdays("WE")),
    ],
)
def test_rules_that_mean_what_a_picker_kind_means_open_in_the_picker(
    rrule, starts_on, picked
) -> None:
    assert picked_from_rule(rrule, None, starts_on) == picked
    assert occurrences(picked_rrule(picked), starts_on) == occurrences(rrule, starts_on)


@pytest.mark.parametrize(
    ("rrule", "starts_on"),
    [
        ("FREQ=MONTHLY;BYDAY=5TU", TODAY),  # the fifth Tuesday: not in every month
        ("FREQ=MONTHLY;BYDAY=-2WE", TODAY),
        ("FREQ=MONTHLY;BYDAY=1MO,3MO", TODAY),
        ("FREQ=MONTHLY;BYDAY=MO", TODAY),
        ("FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1", TODAY),
        ("FREQ=MONTHLY;BYDAY=TU,WE;BYSETPOS=2", TODAY),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", TODAY),
        ("FREQ=MONTHLY;BYMONTHDAY=-2", TODAY),
        ("FREQ=MONTHLY;INTERVAL=2", TODAY),
        ("FREQ=DAILY;INTERVAL=2", TODAY),
        ("FREQ=DAILY;INTERVAL=1", TODAY),
        ("FREQ=WEEKLY;BYDAY=MO;COUNT=3", TODAY),  # the count has a field of its own
        ("FREQ=WEEKLY;BYDAY=MO;WKST=SU", TODAY),
        ("FREQ=WEEKLY;BYDAY=MO,MO", TODAY),
        ("FREQ=WEEKLY;BYMONTH=3", TODAY),
        ("FREQ=YEARLY;BYMONTH=6", TODAY),
        ("FREQ=YEARLY;BYMONTH=3,4;BYMONTHDAY=15", TODAY),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", TODAY),
        ("FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1", TODAY),
        ("FREQ=YEARLY;BYWEEKNO=20", TODAY),
        ("FREQ=HOURLY", TODAY),
        ("BYDAY=MO", TODAY),
        ("not a rule", TODAY),
        ("", TODAY),
        # Every other Thursday from a Friday: its first Thursday is a fortnight later, and the
        # picker would move the start back to this week's Thursday.
        ("FREQ=WEEKLY;BYDAY=TH;INTERVAL=2", date(2026, 11, 27)),
        ("FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2", date(2026, 11, 25)),
    ],
)
def test_other_rules_open_under_advanced(rrule, starts_on) -> None:
    assert picked_from_rule(rrule, None, starts_on) is None


def test_n_times_a_week_is_its_own_kind_and_a_rule_without_either_has_none() -> None:
    assert picked_from_rule(None, 3, TODAY) == per_week(3)
    assert picked_from_rule(None, None, TODAY) is None


# --- Refusals, and what is still accepted ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "values", "field", "fragment"),
    [
        ("weekdays", {"days": []}, "days", "Tick at least one day"),
        ("weekdays", {"days": None}, "days", "Tick at least one day"),
        ("weekdays", {"days": ["MO", "XX"]}, "days", "'XX' is not a day"),
        ("every_n_weeks", {"days": [], "interval": 2}, "days", "Tick at least one day"),
        ("every_n_weeks", {"days": ["TH"], "interval": 0}, "interval", "Every 0 weeks cannot"),
        ("every_n_weeks", {"days": ["TH"], "interval": -2}, "interval", "give 1 to 366 weeks"),
        ("every_n_weeks", {"days": ["TH"], "interval": 367}, "interval", "give 1 to 366"),
        ("every_n_weeks", {"days": ["TH"], "interval": None}, "interval", "every how many"),
        ("monthly_day", {"month_day": 0}, "month_day", "1 to 31, or the last day"),
        ("monthly_day", {"month_day": 32}, "month_day", "1 to 31, or the last day"),
        ("monthly_day", {"month_day": -2}, "month_day", "1 to 31, or the last day"),
        ("monthly_day", {}, "month_day", "Choose a day of the month"),
        ("monthly_weekday", {"position": 5, "weekday": "TU"}, "position", "Advanced"),
        ("monthly_weekday", {"position": 0, "weekday": "TU"}, "position", "fourth or last"),
        ("monthly_weekday", {"position": 1, "weekday": "XX"}, "weekday", "day of the week"),
        ("yearly", {"yearly_month": 2, "yearly_day": 30}, "yearly_day", "February has 29 days"),
        ("yearly", {"yearly_month": 4, "yearly_day": 31}, "yearly_day", "April has 30 days"),
        ("yearly", {"yearly_month": 1, "yearly_day": 0}, "yearly_day", "from 1 to 31"),
        ("yearly", {"yearly_month": 13, "yearly_day": 1}, "yearly_month", "Choose a month"),
        ("yearly", {"yearly_month": None, "yearly_day": 1}, "yearly_month", "Choose a month"),
        ("per_week", {"per_week": None}, "per_week", "how many times per week"),
        ("per_week", {"per_week": 0}, "per_week", "how many times per week"),
        ("per_week", {"per_week": 6}, "per_week", "between 1 and 5"),
        ("hourly", {}, "recurrence", "Choose how often"),
    ],
)
def test_a_bad_pick_is_refused_naming_its_field(kind, values, field, fragment) -> None:
    with pytest.raises(CadenceError) as caught:
        pick(kind, values)
    assert (caught.value.field, fragment in caught.value.message) == (field, True)


@pytest.mark.parametrize(
    ("kind", "values", "picked"),
    [
        ("weekdays", {"days": ["FR", "MO", "MO"]}, weekdays("MO", "FR")),
        ("every_n_weeks", {"days": ["TH"], "interval": 1}, every_n_weeks(1, "TH")),
        ("every_n_weeks", {"days": ["TH"], "interval": MAX_INTERVAL}, every_n_weeks(366, "TH")),
        ("monthly_day", {"month_day": 31}, monthly_day(31)),
        ("monthly_day", {"month_day": LAST}, monthly_day(LAST)),
        ("monthly_weekday", {"position": 4, "weekday": "SU"}, monthly_weekday(4, "SU")),
        ("monthly_weekday", {"position": LAST, "weekday": "FR"}, monthly_weekday(LAST, "FR")),
        ("yearly", {"yearly_month": 2, "yearly_day": 29}, yearly(2, 29)),
        ("yearly", {"yearly_month": 12, "yearly_day": 31}, yearly(12, 31)),
        ("per_week", {"per_week": 5}, per_week(5)),
    ],
)
def test_the_edges_a_pick_still_accepts(kind, values, picked) -> None:
    assert pick(kind, values) == picked


def test_a_pick_reads_only_its_own_kinds_fields() -> None:
    form = {"days": [], "interval": 0, "month_day": 99, "position": 5, "weekday": "XX"}
    form |= {"yearly_month": 2, "yearly_day": 31, "per_week": 9}
    assert pick("yearly", {**form, "yearly_day": 28}) == yearly(2, 28)
    assert pick("weekdays", {**form, "days": ["TU"]}) == weekdays("TU")
    assert pick("monthly_day", {**form, "month_day": 3}) == monthly_day(3)


# --- Every N weeks starts in the week it names ----------------------------------------------


@pytest.mark.parametrize(
    ("picked", "week_of", "starts_on", "first"),
    [
        # Every other Thursday from Monday 23 Nov 2026: this Thursday, not in a fortnight.
        (every_n_weeks(2, "TH"), date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 26)),
        (every_n_weeks(2, "TH"), date(2026, 11, 26), date(2026, 11, 26), date(2026, 11, 26)),
        (every_n_weeks(2, "TH"), date(2026, 11, 27), date(2026, 11, 26), date(2026, 11, 26)),
        (every_n_weeks(2, "TH"), date(2026, 11, 29), date(2026, 11, 26), date(2026, 11, 26)),
        (every_n_weeks(3, "MO", "TH"), date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 23)),
        # Across a year end: the week of Fri 1 Jan 2027 began on Mon 28 Dec 2026.
        (every_n_weeks(2, "TU"), date(2027, 1, 1), date(2026, 12, 29), date(2026, 12, 29)),
    ],
)
def test_every_n_weeks_starts_the_week_of_the_date_given(picked, week_of, starts_on, first) -> None:
    assert picked_start(picked, week_of) == starts_on
    assert occurrences(picked_rrule(picked), starts_on)[0].date() == first
    assert picked_from_rule(picked_rrule(picked), None, starts_on) == picked


@pytest.mark.parametrize("picked", [weekdays("TH"), monthly_day(1), yearly(3, 1), per_week(2)])
def test_other_kinds_start_on_the_date_given(picked) -> None:
    assert picked_start(picked, date(2026, 11, 27)) == date(2026, 11, 27)


# --- Properties -----------------------------------------------------------------------------

days = st.sets(st.sampled_from(RRULE_DAYS), min_size=1).map(
    lambda chosen: tuple(d for d in RRULE_DAYS if d in chosen)
)
picked_values = st.one_of(
    days.map(lambda d: weekdays(*d)),
    st.builds(lambda n, d: every_n_weeks(n, *d), st.integers(1, MAX_INTERVAL), days),
    st.sampled_from([*range(1, 32), LAST]).map(monthly_day),
    st.builds(monthly_weekday, st.sampled_from(POSITIONS), st.sampled_from(RRULE_DAYS)),
    st.dates(date(2028, 1, 1), date(2028, 12, 31)).map(lambda d: yearly(d.month, d.day)),
    st.integers(1, 5).map(per_week),
)
starts = st.dates(date(2025, 11, 23), date(2036, 11, 23))


@given(picked=picked_values, day=starts)
def test_every_pick_round_trips_through_its_rrule(picked: PickedCadence, day: date) -> None:
    assert pick(picked.kind, asdict(picked)) == picked
    rrule = picked_rrule(picked)
    starts_on = picked_start(picked, day)
    assert picked_from_rule(rrule, picked.per_week, starts_on) == picked
    cadence = Cadence("post", time(9), starts_on, rrule=rrule, per_week=picked.per_week)
    validate_cadence(cadence)  # every pick can be planned
    if rrule is not None:
        assert normalise_rrule(rrule) == rrule  # stored as written


@given(interval=st.integers(1, MAX_INTERVAL), chosen=days, day=starts)
def test_every_n_weeks_has_its_first_slot_in_the_week_given(
    interval: int, chosen: tuple[str, ...], day: date
) -> None:
    picked = every_n_weeks(interval, *chosen)
    monday = day - timedelta(days=day.weekday())
    first = occurrences(picked_rrule(picked), picked_start(picked, day), days=7)[0].date()
    assert monday <= first <= monday + timedelta(days=6)
    assert first.weekday() == RRULE_DAYS.index(chosen[0])


numbers = st.sampled_from(["1", "2", "3", "4", "5", "-1", "-2", "31", "+2"])
rule_texts = st.one_of(
    picked_values.filter(lambda p: p.kind != "per_week").map(picked_rrule),
    st.sampled_from(["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY"]),
    days.map(lambda d: "FREQ=DAILY;BYDAY=" + ",".join(reversed(d))),
    st.builds(lambda n, d: f"FREQ=WEEKLY;INTERVAL={n};BYDAY={','.join(d)}", numbers, days),
    st.builds(
        lambda f, by, n, d: f"FREQ={f};{by}={n}{d}",
        st.sampled_from(["MONTHLY", "YEARLY"]),
        st.sampled_from(["BYDAY", "BYMONTHDAY", "BYSETPOS", "BYMONTH", "INTERVAL"]),
        numbers,
        st.sampled_from(["", *RRULE_DAYS]),
    ),
    st.builds(
        lambda n, d: f"FREQ=MONTHLY;BYDAY={d};BYSETPOS={n}", numbers, st.sampled_from(RRULE_DAYS)
    ),
)


@given(rrule=rule_texts, starts_on=starts)
def test_a_rule_the_picker_shows_keeps_its_slots_and_its_start(rrule: str, starts_on: date) -> None:
    picked = picked_from_rule(rrule, None, starts_on)
    if picked is None:
        return
    assert picked_start(picked, starts_on) == starts_on
    assert occurrences(picked_rrule(picked), starts_on) == occurrences(rrule, starts_on)


# --- Keeping a stored rule's text, the form's values, the usual time ------------------------


def test_a_rule_whose_recurrence_did_not_change_keeps_its_text() -> None:
    assert rrule_to_store(weekdays(*RRULE_DAYS), TODAY, "FREQ=DAILY") == "FREQ=DAILY"
    assert rrule_to_store(weekdays("MO"), TODAY, "FREQ=WEEKLY") == "FREQ=WEEKLY"
    # Starting on a Wednesday, FREQ=WEEKLY would mean Wednesdays: the Mondays are written out.
    wednesday = date(2026, 11, 25)
    assert rrule_to_store(weekdays("MO"), wednesday, "FREQ=WEEKLY") == "FREQ=WEEKLY;BYDAY=MO"
    assert rrule_to_store(weekdays("TU"), TODAY, "FREQ=DAILY") == "FREQ=WEEKLY;BYDAY=TU"
    assert rrule_to_store(per_week(2), TODAY, "FREQ=WEEKLY;BYDAY=TU,TH") is None
    assert rrule_to_store(monthly_day(3), TODAY, None) == "FREQ=MONTHLY;BYMONTHDAY=3"


def test_the_form_opens_on_the_rules_kind_with_the_others_taken_from_its_start() -> None:
    values = picker_values(monthly_weekday(LAST, "FR"), TODAY)
    assert values == {
        "recurrence": "monthly_weekday",
        "days": [],
        "interval": 2,
        "month_day": 23,
        "position": LAST,
        "weekday": "FR",
        "yearly_month": 11,
        "yearly_day": 23,
        "per_week": None,
    }
    assert picker_values(every_n_weeks(2, "TU", "TH"), TODAY)["days"] == ["TU", "TH"]
    assert picker_values(None, TODAY)["recurrence"] == "rrule"
    # Monday 23 Nov 2026 is the month's fourth Monday; the 30th would be a fifth: offered as 4.
    assert picker_values(None, date(2026, 11, 30))["position"] == 4
    assert set(picker_values(None, TODAY)) - {"recurrence"} == {
        name for name in asdict(weekdays("MO")) if name != "kind"
    }


@pytest.mark.parametrize(
    ("times", "usual"),
    [
        ([], time(10)),
        ([time(9)], time(9)),
        ([time(16), time(9), time(16)], time(16)),
        ([time(16), time(9)], time(9)),  # equally common: the earliest
    ],
)
def test_a_channels_usual_time_is_the_most_common_of_its_rules(times, usual) -> None:
    assert usual_time(times) == usual


# --- Plain words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("picked", "words"),
    [
        (weekdays("MO", "WE", "FR"), "Every Mon, Wed and Fri"),
        (weekdays(*RRULE_DAYS), "Every day"),
        (every_n_weeks(2, "TH"), "Every 2 weeks on Thu"),
        (every_n_weeks(1, "TH"), "Every Thu"),
        (monthly_day(15), "Every month on the 15th"),
        (monthly_day(29), "Every month on the 29th (skipped in months without a 29th)"),
        (monthly_day(31), "Every month on the 31st (skipped in months without a 31st)"),
        (monthly_day(LAST), "Every month on the last day"),
        (monthly_weekday(2, "TU"), "Every month on the second Tuesday"),
        (monthly_weekday(LAST, "FR"), "Every month on the last Friday"),
        (yearly(3, 15), "Every year on 15 March"),
        (yearly(2, 29), "Every year on 29 February (leap years only)"),
        (per_week(2), "2 times a week (Tue and Thu)"),
    ],
)
def test_each_pick_in_plain_words(picked, words) -> None:
    cadence = Cadence("post", time(9), TODAY, rrule=picked_rrule(picked), per_week=picked.per_week)
    assert describe_cadence(cadence) == f"{words} at 09:00"


@pytest.mark.parametrize(
    ("rrule", "starts_on", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", TODAY, "Every day"),
        (
            "FREQ=MONTHLY",
            date(2026, 12, 31),
            "Every month on day 31 (skipped in months without a 31st)",
        ),
        ("FREQ=MONTHLY;BYMONTHDAY=1,31", TODAY, "Every month on the 1st and the 31st"),
        ("FREQ=YEARLY", date(2028, 2, 29), "Every year on 29 February (leap years only)"),
    ],
)
def test_rules_typed_as_rrules_say_the_same_edges(rrule, starts_on, words) -> None:
    assert describe_cadence(Cadence("post", time(9), starts_on, rrule=rrule)) == f"{words} at 09:00"


def at(*args: int) -> datetime:
    return datetime(*args, 10, 0)


@pytest.mark.parametrize(
    ("starts", "words"),
    [
        ([at(2026, 11, 26), at(2026, 12, 10)], ["Thu 26 Nov 10:00", "Thu 10 Dec 10:00"]),
        ([at(2026, 12, 1), at(2027, 12, 1)], ["Tue 1 Dec 2026 10:00", "Wed 1 Dec 2027 10:00"]),
        ([at(2027, 2, 28)], ["Sun 28 Feb 2027 10:00"]),
        ([], []),
    ],
)
def test_next_slots_say_their_year_once_one_is_outside_this_year(starts, words) -> None:
    assert slot_words(starts, TODAY) == words
