"""What a plan file would change, worked out without changing anything, and applying it
only if it still changes exactly that.

The preview runs the real import inside a unit of work and then rolls it back, so
it counts with the same rules, checks and re-planning as the import itself. Applying
runs the import again in one unit of work and compares what it did with what the
preview showed: if someone changed the plan in between, everything is rolled back
and the new outcome is returned to be shown (and applied) instead.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from calendar_app.domain.plan_format import Plan

from .planner import PlanStats
from .plans import ImportReport, import_plan
from .transaction import unit_of_work


class _DryRun(Exception):
    """Raised inside the unit of work so that it rolls everything back."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


class PreviewOutdated(Exception):
    """The plan changed since the preview; nothing was applied. ``report`` is the new outcome."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("The plan changed since the preview; nothing was applied.")
        self.report = report


def preview_plan(plan: Plan, now: datetime) -> ImportReport:
    """What importing ``plan`` would create and change; nothing is stored.

    A plan that cannot be imported raises PlanError, as the import does.
    """
    try:
        with unit_of_work():
            raise _DryRun(import_plan(plan, now))
    except _DryRun as done:
        return done.report


def apply_previewed_plan(plan: Plan, now: datetime, previewed: ImportReport) -> ImportReport:
    """Import ``plan`` if it changes exactly what the preview showed; else PreviewOutdated
    with the new outcome, and nothing stored."""
    try:
        with unit_of_work():
            report = import_plan(plan, now)
            if report != previewed:
                raise _DryRun(report)
    except _DryRun as changed:
        raise PreviewOutdated(changed.report) from None
    return report


def report_values(report: ImportReport) -> dict[str, Any]:
    """The counts of a report as plain values, to be signed and sent back with the file."""
    return asdict(report)


def report_from_values(values: dict[str, Any]) -> ImportReport:
    """The report :func:`report_values` gave (from a signed, so trusted, token)."""
    items = values.get("items")
    return ImportReport(**{**values, "items": PlanStats(**items) if items is not None else None})
