"""Importing analytics exports on the Results page and with the CLI: matched, idempotent, safe."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ResultRecord, ScheduleItem
from calendar_app.services import planner, results_import
from tests.factories import make_channel, make_rule
from tests.services.test_backup import but_the_restore

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
CONTENT = "5f3a9c1d2e4b"


@pytest.fixture
def channels(logged_in):
    """LinkedIn (linkedin/social) with a post whose link carries CONTENT, and the blog."""
    linkedin = make_channel("linkedin", name="LinkedIn")
    make_channel("blog", name="Blog", utm_medium="blog")
    make_rule(linkedin, rrule="FREQ=WEEKLY;BYDAY=MO")
    planner.keep_planned_ahead(app_now())
    item = db.session.scalars(select(ScheduleItem)).first()
    item.uid = CONTENT + "0" * 20
    db.session.commit()
    return item


def upload(client, name: str, **fields: str):
    data = {"file": (io.BytesIO((SAMPLES / name).read_bytes()), name), **fields}
    return client.post(
        "/results/", data=data, content_type="multipart/form-data", follow_redirects=True
    )


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(ResultRecord))


def test_a_ga4_export_is_matched_to_posts_and_channels_and_summed(logged_in, channels) -> None:
    page = upload(logged_in, "ga4-traffic-acquisition.csv").get_data(as_text=True)
    assert (
        "Google Analytics 4 file: 5 rows added, 0 updated, 0 unchanged; 1 matched a post or "
        "video, 2 a channel, 2 nothing (listed below)." in page
    )
    by_content = db.session.scalar(select(ResultRecord).where(ResultRecord.utm_content == CONTENT))
    assert by_content.item_id == channels.id and by_content.channel_id == channels.channel_id
    assert "1,616" in page and "1,640.50" in page  # LinkedIn's two rows in November
    assert "Not matched" in page and "google / organic" in page


def test_importing_the_same_file_twice_changes_nothing(logged_in, channels) -> None:
    upload(logged_in, "ga4-traffic-acquisition.csv")
    again = upload(logged_in, "ga4-traffic-acquisition.csv").get_data(as_text=True)
    assert "0 rows added, 0 updated, 5 unchanged" in again
    assert count() == 5


def test_a_corrected_export_replaces_the_figures_instead_of_adding(logged_in, channels) -> None:
    header = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"
    for visits in (10, 12):
        raw = f"{header}\n2026-11-02,blog,blog,x,,{visits},1,0,0\n".encode()
        logged_in.post(
            "/results/",
            data={"file": (io.BytesIO(raw), "r.csv")},
            content_type="multipart/form-data",
        )
    assert db.session.scalar(select(ResultRecord.visits)) == 12 and count() == 1


def test_a_plausible_file_without_dates_takes_the_period_from_the_form(logged_in, channels) -> None:
    raw = b"utm_source,utm_medium,utm_campaign,utm_content,visitors,visits\nblog,blog,,,3,4\n"
    missing = logged_in.post(
        "/results/",
        data={"file": (io.BytesIO(raw), "p.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Nothing was imported: line 2: No date" in missing and count() == 0
    logged_in.post(
        "/results/",
        data={
            "file": (io.BytesIO(raw), "p.csv"),
            "starts_on": "2026-11-01",
            "ends_on": "2026-11-30",
        },
        content_type="multipart/form-data",
    )
    record = db.session.scalar(select(ResultRecord))
    assert (str(record.starts_on), str(record.ends_on), record.visits) == (
        "2026-11-01",
        "2026-11-30",
        4,
    )


def test_a_malformed_upload_names_line_and_column_and_stores_nothing(logged_in, channels) -> None:
    raw = (SAMPLES / "results.csv").read_text().replace("210", "lots").encode()
    page = logged_in.post(
        "/results/",
        data={"file": (io.BytesIO(raw), "r.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Nothing was imported: line 3, column &#39;visits&#39;: &#39;lots&#39;" in page
    assert count() == 0


def test_the_cli_imports_idempotently_and_refuses_bad_files_in_one_line(
    runner, channels, tmp_path
) -> None:
    path = str(SAMPLES / "plausible-utm.csv")
    first = runner.invoke(args=["results", "import", path])
    assert first.exit_code == 0, first.output
    assert "Plausible file: 3 rows added" in first.output
    assert (
        "0 rows added, 0 updated, 3 unchanged"
        in runner.invoke(args=["results", "import", path]).output
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("name,age\nann,3\n")
    result = runner.invoke(args=["results", "import", str(bad)])
    assert result.exit_code == 1 and "Unknown columns" in result.output
    assert "Traceback" not in result.output
    assert count() == 3


def test_results_outlive_the_post_they_were_matched_to(logged_in, channels) -> None:
    upload(logged_in, "ga4-traffic-acquisition.csv")
    db.session.delete(db.session.get(ScheduleItem, channels.id))
    db.session.commit()
    record = db.session.scalar(select(ResultRecord).where(ResultRecord.utm_content == CONTENT))
    assert record.item_id is None and record.revenue == Decimal("1160.00")
    assert logged_in.get("/results/").status_code == 200


def test_results_are_in_backups_and_restore_exactly(
    logged_in, channels, runner, tmp_path, fresh_app
):
    import json

    upload(logged_in, "ga4-traffic-acquisition.csv")
    logged_in.post(
        "/results/rates", data={"hourly_rate": "45.50", "lead_value": "30", "lead-1": "12.50"}
    )
    logged_in.post(
        "/results/spend",
        data={"channel_id": "1", "month": "2026-11", "amount": "200", "hours": "7.5"},
    )
    logged_in.post(
        "/results/goals",
        data={"kind": "sales", "metric": "revenue", "target": "5000", "period": "quarter"},
    )
    first = tmp_path / "first.json"
    assert runner.invoke(args=["backup", "export", str(first)]).exit_code == 0
    rows = json.loads(first.read_text())["tables"]["result_record"]
    assert len(rows) == 5 and {r["revenue"] for r in rows} >= {"1160.00", "480.50"}
    tables = json.loads(first.read_text())["tables"]
    assert tables["channel_spend"][0]["amount"] == "200.00"
    assert tables["goal"][0]["period"] == "quarter"
    assert tables["workspace"][0]["hourly_rate"] == "45.50"
    assert tables["workspace"][0]["lead_value"] == "30.00"
    assert tables["channel"][0]["lead_value"] == "12.50"
    assert tables["channel_spend"][0]["hours"] == "7.5"
    fresh = fresh_app()
    with fresh.app_context():
        restore = fresh.test_cli_runner()
        assert restore.invoke(args=["backup", "import", str(first)]).exit_code == 0
        second = tmp_path / "second.json"
        restore.invoke(args=["backup", "export", str(second)])
        assert but_the_restore(second.read_text()) == json.loads(first.read_text())
        assert {
            row["source"] for row in json.loads(second.read_text())["tables"]["result_record"]
        } == {"ga4"}
        broken = json.loads(first.read_text())
        broken["tables"]["result_record"][1]["source"] = "matomo"
        broken["tables"]["result_record"][0]["revenue"] = "lots"
        first.write_text(json.dumps(broken))
    other = fresh_app()
    with other.app_context():
        result = other.test_cli_runner().invoke(args=["backup", "import", str(first)])
        assert result.exit_code == 1 and "tables.result_record[0].revenue" in result.output
        assert "tables.result_record[1].source: 'matomo' is not one of" in result.output


def test_results_files_may_be_larger_than_forms(logged_in, channels) -> None:
    header = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"
    line = "2026-11-02,blog,blog,x,,1,0,0,0\n"
    raw = (header + "\n" + line * 100_000).encode()  # 3.2 MB, one row repeated
    page = logged_in.post(
        "/results/",
        data={"file": (io.BytesIO(raw), "big.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "results file: 1 rows added" in page
    assert count() == 1 and db.session.scalar(select(ResultRecord.visits)) == 100_000


def test_an_upload_with_several_mistakes_lists_each_under_the_file_field(
    logged_in, channels
) -> None:
    raw = (SAMPLES / "results.csv").read_text().replace("35", "x").replace("210", "lots")
    page = logged_in.post(
        "/results/",
        data={"file": (io.BytesIO(raw.encode()), "r.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    errors = re.findall(r'<p class="error" role="alert">([^<]*)</p>', page)
    assert errors == [
        "Nothing was imported: line 2, column &#39;visits&#39;: &#39;x&#39; is not a whole number.",
        "line 3, column &#39;visits&#39;: &#39;lots&#39; is not a whole number.",
    ]
    assert count() == 0


HEADER = "date,source,medium,campaign,content,visits,leads,customers,revenue"


def daily_visits(*visits: int) -> str:
    """A results file: one LinkedIn row per October day, with these visits."""
    rows = [f"2026-10-{day:02d},linkedin,social,x,,{n},0,0,0" for day, n in enumerate(visits, 1)]
    return "\n".join([HEADER, *rows]) + "\n"


def stored_visits() -> list[int]:
    db.session.rollback()
    query = select(ResultRecord.visits).order_by(ResultRecord.starts_on)
    return list(db.session.scalars(query))


def summed_visits() -> int:
    from calendar_app.models import ResultMonth

    return db.session.scalar(select(func.coalesce(func.sum(ResultMonth.visits), 0)))


def test_two_files_imported_at_the_same_moment_are_never_mixed(app, monkeypatch) -> None:
    from calendar_app.services import results_import

    results_import.import_results(daily_visits(10, 10))
    real = results_import._write

    def someone_else_imports_first(chunk, seen, replaced):
        monkeypatch.setattr(results_import, "_write", real)
        results_import.import_results(daily_visits(30, 30))  # the corrected export, meanwhile
        real(chunk, seen, replaced)

    monkeypatch.setattr(results_import, "_write", someone_else_imports_first)
    with pytest.raises(results_import.ImportStopped, match="another import wrote results"):
        results_import.import_results(daily_visits(10, 20))  # read before the other one wrote
    assert stored_visits() == [30, 30]  # the other file whole, not a mixture
    assert summed_visits() == 60


def failing_second_chunk(monkeypatch) -> None:
    from sqlalchemy.exc import OperationalError

    from calendar_app.services import results_import

    monkeypatch.setattr(results_import, "CHUNK_ROWS", 4)
    real, calls = results_import._write, []

    def write(chunk, seen, replaced):
        calls.append(1)
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        real(chunk, seen, replaced)

    monkeypatch.setattr(results_import, "_write", write)


def test_an_import_that_stops_half_way_says_what_it_stored_and_finishes_when_run_again(
    app, monkeypatch
) -> None:
    from calendar_app.services import results_import

    failing_second_chunk(monkeypatch)
    ten_days = daily_visits(*range(1, 11))
    with pytest.raises(results_import.ImportStopped) as stopped:
        results_import.import_results(ten_days)
    assert str(stopped.value) == (
        "The import stopped (OperationalError); 4 of its 10 new or changed rows were stored. "
        "Import the same file again to finish: rows already stored are never counted twice."
    )
    assert stored_visits() == [1, 2, 3, 4] and summed_visits() == 10  # sums match the rows
    monkeypatch.undo()
    summary = results_import.import_results(ten_days)
    assert (summary.added, summary.unchanged) == (6, 4)
    assert stored_visits() == list(range(1, 11)) and summed_visits() == 55


def test_an_import_that_fails_at_its_first_chunk_raises_the_error_itself(app, monkeypatch) -> None:
    from sqlalchemy.exc import OperationalError

    from calendar_app.services import results_import

    def write(chunk, seen, replaced):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(results_import, "_write", write)
    with pytest.raises(OperationalError):
        results_import.import_results(daily_visits(1, 2))
    assert stored_visits() == []


def test_the_command_tells_what_a_stopped_import_stored(app, runner, tmp_path, monkeypatch) -> None:
    failing_second_chunk(monkeypatch)
    path = tmp_path / "results.csv"
    path.write_text(daily_visits(*range(1, 11)))
    result = runner.invoke(args=["results", "import", str(path)])
    assert result.exit_code == 1
    assert "4 of its 10 new or changed rows were stored" in result.output
    assert "Nothing was changed" not in result.output


def test_the_page_tells_what_a_stopped_import_stored(logged_in, monkeypatch) -> None:
    failing_second_chunk(monkeypatch)
    raw = daily_visits(*range(1, 11)).encode()
    answer = upload_bytes(logged_in, raw)
    assert answer.status_code == 200
    assert "4 of its 10 new or changed rows were stored" in answer.get_data(as_text=True)


def upload_bytes(client, raw: bytes):
    data = {"file": (io.BytesIO(raw), "results.csv")}
    return client.post("/results/", data=data, content_type="multipart/form-data")


def test_an_import_changes_no_feed(app) -> None:
    from calendar_app.services import results_import
    from calendar_app.services.transaction import feeds_changed_since_asked

    feeds_changed_since_asked()
    results_import.import_results(daily_visits(1, 2))
    assert not feeds_changed_since_asked()  # nothing for FEED_EXPORT_DIR to write


def counted_visits() -> int:
    from calendar_app.models import ResultMonth

    return db.session.scalar(select(func.coalesce(func.sum(ResultMonth.visits), 0)))


def test_a_ga4_and_a_plausible_export_of_the_same_traffic_count_it_once(
    logged_in, channels
) -> None:
    """Worked by hand from the two samples. GA4, November as one period: LinkedIn's post
    412, winter-cycling 1,204, blog 2,310, google 5,120, direct 980 = 10,026 visits.
    Plausible: the same LinkedIn post on 2 and 3 November, 35 + 20 = 55 (inside GA4's
    November: the same traffic), and a newsletter GA4 has no row for, 133."""
    from calendar_app.models import Goal
    from calendar_app.services.result_months import not_counted
    from tests.web.test_settings import PROFILE

    upload(logged_in, "ga4-traffic-acquisition.csv")
    page = upload(logged_in, "plausible-utm.csv").get_data(as_text=True)
    assert count() == 8  # every row kept
    assert counted_visits() == 10_026 + 133  # GA4, the source of truth, and the newsletter
    assert not_counted() == ({"plausible": 2}, {})
    assert "Counted once: 2 rows from Plausible report traffic that a source ranked higher" in (
        page
    )
    db.session.add(Goal(kind="traffic", metric="visits", target=10_159, period="year"))
    db.session.commit()
    assert "(100 %)" in logged_in.get("/results/").get_data(as_text=True)  # not 101

    # Plausible as the truth: its two days of the post do not cover GA4's November, so
    # GA4's row still counts (its leads and revenue are not lost), and the page says the
    # two may overlap.
    answer = logged_in.post("/settings", data={**PROFILE, "analytics_source": "plausible"})
    assert answer.status_code == 302
    assert counted_visits() == 10_026 + 55 + 133
    assert not_counted() == ({}, {"ga4": 1})
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "Possibly counted twice: 1 row from Google Analytics 4 cover a period" in page
    # Our own files as the truth, with none imported: GA4 still ranks above Plausible.
    answer = logged_in.post("/settings", data={**PROFILE, "analytics_source": "simple"})
    assert counted_visits() == 10_159 and not_counted() == ({"plausible": 2}, {})
    answer = logged_in.post("/settings", data={**PROFILE, "analytics_source": "ga4"})
    assert counted_visits() == 10_159  # and back: nothing lost


def test_a_truth_that_reports_part_of_a_period_never_hides_the_rest_of_it(
    logged_in, channels
) -> None:
    from calendar_app.services.result_months import not_counted
    from tests.web.test_settings import PROFILE

    ga4 = (
        "# Start date: 20261001\n# End date: 20261031\n"
        "Session source / medium,Session campaign,Session manual ad content,Sessions,Key events\n"
        "blog / blog,(not set),(not set),3000,30\n"
    )
    plausible = "date;utm_source;utm_medium;utm_campaign;utm_content;visitors;visits\n" + "".join(
        f"2026-10-0{day};blog;blog;;;9;10\n" for day in (1, 2, 3)
    )
    for name, raw in (("ga4.csv", ga4), ("plausible.csv", plausible)):
        data = {"file": (io.BytesIO(raw.encode()), name)}
        answer = logged_in.post("/results/", data=data, content_type="multipart/form-data")
        assert answer.status_code == 302
    assert counted_visits() == 3000  # GA4's October covers Plausible's three days
    logged_in.post("/settings", data={**PROFILE, "analytics_source": "plausible"})
    assert counted_visits() == 3000 + 30  # October is not hidden by three days of it
    assert not_counted() == ({}, {"ga4": 1})


def test_an_unknown_source_of_truth_is_refused_and_changes_nothing(logged_in, channels) -> None:
    from tests.web.test_settings import PROFILE

    page = logged_in.post("/settings", data={**PROFILE, "analytics_source": "matomo"})
    assert "Choose Google Analytics 4, Plausible or ours." in page.get_data(as_text=True)
    db.session.expire_all()
    assert planner.get_workspace().analytics_source == "ga4"


def test_a_file_imported_again_after_sources_were_recorded_replaces_its_untagged_rows(
    logged_in, channels
) -> None:
    from sqlalchemy import update

    upload(logged_in, "ga4-traffic-acquisition.csv")
    db.session.execute(update(ResultRecord).values(source="unknown"))  # as migrated
    db.session.commit()
    page = upload(logged_in, "ga4-traffic-acquisition.csv").get_data(as_text=True)
    assert "5 rows added" in page
    assert count() == 5 and counted_visits() == 10_026  # the tagged rows replaced them
    assert set(db.session.scalars(select(ResultRecord.source))) == {"ga4"}


def test_one_source_alone_always_counts_whatever_the_source_of_truth(logged_in, channels) -> None:
    upload(logged_in, "plausible-utm.csv")  # the source of truth is GA4, which has nothing
    assert counted_visits() == 35 + 133 + 20


OURS = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def test_an_upload_with_a_row_dated_tomorrow_stores_nothing_and_names_the_line(
    logged_in, channels
) -> None:
    # The clock says Monday 23 November 2026, 07:00 in Berlin (the workspace's zone).
    raw = f"{OURS}\n2026-11-23,blog,blog,x,,1,0,0,0\n2026-11-24,blog,blog,x,,2,0,0,0\n"
    page = upload_bytes(logged_in, raw.encode()).get_data(as_text=True)
    assert (
        "Nothing was imported: line 3, column &#39;date&#39;: 2026-11-24 is in the future "
        "(today is 2026-11-23)." in page
    )
    assert count() == 0
    today_only = upload_bytes(logged_in, raw.rsplit("2026-11-24", 1)[0].encode())
    assert today_only.status_code == 302 and count() == 1


def test_rows_outside_the_period_given_on_the_form_are_refused(logged_in, channels) -> None:
    raw = (SAMPLES / "plausible-utm.csv").read_bytes()  # 2 and 3 November
    data = {"file": (io.BytesIO(raw), "p.csv"), "starts_on": "2026-11-03", "ends_on": "2026-11-30"}
    page = logged_in.post("/results/", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    errors = re.findall(r'<p class="error" role="alert">([^<]*)</p>', page)
    assert errors == [
        "Nothing was imported: line 2, column &#39;date&#39;: 2026-11-02 is outside the "
        "report&#39;s period 2026-11-03 to 2026-11-30.",
        "line 3, column &#39;date&#39;: 2026-11-02 is outside the report&#39;s period "
        "2026-11-03 to 2026-11-30.",
    ]
    assert count() == 0


def test_the_cli_refuses_a_row_dated_in_the_future_and_stores_nothing(
    runner, channels, tmp_path
) -> None:
    path = tmp_path / "results.csv"
    path.write_text(f"{OURS}\n2026-11-02,blog,blog,x,,1,0,0,0\n2026-12-01,blog,blog,x,,1,0,0,0\n")
    result = runner.invoke(args=["results", "import", str(path)])
    assert result.exit_code == 1
    assert "line 3, column 'date': 2026-12-01 is in the future (today is 2026-11-23)." in (
        result.output
    )
    outside = runner.invoke(
        args=["results", "import", str(path), "--from", "2026-11-01", "--to", "2026-11-30"]
    )
    assert outside.exit_code == 1
    assert "2026-12-01 is outside the report's period 2026-11-01 to 2026-11-30." in outside.output
    assert count() == 0


def test_the_bundled_samples_import_on_the_day_the_tests_run(logged_in, channels) -> None:
    for name, kind in (
        ("ga4-traffic-acquisition.csv", "Google Analytics 4"),  # its period ends on the 30th
        ("plausible-utm.csv", "Plausible"),
        ("results.csv", "results"),
    ):
        assert f"{kind} file: " in upload(logged_in, name).get_data(as_text=True)


def test_today_is_the_workspaces_date_or_a_day_past_the_utc_date_without_one(app, clock) -> None:
    from datetime import date

    from calendar_app.services.results_import import local_today
    from tests.factories import make_workspace

    assert local_today() == date(2026, 11, 24)  # no workspace yet: 06:00 UTC on the 23rd
    workspace = make_workspace()
    assert local_today() == date(2026, 11, 23)  # 07:00 in Berlin
    workspace.timezone = "America/Los_Angeles"
    db.session.commit()
    assert local_today() == date(2026, 11, 22)  # 22:00 the evening before
    workspace.timezone = "Europe/Berlin"
    db.session.commit()
    clock.advance(hours=17, minutes=30)  # 23:30 UTC, 00:30 in Berlin
    assert local_today() == date(2026, 11, 24)


def test_a_row_dated_today_in_the_workspaces_zone_is_accepted_before_utc_reaches_it(
    app, clock
) -> None:
    from calendar_app.services.results_import import import_results
    from tests.factories import make_workspace

    make_workspace()
    clock.advance(hours=17, minutes=30)  # 23:30 UTC on the 23rd, the 24th in Berlin
    summary = import_results(f"{OURS}\n2026-11-24,blog,blog,x,,1,0,0,0\n")
    assert summary.added == 1


def ga4_period(first: str, last: str, visits: int) -> str:
    """A GA4 export of the blog's visits over one period (no Date column)."""
    return (
        f"# Start date: {first}\n# End date: {last}\n"
        "Session source / medium,Session campaign,Session manual ad content,Sessions,Key events\n"
        f"blog / blog,(not set),(not set),{visits},0\n"
    )


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (("20261101", "20261115", 1000), ("20261101", "20261122", 1500)),  # a longer period
        (("20261001", "20261015", 700), ("20261001", "20261031", 1500)),  # month so far, month
        (("20261005", "20261010", 300), ("20261001", "20261031", 1500)),  # inside it
    ],
)
def test_a_later_export_that_covers_an_earlier_period_replaces_it(app, earlier, later) -> None:
    results_import.import_results(ga4_period(*earlier))
    results_import.import_results(ga4_period(*later))
    assert counted_visits() == later[2] and count() == 1  # not earlier + later


