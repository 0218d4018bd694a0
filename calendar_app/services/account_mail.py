"""Accounts by mail: password resets with a single-use link, and invitations sent by mail."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, update

from calendar_app.domain.accounts import (
    INVITATION_LIFETIME,
    MAX_RESETS_PER_HOUR,
    RESET_LIFETIME,
    AccountError,
    check_password_strength,
)
from calendar_app.domain.mail_texts import invitation_mail, reset_mail
from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db, passwords
from calendar_app.models import Invitation, PasswordReset, User

from .accounts import find_user, invite
from .mail import queue_mail
from .planner import get_workspace
from .transaction import unit_of_work

LinkFor = Callable[[str], str]


def _team_name() -> str:
    workspace = get_workspace()
    return workspace.name if workspace is not None else ""


def request_reset(email: str, now: datetime, link_for: LinkFor) -> None:
    """Mail a password-reset link to ``email`` if it has an account; nothing says whether.

    The token is made and hashed either way, and only its digest is stored. An account
    gets at most MAX_RESETS_PER_HOUR of these mails an hour.
    """
    token = secrets.token_urlsafe(32)
    digest = digest_token(token)
    user = find_user(email[:254])
    with unit_of_work():
        if user is None or _recent_resets(user, now) >= MAX_RESETS_PER_HOUR:
            return
        reset = PasswordReset(
            user_id=user.id, token_digest=digest, created_at=now, expires_at=now + RESET_LIFETIME
        )
        db.session.add(reset)
        db.session.flush()
        hours = int(RESET_LIFETIME.total_seconds() // 3600)
        mail = reset_mail(_team_name(), link_for(token), hours)
        queue_mail(user, "reset", *mail, key=f"reset:{digest}")


def _recent_resets(user: User, now: datetime) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.created_at > now - RESET_LIFETIME)
    )


def reset_for_token(token: str, now: datetime) -> PasswordReset | None:
    """The reset a link's token opens, if it exists, is unused and has not expired."""
    if not token or len(token) > 100:
        return None
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_digest == digest_token(token))
    )
    if reset is None or reset.used_at is not None or reset.expires_at <= now:
        return None
    return reset


def use_reset(reset: PasswordReset, password: str, now: datetime) -> User:
    """Set the new password; the link (and every other open one of the account) is used up.

    The new password ends every login session made before, as a password change does.
    Used a moment ago in another browser: AccountError, and nothing changes.
    """
    check_password_strength(password)
    password_hash = passwords.hash(password)
    reset_id, user_id = reset.id, reset.user_id
    with unit_of_work():
        used = db.session.execute(
            update(PasswordReset)
            .where(
                PasswordReset.id == reset_id,
                PasswordReset.used_at.is_(None),
                PasswordReset.expires_at > now,
            )
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        user = db.session.get(User, user_id)
        if used.rowcount != 1 or user is None:
            raise AccountError("This reset link has just been used. Ask for a new one.")
        db.session.execute(
            update(PasswordReset)
            .where(PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        user.password_hash = password_hash
    return user


def invite_by_mail(
    email: str, invited_by: User, now: datetime, role: str, link_for: LinkFor
) -> tuple[Invitation, str]:
    """An invitation (as ``accounts.invite``) and its link mailed to the new member, in one
    unit of work; the token is also given back, to show once to the owner."""
    with unit_of_work():
        invitation, token = invite(email, invited_by, now, role)
        db.session.flush()
        days = INVITATION_LIFETIME.days
        mail = invitation_mail(_team_name(), invited_by.email, link_for(token), days)
        queue_mail(
            invitation.email, "invitation", *mail, key=f"invitation:{invitation.token_digest}"
        )
    return invitation, token
