"""The mails each member chooses to get, and the signed links that stop one kind."""

from __future__ import annotations

from collections.abc import Mapping

from itsdangerous import BadSignature, URLSafeSerializer

from calendar_app.domain.mail import CHOSEN_KINDS
from calendar_app.extensions import db
from calendar_app.models import User

from .transaction import unit_of_work

SALT = "mail-unsubscribe"


def unsubscribe_token(secret_key: str, user: User, kind: str) -> str:
    """A signed token that stops mails of ``kind`` to ``user`` (no login needed).

    It holds the member's id and the kind, signed with the app's secret key: nobody can
    make one for someone else; a new secret key ends every earlier one.
    """
    if kind not in CHOSEN_KINDS:
        raise ValueError(f"{kind!r} is not a kind of mail one can stop")
    return str(URLSafeSerializer(secret_key, salt=SALT).dumps([user.id, kind]))


def read_unsubscribe_token(secret_key: str, token: str) -> tuple[User, str] | None:
    """The member and kind of mail a token stops; None if it is forged or its member gone."""
    if not token or len(token) > 200:
        return None
    try:
        user_id, kind = URLSafeSerializer(secret_key, salt=SALT).loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or kind not in CHOSEN_KINDS:
        return None
    return user, kind


@unit_of_work()
def set_mail_choices(user: User, choices: Mapping[str, bool]) -> None:
    """Save which mails ``user`` gets (a kind left out keeps its choice)."""
    for kind in CHOSEN_KINDS:
        if kind in choices:
            setattr(user, f"mail_{kind}", bool(choices[kind]))


def unsubscribe(user: User, kind: str) -> None:
    """Stop mails of ``kind`` to ``user`` (from a mail's one-click link)."""
    set_mail_choices(user, {kind: False})
