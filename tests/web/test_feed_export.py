"""FEED_EXPORT_DIR: the feed files a static-file server serves, kept up to date."""

from __future__ import annotations

import gzip
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, User
from calendar_app.services import feeds as service
from calendar_app.services import planner
from tests.factories import feed_token, make_channel, make_rule


@pytest.fixture
def export_dir(app, tmp_path) -> Path:
    folder = tmp_path / "public"
    app.config["FEED_EXPORT_DIR"] = str(folder)
    return folder


@pytest.fixture
def planned(logged_in):
    """Two channels with a few posts; the owner's feed token."""
    service.forget_bodies()
    tomorrow = app_now().date() + timedelta(days=1)
    for slug, name in (("linkedin", "LinkedIn"), ("blog", "Blog")):
        make_rule(make_channel(slug, name=name), rrule="FREQ=WEEKLY", count=3, starts_on=tomorrow)
    planner.keep_planned_ahead(app_now())
    return feed_token(db.session.scalar(select(User)))


def post(client, url: str, **data: str):
    """POST as a server would: the answer is closed once sent, which runs the export."""
    answer = client.post(url, data=data)
    answer.close()
    return answer


def exported(folder: Path) -> set[str]:
    root = folder / "feeds"
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_change_writes_the_feeds_under_the_addresses_paths(
    app, logged_in, planned, export_dir
) -> None:
    token = planned
    item = db.session.scalars(select(ScheduleItem)).first()
    post(logged_in, f"/items/{item.id}/status", status="approved")
    assert exported(export_dir) == {
        f"{token}{feed}{suffix}"
        for feed in ("", "/linkedin", "/blog")
        for suffix in (".ics", ".ics.gz")
    }
    client = app.test_client()
    for feed in ("", "/linkedin", "/blog"):
        served = client.get(f"/feeds/{token}{feed}.ics").get_data()
        path = export_dir / "feeds" / f"{token}{feed}.ics"
        assert path.read_bytes() == served
        assert gzip.decompress(Path(f"{path}.gz").read_bytes()) == served
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_only_the_changed_feeds_are_written_again(app, logged_in, planned, export_dir) -> None:
    from calendar_app.web.feeds.export import export_now

    token = planned
    assert export_now(app).written == 6
    assert export_now(app).written == 0  # nothing changed
    item = next(i for i in db.session.scalars(select(ScheduleItem)) if i.channel.slug == "blog")
    blog = export_dir / "feeds" / f"{token}/blog.ics"
    linkedin = export_dir / "feeds" / f"{token}/linkedin.ics"
    before = {path: path.stat().st_mtime_ns for path in (blog, linkedin)}
    post(logged_in, f"/items/{item.id}/status", status="approved")
    assert blog.stat().st_mtime_ns != before[blog]
    assert linkedin.stat().st_mtime_ns == before[linkedin]
    assert blog.read_bytes() == app.test_client().get(f"/feeds/{token}/blog.ics").get_data()
    assert export_now(app).written == 0  # the request's export wrote the blog and "all" feeds


def test_a_reset_token_and_a_deleted_channel_take_their_files_away(
    app, logged_in, planned, export_dir
) -> None:
    from calendar_app.web.feeds.export import export_now

    old = planned
    export_now(app)
    post(logged_in, "/subscribe/reset")
    new = feed_token(db.session.scalar(select(User)))
    assert new != old
    assert not any(name.startswith(old) for name in exported(export_dir))
    assert f"{new}.ics" in exported(export_dir)
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    post(logged_in, f"/channels/{blog.id}/delete")
    assert db.session.get(Channel, blog.id) is None
    assert exported(export_dir) == {
        f"{new}{feed}{suffix}" for feed in ("", "/linkedin") for suffix in (".ics", ".ics.gz")
    }
    assert not (export_dir / "feeds" / old).exists()  # the old token's folder went too
    app.config["FEED_EXPORT_DIR"] = None
    assert export_now(app) is None


def test_the_command_plans_ahead_and_exports(app, planned, export_dir) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["feed", "export"])
    assert first.exit_code == 0, first.output
    assert "Feeds exported: 6 files written, 0 removed." in first.output
    assert "0 files written" in runner.invoke(args=["feed", "export"]).output
    app.config["FEED_EXPORT_DIR"] = None
    refused = runner.invoke(args=["feed", "export"])
    assert refused.exit_code != 0 and "Set FEED_EXPORT_DIR" in refused.output


