"""Sections 一 to 三 of the 自评报告, each a pure function of the form and its totals.

Figures go through ``formatting`` (the form's own digits); names and texts are quoted
verbatim; nothing is said that the form does not say.
"""

from __future__ import annotations

from perfeval_gui.model.form import Amounts, Form, FundRow, target_text
from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.report_blocks import (
    Block,
    CellRange,
    Paragraph,
    ParagraphKind,
    Table,
    placeholder,
)
from perfeval_gui.model.report_deviations import deviation_blocks, findings_blocks
from perfeval_gui.model.report_text import Words, amount_text, text_paragraphs
from perfeval_gui.model.scoring import FormTotals

H2 = ParagraphKind.HEADING2
DASH = "—"


# ---------------------------------------------------------------- 一、项目基本情况
def basics_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """Name, 主管部门, 实施单位; the funds in a sentence and a table; the 预期目标."""
    w = Words(form)
    header = "；".join(
        f"{w(key)}：{getattr(form, key).strip() or placeholder(w(key))}"
        for key in ("project_name", "department", "implementing_unit")
    )
    funds = totals.funds_total
    unit = form.amount_unit.value
    missing = "adjusted" if not funds.adjusted else "executed"  # why there is no 执行率
    rate = format_percent(totals.execution_rate) or placeholder(
        f"{w(missing)}为空{'或为零' if missing == 'adjusted' else ''}，"
        f"无法计算{w('execution_rate')}"
    )
    amounts = [
        f"{w(column.key)}{amount_text(getattr(funds, column.key), unit)}"
        for column in w.template.fund_columns
    ]
    sentence = f"{form.year}年度，项目{'，'.join(amounts)}，{w('execution_rate')}{rate}。"
    blocks: list[Block] = [
        Paragraph("（一）项目概况", H2),
        Paragraph(f"{header}。"),
        Paragraph("（二）项目资金情况", H2),
        Paragraph(sentence),
        funds_table(form, totals),
    ]
    if form.funds_note.strip():
        blocks.append(
            Paragraph(f"{w.template.funds_reason_label or '说明'}：{form.funds_note.strip()}")
        )
    blocks += [
        Paragraph("（三）项目绩效目标", H2),
        *text_paragraphs(form.goals.expected, w("expected"), "项目年度预期目标"),
    ]
    return tuple(blocks)


def funds_table(form: Form, totals: FormTotals) -> Table:
    """表1: the template's fund rows × its amount columns and 执行率, as the form prints them."""
    w = Words(form)
    columns = [c.key for c in w.template.fund_columns]
    rows: list[tuple[str, ...]] = []
    for fund_row in w.template.fund_row_keys():
        amounts: Amounts = (
            totals.funds_total if fund_row is FundRow.TOTAL else getattr(form.funds, fund_row)
        )
        rate = format_percent(totals.execution_rate) if fund_row is FundRow.TOTAL else DASH
        values = [format_amount(getattr(amounts, c)) for c in columns]
        rows.append((w.heading(fund_row.value), *values, rate))
    return Table(
        caption=f"表1  {w('funds')}情况（单位：{form.amount_unit.value}）",
        header=(w("funds"), *(w.heading(c) for c in columns), w.heading("execution_rate")),
        rows=tuple(rows),
        widths=(36, *(26,) * len(columns), 20),
        centred_columns=frozenset(range(1, len(columns) + 2)),
    )


# ---------------------------------------------------------------- 二、绩效目标实现情况
def results_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """实际完成情况, then every 三级指标 in a table with the budget row and the 总分."""
    w = Words(form)
    rows = form.iter_indicators()
    # Only the 一级 and 二级 that hold 三级 rows are counted: the catalogue's empty ones
    # (经济效益指标 with nothing under it) are not indicators this project set.
    level1_count = len({i for i, *_ in rows})
    level2_count = len({(i, j) for i, j, *_ in rows})
    counts = (
        f"本项目共设{w('level1')}{level1_count}个、{w('level2')}{level2_count}个、"
        f"{w('name')}{len(rows)}个，完成情况见表2。"
        if rows
        else f"自评表未填写{w('name')}。{placeholder('绩效指标及其完成情况')}"
    )
    return (
        Paragraph("（一）总体目标完成情况", H2),
        *text_paragraphs(form.goals.actual, w("actual_goals"), "年度总体目标实际完成情况"),
        Paragraph("（二）绩效指标完成情况", H2),
        Paragraph(counts),
        indicator_table(form, totals),
    )


def indicator_table(form: Form, totals: FormTotals) -> Table:
    """表2: 一级 / 二级 / 三级, 年度指标值, 实际完成值, 分值, 得分; 一级 and 二级 merged over
    their rows as on the form; then the budget row and the 总分."""
    w = Words(form)
    body: list[tuple[str, ...]] = []
    merges: list[CellRange] = []
    for l1 in form.level1:
        l1_start = len(body)
        for l2 in l1.children:
            l2_start = len(body)
            for ind in l2.indicators:
                body.append(
                    (
                        l1.name,
                        l2.name,
                        ind.name,
                        target_text(ind),
                        ind.actual,
                        format_score(ind.weight),
                        format_score(ind.score),
                    )
                )
            if len(body) - l2_start > 1:
                merges.append(CellRange(l2_start, 1, len(body) - 1, 1))
        if len(body) - l1_start > 1:
            merges.append(CellRange(l1_start, 0, len(body) - 1, 0))
    rate_label = w("execution_rate")
    budget_label = rate_label if rate_label.startswith("预算") else f"预算{rate_label}"
    body.append(
        (
            *(budget_label,) * 3,
            "",
            format_percent(totals.execution_rate),
            format_score(form.budget_weight),
            format_score(totals.budget_score),
        )
    )
    merges.append(CellRange(len(body) - 1, 0, len(body) - 1, 2))
    body.append(
        (
            *(w.heading("weight_total"),) * 5,
            format_score(totals.weight_total),
            format_score(totals.score_total),
        )
    )
    merges.append(CellRange(len(body) - 1, 0, len(body) - 1, 4))
    return Table(
        caption=f"表2  {w('indicators')}完成情况",
        header=tuple(
            w.heading(k)
            for k in ("level1", "level2", "name", "target", "actual", "weight", "score")
        ),
        rows=tuple(body),
        widths=(66, 66, 94, 72, 72, 36, 36),
        centred_columns=frozenset({0, 1, 5, 6}),
        merges=tuple(merges),
    )


# ---------------------------------------------------------------- 三、偏差及原因分析
def deviations_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """Every deviation with its note (or a placeholder); the review findings still open."""
    return (*deviation_blocks(form, totals), *findings_blocks(form))
