"""Team members: creating accounts and checking their credentials."""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from werkzeug.security import check_password_hash

from calendar_app.domain.accounts import (
    INVITATION_LIFETIME,
    LOGIN_WINDOW,
    MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_CLIENT,
    MAX_FAILURES_PER_DEVICE,
    AccountError,
    TooManyAttempts,
    check_password_strength,
    normalise_email,
)
from calendar_app.domain.tokens import derive_feed_token, digest_token, same_digest
from calendar_app.extensions import db, passwords
from calendar_app.models import FailedLogin, Invitation, User, Workspace

from .planner import get_workspace
from .roles import check_given_role
from .transaction import retry_write, unit_of_work


def has_users() -> bool:
    """Whether any account exists (if not, the first visit offers to create the owner)."""
    return bool(db.session.scalar(select(func.count()).select_from(User)))


def find_user(email: str) -> User | None:
    """The user with this e-mail address, if any."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


@unit_of_work()
def create_user(
    email: str, password: str, secret_key: str, *, is_owner: bool = False, role: str = "editor"
) -> User:
    """Create and commit an account with a fresh feed token (the owner's role is owner)."""
    return _new_user(normalise_email(email), password, secret_key, is_owner=is_owner, role=role)


class AlreadySetUp(AccountError):
    """The first-run setup was completed by someone else a moment ago."""


def set_up_owner(
    email: str, password: str, secret_key: str, workspace_name: str, timezone: str
) -> User:
    """The first account, the owner's, and the workspace if there is none yet: one unit."""
    try:
        with unit_of_work():
            if get_workspace() is None:
                name = workspace_name.strip() or "Our team"
                db.session.add(Workspace(name=name, timezone=timezone))
            return create_user(email, password, secret_key, is_owner=True)
    except IntegrityError:
        # Two first-run setups at once: one owner and one workspace are unique.
        raise AlreadySetUp("This calendar has just been set up by someone else: log in.") from None


def _new_user(
    email: str, password: str, secret_key: str, *, is_owner: bool, role: str = "editor"
) -> User:
    check_password_strength(password)
    if find_user(email) is not None:
        raise AccountError(f"There is already an account for {email}.")
    role = "owner" if is_owner else check_given_role(role)
    user = User(email=email, is_owner=is_owner, role=role, password_hash=passwords.hash(password))
    _new_feed_token(user, secret_key)
    db.session.add(user)
    return user


def _new_feed_token(user: User, secret_key: str) -> str:
    user.feed_salt = secrets.token_hex(16)
    token = derive_feed_token(secret_key, user.feed_salt)
    user.feed_token_digest = digest_token(token)
    user.old_feed_token_digest = None
    return token


@unit_of_work()
def reset_feed_token(user: User, secret_key: str) -> str:
    """A new feed token for ``user``; every earlier one stops working at once."""
    return _new_feed_token(user, secret_key)


@unit_of_work()
def remove_user(user: User, removed_by: User) -> None:
    """The owner removes a team member; what they wrote stays, without an author."""
    if user.is_owner or user.id == removed_by.id:
        raise AccountError("The owner's account cannot be removed.")
    db.session.delete(user)


@unit_of_work()
def invite(
    email: str, invited_by: User, now: datetime, role: str = "editor"
) -> tuple[Invitation, str]:
    """A one-time invitation for ``email`` and its secret token (shown once, never stored).

    Inviting the same address again replaces the earlier link.
    """
    email = normalise_email(email)
    if find_user(email) is not None:
        raise AccountError(f"There is already an account for {email}.")
    db.session.execute(delete(Invitation).where(Invitation.email == email))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        role=check_given_role(role),
        token_digest=digest_token(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    return invitation, token


def invitation_for_token(token: str, now: datetime) -> Invitation | None:
    """The invitation a token opens, if it exists and has not expired."""
    if not token or len(token) > 100:
        return None
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_digest == digest_token(token))
    )
    if invitation is None or invitation.expires_at <= now:
        return None
    return invitation


def accept_invitation(invitation: Invitation, password: str, secret_key: str) -> User:
    """Create the invited member's account; the invitation is used up."""
    try:
        with unit_of_work():
            user = _new_user(
                invitation.email, password, secret_key, is_owner=False, role=invitation.role
            )
            db.session.delete(invitation)
    except (IntegrityError, StaleDataError, ObjectDeletedError):
        # The same link was accepted at the same moment in another browser.
        raise AccountError("This invitation has just been used; log in instead.") from None
    return user


def pending_invitations() -> Sequence[Invitation]:
    """Invitations not yet accepted or revoked (expired ones too, so they can be renewed)."""
    return db.session.scalars(select(Invitation).order_by(Invitation.email)).all()


@unit_of_work()
def revoke_invitation(invitation: Invitation) -> None:
    """The link stops working at once."""
    db.session.delete(invitation)


