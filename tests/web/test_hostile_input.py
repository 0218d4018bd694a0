"""Nothing a user (or an attacker) can send gets a 500: every route, every field, odd values."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, select

from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem, Workspace

HOSTILE = [
    "",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "0000-00-00",
    "sNaN",
    "NaN",
    "-Infinity",
    "1e309",
    "-1",
    str(2**63),
    "\x00",
    "a\r\nSet-Cookie: x=1",
    "x" * 3000,
    "javascript:alert(1)",
    "//evil.example/",
    "25:99",
    "24:00",
    "☃",
    "²",
]
FIELDS = (
    "status back time purpose notes headline day channel_id view template target_url start sort "
    "paused on idea_id enabled channel campaign activity name slug utm_source utm_medium timezone "
    "label recurrence rrule per_week days interval month_day position weekday yearly_day "
    "yearly_month preview time_of_day starts_on ends_on count duration_minutes mission "
    "industry audience topics products site_url goal goal_target hours_per_week blackout_dates "
    "lines email password new_password confirm current_password workspace_name destination "
    "source medium term utm_term destination_url date next q text page move_times month "
    "followers reach impressions engagements mentions positive_mentions negative_mentions edit"
).split()
HUGE = str(2**63)


def routes(app) -> list[tuple[str, set[str]]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "auth.logout"):
            continue
        found.append((rule.rule, set(rule.methods) - {"HEAD", "OPTIONS"}))
    return found


def fill(rule: str, value: str) -> str:
    return re.sub(r"<(?:int:)?(\w+)>", value, rule)


@pytest.fixture
def demo(logged_in, runner):
    db.session.execute(delete(Workspace))
    db.session.commit()
    assert runner.invoke(args=["demo"]).exit_code == 0
    return logged_in


# The routes are walked in four shares, so that parallel test workers share the walk.
SHARES = 4


@pytest.mark.parametrize("share", range(SHARES))
def test_no_route_answers_500_to_odd_values_in_any_field(app, demo, share) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash becomes a 500 here, as in production
    failures = []
    item_id = str(db.session.scalars(select(ScheduleItem.id)).first())
    for rule, methods in sorted(routes(app), key=lambda route: route[0])[share::SHARES]:
        for target in {fill(rule, item_id), fill(rule, "1"), fill(rule, HUGE)}:
            for value in HOSTILE:
                query = {name: value for name in FIELDS}
                if "GET" in methods:
                    response = demo.get(target, query_string=query)
                    if response.status_code >= 500:
                        failures.append(("GET", rule, repr(value[:12])))
                if "POST" in methods:
                    response = demo.post(target, data=query)
                    if response.status_code >= 500:
                        failures.append(("POST", rule, repr(value[:12])))
            if "POST" in methods:
                response = demo.post(target, data={})
                if response.status_code >= 500:
                    failures.append(("POST", rule, "no fields"))
    assert not failures, "\n".join(map(str, sorted(set(failures))))


@pytest.mark.parametrize(
    "body",
    ["[]", '"2026-12-07"', "42", "null", "[" * 100_000 + "]" * 100_000, "{not json"],
)
def test_the_drag_endpoint_wants_a_json_object(app, demo, body) -> None:
    item_id = db.session.scalars(select(ScheduleItem.id)).first()
    response = demo.post(f"/items/{item_id}/reschedule", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON object" in response.get_json()["error"]


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31", "2099-01-01"])
def test_browsing_far_away_weeks_shows_this_week(demo, start) -> None:
    page = demo.get(f"/week?start={start}").get_data(as_text=True)
    assert "Week of 23 Nov 2026" in page
    assert "within ten years of today" in page
    assert demo.get(f"/calendar?start={start}").status_code == 200


def test_ids_beyond_what_the_database_holds_are_404(demo) -> None:
    for path in (f"/items/{2**63}", f"/items/{2**31}", "/items/0", f"/channels/{2**64}/edit"):
        assert demo.get(path).status_code == 404, path
    response = demo.post("/items/new", data={"channel_id": str(2**63), "day": "2026-12-01"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "target",
    ["/week\r\nSet-Cookie: evil=1", "/\\evil.example/", "//evil.example/", "https://evil.example/"],
)
def test_login_never_redirects_off_site_or_splits_headers(client, demo, target) -> None:
    from tests.factories import make_user

    make_user("member@example.com", "long enough pw")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "member@example.com", "password": "long enough pw"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] in ("/week", "/")
    assert "Set-Cookie: evil" not in str(response.headers)


def test_a_nul_character_is_a_clear_400_and_saves_nothing(demo) -> None:
    response = demo.post("/ideas/add", data={"headline": "Ten bike\x00 myths"})
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert "Ten bike" not in str(db.session.scalars(select(Idea.headline)).all())


def test_a_signalling_nan_in_a_number_field_is_an_error_not_a_crash(demo) -> None:
    for value in ("sNaN", "NaN", "Infinity"):
        page = demo.post("/settings", data={"name": "Acme", "hours_per_week": value})
        assert page.status_code == 200
        assert "Give a number such as 7.5." in page.get_data(as_text=True)


def test_a_settings_post_without_fields_names_the_required_ones(demo) -> None:
    page = demo.post("/settings", data={})
    assert page.status_code == 200
    assert "This field is required." in page.get_data(as_text=True)


def test_bodies_beyond_two_megabytes_are_refused(demo) -> None:
    # One good headline, then blank padding the paste would ignore: only the size is wrong.
    lines = "Seven winter rides worth the cold\n" + " " * (3 * 1024 * 1024)
    before = db.session.scalars(select(Idea.headline)).all()
    response = demo.post("/ideas/bulk", data={"lines": lines})
    assert response.status_code == 413
    assert db.session.scalars(select(Idea.headline)).all() == before


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "import", "/"],
        ["backup", "import", "/"],
        ["schedule", "extend", "--until", "9999-12-31"],
        ["schedule", "extend", "--until", "0001-01-01"],
        ["users", "create", "not an email", "--password-stdin"],
        ["users", "create", "a\x00b@example.com", "--password-stdin"],
        ["users", "password", "nobody@example.com", "--password-stdin"],
        ["feed", "url", "nobody@example.com"],
        ["ideas", "seed", "--count", "100000"],
    ],
)
def test_the_cli_never_prints_a_traceback(runner, demo, args) -> None:
    result = runner.invoke(args=args, input="long enough password\n")
    assert result.exit_code != 0 or "0001-01-01" in args
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_deeply_nested_plan_and_backup_files_are_refused_cleanly(runner, demo, tmp_path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    for command in ("plan", "backup"):
        result = runner.invoke(args=[command, "import", str(path)])
        assert result.exit_code == 1
        assert "is not valid JSON" in result.output or "not empty" in result.output