def test_a_row_per_day_that_covers_the_whole_period_replaces_it(app) -> None:
    results_import.import_results(ga4_period("20261001", "20261003", 300))
    days = "".join(f"2026-10-0{day},blog,blog,,,{90 + day},0,0,0\n" for day in (1, 2, 3))
    ours = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"
    results_import.import_results(ours + "\n" + days)
    # Another source (our own file) ranks below GA4: GA4's period still counts.
    assert counted_visits() == 300
    ga4_days = "".join(
        f"blog / blog,(not set),(not set),{90 + day},0,2026100{day}\n" for day in (1, 2, 3)
    )
    results_import.import_results(
        "# Start date: 20261001\n# End date: 20261003\n"
        "Session source / medium,Session campaign,Session manual ad content,Sessions,Key events,"
        "Date\n" + ga4_days
    )
    assert counted_visits() == 91 + 92 + 93  # GA4's days replaced GA4's period


def test_an_export_of_part_of_a_stored_period_is_refused_and_changes_nothing(app) -> None:
    from calendar_app.domain.results_files import ResultsFileError

    results_import.import_results(ga4_period("20261001", "20261031", 1500))
    with pytest.raises(ResultsFileError) as refused:
        results_import.import_results(ga4_period("20261001", "20261015", 700))
    assert str(refused.value) == (
        "The file reports part of 2026-10-01 to 2026-10-31 for blog / blog / (none) / (none), "
        "a period already imported as a whole from the same source: import a file that covers "
        "that whole period."
    )
    assert counted_visits() == 1500 and count() == 1
