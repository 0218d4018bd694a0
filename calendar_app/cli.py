"""The ``flask`` sub-commands: demo data, plan files, backups, users and the schedule."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from . import clock
from .domain import plan_parser
from .domain.cadence import resolve_timezone
from .domain.results_files import ResultsFileError, checked_period
from .extensions import db
from .models import Channel
from .services import accounts, backup, planner, plans
from .services import demo as demo_plan
from .services.ideas import seed_ideas
from .services.media_store import media_store
from .services.plan_export import export_plan
from .services.results_import import ImportStopped, import_results
from .services.transaction import discard_changes, feeds_changed_since_asked
from .web.access_log import mask_secrets
from .web.feeds.export import export_after_a_change, export_now


def _now() -> datetime:
    return clock.now()


def _secret_key() -> str:
    return str(current_app.config["SECRET_KEY"])


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"Cannot read {path}: {exc.strerror}.") from None


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot write {path}: {exc.strerror}.") from None


def _import_plan_text(raw: bytes | str) -> plans.ImportReport:
    try:
        return plans.import_plan(plan_parser.parse_plan(raw), _now())
    except plan_parser.PlanError as exc:
        raise click.ClickException(f"Plan rejected, nothing changed. {exc}") from None


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _guarded(run: Any, ctx: click.Context) -> Any:
    """Report an unexpected failure in one line, never a traceback, after a rollback."""
    try:
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


plan_cli = Commands("plan", help="Import and export plan files (JSON).")
backup_cli = Commands("backup", help="Back up and restore everything.")
users_cli = Commands("users", help="Manage accounts.")
schedule_cli = Commands("schedule", help="Plan the schedule ahead.")
ideas_cli = Commands("ideas", help="The idea bank.")
feed_cli = Commands("feed", help="Calendar feeds.")
results_cli = Commands("results", help="Results from analytics exports.")


@plan_cli.command("import")
@click.argument("file")
def plan_import(file: str) -> None:
    """Import a plan file; importing the same file again changes nothing."""
    click.echo(_import_plan_text(_read(file)).summary())


@plan_cli.command("export")
@click.argument("file")
def plan_export(file: str) -> None:
    """Write the workspace, channels, rules and ideas to a plan file."""
    _write(file, backup.dumps(export_plan()))
    click.echo(f"Plan written to {file}.")


@backup_cli.command("export")
@click.argument("file")
def backup_export(file: str) -> None:
    """Write every record (passwords excepted) and every image to a backup file."""
    _write(file, backup.dumps(backup.export_backup(media_store(current_app.config))))
    click.echo(f"Backup written to {file}.")


@backup_cli.command("import")
@click.argument("file")
def backup_import(file: str) -> None:
    """Restore a backup file into an empty database."""
    try:
        counts = backup.import_backup(
            _read(file),
            media_store(current_app.config),
            (current_app.config["MEDIA_MAX_BYTES"], current_app.config["MEDIA_MAX_PIXELS"]),
        )
    except backup.BackupError as exc:
        raise click.ClickException(f"Backup rejected, nothing changed. {exc}") from None
    click.echo("Restored " + ", ".join(f"{n} {table}" for table, n in counts.items()) + ".")
    click.echo("Users have no password yet: set one with 'flask users password EMAIL'.")


@users_cli.command("create")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--owner/--member", default=None, help="Owner by default for the first account.")
def users_create(email: str, password_stdin: bool, owner: bool | None) -> None:
    """Create an account (the first one is the owner)."""
    is_owner = owner if owner is not None else not accounts.has_users()
    try:
        accounts.normalise_email(email)
        user = accounts.create_user(
            email, _password(password_stdin), _secret_key(), is_owner=is_owner
        )
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {'owner' if user.is_owner else 'member'} account {user.email}.")


@users_cli.command("password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def users_password(email: str, password_stdin: bool) -> None:
    """Set a new password for an account."""
    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"There is no account for {email}.")
    try:
        accounts.set_password(user, _password(password_stdin))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Password changed for {user.email}.")


@schedule_cli.command("extend")
@click.option("--until", "until", help="Last date to plan (YYYY-MM-DD); default 13 weeks ahead.")
def schedule_extend(until: str | None) -> None:
    """Materialise the schedule further ahead (safe to run from cron)."""
    workspace = planner.get_workspace()
    if workspace is None:
        raise click.ClickException("There is no workspace yet: import a plan or run 'flask demo'.")
    now = _now()
    try:
        last = date.fromisoformat(until) if until else planner.horizon_target(workspace, now)
    except ValueError:
        raise click.ClickException(f"--until {until!r} is not a date like 2027-06-30.") from None
    if (last - now.date()).days > 3 * 366:
        raise click.ClickException("--until may be at most three years ahead.")
    stats = planner.extend_schedule(workspace, last, now)
    click.echo(f"Planned until {workspace.planned_until}: {stats.created} items added.")


def _seed(count: int) -> int:
    workspace = planner.get_workspace()
    if workspace is None:
        raise click.ClickException("There is no workspace yet: import a plan or run 'flask demo'.")
    today = _now().astimezone(resolve_timezone(workspace.timezone)).date()
    return len(seed_ideas(workspace, today, count))


@ideas_cli.command("seed")
@click.option("--count", default=30, show_default=True, type=click.IntRange(1, 500))
def ideas_seed(count: int) -> None:
    """Fill the idea bank with headlines generated from the workspace profile."""
    click.echo(f"Added {_seed(count)} headlines to the idea bank.")


@feed_cli.command("url")
@click.argument("email")
@click.option("--channel", "slug", help="The feed of one channel, by slug.")
def feed_url(email: str, slug: str | None) -> None:
    """Print a user's secret feed address (absolute with BASE_URL, else on 127.0.0.1:8000)."""
    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"There is no account for {email}.")
    if slug is not None and db.session.scalar(select(Channel).where(Channel.slug == slug)) is None:
        raise click.ClickException(f"There is no channel with the slug {slug!r}.")
    base = current_app.config["BASE_URL"] or "http://127.0.0.1:8000"
    token = accounts.feed_token_of(user, _secret_key())
    path = f"/feeds/{token}" + (f"/{slug}" if slug else "") + ".ics"
    click.echo(base + path)


