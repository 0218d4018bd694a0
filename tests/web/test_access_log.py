"""The access log never shows a feed or invitation token."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from calendar_app.web.access_log import MaskedLogger, SecretsFilter, mask_secrets

TOKEN = "mX3k_9aZ-0qLw2f6T8bYcR1dE5vN7uH4sJgKpO0iQa"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (f"GET /feeds/{TOKEN}.ics HTTP/1.1", "GET /feeds/….ics HTTP/1.1"),
        (f"GET /feeds/{TOKEN}/linkedin.ics HTTP/1.1", "GET /feeds/…/linkedin.ics HTTP/1.1"),
        (f"GET /join/{TOKEN} HTTP/1.1", "GET /join/… HTTP/1.1"),
        (f"POST /reset/{TOKEN} HTTP/1.1", "POST /reset/… HTTP/1.1"),
        ("GET /unsubscribe/WzEsImRpZ2VzdCJd.rS0pBvnk_a HTTP/1.1", "GET /unsubscribe/… HTTP/1.1"),
        (f"GET /share/{TOKEN}?month=2026-12 HTTP/1.1", "GET /share/…?month=2026-12 HTTP/1.1"),
        ("POST /settings/shares/3/revoke HTTP/1.1", "POST /settings/shares/3/revoke HTTP/1.1"),
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


def test_the_apps_own_log_masks_tokens(app) -> None:
    assert any(isinstance(f, SecretsFilter) for f in app.logger.filters)
    record = logging.LogRecord(
        "calendar_app",
        logging.ERROR,
        __file__,
        1,
        "Exception on %s [GET]",
        (f"/feeds/{TOKEN}.ics",),
        None,
    )
    assert SecretsFilter().filter(record) is True  # masked, never dropped
    assert record.getMessage() == "Exception on /feeds/….ics [GET]"


def test_gunicorns_error_log_masks_tokens_too(caplog) -> None:
    logger = MaskedLogger(Config())
    with caplog.at_level(logging.ERROR, logger="gunicorn.error"):
        logger.error("Error handling request /join/%s", TOKEN)
    assert "Error handling request /join/…" in caplog.text and TOKEN not in caplog.text
