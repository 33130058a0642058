"""The 汇总表's charts as reportlab vector drawings (no images): grade distribution, 执行率
distribution, and 得分 against 执行率."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import ScatterPlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from perfeval_gui.model.summary import SummaryRow, Totals, grade_label, rate_distribution

WIDTH = 245.0
HEIGHT = 180.0
_BAR = colors.HexColor("#4A6FA5")
_POINT = colors.HexColor("#C0504D")


def _frame(title: str, font: str) -> Drawing:
    drawing = Drawing(WIDTH, HEIGHT)
    drawing.initialFontName = font  # else reportlab starts each drawing in (unembedded) Helvetica
    drawing.add(
        String(WIDTH / 2, HEIGHT - 12, title, fontName=font, fontSize=10, textAnchor="middle")
    )
    return drawing


def _nice_top(value: int) -> int:
    """An axis top at or above ``value`` with at most 5 whole-number steps."""
    top = max(value, 1)
    step = max(1, -(-top // 5))
    return step * -(-top // step)


def bar_chart(title: str, labels: Sequence[str], counts: Sequence[int], font: str) -> Drawing:
    """Columns of ``counts`` (forms) over ``labels``, each with its count printed on top."""
    drawing = _frame(title, font)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 36
    chart.width, chart.height = WIDTH - 46, HEIGHT - 74
    chart.data = [list(counts)]
    chart.bars[0].fillColor = _BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 0 if len(labels) <= 4 else 25
    chart.categoryAxis.labels.boxAnchor = "n" if len(labels) <= 4 else "ne"
    top = _nice_top(max(counts, default=0))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, top // 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    drawing.add(chart)
    drawing.add(String(6, HEIGHT - 26, "项目数", fontName=font, fontSize=7))
    return drawing


def grade_chart(totals: Totals, font: str) -> Drawing:
    """How many forms got each grade."""
    return bar_chart(
        "等级分布",
        [grade_label(g.grade) for g in totals.grades],
        [g.count for g in totals.grades],
        font,
    )


def rate_chart(rows: Sequence[SummaryRow], font: str) -> Drawing:
    """How many forms fall in each 执行率 band."""
    bands = rate_distribution(rows)
    return bar_chart("执行率分布", [b for b, _ in bands], [n for _, n in bands], font)


def _percent(rate: Decimal) -> float:
    # Plotting only: a chart position needs no exact digits (the tables print those).
    return float(rate * 100)


def scatter_chart(rows: Sequence[SummaryRow], font: str) -> Drawing:
    """One point per form: 执行率 (%) across, 得分 up (forms without 执行率 are left out)."""
    drawing = _frame("得分与执行率", font)
    points = [
        (_percent(r.execution_rate), float(r.score_total))
        for r in rows
        if r.execution_rate is not None
    ]
    plot = ScatterPlot()
    plot.x, plot.y = 34, 34
    plot.width, plot.height = WIDTH - 50, HEIGHT - 72
    plot.data = [points or [(0.0, 0.0)]]
    plot.lines[0].strokeColor = None if points else colors.white
    plot.lines[0].symbol = makeMarker("FilledCircle", size=3.5, fillColor=_POINT)
    if not points:
        plot.lines[0].symbol = None
    plot.lineLabelFormat = None
    plot.outerBorderOn = 0
    plot.background = None
    xs = [p[0] for p in points] or [0.0]
    plot.xValueAxis.valueMin = min(0.0, *xs)
    plot.xValueAxis.valueMax = max(100.0, *xs)
    plot.xValueAxis.labelTextFormat = "%d%%"
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(100.0, *(p[1] for p in points)) if points else 100.0
    plot.yValueAxis.labelTextFormat = "%d"
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
    plot.xLabel = ""
    plot.yLabel = ""
    drawing.add(plot)
    drawing.add(String(6, HEIGHT - 26, "得分", fontName=font, fontSize=7))
    drawing.add(String(WIDTH - 6, 6, "执行率", fontName=font, fontSize=7, textAnchor="end"))
    return drawing
