"""The app reads the time in one place, so tests (and the suite a year from now) can pin it."""

from __future__ import annotations

from datetime import UTC, datetime

from calendar_app import clock


def test_the_week_page_follows_the_app_clock_not_the_machine(app, logged_in, clock) -> None:
    clock.advance(days=365 * 3 + 7)  # three years on: Thursday 29 Nov 2029
    page = logged_in.get("/week").get_data(as_text=True)
    assert "Week of 26 Nov 2029" in page


def test_without_a_configured_clock_now_is_the_system_time(app) -> None:
    app.config["CLOCK"] = None
    before = datetime.now(UTC)
    assert before <= clock.now() <= datetime.now(UTC)


def test_a_configured_clock_is_read_and_given_in_utc(app) -> None:
    app.config["CLOCK"] = lambda: datetime.fromisoformat("2031-05-05T12:00:00+02:00")
    assert clock.now() == datetime(2031, 5, 5, 10, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
