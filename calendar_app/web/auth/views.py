"""Login, logout and first-run setup; every other page needs a login."""

from __future__ import annotations

import hmac

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.extensions import db, login_manager
from calendar_app.models import User, Workspace
from calendar_app.services import accounts
from calendar_app.services.planner import get_workspace
from calendar_app.web.presentation import same_site_path, secret_key

from . import bp
from .forms import AcceptInvitationForm, LoginForm, SetupForm

PUBLIC_ENDPOINTS = {"auth.login", "auth.setup", "auth.join", "static"}


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Flask-Login's hook: the logged-in user, unless their password changed since login."""
    user_id, _, key = session_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not hmac.compare_digest(user.session_key, key):
        return None
    return user


@bp.before_app_request
def require_login() -> Response | None:
    """Send anonymous visitors to the setup (no account yet) or the login page.

    Login is the default for every endpoint; only those in PUBLIC_ENDPOINTS
    (login, setup, invitation links, static files and the token-protected
    feeds) are open.
    """
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    if not accounts.has_users():
        return redirect(url_for("auth.setup"))
    return login_manager.unauthorized()


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str:
    """Log in with e-mail and password."""
    if not accounts.has_users():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.log_in(
                form.email.data or "",
                form.password.data or "",
                request.remote_addr or "",
                clock.now(),
            )
        except accounts.TooManyAttempts as exc:
            flash(str(exc), "error")
            page = render_template("auth/login.html", form=form)
            return Response(page, 429, {"Retry-After": str(exc.minutes * 60)})
        if user is not None:
            login_user(user)
            return redirect(same_site_path(request.args.get("next"), url_for("schedule.week")))
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
def setup() -> Response | str:
    """Create the owner account on the first visit (only while there is no account)."""
    if accounts.has_users():
        return redirect(url_for("auth.login"))
    form = SetupForm()
    needs_workspace = get_workspace() is None
    if form.validate_on_submit():
        try:
            if needs_workspace:
                name = (form.workspace_name.data or "").strip() or "Our team"
                db.session.add(Workspace(name=name, timezone=form.timezone.data))
            user = accounts.create_user(
                form.email.data or "", form.password.data or "", secret_key(), is_owner=True
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            form.email.errors = [*form.email.errors, str(exc)]
        except IntegrityError:
            # Someone else completed the first-run setup at the same moment.
            db.session.rollback()
            flash("This calendar has just been set up by someone else: log in.", "info")
            return redirect(url_for("auth.login"))
        else:
            login_user(user)
            flash("Welcome! Your owner account is ready.", "success")
            return redirect(url_for("schedule.week"))
    return render_template("auth/setup.html", form=form, needs_workspace=needs_workspace)


@bp.route("/join/<token>", methods=["GET", "POST"])
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
            db.session.rollback()
            if accounts.invitation_for_token(token, clock.now()) is None:
                flash(str(exc), "info")  # used a moment ago, in another browser
                return redirect(url_for("auth.login"))
            form.password.errors = [*form.password.errors, str(exc)]
        else:
            login_user(user)
            flash("Welcome to the team! Your account is ready.", "success")
            return redirect(url_for("schedule.week"))
    return render_template("auth/join.html", form=form, invitation=invitation, team=get_workspace())
