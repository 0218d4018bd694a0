"""The figures of a report line as table cells, made in Python: the Results page shows a
few hundred lines, and a template macro per cell made it the page's slowest part."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from calendar_app.domain.roi import Summary


def _roi(value: Decimal | None) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    kind = "good" if value >= 0 else "warn"
    return f'<span class="{kind}">{sign}{value} %</span>'


def figure_cells(line: Summary) -> Markup:
    """The nine ``<td>`` of a line: visits, leads, visit → lead, customers, revenue, hours,
    cost, traffic value and ROI (numbers only; escaped all the same)."""
    cells = (
        f"{line.visits:,}",
        f"{line.leads:,}",
        "–" if line.conversion is None else f"{line.conversion} %",
        f"{line.customers:,}",
        f"{line.revenue:,.2f}",
        str(line.hours),
        f"{line.cost:,.2f}",
        f"{line.traffic_value:,.2f}",
    )
    tds = "".join(f"<td>{escape(cell)}</td>" for cell in cells)
    return Markup(f"{tds}<td>{_roi(line.roi)}</td>")
