"""Charts drawn on the server as inline SVG (no script, no external file, no inline style)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal

from markupsafe import Markup, escape

# The margins leave room for labels up to 20 units high: a narrow screen's stylesheet
# enlarges the text, which the viewBox would otherwise shrink to half its size.
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 66, 10, 40, 52
MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
FULL_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
COST, AT_OR_ABOVE, BELOW = "#94a3b8", "#15803d", "url(#chart-below-cost)"
LEGEND = (
    ("cost", "Cost"),
    ("above", "Return at or above cost"),
    ("below", "Return below cost"),
)
INK, GRID = "#475569", "#e2e8f0"
STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
UNITS = (  # from which top line on, in what unit
    (Decimal(10) ** 9, Decimal(10) ** 9, "bn"),
    (Decimal(10) ** 6, Decimal(10) ** 6, "M"),
    (Decimal(10) ** 4, Decimal(10) ** 3, "k"),
)

Month = tuple[str, Decimal, Decimal]
Money = Callable[[Decimal], str]


def amount(value: Decimal) -> str:
    """An amount as the chart has always shown it: ``1,160.00`` (no currency)."""
    return f"{value:,.2f}"


def cost_and_return(months: list[Month], money: Money = amount, unit: str = "") -> Markup:
    """Bars per month, cost (grey) beside return (green; red and hatched when below cost).

    ``months`` are ``("2026-11", cost, return)`` oldest first (a dozen fits). A legend in
    words, gridlines at round amounts and month names with the year where it changes
    come with it; ``money`` formats the amounts of the description and the tooltips
    (the axis shows round numbers: ``1,500``, ``25k``, ``2.5M``). All-zero months get an
    axis of 0 to 2; negative figures are drawn as empty bars.
    """
    if not months:
        return Markup("")
    ticks = gridlines(max(max(cost, gain) for _m, cost, gain in months))
    slot = (WIDTH - LEFT - RIGHT) / len(months)
    parts = [
        '<figure class="chart-figure">',
        _legend(),
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Cost and return per month</title>',
        f'<desc id="chart-desc">{escape(_description(months, money))}</desc>',
        _hatching(),
        *_axis(ticks, unit),
    ]
    years = [_year(month) for month, _c, _g in months]
    for index, month in enumerate(months):
        x = LEFT + index * slot + slot / 2
        parts += _bars(month, x, slot, ticks[-1], money)
        new_year = index == 0 or years[index] != years[index - 1]
        parts.append(_month_label(month[0], x, new_year))
    parts.append("</svg></figure>")
    return Markup("".join(parts))


def gridlines(top: Decimal) -> list[Decimal]:
    """Three to five round amounts from 0 to at least ``top``: 1,160 gives 0, 500, 1,000, 1,500.

    Steps are 1, 2, 2.5 or 5 times a power of ten, whole (so 1, 2, 5, 10, 20, 25, 50, …);
    at least two steps, so 0 (all-zero months) or less gives 0, 1, 2.
    """
    exponent = 0
    while True:
        for base in STEPS:
            step = base * Decimal(10) ** exponent
            if step != step.to_integral_value():
                continue  # 2.5: amounts on the axis are whole
            step = step.to_integral_value()
            count = max(2, int((top / step).to_integral_value(rounding=ROUND_CEILING)))
            if count <= 4:
                return [step * n for n in range(count + 1)]
        exponent += 1


def tick_label(value: Decimal, top: Decimal) -> str:
    """An amount on the axis, in the unit of its ``top`` line: ``7,500``, ``25k``, ``2.5M``."""
    for start, size, suffix in UNITS:
        if top >= start and value:
            return f"{(value / size).normalize():f}{suffix}"
    return f"{value:,.0f}"


def month_label(month: str, with_year: bool = False) -> tuple[str, str]:
    """``("Nov", "2026")`` for ``2026-11`` (year only when asked); text that is no month as is."""
    year, number = _parts(month)
    if number is None:
        return month, ""
    return MONTH_NAMES[number - 1], year if with_year else ""


def _parts(month: str) -> tuple[str, int | None]:
    """Year and month number of ``YYYY-MM``; no number when it is something else."""
    year, _, number = month.partition("-")
    if len(year) == 4 and year.isdigit() and number.isdigit() and 1 <= int(number) <= 12:
        return year, int(number)
    return month, None


def _year(month: str) -> str:
    return _parts(month)[0]


def _spoken(month: str) -> str:
    """``November 2026`` for the description and the tooltips."""
    year, number = _parts(month)
    return month if number is None else f"{FULL_MONTH_NAMES[number - 1]} {year}"


def _legend() -> str:
    """What each bar means, in words beside a swatch (hatching tells the red from the green)."""
    items = "".join(
        '<li><svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" '
        f'focusable="false">'
        f"{_swatch(kind)}</svg>{escape(text)}</li>"
        for kind, text in LEGEND
    )
    return f'<figcaption><ul class="chart-legend">{items}</ul></figcaption>'


def _swatch(kind: str) -> str:
    """A legend square drawn on its own (a pattern of the chart is not shared across SVGs)."""
    if kind == "below":
        return (
            '<path d="M0 0h14v14H0z" fill="#b91c1c"/>'
            '<path d="M-2 6l8-8M-2 14l16-16M6 16l8-8" stroke="#fff" stroke-width="2"/>'
        )
    return f'<path d="M0 0h14v14H0z" fill="{COST if kind == "cost" else AT_OR_ABOVE}"/>'


def _hatching() -> str:
    """White diagonal stripes on red: a return below cost, told apart without colour."""
    return (
        '<defs><pattern id="chart-below-cost" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<path d="M0 0h6v6H0z" fill="#b91c1c"/>'
        '<path d="M1 0v6" stroke="#fff" stroke-width="2"/></pattern></defs>'
    )


def _axis(ticks: list[Decimal], unit: str) -> list[str]:
    """Gridlines with their amounts, the baseline, and the axis title above the amounts."""
    parts = []
    for value in ticks:
        y = _y(value, ticks[-1])
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{COST if value == 0 else GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y:.1f}" dy=".35em" text-anchor="end" font-size="12" '
            f'fill="{INK}">{escape(tick_label(value, ticks[-1]))}</text>'
        )
    parts.append(
        f'<text x="4" y="{TOP}" dy="-1em" font-size="12" font-weight="600" '
        f'fill="{INK}">{escape(f"Amount ({unit})" if unit else "Amount")}</text>'
    )
    return parts


def _bars(month: Month, x: float, slot: float, top: Decimal, money: Money) -> list[str]:
    """The cost bar left of ``x`` and the return bar right of it, each with its tooltip."""
    name, cost, gain = month
    width = max(4.0, min(28.0, slot / 2 - 4))
    below = gain < cost
    bars = []
    for offset, value, fill, what in (
        (-width - 1, cost, COST, "cost"),
        (1, gain, BELOW if below else AT_OR_ABOVE, "return (below cost)" if below else "return"),
    ):
        y = _y(value, top)
        if 0 < value and HEIGHT - BOTTOM - y < 1:
            y = HEIGHT - BOTTOM - 1  # a small amount beside millions still shows
        tip = f"{_spoken(name)} {what}: {money(value)}"
        bars.append(
            f'<rect x="{x + offset:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{HEIGHT - BOTTOM - y:.1f}" fill="{fill}"><title>{escape(tip)}</title></rect>'
        )
    return bars


def _month_label(month: str, x: float, with_year: bool) -> str:
    """The month's short name under its bars, and the year beneath when it is new."""
    name, year = month_label(month, with_year)
    below = f'<tspan x="{x:.1f}" dy="1.2em">{escape(year)}</tspan>' if year else ""
    return (
        f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM}" dy="1.4em" text-anchor="middle" '
        f'font-size="12" fill="{INK}">'
        f"{escape(name)}{below}</text>"
    )


def _y(value: Decimal, top: Decimal) -> float:
    """Where an amount sits: 0 on the baseline, ``top`` at the top (below 0 on the baseline)."""
    share = max(Decimal(0), min(value / top, Decimal(1)))
    return HEIGHT - BOTTOM - float(share) * (HEIGHT - TOP - BOTTOM)


def _description(months: list[Month], money: Money) -> str:
    return "; ".join(f"{_spoken(m)}: cost {money(c)}, return {money(g)}" for m, c, g in months)
