"""What every ``flask`` sub-command shares: one-line failures after a rollback, and
reading and writing the files commands are given."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

from calendar_app import clock
from calendar_app.domain import plan_parser
from calendar_app.services import plans, site
from calendar_app.services.transaction import discard_changes
from calendar_app.web.access_log import mask_secrets
from calendar_app.web.feeds.export import export_after_a_change

# Where links made on the command line point when BASE_URL is not set.
LOCAL_SITE = "http://127.0.0.1:8000"


def now() -> datetime:
    return clock.now()


def secret_key() -> str:
    return str(current_app.config["SECRET_KEY"])


def read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"Cannot read {path}: {exc.strerror}.") from None


def write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot write {path}: {exc.strerror}.") from None


def import_plan_text(raw: bytes | str) -> plans.ImportReport:
    try:
        return plans.import_plan(plan_parser.parse_plan(raw), now())
    except plan_parser.PlanError as exc:
        raise click.ClickException(f"Plan rejected, nothing changed. {exc}") from None


def password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _guarded(run: Any, ctx: click.Context) -> Any:
    """Report an unexpected failure in one line, never a traceback, after a rollback."""
    try:
        with site.at(current_app.config["BASE_URL"] or LOCAL_SITE):
            result = run(ctx)
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except Exception as exc:
        discard_changes()
        reason = str(getattr(exc, "orig", exc)).splitlines()[0] if str(exc) else ""
        reason = mask_secrets(reason)  # a feed file's path names its secret address
        raise click.ClickException(f"{type(exc).__name__}: {reason} Nothing was changed.") from None
    export_after_a_change(current_app._get_current_object())  # type: ignore[attr-defined]
    return result


class Commands(AppGroup):
    """A group of commands that fail in one clear line and leave nothing half-saved."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an unexpected failure is one line, after a rollback."""
        return _guarded(super().invoke, ctx)


class Command(click.Command):
    """A single command that fails the same way."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an unexpected failure is one line, after a rollback."""
        return _guarded(super().invoke, ctx)
