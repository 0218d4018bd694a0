"""Stop one kind of mail from the link in it: signed, no login needed.

The page asks first (a link scanner that opens it changes nothing); its button, and a
mail program's one-click POST (RFC 8058, the ``List-Unsubscribe-Post`` header), stop
the mail. The signed token in the address is what allows it, so the POST needs no
CSRF token: a mail program cannot have one.
"""

from __future__ import annotations

from flask import render_template, request
from werkzeug.wrappers import Response

from calendar_app.domain.mail import CHOSEN_KINDS
from calendar_app.extensions import csrf
from calendar_app.services import mail_preferences
from calendar_app.web.guards import public, secret_page
from calendar_app.web.presentation import secret_key

from . import bp


@bp.route("/unsubscribe/<unsubscribe_token>", methods=["GET", "POST"])
@public
@secret_page
@csrf.exempt
def unsubscribe(unsubscribe_token: str) -> Response | str | tuple[str, int]:
    """Ask, then stop mails of one kind to one member."""
    found = mail_preferences.read_unsubscribe_token(secret_key(), unsubscribe_token)
    if found is None:
        return render_template("auth/unsubscribe.html", user=None, kind=None), 404
    user, kind = found
    if request.method == "POST":
        mail_preferences.unsubscribe(user, kind)
    return render_template(
        "auth/unsubscribe.html",
        user=user,
        kind=kind,
        label=CHOSEN_KINDS[kind],
        done=request.method == "POST",
    )
