"""Top content: the posts that brought the most over a period, and which kinds of content
work (by topic template, purpose and activity)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, abort, render_template, request
from sqlalchemy import select

from calendar_app import clock
from calendar_app.domain.topics import DIMENSIONS, by_kind, comparison
from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services.top_content import SORTS, top_posts, topic_lines
from calendar_app.web.presentation import current_workspace, local, row_id

from . import bp

DEFAULT_DAYS = 90


def _day(name: str, default: date) -> tuple[date, str | None]:
    """A date from the query string, or the default with a reason when it is not one."""
    text = (request.args.get(name) or "").strip()
    if not text:
        return default, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return default, f"{text!r} is not a date like 2026-11-01; showing {default.isoformat()}."


@bp.route("/top")
def top() -> Response | str:
    """The best posts of a period (sorted by any figure, per channel) and results by kind."""
    current_workspace() or abort(404)
    today = local(clock.now()).date()
    last, last_problem = _day("to", today)
    first, first_problem = _day("from", last - timedelta(days=DEFAULT_DAYS - 1))
    problems = [p for p in (first_problem, last_problem) if p]
    if first > last:
        problems.append("The period ends before it starts: showing the 90 days before its end.")
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else "visits"
    channels = db.session.scalars(select(Channel).order_by(Channel.name)).all()
    channel_id = row_id(request.args.get("channel"))
    if channel_id is not None and channel_id not in {c.id for c in channels}:
        channel_id = None
    lines = topic_lines(first, last, channel_id)
    kinds = {dimension: by_kind(lines, dimension) for dimension in DIMENSIONS}
    where = next((c.name for c in channels if c.id == channel_id), "")
    return render_template(
        "results/top.html",
        posts=top_posts(first, last, channel_id, sort),
        kinds=kinds,
        dimensions=DIMENSIONS,
        comparisons={d: comparison(k, where) for d, k in kinds.items()},
        first=first,
        last=last,
        sort=sort,
        sorts=SORTS,
        channels=channels,
        channel_id=channel_id,
        problems=problems,
    )
