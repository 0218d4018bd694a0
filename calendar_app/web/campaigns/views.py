"""List, make, change and remove campaigns; record what was spent on them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Campaign
from calendar_app.services import campaigns as service
from calendar_app.services.campaigns import campaign_channels
from calendar_app.web.forms import choices, show_error

from . import bp
from .forms import CampaignForm


def _form(campaign: Campaign | None = None) -> CampaignForm:
    form = CampaignForm(obj=campaign)
    form.channels.choices = choices((str(c.id), c.name) for c in campaign_channels())
    if request.method == "GET":
        form.colour.data = campaign.colour if campaign else service.suggested_colour()
        form.channels.data = [str(c.id) for c in campaign.channels] if campaign else []
    return form


def _save(form: CampaignForm, campaign: Campaign | None) -> Campaign | None:
    """The form's campaign saved, or None with the refusal shown under its field."""
    if not form.validate_on_submit():
        return None
    values = {key: form.data[key] for key in ("name", "token", "starts_on", "ends_on", "goal")}
    values["colour"] = form.colour.data
    try:
        return service.save_campaign(campaign, values, form.channels.data or [], clock.now())
    except FieldError as exc:
        show_error(exc, form)
        return None


@bp.route("/", methods=["GET", "POST"])
def index() -> Response | str:
    """Every campaign with its posts and spend; a form for a new one."""
    form = _form()
    saved = _save(form, None)
    if saved is not None:
        flash(f"Campaign “{saved.name}” added (utm_campaign={saved.token}).", "success")
        return redirect(url_for("campaigns.index") + f"#campaign-{saved.id}")
    return render_template(
        "campaigns/index.html",
        lines=service.campaign_lines(clock.now()),
        form=form,
    )


@bp.route("/<int:campaign_id>", methods=["GET", "POST"])
def edit(campaign_id: int) -> Response | str:
    """Change a campaign; its spend per month."""
    campaign = db.session.get(Campaign, campaign_id) or abort(404)
    form = _form(campaign)
    if _save(form, campaign) is not None:
        flash("Campaign saved.", "success")
        return redirect(url_for("campaigns.edit", campaign_id=campaign.id))
    line = next(line for line in service.campaign_lines(clock.now()) if line.campaign is campaign)
    return render_template("campaigns/edit.html", line=line, form=form)


@bp.route("/<int:campaign_id>/delete", methods=["POST"])
def delete(campaign_id: int) -> Response:
    """Remove a campaign none of whose posts went out."""
    campaign = db.session.get(Campaign, campaign_id) or abort(404)
    name = campaign.name
    try:
        service.delete_campaign(campaign, clock.now())
    except FieldError as exc:
        show_error(exc)
        return redirect(url_for("campaigns.edit", campaign_id=campaign_id))
    flash(
        f"Campaign “{name}” removed; its items and headlines stay, without a campaign.", "success"
    )
    return redirect(url_for("campaigns.index"))


@bp.route("/<int:campaign_id>/spend", methods=["POST"])
def spend(campaign_id: int) -> Response:
    """What was spent on the campaign in a month."""
    campaign = db.session.get(Campaign, campaign_id) or abort(404)
    form = request.form
    try:
        service.record_campaign_spend(
            campaign, form.get("month", ""), form.get("amount", ""), form.get("note", "")
        )
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Spend saved.", "success")
    return redirect(url_for("campaigns.edit", campaign_id=campaign.id) + "#spend")
