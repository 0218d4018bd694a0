"""The board of a date range and the form each card posts to change its status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.board import BoardError, board_range, default_range
from calendar_app.domain.bulk import ITEM_ACTIONS
from calendar_app.domain.errors import FieldError
from calendar_app.domain.item_links import campaign_of
from calendar_app.domain.workflow import status_word
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.agenda import all_channels
from calendar_app.services.board import load_board
from calendar_app.services.campaigns import all_campaigns
from calendar_app.services.items import set_status
from calendar_app.services.owners import members
from calendar_app.web.forms import show_error
from calendar_app.web.guards import plans_ahead
from calendar_app.web.presentation import current_workspace, local, seen_version

from . import bp

# What the board's address may carry, and what each card's form sends back to keep it.
KEPT_ARGUMENTS = ("from", "to", "channel", "campaign")


@bp.route("/board")
@plans_ahead
def index() -> tuple[str, int]:
    """Posts and videos by status: ?from=&to= (YYYY-MM-DD, at most 93 days), ?channel=slug,
    ?campaign=id; a bad value is named on the page, which then shows the default instead."""
    workspace = current_workspace() or abort(404)
    today = local(clock.now()).date()
    errors: dict[str, str] = {}
    first, last = _range(today, errors)
    channels, campaigns = all_channels(), all_campaigns()
    channel = _chosen(channels, "channel", lambda c: c.slug, errors)
    campaign = _chosen(campaigns, "campaign", lambda c: str(c.id), errors)
    board = load_board(workspace, first, last, channel, campaign)
    return render_template(
        "board/index.html",
        board=board,
        channels=channels,
        channel=channel,
        campaigns=campaigns,
        campaign=campaign,
        errors=errors,
        kept={name: request.args.get(name, "") for name in KEPT_ARGUMENTS},
        campaign_of=campaign_of,
        members=members(),
        bulk_actions=ITEM_ACTIONS,
        bulk_statuses=[(column.status, column.word) for column in board.columns],
        today=today,
    ), 400 if errors else 200


def _range(today: date, errors: dict[str, str]) -> tuple[date, date]:
    """The days asked for, else (with the reason in ``errors``) the default ones."""
    try:
        return board_range(request.args.get("from"), request.args.get("to"), today)
    except BoardError as exc:
        errors[exc.field] = exc.message + " Showing this week and the next three."
        return default_range(today)


def _chosen(
    rows: Sequence[Any], name: str, key: Callable[[Any], str], errors: dict[str, str]
) -> Any:
    """The row the address names by ``key`` (None: all, or, noted in ``errors``, unknown)."""
    wanted = request.args.get(name, "")
    if not wanted:
        return None
    found = next((row for row in rows if key(row) == wanted), None)
    if found is None:
        errors[name] = f"There is no {name} {wanted!r}; showing every {name}."
    return found


@bp.route("/board/items/<int:item_id>/status", methods=["POST"])
def move(item_id: int) -> Response:
    """Give a card another status (its form or a drop on a column), then back to the board."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    version = seen_version()
    if version is None:
        flash("That form was incomplete; reload the board and try again.", "error")
    else:
        try:
            set_status(item, request.form.get("status", ""), clock.now(), version, by=current_user)
        except FieldError as exc:
            show_error(exc)
        else:
            flash(f"Moved to {status_word(item.status).lower()}.", "success")
    kept = {name: request.form.get(name, "")[:40] for name in KEPT_ARGUMENTS}
    back = url_for("board.index", **{name: value for name, value in kept.items() if value})
    return redirect(f"{back}#card-{item.id}")
