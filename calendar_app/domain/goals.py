"""Goals and result sources: what a goal may count for its kind, the period it is judged
in, and which analytics source is trusted first. Pure domain code."""

from __future__ import annotations

from datetime import date, timedelta

from .text import listed

GOAL_KINDS = {
    "awareness": "Awareness",
    "traffic": "Traffic and leads",
    "community": "Community",
    "sales": "Sales",
}
# What any goal may count (imported results), and what only one kind may (a channel's
# numbers, entered or imported: article 004 measures awareness by reach and community by
# engagement and mentions). Followers are a level; the others add up over the period.
RESULT_METRICS = ("visits", "leads", "customers", "revenue")
KIND_METRICS = {
    "awareness": ("reach", "impressions", "followers"),
    "community": ("engagements", "mentions"),
}
GOAL_METRICS = RESULT_METRICS + tuple(m for metrics in KIND_METRICS.values() for m in metrics)
# Where results come from (a file's kind); "unknown": imported before sources were recorded.
RESULT_SOURCES = {
    "ga4": "Google Analytics 4",
    "plausible": "Plausible",
    "simple": "our own results files",
    "unknown": "imports from before sources were recorded",
}
SOURCES_OF_TRUTH = ("ga4", "plausible", "simple")
# Where two sources report the same traffic, after the source of truth: this order.
SOURCE_ORDER = ("ga4", "plausible", "simple", "unknown")
GOAL_PERIODS = ("month", "quarter", "year")
MAX_GOALS = 2


def goal_metric_problem(kind: str, metric: str) -> str | None:
    """Why a goal about ``kind`` cannot count ``metric``, or None. Results (visits, leads,
    customers, revenue) fit every kind, as they always have; reach, impressions and
    followers fit awareness only, engagements and mentions community only."""
    if metric in RESULT_METRICS or metric in KIND_METRICS.get(kind, ()):
        return None
    if metric not in GOAL_METRICS:
        return f"Choose what to count: {', '.join(GOAL_METRICS)}."
    owner = next(k for k, metrics in KIND_METRICS.items() if metric in metrics)
    fitting = listed([*RESULT_METRICS, *KIND_METRICS.get(kind, ())])
    return (
        f"A goal counting {metric} is about {GOAL_KINDS[owner].lower()}: choose "
        f"{GOAL_KINDS[owner]} under About, or count {fitting}."
    )


def goal_period(period: str, today: date) -> tuple[date, date, str]:
    """The first and last day of the month, quarter or year containing ``today``."""
    if period == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31), f"{today.year}"
    months = 3 if period == "quarter" else 1
    first_month = (today.month - 1) // months * months + 1
    first = date(today.year, first_month, 1)
    following = first_month + months
    last = (
        date(today.year + 1, 1, 1) if following > 12 else date(today.year, following, 1)
    ) - timedelta(days=1)
    if period == "quarter":
        return first, last, f"Q{(first_month - 1) // 3 + 1} {today.year}"
    return first, last, f"{today:%B %Y}"
