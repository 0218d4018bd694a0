"""Webhooks: queued with the change, signed, sent once, retried, paused and resumed."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from calendar_app import clock
from calendar_app.domain.webhooks import EVENTS, WebhookError
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User, WebhookDelivery, WebhookSubscription
from calendar_app.services import channels, items, results_import, webhook_sending, webhooks
from calendar_app.services import webhook_transport as transport
from calendar_app.services.transaction import unit_of_work
from tests.factories import make_channel, make_item, make_user, make_workspace
from tests.webhook_receiver import receiving

LOCAL = webhooks.WebhookSettings(allow_private=True)
PUBLIC = webhooks.WebhookSettings(allow_private=False)


def subscribe(url: str, events=tuple(EVENTS), settings=LOCAL) -> WebhookSubscription:
    owner = db.session.scalar(select(User).where(User.is_owner)) or make_user(
        "owner@example.com", is_owner=True
    )
    return webhooks.create_subscription(url, "Test", list(events), owner, clock.now(), settings)


def deliveries() -> list[WebhookDelivery]:
    db.session.expire_all()
    return list(db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


def send_all(settings=LOCAL, **kwargs) -> webhook_sending.SendReport:
    return webhook_sending.send_due(settings, clock.now(), **kwargs)


@pytest.fixture
def item(app) -> ScheduleItem:
    make_workspace()
    channel = make_channel()
    return make_item(channel, clock.now() + timedelta(days=2), status="draft")


def test_a_status_change_is_delivered_signed_to_the_receiver(item) -> None:
    with receiving() as receiver:
        subscription = subscribe(receiver.url)
        receiver.secret = subscription.secret
        items.set_status(item, "in_review", clock.now())
        assert [d.event for d in deliveries()] == ["item.status_changed"]
        report = send_all()
    assert (report.delivered, report.failed) == (1, 0)
    (call,) = receiver.calls
    assert call.verified and call.content_type == "application/json"
    assert "Calendar" in call.user_agent
    assert call.body["type"] == "item.status_changed"
    assert call.body["data"]["id"] == item.id
    assert call.body["data"]["status"] == "in_review"
    assert call.body["data"]["previous_status"] == "draft"
    (row,) = deliveries()
    assert (row.status, row.attempts, row.response_code) == ("delivered", 1, 200)
    assert call.msg_id == row.msg_id


def test_a_delivered_event_is_never_sent_again(item) -> None:
    with receiving() as receiver:
        subscribe(receiver.url)
        items.set_status(item, "in_review", clock.now())
        (row,) = deliveries()
        webhook_sending.send([row.id, row.id], LOCAL, clock.now())
        send_all()
    assert len(receiver.calls) == 1


def test_a_claimed_delivery_is_not_sent_by_a_second_sender(item) -> None:
    with receiving() as receiver:
        subscribe(receiver.url)
        items.set_status(item, "in_review", clock.now())
        (row,) = deliveries()
        assert webhook_sending._claim([row.id], clock.now())
        assert send_all().delivered == 0
    assert receiver.calls == []


def test_a_500_is_tried_again_after_a_minute_and_then_delivered(item, clock) -> None:
    with receiving() as receiver:
        subscribe(receiver.url)
        receiver.codes = [500]
        items.set_status(item, "in_review", clock())
        assert send_all().failed == 1
        (row,) = deliveries()
        assert (row.status, row.attempts, row.response_code) == ("failed", 1, 500)
        assert row.next_attempt_at - clock() <= timedelta(minutes=1)
        assert row.next_attempt_at - clock() > timedelta(seconds=50)
        assert send_all().delivered == 0  # not due yet
        clock.advance(minutes=1)
        assert send_all().delivered == 1
    (row,) = deliveries()
    assert (row.status, row.attempts, row.response_code) == ("delivered", 2, 200)
    assert len(receiver.calls) == 2
    assert receiver.calls[0].msg_id == receiver.calls[1].msg_id
    assert db.session.get(WebhookSubscription, row.subscription_id).failing_since is None


def test_an_unreachable_receiver_is_a_failed_try_not_a_crash(item) -> None:
    with receiving() as receiver:
        url = receiver.url
    subscribe(url)
    items.set_status(item, "in_review", clock.now())
    assert send_all().failed == 1
    (row,) = deliveries()
    assert row.status == "failed" and row.response_code is None
    assert "Connection" in row.last_error


def test_a_subscription_failing_for_three_days_is_paused_and_resumed(item, clock) -> None:
    with receiving() as receiver:
        subscription = subscribe(receiver.url)
        receiver.codes = [503] * 100
        items.set_status(item, "in_review", clock())
        started = clock()
        for _ in range(40):
            send_all()
            db.session.refresh(subscription)
            if not subscription.active:
                break
            clock.advance(hours=12)
        assert not subscription.active
        assert clock() - started >= timedelta(days=3)
        assert subscription.paused_reason.startswith("Paused on ")
        assert f"after failing since {started:%d %b %Y}" in subscription.paused_reason
        assert subscription.paused_reason.endswith("last answer 503")
        tries = len(receiver.calls)
        clock.advance(days=1)
        assert send_all().delivered == 0 and len(receiver.calls) == tries  # paused: nothing sent
        receiver.codes = []
        webhooks.set_active(subscription, True, clock())
        assert webhooks.queued_since_asked()  # sent after the owner's request
        assert send_all().delivered == 1
    db.session.refresh(subscription)
    assert subscription.active and subscription.paused_reason == ""
    assert subscription.failing_since is None


def test_the_pause_comes_after_the_configured_time(item, clock) -> None:
    with receiving() as receiver:
        subscription = subscribe(receiver.url)
        receiver.codes = [500] * 10
        items.set_status(item, "in_review", clock())
        send_all(pause_after=timedelta(hours=1))
        clock.advance(minutes=30)
        send_all(pause_after=timedelta(hours=1))
        db.session.refresh(subscription)
        assert subscription.active  # 30 minutes of failing
        clock.advance(minutes=31)
        items.set_status(item, "draft", clock())
        send_all(pause_after=timedelta(hours=1))
    db.session.refresh(subscription)
    assert not subscription.active


def test_a_rolled_back_change_queues_nothing(item) -> None:
    subscribe("http://127.0.0.1:9/hooks")
    with pytest.raises(RuntimeError), unit_of_work():
        items.set_status(item, "in_review", clock.now())
        raise RuntimeError("the rest of the change failed")
    assert deliveries() == []


def test_no_subscription_no_rows_even_for_a_whole_plan(app) -> None:
    make_workspace()
    channel = make_channel()
    channels.save_rule(None, channel, _cadence(), "", _workspace(), clock.now())
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) > 5
    assert deliveries() == []


def test_events_a_subscription_did_not_choose_are_not_queued(item) -> None:
    subscribe("http://127.0.0.1:9/hooks", events=["rule.changed"])
    items.set_status(item, "in_review", clock.now())
    assert deliveries() == []


def test_a_paused_subscription_gets_nothing_queued(item) -> None:
    subscription = subscribe("http://127.0.0.1:9/hooks")
    webhooks.set_active(subscription, False, clock.now())
    items.set_status(item, "in_review", clock.now())
    assert deliveries() == []


@pytest.mark.parametrize(
    ("moves", "events"),
    [
        (["in_review", "approved"], ["item.status_changed"] * 2 + ["item.approved"]),
        (
            ["in_review", "approved", "scheduled", "published"],
            ["item.status_changed"] * 2 + ["item.approved"] + ["item.status_changed"] * 2
            + ["item.published"],
        ),
    ],
)  # fmt: skip
def test_approving_and_publishing_emit_their_own_event(item, moves, events) -> None:
    subscribe("http://127.0.0.1:9/hooks")
    for status in moves:
        items.set_status(item, status, clock.now())
    assert [d.event for d in deliveries()] == events


def test_an_item_a_person_adds_emits_item_created(item) -> None:
    subscribe("http://127.0.0.1:9/hooks", events=["item.created"])
    added = items.add_one_off(
        item.channel, "post", date(2026, 11, 30), time(9), _workspace(), clock.now()
    )
    (row,) = deliveries()
    body = json.loads(row.payload)
    assert body["type"] == "item.created" and body["data"]["id"] == added.id
    assert body["data"]["starts_at"].endswith("Z") and body["data"]["channel_id"] == item.channel_id


def test_the_planner_emits_one_item_created_per_new_item(app) -> None:
    make_workspace()
    channel = make_channel()
    subscribe("http://127.0.0.1:9/hooks", events=["item.created"])
    channels.save_rule(None, channel, _cadence(), "", _workspace(), clock.now())
    planned = set(db.session.scalars(select(ScheduleItem.id)))
    sent = {json.loads(d.payload)["data"]["id"] for d in deliveries()}
    assert len(planned) > 5 and sent == planned
    assert {json.loads(d.payload)["data"]["status"] for d in deliveries()} == {"draft"}


def test_rule_changes_emit_rule_changed(app) -> None:
    make_workspace()
    channel = make_channel()
    subscribe("http://127.0.0.1:9/hooks", events=["rule.changed"])
    rule = channels.save_rule(None, channel, _cadence(), "Tips", _workspace(), clock.now())
    channels.save_rule(rule, channel, _cadence(), "Tips!", _workspace(), clock.now())
    channels.set_enabled(rule, False, _workspace(), clock.now())
    channels.set_enabled(rule, True, _workspace(), clock.now())
    rule_id = rule.id
    channels.remove_rule(rule, clock.now())
    rows = [json.loads(d.payload)["data"] for d in deliveries()]
    assert [r["change"] for r in rows] == ["created", "updated", "disabled", "enabled", "deleted"]
    assert {r["id"] for r in rows} == {rule_id}


def test_an_import_that_stores_rows_emits_results_imported(app) -> None:
    make_workspace()
    make_channel()
    subscribe("http://127.0.0.1:9/hooks", events=["results.imported"])
    header = "date,source,medium,campaign,content,visits,leads,customers,revenue"
    text = header + "\n2026-10-01,linkedin,social,x,,10,0,0,0\n"
    results_import.import_results(text)
    results_import.import_results(text)  # the same file again stores nothing
    (row,) = deliveries()
    assert json.loads(row.payload)["data"]["added"] == 1


def test_a_ping_goes_to_its_subscription_whatever_it_chose(item) -> None:
    with receiving() as receiver:
        subscription = subscribe(receiver.url, events=["rule.changed"])
        webhooks.ping(subscription, clock.now())
        send_all()
    assert [c.body["type"] for c in receiver.calls] == ["webhook.ping"]


# SSRF: addresses inside the network are refused when saved and again when sent.


def resolving_to(monkeypatch, *addresses: str) -> None:
    monkeypatch.setattr(transport, "addresses_of", lambda host, port: list(addresses))


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "127.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1", "192.168.4.2"],
)
def test_a_receiver_inside_the_network_is_refused_when_saved(app, monkeypatch, address) -> None:
    make_workspace()
    resolving_to(monkeypatch, address)
    with pytest.raises(WebhookError, match="inside the network"):
        subscribe("https://hooks.example.com/in", settings=PUBLIC)
    assert db.session.scalar(select(func.count()).select_from(WebhookSubscription)) == 0


def test_a_public_receiver_is_accepted(app, monkeypatch) -> None:
    make_workspace()
    resolving_to(monkeypatch, "93.184.216.34", "2606:2800:220:1::1")
    assert subscribe("https://hooks.example.com/in", settings=PUBLIC).id


def test_an_address_that_moved_inside_the_network_fails_when_sent(item, monkeypatch) -> None:
    resolving_to(monkeypatch, "93.184.216.34")
    subscribe("https://hooks.example.com/in", settings=PUBLIC)
    items.set_status(item, "in_review", clock.now())
    resolving_to(monkeypatch, "192.168.1.5")
    report = send_all(PUBLIC)
    assert report.failed == 1
    (row,) = deliveries()
    assert row.status == "failed" and "inside the network" in row.last_error


def test_the_operator_may_allow_receivers_inside_the_network(app, monkeypatch) -> None:
    make_workspace()
    resolving_to(monkeypatch, "10.0.0.1")
    assert subscribe("https://hooks.internal/in", settings=LOCAL).id


def test_a_receiver_that_resolves_to_nothing_is_refused(app, monkeypatch) -> None:
    make_workspace()
    resolving_to(monkeypatch)
    with pytest.raises(WebhookError, match="does not resolve"):
        subscribe("https://nowhere.invalid/in", settings=PUBLIC)


def test_the_real_resolver_reads_literal_addresses() -> None:
    assert transport.addresses_of("127.0.0.1", 80) == ["127.0.0.1"]
    assert transport.addresses_of("name.invalid", 80) == []


def _workspace():
    from calendar_app.models import Workspace

    return db.session.scalar(select(Workspace))


def _cadence():
    return channels.Cadence(
        activity="post",
        rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR",
        time_of_day=time(9),
        starts_on=date(2026, 11, 23),
    )


def test_flask_webhooks_send_sends_what_is_due(item, app, runner) -> None:
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True
    with receiving() as receiver:
        subscribe(receiver.url)
        items.set_status(item, "in_review", clock.now())
        result = runner.invoke(args=["webhooks", "send"])
        assert "1 delivered, 0 failed" in result.output, result.output
        assert "0 delivered" in runner.invoke(args=["webhooks", "send"]).output
    assert len(receiver.calls) == 1
    assert "\tactive" in runner.invoke(args=["webhooks", "status"]).output


def test_a_redirect_is_not_followed_and_counts_as_a_failure(item) -> None:
    with receiving() as receiver:
        subscribe(receiver.url)
        receiver.codes = [302]
        items.set_status(item, "in_review", clock.now())
        assert send_all().failed == 1
    (row,) = deliveries()
    assert (row.status, row.response_code, row.last_error) == ("failed", 302, "HTTP 302")
    assert len(receiver.calls) == 1


def test_a_delivery_failing_for_two_weeks_is_given_up(item, clock) -> None:
    with receiving() as receiver:
        subscribe(receiver.url)
        receiver.codes = [500] * 100
        items.set_status(item, "in_review", clock())
        for _ in range(28):  # every 12 hours, never paused (it may fail for 30 days here)
            send_all(pause_after=timedelta(days=30))
            assert deliveries()[0].status == "failed"
            clock.advance(hours=12)
        send_all(pause_after=timedelta(days=30))
        (row,) = deliveries()
        assert row.status == "given_up"
        tries = len(receiver.calls)
        clock.advance(days=1)
        send_all(pause_after=timedelta(days=30))
    assert len(receiver.calls) == tries  # never tried again
