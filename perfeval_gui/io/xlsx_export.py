"""Export a form to .xlsx laid out like the printed 财政项目支出绩效自评表 (FORM-SPEC §2).

One sheet per form: merged 一级/二级 and section labels, thin borders, 宋体, wrapped text,
widths and heights that show every text, A4 print setup. Amounts and scores are numbers
with number formats; 年度指标值/实际完成值 and every other text are text cells, so
``=3 万条/月`` never becomes a formula. What the printed layout cannot show (scoring profile,
print options, qualitative grades, a typed 年度资金总额, exact digits) goes to the hidden
sheet ``perfeval`` (:mod:`perfeval_gui.io.xlsx_hidden`).
"""

from __future__ import annotations

import errno
import gc
import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.atomic import atomic_write_bytes, describe_os_error
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET, write_hidden
from perfeval_gui.io.xlsx_sheet_writer import SheetWriter
from perfeval_gui.io.xlsx_style import (
    BOLD,
    CENTER,
    INDICATOR_WIDTHS,
    LEFT,
    PERCENT_FORMAT,
    RIGHT,
    SCORE_FORMAT,
    SECTION_WIDTH,
    SPLIT_TARGET_WIDTH,
    TITLE_FONT,
    TOP_LEFT,
    VERTICAL,
    amount_format,
    cell_text,
    lines_needed,
    rows_for,
    set_columns,
    set_print,
)
from perfeval_gui.model.form import Form, FundRow, Indicator, Level2
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.templates import FormTemplate, IndicatorColumn

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_DASH = "—"
_SIGNATURES_PER_ROW = 3
_AMOUNT_WIDTH = 11.0  # columns an amount cell needs: 350,000.00 and more


def _widths(template: FormTemplate) -> list[float]:
    widths = [SECTION_WIDTH]
    for column in template.indicator_columns:
        width = INDICATOR_WIDTHS[column.key.value]
        if column.key is IndicatorColumn.TARGET and template.split_target:
            width = SPLIT_TARGET_WIDTH
        widths.append(width)
    return widths


class _Layout:
    """Where things go on the sheet of one template."""

    def __init__(self, template: FormTemplate) -> None:
        self.template = template
        self.columns = {c.key: index for index, c in enumerate(template.indicator_columns, 2)}
        self.last = len(template.indicator_columns) + 1
        self.mid = self.last // 2 + 1  # last column of the left half (goals, units)


def write_form_sheet(ws: Worksheet, form: Form) -> None:
    """Lay ``form`` out on ``ws`` like the printed form of its template."""
    template = form_template(form)
    layout = _Layout(template)
    sheet = SheetWriter(ws, _widths(template))
    set_columns(ws, sheet.widths)
    last = layout.last
    row = 1
    if template.report_code:
        sheet.put(row, last - 2, template.report_code, to=(row, last), align=RIGHT, border=False)
        row += 1
    title_row = row
    sheet.put(row, 1, form.title, to=(row, last), font=TITLE_FONT, border=False)
    sheet.put(row + 1, 1, f"（{form.year} 年度）", to=(row + 1, last), border=False)
    row += 2
    sheet.put(row, 1, template.label("project_name"), to=(row, 2))
    sheet.put(row, 3, form.project_name, to=(row, last), align=LEFT)
    row += 1
    sheet.put(row, 1, template.label("department"), to=(row, 2))
    sheet.put(row, 3, form.department, to=(row, layout.mid), align=LEFT)
    sheet.put(row, layout.mid + 1, template.label("implementing_unit"))
    sheet.put(row, layout.mid + 2, form.implementing_unit, to=(row, last), align=LEFT)
    row = _write_funds(sheet, form, layout, row + 1)
    header_row = _write_goals(sheet, form, layout, row)
    row = _write_indicators(sheet, form, layout, header_row)
    row = _write_total(sheet, form, layout, row + 1)
    for block in template.blocks:
        row = _write_block(sheet, block.label, form.texts.get(block.key, ""), row + 1)
    if form.print_options.signature_block:
        row = _write_signature(sheet, form, row + 2)
    sheet.ws.row_dimensions[title_row].height = 30
    sheet.set_heights()
    set_print(ws, form.print_options, header_row, row, last)