@feed_cli.command("export")
def feed_export() -> None:
    """Plan ahead, then bring FEED_EXPORT_DIR's feed files up to date (run daily from cron:
    the feeds' window moves with the day)."""
    if not current_app.config.get("FEED_EXPORT_DIR"):
        raise click.ClickException("Set FEED_EXPORT_DIR to the folder the feeds go to.")
    workspace = planner.get_workspace()
    if workspace is not None:
        planner.keep_planned_ahead(_now(), current_app.config["PLANNING_HORIZON_WEEKS"])
    feeds_changed_since_asked()  # this command exports below, once
    report = export_now(current_app._get_current_object())  # type: ignore[attr-defined]
    click.echo(report.summary() if report else "")


@results_cli.command("import")
@click.argument("file")
@click.option("--from", "starts_on", help="First day the report covers (rows without a date).")
@click.option("--to", "ends_on", help="Last day the report covers.")
def results_import(file: str, starts_on: str | None, ends_on: str | None) -> None:
    """Import a GA4, Plausible or results CSV; importing it again changes nothing."""
    period = None
    if starts_on or ends_on:
        try:
            first, last = date.fromisoformat(starts_on or ""), date.fromisoformat(ends_on or "")
        except ValueError:
            raise click.ClickException("--from and --to are dates like 2026-11-01.") from None
        try:
            period = checked_period(first, last)
        except ResultsFileError as exc:
            raise click.ClickException(str(exc)) from None
    try:
        summary = import_results(_read(file), period)
    except ResultsFileError as exc:
        raise click.ClickException(f"Results file rejected, nothing changed. {exc}") from None
    except ImportStopped as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary.text())


@click.command("demo", cls=Command)
@click.option(
    "--if-empty", is_flag=True, help="Do nothing (successfully) if there is data already."
)
def demo(if_empty: bool) -> None:
    """Load the demo plan (Acme Bikes) into an empty database, marked so that it can be
    removed again ("Remove the demo" in Settings)."""
    if not plans.is_empty():
        if if_empty:
            click.echo("The database already has a plan; demo not loaded.")
            return
        raise click.ClickException(
            "The database is not empty; the demo loads only into an empty one."
        )
    try:
        report, seeded = demo_plan.load_demo(_now())
    except demo_plan.DemoError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Demo plan loaded: " + report.summary())
    click.echo(f"Idea bank seeded with {seeded} generated headlines.")


def register_commands(app: Flask) -> None:
    """Attach the commands to ``app.cli``."""
    groups = (plan_cli, backup_cli, users_cli, schedule_cli, ideas_cli, feed_cli, results_cli)
    for command in (*groups, demo):
        app.cli.add_command(command)
    from .cli_tokens import token_commands

    app.cli.add_command(token_commands())
