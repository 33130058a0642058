"""The 汇总表 as an .xlsx workbook: the table, the totals and native Excel charts.

Sheet 汇总表: one row per form (numbers as numbers with their formats, frozen header,
autofilter), then the 合计 row and, with ``--group-by``, a 小计 row per group below the table
(outside the filter range, so sorting and filtering move only the forms). Sheet 统计: the
totals block, the grade and 执行率 distributions with bar charts, and 得分 against 执行率 as a
scatter chart over the table's own cells. Sheet 无法读取 lists files that could not be read.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.folder import SUMMARY_KEYWORD, FailedFile
from perfeval_gui.io.xlsx_style import (
    AMOUNT_FORMAT,
    BOLD,
    BORDER,
    FONT,
    PERCENT_FORMAT,
    TITLE_FONT,
    amount_format,
    cell_text,
    display_width,
)
from perfeval_gui.model.formatting import format_amount
from perfeval_gui.model.summary import (
    Summary,
    SummaryRow,
    Totals,
    display_name,
    grade_label,
    rate_distribution,
)

TITLE = "财政项目支出绩效自评汇总表"
#: (header, width, number format) of the table's columns.
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("序号", 6, "0"),
    ("项目名称", 28, "@"),
    ("主管部门", 18, "@"),
    ("实施单位", 20, "@"),
    ("年初预算数", 15, AMOUNT_FORMAT),
    ("全年预算数", 15, AMOUNT_FORMAT),
    ("全年执行数", 15, AMOUNT_FORMAT),
    ("执行率", 10, PERCENT_FORMAT),
    ("分值", 7, "General"),
    ("得分", 7, "General"),
    ("等级", 6, "@"),
    ("错误", 6, "0"),
    ("警告", 6, "0"),
    ("文件", 40, "@"),
)
HEADER_ROW = 3
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SCORE_FORMAT = "0.00"


def _row_values(index: int, row: SummaryRow) -> list[object]:
    return [
        index,
        cell_text(display_name(row)),
        cell_text(row.department),
        cell_text(row.implementing_unit),
        row.initial,
        row.adjusted,
        row.executed,
        row.execution_rate,
        row.weight_total,
        row.score_total,
        row.grade,
        row.errors,
        row.warnings,
        cell_text(row.file),
    ]


def _totals_values(label: str, totals: Totals) -> list[object]:
    return [
        None,
        f"{label}（{totals.count} 个项目）",
        None,
        None,
        totals.initial,
        totals.adjusted,
        totals.executed,
        totals.execution_rate,
        None,
        totals.score_mean,
        None,
        totals.errors,
        totals.warnings,
        None,
    ]


class _RowWriter:
    """Writes table rows, styling the first cell of each kind and copying its style after.

    Setting font, border, alignment and format on each of 14,000 cells makes openpyxl hash
    every style object again (over a second for 1,000 forms); a copied style is the same
    indexes into the workbook's style tables, set at no cost.
    """

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self._styles: dict[tuple[int, bool], Any] = {}

    def write(self, r: int, values: Sequence[object], *, bold: bool = False) -> None:
        for c, value in enumerate(values, start=1):
            cell = self.ws.cell(r, c, value)
            known = self._styles.get((c, bold))
            if known is not None:
                cell._style = copy(known)
                _keep_amount_digits(cell, value)
                continue
            cell.number_format = COLUMNS[c - 1][2]
            cell.border = BORDER
            cell.font = BOLD if bold else FONT
            cell.alignment = _WRAP
            if bold:
                cell.fill = _TOTAL_FILL
                if c == 10:
                    cell.number_format = _SCORE_FORMAT  # the mean 得分 has decimals
            self._styles[(c, bold)] = copy(cell._style)
            _keep_amount_digits(cell, value)


def _keep_amount_digits(cell: Any, value: object) -> None:
    """An amount with more than 2 decimals (12.3456 万元) shows them all, as on the form."""
    if cell.number_format == AMOUNT_FORMAT and isinstance(value, Decimal):
        wanted = amount_format(value)
        if wanted != AMOUNT_FORMAT:
            cell.number_format = wanted


def _table_sheet(ws: Worksheet, summary: Summary) -> None:
    ws.title = "汇总表"
    last = get_column_letter(len(COLUMNS))
    ws.cell(1, 1, TITLE).font = TITLE_FONT
    ws.merge_cells(f"A1:{last}1")
    ws.cell(1, 1).alignment = _CENTER
    ws.row_dimensions[1].height = 28
    ws.cell(2, 1, f"金额单位：{summary.unit}　　共 {summary.totals.count} 个项目").font = FONT
    for c, (header, width, _) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, c, header)
        cell.font, cell.border, cell.fill, cell.alignment = BOLD, BORDER, _HEADER_FILL, _CENTER
        longest = max((display_width(str(v)) for v in _column_texts(summary, c)), default=0)
        ws.column_dimensions[get_column_letter(c)].width = max(width, min(longest + 2, 60))
    r = HEADER_ROW
    rows = _RowWriter(ws)
    for r, row in enumerate(summary.rows, start=HEADER_ROW + 1):
        rows.write(r, _row_values(r - HEADER_ROW, row))
    last_data = r
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)  # header rows and 序号/项目名称 stay in view
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(last_data, HEADER_ROW + 1)}"
    r = last_data + 1
    rows.write(r, _totals_values("合计", summary.totals), bold=True)
    for group in summary.groups:
        r += 1
        name = group.name or "（未填写）"
        rows.write(r, _totals_values(f"小计：{name}", group.totals), bold=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


_AMOUNT_FIELDS = {5: "initial", 6: "adjusted", 7: "executed"}


def _column_texts(summary: Summary, column: int) -> list[str]:
    if column in _AMOUNT_FIELDS:  # every figure as shown, the 合计 and 小计 included (no ###)
        name = _AMOUNT_FIELDS[column]
        totals = [summary.totals, *(g.totals for g in summary.groups)]
        values = [getattr(x, name) for x in (*summary.rows[:2000], *totals)]
        return [format_amount(v) for v in values if v is not None]
    if column not in (2, 3, 4):  # only the names vary much in width
        return []
    picks = {2: "project_name", 3: "department", 4: "implementing_unit"}
    return [getattr(row, picks[column]) for row in summary.rows[:2000]]


def _stats_sheet(ws: Worksheet, summary: Summary) -> None:
    ws.title = "统计"
    totals = summary.totals
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 12
    block: list[tuple[str, object, str]] = [
        ("项目数", totals.count, "0"),
        (f"年初预算数合计（{summary.unit}）", totals.initial, AMOUNT_FORMAT),
        (f"全年预算数合计（{summary.unit}）", totals.adjusted, AMOUNT_FORMAT),
        (f"全年执行数合计（{summary.unit}）", totals.executed, AMOUNT_FORMAT),
        ("总体执行率", totals.execution_rate, PERCENT_FORMAT),
        ("平均得分", totals.score_mean, _SCORE_FORMAT),
        ("得分中位数", totals.score_median, _SCORE_FORMAT),
        ("审核错误", totals.errors, "0"),
        ("审核警告", totals.warnings, "0"),
    ]
    ws.cell(1, 1, "合计").font = BOLD
    for r, (label, value, fmt) in enumerate(block, start=2):
        ws.cell(r, 1, label).font = FONT
        cell = ws.cell(r, 2, value)
        cell.number_format, cell.font = fmt, FONT
        _keep_amount_digits(cell, value)
    grade_top = len(block) + 3
    _small_table(
        ws,
        grade_top,
        ("等级", "项目数", "占比"),
        [(grade_label(g.grade), g.count, g.share) for g in totals.grades],
    )
    rates = rate_distribution(summary.rows)
    rate_top = grade_top + len(totals.grades) + 3
    _small_table(ws, rate_top, ("执行率", "项目数"), [(label, n) for label, n in rates])
    _bar_chart(ws, "等级分布", grade_top, len(totals.grades), "E2")
    _bar_chart(ws, "执行率分布", rate_top, len(rates), "E18")
    _scatter_chart(ws, summary, "E34")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _small_table(
    ws: Worksheet, top: int, headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    for c, header in enumerate(headers, start=1):
        cell = ws.cell(top, c, header)
        cell.font, cell.border, cell.fill = BOLD, BORDER, _HEADER_FILL
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            cell.font, cell.border = FONT, BORDER
            cell.number_format = PERCENT_FORMAT if c == 3 else "General"


def _bar_chart(ws: Worksheet, title: str, top: int, count: int, anchor: str) -> None:
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = "项目数"
    chart.legend = None
    chart.add_data(
        Reference(ws, min_col=2, min_row=top, max_row=top + count), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=top + count))
    chart.y_axis.majorGridlines = None
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.width, chart.height = 16, 7.5
    ws.add_chart(chart, anchor)


def _scatter_chart(ws: Worksheet, summary: Summary, anchor: str) -> None:
    """得分 (y) against 执行率 (x), straight from the 汇总表 sheet's columns."""
    table = ws.parent["汇总表"]
    first, last = HEADER_ROW + 1, HEADER_ROW + max(len(summary.rows), 1)
    chart = ScatterChart()
    chart.title = "得分与执行率"
    chart.style = 13
    chart.x_axis.title = "执行率"
    chart.y_axis.title = "得分"
    chart.x_axis.number_format = "0%"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    xs = Reference(table, min_col=8, min_row=first, max_row=last)
    ys = Reference(table, min_col=10, min_row=first, max_row=last)
    series = Series(ys, xs, title="项目")
    series.marker.symbol = "circle"
    series.marker.size = 6
    series.marker.graphicalProperties.solidFill = "C0504D"
    series.marker.graphicalProperties.line.solidFill = "C0504D"
    series.graphicalProperties.line.noFill = True  # points only, no line joining them
    chart.series.append(series)
    chart.width, chart.height = 16, 9
    ws.add_chart(chart, anchor)


def _failed_sheet(ws: Worksheet, failed: Sequence[FailedFile]) -> None:
    ws.title = "无法读取"
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 80
    for c, header in enumerate(("文件", "原因"), start=1):
        ws.cell(1, c, header).font = BOLD
    for r, item in enumerate(failed, start=2):
        ws.cell(r, 1, cell_text(str(item.path))).font = FONT
        ws.cell(r, 2, cell_text(item.reason)).font = Font(name=FONT.name, size=FONT.size)


def summary_workbook_bytes(summary: Summary, failed: Sequence[FailedFile] = ()) -> bytes:
    """The .xlsx bytes of the 汇总表 (marked so that folder scans skip it)."""
    workbook = Workbook()
    table = workbook.active
    assert table is not None
    _table_sheet(table, summary)
    _stats_sheet(workbook.create_sheet(), summary)
    if failed:
        _failed_sheet(workbook.create_sheet(), failed)
    workbook.properties.title = TITLE
    workbook.properties.creator = "perfeval"
    workbook.properties.keywords = SUMMARY_KEYWORD
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
