"""Export a form to .xlsx laid out like the printed 财政项目支出绩效自评表 (FORM-SPEC §2).

One sheet per form: merged 一级/二级 and section labels, thin borders, 宋体, wrapped text,
widths and heights that show every text, A4 print setup. Amounts and scores are numbers
with number formats; 年度指标值/实际完成值 and every other text are text cells, so
``=3 万条/月`` never becomes a formula. What the printed layout cannot show (scoring profile,
print options, qualitative grades, a typed 年度资金总额, exact digits) goes to the hidden
sheet ``perfeval`` (:mod:`perfeval_gui.io.xlsx_hidden`).
"""

from __future__ import annotations

import gc
import io
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.atomic import atomic_write_bytes, describe_os_error
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET, write_hidden
from perfeval_gui.io.xlsx_style import (
    BOLD,
    BORDER,
    CENTER,
    FONT,
    LAST_COLUMN,
    LEFT,
    MAX_ROW_POINTS,
    NO_BORDER,
    PERCENT_FORMAT,
    SCORE_FORMAT,
    TEXT_FORMAT,
    TITLE_FONT,
    TOP_LEFT,
    VERTICAL,
    amount_format,
    cell_text,
    height_for,
    lines_needed,
    points_for,
    rows_for,
    set_columns,
    set_print,
    span_width,
)
from perfeval_gui.model.form import Form, FundRow, Indicator, Level2
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.scoring import compute_totals

#: Rows of the fixed part of the layout (1-based), for tests and the reader's comments.
TITLE_ROW, YEAR_ROW, NAME_ROW, UNITS_ROW, FUNDS_HEADER_ROW, GOALS_HEADER_ROW = 1, 2, 3, 4, 5, 10
INDICATOR_COLUMNS = ("level1", "level2", "name", "target", "actual", "weight", "score")
_FUND_ROWS = (
    FundRow.TOTAL,
    FundRow.CURRENT_YEAR_APPROPRIATION,
    FundRow.CARRIED_OVER,
    FundRow.OTHER,
)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_DASH = "—"


