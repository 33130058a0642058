"""What the layout readers found → a :class:`Form` of the sheet's template, with notes.

Notes every default used for something the sheet did not say (unit, year, budget 分值),
every derived cell that disagrees with the arithmetic (执行率, the budget row's 得分, the
总分 row's sums and grade), and text blocks or a 原因 column the template has no place for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from perfeval_gui.io.xlsx_detect import SheetCues, detect_template
from perfeval_gui.io.xlsx_grid import Grid
from perfeval_gui.io.xlsx_layout_reader import LayoutHeader
from perfeval_gui.io.xlsx_table import Table, cell_in, is_total_label
from perfeval_gui.io.xlsx_words import after_colon, block_labels, grade_in, is_grade_label, key
from perfeval_gui.model.form import Amounts, AmountUnit, Form, FundRow, Level1, PrintOptions
from perfeval_gui.model.formatting import format_percent, format_score
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.rounding import agrees_as_typed, same_when_printed
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import DEFAULT_TEMPLATE_KEY, get_template
from perfeval_gui.model.templates import FormTemplate

_SHOWN_TEXT = 30


def choose_template(grid: Grid, cues: SheetCues, template_key: str | None) -> FormTemplate:
    """The template asked for, or the one the sheet looks like (said when not the default)."""
    if template_key is not None:
        return get_template(template_key)
    template = detect_template(cues)
    if template.key != DEFAULT_TEMPLATE_KEY:
        grid.note(None, None, f"已按“{template.name}”表样读取（按表中的栏目识别）")
    return template


def year_of(grid: Grid, text: str | None, row: int | None) -> int:
    """The year in ``text``, or last year (noted)."""
    fallback = dt.datetime.now(tz=dt.UTC).year - 1
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())[:4]
        if len(digits) == 4 and 1900 <= int(digits) <= 9999:
            return int(digits)
    grid.note(row, None, f"没有找到年度（如“（2023 年度）”），按 {fallback} 年导入")
    return fallback


def layout_form(
    grid: Grid, head: LayoutHeader, level1: list[Level1], template: FormTemplate
) -> Form:
    """Assemble the form of ``template``, noting every default used."""
    has_funds = any(
        getattr(getattr(head.funds, row), col) is not None
        for row in FundRow
        for col in ("initial", "adjusted", "executed")
    )
    unit = head.amount_unit
    if unit is None:
        unit = AmountUnit(template.amount_unit)
        if has_funds:
            grid.note(
                None,
                None,
                f"没有找到金额单位（如“项目资金（万元）”），按“{template.name}”表样的“{unit}”导入",
            )
    year = year_of(grid, str(head.year) if head.year else None, None)
    budget_weight = head.budget_weight
    if budget_weight is None:
        budget_weight = template.budget_weight
        if has_funds:
            grid.note(
                None,
                None,
                f"资金总额行没有{template.budget_weight_label}，按 {budget_weight} 分导入",
            )
    options = PrintOptions(signature_labels=list(template.signature_labels))
    if head.signature_labels:
        options = PrintOptions(signature_block=True, signature_labels=head.signature_labels)
        filled = [t for t in head.signature_labels if after_colon(t)]
        if filled:
            shown = "、".join(f"“{_short(t)}”" for t in filled)
            grid.note(None, None, f"表末的签字栏 {shown} 已作为打印时的签字栏读入（不是绩效指标）")
    form = Form(
        template=template.key,
        title=head.title or template.title,
        year=year,
        project_name=head.project_name,
        department=head.department,
        implementing_unit=head.implementing_unit,
        amount_unit=unit,
        funds=head.funds,
        budget_weight=budget_weight,
        goals=head.goals,
        level1=level1,
        funds_note=_funds_note(grid, head, template),
        texts=_texts(grid, head, template),
        print_options=options,
    )
    _check_budget(grid, head, form)
    _note_hidden_sources(grid, form, template)
    return form


def _funds_note(grid: Grid, head: LayoutHeader, template: FormTemplate) -> str:
    if head.funds_note and not template.funds_reason_label:
        grid.note(
            None,
            None,
            f"项目资金的“原因”栏（{_short(head.funds_note)}）不属于“{template.name}”表样，未导入",
        )
        return ""
    return head.funds_note


def _texts(grid: Grid, head: LayoutHeader, template: FormTemplate) -> dict[str, str]:
    """The blocks under the table, by the template's block keys."""
    known = block_labels()
    by_key = {b.key: b.key for b in template.blocks}
    by_key.update({known.get(key(b.label), b.key): b.key for b in template.blocks})
    texts: dict[str, str] = {}
    for row, col, block, text in head.blocks:
        target = by_key.get(block)
        if target is None:
            label = grid.text(row, col).split("：")[0].split(":")[0]
            grid.note(
                row,
                col,
                f"“{template.name}”表样没有“{label}”栏，其内容（{_short(text)}）未导入",
            )
            continue
        if text:
            texts[target] = f"{texts[target]}\n{text}" if target in texts else text
    return texts


