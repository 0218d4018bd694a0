"""Login, logout and first-run setup; every other page needs a login."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.services import account_mail, accounts, demo
from calendar_app.services.planner import get_workspace
from calendar_app.web.guards import public, secret_page
from calendar_app.web.presentation import absolute_url, same_site_path, secret_key

from . import bp
from .devices import remember_device, trusted_device
from .forms import (
    AcceptInvitationForm,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
    SetupForm,
)

# The one answer to the reset form, whether the address has an account or not.
RESET_SENT = (
    "If {email} has an account here, a mail with a link to choose a new password is on its way. "
    "The link works once, for an hour."
)


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Response | str:
    """Log in with e-mail and password."""
    if not accounts.has_users():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        device = trusted_device(email)
        try:
            user = accounts.log_in(
                email, form.password.data or "", request.remote_addr or "", clock.now(), device
            )
        except accounts.TooManyAttempts as exc:
            flash(str(exc), "error")
            page = render_template("auth/login.html", form=form)
            return Response(page, 429, {"Retry-After": str(exc.minutes * 60)})
        if user is not None:
            login_user(user)
            target = same_site_path(request.args.get("next"), url_for("schedule.week"))
            return remember_device(redirect(target), user.email, device)
        flash("Wrong e-mail or password.", "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Log out: every session cookie of this user made before stops working.

    (A copy of the cookie, taken before, is refused from now on; the user's other
    devices are logged out too.)
    """
    accounts.end_sessions(current_user)
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/setup", methods=["GET", "POST"])
@public
def setup() -> Response | str:
    """Create the owner account on the first visit (only while there is no account)."""
    if accounts.has_users():
        return redirect(url_for("auth.login"))
    form = SetupForm()
    needs_workspace = get_workspace() is None
    if form.validate_on_submit():
        try:
            user = accounts.set_up_owner(
                form.email.data or "",
                form.password.data or "",
                secret_key(),
                form.workspace_name.data or "",
                form.timezone.data or "UTC",
            )
        except accounts.AlreadySetUp as exc:
            flash(str(exc), "info")
            return redirect(url_for("auth.login"))
        except accounts.AccountError as exc:
            form.email.errors = [*form.email.errors, str(exc)]
        else:
            login_user(user)
            flash("Welcome! Your owner account is ready.", "success")
            first_run = needs_workspace or demo.has_demo()
            return redirect(url_for("welcome.start" if first_run else "schedule.week"))
    return render_template("auth/setup.html", form=form, needs_workspace=needs_workspace)


@bp.route("/join/<token>", methods=["GET", "POST"])
@public
@secret_page
def join(token: str) -> Response | str:
    """Accept an invitation: the invited member chooses a password and is logged in."""
    invitation = accounts.invitation_for_token(token, clock.now())
    if invitation is None:
        abort(
            404,
            "This invitation link is not valid: it was used, revoked or has expired. "
            "Ask the owner for a new one.",
        )
    form = AcceptInvitationForm()
    if not current_user.is_authenticated and form.validate_on_submit():
        try:
            user = accounts.accept_invitation(invitation, form.password.data or "", secret_key())
        except accounts.AccountError as exc:
            if accounts.invitation_for_token(token, clock.now()) is None:
                flash(str(exc), "info")  # used a moment ago, in another browser
                return redirect(url_for("auth.login"))
            form.password.errors = [*form.password.errors, str(exc)]
        else:
            login_user(user)
            flash("Welcome to the team! Your account is ready.", "success")
            return redirect(url_for("schedule.week"))
    return render_template("auth/join.html", form=form, invitation=invitation, team=get_workspace())


@bp.route("/forgot", methods=["GET", "POST"])
@public
def forgot() -> Response | str:
    """Ask for a password-reset link by mail: the same answer whether the address is known."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip()
        account_mail.request_reset(
            email, clock.now(), lambda token: absolute_url("auth.reset", reset_token=token)
        )
        flash(RESET_SENT.format(email=email), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<reset_token>", methods=["GET", "POST"])
@public
@secret_page
def reset(reset_token: str) -> Response | str | tuple[str, int]:
    """Choose a new password from a mailed link (it works once, for an hour)."""
    password_reset = account_mail.reset_for_token(reset_token, clock.now())
    if password_reset is None:
        return render_template("auth/reset_gone.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            account_mail.use_reset(password_reset, form.password.data or "", clock.now())
        except accounts.AccountError as exc:
            if account_mail.reset_for_token(reset_token, clock.now()) is None:
                return render_template("auth/reset_gone.html"), 404
            form.password.errors = [*form.password.errors, str(exc)]
        else:
            logout_user()
            flash("Your new password is set. Log in with it.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)
