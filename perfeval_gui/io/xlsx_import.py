"""Import forms from an .xlsx workbook: the printed layout or the flat layout, one form per sheet.

:func:`read_workbook` checks the file (:mod:`perfeval_gui.io.xlsx_safety`), reads each sheet
by its labels (:mod:`perfeval_gui.io.xlsx_layout_reader`, :mod:`perfeval_gui.io.xlsx_table`,
:mod:`perfeval_gui.io.xlsx_flat_reader`) and reports, with sheet, row and column, whatever it
could not understand or did not import. A workbook perfeval exported also carries a hidden
``perfeval`` sheet; see :mod:`perfeval_gui.io.xlsx_hidden` for which one wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_export import write_form_sheet
from perfeval_gui.io.xlsx_grid import Grid, ImportNote
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET, add_invisible, read_hidden
from perfeval_gui.io.xlsx_safety import open_workbook, read_checked_bytes
from perfeval_gui.io.xlsx_sheet_reader import read_sheet, split_forms
from perfeval_gui.model.form import Form
from perfeval_gui.model.limits import length_problems
from perfeval_gui.model.template_catalog import UnknownTemplateError, templates

__all__ = ["ImportNote", "ImportedSheet", "read_workbook"]

_MAX_NOTED_TEXT = 30
_RELATIVE = 1e-14  # about the 15th significant digit


@dataclass
class ImportedSheet:
    """One form read from a sheet, with what the user should check."""

    sheet_name: str
    form: Form
    notes: list[ImportNote] = field(default_factory=list)


def read_workbook(path: Path, template: str | None = None) -> list[ImportedSheet]:
    """Every form in the workbook at ``path``, read in the template ``template`` (a key) or,
    when ``None``, in the one each sheet looks like; raises :class:`FormFileError` for
    refused files, an unknown template and a workbook without any form."""
    path = Path(path)
    if template is not None and template not in templates():
        raise FormFileError(str(UnknownTemplateError(template)), None)
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
        parts = split_forms(grid)
        found_any = False
        for part in parts:
            found = read_sheet(part, template)
            found_any = found_any or bool(found)
            if len(found) == 1 and len(parts) == 1:
                match = stored.get(ws.title)
                if match is None and len(visible) == 1 and len(stored) == 1:
                    match = next(iter(stored.values()))  # the sheet was renamed
                if match is not None:
                    found = [_with_stored(part, found[0], match)]
            if found:
                _note_leftovers(part)
            # A flat sheet of several projects: its notes are told once, with the first form.
            sheets.extend(
                ImportedSheet(ws.title, form, list(part.notes) if index == 0 else [])
                for index, form in enumerate(found)
            )
        if not found_any and grid.values:
            skipped.append(ImportNote(ws.title, None, None, "没有找到自评表，已跳过该工作表"))
    if not sheets:
        detail = "；".join(f"工作表“{n.sheet}”" for n in skipped) or "工作簿里没有内容"
        raise FormFileError(
            f"没有找到自评表（需要含“三级指标”的表头行或“项目名称”等标签；{detail}）", path
        )
    for sheet in sheets:
        if too_long := length_problems(sheet.form):
            raise FormFileError(f"工作表“{sheet.sheet_name}”：" + "；".join(too_long[:5]), path)
    if problem:
        sheets[0].notes.insert(0, ImportNote(HIDDEN_SHEET, None, None, problem))
    if opened.has_macros:
        sheets[0].notes.insert(
            0, ImportNote(sheets[0].sheet_name, None, None, "工作簿含有宏，宏不会运行，已忽略")
        )
    sheets[0].notes.extend(skipped)
    return sheets


def _with_stored(grid: Grid, visible: Form, stored: Form) -> Form:
    """The stored form if the sheet is exactly what perfeval wrote for it, else visible + extras."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    write_form_sheet(ws, stored)
    expected = Grid.from_sheets(ws, None)
    if _same_cells(expected, grid) and expected.extent == grid.extent:
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


def _same_cells(a: Grid, b: Grid) -> bool:
    """Whether two sheets show the same values: numbers equal to 15 significant digits (what
    LibreOffice and some other programs keep when they save the file again)."""
    if a.values.keys() != b.values.keys():
        return False
    return all(_same(v, b.values[key]) for key, v in a.values.items())


def _same(x: object, y: object) -> bool:
    numbers = (int, float, Decimal)
    if isinstance(x, numbers) and isinstance(y, numbers) and bool not in (type(x), type(y)):
        fx, fy = float(x), float(y)
        return fx == fy or abs(fx - fy) <= _RELATIVE * max(abs(fx), abs(fy))
    return x == y


def _note_leftovers(grid: Grid) -> None:
    """Report every non-empty cell no reader used: nothing in the sheet is dropped silently."""
    for r, c in grid.occupied():
        if (r, c) in grid.consumed:
            continue
        text = grid.text(r, c)
        shown = text if len(text) <= _MAX_NOTED_TEXT else text[:_MAX_NOTED_TEXT] + "…"
        grid.note(r, c, f"内容“{shown}”不属于自评表的任何栏目，未导入")