class _Sheet:
    """Writes cells with the form's styles and remembers the height each row needs."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.lines: dict[int, int] = {}
        # Cells merged over several rows: (first row, last row, lines of text they need).
        self.blocks: list[tuple[int, int, int]] = []

    def put(
        self,
        row: int,
        col: int,
        value: str | Decimal | None,
        *,
        to: tuple[int, int] | None = None,
        align: Alignment = CENTER,
        font: Font = FONT,
        number_format: str = TEXT_FORMAT,
        border: bool = True,
    ) -> None:
        """Write ``value`` at (row, col), merged down/right to ``to`` = (last row, last col)."""
        last_row, last_col = to or (row, col)
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, str):
            cell.value = cell_text(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
        elif value is not None:
            # A cell holds a double; converting here (not in openpyxl's writer) makes the
            # sheet compare equal to a fresh export in the importer's "untouched" test.
            cell.value = float(value)
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                target = self.ws.cell(row=r, column=c)
                target.font, target.alignment = font, align
                target.border = BORDER if border else NO_BORDER
                target.number_format = number_format
        if (last_row, last_col) != (row, col):
            self.ws.merge_cells(
                start_row=row, start_column=col, end_row=last_row, end_column=last_col
            )
        if not isinstance(value, str):
            return
        text = cell_text(value)
        # Stacked text needs a line per character; wrapped text as many lines as it wraps to.
        need = len(text) if align is VERTICAL else lines_needed(text, span_width(col, last_col))
        if last_row == row:
            self.lines[row] = max(self.lines.get(row, 1), need)
        else:
            self.blocks.append((row, last_row, need))

    def number(self, row: int, col: int, value: Decimal | None, number_format: str) -> None:
        """A number cell (empty when ``value`` is None)."""
        self.put(row, col, value, number_format=number_format)

    def set_heights(self) -> None:
        """Row heights that show every text, merged blocks included."""
        heights = {row: height_for(lines) for row, lines in self.lines.items()}
        for first, last, lines in self.blocks:
            rows = range(first, last + 1)
            have = sum(heights.get(r, height_for(1)) for r in rows)
            missing = points_for(lines) - have
            if missing > 0:
                for r in rows:
                    grown = heights.get(r, height_for(1)) + missing / len(rows)
                    heights[r] = min(MAX_ROW_POINTS, grown)
        for row, height in heights.items():
            self.ws.row_dimensions[row].height = round(height, 1)


def write_form_sheet(ws: Worksheet, form: Form) -> None:
    """Lay ``form`` out on ``ws`` like the printed form."""
    sheet = _Sheet(ws)
    set_columns(ws)
    sheet.put(TITLE_ROW, 1, form.title, to=(TITLE_ROW, LAST_COLUMN), font=TITLE_FONT, border=False)
    sheet.put(YEAR_ROW, 1, f"（{form.year} 年度）", to=(YEAR_ROW, LAST_COLUMN), border=False)
    sheet.put(NAME_ROW, 1, LABELS["project_name"], to=(NAME_ROW, 2))
    sheet.put(NAME_ROW, 3, form.project_name, to=(NAME_ROW, LAST_COLUMN), align=LEFT)
    sheet.put(UNITS_ROW, 1, LABELS["department"], to=(UNITS_ROW, 2))
    sheet.put(UNITS_ROW, 3, form.department, to=(UNITS_ROW, 5), align=LEFT)
    sheet.put(UNITS_ROW, 6, LABELS["implementing_unit"])
    sheet.put(UNITS_ROW, 7, form.implementing_unit, to=(UNITS_ROW, LAST_COLUMN), align=LEFT)
    _write_funds(sheet, form)
    header_row = _write_goals(sheet, form)
    last_row = _write_indicators(sheet, form, header_row)
    last_row = _write_total(sheet, form, last_row + 1)
    if form.print_options.signature_block:
        last_row = _write_signature(sheet, form, last_row + 2)
    sheet.ws.row_dimensions[TITLE_ROW].height = 30
    sheet.set_heights()
    set_print(ws, form.print_options, header_row, last_row)


def _write_funds(sheet: _Sheet, form: Form) -> None:
    top = FUNDS_HEADER_ROW
    label = f"{LABELS['funds']}（{form.amount_unit.value}）"
    sheet.put(top, 1, label, to=(top + len(_FUND_ROWS), 1), align=VERTICAL)
    sheet.put(top, 2, "", to=(top, 3))
    headers = ("initial", "adjusted", "executed", "budget_weight", "execution_rate", "budget_score")
    for offset, key in enumerate(headers):
        sheet.put(top, 4 + offset, LABELS[key])
    totals = compute_totals(form)
    for index, fund_row in enumerate(_FUND_ROWS, start=1):
        row = top + index
        sheet.put(row, 2, LABELS[fund_row.value], to=(row, 3))
        amounts = totals.funds_total if fund_row is FundRow.TOTAL else getattr(form.funds, fund_row)
        for offset, column in enumerate(("initial", "adjusted", "executed")):
            value = getattr(amounts, column)
            sheet.number(row, 4 + offset, value, amount_format(value))
        if fund_row is FundRow.TOTAL:
            sheet.number(row, 7, form.budget_weight, SCORE_FORMAT)
            sheet.number(row, 8, totals.execution_rate, PERCENT_FORMAT)
            sheet.number(row, 9, totals.budget_score, SCORE_FORMAT)
        else:
            for col in (7, 8, 9):
                sheet.put(row, col, _DASH)


def _write_goals(sheet: _Sheet, form: Form) -> int:
    """Write 年度总体目标; return the row of the 绩效指标 header that follows."""
    top = GOALS_HEADER_ROW
    expected, actual = cell_text(form.goals.expected), cell_text(form.goals.actual)
    lines = max(lines_needed(expected, span_width(2, 5)), lines_needed(actual, span_width(6, 9)))
    count = rows_for(lines)
    last = top + count
    sheet.put(top, 1, LABELS["goals"], to=(last, 1), align=VERTICAL)
    sheet.put(top, 2, LABELS["expected"], to=(top, 5))
    sheet.put(top, 6, LABELS["actual_goals"], to=(top, LAST_COLUMN))
    sheet.put(top + 1, 2, form.goals.expected, to=(last, 5), align=TOP_LEFT)
    sheet.put(top + 1, 6, form.goals.actual, to=(last, LAST_COLUMN), align=TOP_LEFT)
    return last + 1


def _write_indicators(sheet: _Sheet, form: Form, header_row: int) -> int:
    """Write the 绩效指标 header and rows; return the last row written."""
    keys = (*INDICATOR_COLUMNS, "deviation_note")
    for offset, key in enumerate(keys):
        sheet.put(header_row, 2 + offset, LABELS[key], font=BOLD)
    row = header_row + 1
    for l1 in form.level1:
        l1_top = row
        # A 一级 without 二级 (or a 二级 without 三级) still gets a row, so it is not lost.
        for l2 in l1.children or [Level2()]:
            l2_top = row
            row_items: list[Indicator | None] = list(l2.indicators) or [None]
            for indicator in row_items:
                _write_indicator(sheet, row, indicator)
                row += 1
            sheet.put(l2_top, 3, l2.name, to=(row - 1, 3))
        sheet.put(l1_top, 2, l1.name, to=(row - 1, 2))
    last = row - 1
    sheet.put(header_row, 1, LABELS["indicators"], to=(last, 1), align=VERTICAL)
    return last


def _write_indicator(sheet: _Sheet, row: int, indicator: Indicator | None) -> None:
    if indicator is None:
        for col in range(4, LAST_COLUMN + 1):
            sheet.put(row, col, None)
        return
    sheet.put(row, 4, indicator.name, align=LEFT)
    sheet.put(row, 5, indicator.target)
    sheet.put(row, 6, indicator.actual)
    sheet.number(row, 7, indicator.weight, SCORE_FORMAT)
    sheet.number(row, 8, indicator.score, SCORE_FORMAT)
    sheet.put(row, 9, indicator.deviation_note, align=LEFT)


def _write_total(sheet: _Sheet, form: Form, row: int) -> int:
    totals = compute_totals(form)
    sheet.put(row, 1, LABELS["weight_total"], to=(row, 6), font=BOLD)
    sheet.number(row, 7, totals.weight_total, SCORE_FORMAT)
    sheet.number(row, 8, totals.score_total, SCORE_FORMAT)
    sheet.put(row, 9, None)
    return row


def _write_signature(sheet: _Sheet, form: Form, row: int) -> int:
    """The signature block under the table: three labels a row, each over three columns."""
    labels = [label for label in form.print_options.signature_labels if cell_text(label).strip()]
    for index, label in enumerate(labels):
        r, c = row + index // 3, 1 + 3 * (index % 3)
        sheet.put(r, c, label, to=(r, c + 2), align=LEFT, border=False)
    return row + max(0, (len(labels) - 1) // 3)


def sheet_titles(forms: Sequence[Form]) -> list[str]:
    """A unique, valid sheet name per form, from its 项目名称 (or 自评表N)."""
    titles: list[str] = []
    for index, form in enumerate(forms, start=1):
        base = _BAD_SHEET_CHARS.sub("", form.project_name).strip().strip("'")[:28]
        base = base or f"自评表{index}"
        title, n = base, 2
        taken = {t.casefold() for t in titles} | {HIDDEN_SHEET.casefold()}
        while title.casefold() in taken:
            title, n = f"{base[:26]}({n})", n + 1
        titles.append(title)
    return titles


def workbook_bytes(forms: Sequence[Form]) -> bytes:
    """The .xlsx bytes of a workbook with one printed-layout sheet per form."""
    if not forms:
        raise FormFileError("没有要导出的自评表")
    workbook = Workbook()
    titles = sheet_titles(forms)
    for index, (form, title) in enumerate(zip(forms, titles, strict=True)):
        ws = workbook.active if index == 0 else workbook.create_sheet()
        assert ws is not None
        ws.title = title
        write_form_sheet(ws, form)
    write_hidden(workbook, list(zip(titles, forms, strict=True)))
    stream = io.BytesIO()
    reason = _save(workbook, stream)
    if reason:
        raise FormFileError(f"无法生成工作簿：{reason}")
    return stream.getvalue()


def _save(workbook: Workbook, stream: io.BytesIO) -> str | None:
    """Save into ``stream``; the Chinese reason of an ``OSError`` (openpyxl spools each sheet
    through a temporary file: a full temp folder, a file size limit), else ``None``.

    openpyxl's half-run writer is collected here, quietly: left to the garbage collector, it
    would print an English "Exception ignored in …" traceback after our one-line message.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    reason = None
    try:
        workbook.save(stream)
    except OSError as exc:
        reason = describe_os_error(exc, writing=True)
    finally:
        if reason:
            gc.collect()
        sys.unraisablehook = hook
    return reason


def export_xlsx(form: Form, path: Path) -> None:
    """Write ``form`` to ``path`` as an .xlsx laid out like the printed form (atomically)."""
    export_xlsx_many([form], path)


def export_xlsx_many(forms: Sequence[Form], path: Path) -> None:
    """Write several forms to one workbook, one sheet each (atomically)."""
    atomic_write_bytes(Path(path), workbook_bytes(forms), backup=False)
