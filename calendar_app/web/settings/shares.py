"""Share links on Settings: the owner makes read-only addresses of the plan and revokes them.

Only the owner manages them (others get 403): a link shows the plan to anyone who
has it, so giving it out is the owner's decision, like inviting someone.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.shares import is_live
from calendar_app.extensions import db
from calendar_app.models import ShareLink
from calendar_app.services import agenda, shares
from calendar_app.web.forms import choices, show_error
from calendar_app.web.guards import secret_page
from calendar_app.web.presentation import absolute_url, current_workspace, local

from . import bp
from .forms import ShareForm


def _owner_only() -> None:
    if not current_user.is_owner:
        abort(403)


def _share_form(**kwargs: object) -> ShareForm:
    form = ShareForm(**kwargs)
    form.channel_ids.choices = choices((c.id, c.name) for c in agenda.all_channels())
    return form


def _shares_page(form: ShareForm, new_link: dict[str, str] | None = None) -> str:
    now = clock.now()
    links = shares.all_shares()
    return render_template(
        "settings/shares.html",
        form=form,
        shares=links,
        live={link.id: is_live(link.revoked_at, link.expires_at, now) for link in links},
        last_days={
            link.id: (local(link.expires_at) - timedelta(microseconds=1)).date()
            for link in links
            if link.expires_at
        },
        # The address of a link just made is shown once, in the answer to the form.
        new_link=new_link,
    )


@bp.route("/settings/shares")
@secret_page
def share_links() -> str:
    """The share links, and the form that makes one."""
    _owner_only()
    return _shares_page(_share_form())


@bp.route("/settings/shares", methods=["POST"])
@secret_page
def create_share() -> str:
    """Make a share link; its address is shown once."""
    _owner_only()
    form = _share_form()
    if form.validate_on_submit():
        try:
            share, token = shares.create_share(
                form.values(), current_user, clock.now(), current_workspace().timezone
            )
        except FieldError as exc:
            show_error(exc, form)
        else:
            url = absolute_url("share.page", share_token=token)
            flash(f"Share link “{share.label}” made: copy its address below.", "success")
            return _shares_page(_share_form(formdata=None), {"label": share.label, "url": url})
    return _shares_page(form)


@bp.route("/settings/shares/<int:share_id>/revoke", methods=["POST"])
def revoke_share(share_id: int) -> Response:
    """Revoke a share link: its address opens nothing from the next request on."""
    _owner_only()
    share = db.session.get(ShareLink, share_id) or abort(404)
    if shares.revoke_share(share, clock.now()):
        flash(f"“{share.label}” is revoked: its address no longer opens anything.", "success")
    else:
        flash(f"“{share.label}” was already revoked.", "info")
    return redirect(url_for("settings.share_links"))
