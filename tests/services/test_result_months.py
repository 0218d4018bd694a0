"""The Results page's monthly sums are always exactly what the imported rows say."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from calendar_app.extensions import db
from calendar_app.models import ResultMonth, ResultRecord
from calendar_app.services import backup, results_import
from tests.factories import make_channel
from tests.services.test_round_trips import csv_text


def stored_sums() -> dict[tuple, tuple]:
    """The kept sums, by month, channel and campaign."""
    sums: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, Decimal(0)])
    for row in db.session.scalars(select(ResultMonth)):
        total = sums[(row.month, row.channel_id, row.utm_campaign)]
        for i, value in enumerate((row.visits, row.leads, row.customers, row.revenue)):
            total[i] += value
    return {key: tuple(value) for key, value in sums.items()}


def live_sums() -> dict[tuple, tuple]:
    """The same sums made from the stored rows, in Python."""
    sums: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, Decimal(0)])
    for row in db.session.scalars(select(ResultRecord)):
        total = sums[(row.starts_on.replace(day=1), row.channel_id, row.utm_campaign)]
        for i, value in enumerate((row.visits, row.leads, row.customers, row.revenue)):
            total[i] += value
    return {key: tuple(value) for key, value in sums.items()}


days = st.integers(0, 120).map(lambda n: date(2026, 7, 1) + timedelta(days=n))  # before NOW
lines = st.tuples(
    days,
    st.sampled_from(["linkedin", "blog", "elsewhere"]),
    st.just("social"),
    st.sampled_from(["", "winter", "spring"]),
    st.sampled_from(["", "a", "b"]),
    st.integers(0, 10**6),
    st.integers(0, 100),
    st.integers(0, 10),
    st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(imports=st.lists(st.lists(lines, min_size=1, max_size=12), min_size=1, max_size=4))
def test_after_any_imports_the_kept_sums_are_the_rows_sums(app, imports) -> None:
    db.session.execute(delete(ResultRecord))
    db.session.execute(delete(ResultMonth))
    db.session.commit()
    for file in imports:
        results_import.import_results(csv_text(file))
        assert stored_sums() == live_sums()


def test_a_deleted_channel_and_a_restore_keep_the_sums_right(app) -> None:
    channel = make_channel("linkedin")
    make_channel("blog")
    file = [
        (date(2026, 10, 2), "linkedin", "social", "winter", "", 10, 1, 0, "5.00"),
        (date(2026, 10, 9), "blog", "social", "winter", "", 4, 0, 0, "0"),
        (date(2026, 11, 1), "linkedin", "social", "", "", 3, 0, 0, "0"),
    ]
    results_import.import_results(csv_text(file))
    assert stored_sums() == live_sums() and len(stored_sums()) == 3
    db.session.delete(channel)  # its results stay, matched to no channel
    db.session.commit()
    assert stored_sums() == live_sums()
    document = backup.export_backup()
    assert "result_month" not in document["tables"]  # derived: never backed up
    for table in reversed(backup.TABLES):
        db.session.execute(delete(table))
    db.session.execute(delete(ResultMonth))
    db.session.commit()
    backup.import_backup(backup.dumps(document))
    assert stored_sums() == live_sums() and len(stored_sums()) == 3


def test_an_import_around_a_month_leaves_that_months_sums_alone(app) -> None:
    october = [(date(2026, 10, 15), "blog", "social", "winter", "", 10, 1, 0, "5.00")]
    around = [
        (date(2026, 9, 30), "blog", "social", "winter", "", 1, 0, 0, "0"),
        (date(2026, 11, 1), "blog", "social", "winter", "", 2, 0, 0, "0"),
    ]
    results_import.import_results(csv_text(october))
    results_import.import_results(csv_text(around))
    assert stored_sums() == live_sums()
    assert stored_sums()[(date(2026, 10, 1), None, "winter")][0] == 10
