"""Importing a results file: read and checked first, then written in short steps.

Reading the file, comparing it with what is stored and matching its rows to our items
and channels all happen before anything is written, without the write lock. The new
and changed rows are then written in chunks of ``CHUNK_ROWS``, each chunk one unit of
work with the monthly sums of the months it touched (sorted by day, a chunk touches one
or two months): the lock is held for about 0.1 s at a time, and on SQLite left free for
a moment after every quarter of a second of writing, so a large file never makes anyone
else's save wait long.
Each row is an upsert on its key (period and tracking values), so an import run again
after it stopped half-way ends with each row stored once with the file's figures. Each
chunk first checks that no one else wrote results since this import read them (the
``results`` revision): two different files imported at the same moment are never
mixed; the later one stops and says so.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from calendar_app import clock
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.results_files import (
    Period,
    ResultRow,
    ResultsFile,
    read_results,
)
from calendar_app.extensions import db
from calendar_app.models import Channel, FeedRevision, ResultRecord, ScheduleItem, utcnow

from .feed_revisions import RESULTS, mark_changed
from .planner import get_workspace
from .result_months import overlapping_months, sum_months
from .results_replaced import delete_rows, superseded
from .transaction import unit_of_work
from .webhooks import emit

CONTENT_LENGTH = 12  # an item's utm_content is the first 12 characters of its uid
CHUNK_ROWS = 5_000
SQLITE_PAUSE = 0.12  # seconds: longer than SQLite's longest wait between two tries
SQLITE_HOLD = 0.25  # seconds of writing, at most, before the lock is left free for a pause
TRACKING = ("starts_on", "ends_on", "utm_source", "utm_medium", "utm_campaign", "utm_content")
KEY = (*TRACKING, "source")  # a GA4 and a Plausible row of the same traffic are both kept
LEGACY_BATCH = 500  # keys per statement when replacing rows of an unknown source
FIGURES = ("visits", "leads", "customers", "revenue", "item_id", "channel_id")


@dataclass
class ImportSummary:
    """What an import stored."""

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    replaced: int = 0  # stored rows of other periods that the file's rows replace
    matched_items: int = 0
    matched_channels: int = 0
    unmatched: int = 0

    def text(self) -> str:
        """One line for people."""
        kind = {"ga4": "Google Analytics 4", "plausible": "Plausible", "simple": "results"}
        return (
            f"{kind[self.kind]} file: {self.added} rows added, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.matched_items} matched a post or video, "
            f"{self.matched_channels} a channel, {self.unmatched} nothing (listed below)."
        )


class ImportStopped(Exception):
    """An import that stopped before it stored every row; what it stored is kept."""

    def __init__(self, stored: int, total: int, reason: str) -> None:
        self.stored, self.total, self.reason = stored, total, reason
        done = (
            f"{stored:,} of its {total:,} new or changed rows were stored"
            if stored
            else "nothing was stored"
        )
        super().__init__(
            f"The import stopped ({reason}); {done}. Import the same file again to finish: "
            "rows already stored are never counted twice."
        )


class _OthersWrote(Exception):
    """Someone else wrote results since this import read them."""


def import_results(raw: bytes | str, period: Period | None = None) -> ImportSummary:
    """Read a results file and store it; re-importing it changes nothing.

    A row replaces the stored figures for the same period and tracking values, so a
    corrected export updates them and the same export twice never counts double.
    Raises ResultsFileError (nothing stored) for a malformed file or a row dated after
    today, and ImportStopped when another import wrote results meanwhile or the database
    failed after the first chunk.
    """
    read = read_results(raw, period, today=local_today())
    summary = ImportSummary(read.kind)
    if not read.rows:
        return summary
    seen = _results_revision()  # read before the rows it is compared with
    replaced = superseded(read)
    summary.replaced = len(replaced)
    writes = _compare(read, summary)
    if replaced and not writes:  # the same rows, now as one period: only the old ones go
        with unit_of_work():
            delete_rows(replaced)
            imported(summary)
        return summary
    stored, held = 0, 0.0  # rows stored; seconds the lock was held since others could write
    for chunk in _chunks(writes):
        held = _let_others_write() if held >= SQLITE_HOLD else held
        started = time.monotonic()
        try:
            _write(chunk, seen, replaced if not stored else [])  # the first chunk replaces
        except _OthersWrote:
            raise ImportStopped(stored, len(writes), "another import wrote results") from None
        except Exception as exc:
            if not stored:
                raise  # nothing stored: the error as it is
            raise ImportStopped(stored, len(writes), type(exc).__name__) from exc
        seen, stored = seen + 1, stored + len(chunk)
        held += time.monotonic() - started
    if stored:  # every row is stored: say so (a file that changed nothing says nothing)
        with unit_of_work():
            imported(summary)
    return summary


def imported(summary: ImportSummary) -> None:
    """Queue ``results.imported`` with what the import stored, in the current unit."""
    emit("results.imported", asdict(summary), clock.now())


def local_today() -> date:
    """The last day results may have: today in the workspace's time zone, the one the team
    (and, as a rule, its analytics) counts days in. Without a workspace, the UTC date plus
    a day, which no zone (UTC+14 at most) has passed yet."""
    now = utcnow()
    workspace = get_workspace()
    if workspace is None:
        return now.date() + timedelta(days=1)
    return now.astimezone(resolve_timezone(workspace.timezone)).date()


def _results_revision() -> int:
    revision = db.session.get(FeedRevision, RESULTS, populate_existing=True)
    return revision.revision if revision is not None else 0


def _let_others_write() -> float:
    """Leave the write lock free for a moment; the time held starts again from 0.

    SQLite hands its lock to no one in particular: a waiting writer retries every 100 ms
    or so, and would never find it free if the next chunk took it at once. So after a
    quarter of a second of writing, the import pauses for longer than one such wait (a
    year of results pauses once or twice). PostgreSQL queues the waiters on the
    workspace row, in order, and needs no pause.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        time.sleep(SQLITE_PAUSE)
    return 0.0


