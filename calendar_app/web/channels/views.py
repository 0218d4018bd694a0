"""Channel and rule pages: thin views over the channel service."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.cadence import Cadence, Occurrence, next_occurrences
from calendar_app.domain.cadence_picker import picked_from_rule, picker_values, usual_time
from calendar_app.domain.errors import FieldError
from calendar_app.domain.routines import ROUTINES
from calendar_app.domain.rule_words import describe_cadence, slot_words
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, HashtagSet
from calendar_app.services import channels as service
from calendar_app.services import media_files, roles
from calendar_app.services.copy import CopyError, delete_hashtag_set, save_hashtag_set
from calendar_app.services.media_store import media_store
from calendar_app.services.owners import members
from calendar_app.services.planner import channel_timezone
from calendar_app.web.forms import show_error
from calendar_app.web.guards import plans_ahead
from calendar_app.web.presentation import current_workspace, local

from . import bp
from .forms import ChannelForm, HashtagSetForm, RuleForm


def _workspace():  # noqa: ANN202
    return current_workspace() or abort(404)


@bp.route("/")
@plans_ahead
def index() -> str:
    """Every channel with its rules in plain words, the next slots, routines and capacity."""
    workspace, now = _workspace(), clock.now()
    channels = db.session.scalars(
        select(Channel).options(selectinload(Channel.rules)).order_by(Channel.name)
    ).all()
    upcoming = {rule.id: _next_dates(rule.cadence, c, 3) for c in channels for rule in c.rules}
    routine_rules = {r.routine_key: r for c in channels for r in c.rules if r.routine_key}
    return render_template(
        "channels/index.html",
        channels=channels,
        upcoming=upcoming,
        describe=describe_cadence,
        routines=ROUTINES,
        routine_rules=routine_rules,
        capacity=service.capacity(workspace, local(now).date()),
    )


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:channel_id>/edit", methods=["GET", "POST"])
def edit_channel(channel_id: int | None = None) -> Response | str:
    """Create or edit a channel."""
    channel = db.session.get(Channel, channel_id) or abort(404) if channel_id else None
    form = ChannelForm(obj=channel)
    form.owner_id.choices = [("", "Nobody"), *((str(u.id), u.email) for u in members())]
    if request.method == "GET" and channel is None:
        form.colour.data = service.unused_colour()
    if form.validate_on_submit():
        try:
            channel = service.save_channel(channel, form.data, _workspace(), clock.now())
        except service.ChannelError as exc:
            show_error(exc, form)
        else:
            flash(f"Channel {channel.name} saved.", "success")
            return redirect(url_for("channels.index") + f"#channel-{channel.id}")
    return _channel_page(form, channel, HashtagSetForm(formdata=None))


def _channel_page(form: ChannelForm, channel: Channel | None, tag_form: HashtagSetForm) -> str:
    return render_template(
        "channels/channel_form.html", form=form, channel=channel, tag_form=tag_form
    )


@bp.route("/<int:channel_id>/hashtags", methods=["POST"])
def hashtag_set(channel_id: int) -> Response | str:
    """Save one of a channel's hashtag sets; refused, the page shows it as typed."""
    channel = db.session.get(Channel, channel_id) or abort(404)
    tag_form = HashtagSetForm()
    if tag_form.validate_on_submit():
        try:
            tag_set = save_hashtag_set(channel, tag_form.set_name.data, tag_form.tags.data)
        except CopyError as exc:
            show_error(exc, tag_form)
        else:
            flash(f"Hashtag set {tag_set.name} saved.", "success")
            return redirect(url_for("channels.edit_channel", channel_id=channel.id) + "#hashtags")
    return _channel_page(ChannelForm(obj=channel, formdata=None), channel, tag_form)


@bp.route("/hashtags/<int:set_id>/delete", methods=["POST"])
def delete_tags(set_id: int) -> Response:
    """Delete a hashtag set."""
    tag_set = db.session.get(HashtagSet, set_id) or abort(404)
    channel_id, name = tag_set.channel_id, tag_set.name
    delete_hashtag_set(tag_set)
    flash(f"Hashtag set {name} deleted.", "success")
    return redirect(url_for("channels.edit_channel", channel_id=channel_id) + "#hashtags")


@bp.route("/<int:channel_id>/pause", methods=["POST"])
def pause_channel(channel_id: int) -> Response:
    """Pause or resume a channel."""
    channel = db.session.get(Channel, channel_id) or abort(404)
    paused = request.form.get("paused") == "1"
    service.set_paused(channel, paused, _workspace(), clock.now())
    flash(f"{channel.name} {'paused' if paused else 'resumed'}.", "success")
    return redirect(url_for("channels.index") + f"#channel-{channel.id}")


@bp.route("/<int:channel_id>/approval", methods=["POST"])
def channel_approval(channel_id: int) -> Response:
    """The owner makes contributors' posts on a channel wait for an editor's approval."""
    channel = db.session.get(Channel, channel_id) or abort(404)
    required = request.form.get("requires_approval") == "1"
    try:
        roles.require_approval(channel, required, current_user)
    except FieldError as exc:
        abort(403, exc.message)
    flash(
        f"{channel.name}: {'approval required' if required else 'no approval needed'}.", "success"
    )
    return redirect(url_for("channels.index") + f"#channel-{channel.id}")


