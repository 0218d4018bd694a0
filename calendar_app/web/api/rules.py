"""Cadence rules: listed per channel, read, made, changed, switched and deleted through
the rule page's own services; every change re-plans as saving the rule page does."""

from __future__ import annotations

from typing import Any

from flask import abort, url_for

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.cadence import Cadence
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel
from calendar_app.services import api_plan
from calendar_app.services import channels as service
from calendar_app.web.presentation import current_workspace, local

from . import bp
from .channels import channel_or_404
from .common import refusal, refuse, role_may, seen_version, shown_version, tagged, versioned
from .plan_schemas import RuleChange, RuleDetail, RuleIn

CADENCE_FIELDS = ("activity", "time_of_day", "starts_on", "ends_on", "count", "duration_minutes")
ONE_OF = "Send either an rrule or per_week (how many times a week), not both."
NEITHER = "Say how often: send an rrule (like FREQ=WEEKLY;BYDAY=MO) or per_week."


def _rule(rule_id: int) -> CadenceRule:
    return db.session.get(CadenceRule, rule_id) or abort(404)


def _tagged(rule: CadenceRule, status: int = 200, location: str = "") -> Any:
    return tagged(rule, "rule", rule.id, shown_version(RuleDetail, rule), status, location)


def _form_values(rule: CadenceRule | None, sent: dict[str, Any]) -> dict[str, Any]:
    """The rule form's values: what was sent over what the rule has; an RRULE is typed
    under Advanced, times a week are the picker's."""
    if "rrule" in sent and "per_week" in sent:
        refuse(FieldError("rrule", ONE_OF))
    values = {name: getattr(rule, name) for name in CADENCE_FIELDS} if rule else {}
    values |= {name: sent[name] for name in CADENCE_FIELDS if name in sent}
    if "rrule" in sent or "per_week" in sent:
        values |= {"rrule": sent.get("rrule"), "per_week": sent.get("per_week")}
    elif rule is not None:
        values |= {"rrule": rule.rrule, "per_week": rule.per_week}
    if not values.get("rrule") and not values.get("per_week"):
        refuse(FieldError("rrule", NEITHER))
    values["recurrence"] = "rrule" if values.get("rrule") else "per_week"
    return values


def _change(rule: CadenceRule | None, sent: dict[str, Any]) -> tuple[Cadence, str] | None:
    """The cadence and label the request asks for; None when it only switches the rule."""
    if rule is not None and not set(sent) - {"enabled"}:
        return None
    today = local(clock.now()).date()
    try:
        cadence = service.cadence_from_form(
            _form_values(rule, sent), today, rule.cadence if rule else None
        )
    except FieldError as error:
        refuse(error)
    label = sent["label"] if "label" in sent else (rule.label if rule else "")
    return cadence, label


def _save(rule: CadenceRule | None, channel: Channel, sent: dict[str, Any]) -> CadenceRule:
    change = _change(rule, sent)
    workspace = current_workspace() or abort(404)
    try:
        return api_plan.save_rule(
            rule, channel, change, sent.get("enabled"), workspace, clock.now()
        )
    except FieldError as error:
        refuse(error)
    raise AssertionError("unreachable")


@bp.route("/v1/channels/<int:channel_id>/rules")
@bp.response(200, RuleDetail(many=True))
def channel_rules(channel_id: int) -> Any:
    """A channel's cadence rules, oldest first."""
    return channel_or_404(channel_id).rules


@bp.route("/v1/rules/<int:rule_id>")
@bp.response(200, RuleDetail)
def get_rule(rule_id: int) -> Any:
    """One cadence rule; its ETag is for ``If-Match`` on a change."""
    return _tagged(_rule(rule_id))


@bp.route("/v1/channels/<int:channel_id>/rules", methods=["POST"])
@bp.arguments(RuleIn)
@bp.response(201, RuleDetail)
@refusal(422, "A field was refused; the problem names it.")
def add_rule(sent: dict[str, Any], channel_id: int) -> Any:
    """Add a cadence rule to a channel (an ``rrule`` or ``per_week``); its slots are planned."""
    role_may(permissions.CHANNELS)
    rule = _save(None, channel_or_404(channel_id), sent)
    return _tagged(rule, 201, url_for("api.get_rule", rule_id=rule.id))


@bp.route("/v1/rules/<int:rule_id>", methods=["PATCH"])
@bp.arguments(RuleChange)
@bp.response(200, RuleDetail)
@versioned
@refusal(422, "A field was refused; the problem names it.")
def change_rule(sent: dict[str, Any], rule_id: int) -> Any:
    """Change a rule and/or switch it on or off (``enabled``); its untouched future items
    follow. Send the rule's ETag in ``If-Match``."""
    role_may(permissions.CHANNELS)
    rule = _rule(rule_id)
    seen_version("rule", rule.id, shown_version(RuleDetail, rule))
    return _tagged(_save(rule, rule.channel, sent))


@bp.route("/v1/rules/<int:rule_id>", methods=["DELETE"])
@bp.response(204)
@versioned
def delete_rule(rule_id: int) -> Any:
    """Delete a rule; items people worked on stay as one-offs."""
    role_may(permissions.CHANNELS)
    rule = _rule(rule_id)
    seen_version("rule", rule.id, shown_version(RuleDetail, rule))
    service.remove_rule(rule, clock.now())
    return "", 204
