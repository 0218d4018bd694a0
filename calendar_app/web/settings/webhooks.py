"""Webhooks on Settings: the owner adds receivers, sees their deliveries, pauses,
resumes, tests and deletes them.

Only the owner manages them (others get 403): a receiver hears of every change it
chose, so choosing who hears is the owner's decision, like a share link. The page
shows each subscription's signing secret, so no browser or proxy keeps it.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.webhooks import EVENTS, PING
from calendar_app.extensions import db
from calendar_app.models import WebhookSubscription
from calendar_app.services import webhooks
from calendar_app.web.forms import show_error
from calendar_app.web.guards import secret_page
from calendar_app.web.webhooks import webhook_settings

from . import bp
from .webhook_form import WebhookForm

EVENT_NAMES = {**EVENTS, PING: "Test event"}


def _owner_only() -> None:
    if not current_user.is_owner:
        abort(403)


def _subscription(subscription_id: int) -> WebhookSubscription:
    _owner_only()
    return db.session.get(WebhookSubscription, subscription_id) or abort(404)


def _page(form: WebhookForm) -> str:
    subscriptions = webhooks.all_subscriptions()
    return render_template(
        "settings/webhooks.html",
        form=form,
        subscriptions=subscriptions,
        deliveries={s.id: webhooks.recent_deliveries(s) for s in subscriptions},
        event_names=EVENT_NAMES,
    )


@bp.route("/settings/webhooks")
@secret_page
def webhooks_page() -> str:
    """The webhook subscriptions, their recent deliveries, and the form that adds one."""
    _owner_only()
    return _page(WebhookForm())


@bp.route("/settings/webhooks", methods=["POST"])
@secret_page
def create_webhook() -> str | Response:
    """Add a subscription; its address is checked (public, http or https) before it is saved."""
    _owner_only()
    form = WebhookForm()
    if form.validate_on_submit():
        try:
            subscription = webhooks.create_subscription(
                form.url.data or "",
                form.description.data or "",
                form.events.data or [],
                current_user,
                clock.now(),
                webhook_settings(),
            )
        except FieldError as exc:
            show_error(exc, form)
        else:
            flash(
                f"Webhook to {subscription.url} added: give its secret to the receiver.", "success"
            )
            return redirect(url_for("settings.webhooks_page", _anchor=f"webhook-{subscription.id}"))
    return _page(form)


@bp.route("/settings/webhooks/<int:subscription_id>/active", methods=["POST"])
def webhook_active(subscription_id: int) -> Response:
    """Pause a subscription (nothing is queued for it), or resume it (what waits is sent)."""
    subscription = _subscription(subscription_id)
    resume = not subscription.active
    webhooks.set_active(subscription, resume, clock.now())
    if resume:
        flash(
            f"Webhook to {subscription.url} resumed: waiting deliveries are sent again.", "success"
        )
    else:
        flash(f"Webhook to {subscription.url} paused: no events are queued for it.", "info")
    return redirect(url_for("settings.webhooks_page"))


@bp.route("/settings/webhooks/<int:subscription_id>/ping", methods=["POST"])
def ping_webhook(subscription_id: int) -> Response:
    """Send a test event to a subscription."""
    subscription = _subscription(subscription_id)
    if not subscription.active:
        flash("Resume the webhook first: a paused one is sent nothing.", "error")
    else:
        webhooks.ping(subscription, clock.now())
        flash(f"Test event sent to {subscription.url}: its answer shows below.", "success")
    return redirect(url_for("settings.webhooks_page", _anchor=f"webhook-{subscription.id}"))


@bp.route("/settings/webhooks/<int:subscription_id>/delete", methods=["POST"])
def delete_webhook(subscription_id: int) -> Response:
    """Delete a subscription and its deliveries."""
    subscription = _subscription(subscription_id)
    url = subscription.url
    webhooks.delete_subscription(subscription)
    flash(f"Webhook to {url} deleted.", "success")
    return redirect(url_for("settings.webhooks_page"))
