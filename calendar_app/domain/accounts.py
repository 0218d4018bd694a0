"""What makes an account acceptable: an e-mail address, a password's length, login limits."""

from __future__ import annotations

import re
from datetime import timedelta

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200
INVITATION_LIFETIME = timedelta(days=7)
# A password-reset link sent by mail works once, for this long.
RESET_LIFETIME = timedelta(hours=1)
# At most this many reset mails per account an hour (nobody floods an inbox with them).
MAX_RESETS_PER_HOUR = 3
LOGIN_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_CLIENT = 20
# A device that logged in to an account before has an allowance of its own (OWASP's
# device cookies), so that strangers' guesses cannot lock the account's owner out.
MAX_FAILURES_PER_DEVICE = 5
# One @, a dot in the domain, no spaces, quotes, angle brackets or control characters.
EMAIL_PATTERN = re.compile(r'^[^@\s\x00-\x1f\x7f<>"]+@[^@\s\x00-\x1f\x7f<>"]+\.[a-z0-9-]{2,}$')


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


class TooManyAttempts(AccountError):
    """Logins refused for a while after too many wrong passwords; ``minutes`` to wait."""

    def __init__(self, minutes: int) -> None:
        super().__init__(
            f"Too many wrong passwords: try again in {minutes} minute{'s' * (minutes != 1)}."
        )
        self.minutes = minutes
