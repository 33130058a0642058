"""One sheet (or one form's part of it) → forms: the printed layout or the flat layout.

Assembles what :mod:`perfeval_gui.io.xlsx_layout_reader`, :mod:`perfeval_gui.io.xlsx_table`
and :mod:`perfeval_gui.io.xlsx_flat_reader` read into :class:`Form` objects, noting each
default used for something the sheet did not say and each derived cell (执行率, 得分 of the
budget row, 总分) that disagrees with the arithmetic.
"""

from __future__ import annotations

import re

from perfeval_gui.io.xlsx_detect import sheet_cues
from perfeval_gui.io.xlsx_flat_reader import read_flat
from perfeval_gui.io.xlsx_form_builder import (
    check_total_row,
    choose_template,
    layout_form,
    read_total_row,
    year_of,
)
from perfeval_gui.io.xlsx_grid import Grid
from perfeval_gui.io.xlsx_layout_reader import has_layout_labels, read_header
from perfeval_gui.io.xlsx_table import find_header_row, header_field, is_total_label, read_rows
from perfeval_gui.io.xlsx_table import read_header as read_table_header
from perfeval_gui.model.form import Form, Level1

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


def read_sheet(grid: Grid, template_key: str | None = None) -> list[Form]:
    """The forms on one sheet (several for a flat sheet of several projects), in the
    template ``template_key``, or the one the sheet looks like."""
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
        total = read_total_row(grid, table)
        columns = set(table.columns) if table else set()
        cues = sheet_cues(grid, columns, head.budget_weight, total.grade is not None)
        template = choose_template(grid, cues, template_key)
        form = layout_form(grid, head, level1, template)
        check_total_row(grid, total, form)
        return [form]
    if table is None:
        return []
    forms = []
    template = choose_template(
        grid, sheet_cues(grid, set(table.columns), None, False), template_key
    )
    for part in read_flat(grid, table):
        fields = part.fields
        year = year_of(grid, fields.get("year"), part.first_row)
        form = Form(
            year=year,
            project_name=fields.get("project_name", ""),
            department=fields.get("department", ""),
            implementing_unit=fields.get("implementing_unit", ""),
            level1=part.level1,
            template=template.key,
        )
        forms.append(form)
    grid.note(
        table.header_row,
        None,
        "这是一行一个三级指标的扁平表，没有项目资金和年度总体目标，请在编辑器中补全",
    )
    return forms
