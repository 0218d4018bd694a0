"""Results over the API: a CSV imported as on the Results page, and the report it feeds."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ResultRecord
from calendar_app.services import planner
from calendar_app.services.results_import import ImportStopped
from tests.factories import make_channel, make_rule, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"
GOOD = "2026-11-20,linkedin,social,winter,,160,4,1,1000"


def upload(client, raw: str | bytes | None, auth: dict[str, str], **period: str):
    data: dict = dict(period)
    if raw is not None:
        body = raw.encode() if isinstance(raw, str) else raw
        data["file"] = (io.BytesIO(body), "r.csv")
    return client.post(
        "/api/v1/results/imports", data=data, content_type="multipart/form-data", headers=auth
    )


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(ResultRecord))


@pytest.fixture
def linkedin(app):
    make_workspace()
    channel = make_channel("linkedin", name="LinkedIn")
    make_rule(channel, rrule="FREQ=DAILY")
    planner.keep_planned_ahead(app_now())
    return channel


def test_a_file_is_imported_with_the_pages_summary_and_again_changes_nothing(
    client, linkedin
) -> None:
    auth = bearer(token_for("editor"))
    response = upload(client, f"{HEADER}\n{GOOD}\n2026-11-21,nowhere,x,,,5,0,0,0", auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["kind"], body["added"], body["matched_channels"], body["unmatched"]) == (
        "simple",
        2,
        1,
        1,
    )
    assert body["summary"].startswith("results file: 2 rows added, 0 updated, 0 unchanged")
    again = upload(client, f"{HEADER}\n{GOOD}\n2026-11-21,nowhere,x,,,5,0,0,0", auth).get_json()
    assert (again["added"], again["unchanged"], stored()) == (0, 2, 2)


def test_a_month_imported_as_days_replaces_it_and_says_how_many(client, linkedin) -> None:
    auth = bearer(token_for("editor"))
    month = "utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"
    first = upload(
        client, f"{month}\nlinkedin,social,w,,10,0,0,0", auth, starts_on="2026-11-01",
        ends_on="2026-11-02",
    )  # fmt: skip
    assert first.status_code == 200 and first.get_json()["replaced"] == 0
    days = [f"2026-11-0{day},linkedin,social,w,,5,0,0,0" for day in (1, 2)]
    body = upload(client, "\n".join([HEADER, *days]), auth).get_json()
    assert (body["replaced"], body["added"], stored()) == (1, 2, 2)


def test_a_bad_file_names_every_problem_and_stores_nothing(client, linkedin) -> None:
    auth = bearer(token_for("editor"))
    lines = [f"2026-11-0{day},linkedin,social,w,,lots,0,0,0" for day in (1, 2, 3)]
    body = problem_of(upload(client, "\n".join([HEADER, GOOD, *lines]), auth), 422)
    assert body["detail"].startswith("Nothing was imported: line 3, column 'visits'")
    assert [e["field"] for e in body["errors"]] == ["file"] * 3
    assert "line 5, column 'visits'" in body["errors"][2]["detail"]
    assert stored() == 0
    assert upload(client, f"{HEADER}\n{GOOD}", auth).status_code == 200  # a good one still is


@pytest.mark.parametrize(
    ("raw", "period", "field", "detail"),
    [
        (None, {}, "file", "Missing data for required field."),
        (HEADER, {"starts_on": "2026-11-30", "ends_on": "2026-11-01"}, "ends_on", "ends (2026"),
        (HEADER, {"starts_on": "30/11/2026"}, "starts_on", "Not a valid date."),
        (f"{HEADER}\n2026-12-01,linkedin,social,w,,5,0,0,0", {}, "file", "2026-12-01"),
    ],
)
def test_a_refused_upload_names_its_field_and_changes_nothing(
    client, linkedin, raw, period, field, detail
) -> None:
    body = problem_of(upload(client, raw, bearer(token_for("editor")), **period), 422)
    assert body["errors"][0]["field"] == field and detail in body["errors"][0]["detail"]
    assert stored() == 0


def test_a_file_over_the_upload_limit_is_a_413_and_under_it_is_read(app, client, linkedin) -> None:
    app.config["MAX_UPLOAD_LENGTH"] = 2_000
    auth = bearer(token_for("editor"))
    problem_of(upload(client, f"{HEADER}\n" + f"{GOOD}\n" * 60, auth), 413)
    assert stored() == 0
    assert upload(client, f"{HEADER}\n{GOOD}\n" + "\n" * 1_000, auth).status_code == 200


def test_who_may_import(client, linkedin) -> None:
    problem_of(upload(client, f"{HEADER}\n{GOOD}", {}), 401)
    problem_of(upload(client, f"{HEADER}\n{GOOD}", bearer(token_for("editor", "read"))), 403)
    body = problem_of(upload(client, f"{HEADER}\n{GOOD}", bearer(token_for("contributor"))), 403)
    assert "results" in body["detail"]
    assert stored() == 0
    assert upload(client, f"{HEADER}\n{GOOD}", bearer(token_for("owner"))).status_code == 200


def test_an_unknown_field_is_refused_by_name(client, linkedin) -> None:
    response = upload(client, f"{HEADER}\n{GOOD}", bearer(token_for("editor")), period="all")
    assert problem_of(response, 422)["errors"][0]["field"] == "period"
    assert stored() == 0


def test_an_import_another_one_overtook_is_a_409_saying_so(client, linkedin, monkeypatch) -> None:
    def overtaken(raw, period):
        raise ImportStopped(0, 1, "another import wrote results")

    monkeypatch.setattr("calendar_app.web.api.results.import_results", overtaken)
    body = problem_of(upload(client, f"{HEADER}\n{GOOD}", bearer(token_for("editor"))), 409)
    assert "another import wrote results" in body["detail"] and "again" in body["detail"]