def _note_hidden_sources(grid: Grid, form: Form, template: FormTemplate) -> None:
    """Amounts in a fund row the template does not show (四川's 单位资金 in a 上海 form)."""
    shown = template.fund_row_keys()
    for row in FundRow:
        if row not in shown and getattr(form.funds, row) != Amounts():
            grid.note(
                None,
                None,
                f"资金来源“{LABELS.get(row.value, row.value).removeprefix('其中：')}”不是"
                f"“{template.name}”表样的栏目，其金额已读入并计入资金总额，但按此表样不显示；"
                "可在编辑器中换用合适的表样",
            )


def _short(text: str) -> str:
    text = text.replace("\n", " ") or "空"
    return text if len(text) <= _SHOWN_TEXT else text[:_SHOWN_TEXT] + "…"


def _check_budget(grid: Grid, head: LayoutHeader, form: Form) -> None:
    """Derived cells are recomputed; say so where the sheet showed something else."""
    totals = compute_totals(form)
    if head.execution_rate is not None and totals.execution_rate is not None:
        shown, computed = format_percent(head.execution_rate), format_percent(totals.execution_rate)
        if shown != computed and not agrees_as_typed(head.execution_rate, totals.execution_rate, 3):
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


@dataclass
class TotalRow:
    """The 总分/合计 row as shown: (column, value) of its sums and its grade cell."""

    row: int | None = None
    weight: tuple[int, Decimal | None] | None = None
    score: tuple[int, Decimal | None] | None = None
    grade: tuple[int, str] | None = None


def read_total_row(grid: Grid, table: Table | None) -> TotalRow:
    """The 总分 row's label, sums and grade (all consumed: it is no indicator)."""
    if table is None or table.total_row is None:
        return TotalRow()
    r = table.total_row
    found = TotalRow(row=r)
    for r_c in grid.find(is_total_label, range(r, r + 1)):
        grid.consume(*r_c)
    for name, what in (("weight", "分值"), ("score", "得分")):
        col = cell_in(grid, r, table.columns[name]) if name in table.columns else None
        if col is not None:
            grid.consume(r, col)
            setattr(found, name, (col, grid.decimal(r, col, f"总分行{what}")))
    for c in grid.row_cells(r):
        if grid.top_left(r, c) in grid.consumed:
            continue
        if grade := grade_in(grid.text(r, c)):
            grid.consume(r, c)
            found.grade = (c, grade)
        elif is_grade_label(grid.label(r, c)):
            grid.consume(r, c)  # 等级 before the grade cell
    if found.grade is None:
        found.grade = _grade_line(grid, range(r + 1, grid.max_row + 1))
    return found


def _grade_line(grid: Grid, rows: range) -> tuple[int, str] | None:
    """A line under the table stating the grade: ``自评等级 | 优`` or ``评价等级：良``."""
    for r, c in grid.find(lambda t: is_grade_label(t.partition(":")[0]), rows):
        if grid.top_left(r, c) in grid.consumed:
            continue
        if grade := grade_in(after_colon(grid.text(r, c))):
            grid.consume(r, c)
            return c, grade
        for col in grid.row_cells(r, grid.span(r, c)[3] + 1):
            if grade := grade_in(grid.text(r, col)):
                grid.consume(r, c)
                grid.consume(r, col)
                return col, grade
            break
    return None


def check_total_row(grid: Grid, total: TotalRow, form: Form) -> None:
    """Say where the 总分 row's sums or grade differ from what the rows add up to."""
    if total.row is None:
        return
    totals = compute_totals(form)
    for shown, computed, what in (
        (total.weight, totals.weight_total, "分值"),
        (total.score, totals.score_total, "得分"),
    ):
        if shown is None:
            continue
        col, value = shown
        if value is not None and not same_when_printed(value, computed):
            grid.note(
                total.row,
                col,
                f"总分行的{what} {format_score(value)} 与各项之和 {format_score(computed)} 不同，"
                "以各项之和为准",
            )
    if total.grade is not None:
        col, grade = total.grade
        if not totals.grade_valid:
            grid.note(total.row, col, f"总分行写的等级“{grade}”无法核对：分值合计不是规定的总分")
        elif grade != totals.grade:
            grid.note(
                total.row,
                col,
                f"总分行写的等级“{grade}”与按总分计算的“{totals.grade}”不同，以计算值为准",
            )