def _write_funds(sheet: SheetWriter, form: Form, layout: _Layout, top: int) -> int:
    """Write the 项目资金 block from row ``top``; return the row after it."""
    template = layout.template
    headers: list[tuple[str, str]] = [(c.key.value, c.label) for c in template.fund_columns]
    if template.budget_row_weighted:
        headers.append(("weight", template.budget_weight_label))
    headers.append(("rate", template.rate_label))
    if template.budget_row_weighted:
        headers.append(("score", template.budget_score_label))
    if template.funds_reason_label:
        headers.append(("reason", template.funds_reason_label))
    spans = _fund_spans(sheet, [key for key, _ in headers], len(template.fund_columns))
    first = min(c0 for c0, _ in spans.values())
    cols = {key: c0 for key, (c0, _) in spans.items()}
    rows = template.fund_rows
    label = f"{template.funds_label}（{form.amount_unit.value}）"
    sheet.put(top, 1, label, to=(top + len(rows), 1), align=VERTICAL)
    sheet.put(top, 2, "", to=(top, first - 1))
    for key, text in headers:
        sheet.put(top, cols[key], text, to=(top, spans[key][1]))
    totals = compute_totals(form)
    for index, spec in enumerate(rows, start=1):
        row = top + index
        sheet.put(row, 2, spec.label, to=(row, first - 1))
        is_total = spec.key is FundRow.TOTAL
        amounts = totals.funds_total if is_total else getattr(form.funds, spec.key)
        for column in template.fund_columns:
            value = getattr(amounts, column.key)
            c0, c1 = spans[column.key.value]
            sheet.put(row, c0, value, to=(row, c1), number_format=amount_format(value))
        budget = {
            "weight": (form.budget_weight, SCORE_FORMAT),
            "rate": (totals.execution_rate, PERCENT_FORMAT),
            "score": (totals.budget_score, SCORE_FORMAT),
        }
        for key, (value, number_format) in budget.items():
            if key in cols:
                if is_total:
                    sheet.number(row, cols[key], value, number_format)
                else:
                    sheet.put(row, cols[key], _DASH)
    if "reason" in cols:
        col = cols["reason"]
        sheet.put(top + 1, col, form.funds_note, to=(top + len(rows), col), align=LEFT)
    return top + len(rows) + 1


def _fund_spans(sheet: SheetWriter, keys: list[str], amounts: int) -> dict[str, tuple[int, int]]:
    """(first, last) column of each funds cell: the budget cells one column each at the
    right; each amount as many columns to their left as it takes to show 350,000.00 (the
    split target's narrow columns are merged); the row labels keep at least column B."""
    spans: dict[str, tuple[int, int]] = {}
    col = sheet.last_col
    for key in reversed(keys[amounts:]):
        spans[key] = (col, col)
        col -= 1
    for index, key in enumerate(reversed(keys[:amounts])):
        last = col
        left_for_others = amounts - index - 1  # amounts still to place, and column B
        while sheet.width(col, last) < _AMOUNT_WIDTH and col - 1 > 2 + left_for_others:
            col -= 1
        spans[key] = (col, last)
        col -= 1
    return spans


def _write_goals(sheet: SheetWriter, form: Form, layout: _Layout, top: int) -> int:
    """Write 年度总体目标; return the row of the 绩效指标 header that follows."""
    template, mid, last = layout.template, layout.mid, layout.last
    expected, actual = cell_text(form.goals.expected), cell_text(form.goals.actual)
    lines = max(
        lines_needed(expected, sheet.width(2, mid)),
        lines_needed(actual, sheet.width(mid + 1, last)),
    )
    end = top + rows_for(lines)
    sheet.put(top, 1, template.goals_label, to=(end, 1), align=VERTICAL)
    sheet.put(top, 2, template.goals_expected_label, to=(top, mid))
    sheet.put(top, mid + 1, template.goals_actual_label, to=(top, last))
    sheet.put(top + 1, 2, form.goals.expected, to=(end, mid), align=TOP_LEFT)
    sheet.put(top + 1, mid + 1, form.goals.actual, to=(end, last), align=TOP_LEFT)
    return end + 1


