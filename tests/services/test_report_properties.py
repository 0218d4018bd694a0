"""The Results report's arithmetic as properties: however rows arrive, the same report;
channels and campaigns add up to the same totals; ROI without a cost is "no cost", never
a division by zero."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from calendar_app.domain.roi import Figures, Prices, roi, summarise
from calendar_app.extensions import db
from calendar_app.models import ResultMonth, ResultRecord
from calendar_app.services import planner, report, results_import
from tests.factories import make_campaign, make_channel, make_workspace

PROPERTIES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"
SOURCES = [("linkedin", "social"), ("blog", "blog"), ("elsewhere", "referral")]

# Rows with distinct keys (day, source, campaign), a campaign or none.
rows = st.lists(
    st.tuples(
        st.integers(1, 53),  # 1 October to 22 November: before the test clock's today
        st.sampled_from(SOURCES),
        st.sampled_from(["", "winter", "spring"]),
        st.integers(0, 5_000),
        st.integers(0, 50),
        st.integers(0, 5),
        st.decimals(0, 10_000, places=2),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda row: (row[0], row[1], row[2]),
)


def day(number: int) -> str:
    return f"2026-10-{number:02d}" if number <= 31 else f"2026-11-{number - 31:02d}"


def csv_of(lines: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER.split(","))
    for number, (source, medium), campaign, visits, leads, customers, revenue in lines:
        writer.writerow(
            [day(number), source, medium, campaign, "", visits, leads, customers, revenue]
        )
    return out.getvalue().encode()


def figures_of_report() -> dict:
    built = report.build_report(planner.get_workspace())
    return {
        (kind, row.name, month): line
        for kind, rows_ in (("channel", built.channels), ("campaign", built.campaigns))
        for row in rows_
        for month, line in row.lines
    }


def start_with_two_channels() -> None:
    """LinkedIn and the blog and the campaign "winter" on both (made once per test), and no
    results (each example). "spring" is a utm_campaign no campaign has."""
    if planner.get_workspace() is None:
        make_workspace()
        linkedin = make_channel("linkedin", name="LinkedIn")
        blog = make_channel("blog", name="Blog", utm_medium="blog")
        make_campaign("Winter", channels=[linkedin, blog])
    forget_results()


def forget_results() -> None:
    db.session.execute(delete(ResultMonth))
    db.session.execute(delete(ResultRecord))
    db.session.commit()


@PROPERTIES
@given(lines=rows, data=st.data())
def test_rows_imported_in_any_order_or_split_give_the_same_report(app, lines, data) -> None:
    start_with_two_channels()
    results_import.import_results(csv_of(lines))
    whole = figures_of_report()
    shuffled = data.draw(st.permutations(lines))
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(lines) - 1)), max_size=3)))
    forget_results()
    for start, end in zip([0, *cuts], [*cuts, len(shuffled)], strict=True):
        if shuffled[start:end]:
            results_import.import_results(csv_of(shuffled[start:end]))
    assert figures_of_report() == whole


@PROPERTIES
@given(lines=rows)
def test_channels_add_up_to_the_campaigns_plus_what_no_campaign_carries(app, lines) -> None:
    start_with_two_channels()
    results_import.import_results(csv_of(lines))
    built = report.build_report(planner.get_workspace())
    campaigns = {row.name: row.total for row in built.campaigns}
    assert set(campaigns) <= {"Winter", report.NO_CAMPAIGN}
    winter = [line for line in lines if line[2] == "winter"]
    others = [line for line in lines if line[2] != "winter"]  # none, or "spring": no campaign
    for column, index in (("visits", 3), ("leads", 4), ("customers", 5), ("revenue", 6)):
        by_channel = sum(getattr(row.total, column) for row in built.channels)
        by_campaign = sum(getattr(total, column) for total in campaigns.values())
        assert by_channel == by_campaign == sum(line[index] for line in lines)
        if winter:
            assert getattr(campaigns["Winter"], column) == sum(line[index] for line in winter)
        if others:
            no_campaign = campaigns[report.NO_CAMPAIGN]
            assert getattr(no_campaign, column) == sum(line[index] for line in others)


@given(
    st.integers(0, 10**9),
    st.integers(0, 10**6),
    st.decimals(0, 10**9, places=2),
    st.decimals(0, 1000, places=2),
    st.decimals(0, 1000, places=2),
)
def test_roi_without_a_cost_is_no_cost_never_a_division_error(
    visits: int, leads: int, revenue: Decimal, click: Decimal, lead: Decimal
) -> None:
    month = Figures(visits=visits, leads=leads, revenue=revenue)  # no time, no spend
    summary = summarise(month, Prices(Decimal(50), click, lead))
    assert summary.cost == 0 and summary.roi is None
    assert roi(Decimal(0), summary.gain) is None
    with_time = summarise(Figures(visits=visits, minutes=1), Prices(Decimal(0), click, lead))
    assert with_time.roi is None  # time at a rate of 0 costs nothing either
