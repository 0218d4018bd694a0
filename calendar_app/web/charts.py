"""Charts drawn on the server as inline SVG (no script, no external file, no inline style)."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT, PADDING, AXIS = 640, 220, 28, 40


def cost_and_return(months: list[tuple[str, Decimal, Decimal]]) -> Markup:
    """Bars per month: cost (grey) beside return (green or red when below cost)."""
    if not months:
        return Markup("")
    top = max([max(cost, gain) for _m, cost, gain in months] + [Decimal(1)])
    slot = (WIDTH - AXIS - PADDING) / len(months)
    bar = max(4.0, min(28.0, slot / 2 - 4))
    plot = HEIGHT - 2 * PADDING
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Cost and return per month</title>',
        f'<desc id="chart-desc">{escape(_description(months))}</desc>',
        f'<line x1="{AXIS}" y1="{HEIGHT - PADDING}" x2="{WIDTH - PADDING / 2}" '
        f'y2="{HEIGHT - PADDING}" stroke="#94a3b8"/>',
        f'<text x="{AXIS - 6}" y="{PADDING + 4}" text-anchor="end" font-size="11" '
        f'fill="#475569">{escape(_short(top))}</text>',
    ]
    for index, (month, cost, gain) in enumerate(months):
        x = AXIS + index * slot + slot / 2
        for offset, value, colour, name in (
            (-bar - 1, cost, "#94a3b8", "cost"),
            (1, gain, "#15803d" if gain >= cost else "#b91c1c", "return"),
        ):
            height = float(value / top) * plot
            y = HEIGHT - PADDING - height
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                f'fill="{colour}"><title>{escape(month)} {name}: {value:,.2f}</title></rect>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - PADDING / 2 + 4}" text-anchor="middle" '
            f'font-size="11" fill="#475569">{escape(month[2:])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(value: Decimal) -> str:
    return f"{value / 1000:,.1f}k" if value >= 10_000 else f"{value:,.0f}"


def _description(months: list[tuple[str, Decimal, Decimal]]) -> str:
    return "; ".join(f"{m}: cost {c:,.2f}, return {g:,.2f}" for m, c, g in months)
