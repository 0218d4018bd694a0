"""Awareness and community numbers: entered, imported all or nothing, listed, deleted, and
counted by goals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calendar_app.domain.metrics_csv import MetricsFileError
from calendar_app.extensions import db
from calendar_app.models import ChannelMetric, Goal
from calendar_app.services import metrics
from calendar_app.services.goals import goal_progress
from tests.factories import make_channel, make_workspace

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
TODAY = date(2026, 11, 23)  # the test clock's: Q4 2026 is October to December
HEADER = "channel,month,followers,reach,impressions,engagements,mentions"


@pytest.fixture
def channels(app):
    make_workspace()
    return make_channel("linkedin", name="LinkedIn"), make_channel("blog", name="Blog")


def stored() -> dict[tuple[str, str], dict[str, int | None]]:
    db.session.expire_all()
    return {
        (entry.channel.slug, f"{entry.month:%Y-%m}"): {
            name: getattr(entry, name)
            for name in ("followers", "reach", "impressions", "engagements", "mentions")
            if getattr(entry, name) is not None
        }
        for entry in db.session.scalars(select(ChannelMetric))
    }


def test_a_months_numbers_are_saved_with_empty_fields_unknown(channels) -> None:
    linkedin, _blog = channels
    entry, existed = metrics.save_metrics(
        linkedin, "2026-10", {"followers": "1,240", "reach": "", "mentions": "0"}
    )
    assert not existed
    assert (entry.followers, entry.reach, entry.mentions, entry.impressions) == (
        1240,
        None,
        0,
        None,
    )


def test_a_new_entry_for_a_month_with_numbers_keeps_those_it_leaves_empty(channels) -> None:
    linkedin, _blog = channels
    metrics.save_metrics(linkedin, "2026-10", {"followers": "1240", "reach": "9100"})
    _entry, existed = metrics.save_metrics(linkedin, "2026-10", {"mentions": "12", "reach": "9200"})
    assert existed
    assert stored() == {("linkedin", "2026-10"): {"followers": 1240, "reach": 9200, "mentions": 12}}


def test_editing_an_entry_sets_every_number_as_typed_an_empty_one_unknown(channels) -> None:
    linkedin, _blog = channels
    entry, _ = metrics.save_metrics(linkedin, "2026-10", {"followers": "1240", "reach": "9100"})
    metrics.update_metrics(entry, {"followers": "1250", "reach": ""})
    assert stored() == {("linkedin", "2026-10"): {"followers": 1250}}


@pytest.mark.parametrize(
    ("month", "values", "field", "message"),
    [
        ("2026-10", {"followers": "-5"}, "followers", "'-5' is negative"),
        ("2026-10", {"reach": "2.5"}, "reach", "'2.5' is not a whole number"),
        ("2026-12", {"reach": "5"}, "month", "2026-12 is in the future (this month is 2026-11)"),
        ("2026-13", {"reach": "5"}, "month", "'2026-13' is not a month like 2026-11"),
        ("", {"reach": "5"}, "month", "is not a month like 2026-11"),
        (
            "2026-10",
            {"mentions": "3", "positive_mentions": "2", "negative_mentions": "2"},
            "positive_mentions",
            "add up to more than the mentions (3)",
        ),
    ],
)
def test_wrong_numbers_are_refused_naming_the_field_and_change_nothing(
    channels, month, values, field, message
) -> None:
    linkedin, _blog = channels
    metrics.save_metrics(linkedin, "2026-10", {"mentions": "10"})
    with pytest.raises(metrics.MetricsError) as caught:
        metrics.save_metrics(linkedin, month, values)
    assert caught.value.field == field and message in caught.value.message
    assert stored() == {("linkedin", "2026-10"): {"mentions": 10}}


def test_a_month_needs_a_channel_and_a_number(channels) -> None:
    with pytest.raises(metrics.MetricsError, match="Choose a channel"):
        metrics.save_metrics(None, "2026-10", {"reach": "5"})
    with pytest.raises(metrics.MetricsError, match="Fill in at least one number"):
        metrics.save_metrics(channels[0], "2026-10", {"reach": "", "followers": "  "})
    assert stored() == {}


def test_positive_mentions_added_later_must_fit_the_mentions_stored(channels) -> None:
    linkedin, _blog = channels
    metrics.save_metrics(linkedin, "2026-10", {"mentions": "3"})
    with pytest.raises(metrics.MetricsError, match="more than the mentions"):
        metrics.save_metrics(linkedin, "2026-10", {"positive_mentions": "4"})
    metrics.save_metrics(linkedin, "2026-10", {"positive_mentions": "3"})  # still fits
    assert db.session.scalar(select(ChannelMetric.positive_mentions)) == 3


def test_importing_stores_every_month_and_says_how_many_replaced_stored_ones(channels) -> None:
    linkedin, _blog = channels
    make_channel("instagram", name="Instagram")
    metrics.save_metrics(linkedin, "2026-10", {"followers": "1200", "mentions": "7"})
    result = metrics.import_metrics((SAMPLES / "metrics.csv").read_bytes())
    assert result.text() == "Metrics file: 4 months stored, 1 replaced."
    months = stored()
    # The file's numbers replace the stored ones; a cell it leaves empty keeps them.
    assert months[("linkedin", "2026-10")] == {
        "followers": 1240,
        "reach": 9100,
        "impressions": 15800,
        "engagements": 455,
        "mentions": 12,
    }
    assert months[("blog", "2026-10")] == {"reach": 5400, "mentions": 3}
    again = metrics.import_metrics((SAMPLES / "metrics.csv").read_bytes())
    assert again.text() == "Metrics file: 4 months stored, 4 replaced."
    assert stored() == months


def test_a_file_with_one_bad_line_stores_nothing(channels) -> None:
    linkedin, _blog = channels
    metrics.save_metrics(linkedin, "2026-10", {"followers": "1200"})
    text = f"{HEADER}\nlinkedin,2026-10,1300,,,,\nblog,2026-09,-4,,,,\n"
    with pytest.raises(MetricsFileError, match="line 3, column 'followers': '-4' is negative"):
        metrics.import_metrics(text)
    assert stored() == {("linkedin", "2026-10"): {"followers": 1200}}


def test_a_line_whose_mentions_do_not_fit_the_stored_ones_stores_nothing(channels) -> None:
    linkedin, _blog = channels
    metrics.save_metrics(linkedin, "2026-10", {"mentions": "3"})
    text = "channel,month,reach,positive_mentions\nblog,2026-10,5,\nlinkedin,2026-10,,4\n"
    with pytest.raises(MetricsFileError, match="linkedin 2026-10: with the numbers stored, posit"):
        metrics.import_metrics(text)
    assert stored() == {("linkedin", "2026-10"): {"mentions": 3}}


def test_a_linkedin_export_is_stored_for_the_channel_chosen(channels) -> None:
    linkedin, _blog = channels
    metrics.save_metrics(linkedin, "2026-10", {"followers": "1200", "mentions": "7"})
    raw = (SAMPLES / "linkedin-content.csv").read_bytes()
    with pytest.raises(MetricsFileError, match="choose the channel"):
        metrics.import_metrics(raw)
    result = metrics.import_metrics(raw, linkedin)
    assert result.text() == "LinkedIn export: 2 months stored, 1 replaced."
    assert stored() == {
        ("linkedin", "2026-10"): {
            "followers": 1200,  # typed in the form: the export has no total, so it stays
            "mentions": 7,
            "reach": 1228,
            "impressions": 1877,
            "engagements": 117,
        },
        ("linkedin", "2026-11"): {"reach": 1280, "impressions": 1950, "engagements": 84},
    }


def test_metrics_are_listed_per_channel_by_name_newest_month_first(channels) -> None:
    linkedin, blog = channels
    for month in ("2026-09", "2026-11", "2026-10"):
        metrics.save_metrics(linkedin, month, {"reach": "1"})
    metrics.save_metrics(blog, "2026-10", {"reach": "1"})
    listed = metrics.metrics_by_channel()
    assert [(c.name, [f"{e.month:%Y-%m}" for e in es]) for c, es in listed] == [
        ("Blog", ["2026-10"]),
        ("LinkedIn", ["2026-11", "2026-10", "2026-09"]),
    ]


def test_deleting_an_entry_forgets_only_that_month(channels) -> None:
    linkedin, _blog = channels
    entry, _ = metrics.save_metrics(linkedin, "2026-10", {"reach": "1"})
    metrics.save_metrics(linkedin, "2026-11", {"reach": "2"})
    metrics.delete_metrics(entry)
    assert stored() == {("linkedin", "2026-11"): {"reach": 2}}


def goal(kind: str, metric: str, target: str, period: str = "quarter") -> Goal:
    made = Goal(kind=kind, metric=metric, target=Decimal(target), period=period)
    db.session.add(made)
    db.session.commit()
    return made


def test_goals_count_summed_numbers_over_the_period_and_followers_as_a_level(channels) -> None:
    linkedin, blog = channels
    # Two channels, three months: September lies outside Q4 (October to December).
    months = {
        (linkedin, "2026-09"): {"reach": "500", "followers": "900", "engagements": "40"},
        (linkedin, "2026-10"): {"reach": "1000", "followers": "1000", "engagements": "50"},
        (linkedin, "2026-11"): {"reach": "1500", "followers": "", "engagements": "70"},
        (blog, "2026-09"): {"reach": "300", "followers": "200"},
        (blog, "2026-10"): {"reach": "", "followers": "250", "mentions": "4"},
        (blog, "2026-11"): {"reach": "700", "followers": "300", "mentions": "6"},
    }
    for (channel, month), values in months.items():
        metrics.save_metrics(channel, month, values)
    goals = [
        goal("awareness", "reach", "10000"),
        goal("awareness", "followers", "2000"),
        goal("community", "engagements", "480"),
        goal("community", "mentions", "20", period="month"),
        goal("awareness", "impressions", "100"),
    ]
    progress = {p.goal.metric: p for p in goal_progress(goals, TODAY)}
    # Reach: 1000 + 1500 (LinkedIn) + 700 (the blog's October unknown) = 3200 of 10,000.
    assert (progress["reach"].actual, progress["reach"].percent) == (3200, 32)
    # Followers: LinkedIn's latest known month in Q4 is October (1000; November unknown),
    # the blog's November (300): 1300 of 2000. September's levels are not in the quarter.
    assert (progress["followers"].actual, progress["followers"].percent) == (1300, 65)
    # Engagements: 50 + 70 = 120 of 480.
    assert (progress["engagements"].actual, progress["engagements"].percent) == (120, 25)
    # Mentions this month (November): the blog's 6 of 20.
    assert (progress["mentions"].actual, progress["mentions"].percent) == (6, 30)
    assert progress["mentions"].period_label == "November 2026"
    # No impressions known anywhere: 0 so far.
    assert (progress["impressions"].actual, progress["impressions"].percent) == (0, 0)
    assert progress["reach"].label == "Awareness: 10,000 reach"
    assert progress["reach"].period_label == "Q4 2026"


def test_a_yearly_followers_goal_takes_each_channels_latest_month_of_the_year(channels) -> None:
    linkedin, blog = channels
    metrics.save_metrics(linkedin, "2026-01", {"followers": "100"})
    metrics.save_metrics(linkedin, "2026-06", {"followers": "400"})
    metrics.save_metrics(blog, "2025-12", {"followers": "999"})  # last year
    (progress,) = goal_progress([goal("awareness", "followers", "800", "year")], TODAY)
    assert (progress.actual, progress.percent) == (400, 50)


def test_a_goal_counts_only_numbers_of_its_kind_and_results_fit_every_kind(channels) -> None:
    from calendar_app.services import results

    results.add_goal({"kind": "community", "metric": "visits", "target": "5", "period": "month"})
    with pytest.raises(results.CostError) as caught:
        results.add_goal({"kind": "traffic", "metric": "reach", "target": "5", "period": "month"})
    assert caught.value.field == "metric"
    assert caught.value.message.startswith("A goal counting reach is about awareness")
    with pytest.raises(results.CostError, match="is about community"):
        results.add_goal(
            {"kind": "awareness", "metric": "mentions", "target": "5", "period": "month"}
        )
    results.add_goal({"kind": "awareness", "metric": "followers", "target": "5", "period": "year"})
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 2