def _write_indicators(sheet: SheetWriter, form: Form, layout: _Layout, header_row: int) -> int:
    """Write the 绩效指标 header and rows; return the last row written."""
    for column in layout.template.indicator_columns:
        sheet.put(header_row, layout.columns[column.key], column.label, font=BOLD)
    cols = layout.columns
    row = header_row + 1
    for l1 in form.level1:
        l1_top = row
        # A 一级 without 二级 (or a 二级 without 三级) still gets a row, so it is not lost.
        for l2 in l1.children or [Level2()]:
            l2_top = row
            row_items: list[Indicator | None] = list(l2.indicators) or [None]
            for indicator in row_items:
                _write_indicator(sheet, layout, row, indicator)
                row += 1
            sheet.put(
                l2_top,
                cols[IndicatorColumn.LEVEL2],
                l2.name,
                to=(row - 1, cols[IndicatorColumn.LEVEL2]),
            )
        sheet.put(
            l1_top,
            cols[IndicatorColumn.LEVEL1],
            l1.name,
            to=(row - 1, cols[IndicatorColumn.LEVEL1]),
        )
    last = row - 1
    label = layout.template.indicators_label
    sheet.put(header_row, 1, label, to=(last, 1), align=VERTICAL)
    return last


def _write_indicator(
    sheet: SheetWriter, layout: _Layout, row: int, indicator: Indicator | None
) -> None:
    for key, col in layout.columns.items():
        if key in (IndicatorColumn.LEVEL1, IndicatorColumn.LEVEL2):
            continue
        if indicator is None:
            sheet.put(row, col, None)
        elif key in (IndicatorColumn.WEIGHT, IndicatorColumn.SCORE):
            sheet.number(row, col, getattr(indicator, key.value), SCORE_FORMAT)
        else:
            text = getattr(indicator, key.value)
            left = key in (IndicatorColumn.NAME, IndicatorColumn.DEVIATION_NOTE)
            sheet.put(row, col, text, align=LEFT if left else CENTER)


def _write_total(sheet: SheetWriter, form: Form, layout: _Layout, row: int) -> int:
    """The 总分 (合计) row: its sums under 分值 and 得分, and the grade where the template
    prints it."""
    template = layout.template
    totals = compute_totals(form)
    weight, score = layout.columns[IndicatorColumn.WEIGHT], layout.columns[IndicatorColumn.SCORE]
    sheet.put(row, 1, template.total_label, to=(row, min(weight, score) - 1), font=BOLD)
    sheet.number(row, weight, totals.weight_total, SCORE_FORMAT)
    sheet.number(row, score, totals.score_total, SCORE_FORMAT)
    grade = totals.grade if template.total_shows_grade and totals.grade_valid else None
    for col in range(min(weight, score) + 1, layout.last + 1):
        if col in (weight, score):
            continue
        sheet.put(row, col, grade)
        grade = None
    return row


def _write_block(sheet: SheetWriter, label: str, text: str, row: int) -> int:
    """A text block under the table (其他需要说明事项, 评价结论…); return its last row."""
    last_col = sheet.last_col
    shown = cell_text(text)
    end = row + rows_for(lines_needed(shown, sheet.width(3, last_col))) - 1
    sheet.put(row, 1, label, to=(end, 2))
    sheet.put(row, 3, text, to=(end, last_col), align=TOP_LEFT)
    return end


def _write_signature(sheet: SheetWriter, form: Form, row: int) -> int:
    """The signature block under the table: three labels a row, spread over the width."""
    labels = [label for label in form.print_options.signature_labels if cell_text(label).strip()]
    span = sheet.last_col // _SIGNATURES_PER_ROW
    for index, label in enumerate(labels):
        r = row + index // _SIGNATURES_PER_ROW
        c = 1 + span * (index % _SIGNATURES_PER_ROW)
        sheet.put(r, c, label, to=(r, c + span - 1), align=LEFT, border=False)
    return row + max(0, (len(labels) - 1) // _SIGNATURES_PER_ROW)


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
    for form in forms:  # a lone surrogate would be written as an invalid XML character
        try:
            form.model_dump_json().encode("utf-8")
        except (UnicodeEncodeError, ValueError):
            raise FormFileError("表中含有无法保存的字符，请删除后重试") from None
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


def _as_os_error(exc: Exception) -> OSError | None:
    """The ``OSError`` behind a failed save: itself, or lxml's ``SerialisationError`` whose
    message names the error (``IO_EFBIG``, ``IO_ENOSPC``) when lxml writes the sheet."""
    if isinstance(exc, OSError):
        return exc
    match = re.search(r"\bIO_(E[A-Z0-9]+)\b", str(exc))
    code = getattr(errno, match.group(1), None) if match else None
    return OSError(code, str(exc)) if isinstance(code, int) else None


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
    except Exception as exc:
        failure = _as_os_error(exc)
        if failure is None:
            raise
        reason = describe_os_error(failure, writing=True)
        del failure  # its traceback holds openpyxl's half-written zip: freed while muted
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
