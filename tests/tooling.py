"""Outside tools some tests need: missing ones skip the test locally and fail it in CI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
LIBICAL_CHECK = Path(__file__).parent / "tools" / "libical_check.py"


def missing(reason: str) -> None:
    """Fail in CI (``CI=true``), skip elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def libical_errors(body: bytes) -> list[str]:
    """What libical's parser and restriction checker say about a feed (Evolution's view)."""
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        missing(
            "libical's Python bindings are missing (apt-get install python3-gi gir1.2-ical-3.0)"
        )
    result = subprocess.run(
        [SYSTEM_PYTHON, str(LIBICAL_CHECK)], input=body, capture_output=True, check=False
    )
    return [line for line in result.stdout.decode().splitlines() if line]
