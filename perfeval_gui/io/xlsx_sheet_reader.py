"""One sheet (or one form's part of it) → forms: the printed layout or the flat layout.

Assembles what :mod:`perfeval_gui.io.xlsx_layout_reader`, :mod:`perfeval_gui.io.xlsx_table`
and :mod:`perfeval_gui.io.xlsx_flat_reader` read into :class:`Form` objects, noting each
default used for something the sheet did not say and each derived cell (执行率, 得分 of the
budget row, 总分) that disagrees with the arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from perfeval_gui.io.xlsx_flat_reader import read_flat
from perfeval_gui.io.xlsx_grid import Grid
from perfeval_gui.io.xlsx_layout_reader import LayoutHeader, has_layout_labels, read_header
from perfeval_gui.io.xlsx_table import (
    Table,
    cell_in,
    find_header_row,
    header_field,
    is_total_label,
    read_rows,
)
from perfeval_gui.io.xlsx_table import read_header as read_table_header
from perfeval_gui.model.form import AmountUnit, Form, Level1, PrintOptions
from perfeval_gui.model.formatting import format_percent, format_score
from perfeval_gui.model.rounding import same_when_printed
from perfeval_gui.model.scoring import compute_totals

_LABEL_WIDTH = 3
_YEAR_LINE = re.compile(r"^\(?\d{4}年度?\)?$")


def split_forms(grid: Grid) -> list[Grid]:
    """One part per printed form on the sheet: units sometimes put several projects one
    under another. A form starts at its title lines above its own 项目名称 label."""
    rows = sorted(
        {
            r
            for r, _ in grid.find(_is_project_label, max_width=_LABEL_WIDTH)
            if not any(header_field(grid.label(r, c)) == "name" for c in grid.row_cells(r))
        }
    )
    # Only a 项目名称 below a 总分 row starts another form (a 三级 may be named 项目名称).
    totals = [r for r, _ in grid.find(is_total_label)]
    rows = [r for i, r in enumerate(rows) if i == 0 or any(rows[i - 1] < t < r for t in totals)]
    if len(rows) < 2:
        return [grid]
    starts = [1, *(_form_start(grid, r) for r in rows[1:])]
    stops = [*starts[1:], grid.max_row + 1]
    parts = [grid.subgrid(range(a, b)) for a, b in zip(starts, stops, strict=True)]
    parts[0].note(None, None, f"此工作表中有 {len(parts)} 张自评表（各有“项目名称”），已分别导入")
    return parts


def _is_project_label(label: str) -> bool:
    return label == "项目名称" or label.startswith("项目名称:")


def _form_start(grid: Grid, label_row: int) -> int:
    """The first row of the form whose 项目名称 is on ``label_row``: up over blank rows and
    title, year, unit and 附件 lines."""
    start = label_row
    for r in range(label_row - 1, 0, -1):
        cells = grid.row_cells(r)
        if cells and not all(_title_like(grid, r, c) for c in cells):
            break
        start = r if cells else start
    return start


def _title_like(grid: Grid, row: int, col: int) -> bool:
    label = grid.label(row, col)
    r0, c0, _, c1 = grid.span(row, col)
    if r0 != row:
        return False  # a cell merged down from the form above
    return bool(
        "自评表" in label
        or _YEAR_LINE.match(label)
        or label.startswith(("单位", "金额单位", "(单位", "附件", "附表"))
        or c1 - c0 >= _LABEL_WIDTH
    )


def read_sheet(grid: Grid) -> list[Form]:
    """The forms on one sheet (several for a flat sheet of several projects)."""
    header_row = find_header_row(grid)
    table = None
    if header_row is not None:
        table = read_table_header(grid, header_row)
    if has_layout_labels(grid, table):
        head = read_header(grid, table)
        level1: list[Level1] = []
        if table is None:
            grid.note(
                None, None, "没有找到绩效指标表（含“三级指标”的表头行），只导入了表头和项目资金"
            )
        else:
            level1, _ = read_rows(grid, table)
        form = _layout_form(grid, head, level1)
        if table is not None:
            _check_total_row(grid, table, form)
        return [form]
    if table is None:
        return []
    forms = []
    for part in read_flat(grid, table):
        fields = part.fields
        year = _year(grid, fields.get("year"), part.first_row)
        form = Form(
            year=year,
            project_name=fields.get("project_name", ""),
            department=fields.get("department", ""),
            implementing_unit=fields.get("implementing_unit", ""),
            level1=part.level1,
        )
        forms.append(form)
    grid.note(
        table.header_row,
        None,
        "这是一行一个三级指标的扁平表，没有项目资金和年度总体目标，请在编辑器中补全",
    )
    return forms


def _layout_form(grid: Grid, head: LayoutHeader, level1: list[Level1]) -> Form:
    """Assemble the form, noting every default used for something the sheet did not say."""
    has_funds = any(
        getattr(getattr(head.funds, row), col) is not None
        for row in ("total", "current_year_appropriation", "carried_over", "other")
        for col in ("initial", "adjusted", "executed")
    )
    unit = head.amount_unit
    if unit is None:
        unit = AmountUnit.YUAN
        if has_funds:
            grid.note(None, None, "没有找到金额单位（如“项目资金（万元）”），按“元”导入")
    year = _year(grid, str(head.year) if head.year else None, None)
    budget_weight = head.budget_weight
    if budget_weight is None:
        budget_weight = Decimal(10)
        if has_funds:
            grid.note(None, None, "年度资金总额行没有分值，按 10 分导入")
    options = PrintOptions()
    if head.signature_labels:
        options = PrintOptions(signature_block=True, signature_labels=head.signature_labels)
    form = Form(
        title=head.title,
        year=year,
        project_name=head.project_name,
        department=head.department,
        implementing_unit=head.implementing_unit,
        amount_unit=unit,
        funds=head.funds,
        budget_weight=budget_weight,
        goals=head.goals,
        level1=level1,
        print_options=options,
    )
    _check_budget(grid, head, form)
    return form


def _year(grid: Grid, text: str | None, row: int | None) -> int:
    fallback = dt.datetime.now(tz=dt.UTC).year - 1
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())[:4]
        if len(digits) == 4 and 1900 <= int(digits) <= 9999:
            return int(digits)
    grid.note(row, None, f"没有找到年度（如“（2023 年度）”），按 {fallback} 年导入")
    return fallback


def _check_budget(grid: Grid, head: LayoutHeader, form: Form) -> None:
    """Derived cells are recomputed; say so where the sheet showed something else."""
    totals = compute_totals(form)
    if head.execution_rate is not None and totals.execution_rate is not None:
        shown, computed = format_percent(head.execution_rate), format_percent(totals.execution_rate)
        if shown != computed:
            grid.note(
                None,
                None,
                f"表中执行率 {shown} 与按全年执行数÷全年预算数计算的 {computed} 不同，以计算值为准",
            )
    if head.budget_score is not None:
        row, col, shown_score = head.budget_score
        computed_score = totals.budget_score
        if computed_score is None or not same_when_printed(shown_score, computed_score):
            computed_text = format_score(computed_score) or "（无法计算）"
            grid.note(
                row,
                col,
                f"表中预算执行率得分 {format_score(shown_score)} 与计算值 {computed_text} 不同，"
                "以计算值为准",
            )


def _check_total_row(grid: Grid, table: Table, form: Form) -> None:
    if table.total_row is None:
        return
    totals = compute_totals(form)
    for r_c in grid.find(is_total_label, range(table.total_row, table.total_row + 1)):
        grid.consume(*r_c)
    for key, computed, what in (
        ("weight", totals.weight_total, "分值"),
        ("score", totals.score_total, "得分"),
    ):
        if key not in table.columns:
            continue
        col = cell_in(grid, table.total_row, table.columns[key])
        if col is None:
            continue
        grid.consume(table.total_row, col)
        shown = grid.decimal(table.total_row, col, f"总分行{what}")
        if shown is not None and not same_when_printed(shown, computed):
            grid.note(
                table.total_row,
                col,
                f"总分行的{what} {format_score(shown)} 与各项之和 {format_score(computed)} 不同，"
                "以各项之和为准",
            )
