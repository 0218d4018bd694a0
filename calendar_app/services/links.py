"""Making ad-hoc tracked links and keeping their history."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from calendar_app.domain.errors import FieldError
from calendar_app.domain.tracking import TrackedLink, tracked_link
from calendar_app.extensions import db
from calendar_app.models import LinkRecord, User, new_uid

from .transaction import unit_of_work


class LinkError(FieldError):
    """A link that cannot be built; ``field`` names the form field."""


_FIELD_OF = {
    "utm_source": "source",
    "utm_medium": "medium",
    "utm_campaign": "campaign",
    "utm_term": "term",
}


@unit_of_work()
def make_link(values: dict[str, Any], author: User | None) -> tuple[LinkRecord, TrackedLink]:
    """Build a tracked link from the builder form and keep it in the history."""
    uid = new_uid()
    try:
        link = tracked_link(
            values.get("destination") or "",
            source=values.get("source") or "",
            medium=values.get("medium") or "",
            campaign=values.get("campaign") or "",
            content=uid[:12],
            term=values.get("term") or None,
        )
    except ValueError as exc:
        message = str(exc)
        field = next((f for key, f in _FIELD_OF.items() if message.startswith(key)), "destination")
        raise LinkError(field, message) from None
    record = LinkRecord(
        uid=uid,
        destination=values["destination"].strip(),
        utm_source=_param(link.url, "utm_source"),
        utm_medium=_param(link.url, "utm_medium"),
        utm_campaign=_param(link.url, "utm_campaign"),
        utm_content=uid[:12],
        utm_term=_param(link.url, "utm_term"),
        url=link.url,
        purpose=(values.get("purpose") or "").strip()[:200],
        created_by=author,
    )
    db.session.add(record)
    return record, link


def _param(url: str, name: str) -> str:
    return dict(parse_qsl(urlsplit(url).query)).get(name, "")


def history() -> Select[tuple[LinkRecord]]:
    """Links made on the Links page, newest first, with their authors."""
    return (
        select(LinkRecord)
        .options(joinedload(LinkRecord.created_by))
        .order_by(LinkRecord.created_at.desc(), LinkRecord.id.desc())
    )