def _compare(read: ResultsFile, summary: ImportSummary) -> list[dict[str, Any]]:
    """The rows to write (new or changed), sorted by day; counts what matched what."""
    items = _items_by_content({row.content for row in read.rows if row.content})
    channels = _channel_finder()
    stored = _stored_rows(read)
    now = utcnow()
    writes = []
    for row in read.rows:
        item_id, channel_id = items.get(row.content, (None, None))
        if channel_id is None:
            channel_id = channels(row.source, row.medium)
        if item_id is not None:
            summary.matched_items += 1
        elif channel_id is not None:
            summary.matched_channels += 1
        else:
            summary.unmatched += 1
        values = _values(row, item_id, channel_id, read.kind)
        before = stored.get(tuple(values[name] for name in KEY))
        if before is None:
            summary.added += 1
        elif before != tuple(values[name] for name in FIGURES):
            summary.updated += 1
        else:
            summary.unchanged += 1
            continue
        writes.append(values | {"created_at": now, "updated_at": now})
    writes.sort(key=lambda values: values["starts_on"])
    return writes


def _chunks(writes: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(writes), CHUNK_ROWS):
        yield writes[start : start + CHUNK_ROWS]


def _write(chunk: list[dict[str, Any]], seen: int, replaced: list[ResultRecord]) -> None:
    """Upsert a chunk of rows (deleting the ``replaced`` ones) and make the sums of their
    months again: one unit of work, unless results changed since revision ``seen`` (raises
    _OthersWrote, nothing written)."""
    with unit_of_work():
        if _results_revision() != seen:
            raise _OthersWrote
        mark_changed(db.session(), RESULTS)
        delete_rows(replaced)
        dialect = db.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(ResultRecord.__table__)
        statement = statement.on_conflict_do_update(
            index_elements=list(KEY),
            set_={name: statement.excluded[name] for name in (*FIGURES, "updated_at")},
        )
        db.session.execute(statement, chunk)
        _replace_rows_of_unknown_source(chunk)
        first = min(values["starts_on"] for values in chunk)
        last = max(values["ends_on"] for values in chunk)
        sum_months(overlapping_months(first, last))  # a new row of the truth can hide others


def _replace_rows_of_unknown_source(chunk: list[dict[str, Any]]) -> None:
    """Rows imported before sources were recorded, with the same period and tracking values
    as rows of this chunk, were these rows: the tagged ones replace them."""
    unknown = select(ResultRecord.id).where(ResultRecord.source == "unknown").limit(1)
    if db.session.scalar(unknown) is None:
        return
    columns = [ResultRecord.__table__.c[name] for name in TRACKING]
    keys = [tuple(values[name] for name in TRACKING) for values in chunk]
    for start in range(0, len(keys), LEGACY_BATCH):
        db.session.execute(
            delete(ResultRecord).where(
                ResultRecord.source == "unknown",
                tuple_(*columns).in_(keys[start : start + LEGACY_BATCH]),
            )
        )


def _stored_rows(read: ResultsFile) -> dict[tuple, tuple]:
    """The stored rows over the file's days: their figures by key."""
    first = min(row.period.start for row in read.rows)
    last = max(row.period.start for row in read.rows)
    table = ResultRecord.__table__
    query = select(*(table.c[name] for name in (*KEY, *FIGURES))).where(
        table.c.starts_on.between(first, last)
    )
    width = len(KEY)
    return {tuple(v[:width]): tuple(v[width:]) for v in db.session.execute(query)}


def _values(
    row: ResultRow, item_id: int | None, channel_id: int | None, source: str
) -> dict[str, Any]:
    return {
        "source": source,
        "starts_on": row.period.start,
        "ends_on": row.period.end,
        "utm_source": row.source[:100],
        "utm_medium": row.medium[:100],
        "utm_campaign": row.campaign[:100],
        "utm_content": row.content[:100],
        "visits": row.visits,
        "leads": row.leads,
        "customers": row.customers,
        "revenue": row.revenue,
        "item_id": item_id,
        "channel_id": channel_id,
    }


def _items_by_content(contents: set[str]) -> dict[str, tuple[int, int]]:
    """Items whose link carries one of these ``utm_content`` values: (item id, channel id)."""
    found: dict[str, tuple[int, int]] = {}
    wanted = [c for c in contents if len(c) == CONTENT_LENGTH]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        prefix = func.substr(ScheduleItem.uid, 1, CONTENT_LENGTH)
        query = select(prefix, ScheduleItem.id, ScheduleItem.channel_id).where(prefix.in_(chunk))
        for content, item_id, channel_id in db.session.execute(query):
            found[content] = (item_id, channel_id)
    return found


def _channel_finder() -> Callable[[str, str], int | None]:
    """Find a channel by source and medium, else by a source only one channel uses."""
    rows = db.session.execute(select(Channel.id, Channel.utm_source, Channel.utm_medium)).all()
    exact = {(source, medium): channel_id for channel_id, source, medium in rows}
    by_source: dict[str, list[int]] = defaultdict(list)
    for channel_id, source, _medium in rows:
        by_source[source].append(channel_id)

    def find(source: str, medium: str) -> int | None:
        if (source, medium) in exact:
            return exact[(source, medium)]
        candidates = by_source.get(source, [])
        return candidates[0] if len(candidates) == 1 else None

    return find
