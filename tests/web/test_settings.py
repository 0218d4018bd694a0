"""Settings and Account: every field validated, re-planning keeps people's work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User
from calendar_app.services import accounts, planner
from tests.factories import feed_token, make_channel, make_rule

PROFILE = {
    "name": "Acme Bikes",
    "mission": "We fix city bikes the same day.",
    "industry": "bicycle repair",
    "audience": "city commuters",
    "topics": "e-bikes\nwinter cycling\n\ne-bikes",
    "products": "same-day repair",
    "site_url": "https://acme.example/",
    "timezone": "Europe/Berlin",
    "goal": "leads",
    "goal_target": "40",
    "hours_per_week": "12.5",
    "blackout_dates": "2026-12-25\n2026-12-24",
}


def test_saving_the_profile(logged_in) -> None:
    response = logged_in.post("/settings", data=PROFILE)
    assert response.status_code == 302
    workspace = planner.get_workspace()
    assert workspace.topics == ["e-bikes", "winter cycling"]
    assert workspace.blackout_dates == ["2026-12-24", "2026-12-25"]
    assert (workspace.goal, workspace.goal_target, workspace.hours_per_week) == ("leads", 40, 12.5)
    page = logged_in.get("/settings").get_data(as_text=True)
    assert "We fix city bikes the same day." in page and "31</span> / 140" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mission": "x" * 141}, "Keep the mission to 140 characters."),
        ({"name": ""}, "This field is required."),
        ({"site_url": "javascript:alert(1)"}, "Only absolute http:// or https:// addresses"),
        ({"timezone": "Mars/Olympus"}, "Not a valid choice"),
        ({"hours_per_week": "200"}, "Between 0 and 168 hours."),
        ({"hours_per_week": "lots"}, "Not a valid decimal value"),
        ({"goal_target": "-1"}, "Number must be between"),
        ({"blackout_dates": "2026-12-25\nChristmas"}, "“Christmas” is not a date like 2026-12-25."),
        ({"topics": "y" * 101}, "is longer than 100 characters"),
        ({"name": "Acme\nX-WR-CALNAME:Hacked"}, "must be a single line"),
        ({"name": "Acme\rBikes"}, "must be a single line"),
        ({"industry": "Bikes\x07"}, "must be a single line"),
        ({"mission": "We fix\u2028bikes"}, "must be a single line"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(logged_in, changes, message) -> None:
    before = planner.get_workspace().name, planner.get_workspace().site_url
    page = logged_in.post("/settings", data={**PROFILE, **changes}).get_data(as_text=True)
    assert message in page
    db.session.expire_all()
    assert (planner.get_workspace().name, planner.get_workspace().site_url) == before


def test_every_bad_field_is_named_at_once(logged_in) -> None:
    bad = {
        "name": "",
        "site_url": "ftp://acme.example/",
        "blackout_dates": "2026-13-01",
        "topics": "y" * 101,
        "hours_per_week": "200",
    }
    page = logged_in.post("/settings", data={**PROFILE, **bad}).get_data(as_text=True)
    for field, message in (
        ("name", "This field is required."),
        ("site_url", "Only absolute http:// or https:// addresses"),
        ("blackout_dates", "“2026-13-01” is not a date like 2026-12-25."),
        ("topics", "is longer than 100 characters"),
        ("hours_per_week", "Between 0 and 168 hours."),
    ):
        assert f'id="{field}"' in page and 'aria-invalid="true"' in page
        errors = page.split(f'<div id="{field}-error">', 1)[1].split("</div>", 1)[0]
        assert message in errors, field
    assert page.count("Not a valid choice") == 0
    assert "Nothing was saved: correct the 5 fields marked below." in page


def test_a_new_time_zone_replans_untouched_items_and_keeps_touched_ones(logged_in) -> None:
    tomorrow = app_now().date() + timedelta(days=1)
    make_rule(make_channel(), rrule="FREQ=DAILY", count=3, starts_on=tomorrow)
    planner.keep_planned_ahead(app_now())
    first, second, _ = db.session.scalars(
        select(ScheduleItem).order_by(ScheduleItem.starts_at)
    ).all()
    planner.touch(first, app_now())
    db.session.commit()
    kept_start = first.starts_at
    page = logged_in.post(
        "/settings",
        data={**PROFILE, "timezone": "America/New_York", "touched_items": "instant"},
    )
    assert page.status_code == 302
    db.session.expire_all()
    assert first.starts_at == kept_start
    local = second.starts_at.astimezone(planner.resolve_timezone("America/New_York"))
    assert local.hour == 9 and second.sequence == 1


def test_by_default_worked_on_items_keep_their_local_times_in_a_new_zone(logged_in) -> None:
    tomorrow = app_now().date() + timedelta(days=1)
    make_rule(make_channel(), rrule="FREQ=DAILY", count=3, starts_on=tomorrow)
    planner.keep_planned_ahead(app_now())
    first = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()
    logged_in.post(f"/items/{first.id}", data={"notes": "Drafted", "version": first.version})
    settings_page = logged_in.get("/settings").get_data(as_text=True)
    assert "the 1 upcoming item people worked on" in settings_page
    assert "keep their local times (a 09:00 post stays at 09:00)" in settings_page
    saved = logged_in.post(
        "/settings", data={**PROFILE, "timezone": "America/New_York"}, follow_redirects=True
    )
    assert "1 items people worked on kept their local times." in saved.get_data(as_text=True)
    db.session.expire_all()
    local = first.starts_at.astimezone(planner.resolve_timezone("America/New_York"))
    assert (local.hour, local.minute) == (9, 0) and first.notes == "Drafted"
    assert first.sequence == 1


def test_blackout_dates_remove_untouched_slots(logged_in) -> None:
    day = app_now().date() + timedelta(days=2)
    make_rule(make_channel(), rrule="FREQ=DAILY", count=5, starts_on=day - timedelta(days=1))
    planner.keep_planned_ahead(app_now())
    logged_in.post("/settings", data={**PROFILE, "blackout_dates": day.isoformat()})
    days = {i.occurrence_date for i in db.session.scalars(select(ScheduleItem))}
    assert days == {day + timedelta(days=n) for n in (-1, 1, 2, 3)}


def test_changing_the_password(logged_in, app) -> None:
    laptop = app.test_client()
    laptop.post("/login", data={"email": "owner@example.com", "password": "correct horse battery"})
    assert laptop.get("/account").status_code == 200
    wrong = logged_in.post(
        "/account/password",
        data={"pw-current": "nope nope", "pw-password": "new long pw", "pw-confirm": "new long pw"},
    )
    assert "That is not your current password." in wrong.get_data(as_text=True)
    logged_in.post(
        "/account/password",
        data={
            "pw-current": "correct horse battery",
            "pw-password": "new long pw",
            "pw-confirm": "new long pw",
        },
    )
    assert accounts.authenticate("owner@example.com", "new long pw") is not None
    assert logged_in.get("/account").status_code == 200  # the session that changed it stays
    assert laptop.get("/account").headers["Location"].startswith("/login")  # others end


def test_the_owner_adds_team_members_and_members_cannot(logged_in, app) -> None:
    page = logged_in.post(
        "/account/members",
        data={"member-email": "sam@example.com", "member-password": "long enough pw"},
        follow_redirects=True,
    )
    assert "Account created for sam@example.com" in page.get_data(as_text=True)
    sam = db.session.scalar(select(User).where(User.email == "sam@example.com"))
    assert not sam.is_owner and feed_token(sam)
    duplicate = logged_in.post(
        "/account/members",
        data={"member-email": "SAM@example.com", "member-password": "long enough pw"},
    )
    assert "already an account" in duplicate.get_data(as_text=True)
    member = app.test_client()
    member.post("/login", data={"email": "sam@example.com", "password": "long enough pw"})
    refused = member.post(
        "/account/members",
        data={"member-email": "x@example.com", "member-password": "long enough pw"},
    )
    assert refused.status_code == 403
    assert "You are an editor" in refused.get_data(as_text=True)
