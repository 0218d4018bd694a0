"""Settings → Activity: the workspace's recent changes, newest first, of everyone or of
one member. Every member may read it (viewers too); nobody changes it."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services import history
from calendar_app.web.presentation import page_number, row_id

from . import bp


@bp.route("/settings/activity")
def activity() -> str:
    """A page of recent changes (?page=), filtered by a member (?person=)."""
    people = history.people_in_history()
    person = row_id(request.args.get("person"))
    if person not in {person_id for person_id, _ in people}:
        person = None
    page = page_number()
    records, more = history.recent_activity(person, page)
    shown = {r.entity_id for r in records if r.kind == "item"}
    existing = set(db.session.scalars(select(ScheduleItem.id).where(ScheduleItem.id.in_(shown))))
    return render_template(
        "settings/activity.html",
        records=records,
        people=people,
        person=person,
        page=page,
        more=more,
        item_ids=existing,
        page_size=history.PAGE_SIZE,
    )
