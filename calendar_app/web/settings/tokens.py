"""API tokens on the Account page: each person makes, sees and revokes their own.

A token's secret is shown once, in the answer to the form that made it; only its
digest is stored. A token opens the JSON API only, never a page.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.api_tokens import SCOPE_LABELS, token_is_live, token_may_write
from calendar_app.domain.errors import FieldError
from calendar_app.services import api_tokens
from calendar_app.web.forms import show_error
from calendar_app.web.guards import secret_page

from . import bp
from .forms import TokenForm


def _tokens_page(form: TokenForm, new_token: dict[str, str] | None = None) -> str:
    now = clock.now()
    tokens = api_tokens.tokens_of(current_user)
    return render_template(
        "settings/tokens.html",
        form=form,
        tokens=tokens,
        live={t.id: token_is_live(t.revoked_at, t.expires_at, now) for t in tokens},
        scope_labels=SCOPE_LABELS,
        writes=token_may_write("write", current_user.role),
        # The secret of a token just made is shown once, in the answer to the form.
        new_token=new_token,
    )


@bp.route("/account/tokens")
@secret_page
def api_tokens_page() -> str:
    """Your API tokens, and the form that makes one."""
    return _tokens_page(TokenForm())


@bp.route("/account/tokens", methods=["POST"])
@secret_page
def create_token() -> str:
    """Make a token; its secret is shown once."""
    form = TokenForm()
    if form.validate_on_submit():
        try:
            token, secret = api_tokens.create_token(
                current_user,
                form.label.data or "",
                form.scope.data or "",
                form.days.data,
                clock.now(),
            )
        except FieldError as exc:
            show_error(exc, form)
        else:
            flash(f"Token “{token.label}” made: copy it below.", "success")
            return _tokens_page(TokenForm(formdata=None), {"label": token.label, "secret": secret})
    return _tokens_page(form)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int) -> Response:
    """Revoke one of your tokens: it opens nothing from the next request on."""
    token = api_tokens.token_of(current_user, token_id) or abort(404)
    if api_tokens.revoke_token(token, clock.now()):
        flash(f"“{token.label}” is revoked: it no longer opens the API.", "success")
    else:
        flash(f"“{token.label}” was already revoked.", "info")
    return redirect(url_for("settings.api_tokens_page"))
