"""Accounts from the command line."""

from __future__ import annotations

import click

from calendar_app.services import accounts

from .base import Commands, password, secret_key

users_cli = Commands("users", help="Manage accounts.")


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
            email, password(password_stdin), secret_key(), is_owner=is_owner
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
        accounts.set_password(user, password(password_stdin))
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Password changed for {user.email}.")
