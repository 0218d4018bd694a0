"""Results files from GA4, Plausible and our own format; ROI arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from calendar_app.domain.results_files import Period, ResultsFileError, read_results
from calendar_app.domain.roi import conversion, roi

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
TODAY = date(2026, 12, 1)  # after every day these files carry


def test_a_ga4_export_reads_its_period_from_the_comments_and_skips_the_total() -> None:
    read = read_results((SAMPLES / "ga4-traffic-acquisition.csv").read_bytes(), today=TODAY)
    assert read.kind == "ga4"
    assert len(read.rows) == 5
    first = read.rows[0]
    assert first.period == NOVEMBER
    assert (first.source, first.medium, first.campaign, first.content) == (
        "linkedin",
        "social",
        "linkedin-post",
        "5f3a9c1d2e4b",
    )
    assert (first.visits, first.leads, first.customers, first.revenue) == (
        412,
        9,
        2,
        Decimal("1160.00"),
    )
    assert read.rows[1].visits == 1204 and read.rows[1].content == ""
    direct = read.rows[4]
    assert (direct.source, direct.medium) == ("", "")


def test_a_plausible_export_with_semicolons_reads_one_day_per_row() -> None:
    read = read_results((SAMPLES / "plausible-utm.csv").read_bytes(), today=TODAY)
    assert read.kind == "plausible"
    assert [(r.period.start, r.source, r.visits, r.leads) for r in read.rows] == [
        (date(2026, 11, 2), "linkedin", 35, 0),
        (date(2026, 11, 2), "newsletter", 133, 0),
        (date(2026, 11, 3), "linkedin", 20, 0),
    ]


def test_our_own_format_with_a_bom_and_a_decimal_comma() -> None:
    raw = b"\xef\xbb\xbf" + (SAMPLES / "results.csv").read_bytes()
    read = read_results(raw, today=TODAY)
    assert read.kind == "simple"
    assert read.rows[0].revenue == Decimal("1160.00")
    assert read.rows[0].period == Period(date(2026, 11, 2), date(2026, 11, 2))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1234,5", "1234.50"),
        ("1 234", "1234.00"),
        ("1,234", "1234.00"),
        ("1.234.567", "1234567.00"),
        ("€ 12,99", "12.99"),
        ("0", "0.00"),
    ],
)
def test_amounts_with_decimal_commas_and_thousands_separators(text: str, amount: str) -> None:
    header = "date;utm_source;utm_medium;utm_campaign;utm_content;visits;leads;customers;revenue"
    raw = f'{header}\n2026-11-02;blog;blog;x;;1;0;0;"{text}"\n'
    assert read_results(raw, today=TODAY).rows[0].revenue == Decimal(amount)


def test_rows_with_the_same_tracking_values_and_day_are_added_up() -> None:
    raw = (
        "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
        "2026-11-02,LinkedIn,Social,Winter Post,,10,1,0,0\n"
        "2026-11-02,linkedin,social,winter-post,,5,1,1,99.5\n"
    )
    (row,) = read_results(raw, today=TODAY).rows
    assert (row.source, row.campaign, row.visits, row.leads, row.revenue) == (
        "linkedin",
        "winter-post",
        15,
        2,
        Decimal("99.50"),
    )


def test_a_file_without_dates_takes_the_period_given_with_it() -> None:
    raw = "utm_source,utm_medium,utm_campaign,utm_content,visitors,visits\nblog,blog,,,3,4\n"
    with pytest.raises(ResultsFileError, match="line 2: No date"):
        read_results(raw, today=TODAY)
    assert read_results(raw, NOVEMBER, today=TODAY).rows[0].period == NOVEMBER


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "no header row"),
        ("# only a comment\n", "no header row"),
        ("name,age\nann,3\n", "Unknown columns"),
        (
            "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
            "2026-11-02,blog,blog,x,,many,0,0,0\n",
            "line 2, column 'visits': 'many' is not a whole number.",
        ),
        (
            "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
            "2026-11-02,blog,blog,x,,1,0,0,0\n"
            "2026-02-30,blog,blog,x,,1,0,0,0\n",
            "line 3, column 'date': '2026-02-30' is not a date",
        ),
        (
            "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
            "2026-11-02,blog,blog,x,,1,0,0,-5\n",
            "line 2, column 'revenue': '-5' is not an amount.",
        ),
        (
            "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
            "2026-11-02,blog,blog,x,,1,0,0\n",
            "line 2: 8 values where the header has 9 columns.",
        ),
        (
            "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
            '2026-11-02,"blog,blog,x,,1,0,0,0\n',
            "not readable CSV",
        ),
        ("# Start date: 20261301\n# End date: 20261130\nSessions\n", "is not a date"),
        (b"\xff\xfe\x00\xd8broken", "not UTF-8"),
    ],
)
def test_a_malformed_file_is_rejected_naming_the_line_and_column(raw, message) -> None:
    with pytest.raises(ResultsFileError) as caught:
        read_results(raw, today=TODAY)
    assert message in str(caught.value)


def test_roi_and_conversion() -> None:
    assert roi(Decimal(700), Decimal(1160)) == Decimal("65.7")
    assert roi(Decimal(1000), Decimal(200)) == Decimal("-80.0")
    assert roi(Decimal(0), Decimal(50)) is None
    assert conversion(412, 9) == Decimal("2.2")
    assert conversion(0, 3) is None


def test_the_articles_fixed_case_cost_700_return_1160_is_65_7_percent() -> None:
    from calendar_app.domain.roi import Figures

    # 10 hours at 50 plus 200 of ads = 700; 1,000 revenue plus 160 visits at 1.00 = 1,160.
    figures = Figures(visits=160, leads=4, revenue=Decimal(1000), minutes=600, spend=Decimal(200))
    assert figures.cost(Decimal(50)) == Decimal("700.00")
    assert figures.gain(Decimal("1.00")) == Decimal("1160.00")
    assert figures.roi(Decimal(50), Decimal("1.00")) == Decimal("65.7")


def month(visits: int, leads: int, revenue: int, minutes: int) -> object:
    from calendar_app.domain.roi import Figures

    return Figures(visits=visits, leads=leads, revenue=Decimal(revenue), minutes=minutes)


@pytest.mark.parametrize(
    ("months", "action", "role", "reason"),
    [
        ([month(100, 1, 0, 60)] * 2, "wait", "lead generator", "2 months of results: not enough"),
        (
            [month(300, 1, 100, 600)] * 6,
            "drop",
            "traffic driver",
            "3 months, 900 visits, 3 leads, ROI −80.0 %: drop or cut to one post a week.",
        ),
        (
            [month(100, 5, 1000, 600)] * 3,
            "keep",
            "lead generator",
            "3 months, 300 visits, 15 leads, ROI +100.0 %: keep.",
        ),
        (
            [month(1000, 2, 300, 600)] * 3,
            "improve",
            "traffic driver",
            "ROI −40.0 %: improve: turn more visits into leads",
        ),
        ([month(10, 0, 0, 0)] * 4, "wait", "traffic driver", "no cost recorded"),
    ],
)
def test_keep_improve_or_drop_with_the_reason_in_words(months, action, role, reason) -> None:
    from calendar_app.domain.roi import Prices, verdict

    named = [(f"2026-{n:02d}", figures) for n, figures in enumerate(months, start=1)]
    judged = verdict(named, Prices(Decimal(50)))
    assert (judged.action, judged.role) == (action, role)
    assert reason in judged.reason


def test_every_wrong_line_and_cell_is_named_at_once() -> None:
    raw = (
        "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
        "2026-11-02,blog,blog,x,,12,1,0,5\n"
        "2026-11-03,blog,blog,x,,many,1,0,lots\n"
        "2026-13-04,blog,blog,x,,12,1,0,5\n"
        "2026-11-05,blog,blog\n"
        "2026-11-06,blog,blog,x,,3,-1,0,5\n"
    )
    with pytest.raises(ResultsFileError) as caught:
        read_results(raw, today=TODAY)
    assert caught.value.problems == [
        "line 3, column 'visits': 'many' is not a whole number.",
        "line 3, column 'revenue': 'lots' is not an amount.",
        "line 4, column 'date': '2026-13-04' is not a date like 2026-11-05.",
        "line 5: 3 values where the header has 9 columns.",
        "line 6, column 'leads': '-1' is not a whole number.",
    ]
    assert (caught.value.line, caught.value.column) == (3, "visits")


HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"


@pytest.mark.parametrize(
    ("figures", "problem"),
    [
        (
            "600000000,0,0,0",
            "line 3: visits of the rows for the same day and tracking values add up to more "
            "than 1,000,000,000.",
        ),
        (
            "0,0,600000000,0",
            "line 3: customers of the rows for the same day and tracking values add up to more "
            "than 1,000,000,000.",
        ),
        (
            "0,0,0,600000000000",
            "line 3: revenue of the rows for the same day and tracking values adds up to more "
            "than 999,999,999,999.99.",
        ),
    ],
)
def test_duplicate_rows_may_not_add_up_past_what_a_row_may_hold(figures, problem) -> None:
    row = f"2026-11-02,blog,blog,x,,{figures}\n"
    with pytest.raises(ResultsFileError) as caught:
        read_results(HEADER + row + row, today=TODAY)
    assert caught.value.problems == [problem]


def test_duplicate_rows_may_add_up_to_exactly_the_limit() -> None:
    first = "2026-11-02,blog,blog,x,,500000000,1,500000000,499999999999.99\n"
    second = "2026-11-02,blog,blog,x,,500000000,2,500000000,500000000000\n"
    (row,) = read_results(HEADER + first + second, today=TODAY).rows
    assert (row.visits, row.customers, row.revenue) == (10**9, 10**9, Decimal("999999999999.99"))


def test_a_ga4_export_whose_start_date_is_after_its_end_date_is_refused() -> None:
    raw = "# Start date: 20261130\n# End date: 20261101\nSession source / medium,Sessions\n"
    with pytest.raises(ResultsFileError, match=r"ends \(2026-11-01\) before it starts"):
        read_results(raw + "linkedin / social,3\n", today=TODAY)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "21000101"])
def test_days_outside_2000_to_2099_are_refused(day: str) -> None:
    with pytest.raises(ResultsFileError, match="is outside the years 2000 to 2099"):
        read_results(HEADER + f"{day},blog,blog,x,,1,0,0,0\n", today=TODAY)


@pytest.mark.parametrize("figure", ["\uff11\uff12", "1\u0660", "\u0661.50"])
def test_digits_of_other_scripts_are_not_amounts(figure: str) -> None:
    with pytest.raises(ResultsFileError, match="is not an amount"):
        read_results(HEADER + f"2026-11-02,blog,blog,x,,1,0,0,{figure}\n", today=TODAY)


def test_a_period_is_checked_like_the_dates_in_a_file() -> None:
    from calendar_app.domain.results_files import checked_period

    assert checked_period(date(2026, 11, 1), date(2026, 11, 30)) == Period(
        date(2026, 11, 1), date(2026, 11, 30)
    )
    with pytest.raises(ResultsFileError, match="ends .* before it starts"):
        checked_period(date(2026, 11, 30), date(2026, 11, 1))
    with pytest.raises(ResultsFileError, match="1999-12-31 is outside"):
        checked_period(date(1999, 12, 31), date(2026, 11, 1))


def test_a_period_given_with_a_file_counts_only_with_both_days_and_is_checked() -> None:
    from calendar_app.domain.results_files import given_period

    november = Period(date(2026, 11, 1), date(2026, 11, 30))
    assert given_period(date(2026, 11, 1), date(2026, 11, 30)) == november
    assert given_period(date(2026, 11, 1), None) is None
    assert given_period(None, date(2026, 11, 30)) is None
    with pytest.raises(ResultsFileError, match="ends .* before it starts"):
        given_period(date(2026, 11, 30), date(2026, 11, 1))
