"""Results files: the columns, encodings, odd rows and limits a user's exports run into."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from unittest.mock import patch

import pytest

from calendar_app.domain import results_files
from calendar_app.domain.results_files import Period, ResultRow, ResultsFileError, read_results

OURS = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
TODAY = date(2026, 12, 1)  # after every day these files carry


def one_row(raw: str | bytes, period: Period | None = None):
    (row,) = read_results(raw, period, today=TODAY).rows
    return row


def error_of(raw: str | bytes, period: Period | None = None) -> ResultsFileError:
    with pytest.raises(ResultsFileError) as caught:
        read_results(raw, period, today=TODAY)
    return caught.value


def test_the_medium_is_read_from_our_own_rows() -> None:
    row = one_row(OURS + "2026-11-02,blog,Email,x,,1,0,0,0\n")
    assert (row.source, row.medium) == ("blog", "email")


def test_the_medium_is_read_from_plausible_rows() -> None:
    raw = "date,utm_source,utm_medium,utm_campaign,visits\n2026-11-02,newsletter,Email,nov,5\n"
    read = read_results(raw, today=TODAY)
    assert read.kind == "plausible"
    assert (read.rows[0].source, read.rows[0].medium) == ("newsletter", "email")


def test_a_ga4_date_column_of_eight_digits_gives_each_row_its_day() -> None:
    raw = (
        "# Start date: 20261101\n# End date: 20261130\n"
        "Date,Session source / medium,Sessions\n"
        "20261105,linkedin / social,3\n"
        "20261130,linkedin / social,4\n"
    )
    read = read_results(raw, today=TODAY)
    assert read.kind == "ga4"
    assert [(r.period, r.visits) for r in read.rows] == [
        (Period(date(2026, 11, 5), date(2026, 11, 5)), 3),
        (Period(date(2026, 11, 30), date(2026, 11, 30)), 4),
    ]


@pytest.mark.parametrize("blank", ["", ",,,,,,,,", "   "])
def test_a_blank_row_in_the_middle_is_skipped_and_later_lines_keep_their_numbers(
    blank: str,
) -> None:
    rows = (
        OURS + "2026-11-02,blog,blog,x,,1,0,0,0\n" + blank + "\n2026-11-03,blog,blog,x,,2,0,0,0\n"
    )
    assert [r.visits for r in read_results(rows, today=TODAY).rows] == [1, 2]
    broken = (
        OURS + "2026-11-02,blog,blog,x,,1,0,0,0\n" + blank + "\n2026-11-03,blog,blog,x,,?,0,0,0\n"
    )
    assert str(error_of(broken)).startswith("line 4, column 'visits':")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_export_reads_like_utf8(encoding: str) -> None:
    text = OURS + "2026-11-02,Straße,blog,x,,1,0,0,5\n"
    row = one_row(text.encode(encoding))
    assert (row.source, row.visits, row.revenue) == ("strasse", 1, Decimal("5.00"))


@pytest.mark.parametrize("source", ["bl\x00og", "bl\x00ogs"])  # an even and an odd length
def test_a_file_with_nul_bytes_is_refused(source: str) -> None:
    error_of((OURS + f"2026-11-02,{source},blog,x,,1,0,0,5\n").encode())


def test_a_file_with_nul_bytes_is_refused_as_not_text_whatever_its_length() -> None:
    raw = (OURS + "2026-11-02,bl\x00og,blog,x,,1,0,0,5\n").encode()
    assert len(raw) % 2 == 0
    assert "not UTF-8 text" in str(error_of(raw))


@pytest.mark.parametrize("label", ["Total", "Totals", "Grand total", " TOTAL "])
def test_a_totals_row_is_not_counted_again(label: str) -> None:
    raw = (
        "Session source / medium,Sessions,Key events\n"
        "linkedin / social,3,1\n"
        f"{label},3,1\n"
        "blog / blog,4,0\n"
    )
    read = read_results(raw, NOVEMBER, today=TODAY)
    assert [(r.source, r.visits) for r in read.rows] == [("linkedin", 3), ("blog", 4)]


@pytest.mark.parametrize(
    "header",
    ["date,utm_source,visits,visits", "date,utm_source,,visits,", "Date,date,utm_source,visits"],
)
def test_a_header_naming_a_column_twice_is_refused(header: str) -> None:
    assert str(error_of(header + "\n")) == "A column name appears twice in the header."


def test_a_header_of_empty_names_is_refused() -> None:
    assert str(error_of(",,,\n1,2,3\n")) == "line 1: The header row is empty."


def test_an_empty_header_after_comment_lines_is_reported_on_its_own_line() -> None:
    assert str(error_of("# Start date: 20261101\n# End date: 20261130\n,,,\n")).startswith(
        "line 3:"
    )


def test_ga4_transactions_count_as_customers() -> None:
    raw = "Session source / medium,Sessions,Conversions,Transactions,Purchase revenue\n"
    row = one_row(raw + "linkedin / social,30,4,2,99.5\n", NOVEMBER)
    assert (row.visits, row.leads, row.customers, row.revenue) == (30, 4, 2, Decimal("99.50"))


def test_plausible_goal_conversions_count_as_leads() -> None:
    row = one_row("date,utm_source,visits,goal conversions\n2026-11-05,blog,12,3\n")
    assert (row.visits, row.leads) == (12, 3)


def test_a_plausible_source_column_gives_the_source() -> None:
    raw = "date,source,visits\n2026-11-05,LinkedIn,12\n"
    read = read_results(raw, today=TODAY)
    assert read.kind == "plausible"
    assert (read.rows[0].source, read.rows[0].visits) == ("linkedin", 12)


@pytest.mark.parametrize(("text", "amount"), [("1.234", "1234.00"), ("1.23", "1.23")])
def test_one_dot_before_three_digits_is_a_thousands_separator(text: str, amount: str) -> None:
    assert one_row(OURS + f"2026-11-02,blog,blog,x,,1,0,0,{text}\n").revenue == Decimal(amount)


def test_empty_figures_count_as_zero() -> None:
    row = one_row(OURS + "2026-11-02,blog,blog,x,,,,,\n")
    assert (row.visits, row.leads, row.customers, row.revenue) == (0, 0, 0, Decimal("0.00"))


def test_the_largest_count_and_revenue_are_accepted() -> None:
    # The largest revenue a NUMERIC(14, 2) column holds, so that backups restore it too.
    row = one_row(OURS + "2026-11-02,blog,blog,x,,1000000000,0,0,999999999999.99\n")
    assert (row.visits, row.revenue) == (10**9, Decimal("999999999999.99"))


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ("1000000001,0,0,0", "line 2, column 'visits': '1000000001' is too large."),
        (
            "1,0,0,1000000000000",
            "line 2, column 'revenue': '1000000000000' is too large (at most 999,999,999,999.99).",
        ),
        (
            "1,0,0,999999999999.999",  # rounds to a trillion
            "line 2, column 'revenue': '999999999999.999' is too large "
            "(at most 999,999,999,999.99).",
        ),
    ],
)
def test_one_more_than_the_largest_count_or_revenue_is_refused(figures: str, message) -> None:
    assert str(error_of(OURS + f"2026-11-02,blog,blog,x,,{figures}\n")) == message


def test_merged_duplicate_rows_add_up_every_figure() -> None:
    row = one_row(OURS + "2026-11-02,blog,blog,x,,10,1,2,100\n2026-11-02,Blog,Blog,X,,5,3,4,0.5\n")
    assert (row.visits, row.leads, row.customers, row.revenue) == (15, 4, 6, Decimal("100.50"))


@pytest.mark.parametrize(
    ("raw", "message", "line", "column"),
    [
        (
            OURS + "2026-11-02,blog,blog,x,,1,0,many,0\n",
            "line 2, column 'customers': 'many' is not a whole number.",
            2,
            "customers",
        ),
        (
            OURS + "2026-11-02,blog,blog,x,,1,0,0,0\n2026-11-02,blog,blog,x,,1,0,0\n",
            "line 3: 8 values where the header has 9 columns.",
            3,
            None,
        ),
        ("# nothing but a comment\n", "The file has no header row.", None, None),
    ],
)
def test_errors_start_with_line_and_column_exactly(raw, message, line, column) -> None:
    error = error_of(raw)
    assert str(error) == message
    assert (error.line, error.column) == (line, column)


def test_merged_duplicate_rows_keep_their_day_and_tracking_values() -> None:
    raw = OURS + "2026-11-02,blog,Email,x,Hero,10,1,2,100\n2026-11-02,Blog,email,X,hero,5,3,4,0.5\n"
    assert one_row(raw) == ResultRow(
        period=Period(date(2026, 11, 2), date(2026, 11, 2)),
        source="blog",
        medium="email",
        campaign="x",
        content="hero",
        visits=15,
        leads=4,
        customers=6,
        revenue=Decimal("100.50"),
    )


def rows_on_different_days(count: int) -> str:
    first = date(2023, 1, 1)  # 1,001 days later is still before TODAY
    return "".join(f"{first + timedelta(days=n)},blog,blog,x,,1,0,0,0\n" for n in range(count))


def test_a_file_of_more_rows_than_the_limit_is_refused_at_the_first_row_past_it() -> None:
    with patch.object(results_files, "MAX_ROWS", 1000):
        assert len(read_results(OURS + rows_on_different_days(1000), today=TODAY).rows) == 1000
        error = error_of(OURS + rows_on_different_days(1001))
    assert str(error) == "line 1002: More than 1,000 rows."
    assert error.line == 1002


def test_rows_that_merge_into_one_do_not_count_against_the_row_limit() -> None:
    same_row = "2026-11-02,blog,blog,x,,1,0,0,0\n"
    with patch.object(results_files, "MAX_ROWS", 2):
        (row,) = read_results(OURS + same_row * 5, today=TODAY).rows
    assert row.visits == 5


def test_unreadable_csv_is_reported_on_its_line() -> None:
    raw = OURS + '2026-11-02,blog,blog,x,,1,0,0,0\n2026-11-03,blog,blog,"x"y,,1,0,0,0\n'
    error = error_of(raw)
    assert str(error) == "line 3: This is not readable CSV (',' expected after '\"')."
    assert error.line == 3


def test_unreadable_csv_below_comment_lines_is_reported_on_its_line_in_the_file() -> None:
    raw = (
        "# Start date: 20261101\n# End date: 20261130\n"
        'Session source / medium,Sessions\nblog / blog,1\n"blog" / x,2\n'
    )
    assert error_of(raw).line == 5


@pytest.mark.parametrize("raw", ["\n\n" + OURS, b"\n\n" + OURS.encode(), "\r\n \r\n" + OURS])
def test_blank_lines_above_the_header_still_count_in_line_numbers(raw: str | bytes) -> None:
    bad_row = "2026-11-02,blog,blog,x,,lots,0,0,0\n"
    error = error_of(raw + (bad_row.encode() if isinstance(raw, bytes) else bad_row))
    assert str(error) == "line 4, column 'visits': 'lots' is not a whole number."


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeff" + OURS,
        "\ufeff\ufeff" + OURS,
        ("\ufeff" + OURS).encode(),
        ("\ufeff\ufeff" + OURS).encode(),
        b"\xfe\xff" + OURS.encode("utf-16-be"),
        OURS.encode("utf-16-be"),
    ],
    ids=["text", "text-two-marks", "utf8", "utf8-two-marks", "utf16be", "utf16be-no-mark"],
)
def test_byte_order_marks_and_big_endian_utf16_read_like_plain_utf8(raw: str | bytes) -> None:
    row_text = "2026-11-02,Straße,blog,x,,1,0,0,5\n"
    if isinstance(raw, bytes):
        utf16 = raw.startswith(b"\xfe\xff") or raw[:1] == b"\x00"
        row_bytes = row_text.encode("utf-16-be" if utf16 else "utf-8")
        row = one_row(raw + row_bytes)
    else:
        row = one_row(raw + row_text)
    assert (row.source, row.visits, row.revenue) == ("strasse", 1, Decimal("5.00"))


def test_a_latin1_export_is_refused_with_a_hint() -> None:
    raw = (OURS + "2026-11-02,caf\xe9,blog,x,,1,0,0,5\n").encode("latin-1")
    assert str(error_of(raw)) == "The file is not UTF-8 text (export it as CSV)."


def test_a_tab_separated_export_is_read() -> None:
    raw = OURS.replace(",", "\t") + "2026-11-02\tblog\tblog\tx\t\t7\t1\t0\t1,5\n"
    row = one_row(raw)
    assert (row.visits, row.leads, row.revenue) == (7, 1, Decimal("1.50"))


@pytest.mark.parametrize(
    "raw",
    [
        OURS.rstrip("\n") + ",notes; misc\n2026-11-02,blog,blog,x,,3,0,0,1.5,fine; thanks\n",
        OURS.replace(",", ";").rstrip("\n")
        + ";notes, misc\n2026-11-02;blog;blog;x;;3;0;0;1,5;fine, thanks\n",
    ],
    ids=["commas", "semicolons"],
)
def test_the_mark_that_separates_most_header_names_separates_the_columns(raw: str) -> None:
    row = one_row(raw)
    assert (row.source, row.visits, row.revenue) == ("blog", 3, Decimal("1.50"))


def test_a_one_column_file_is_refused_naming_the_columns_expected() -> None:
    assert str(error_of("visits\n12\n")) == (
        "Unknown columns: expected a GA4 export (Session source / medium, Sessions…), "
        "a Plausible export (utm_source, visits…) or date, utm_source, utm_medium, "
        "utm_campaign, utm_content, visits, leads, customers, revenue."
    )


def test_a_ga4_start_date_without_an_end_date_leaves_the_period_to_the_upload() -> None:
    raw = "# Start date: 20261101\nSession source / medium,Sessions\nblog / blog,3\n"
    assert one_row(raw, NOVEMBER).period == NOVEMBER
    assert str(error_of(raw)) == (
        "line 3: No date: add a date column, or give the period the report covers."
    )


def test_a_medium_with_a_slash_in_it_keeps_it() -> None:
    raw = "Session source / medium,Sessions\nnewsletter / email/weekly,3\n"
    row = one_row(raw, NOVEMBER)
    assert (row.source, row.medium) == ("newsletter", "email-weekly")