@bp.route("/<int:channel_id>/delete", methods=["POST"])
def delete_channel(channel_id: int) -> Response:
    """Delete a channel nobody worked on."""
    channel = db.session.get(Channel, channel_id) or abort(404)
    try:
        media_files.delete_channel(channel, media_store(current_app.config))
    except service.ChannelError as exc:
        show_error(exc)
    else:
        flash(f"Channel {channel.name} deleted.", "success")
    return redirect(url_for("channels.index"))


@bp.route("/<int:channel_id>/rules/new", methods=["GET", "POST"])
@bp.route("/rules/<int:rule_id>/edit", methods=["GET", "POST"])
def edit_rule(channel_id: int | None = None, rule_id: int | None = None) -> Response | str:
    """Create or edit a cadence rule, or show its next dates first; untouched future items
    follow it."""
    rule = db.session.get(CadenceRule, rule_id) or abort(404) if rule_id else None
    channel = rule.channel if rule else db.session.get(Channel, channel_id) or abort(404)
    form = RuleForm(obj=rule)
    dates = None
    if request.method == "GET":
        _prefill_rule_form(form, rule, channel)
        dates = _next_dates(rule.cadence, channel) if rule else None
    if form.validate_on_submit():
        try:
            cadence = service.cadence_from_form(form.data, _today(), rule.cadence if rule else None)
            if "preview" not in request.form:
                return _save_rule(rule, channel, cadence, form.label.data or "")
            dates = _next_dates(cadence, channel)
        except service.ChannelError as exc:
            show_error(exc, form)
    return render_template(
        "channels/rule_form.html", form=form, rule=rule, channel=channel, dates=dates
    )


def _save_rule(
    rule: CadenceRule | None, channel: Channel, cadence: Cadence, label: str
) -> Response:
    """Save the rule, say so in plain words and go back to its channel."""
    rule = service.save_rule(rule, channel, cadence, label, _workspace(), clock.now())
    flash(f"Rule saved: {describe_cadence(rule.cadence)}.", "success")
    return redirect(url_for("channels.index") + f"#rule-{rule.id}")


def _today() -> date:
    """Today in the workspace's time zone."""
    return local(clock.now()).date()


def _next_dates(cadence: Cadence, channel: Channel, limit: int = 5) -> list[tuple[Occurrence, str]]:
    """A rule's next slots, each with its words ("Thu 26 Nov 10:00", with the year once one
    of them is not this year's)."""
    workspace, now = _workspace(), clock.now()
    zone = channel_timezone(channel, workspace)
    slots = next_occurrences(cadence, zone, now, limit, workspace.blackout_days)
    words = slot_words([slot.start.astimezone(zone) for slot in slots], _today())
    return list(zip(slots, words, strict=True))


def _prefill_rule_form(form: RuleForm, rule: CadenceRule | None, channel: Channel) -> None:
    """A new rule starts today at the channel's usual time; a stored one opens on its picker
    kind, or on Advanced when only an RRULE says it."""
    if rule is None:
        form.starts_on.data = _today()
        form.time_of_day.data = usual_time(other.time_of_day for other in channel.rules)
        values = {**picker_values(None, _today()), "recurrence": "weekdays"}
    else:
        picked = picked_from_rule(rule.rrule, rule.per_week, rule.starts_on)
        values = picker_values(picked, rule.starts_on)
    for name, value in values.items():
        form[name].data = value


@bp.route("/rules/<int:rule_id>/enabled", methods=["POST"])
def toggle_rule(rule_id: int) -> Response:
    """Switch a rule on or off."""
    rule = db.session.get(CadenceRule, rule_id) or abort(404)
    service.set_enabled(rule, request.form.get("enabled") == "1", _workspace(), clock.now())
    flash(f"Rule switched {'on' if rule.enabled else 'off'}.", "success")
    return redirect(url_for("channels.index") + f"#rule-{rule.id}")


@bp.route("/rules/<int:rule_id>/delete", methods=["POST"])
def delete_rule(rule_id: int) -> Response:
    """Delete a rule; items people worked on stay as one-offs."""
    rule = db.session.get(CadenceRule, rule_id) or abort(404)
    service.remove_rule(rule, clock.now())
    flash("Rule deleted; items people worked on were kept.", "success")
    return redirect(url_for("channels.index"))


@bp.route("/routines/<key>", methods=["POST"])
def switch_routine(key: str) -> Response:
    """Switch a ready-made routine on or off."""
    if key not in ROUTINES:
        abort(404)
    now = clock.now()
    on = request.form.get("on") == "1"
    service.switch_routine(key, on, _workspace(), local(now).date(), now)
    flash(f"{ROUTINES[key].name} switched {'on' if on else 'off'}.", "success")
    return redirect(url_for("channels.index") + "#routines")
