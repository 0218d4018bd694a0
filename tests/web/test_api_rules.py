"""Cadence rules over the API: made, changed, switched and deleted as the rule page does
it, each change re-planning the same way, each refusal naming the field."""

from __future__ import annotations

import pytest

from calendar_app.extensions import db
from calendar_app.models import CadenceRule, ScheduleItem
from calendar_app.services import channels
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_rule, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.api_plan_helpers import (
    assert_needs_if_match,
    assert_refused_to_others,
    etag_of,
    field_of,
    send,
)
from tests.web.test_api_auth import problem_of

NEW = {"activity": "post", "rrule": "FREQ=WEEKLY;BYDAY=TU", "time_of_day": "11:00"}


@pytest.fixture
def rule(app):
    workspace = make_workspace()
    rule = make_rule(make_channel("blog"))
    channels.save_rule(rule, rule.channel, rule.cadence, "", workspace, NOW)
    return rule


@pytest.fixture
def editor(app) -> str:
    return token_for("editor")


def planned(rule_id: int) -> list[ScheduleItem]:
    db.session.expire_all()
    return db.session.query(ScheduleItem).filter_by(rule_id=rule_id).all()


def test_rules_are_listed_per_channel_and_read_with_an_etag(rule, client) -> None:
    auth = bearer(token_for("viewer", "read"))
    listed = client.get(f"/api/v1/channels/{rule.channel_id}/rules", headers=auth).get_json()
    assert [r["id"] for r in listed] == [rule.id]
    one = client.get(f"/api/v1/rules/{rule.id}", headers=auth)
    assert one.get_json()["rrule"] == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert one.headers["ETag"].startswith(f'"rule-{rule.id}-v')
    problem_of(client.get("/api/v1/rules/999", headers=auth), 404)
    problem_of(client.get("/api/v1/channels/999/rules", headers=auth), 404)


def test_a_new_rule_plans_its_slots(rule, client, editor) -> None:
    path = f"/api/v1/channels/{rule.channel_id}/rules"
    response = send(client, "POST", path, editor, json={**NEW, "starts_on": "2026-11-24"})
    assert response.status_code == 201, response.get_data(as_text=True)
    made = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/rules/{made['id']}")
    assert made["enabled"] and made["channel_id"] == rule.channel_id
    assert planned(made["id"]) and all(i.starts_at.weekday() == 1 for i in planned(made["id"]))
    weekly = {"activity": "video", "per_week": 2, "time_of_day": "10:00"}
    response = send(client, "POST", path, editor, json={**weekly, "starts_on": "2026-11-23"})
    assert response.status_code == 201 and response.get_json()["per_week"] == 2


def test_a_bad_rule_is_refused_naming_the_field_and_nothing_is_made(rule, client, editor) -> None:
    path = f"/api/v1/channels/{rule.channel_id}/rules"
    cases = {
        "rrule": {**NEW, "rrule": "FREQ=SOMETIMES", "starts_on": "2026-11-24"},
        "starts_on": {**NEW, "starts_on": "2020-01-01"},
        "activity": {**NEW, "activity": "party", "starts_on": "2026-11-24"},
    }
    for field, body in cases.items():
        assert field_of(send(client, "POST", path, editor, json=body)) == field
    both = {**NEW, "per_week": 2, "starts_on": "2026-11-24"}
    assert field_of(send(client, "POST", path, editor, json=both)) == "rrule"
    neither = {"activity": "post", "time_of_day": "11:00", "starts_on": "2026-11-24"}
    assert field_of(send(client, "POST", path, editor, json=neither)) == "rrule"
    assert db.session.query(CadenceRule).count() == 1
    kw = {"json": {**NEW, "starts_on": "2026-11-24"}}
    assert_refused_to_others(client, "POST", path, kw, "contributor")
    problem_of(send(client, "POST", "/api/v1/channels/999/rules", editor, **kw), 404)
    assert db.session.query(CadenceRule).count() == 1


def test_a_change_re_plans_like_the_rule_page_and_keeps_the_rest(rule, client, editor) -> None:
    path = f"/api/v1/rules/{rule.id}"
    change = {"rrule": "FREQ=WEEKLY;BYDAY=TH", "label": "Thursday story"}
    assert_needs_if_match(client, "PATCH", path, editor, json=change)
    tag = etag_of(client, path, editor)
    response = send(client, "PATCH", path, editor, json=change, if_match=tag)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["label"], body["time_of_day"], body["starts_on"]) == (
        "Thursday story", "09:00:00", "2026-11-23",
    )  # fmt: skip
    assert {i.starts_at.weekday() for i in planned(rule.id)} == {3}
    problem_of(send(client, "PATCH", path, editor, json={"label": "x"}, if_match=tag), 412)


def test_a_refused_change_keeps_the_rule_and_its_items(rule, client, editor) -> None:
    path = f"/api/v1/rules/{rule.id}"
    before = sorted(i.starts_at for i in planned(rule.id))
    tag = etag_of(client, path, editor)
    bad = {"rrule": "FREQ=WEEKLY;BYDAY=XX", "enabled": False}
    assert field_of(send(client, "PATCH", path, editor, json=bad, if_match=tag)) == "rrule"
    assert field_of(
        send(client, "PATCH", path, editor, json={"duration_minutes": 0}, if_match=tag)
    ) == ("duration_minutes")
    assert_refused_to_others(client, "PATCH", path, {"json": {"enabled": False}}, "contributor")
    assert sorted(i.starts_at for i in planned(rule.id)) == before
    assert db.session.get(CadenceRule, rule.id).enabled
    problem_of(send(client, "PATCH", "/api/v1/rules/999", editor, json={}, if_match="*"), 404)


def test_switching_a_rule_off_and_on_re_plans(rule, client, editor) -> None:
    path = f"/api/v1/rules/{rule.id}"
    touched = make_item(rule.channel, NOW, rule_id=rule.id, touched_at=NOW)
    off = send(client, "PATCH", path, editor, json={"enabled": False}, if_match="*")
    assert off.status_code == 200 and off.get_json()["enabled"] is False
    assert [i.id for i in planned(rule.id)] == [touched.id]
    on = send(client, "PATCH", path, editor, json={"enabled": True}, if_match="*")
    assert on.get_json()["enabled"] and len(planned(rule.id)) > 1


def test_a_deleted_rule_keeps_the_items_people_worked_on(rule, client, editor) -> None:
    path = f"/api/v1/rules/{rule.id}"
    touched = make_item(rule.channel, NOW, rule_id=rule.id, touched_at=NOW)
    assert_needs_if_match(client, "DELETE", path, editor)
    assert_refused_to_others(client, "DELETE", path, {}, "contributor")
    assert db.session.get(CadenceRule, rule.id) is not None
    response = send(client, "DELETE", path, editor, if_match=etag_of(client, path, editor))
    assert response.status_code == 204
    db.session.expire_all()
    assert db.session.get(CadenceRule, rule.id) is None
    kept = db.session.get(ScheduleItem, touched.id)
    assert kept is not None and kept.rule_id is None
    assert db.session.query(ScheduleItem).count() == 1
    problem_of(send(client, "DELETE", path, editor, if_match="*"), 404)
