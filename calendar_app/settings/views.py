"""Settings and Account pages."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import accounts
from ..errors import FieldError
from ..extensions import db
from ..models import User
from ..presentation import current_workspace
from . import bp, service
from .forms import MemberForm, PasswordForm, ProfileForm


@bp.route("/settings", methods=["GET", "POST"])
def profile() -> Response | str:
    """The workspace profile, goal, capacity and blackout dates."""
    workspace = current_workspace() or abort(404)
    form = ProfileForm(obj=workspace)
    if request.method == "GET":
        form.topics.data = "\n".join(workspace.topics or [])
        form.products.data = "\n".join(workspace.products or [])
        form.blackout_dates.data = "\n".join(workspace.blackout_dates or [])
    if form.validate_on_submit():
        try:
            stats = service.update_profile(workspace, form.data, datetime.now(UTC))
        except FieldError as exc:
            db.session.rollback()
            getattr(form, exc.field).errors.append(exc.message)
        else:
            message = "Settings saved."
            if stats.changed:
                message += (
                    f" The schedule was re-planned ({stats.changed} untouched slots changed)."
                )
            flash(message, "success")
            return redirect(url_for("settings.profile"))
    return render_template("settings/profile.html", form=form)


def _account_page(
    password_form: PasswordForm | None = None, member_form: MemberForm | None = None
) -> str:
    members = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template(
        "settings/account.html",
        password_form=password_form or PasswordForm(prefix="pw"),
        member_form=member_form or MemberForm(prefix="member"),
        members=members,
    )


@bp.route("/account")
def account() -> str:
    """Change the password, see the team; the owner adds members."""
    return _account_page()


@bp.route("/account/password", methods=["POST"])
def change_password() -> Response | str:
    """Change one's own password (the current one is asked for)."""
    form = PasswordForm(prefix="pw")
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data or ""):
            form.current.errors.append("That is not your current password.")
        else:
            accounts.set_password(current_user, form.password.data or "")
            flash("Password changed.", "success")
            return redirect(url_for("settings.account"))
    return _account_page(password_form=form)


@bp.route("/account/members", methods=["POST"])
def add_member() -> Response | str:
    """The owner creates an account for a team member."""
    if not current_user.is_owner:
        abort(403)
    form = MemberForm(prefix="member")
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data or "", form.password.data or "")
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            flash(
                f"Account created for {user.email}; give them the first password in person.",
                "success",
            )
            return redirect(url_for("settings.account"))
    return _account_page(member_form=form)
