"""The cost-and-return chart: round gridlines, month names, a legend in words, escaped text."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from calendar_app.web.charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    cost_and_return,
    gridlines,
    month_label,
    tick_label,
)


def months(*figures: tuple[str, str, str]) -> list[tuple[str, Decimal, Decimal]]:
    """``("2026-11", "700", "1160")`` as the report gives them."""
    return [(month, Decimal(cost), Decimal(gain)) for month, cost, gain in figures]


def texts(svg: str) -> list[str]:
    """The words drawn in the chart (not its title, description or tooltips)."""
    return re.findall(r"<text [^>]*>([^<]*)", svg)


def gridline_labels(svg: str) -> list[str]:
    return [label for label in texts(svg) if label and label[0].isdigit()]


@pytest.mark.parametrize(
    ("top", "values"),
    [
        ("0", [0, 1, 2]),  # all-zero months
        ("-5", [0, 1, 2]),
        ("0.01", [0, 1, 2]),
        ("1", [0, 1, 2]),
        ("3", [0, 1, 2, 3]),
        ("7", [0, 2, 4, 6, 8]),
        ("60", [0, 20, 40, 60]),
        ("99.99", [0, 25, 50, 75, 100]),
        ("1000", [0, 250, 500, 750, 1000]),
        ("1160", [0, 500, 1000, 1500]),
        ("7400.50", [0, 2000, 4000, 6000, 8000]),
        ("2400000", [0, 1_000_000, 2_000_000, 3_000_000]),
        ("3400000000", [0, 10**9, 2 * 10**9, 3 * 10**9, 4 * 10**9]),
    ],
)
def test_gridlines_are_three_to_five_round_amounts_reaching_the_top(top, values) -> None:
    assert gridlines(Decimal(top)) == [Decimal(v) for v in values]


@pytest.mark.parametrize("top", ["9", "11", "101", "4999", "123456.78", "98765432"])
def test_any_top_gets_three_to_five_whole_gridlines_with_the_top_below_the_last(top) -> None:
    lines = gridlines(Decimal(top))
    assert 3 <= len(lines) <= 5 and lines[0] == 0 and lines[-2] < Decimal(top) <= lines[-1]
    assert all(line == line.to_integral_value() for line in lines)


@pytest.mark.parametrize(
    ("top", "labels"),
    [
        ("1160", ["0", "500", "1,000", "1,500"]),
        ("7400", ["0", "2,000", "4,000", "6,000", "8,000"]),
        ("9000", ["0", "2.5k", "5k", "7.5k", "10k"]),  # 10,000 at the top: all in thousands
        ("25000", ["0", "10k", "20k", "30k"]),
        ("1000000", ["0", "0.25M", "0.5M", "0.75M", "1M"]),
        ("2400000", ["0", "1M", "2M", "3M"]),
        ("3400000000", ["0", "1bn", "2bn", "3bn", "4bn"]),
    ],
)
def test_gridline_labels_are_short_and_in_one_unit(top, labels) -> None:
    lines = gridlines(Decimal(top))
    assert [tick_label(value, lines[-1]) for value in lines] == labels


def test_the_chart_draws_its_gridlines_with_their_amounts_and_an_axis_title() -> None:
    svg = str(cost_and_return(months(("2026-11", "700", "1160"))))
    assert gridline_labels(svg) == ["0", "500", "1,000", "1,500"]
    assert svg.count(f'<line x1="{LEFT}"') == 4 and "Amount" in texts(svg)


@pytest.mark.parametrize(
    ("month", "with_year", "label"),
    [
        ("2026-11", False, ("Nov", "")),
        ("2027-01", True, ("Jan", "2027")),
        ("2026-12", True, ("Dec", "2026")),
        ("2026-13", True, ("2026-13", "")),  # not a month: shown as it is
        ("Not matched", True, ("Not matched", "")),
    ],
)
def test_month_labels_are_short_names_with_the_year_when_asked(month, with_year, label) -> None:
    assert month_label(month, with_year) == label


def test_the_year_shows_under_the_first_month_and_where_it_changes() -> None:
    year = [f"2026-{m:02d}" for m in range(2, 13)] + ["2027-01"]
    svg = str(cost_and_return(months(*((m, "100", "150") for m in year))))
    labels = re.findall(r'<text [^>]*text-anchor="middle"[^>]*>(\w+)(?:<tspan[^>]*>(\d+))?', svg)
    assert labels == [("Feb", "2026")] + [
        (name, "") for name in "Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    ] + [("Jan", "2027")]
    assert svg.count("<rect ") == 24  # cost and return for twelve months


def test_the_legend_names_each_bar_in_words_and_the_hatching_marks_below_cost() -> None:
    svg = str(cost_and_return(months(("2026-10", "500", "800"), ("2026-11", "700", "300"))))
    legend = svg[svg.index("<figcaption>") : svg.index("</figcaption>")]
    assert re.findall(r"</svg>([^<]+)</li>", legend) == [
        "Cost",
        "Return at or above cost",
        "Return below cost",
    ]
    assert 'fill="#15803d"><title>October 2026 return: 800.00</title>' in svg
    assert (
        'fill="url(#chart-below-cost)"><title>November 2026 return (below cost): 300.00</title>'
        in svg
    )
    assert '<pattern id="chart-below-cost"' in svg and "style=" not in svg and "<script" not in svg


def test_title_description_and_tooltips_stay_and_amounts_use_the_given_formatter() -> None:
    svg = str(cost_and_return(months(("2026-11", "700", "1160")), money=lambda v: f"€{v:,.0f}"))
    assert '<title id="chart-title">Cost and return per month</title>' in svg
    assert '<desc id="chart-desc">November 2026: cost €700, return €1,160</desc>' in svg
    assert "<title>November 2026 cost: €700</title>" in svg
    assert "<title>November 2026 return: €1,160</title>" in svg


def test_without_a_formatter_amounts_read_as_before() -> None:
    svg = str(cost_and_return(months(("2026-11", "1234.5", "99"))))
    assert "November 2026: cost 1,234.50, return 99.00" in svg


def test_text_in_the_chart_is_escaped() -> None:
    svg = str(
        cost_and_return(
            months(("<script>alert(1)</script>", "1", "2")),
            money=lambda v: f'"{v}" & <b>',
        )
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&#34;1&#34; &amp; &lt;b&gt;" in svg


def test_one_month_gets_one_pair_of_bars_centred() -> None:
    svg = str(cost_and_return(months(("2026-11", "700", "1160"))))
    x = [float(v) for v in re.findall(r'<rect x="([\d.]+)"', svg)]
    middle = LEFT + (WIDTH - LEFT - RIGHT) / 2  # of the plot
    assert len(x) == 2 and x[0] + 28 + 1 == pytest.approx(middle) == x[1] - 1


def test_all_zero_months_draw_flat_bars_on_a_0_to_2_axis() -> None:
    svg = str(cost_and_return(months(("2026-10", "0", "0"), ("2026-11", "0", "0"))))
    assert gridline_labels(svg) == ["0", "1", "2"]
    assert re.findall(r'height="([\d.]+)"', svg)[-4:] == ["0.0"] * 4
    assert "return: 0.00" in svg and "(below cost)" not in svg  # 0 is not below 0


def test_millions_beside_small_amounts_still_show_every_bar() -> None:
    svg = str(cost_and_return(months(("2026-10", "2400000", "3"), ("2026-11", "15", "1800000"))))
    assert gridline_labels(svg) == ["0", "1M", "2M", "3M"]
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert min(heights) == 1.0 and max(heights) == pytest.approx(2.4 / 3 * (HEIGHT - TOP - BOTTOM))


def test_a_negative_figure_is_an_empty_bar_not_a_broken_one() -> None:
    svg = str(cost_and_return(months(("2026-11", "100", "-40"))))
    assert 'height="0.0" fill="url(#chart-below-cost)"' in svg


def test_no_months_draw_nothing() -> None:
    assert str(cost_and_return([])) == ""


def test_the_axis_title_names_the_currency_when_given() -> None:
    from decimal import Decimal

    from calendar_app.web.charts import cost_and_return

    months = [("2026-11", Decimal(700), Decimal(1160))]
    assert ">Amount (zł)</text>" in str(cost_and_return(months, unit="zł"))
    assert ">Amount</text>" in str(cost_and_return(months))
    assert ">Amount (&lt;b&gt;)</text>" in str(cost_and_return(months, unit="<b>"))
