"""Ideas, the workspace, channels and campaigns over the API; errors as Problem Details."""

from __future__ import annotations

from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Idea
from calendar_app.web.api.views import code_spans
from tests.factories import make_campaign, make_channel, make_idea, make_rule, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of


def test_the_workspace_channels_and_campaigns_read_with_amounts_as_strings(app, client) -> None:
    make_workspace()
    blog = make_channel("blog")
    make_rule(blog)
    make_campaign("Winter push")
    auth = bearer(token_for("viewer", "read"))
    assert isinstance(client.get("/api/v1/workspace", headers=auth).get_json()["hourly_rate"], str)
    channels = client.get("/api/v1/channels", headers=auth).get_json()
    assert channels[0]["slug"] == "blog" and isinstance(channels[0]["click_value"], str)
    assert channels[0]["rules"][0]["rrule"] == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert client.get("/api/v1/campaigns", headers=auth).get_json()[0]["name"] == "Winter push"


def test_no_workspace_yet_is_a_404_problem(app, client) -> None:
    problem_of(client.get("/api/v1/workspace", headers=bearer(token_for("editor"))), 404)


def test_ideas_page_by_cursor_and_filter_by_status(app, client) -> None:
    make_workspace()
    for n in range(5):
        make_idea(f"Headline number {n}", status="archived" if n == 4 else "backlog")
    auth = bearer(token_for("viewer", "read"))
    first = client.get("/api/v1/ideas?limit=3", headers=auth).get_json()
    rest = client.get(f"/api/v1/ideas?limit=3&cursor={first['next_cursor']}", headers=auth)
    assert len(first["ideas"]) == 3 and len(rest.get_json()["ideas"]) == 2
    assert rest.get_json()["next_cursor"] is None
    archived = client.get("/api/v1/ideas?status=archived", headers=auth).get_json()["ideas"]
    assert [i["headline"] for i in archived] == ["Headline number 4"]


def test_an_idea_is_added_with_the_banks_checks(app, client) -> None:
    make_workspace()
    make_idea("Winter cycling for beginners")
    auth = bearer(token_for("contributor"))
    response = client.post(
        "/api/v1/ideas", json={"headline": "Winter cycling for starters"}, headers=auth
    )
    assert response.status_code == 201
    assert response.get_json()["idea"]["headline"] == "Winter cycling for starters"
    body = problem_of(
        client.post(
            "/api/v1/ideas", json={"headline": "winter cycling, for beginners!"}, headers=auth
        ),
        422,
    )
    assert body["errors"] == [{"field": "headline", "detail": body["detail"]}]
    body = problem_of(client.post("/api/v1/ideas", json={}, headers=auth), 422)
    assert body["errors"][0]["field"] == "headline"
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 2


def test_unknown_addresses_and_methods_are_problems_under_the_api_only(app, client) -> None:
    make_workspace()
    auth = bearer(token_for("editor"))
    problem_of(client.get("/api/v1/nothing", headers=auth), 404)
    response = client.delete("/api/v1/workspace", headers=auth)
    problem_of(response, 405)
    assert "GET" in response.headers["Allow"]
    assert client.get("/nothing-here").mimetype == "text/html"


def test_rate_limits_are_per_token_with_headers(fresh_app) -> None:
    app = fresh_app(API_RATE_LIMIT="3 per minute")
    with app.app_context():
        make_workspace()
        client = app.test_client()
        first, second = bearer(token_for("editor")), bearer(token_for("viewer", "read"))
        for _ in range(3):
            response = client.get("/api/v1/workspace", headers=first)
            assert response.status_code == 200
        assert response.headers["X-RateLimit-Limit"] == "3"
        assert response.headers["X-RateLimit-Remaining"] == "0"
        refused = client.get("/api/v1/workspace", headers=first)
        problem_of(refused, 429)
        assert int(refused.headers["Retry-After"]) > 0
        assert client.get("/api/v1/workspace", headers=second).status_code == 200


def test_the_openapi_document_is_3_1_and_the_docs_page_needs_no_script(logged_in) -> None:
    document = logged_in.get("/api/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert {"/api/v1/items", "/api/v1/items/{item_id}", "/api/v1/ideas"} <= set(document["paths"])
    page = logged_in.get("/api/docs")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "PATCH /api/v1/items/{item_id}" in text
    assert "<script" not in text.split("</main>")[0].split("<main")[-1]
    # Names in the summaries show as code, not between double backticks.
    assert "``" not in text and "<code>next_cursor</code>" in text


def test_a_summary_is_escaped_before_its_code_spans_are_marked() -> None:
    assert code_spans("a <b> ``x<y>`` c") == "a &lt;b&gt; <code>x&lt;y&gt;</code> c"
    assert code_spans("plain") == "plain"


def test_the_api_documents_need_a_login_like_every_page(app, client) -> None:
    make_workspace()
    assert client.get("/api/docs").status_code == 302
    assert client.get("/api/openapi.json").status_code == 302
