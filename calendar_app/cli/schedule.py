"""The schedule, the idea bank, the feeds, the demo plan and the media store from the
command line."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from sqlalchemy import select

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services import accounts, media_files, planner, plans
from calendar_app.services import demo as demo_plan
from calendar_app.services.ideas import seed_ideas
from calendar_app.services.media_store import media_store
from calendar_app.services.transaction import feeds_changed_since_asked
from calendar_app.web.feeds.export import export_now

from .base import LOCAL_SITE, Command, Commands, now, secret_key

schedule_cli = Commands("schedule", help="Plan the schedule ahead.")
ideas_cli = Commands("ideas", help="The idea bank.")
feed_cli = Commands("feed", help="Calendar feeds.")
media_cli = Commands("media", help="Image files in the media store.")


@schedule_cli.command("extend")
@click.option("--until", "until", help="Last date to plan (YYYY-MM-DD); default 13 weeks ahead.")
def schedule_extend(until: str | None) -> None:
    """Materialise the schedule further ahead (safe to run from cron)."""
    workspace = planner.get_workspace()
    if workspace is None:
        raise click.ClickException("There is no workspace yet: import a plan or run 'flask demo'.")
    moment = now()
    try:
        last = date.fromisoformat(until) if until else planner.horizon_target(workspace, moment)
    except ValueError:
        raise click.ClickException(f"--until {until!r} is not a date like 2027-06-30.") from None
    if (last - moment.date()).days > 3 * 366:
        raise click.ClickException("--until may be at most three years ahead.")
    stats = planner.extend_schedule(workspace, last, moment)
    click.echo(f"Planned until {workspace.planned_until}: {stats.created} items added.")


def _seed(count: int) -> int:
    workspace = planner.get_workspace()
    if workspace is None:
        raise click.ClickException("There is no workspace yet: import a plan or run 'flask demo'.")
    today = now().astimezone(resolve_timezone(workspace.timezone)).date()
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
    base = current_app.config["BASE_URL"] or LOCAL_SITE
    token = accounts.feed_token_of(user, secret_key())
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
        planner.keep_planned_ahead(now(), current_app.config["PLANNING_HORIZON_WEEKS"])
    feeds_changed_since_asked()  # this command exports below, once
    report = export_now(current_app._get_current_object())  # type: ignore[attr-defined]
    click.echo(report.summary() if report else "")


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
        report, seeded = demo_plan.load_demo(now())
    except demo_plan.DemoError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Demo plan loaded: " + report.summary())
    click.echo(f"Idea bank seeded with {seeded} generated headlines.")


@media_cli.command("prune")
@click.option("--dry-run", is_flag=True, help="Only list the files; delete nothing.")
def media_prune(dry_run: bool) -> None:
    """Delete the image files no item's media names any more (older than an hour)."""
    keys = media_files.prune(media_store(current_app.config), now(), dry_run=dry_run)
    for key in keys:
        click.echo(key)
    verb = "would be deleted" if dry_run else "deleted"
    click.echo(f"{len(keys)} file{'' if len(keys) == 1 else 's'} no media row names {verb}.")
