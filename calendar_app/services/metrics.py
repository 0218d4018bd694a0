"""Awareness and community numbers per channel and month: entered in a form, imported from
a file (ours, or a network's export), listed and deleted.

Nothing typed is lost by another entry: a file's line, or a new entry for a month that
already has numbers, replaces the numbers it gives and keeps the ones it leaves empty.
Only editing an entry (its form shows every number) can make a number unknown again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from calendar_app.domain.errors import FieldError
from calendar_app.domain.metric_values import (
    METRICS,
    future_month_problem,
    mentions_problem,
    read_count,
    read_month,
)
from calendar_app.domain.metrics_csv import MetricsFileError
from calendar_app.domain.metrics_files import read_metrics
from calendar_app.extensions import db
from calendar_app.models import Channel, ChannelMetric

from .results_import import local_today
from .transaction import unit_of_work

KINDS = {"ours": "Metrics file", "linkedin": "LinkedIn export"}


class MetricsError(FieldError):
    """Numbers that cannot be saved; ``field`` names the form field at fault."""


@dataclass(frozen=True)
class MetricsImport:
    """What an import stored: how many months, how many of them replaced stored numbers."""

    kind: str
    stored: int
    replaced: int
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        """One line for people ("12 months stored, 3 replaced"), then the file's notes."""
        months = f"{self.stored} month{'s' * (self.stored != 1)}"
        return " ".join(
            [f"{KINDS[self.kind]}: {months} stored, {self.replaced} replaced.", *self.notes]
        )


def read_numbers(values: Mapping[str, str]) -> dict[str, int | None]:
    """The seven numbers typed in a form, None where empty; MetricsError names the first
    wrong field."""
    numbers: dict[str, int | None] = {}
    for name in METRICS:
        try:
            numbers[name] = read_count(values.get(name) or "")
        except ValueError as exc:
            raise MetricsError(name, str(exc)) from None
    return numbers


@unit_of_work()
def save_metrics(
    channel: Channel | None, month_text: str, values: Mapping[str, str]
) -> tuple[ChannelMetric, bool]:
    """A channel's numbers for a month, and whether the month had numbers already: it keeps
    those left empty (a new month leaves them unknown)."""
    if channel is None:
        raise MetricsError("channel_id", "Choose a channel.")
    try:
        month = read_month(month_text)
    except ValueError as exc:
        raise MetricsError("month", str(exc)) from None
    if problem := future_month_problem(month, local_today()):
        raise MetricsError("month", problem)
    given = _given(read_numbers(values))
    if not given:
        raise MetricsError("followers", "Fill in at least one number.")
    entry = db.session.scalar(
        select(ChannelMetric).where(
            ChannelMetric.channel_id == channel.id, ChannelMetric.month == month
        )
    )
    existed = entry is not None
    if entry is None:
        entry = ChannelMetric(channel=channel, month=month)
        db.session.add(entry)
    _set(entry, given)
    return entry, existed


@unit_of_work()
def update_metrics(entry: ChannelMetric, values: Mapping[str, str]) -> ChannelMetric:
    """Edit an entry's numbers: each field as typed, an empty one unknown."""
    _set(entry, read_numbers(values))
    return entry


def _set(entry: ChannelMetric, numbers: Mapping[str, int | None]) -> None:
    """Give ``entry`` these numbers, unless its mentions would not add up."""
    combined = {name: getattr(entry, name) for name in METRICS} | dict(numbers)
    if problem := mentions_problem(combined):
        raise MetricsError("positive_mentions", problem)
    for name, number in numbers.items():
        setattr(entry, name, number)


def _given(numbers: Mapping[str, int | None]) -> dict[str, int]:
    """The numbers that are known: what an entry or a file's line replaces."""
    return {name: number for name, number in numbers.items() if number is not None}


def import_metrics(raw: bytes | str, channel: Channel | None = None) -> MetricsImport:
    """Read a metrics file and store all of it or, on any problem, none of it
    (MetricsFileError). ``channel`` is the one a network's export is for."""
    slugs = set(db.session.scalars(select(Channel.slug)))
    read = read_metrics(
        raw, today=local_today(), channels=slugs, channel=channel.slug if channel else None
    )
    with unit_of_work():
        channels = {c.slug: c for c in db.session.scalars(select(Channel))}
        gone = sorted({m.channel for m in read.months} - channels.keys())
        if gone:
            raise MetricsFileError(f"The channel {gone[0]!r} was deleted meanwhile.")
        wanted = {channels[m.channel].id for m in read.months}
        stored = {
            (entry.channel_id, entry.month): entry
            for entry in db.session.scalars(
                select(ChannelMetric).where(ChannelMetric.channel_id.in_(wanted))
            )
        }
        replaced = 0
        for month in read.months:
            entry = stored.get((channels[month.channel].id, month.month))
            replaced += entry is not None
            if entry is None:
                entry = ChannelMetric(channel=channels[month.channel], month=month.month)
                db.session.add(entry)
            try:
                _set(entry, _given(month.numbers()))
            except MetricsError as exc:
                stored_too = exc.message[0].lower() + exc.message[1:]
                raise MetricsFileError(
                    f"{month.channel} {month.month:%Y-%m}: with the numbers stored, {stored_too}"
                ) from None
    return MetricsImport(read.kind, len(read.months), replaced, read.notes)


def metrics_by_channel() -> list[tuple[Channel, list[ChannelMetric]]]:
    """Each channel with numbers, by name, and its months newest first."""
    found: dict[int, list[ChannelMetric]] = {}
    entries = db.session.scalars(
        select(ChannelMetric)
        .join(ChannelMetric.channel)
        .order_by(Channel.name, Channel.id, ChannelMetric.month.desc())
    )
    for entry in entries:
        found.setdefault(entry.channel_id, []).append(entry)
    return [(months[0].channel, months) for months in found.values()]


@unit_of_work()
def delete_metrics(entry: ChannelMetric) -> None:
    """Forget a channel's numbers for a month."""
    db.session.delete(entry)
