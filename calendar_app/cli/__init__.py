"""The ``flask`` sub-commands: demo data, plan files, backups, users, the schedule, feeds,
results, media, mail, API tokens and webhooks."""

from __future__ import annotations

import click
from flask import Flask

from calendar_app.services.actor import as_command_line

from .digest import digest_cli, reminders_cli
from .files import backup_cli, plan_cli, results_cli
from .mail import mail_cli
from .people import users_cli
from .schedule import demo, feed_cli, ideas_cli, media_cli, schedule_cli
from .tokens import tokens_cli
from .webhooks import webhooks_cli


def register_commands(app: Flask) -> None:
    """Attach the commands to ``app.cli``."""
    groups = (
        plan_cli,
        backup_cli,
        users_cli,
        schedule_cli,
        ideas_cli,
        feed_cli,
        results_cli,
        media_cli,
        mail_cli,
        digest_cli,
        reminders_cli,
        tokens_cli,
        webhooks_cli,
    )
    for command in (*groups, demo):
        _from_command_line(command)
        app.cli.add_command(command)


def _from_command_line(command: click.Command) -> None:
    """The history records what a command changes as the command line's."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _from_command_line(sub)
    elif command.callback is not None and not hasattr(command.callback, "acting_as"):
        command.callback = as_command_line(command.callback)
