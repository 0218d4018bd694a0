"""``flask tokens create EMAIL``: a personal API token for scripts and operators."""

from __future__ import annotations

import click

from calendar_app import clock
from calendar_app.domain.api_tokens import SCOPES
from calendar_app.domain.errors import FieldError
from calendar_app.services import accounts, api_tokens

from .base import Commands

tokens_cli = Commands("tokens", help="Personal API tokens.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--scope", type=click.Choice(SCOPES), default="read", show_default=True)
@click.option("--label", default="Command line", show_default=True)
@click.option("--days", type=int, default=None, help="Days it works (default: until revoked).")
def tokens_create(email: str, scope: str, label: str, days: int | None) -> None:
    """Make a token for the account EMAIL and print it (it is shown only this once)."""
    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"There is no account for {email}.")
    try:
        _token, secret = api_tokens.create_token(user, label, scope, days, clock.now())
    except FieldError as exc:
        raise click.ClickException(f"--{exc.field}: {exc.message} Nothing was made.") from None
    click.echo(secret)
