"""The access log never shows a feed or invitation token."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from calendar_app.web.access_log import MaskedLogger, mask_secrets

TOKEN = "mX3k_9aZ-0qLw2f6T8bYcR1dE5vN7uH4sJgKpO0iQa"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (f"GET /feeds/{TOKEN}.ics HTTP/1.1", "GET /feeds/….ics HTTP/1.1"),
        (f"GET /feeds/{TOKEN}/linkedin.ics HTTP/1.1", "GET /feeds/…/linkedin.ics HTTP/1.1"),
        (f"GET /join/{TOKEN} HTTP/1.1", "GET /join/… HTTP/1.1"),
        (f"https://cal.example/feeds/{TOKEN}.ics?x=1", "https://cal.example/feeds/….ics?x=1"),
        ("GET /week?start=2026-12-07 HTTP/1.1", "GET /week?start=2026-12-07 HTTP/1.1"),
        ("GET /static/style.css HTTP/1.1", "GET /static/style.css HTTP/1.1"),
    ],
)
def test_tokens_in_addresses_are_masked_and_nothing_else(line: str, masked: str) -> None:
    assert mask_secrets(line) == masked


def test_every_part_of_an_access_log_line_is_masked() -> None:
    logger = MaskedLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/feeds/{TOKEN}.ics",
        "PATH_INFO": f"/feeds/{TOKEN}.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://cal.example/join/{TOKEN}",
        "REMOTE_ADDR": "192.0.2.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(0))
    line = " ".join(str(value) for value in atoms.values())
    assert TOKEN not in line
    assert atoms["r"] == "GET /feeds/….ics HTTP/1.1" and atoms["s"] == "200"


def test_the_error_log_of_a_failing_feed_request_hides_its_token(app, caplog) -> None:
    app.testing = False  # log the exception as production does, then answer 500
    with caplog.at_level(logging.ERROR):
        app.logger.error(f"Exception on /feeds/{TOKEN}.ics [GET]")
    assert "Exception on /feeds/….ics [GET]" in caplog.text
    assert TOKEN not in caplog.text


def test_gunicorns_error_log_masks_tokens_too(caplog) -> None:
    logger = MaskedLogger(Config())
    with caplog.at_level(logging.ERROR, logger="gunicorn.error"):
        logger.error("Error handling request /join/%s", TOKEN)
    assert "Error handling request /join/…" in caplog.text and TOKEN not in caplog.text
