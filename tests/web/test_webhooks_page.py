"""Settings → Webhooks: the owner's page; events reach a real receiver from web and API."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, WebhookDelivery, WebhookSubscription
from calendar_app.services import webhook_transport
from tests.factories import make_channel, make_item, make_rule, make_user
from tests.web.api_helpers import bearer, token_for
from tests.webhook_receiver import receiving

WHEN = datetime(2026, 11, 25, 8, tzinfo=UTC)


@pytest.fixture
def public(monkeypatch) -> None:
    """Every host resolves to a public address (no network is used)."""
    monkeypatch.setattr(webhook_transport, "addresses_of", lambda host, port: ["93.184.216.34"])


@pytest.fixture
def local(app) -> None:
    """The operator allows receivers inside the network (the test's own receiver)."""
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True


def add(client, url="https://hooks.example.com/in", events=("item.created",), **fields):
    data = {"url": url, "description": "Zapier", "events": list(events), **fields}
    return client.post("/settings/webhooks", data=data, follow_redirects=True)


def sent(response):
    """Close the answer: what the request queued leaves then, as after a real response."""
    response.close()
    return response


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(WebhookSubscription))


def subscription() -> WebhookSubscription:
    db.session.expire_all()
    return db.session.scalar(select(WebhookSubscription))


def test_the_owner_adds_a_webhook_and_sees_its_secret(logged_in, public) -> None:
    page = add(logged_in, description="<b>Zapier</b>").text
    hook = subscription()
    assert "Webhook to https://hooks.example.com/in added" in page
    assert hook.secret.startswith("whsec_") and hook.secret in page
    assert 'data-copy="' + hook.secret in page
    assert "&lt;b&gt;Zapier&lt;/b&gt;" in page and "<b>Zapier</b>" not in page
    assert hook.events == "item.created"
    assert "Nothing sent yet." in page
    assert logged_in.get("/settings/webhooks").headers["Cache-Control"].startswith("no-store")


def test_settings_links_to_the_page_for_the_owner(logged_in) -> None:
    assert "/settings/webhooks" in logged_in.get("/settings").text


@pytest.mark.parametrize(
    ("url", "resolves_to", "message"),
    [
        ("https://hooks.example.com/in", "127.0.0.1", "inside the network"),
        ("https://hooks.example.com/in", "10.0.0.1", "inside the network"),
        ("https://hooks.example.com/in", "169.254.169.254", "inside the network"),
        ("https://hooks.example.com/in", "::ffff:127.0.0.1", "inside the network"),
        ("ftp://hooks.example.com/in", "93.184.216.34", "must start with https://"),
        ("https://me:pw@hooks.example.com/in", "93.184.216.34", "user name and password"),
    ],
)
def test_a_refused_address_is_a_form_error_and_nothing_is_saved(
    logged_in, monkeypatch, url, resolves_to, message
) -> None:
    monkeypatch.setattr(webhook_transport, "addresses_of", lambda host, port: [resolves_to])
    response = add(logged_in, url=url)
    assert response.status_code == 200
    assert message in response.text and 'role="alert"' in response.text
    assert count() == 0


def test_no_event_chosen_is_a_form_error(logged_in, public) -> None:
    response = add(logged_in, events=())
    assert "Choose at least one event" in response.text and count() == 0


def test_pause_resume_and_delete(logged_in, public) -> None:
    add(logged_in)
    hook = subscription()
    page = logged_in.post(f"/settings/webhooks/{hook.id}/active", follow_redirects=True).text
    assert "paused" in page and not subscription().active
    assert "Paused by the owner" in page
    page = logged_in.post(f"/settings/webhooks/{hook.id}/active", follow_redirects=True).text
    assert "resumed" in page and subscription().active
    logged_in.post(f"/settings/webhooks/{hook.id}/delete")
    assert count() == 0
    assert logged_in.post(f"/settings/webhooks/{hook.id}/delete").status_code == 404


@pytest.mark.parametrize("role", ["editor", "contributor", "viewer"])
def test_only_the_owner_sees_and_changes_webhooks(logged_in, public, app, role) -> None:
    add(logged_in)
    hook = subscription()
    member = make_user(f"{role}@example.com", role=role)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = member.get_id()
    assert client.get("/settings/webhooks").status_code == 403
    assert add(client, url="https://other.example.com/in").status_code == 403
    for action in ("active", "ping", "delete"):
        assert client.post(f"/settings/webhooks/{hook.id}/{action}").status_code == 403
    assert count() == 1 and subscription().active
    assert "/settings/webhooks" not in client.get("/settings").text
    assert app.test_client().get("/settings/webhooks").status_code == 302  # to the login


