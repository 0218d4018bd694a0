"""The figures of a report line as table cells, made in Python: the Results page shows a
few hundred lines, and a template macro per cell made it the page's slowest part."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from calendar_app.domain.money import amount, whole
from calendar_app.domain.roi import Summary


def _roi(value: Decimal | None) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    kind = "good" if value >= 0 else "warn"
    return f'<span class="{kind}">{sign}{value} %</span>'


def figure_cells(line: Summary, locale: str = "en", decimals: int = 2) -> Markup:
    """The ten ``<td>`` of a line: visits, leads, visit → lead, customers, revenue, hours,
    cost, traffic value, lead value and ROI (numbers only, written as ``locale`` writes
    them; escaped all the same). A month with results but no time or spend recorded says
    so instead of a cost of 0."""
    cells = (
        whole(Decimal(line.visits), locale),
        whole(Decimal(line.leads), locale),
        "–" if line.conversion is None else f"{line.conversion} %",
        whole(Decimal(line.customers), locale),
        amount(line.revenue, locale, decimals),
        str(line.hours),
    )
    tds = "".join(f"<td>{escape(cell)}</td>" for cell in cells)
    cost = (
        '<td><span class="warn">no cost recorded</span></td>'
        if line.cost_missing
        else f"<td>{escape(amount(line.cost, locale, decimals))}</td>"
    )
    values = "".join(
        f"<td>{escape(amount(value, locale, decimals))}</td>"
        for value in (line.traffic_value, line.lead_value)
    )
    return Markup(f"{tds}{cost}{values}<td>{_roi(line.roi)}</td>")