@unit_of_work()
def end_sessions(user: User) -> None:
    """Every login session of ``user`` made until now ends (used at logout)."""
    user.session_epoch = (user.session_epoch or 0) + 1


@unit_of_work()
def set_password(user: User, password: str) -> None:
    """Give ``user`` a new password and commit."""
    check_password_strength(password)
    user.password_hash = passwords.hash(password)


def authenticate(email: str, password: str) -> User | None:
    """The user if the credentials match, else None.

    An unknown address costs the same password check as a known one, so the time
    an answer takes does not tell which addresses have accounts.
    """
    user = find_user(email)
    if user is None or not user.password_hash:
        check_password_hash(_unusable_hash(passwords.method), password)
        return None
    return user if password_matches(user, password) else None


def password_matches(user: User, password: str) -> bool:
    """Whether ``password`` is the user's (always False for a user without one)."""
    return bool(user.password_hash) and check_password_hash(user.password_hash, password)


@cache
def _unusable_hash(method: str) -> str:
    return passwords.hash(secrets.token_urlsafe(16))


def log_in(
    email: str, password: str, address: str, now: datetime, device: str | None = None
) -> User | None:
    """Check credentials, slowing down guessing; the user, None, or TooManyAttempts.

    After MAX_FAILURES_PER_ACCOUNT wrong passwords for one address (known or not)
    or MAX_FAILURES_PER_CLIENT from one client within LOGIN_WINDOW, further tries
    are refused without checking the password until the window has moved on. A
    ``device`` that logged in to this account before (its verified id) counts only
    its own failures, MAX_FAILURES_PER_DEVICE, so that nobody else's guesses lock
    the account's owner out of it. A successful login forgets the account's failures.

    The password is checked before the unit of work that records the outcome, so a
    flood of guesses never holds the write lock; the limits are checked again inside
    it, so that guesses made at the same moment are never honoured past them.
    """
    key = email.strip().lower()[:254]
    address = (address or "unknown")[:64]
    _refuse_if_throttled(key, address, device, now)
    user = authenticate(email, password)
    with unit_of_work():
        _refuse_if_throttled(key, address, device, now)
        if user is None:
            db.session.execute(delete(FailedLogin).where(FailedLogin.at < now - timedelta(days=1)))
            db.session.add(FailedLogin(email=key, address=address, at=now, device=device))
        else:
            db.session.execute(delete(FailedLogin).where(FailedLogin.email == key))
    return user


def _refuse_if_throttled(key: str, address: str, device: str | None, now: datetime) -> None:
    """TooManyAttempts if the device, or else the account or the client, has used up its
    wrong passwords (a trusted device's are counted apart from everyone else's)."""
    since = now - LOGIN_WINDOW
    if device is not None:
        limits = [(FailedLogin.device == device, MAX_FAILURES_PER_DEVICE)]
    else:
        untrusted = FailedLogin.device.is_(None)
        limits = [
            (and_(FailedLogin.email == key, untrusted), MAX_FAILURES_PER_ACCOUNT),
            (and_(FailedLogin.address == address, untrusted), MAX_FAILURES_PER_CLIENT),
        ]
    for condition, limit in limits:
        recent = db.session.scalars(
            select(FailedLogin.at)
            .where(condition, FailedLogin.at >= since)
            .order_by(FailedLogin.at.desc())
            .limit(limit)
        ).all()
        if len(recent) >= limit:
            wait = recent[-1] + LOGIN_WINDOW - now
            raise TooManyAttempts(max(1, math.ceil(wait.total_seconds() / 60)))


def user_for_feed_token(token: str) -> User | None:
    """The owner of a feed token; None for an unknown one.

    Tokens are looked up by their SHA-256 digest (a digest is not a secret one can
    subscribe with); the current token or the one before a change of secret key works.
    """
    if not token or len(token) > 100:
        return None
    digest = digest_token(token)
    return db.session.scalar(
        select(User).where(
            or_(User.feed_token_digest == digest, User.old_feed_token_digest == digest)
        )
    )


def feed_token_of(user: User, secret_key: str) -> str:
    """The user's feed token, to show in addresses.

    The token is derived from the app's secret key. If the stored digest does not
    match (a database from before tokens were derived, or a new secret key), the
    derived token becomes current and the earlier one keeps working until a reset.
    """

    token = derive_feed_token(secret_key, user.feed_salt or "")
    if user.feed_salt is not None and same_digest(token, user.feed_token_digest):
        return token  # the usual case: a read, no lock

    def heal() -> str:
        token = derive_feed_token(secret_key, user.feed_salt or "")
        if user.feed_salt is None or not same_digest(token, user.feed_token_digest):
            user.old_feed_token_digest = user.feed_token_digest
            if user.feed_salt is None:
                user.feed_salt = secrets.token_hex(16)
                token = derive_feed_token(secret_key, user.feed_salt)
            user.feed_token_digest = digest_token(token)
        return token

    return retry_write(heal)
