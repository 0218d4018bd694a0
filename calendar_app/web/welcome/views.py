"""The first-run choice (the demo or an empty calendar) and the guided set-up's steps:
the workspace's basics, the first channels, the team."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.domain.starter_channels import STARTERS
from calendar_app.services import demo, media_files, welcome
from calendar_app.services.media_store import media_store
from calendar_app.web.forms import show_error
from calendar_app.web.presentation import current_workspace

from . import bp
from .forms import BasicsForm, ChannelsForm


@bp.before_request
def owner_only() -> None:
    """Only the owner sets the workspace up (the login guard ran first)."""
    if current_user.is_authenticated and not current_user.is_owner:
        abort(403)
    if current_workspace() is None:
        abort(404)


@bp.route("/")
def start() -> str:
    """Look around the demo, or start with an empty calendar and the guided set-up."""
    return render_template(
        "welcome/start.html", demo_loaded=demo.has_demo(), can_load=demo.nothing_planned()
    )


@bp.route("/demo", methods=["POST"])
def load_demo() -> Response:
    """Load the demo into a calendar with nothing planned yet, to look around."""
    try:
        report, seeded = demo.load_demo(clock.now())
    except demo.DemoError as exc:
        flash(str(exc), "error")
        return redirect(url_for("welcome.start"))
    flash(
        f"Demo loaded: {report.channels_created} channels and {seeded} headlines. "
        "Remove it in Settings when you are done looking around.",
        "success",
    )
    return redirect(url_for("schedule.week"))


@bp.route("/empty", methods=["POST"])
def start_empty() -> Response:
    """Remove the demo (keeping what people worked on), then the guided set-up."""
    try:
        removal = media_files.remove_demo(media_store(current_app.config))
    except demo.DemoError as exc:
        flash(str(exc), "info")
    else:
        flash(removal.message(), "success")
    return redirect(url_for("welcome.basics"))


@bp.route("/basics", methods=["GET", "POST"])
def basics() -> Response | str:
    """Step 1: the workspace's name, time zone and site."""
    workspace = current_workspace()
    form = BasicsForm()
    if not form.is_submitted():
        form.timezone.data = workspace.timezone
        if not welcome.shows_demo_profile(workspace):  # the demo shop's is not theirs
            form.name.data, form.site_url.data = workspace.name, workspace.site_url
    if form.validate_on_submit():
        try:
            welcome.save_basics(workspace, form.data, clock.now())
        except FieldError as exc:
            show_error(exc, form)
        else:
            flash("Saved your team's name, time zone and site.", "success")
            return redirect(url_for("welcome.channels"))
    return render_template("welcome/basics.html", form=form)


@bp.route("/channels", methods=["GET", "POST"])
def channels() -> Response | str:
    """Step 2: the first channels, each with a sensible cadence, planned at once."""
    workspace = current_workspace()
    form = ChannelsForm()
    if form.validate_on_submit():
        try:
            report = welcome.add_starter_channels(form.channels.data or [], workspace, clock.now())
        except welcome.WelcomeError as exc:
            form.channels.errors.append(str(exc))
        else:
            flash(report.message(), "success" if report.added else "info")
            return redirect(url_for("welcome.team"))
    today = clock.now().astimezone(resolve_timezone(workspace.timezone)).date()
    words = {starter.slug: starter.words(today) for starter in STARTERS}
    return render_template("welcome/channels.html", form=form, words=words)


@bp.route("/team")
def team() -> str:
    """Step 3: invite the team (on the Account page), then the week."""
    return render_template("welcome/team.html")
