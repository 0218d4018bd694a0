"""Metrics files: our format and LinkedIn's Page export, read into numbers per channel and month."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.metric_values import METRICS, MetricMonth
from calendar_app.domain.metrics_csv import MetricsFileError
from calendar_app.domain.metrics_files import read_metrics

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
TODAY = date(2026, 11, 23)
CHANNELS = {"blog", "linkedin", "instagram"}
HEADER = "channel,month," + ",".join(METRICS)
LINKEDIN = (
    "Date,Impressions (organic),Impressions (total),Unique impressions (organic),"
    "Clicks (total),Reactions (total),Comments (total),Reposts (total),Engagement rate (total)"
)


def read(text: str | bytes, channel: str | None = None) -> list[MetricMonth]:
    return read_metrics(text, today=TODAY, channels=CHANNELS, channel=channel).months


def problems(text: str, channel: str | None = None) -> list[str]:
    with pytest.raises(MetricsFileError) as caught:
        read_metrics(text, today=TODAY, channels=CHANNELS, channel=channel)
    return caught.value.problems


def test_our_sample_reads_each_channel_and_month_with_unknowns_left_none() -> None:
    months = read((SAMPLES / "metrics.csv").read_bytes())
    assert [(m.channel, f"{m.month:%Y-%m}") for m in months] == [
        ("blog", "2026-10"),
        ("instagram", "2026-10"),
        ("linkedin", "2026-09"),
        ("linkedin", "2026-10"),
    ]
    blog, instagram = months[0], months[1]
    assert blog.followers is None and blog.reach == 5400 and blog.negative_mentions == 0
    assert instagram.numbers() == {
        "followers": 2310,
        "reach": None,
        "impressions": 22400,
        "engagements": 1310,
        "mentions": None,
        "positive_mentions": None,
        "negative_mentions": None,
    }


def test_only_channel_and_month_are_required_and_separators_and_semicolons_are_read() -> None:
    months = read('\ufeffmonth;channel;followers\n2026-11;blog;"1,234"\n2026-10;blog;1 500\n')
    assert [(m.month, m.followers, m.reach) for m in months] == [
        (date(2026, 10, 1), 1500, None),
        (date(2026, 11, 1), 1234, None),  # this month so far is accepted
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("blog,2026-11,-5,,,,,,", "line 2, column 'followers': '-5' is negative"),
        ("blog,2026-11,,2.5,,,,,", "line 2, column 'reach': '2.5' is not a whole number"),
        ("blog,2026-11,,,many,,,,", "line 2, column 'impressions': 'many' is not a whole"),
        ("blog,2026-11,,,,1000000001,,,", "column 'engagements': '1000000001' is more than"),
        ("blog,2026-13,,,,,,,", "line 2, column 'month': '2026-13' is not a month like 2026-11"),
        ("blog,2026-11-01,,,,,,,", "column 'month': '2026-11-01' is not a month like 2026-11"),
        ("blog,1999-12,,,,,,,", "column 'month': 1999-12 is outside the years 2000 to 2099"),
        ("blog,2026-12,,,,,,,", "column 'month': 2026-12 is in the future (this month is 2026"),
        ("tiktok,2026-11,,,,,,,", "column 'channel': 'tiktok' is not the slug of one of our"),
        (",2026-11,,,,,,,", "line 2, column 'channel': No channel"),
        ("blog,2026-11,,,,,10,6,5", "column 'positive_mentions': Positive and negative mentions"),
        ("blog,2026-11,1,2", "line 2: 4 values where the header has 9 columns."),
    ],
)
def test_a_wrong_cell_is_refused_naming_its_line_and_column(line: str, message: str) -> None:
    assert message in problems(f"{HEADER}\n{line}\n")[0]


def test_the_same_channel_and_month_twice_is_refused_naming_both_lines() -> None:
    found = problems(f"{HEADER}\nblog,2026-10,1,,,,,,\nblog,2026-11,,,,,,,\nblog,2026-10,2,,,,,,\n")
    assert found == ["line 4: blog 2026-10 is on line 2 too: give each channel and month once."]


def test_every_problem_of_a_file_is_named_at_once() -> None:
    found = problems(f"{HEADER}\nblog,2026-13,-1,,,,,,\ntiktok,2026-10,,x,,,,,\n")
    assert [p.split(":")[0] for p in found] == [
        "line 2, column 'month'",
        "line 2, column 'followers'",
        "line 3, column 'channel'",
        "line 3, column 'reach'",
    ]


def test_a_misspelt_column_is_refused_rather_than_dropped() -> None:
    assert problems("channel,month,folowers\nblog,2026-10,5\n") == [
        "line 1, column 'folowers': is not a column of the metrics file (channel, month, "
        "followers, reach, impressions, engagements, mentions, positive_mentions, "
        "negative_mentions)."
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty."),
        ("\n \n", "The file is empty."),
        (f"{HEADER}\n\n", "The file has a header but no lines under it"),
        (f"{LINKEDIN}\n", "The file has a header but no lines under it"),
        ("visits,leads\n1,2\n", "line 1: Unknown columns: expected our metrics file"),
        (b"\xff\xfe\x00\xd8", "not UTF-8 text"),
        ("channel,month,month\nblog,2026-10,2026-10\n", "A column name appears twice"),
    ],
)
def test_an_empty_file_or_one_of_neither_kind_is_refused(text: str | bytes, message: str) -> None:
    with pytest.raises(MetricsFileError) as caught:
        read_metrics(text, today=TODAY, channels=CHANNELS, channel="linkedin")
    assert message in str(caught.value)


def test_a_file_past_its_line_limit_is_refused_at_the_first_line_too_many(monkeypatch) -> None:
    from calendar_app.domain import metrics_csv

    monkeypatch.setattr(metrics_csv, "MAX_LINES", 2)
    lines = [f"blog,2026-0{m},,,,,,," for m in (7, 8, 9)]
    assert problems("\n".join(["# notes", HEADER, *lines])) == ["line 5: More than 2 lines."]
    found = problems("\n".join([HEADER, *lines]))
    assert found == ["line 4: More than 2 lines."]


def test_the_linkedin_sample_sums_its_days_per_month() -> None:
    read_file = read_metrics(
        (SAMPLES / "linkedin-content.csv").read_bytes(),
        today=TODAY,
        channels=CHANNELS,
        channel="linkedin",
    )
    assert read_file.kind == "linkedin" and read_file.notes == ()
    october, november = read_file.months
    # Worked out from the file: impressions (total), unique impressions (organic), and
    # clicks + reactions + comments + reposts (totals), day by day.
    assert (october.month, october.impressions, october.reach, october.engagements) == (
        date(2026, 10, 1),
        631 + 396 + 338 + 512,
        441 + 277 + 236 + 274,
        (17 + 23 + 18 + 21) + (4 + 4 + 16 + 4) + (0 + 4 + 0 + 4) + (2 + 0 + 0 + 0),
    )
    # 1 November took a comment back (-1): a day may be below 0, the month is not.
    assert (november.impressions, november.reach, november.engagements) == (
        648 + 706 + 596,
        369 + 494 + 417,
        (28 + 12 + 9) + (4 + 4 + 20) + (-1 + 4 + 0) + (2 + 0 + 2),
    )
    assert (november.channel, november.followers, november.mentions) == ("linkedin", None, None)


def test_a_linkedin_export_needs_its_channel_chosen() -> None:
    assert problems(f"{LINKEDIN}\n11/02/2026,5,5,4,1,1,1,1,0.8\n") == [
        "This is a LinkedIn export, which does not name its channel: choose the channel it is for."
    ]


def test_linkedins_followers_export_is_refused_for_it_gives_gains_not_the_total() -> None:
    followers = "Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers"
    found = problems(f"{followers}\n11/02/2026,0,3,0,3\n", channel="linkedin")
    assert "the followers gained each day, not the Page's total" in found[0]


def test_a_linkedin_export_without_clicks_leaves_engagements_unknown_and_says_so() -> None:
    text = "Date,Impressions (total),Reactions (total),Comments,Reposts,Total followers\n"
    read_file = read_metrics(
        text + "2026-11-02,10,1,1,1,4\n", today=TODAY, channels=CHANNELS, channel="linkedin"
    )
    (month,) = read_file.months
    assert (month.impressions, month.engagements, month.reach) == (10, None, None)
    assert any("'Total followers' counts the followers gained" in n for n in read_file.notes)
    assert any("no clicks column" in n for n in read_file.notes)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("11/24/2026,5,5,4,1,1,1,1,0", "line 2, column 'Date': 2026-11-24 is in the future"),
        ("24/11/2026,5,5,4,1,1,1,1,0", "column 'Date': '24/11/2026' is not a date like"),
        ("11/02/2026,-5,-5,4,1,1,1,1,0", "column 'Impressions (total)': '-5' is negative"),
        ("11/02/2026,5,5,4.5,1,1,1,1,0", "column 'Unique impressions (organic)': '4.5' is not"),
        ("11/02/2026,5,5,4,1,-5,1,1,0", "The engagements of 2026-11 add up to -2, less than 0"),
    ],
)
def test_a_wrong_linkedin_line_is_refused_naming_its_line_and_column(
    line: str, message: str
) -> None:
    assert message in problems(f"{LINKEDIN}\n{line}\n", channel="linkedin")[0]


def test_a_linkedin_day_given_twice_is_refused() -> None:
    found = problems(
        f"{LINKEDIN}\n11/02/2026,5,5,4,1,1,1,1,0\n2026-11-02,5,5,4,1,1,1,1,0\n", channel="linkedin"
    )
    assert found == ["line 3: 2026-11-02 is on line 2 too: give each day once."]


counts = st.one_of(st.none(), st.integers(0, 10**9))
months = st.dates(date(2000, 1, 1), TODAY).map(lambda d: d.replace(day=1))
metric_months = st.builds(
    lambda channel, month, numbers: MetricMonth(
        channel, month, **dict(zip(METRICS, numbers, strict=True))
    ),
    st.sampled_from(sorted(CHANNELS)),
    months,
    st.tuples(*(counts for _ in METRICS)),
).filter(
    lambda m: (
        m.mentions is None or (m.positive_mentions or 0) + (m.negative_mentions or 0) <= m.mentions
    )
)


def our_csv(rows: list[MetricMonth], columns: list[str], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["channel", "month", *columns])
    for row in rows:
        numbers = row.numbers()
        writer.writerow(
            [
                row.channel,
                f"{row.month:%Y-%m}",
                *("" if numbers[c] is None else numbers[c] for c in columns),
            ]
        )
    return out.getvalue()


@given(
    st.lists(metric_months, min_size=1, max_size=12, unique_by=lambda m: (m.channel, m.month)),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_valid_months_written_out_read_back_equal(
    rows: list[MetricMonth], delimiter: str
) -> None:
    read_back = read(our_csv(rows, list(METRICS), delimiter))
    assert read_back == sorted(rows, key=lambda m: (m.channel, m.month))


@given(
    st.lists(metric_months, min_size=1, max_size=6, unique_by=lambda m: (m.channel, m.month)),
    st.sets(st.sampled_from(METRICS)),
)
def test_a_column_left_out_reads_back_unknown(rows: list[MetricMonth], left_out: set[str]) -> None:
    kept = [name for name in METRICS if name not in left_out]
    unknown = dict.fromkeys(left_out)
    expected = sorted(
        (MetricMonth(m.channel, m.month, **(m.numbers() | unknown)) for m in rows),
        key=lambda m: (m.channel, m.month),
    )
    assert read(our_csv(rows, kept)) == expected


daily = st.tuples(
    st.integers(0, 5000),  # impressions
    st.integers(0, 3000),  # unique impressions
    st.integers(0, 50),  # clicks
    st.integers(0, 50),  # reactions
    st.integers(-2, 20),  # comments: one may be taken back
    st.integers(0, 5),  # reposts
)


@given(
    st.dictionaries(st.dates(TODAY - timedelta(days=120), TODAY), daily, min_size=1, max_size=40),
    st.randoms(use_true_random=False),
)
def test_linkedin_days_in_any_order_give_the_same_months(days: dict, random) -> None:
    lines = [
        f"{day:%m/%d/%Y},{i},{i},{u},{c},{r},{m},{p},0" for day, (i, u, c, r, m, p) in days.items()
    ]
    shuffled = lines[:]
    random.shuffle(shuffled)
    try:
        first = read("\n".join([LINKEDIN, *lines]), channel="linkedin")
    except MetricsFileError as exc:  # a month whose comments taken back outweigh the rest
        assert "less than 0" in str(exc)
        return
    assert read("\n".join([LINKEDIN, *shuffled]), channel="linkedin") == first
    assert sum(m.impressions for m in first) == sum(i for i, *_ in days.values())
    assert {m.month for m in first} == {day.replace(day=1) for day in days}