def test_a_command_that_changes_the_schedule_exports_too(app, planned, export_dir) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["feed", "export"])
    before = (export_dir / "feeds" / f"{planned}.ics").read_bytes()
    db.session.rollback()  # the factories write outside a unit of work: start from now
    make_rule(make_channel("youtube", name="YouTube"), rrule="FREQ=WEEKLY;BYDAY=TH")
    last = (app_now() + timedelta(weeks=60)).date().isoformat()
    extended = runner.invoke(args=["schedule", "extend", "--until", last])
    assert extended.exit_code == 0, extended.output
    after = (export_dir / "feeds" / f"{planned}.ics").read_bytes()
    assert after.count(b"BEGIN:VEVENT") > before.count(b"BEGIN:VEVENT")
    assert f"{planned}/youtube.ics" in exported(export_dir)


def test_an_export_that_fails_leaves_the_change_saved(
    app, logged_in, planned, export_dir, monkeypatch, caplog
) -> None:
    from calendar_app.web.feeds import export

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export, "export_feeds", fail)
    item = db.session.scalars(select(ScheduleItem)).first()
    with caplog.at_level("ERROR"):
        assert post(logged_in, f"/items/{item.id}/status", status="approved").status_code == 302
    assert "Writing the feeds to FEED_EXPORT_DIR failed" in caplog.text
    db.session.expire_all()
    assert db.session.get(ScheduleItem, item.id).status == "approved"


def test_only_changes_to_feeds_or_addresses_export(
    app, logged_in, planned, export_dir, monkeypatch
) -> None:
    from calendar_app.services.transaction import feeds_changed_since_asked
    from calendar_app.web.feeds import export

    feeds_changed_since_asked()  # the fixture planned ahead in the session requests share
    calls = []
    real = export.export_now
    monkeypatch.setattr(export, "export_now", lambda a: calls.append(1) or real(a))
    anonymous = app.test_client()
    post(anonymous, "/login", email="owner@example.com", password="wrong password")
    post(logged_in, "/ideas/add", headline="A headline nobody planned yet")
    assert calls == []  # a failed login and a new headline show in no feed
    item = db.session.scalars(select(ScheduleItem)).first()
    post(logged_in, f"/items/{item.id}/status", status="approved")
    post(logged_in, "/subscribe/reset")
    assert calls == [1, 1]


def test_the_folders_that_hold_the_secret_names_cannot_be_listed(
    app, logged_in, planned, export_dir
) -> None:
    from calendar_app.web.feeds.export import export_now

    export_now(app)
    for folder in (export_dir, export_dir / "feeds", export_dir / "feeds" / planned):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o711


def disk_full(monkeypatch) -> None:
    """Every feed file write fails as on a full disk, with a message that names the path."""
    import errno

    from calendar_app.services import feed_export

    def write(path, data, *, mode=0o600):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(feed_export, "write_atomically", write)


def test_an_export_that_fails_logs_no_feed_address(
    app, logged_in, planned, export_dir, monkeypatch, caplog
) -> None:
    disk_full(monkeypatch)
    item = db.session.scalars(select(ScheduleItem)).first()
    with caplog.at_level("ERROR"):
        assert post(logged_in, f"/items/{item.id}/status", status="approved").status_code == 302
    assert "Writing the feeds to FEED_EXPORT_DIR failed" in caplog.text
    assert "/feeds/…" in caplog.text  # the traceback names the path, masked
    assert planned not in caplog.text


def test_the_export_command_that_fails_prints_no_feed_address(
    app, planned, export_dir, monkeypatch
) -> None:
    disk_full(monkeypatch)
    failed = app.test_cli_runner().invoke(args=["feed", "export"])
    assert failed.exit_code != 0
    assert "/feeds/…" in failed.output and planned not in failed.output


def test_dead_addresses_are_taken_away_even_when_writing_fails(
    app, logged_in, planned, export_dir, monkeypatch
) -> None:
    from calendar_app.web.feeds.export import export_now

    export_now(app)
    assert f"{planned}.ics" in exported(export_dir)
    disk_full(monkeypatch)
    post(logged_in, "/subscribe/reset")  # "the old addresses stop working at once"
    assert not any(name.startswith(planned) for name in exported(export_dir))
