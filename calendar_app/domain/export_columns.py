"""Which analytics export a header row belongs to, and which column gives each figure. Pure.

Column names are compared in lower case; the first name a kind knows for a field
wins. Kinds are tried in order, ours (the most specific) first.
"""

from __future__ import annotations

# Each kind: the columns that may give each field (lower-case header names), first match
# wins; kinds are tried in this order (ours is the most specific).
_KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "simple": {
        "date": ("date",),
        "source": ("utm_source",),
        "medium": ("utm_medium",),
        "campaign": ("utm_campaign",),
        "content": ("utm_content",),
        "visits": ("visits",),
        "leads": ("leads",),
        "customers": ("customers",),
        "revenue": ("revenue",),
    },
    "ga4": {
        "date": ("date",),
        "source_medium": ("session source / medium", "first user source / medium"),
        "source": ("session source",),
        "medium": ("session medium",),
        "campaign": ("session campaign", "session campaign name"),
        "content": ("session manual ad content", "session manual ad content name"),
        "visits": ("sessions",),
        "leads": ("key events", "conversions"),
        "customers": ("ecommerce purchases", "transactions"),
        "revenue": ("total revenue", "purchase revenue"),
    },
    "plausible": {
        "date": ("date",),
        "source": ("utm_source", "source"),
        "medium": ("utm_medium",),
        "campaign": ("utm_campaign",),
        "content": ("utm_content",),
        "visits": ("visits",),
        "leads": ("conversions", "goal conversions"),
        "customers": (),
        "revenue": ("revenue",),
    },
}


def recognise(header: list[str]) -> tuple[str, dict[str, str | None]]:
    """The kind of export (``simple``, ``ga4`` or ``plausible``) and each field's column.

    Raises ValueError for a header that names a column twice or fits no kind.
    """
    if len(set(header)) != len(header):
        raise ValueError("A column name appears twice in the header.")
    for kind, fields in _KINDS.items():
        columns = {
            field: next((name for name in names if name in header), None)
            for field, names in fields.items()
        }
        has_source = columns.get("source_medium") or columns.get("source")
        if has_source and columns["visits"]:
            if kind == "simple" and not all(columns[f] for f in ("leads", "customers", "revenue")):
                continue
            return kind, columns
    raise ValueError(
        "Unknown columns: expected a GA4 export (Session source / medium, Sessions…), "
        "a Plausible export (utm_source, visits…) or date, utm_source, utm_medium, "
        "utm_campaign, utm_content, visits, leads, customers, revenue."
    )


def is_total(values: list[str]) -> bool:
    """GA4 and spreadsheets end with a totals row; it repeats the rows above."""
    return bool(values) and values[0].strip().lower() in ("total", "totals", "grand total")