def test_a_test_event_reaches_the_receiver_and_shows_on_the_page(logged_in, local) -> None:
    with receiving() as receiver:
        add(logged_in, url=receiver.url)
        hook = subscription()
        receiver.secret = hook.secret
        sent(logged_in.post(f"/settings/webhooks/{hook.id}/ping"))
    (call,) = receiver.calls
    assert call.verified and call.body["type"] == "webhook.ping"
    db.session.rollback()  # sent in a session of its own, after the answer: read anew
    page = logged_in.get("/settings/webhooks").text
    assert "webhook.ping" in page and "delivered" in page and ">200<" in page


def test_a_paused_webhook_gets_no_test_event(logged_in, public) -> None:
    add(logged_in)
    hook = subscription()
    logged_in.post(f"/settings/webhooks/{hook.id}/active")
    page = logged_in.post(f"/settings/webhooks/{hook.id}/ping", follow_redirects=True).text
    assert "Resume the webhook first" in page
    assert db.session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0


# Every event, from the web pages and from the API, reaches the receiver once.


def events_of(receiver) -> list[str]:
    return [call.body["type"] for call in receiver.calls if call.verified]


def listen(client, url, events):
    add(client, url=url, events=events)
    return subscription().secret


def test_status_changes_from_a_page_and_from_the_api(logged_in, local, client) -> None:
    post = make_item(make_channel("blog"), WHEN, status="draft")
    with receiving() as receiver:
        receiver.secret = listen(
            logged_in, receiver.url, ["item.status_changed", "item.approved", "item.published"]
        )
        data = {"status": "approved", "version": str(post.version), "back": "item"}
        sent(logged_in.post(f"/items/{post.id}/status", data=data))
        assert events_of(receiver) == ["item.status_changed", "item.approved"]
        db.session.refresh(post)
        headers = {**bearer(token_for("editor")), "If-Match": f'"item-{post.id}-v{post.version}"'}
        answer = sent(
            client.patch(f"/api/v1/items/{post.id}", json={"status": "scheduled"}, headers=headers)
        )
        assert answer.status_code == 200, answer.text
        assert events_of(receiver)[2:] == ["item.status_changed"]
        assert receiver.calls[-1].body["data"]["status"] == "scheduled"


def test_an_item_added_on_the_calendar_emits_item_created(logged_in, local) -> None:
    blog = make_channel("blog")
    with receiving() as receiver:
        receiver.secret = listen(logged_in, receiver.url, ["item.created"])
        data = {
            "channel_id": str(blog.id),
            "day": "2026-12-01",
            "time": "09:30",
            "activity": "post",
        }
        sent(logged_in.post("/items/new", data=data))
    item = db.session.scalar(select(ScheduleItem))
    assert events_of(receiver) == ["item.created"]
    assert receiver.calls[0].body["data"]["id"] == item.id


def test_a_rule_switched_off_on_its_page_emits_rule_changed(logged_in, local) -> None:
    rule = make_rule(make_channel("blog"))
    with receiving() as receiver:
        receiver.secret = listen(logged_in, receiver.url, ["rule.changed"])
        sent(logged_in.post(f"/channels/rules/{rule.id}/enabled", data={"enabled": "0"}))
    assert events_of(receiver) == ["rule.changed"]
    assert receiver.calls[0].body["data"]["change"] == "disabled"


def test_a_results_upload_emits_results_imported(logged_in, local) -> None:
    make_channel("linkedin")
    raw = b"date,source,medium,campaign,content,visits,leads,customers,revenue\n"
    raw += b"2026-10-01,linkedin,social,x,,10,0,0,0\n"
    with receiving() as receiver:
        receiver.secret = listen(logged_in, receiver.url, ["results.imported"])
        data = {"file": (io.BytesIO(raw), "results.csv")}
        sent(logged_in.post("/results/", data=data, content_type="multipart/form-data"))
    assert events_of(receiver) == ["results.imported"]
    assert receiver.calls[0].body["data"]["added"] == 1
