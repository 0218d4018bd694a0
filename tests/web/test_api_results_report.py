"""The Results report over the API: the page's and the CSV's figures, by channel, campaign,
month or post, over a period; amounts as strings."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Workspace
from calendar_app.services import report, results
from calendar_app.services.results_import import import_results
from tests.conftest import NOW
from tests.factories import make_campaign, make_channel, make_item, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


@pytest.fixture
def results_in(app):
    """LinkedIn at 1.00 a visit and 50 an hour: 10 hours and 200 spent in November, when it
    brought 160 visits, 4 leads and 1,000 of revenue (to a post); October brought 10 visits."""
    workspace = make_workspace()
    linkedin = make_channel("linkedin", name="LinkedIn")
    make_campaign("winter")
    post = make_item(linkedin, NOW - timedelta(days=10))
    results.save_rates(workspace, {"hourly_rate": "50", f"click-{linkedin.id}": "1.00"})
    results.record_spend(linkedin, "2026-11", "200", "Ads", "10")
    import_results(
        "\n".join(
            [
                HEADER,
                f"2026-11-20,linkedin,social,winter,{post.uid[:12]},160,4,1,1000",
                "2026-10-20,linkedin,social,,,10,0,0,0",
                "2026-11-21,nowhere,email,,,7,0,0,0",
            ]
        )
    )
    return post


READERS = count()


def get(client, query: str = ""):
    """The report as a viewer's read token reads it (a new viewer each time)."""
    token = token_for("viewer", "read", f"viewer-{next(READERS)}@example.com")
    return client.get(f"/api/v1/results/report{query}", headers=bearer(token))


def test_by_channel_each_month_has_the_pages_figures_and_the_channel_its_verdict(
    client, results_in
) -> None:
    body = get(client, "?by=channel").get_json()
    assert (body["by"], body["currency"], body["from"], body["to"]) == (
        "channel",
        "EUR",
        None,
        None,
    )
    linkedin, unmatched = body["rows"]
    november, october = linkedin["months"]
    assert november == {
        "month": "2026-11",
        "visits": 160,
        "leads": 4,
        "conversion": "2.5",
        "customers": 1,
        "revenue": "1000.00",
        "hours": "10.0",
        "cost": "700.00",
        "traffic_value": "160.00",
        "lead_value": "0.00",
        "return": "1160.00",
        "roi": "65.7",
        "cost_missing": False,
    }
    assert (october["month"], october["roi"], october["cost_missing"]) == ("2026-10", None, True)
    assert (
        linkedin["verdict"]["action"] == "wait"
        and "not enough data" in (linkedin["verdict"]["reason"])
    )
    assert (unmatched["name"], unmatched["verdict"]) == ("Not matched", None)


def test_every_figure_is_the_reports_own(client, results_in) -> None:
    built = report.build_report(db.session.scalars(select(Workspace)).one())
    rows = get(client, "?by=campaign").get_json()["rows"]
    assert [row["name"] for row in rows] == [row.name for row in built.campaigns]
    for sent, row in zip(rows, built.campaigns, strict=True):
        assert sent["verdict"] is None
        assert [(m["month"], m["visits"], m["cost"], m["return"]) for m in sent["months"]] == [
            (month, line.visits, str(line.cost), str(line.gain)) for month, line in row.lines
        ]


def test_a_period_keeps_the_months_it_touches(client, results_in) -> None:
    rows = get(client, "?from=2026-11-15&to=2026-11-30").get_json()["rows"]
    assert [m["month"] for m in rows[0]["months"]] == ["2026-11"]
    rows = get(client, "?to=2026-10-31").get_json()["rows"]
    assert [m["month"] for m in rows[0]["months"]] == ["2026-10"]
    assert get(client, "?from=2027-01-01").get_json()["rows"][0]["months"] == []


def test_by_month_the_charts_cost_and_return_of_months_with_a_cost(client, results_in) -> None:
    body = get(client, "?by=month").get_json()
    assert body["months"] == [{"month": "2026-11", "cost": "700.00", "return": "1160.00"}]
    assert get(client, "?by=month&to=2026-10-31").get_json()["months"] == []


def test_by_post_the_best_posts_of_the_last_90_days_or_of_a_period(client, results_in) -> None:
    body = get(client, "?by=post").get_json()
    assert (body["from"], body["to"]) == ("2026-08-26", "2026-11-23")
    (post,) = body["posts"]
    assert (post["item_id"], post["channel"], post["visits"], post["revenue"]) == (
        results_in.id,
        "LinkedIn",
        160,
        "1000.00",
    )
    assert post["conversion"] == "2.5" and post["starts_at"].endswith("+00:00")
    assert get(client, "?by=post&from=2026-11-21&to=2026-11-22").get_json()["posts"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [("?by=year", "by"), ("?from=2026-13-01", "from"), ("?from=2026-11-30&to=2026-11-01", "to")],
)
def test_a_wrong_parameter_is_named(client, results_in, query, field) -> None:
    assert problem_of(get(client, query), 422)["errors"][0]["field"] == field


def test_reads_need_a_token_and_a_workspace(app, client) -> None:
    problem_of(client.get("/api/v1/results/report"), 401)
    problem_of(get(client), 404)


def test_a_workspace_without_results_has_an_empty_report(app, client) -> None:
    make_workspace()
    assert get(client).get_json()["rows"] == []
    assert get(client, "?by=post").get_json()["posts"] == []
