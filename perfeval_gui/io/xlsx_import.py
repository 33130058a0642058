"""Import forms from an .xlsx workbook: the printed layout or the flat layout, one form per sheet.

:func:`read_workbook` checks the file (:mod:`perfeval_gui.io.xlsx_safety`), reads each sheet
by its labels (:mod:`perfeval_gui.io.xlsx_layout_reader`, :mod:`perfeval_gui.io.xlsx_table`,
:mod:`perfeval_gui.io.xlsx_flat_reader`) and reports, with sheet, row and column, whatever it
could not understand or did not import. A workbook perfeval exported also carries a hidden
``perfeval`` sheet; see :mod:`perfeval_gui.io.xlsx_hidden` for which one wins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_export import write_form_sheet
from perfeval_gui.io.xlsx_flat_reader import read_flat
from perfeval_gui.io.xlsx_grid import Grid, ImportNote
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET, add_invisible, read_hidden
from perfeval_gui.io.xlsx_layout_reader import LayoutHeader, has_layout_labels, read_header
from perfeval_gui.io.xlsx_safety import open_workbook, read_checked_bytes
from perfeval_gui.io.xlsx_table import (
    Table,
    cell_in,
    find_header_row,
    is_total_label,
    read_rows,
)
from perfeval_gui.io.xlsx_table import read_header as read_table_header
from perfeval_gui.model.form import AmountUnit, Form, Level1, PrintOptions
from perfeval_gui.model.formatting import format_percent, format_score
from perfeval_gui.model.scoring import compute_totals

__all__ = ["ImportNote", "ImportedSheet", "read_workbook"]

_MAX_NOTED_TEXT = 30
_CENT = Decimal("0.01")


@dataclass
class ImportedSheet:
    """One form read from a sheet, with what the user should check."""

    sheet_name: str
    form: Form
    notes: list[ImportNote] = field(default_factory=list)


def read_workbook(path: Path) -> list[ImportedSheet]:
    """Every form in the workbook at ``path``; raises :class:`FormFileError` for refused files
    and for a workbook without any form."""
    path = Path(path)
    opened = open_workbook(read_checked_bytes(path), path)
    stored, problem = read_hidden(opened.values)
    sheets: list[ImportedSheet] = []
    skipped: list[ImportNote] = []
    visible = [
        ws
        for ws in opened.values.worksheets
        if isinstance(ws, Worksheet) and ws.title != HIDDEN_SHEET  # not chart sheets
    ]
    for ws in visible:
        formulas = opened.formulas[ws.title]
        grid = Grid.from_sheets(ws, formulas if isinstance(formulas, Worksheet) else None)
        found = _read_sheet(grid)
        if not found:
            if grid.values:
                skipped.append(ImportNote(ws.title, None, None, "没有找到自评表，已跳过该工作表"))
            continue
        if len(found) == 1:
            match = stored.get(ws.title)
            if match is None and len(visible) == 1 and len(stored) == 1:
                match = next(iter(stored.values()))  # the sheet was renamed
            if match is not None:
                found = [_with_stored(grid, found[0], match)]
        _note_leftovers(grid)
        # A flat sheet of several projects: its notes are told once, with the first form.
        sheets.extend(
            ImportedSheet(ws.title, form, list(grid.notes) if index == 0 else [])
            for index, form in enumerate(found)
        )
    if not sheets:
        detail = "；".join(f"工作表“{n.sheet}”" for n in skipped) or "工作簿里没有内容"
        raise FormFileError(
            f"没有找到自评表（需要含“三级指标”的表头行或“项目名称”等标签；{detail}）", path
        )
    if problem:
        sheets[0].notes.insert(0, ImportNote(HIDDEN_SHEET, None, None, problem))
    if opened.has_macros:
        sheets[0].notes.insert(
            0, ImportNote(sheets[0].sheet_name, None, None, "工作簿含有宏，宏不会运行，已忽略")
        )
    sheets[0].notes.extend(skipped)
    return sheets


def _read_sheet(grid: Grid) -> list[Form]:
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
        if computed_score is None or _cents(shown_score) != _cents(computed_score):
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
        if shown is not None and _cents(shown) != _cents(computed):
            grid.note(
                table.total_row,
                col,
                f"总分行的{what} {format_score(shown)} 与各项之和 {format_score(computed)} 不同，"
                "以各项之和为准",
            )


def _cents(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _with_stored(grid: Grid, visible: Form, stored: Form) -> Form:
    """The stored form if the sheet is exactly what perfeval wrote for it, else visible + extras."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    write_form_sheet(ws, stored)
    expected = Grid.from_sheets(ws, None)
    if _cells(expected) == _cells(grid) and expected.extent == grid.extent:
        grid.notes.clear()
        grid.consumed.update(grid.values)
        return stored
    grid.note(
        None,
        None,
        "表格内容与隐藏表 perfeval 中的记录不同（导出后被修改过），以可见的表格为准；"
        "评分规则、打印设置、定性指标完成等级取自隐藏表",
    )
    return add_invisible(visible, stored)


def _cells(grid: Grid) -> dict[tuple[int, int], object]:
    """Cell values comparable across a save: numbers as openpyxl writes them (16 significant
    digits), then to 15 (what some programs keep when they save the file again)."""
    return {key: _comparable(v) for key, v in grid.values.items()}


def _comparable(value: object) -> object:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{float(f'{float(value):.16g}'):.15g}"
    return value


def _note_leftovers(grid: Grid) -> None:
    """Report every non-empty cell no reader used: nothing in the sheet is dropped silently."""
    for r, c in grid.occupied():
        if (r, c) in grid.consumed:
            continue
        text = grid.text(r, c)
        shown = text if len(text) <= _MAX_NOTED_TEXT else text[:_MAX_NOTED_TEXT] + "…"
        grid.note(r, c, f"内容“{shown}”不属于自评表的任何栏目，未导入")
