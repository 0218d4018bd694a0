"""Team members: creating accounts and checking their credentials."""

from __future__ import annotations

import hmac
import re

from sqlalchemy import func, select

from .extensions import db
from .models import User, digest_feed_token

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """An account that cannot be created or changed as asked."""


def normalise_email(email: str) -> str:
    """Lower-cased, stripped e-mail address, or AccountError if it is not one."""
    email = email.strip().lower()
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise AccountError(f"{email!r} is not an e-mail address.")
    return email


def check_password_strength(password: str) -> None:
    """Raise AccountError unless the password is 8 to 200 characters long."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise AccountError(
            f"The password must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters long."
        )


def has_users() -> bool:
    """Whether any account exists (if not, the first visit offers to create the owner)."""
    return bool(db.session.scalar(select(func.count()).select_from(User)))


def find_user(email: str) -> User | None:
    """The user with this e-mail address, if any."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email: str, password: str, *, is_owner: bool = False) -> User:
    """Create and commit an account with a fresh feed token."""
    email = normalise_email(email)
    check_password_strength(password)
    if find_user(email) is not None:
        raise AccountError(f"There is already an account for {email}.")
    user = User(email=email, is_owner=is_owner)
    user.set_password(password)
    user.reset_feed_token()
    db.session.add(user)
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    """Give ``user`` a new password and commit."""
    check_password_strength(password)
    user.set_password(password)
    db.session.commit()


def authenticate(email: str, password: str) -> User | None:
    """The user if the credentials match, else None."""
    user = find_user(email)
    if user is None or not user.check_password(password):
        return None
    return user


def user_for_feed_token(token: str) -> User | None:
    """The owner of a feed token, compared in constant time; None for an unknown token."""
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(select(User).where(User.feed_token_digest == digest_feed_token(token)))
    if user is None or not hmac.compare_digest(user.feed_token.encode(), token.encode()):
        return None
    return user
