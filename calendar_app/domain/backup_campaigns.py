"""Backups made before campaigns were things: their free-text campaign values become
campaigns when restored, as the upgrade of a database makes them (pure domain code).

Such a backup has no ``campaign`` table, and its items and headlines carry ``campaign``
as text. Each value becomes the campaign of its token, so every restored post's link
carries the ``utm_campaign`` it had; a value with no token goes to the row's notes.
"""

from __future__ import annotations

from typing import Any

from .campaigns import campaigns_from_text
from .tracking import normalise_utm


def _rows(tables: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = tables.get(name)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _text(row: dict[str, Any]) -> str:
    value = row.get("campaign")
    return value.strip() if isinstance(value, str) else ""


def campaigns_from_old_backup(tables: dict[str, Any]) -> dict[str, Any]:
    """``tables`` with campaigns made from free-text values (unchanged when the backup has
    a campaign table or no such value)."""
    items, ideas = _rows(tables, "schedule_item"), _rows(tables, "idea")
    if "campaign" in tables or not any(_text(row) for row in (*items, *ideas)):
        return tables
    idea_text = {row.get("id"): _text(row) for row in ideas}
    uses = [
        (_text(row) or idea_text.get(row.get("idea_id"), ""), row.get("channel_id"))
        for row in items
    ]
    uses += [(_text(row), None) for row in ideas]
    found = campaigns_from_text(
        [(value, channel if isinstance(channel, int) else None) for value, channel in uses if value]
    )
    when = max((str(row.get("updated_at") or "") for row in (*items, *ideas)), default="")
    ids = {token: n for n, token in enumerate(found, start=1)}
    restored = dict(tables)
    restored["campaign"] = [
        {
            "id": ids[token],
            "name": c.name,
            "token": token,
            "colour": c.colour,
            "goal": "",
            "starts_on": None,
            "ends_on": None,
            "created_at": when,
            "updated_at": when,
        }
        for token, c in found.items()
    ]
    restored["campaign_channel"] = [
        {"campaign_id": ids[token], "channel_id": channel_id}
        for token, c in found.items()
        for channel_id in sorted(c.channel_ids)
    ]
    for row in (*items, *ideas):
        _point(row, ids)
    return restored


def _point(row: dict[str, Any], ids: dict[str, int]) -> None:
    """The row's free text becomes its campaign; text with no token is kept in its notes."""
    value = _text(row)
    row.pop("campaign", None)
    if not value:
        return
    try:
        row["campaign_id"] = ids[normalise_utm(value)]
    except ValueError:
        notes = row.get("notes") if isinstance(row.get("notes"), str) else ""
        row["notes"] = f"{notes}\nCampaign: {value}" if notes else f"Campaign: {value}"
