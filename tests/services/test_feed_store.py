"""The feed bodies kept on disk for every worker of the server."""

from __future__ import annotations

from pathlib import Path

from calendar_app.services.feed_store import BodyStore, StoredBody


def test_a_stored_body_is_read_back_with_its_size_and_events(tmp_path: Path) -> None:
    store = BodyStore(tmp_path / "feeds")
    assert store.read("all", "v1") is None and store.current("all") is None
    store.write("all", "v1", b"BEGIN:VCALENDAR", events=3)
    assert store.read("all", "v1") == {"plain": b"BEGIN:VCALENDAR"}
    assert store.current("all") == StoredBody("v1", len(b"BEGIN:VCALENDAR"), 3)
    store.write_gzip("all", "v1", b"packed")
    assert store.read("all", "v1") == {"plain": b"BEGIN:VCALENDAR", "gzip": b"packed"}


def test_a_new_version_replaces_the_old_one_and_leaves_other_feeds_alone(tmp_path: Path) -> None:
    store = BodyStore(tmp_path)
    store.write("all", "v1", b"old", events=1)
    store.write_gzip("all", "v1", b"old-packed")
    store.write("channel:7", "c1", b"channel", events=2)
    store.write("all", "v2", b"new", events=2)
    assert store.read("all", "v1") is None and store.read("all", "v2") == {"plain": b"new"}
    assert store.read("channel:7", "c1") == {"plain": b"channel"}
    assert store.current("all") == StoredBody("v2", 3, 2)
    store.write_gzip("all", "v1", b"late")  # a worker finishing a version already replaced
    assert store.read("all", "v1") is None
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_damaged_record_counts_as_no_body(tmp_path: Path) -> None:
    store = BodyStore(tmp_path)
    store.write("all", "v1", b"body", events=1)
    for damaged in (b"{not json", b'{"etag": "v1"}', b'{"etag": "v1", "size": "x", "events": 1}'):
        (tmp_path / "all.json").write_bytes(damaged)
        assert store.current("all") is None
