"""The Results page: costs, traffic value, ROI, keep/drop, goals, the chart and the CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Channel, ChannelSpend, Goal, ScheduleItem, Workspace
from calendar_app.services import planner
from tests.factories import make_campaign, make_channel, make_item, make_rule

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def import_csv(client, lines: list[str]) -> str:
    raw = "\n".join([HEADER, *lines]).encode()
    return client.post(
        "/results/",
        data={"file": (io.BytesIO(raw), "r.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)


@pytest.fixture
def plan(logged_in):
    """LinkedIn with daily posts and a blog; an hourly rate of 50 and LinkedIn visits at 1.00."""
    linkedin = make_channel("linkedin", name="LinkedIn")
    make_channel("blog", name="Blog", utm_medium="blog")
    make_rule(linkedin, rrule="FREQ=DAILY")
    planner.keep_planned_ahead(app_now())
    form = {"hourly_rate": "50", f"click-{linkedin.id}": "1.00"}
    assert logged_in.post("/results/rates", data=form).status_code == 302
    return linkedin


def test_cost_700_and_return_1160_show_roi_65_7_percent(logged_in, plan) -> None:
    item = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()
    logged_in.post(f"/items/{item.id}/time", data={"minutes": "600"})  # 10 h at 50 = 500
    logged_in.post(
        "/results/spend",
        data={"channel_id": plan.id, "month": "2026-11", "amount": "200", "note": "Ads"},
    )
    page = import_csv(logged_in, ["2026-11-20,linkedin,social,winter,,160,4,1,1000"])
    assert "+65.7 %" in page
    assert "700.00" in page and "160.00" in page  # cost; traffic value
    assert '<svg class="chart"' in page and "November 2026 return: €1,160.00" in page
    assert 'LinkedIn</strong> <span class="muted">(lead generator)</span>: 1 month of results' in (
        page
    )


@pytest.mark.parametrize(
    ("raw", "period", "message"),
    [
        (
            f"{HEADER}\n2026-11-20,linkedin,social,w,,lots,0,0,0",
            {},
            "Nothing was imported: line 2, column &#39;visits&#39;: &#39;lots&#39;",
        ),
        (None, {}, "Choose a CSV file."),
        (
            HEADER,
            {"starts_on": "2026-11-30", "ends_on": "2026-11-01"},
            "The period ends (2026-11-01) before it starts (2026-11-30).",
        ),
    ],
)
def test_a_failed_upload_says_what_went_wrong_at_the_top_of_the_page(
    logged_in, plan, raw, period, message
) -> None:
    import_csv(logged_in, ["2026-11-20,linkedin,social,winter,,160,4,1,1000"])  # a full page
    data = dict(period, **({"file": (io.BytesIO(raw.encode()), "r.csv")} if raw else {}))
    page = logged_in.post("/results/", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    top = page.index('<p class="flash flash-error" role="alert">')
    assert page.index("<h1>Results</h1>") < top < page.index("Keep, improve or drop")
    assert page.index(message) < page.index("Keep, improve or drop")
    assert page.count(message) == 2  # and beside the field
    assert '<a href="#import">Go to the upload form</a>' in page[top:]
    assert '<section class="card" id="import"' in page


def test_a_file_with_many_problems_shows_the_first_and_links_to_all(logged_in, plan) -> None:
    lines = [f"2026-11-{day:02d},linkedin,social,w,,lots,0,0,0" for day in range(1, 4)]
    page = import_csv(logged_in, lines)
    top = page[: page.index("Keep, improve or drop")]
    assert "Nothing was imported: line 2, column &#39;visits&#39;" in top
    assert "line 3, column" not in top
    assert '<a href="#import">All 3 problems are listed at the upload form</a>' in top
    assert "line 4, column &#39;visits&#39;" in page


def test_a_good_page_has_no_upload_alert(logged_in, plan) -> None:
    page = import_csv(logged_in, ["2026-11-20,linkedin,social,winter,,160,4,1,1000"])
    assert "flash-error" not in page and "to the upload form" not in page


def test_three_bad_months_say_improve_with_the_months_to_go_and_six_say_drop(
    logged_in, plan
) -> None:
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    months = ("06", "07", "08", "09", "10", "11")
    for number in months:
        logged_in.post(
            "/results/spend",
            data={"channel_id": blog.id, "month": f"2026-{number}", "amount": "500"},
        )
    page = import_csv(
        logged_in, [f"2026-{m}-10,blog,blog,articles,,300,1,0,100" for m in months[3:]]
    )
    assert (
        'Blog</strong> <span class="muted">(traffic driver)</span>: 3 months, 900 visits, '
        "3 leads, ROI −80.0 %: improve: turn more visits into leads (calls to action, landing "
        "pages); give it 3 more months of results before dropping it (6 months at least)." in page
    )
    page = import_csv(
        logged_in, [f"2026-{m}-10,blog,blog,articles,,300,1,0,100" for m in months[:3]]
    )
    assert (
        'Blog</strong> <span class="muted">(traffic driver)</span>: 3 months, 900 visits, '
        "3 leads, ROI −80.0 %: drop or cut to one post a week." in page
    )


def test_months_with_results_but_no_cost_are_marked_and_not_judged(logged_in, plan) -> None:
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    logged_in.post(
        "/results/spend", data={"channel_id": blog.id, "month": "2026-11", "amount": "50"}
    )
    page = import_csv(
        logged_in,
        [f"2026-{m}-10,blog,blog,articles,,300,1,0,5000" for m in ("09", "10", "11")]
        + ["2026-10-10,elsewhere,referral,,,40,0,0,0"],
    )
    assert (
        "3 months, 900 visits, 3 leads, no cost recorded for September 2026 and October 2026: "
        "enter the hours for September 2026 and October 2026 (or log time, or add spend) to "
        "judge." in page
    )
    # Blog's two months only: campaigns and results that matched nothing have no cost to record.
    assert page.count('<span class="warn">no cost recorded</span>') == 2
    for month in ("2026-09", "2026-10"):  # past effort, entered as hours
        answer = logged_in.post(
            "/results/spend", data={"channel_id": blog.id, "month": month, "hours": "7,5"}
        )
        assert answer.status_code == 302
    page = logged_in.get("/results/").get_data(as_text=True)
    assert 'Blog</strong> <span class="muted">(traffic driver)</span>: 3 months' in page
    assert "no cost recorded for" not in page and ": keep." in page
    assert "2026-09: €0.00, 7.5 h" in page  # in the workspace's currency (EUR by default)


def test_a_lead_value_enters_the_return(logged_in, plan) -> None:
    from calendar_app.models import Workspace

    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    for number in ("09", "10", "11"):
        logged_in.post(
            "/results/spend",
            data={"channel_id": blog.id, "month": f"2026-{number}", "amount": "500"},
        )
    rows = [f"2026-{m}-10,blog,blog,articles,,100,10,0,0" for m in ("09", "10", "11")]
    assert "ROI −100.0 %" in import_csv(logged_in, rows)  # visits alone are worth nothing
    answer = logged_in.post(
        "/results/rates", data={"hourly_rate": "0", "lead_value": "60", f"lead-{blog.id}": ""}
    )
    assert answer.status_code == 302
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "30 leads, ROI +20.0 %: keep." in page  # 30 leads × 60 = 1,800 for 1,500
    logged_in.post(
        "/results/rates", data={"hourly_rate": "0", "lead_value": "60", f"lead-{blog.id}": "25"}
    )
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "30 leads, ROI −50.0 %: improve" in page  # the channel's own value: 750 for 1,500
    db.session.expire_all()
    assert db.session.scalar(select(Workspace.lead_value)) == 60 and blog.lead_value == 25


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"lead_value": "-5"}, "lead_value", "Give an amount from 0"),
        ({"lead_value": "lots"}, "lead_value", "is not an amount"),
        ({"lead-{id}": "100000000"}, "lead-{id}", "Give an amount from 0"),
    ],
)
def test_a_wrong_lead_value_is_refused_and_changes_nothing(
    logged_in, plan, data, field, message
) -> None:
    from calendar_app.models import Workspace

    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    rate = db.session.scalar(select(Workspace.hourly_rate))
    form = {"hourly_rate": "41"} | {k.format(id=blog.id): v for k, v in data.items()}
    page = logged_in.post("/results/rates", data=form, follow_redirects=True)
    assert message in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Workspace.hourly_rate)) == rate != 41  # nothing saved
    assert blog.lead_value is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "", "hours": ""}, "Give an amount, the hours spent, or both."),
        ({"hours": "-1"}, "Give the hours from 0 to 9,999.9, like 7.5 (one decimal)."),
        ({"hours": "10000"}, "Give the hours from 0 to 9,999.9, like 7.5 (one decimal)."),
        ({"hours": "seven"}, "Give the hours from 0 to 9,999.9, like 7.5 (one decimal)."),
        ({"hours": "7,55"}, "Give the hours from 0 to 9,999.9, like 7.5 (one decimal)."),
        ({"hours": "0.05"}, "Give the hours from 0 to 9,999.9, like 7.5 (one decimal)."),
        ({"hours": "7.5.5"}, "Give the hours from 0 to 9,999.9, like 7.5 (one decimal)."),
    ],
)
def test_wrong_past_hours_are_refused_and_change_nothing(logged_in, plan, data, message) -> None:
    from calendar_app.models import ChannelSpend

    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    form = {"channel_id": blog.id, "month": "2026-09"} | data
    page = logged_in.post("/results/spend", data=form, follow_redirects=True)
    assert message in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ChannelSpend)) == 0


def test_the_csv_download_has_every_figure_and_defuses_formulas(logged_in, plan) -> None:
    make_campaign("winter")
    evil = make_campaign('=HYPERLINK("http://evil.example")')
    import_csv(
        logged_in,
        [
            "2026-11-20,linkedin,social,winter,,160,4,1,1000",
            f"2026-11-20,linkedin,social,{evil.token},,5,0,0,0",
        ],
    )
    response = logged_in.get("/results/report.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    linkedin = next(r for r in rows if r["kind"] == "channel" and r["name"] == "LinkedIn")
    assert (linkedin["visits"], linkedin["traffic_value"], linkedin["revenue"]) == (
        "165",
        "165.00",
        "1000.00",
    )
    names = {r["name"] for r in rows if r["kind"] == "campaign"}
    assert "winter" in names and '\'=HYPERLINK("http://evil.example")' in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def test_at_most_two_goals_with_progress_in_their_period(logged_in, plan) -> None:
    import_csv(logged_in, ["2026-11-20,linkedin,social,winter,,160,4,1,1000"])
    for target in ("20", "5000"):
        metric = "leads" if target == "20" else "revenue"
        logged_in.post(
            "/results/goals",
            data={"kind": "traffic", "metric": metric, "target": target, "period": "month"},
        )
    third = logged_in.post(
        "/results/goals",
        data={"kind": "sales", "metric": "customers", "target": "3", "period": "year"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "At most 2 goals" in third
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 2
    assert (
        "Traffic and leads: 20 leads</strong> per month · November 2026: 4 so far (20 %)" in third
    )
    week = logged_in.get("/week").get_data(as_text=True)
    assert "Traffic and leads: 20 leads" in week and "20 %" in week


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12.50", "12.50"),
        ("12,5", "12.50"),
        ("1,234", "1234.00"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("99999999.99", "99999999.99"),
    ],
)
def test_money_is_read_the_way_results_files_are(logged_in, plan, typed, stored) -> None:
    logged_in.post("/results/rates", data={"hourly_rate": typed})
    db.session.expire_all()
    assert db.session.scalar(select(Workspace.hourly_rate)) == Decimal(stored)


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/results/rates", {"hourly_rate": "lots"}, "is not an amount"),
        ("/results/rates", {"hourly_rate": "-5"}, "from 0 up to 99,999,999.99"),
        ("/results/rates", {"hourly_rate": "NaN"}, "is not an amount"),
        ("/results/rates", {"hourly_rate": "999999999.999"}, "from 0 up to 99,999,999.99"),
        ("/results/rates", {"hourly_rate": "100000000"}, "from 0 up to 99,999,999.99"),
        ("/results/rates", {"hourly_rate": "\uff11\uff12"}, "is not an amount"),  # full width
        ("/results/spend", {"channel_id": "1", "month": "0001-01", "amount": "5"}, "2099"),
        ("/results/spend", {"channel_id": "1", "month": "2026-13", "amount": "5"}, "2026-11"),
        ("/results/spend", {"channel_id": "999", "month": "2026-11", "amount": "5"}, "Choose"),
        ("/results/goals", {"kind": "fame", "metric": "leads", "target": "5"}, "Choose what"),
        (
            "/results/goals",
            {"kind": "sales", "metric": "leads", "target": "0", "period": "month"},
            "more than 0",
        ),
    ],
)
def test_bad_costs_and_goals_are_refused_and_change_nothing(
    logged_in, plan, path, data, message
) -> None:
    page = logged_in.post(path, data=data, follow_redirects=True).get_data(as_text=True)
    assert message in page
    db.session.expire_all()
    assert db.session.scalar(select(Workspace.hourly_rate)) == Decimal("50.00")
    assert db.session.scalar(select(func.count()).select_from(ChannelSpend)) == 0
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 0


def test_the_results_page_runs_the_same_queries_for_few_or_many_rows(logged_in, plan) -> None:
    from tests.queries import count_queries

    import_csv(logged_in, ["2026-11-20,linkedin,social,winter,,160,4,1,1000"])
    few = count_queries(logged_in, "/results/")
    lines = [
        f"2026-{month:02d}-{day:02d},{source},social,campaign-{day % 7},,{day},1,0,5"
        for month in range(1, 11)  # up to October: none after today, the 23rd of November
        for day in range(1, 29)
        for source in ("linkedin", "blog", "elsewhere")
    ]
    assert "840 rows added" in import_csv(logged_in, lines)
    assert count_queries(logged_in, "/results/") == few


def test_a_report_lines_cells_show_each_figure_as_the_page_did() -> None:
    from decimal import Decimal

    from calendar_app.domain.roi import Summary
    from calendar_app.web.results.cells import figure_cells

    line = Summary(
        visits=12345, leads=12, conversion=Decimal("0.1"), customers=1,
        revenue=Decimal("1234.5"), hours=Decimal("1.5"), cost=Decimal("60"),
        traffic_value=Decimal("0"), gain=Decimal("1234.5"), roi=Decimal("-12"),
    )  # fmt: skip
    assert str(figure_cells(line)) == (
        "<td>12,345</td><td>12</td><td>0.1 %</td><td>1</td><td>1,234.50</td><td>1.5</td>"
        '<td>60.00</td><td>0.00</td><td>0.00</td><td><span class="warn">-12 %</span></td>'
    )
    missing = Summary(
        visits=10, leads=0, conversion=Decimal(0), customers=0, revenue=Decimal(0),
        hours=Decimal(0), cost=Decimal(0), traffic_value=Decimal(5), gain=Decimal(5),
        roi=None, lead_value=Decimal("1234.5"), cost_missing=True,
    )  # fmt: skip
    assert (
        '<td><span class="warn">no cost recorded</span></td><td>5.00</td><td>1,234.50</td>'
        in str(figure_cells(missing))
    )
    empty = Summary(0, 0, None, 0, Decimal(0), Decimal(0), Decimal(0), Decimal(0), Decimal(0), None)
    assert str(figure_cells(empty)).endswith("<td>–</td>") and "<td>–</td><td>0</td>" in str(
        figure_cells(empty)
    )
    good = Summary(
        1, 0, None, 0, Decimal(0), Decimal(0), Decimal(0), Decimal(0), Decimal(0), Decimal(5)
    )
    assert str(figure_cells(good)).endswith('<td><span class="good">+5 %</span></td>')


def test_amounts_are_in_the_workspaces_currency_written_as_its_locale_writes_them(
    logged_in, plan
) -> None:
    from tests.web.test_settings import PROFILE

    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    logged_in.post(
        "/results/spend", data={"channel_id": blog.id, "month": "2026-11", "amount": "1234.5"}
    )
    import_csv(logged_in, ["2026-11-10,blog,blog,articles,,1200,1,0,98765.4"])
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "<td>98,765.40</td>" in page and "Revenue (€)" in page and "€1,234.50" in page
    answer = logged_in.post("/settings", data={**PROFILE, "currency": "PLN", "locale": "pl"})
    assert answer.status_code == 302
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "<td>98\u00a0765,40</td>" in page and "Revenue (zł)" in page
    assert "1\u00a0234,50\u00a0zł" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"currency": "XYZ"}, "currency", "&#39;XYZ&#39; is not a currency code like EUR or USD."),
        ({"locale": "tlh"}, "locale", "Choose how numbers are written from the list."),
    ],
)
def test_an_unknown_currency_or_locale_is_refused_and_changes_nothing(
    logged_in, plan, changes, field, message
) -> None:
    from tests.web.test_settings import PROFILE

    form = {**PROFILE, "name": "A new name", **changes}
    page = logged_in.post("/settings", data=form).get_data(as_text=True)
    assert message in page
    db.session.expire_all()
    workspace = planner.get_workspace()
    assert (workspace.currency, workspace.locale) == ("EUR", "en")
    assert workspace.name != "A new name"  # nothing else was saved either


def test_a_campaign_over_two_channels_values_each_visit_and_lead_at_its_channels_price(
    logged_in, plan
) -> None:
    """Worked by hand: LinkedIn visits at 1.00 and leads at its own 10.00; blog visits at
    0.20 and leads at the workspace's 2.00. The campaign "winter" in November: LinkedIn
    100 visits and 3 leads, the blog 500 visits and 5 leads. Traffic value 100 × 1.00 +
    500 × 0.20 = 200.00 (not 600 visits at one channel's price); lead value 3 × 10 +
    5 × 2 = 40.00. It cost 100.00 of its own (ads) and 1 h logged on its LinkedIn post at
    50.00: 150.00, so ROI (240 − 150) / 150 = +60.0 %."""
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    winter = make_campaign("winter", channels=[plan, blog])
    post = make_item(plan, app_now() - timedelta(days=2), campaign=winter, actual_minutes=60)
    answer = logged_in.post(
        f"/campaigns/{winter.id}/spend", data={"month": "2026-11", "amount": "100"}
    )
    assert answer.status_code == 302 and post.campaign is winter
    form = {
        "hourly_rate": "50", f"click-{plan.id}": "1.00", f"click-{blog.id}": "0.20",
        "lead_value": "2", f"lead-{plan.id}": "10", f"lead-{blog.id}": "",
    }  # fmt: skip
    assert logged_in.post("/results/rates", data=form).status_code == 302
    import_csv(
        logged_in,
        ["2026-11-20,linkedin,social,winter,,100,3,0,0", "2026-11-20,blog,blog,winter,,500,5,0,0"],
    )
    rows = list(csv.DictReader(io.StringIO(logged_in.get("/results/report.csv").get_data(True))))
    winter = next(r for r in rows if r["kind"] == "campaign" and r["name"] == "winter")
    assert (winter["visits"], winter["traffic_value"], winter["lead_value"]) == (
        "600", "200.00", "40.00",
    )  # fmt: skip
    assert winter["return"] == "240.00" and winter["cost_missing"] == ""
    assert (winter["hours"], winter["cost"], winter["roi_percent"]) == ("1.0", "150.00", "60.0")
    page = logged_in.get("/results/").get_data(as_text=True)
    table = page[page.index('id="campaigns-title"') :]
    assert "winter <span" in table and '<span class="good">+60.0 %</span>' in table


def test_entering_a_months_hours_keeps_its_spend_and_note(logged_in, plan) -> None:
    spend = {"channel_id": plan.id, "month": "2026-10"}
    logged_in.post("/results/spend", data=spend | {"amount": "500", "note": "Ads"})
    logged_in.post("/results/spend", data=spend | {"hours": "12"})
    saved = db.session.scalar(select(ChannelSpend))
    db.session.refresh(saved)
    assert (saved.amount, saved.hours, saved.note) == (500, 12, "Ads")
    logged_in.post("/results/spend", data=spend | {"amount": "0"})  # an explicit 0 clears
    db.session.refresh(saved)
    assert (saved.amount, saved.hours) == (0, 12)


def test_a_rates_form_that_does_not_send_a_value_keeps_it(logged_in, plan) -> None:
    logged_in.post("/results/rates", data={"hourly_rate": "50", "lead_value": "30"})
    assert logged_in.post("/results/rates", data={"hourly_rate": "55"}).status_code == 302
    workspace = planner.get_workspace()
    db.session.refresh(workspace)
    assert (workspace.hourly_rate, workspace.lead_value) == (55, 30)


def test_the_chart_leaves_out_months_without_a_cost_and_results_of_no_channel(
    logged_in, plan
) -> None:
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    logged_in.post(
        "/results/spend", data={"channel_id": blog.id, "month": "2026-10", "amount": "50"}
    )
    page = import_csv(
        logged_in,
        [
            "2026-10-10,blog,blog,,,100,0,0,500",
            "2026-11-10,blog,blog,,,100,0,0,500",  # November: no cost recorded
            "2026-10-10,elsewhere,referral,,,900,0,0,900",  # no channel of ours
        ],
    )
    description = page[page.index('<desc id="chart-desc">') : page.index("</desc>")]
    assert "October 2026: cost €50.00, return €500.00" in description
    assert "November" not in description


def test_a_currency_outside_the_list_stays_chosen_on_the_settings_page(logged_in, plan) -> None:
    from tests.web.test_settings import PROFILE

    assert logged_in.post("/settings", data={**PROFILE, "currency": "mxn"}).status_code == 302
    page = logged_in.get("/settings").get_data(as_text=True)
    assert '<option selected value="MXN">MXN</option>' in page


def test_a_currency_without_decimals_is_written_without_them(logged_in, plan) -> None:
    from tests.web.test_settings import PROFILE

    logged_in.post("/settings", data={**PROFILE, "currency": "JPY", "locale": "en"})
    page = import_csv(logged_in, ["2026-11-10,linkedin,social,,,10,0,0,1234.56"])
    assert "<td>1,235</td>" in page and "Revenue (¥)" in page


def test_the_campaign_table_says_which_of_its_columns_add_up_to_the_channel_table(
    logged_in, plan
) -> None:
    """A channel's other spend and past hours belong to no campaign, and a campaign's own
    spend to no channel: visits, leads, revenue and values add up, hours and cost do not."""
    from calendar_app.services import report

    winter = make_campaign("winter", channels=[plan])
    make_item(plan, app_now() - timedelta(days=2), campaign=winter, actual_minutes=60)
    logged_in.post(f"/campaigns/{winter.id}/spend", data={"month": "2026-11", "amount": "100"})
    logged_in.post(
        "/results/spend",
        data={"channel_id": plan.id, "month": "2026-11", "amount": "200", "hours": "3"},
    )
    page = import_csv(
        logged_in,
        ["2026-11-20,linkedin,social,winter,,160,4,1,1000", "2026-11-20,blog,blog,,,40,1,0,0"],
    )
    built = report.build_report(planner.get_workspace())
    for figure in ("visits", "leads", "customers", "revenue", "traffic_value", "lead_value"):
        by_channel = sum(getattr(line, figure) for r in built.channels for _m, line in r.lines)
        assert by_channel == sum(getattr(r.overall, figure) for r in built.campaigns), figure
    channel_cost = sum(line.cost for r in built.channels for _m, line in r.lines)
    assert (channel_cost, sum(r.overall.cost for r in built.campaigns)) == (400, 150)
    note = " ".join(page[page.index('id="campaigns-title"') :].split())
    assert "each column of this table adds up" not in note
    assert (
        "This table's visits, leads, customers, revenue, traffic and lead value add up to the "
        "channel table's; its hours and cost do not: a channel's other spend and past hours "
        "belong to no campaign, and a campaign's own spend to no channel." in note
    )
