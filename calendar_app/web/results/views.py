"""Upload analytics exports; costs, values and goals; results per channel and campaign."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import partial

from flask import Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.goals import (
    GOAL_KINDS,
    GOAL_PERIODS,
    KIND_METRICS,
    MAX_GOALS,
    RESULT_METRICS,
    RESULT_SOURCES,
)
from calendar_app.domain.money import money, places, symbol, whole
from calendar_app.domain.results_files import ResultsFileError, given_period
from calendar_app.domain.roi import Summary
from calendar_app.extensions import db
from calendar_app.models import Channel, Goal
from calendar_app.services import goals as goals_service
from calendar_app.services import report
from calendar_app.services import results as service
from calendar_app.services.result_months import not_counted
from calendar_app.services.results_import import ImportStopped, import_results
from calendar_app.web.charts import cost_and_return
from calendar_app.web.forms import show_error
from calendar_app.web.guards import accepts_uploads
from calendar_app.web.presentation import current_workspace, local, row_id

from . import bp
from .cells import figure_cells
from .forms import UploadForm


@bp.route("/", methods=["GET", "POST"])
@accepts_uploads
def index() -> Response | str:
    """The upload form, costs and goals, and the results per channel and month."""
    workspace = current_workspace() or abort(404)
    form = UploadForm()
    if form.validate_on_submit():
        period = None
        try:
            period = given_period(form.starts_on.data, form.ends_on.data)
        except ResultsFileError as exc:
            form.ends_on.errors.append(str(exc))
        if not form.ends_on.errors:
            try:
                summary = import_results(form.file.data.read(), period)
            except ResultsFileError as exc:
                form.file.errors.append(f"Nothing was imported: {exc.problems[0]}")
                form.file.errors.extend(exc.problems[1:])
            except ImportStopped as exc:
                form.file.errors.append(str(exc))
            else:
                flash(summary.text(), "success")
                return redirect(url_for("results.index"))
    built = report.build_report(workspace)
    left_out, partly = not_counted()
    in_currency = partial(money, currency=workspace.currency, locale=workspace.locale)
    goals = list(db.session.scalars(select(Goal).order_by(Goal.id)))
    return render_template(
        "results/index.html",
        form=form,
        report=built,
        chart=cost_and_return(
            built.month_totals()[-12:],
            money=in_currency,
            unit=symbol(workspace.currency, workspace.locale),
        ),
        channels=db.session.scalars(select(Channel).order_by(Channel.name)).all(),
        spend=goals_service.spend_by_channel(),
        goals=goals_service.goal_progress(goals, local(clock.now()).date()),
        goal_kinds=GOAL_KINDS,
        result_metrics=RESULT_METRICS,
        kind_metrics=KIND_METRICS,
        goal_periods=GOAL_PERIODS,
        max_goals=MAX_GOALS,
        unmatched=service.unmatched_rows(),
        cells=partial(figure_cells, locale=workspace.locale, decimals=places(workspace.currency)),
        money=in_currency,
        whole=partial(whole, locale=workspace.locale),
        currency=symbol(workspace.currency, workspace.locale),
        lead_value=workspace.lead_value,
        not_counted=left_out,
        partly_counted=partly,
        source_of_truth=RESULT_SOURCES[workspace.analytics_source],
        sources=RESULT_SOURCES,
    )


def _attempt(change: Callable[[], object], success: str, anchor: str) -> Response:
    """Make a change; its error (nothing saved) or ``success`` is flashed; back to the page."""
    try:
        change()
    except FieldError as exc:
        show_error(exc)
    else:
        flash(success, "success")
    return redirect(url_for("results.index") + f"#{anchor}")


@bp.route("/rates", methods=["POST"])
def rates() -> Response:
    """The hourly rate and the channels' click values."""
    workspace = current_workspace() or abort(404)
    form = request.form.to_dict()
    return _attempt(lambda: service.save_rates(workspace, form), "Rates saved.", "costs")


@bp.route("/spend", methods=["POST"])
def spend() -> Response:
    """A channel's other spend for a month."""
    channel = db.session.get(Channel, row_id(request.form.get("channel_id")) or 0)
    form = request.form
    return _attempt(
        lambda: service.record_spend(
            channel,
            form.get("month", ""),
            form.get("amount", ""),
            form.get("note", ""),
            form.get("hours", ""),
        ),
        "Spend and hours saved.",
        "costs",
    )


@bp.route("/goals", methods=["POST"])
def add_goal() -> Response:
    """A new goal (at most two)."""
    form = request.form.to_dict()
    return _attempt(lambda: service.add_goal(form), "Goal added.", "goals")


@bp.route("/goals/<int:goal_id>/delete", methods=["POST"])
def remove_goal(goal_id: int) -> Response:
    """Remove a goal."""
    service.remove_goal(db.session.get(Goal, goal_id) or abort(404))
    flash("Goal removed.", "success")
    return redirect(url_for("results.index") + "#goals")


CSV_COLUMNS = (
    "kind",
    "name",
    "month",
    "visits",
    "leads",
    "visit_to_lead_percent",
    "customers",
    "revenue",
    "hours",
    "cost",
    "traffic_value",
    "lead_value",
    "return",
    "roi_percent",
    "cost_missing",
)


@bp.route("/report.csv")
def report_csv() -> Response:
    """The table as CSV, one line per channel or campaign and month."""
    built = report.build_report(current_workspace() or abort(404))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for kind, rows in (("channel", built.channels), ("campaign", built.campaigns)):
        for row in rows:
            for month, line in reversed(row.lines):
                figures = _figures(line)
                writer.writerow([kind, spreadsheet_safe(row.name), month, *figures])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="results.csv"'
    return response


def _figures(line: Summary) -> list[object]:
    """A summary's cells, in the order of CSV_COLUMNS; no value is an empty cell."""
    return [
        line.visits,
        line.leads,
        line.conversion if line.conversion is not None else "",
        line.customers,
        line.revenue,
        line.hours,
        line.cost,
        line.traffic_value,
        line.lead_value,
        line.gain,
        line.roi if line.roi is not None else "",
        "yes" if line.cost_missing else "",
    ]


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
