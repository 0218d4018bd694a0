"""Results: an analytics export uploaded as on the Results page (the same reader, the same
refusals, nothing stored from a bad file), and the report the page and its CSV show."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import abort

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.results_files import ResultsFileError, given_period
from calendar_app.services import report
from calendar_app.services.report import NOT_MATCHED, Report, Row
from calendar_app.services.results_import import ImportStopped, import_results
from calendar_app.services.top_content import top_posts
from calendar_app.web.guards import accepts_uploads
from calendar_app.web.presentation import current_workspace, local
from calendar_app.web.results.top import DEFAULT_DAYS

from . import bp
from .common import MULTIPART, refusal, role_may
from .problems import problem
from .results_schemas import ImportOut, ReportArgs, ReportOut, ResultsFileIn


@bp.route("/v1/results/imports", methods=["POST"])
@accepts_uploads
@bp.arguments(ResultsFileIn, location=MULTIPART)
@bp.response(200, ImportOut)
@refusal(403, "Your role may not import results.")
@refusal(409, "Another import wrote results meanwhile; send it again.")
@refusal(413, "The file is larger than the upload limit (16 MB).")
@refusal(422, "The file is refused; every problem is named, none stored.")
def import_file(upload: dict[str, Any]) -> Any:
    """Import a results CSV (GA4, Plausible or our own) as the Results page does."""
    role_may(permissions.RESULTS)
    try:
        covered = given_period(upload.get("starts_on"), upload.get("ends_on"))
    except ResultsFileError as error:
        abort(problem(422, str(error), [{"field": "ends_on", "detail": str(error)}]))
    try:
        return import_results(upload["file"].read(), covered)
    except ResultsFileError as error:
        errors = [{"field": "file", "detail": text} for text in error.problems]
        abort(problem(422, f"Nothing was imported: {error.problems[0]}", errors))
    except ImportStopped as stopped:
        abort(problem(409, str(stopped)))


@bp.route("/v1/results/report")
@bp.arguments(ReportArgs, location="query")
@bp.response(200, ReportOut)
@refusal(404, "The workspace is not set up yet.")
def results_report(args: dict[str, Any]) -> Any:
    """The Results report by channel, campaign, month or post (the 50 best) over a period."""
    workspace = current_workspace() or abort(404)
    first, last, by = args.get("first"), args.get("last"), args["by"]
    body: dict[str, Any] = {"by": by, "currency": workspace.currency}
    if by == "post":
        last = last or local(clock.now()).date()
        first = first or last - timedelta(days=DEFAULT_DAYS - 1)
        return body | {"first": first, "last": last, "posts": top_posts(first, last)}
    built = report.build_report(workspace)
    body |= {"first": first, "last": last}
    if by == "month":
        totals = built.month_totals()
        return body | {"months": [_month(t) for t in reversed(totals) if _within(t[0], args)]}
    return body | {"rows": _rows(built, by, args)}


def _within(month: str, args: dict[str, Any]) -> bool:
    """Whether a ``YYYY-MM`` month has a day in the period asked for (open at either end)."""
    first: date | None = args.get("first")
    last: date | None = args.get("last")
    return (first is None or month >= f"{first:%Y-%m}") and (
        last is None or month <= f"{last:%Y-%m}"
    )


def _month(total: tuple[str, Any, Any]) -> dict[str, Any]:
    month, cost, gain = total
    return {"month": month, "cost": cost, "gain": gain}


def _rows(built: Report, by: str, args: dict[str, Any]) -> list[dict[str, Any]]:
    """Channels (with the verdict the page shows) or campaigns, their months in the period."""
    rows: list[Row] = built.channels if by == "channel" else built.campaigns
    return [
        {
            "name": row.name,
            "verdict": row.verdict if by == "channel" and row.name != NOT_MATCHED else None,
            "months": [
                {"month": month} | vars(line) for month, line in row.lines if _within(month, args)
            ],
        }
        for row in rows
    ]
