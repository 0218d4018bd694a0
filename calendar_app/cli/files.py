"""Plan files, backups and analytics exports from the command line."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app

from calendar_app.domain.results_files import ResultsFileError, checked_period
from calendar_app.services import backup
from calendar_app.services.media_store import media_store
from calendar_app.services.plan_export import export_plan
from calendar_app.services.results_import import ImportStopped, import_results

from .base import Commands, import_plan_text, read, write

plan_cli = Commands("plan", help="Import and export plan files (JSON).")
backup_cli = Commands("backup", help="Back up and restore everything.")
results_cli = Commands("results", help="Results from analytics exports.")


@plan_cli.command("import")
@click.argument("file")
def plan_import(file: str) -> None:
    """Import a plan file; importing the same file again changes nothing."""
    click.echo(import_plan_text(read(file)).summary())


@plan_cli.command("export")
@click.argument("file")
def plan_export(file: str) -> None:
    """Write the workspace, channels, rules and ideas to a plan file."""
    write(file, backup.dumps(export_plan()))
    click.echo(f"Plan written to {file}.")


@backup_cli.command("export")
@click.argument("file")
def backup_export(file: str) -> None:
    """Write every record (passwords excepted) and every image to a backup file."""
    write(file, backup.dumps(backup.export_backup(media_store(current_app.config))))
    click.echo(f"Backup written to {file}.")


@backup_cli.command("import")
@click.argument("file")
def backup_import(file: str) -> None:
    """Restore a backup file into an empty database."""
    try:
        counts = backup.import_backup(
            read(file),
            media_store(current_app.config),
            (current_app.config["MEDIA_MAX_BYTES"], current_app.config["MEDIA_MAX_PIXELS"]),
        )
    except backup.BackupError as exc:
        raise click.ClickException(f"Backup rejected, nothing changed. {exc}") from None
    click.echo("Restored " + ", ".join(f"{n} {table}" for table, n in counts.items()) + ".")
    click.echo("Users have no password yet: set one with 'flask users password EMAIL'.")


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
        summary = import_results(read(file), period)
    except ResultsFileError as exc:
        raise click.ClickException(f"Results file rejected, nothing changed. {exc}") from None
    except ImportStopped as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary.text())
