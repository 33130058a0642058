"""The five sections of the 自评报告, each a pure function of the form and its totals.

Figures go through ``formatting`` (the form's own digits); names and texts are quoted
verbatim; nothing is said that the form does not say.
"""

from __future__ import annotations

from perfeval_gui.model.checks_common import is_blank_note
from perfeval_gui.model.form import Amounts, Form, FundRow
from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.profiles import form_profile
from perfeval_gui.model.report_blocks import (
    Block,
    CellRange,
    Paragraph,
    ParagraphKind,
    Table,
    placeholder,
)
from perfeval_gui.model.report_deviations import deviation_blocks, findings_blocks
from perfeval_gui.model.report_text import (
    amount_text,
    end_sentence,
    label,
    score_text,
    text_paragraphs,
)
from perfeval_gui.model.scoring import FormTotals

H2 = ParagraphKind.HEADING2
DASH = "—"


# ---------------------------------------------------------------- 一、项目基本情况
def basics_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """Name, 主管部门, 实施单位; the funds in a sentence and a table; the 预期目标."""
    header = "；".join(
        f"{label(key)}：{getattr(form, key).strip() or placeholder(label(key))}"
        for key in ("project_name", "department", "implementing_unit")
    )
    funds = totals.funds_total
    unit = form.amount_unit.value
    missing = "adjusted" if not funds.adjusted else "executed"  # why there is no 执行率
    rate = format_percent(totals.execution_rate) or placeholder(
        f"{label(missing)}为空{'或为零' if missing == 'adjusted' else ''}，"
        f"无法计算{label('execution_rate')}"
    )
    sentence = (
        f"{form.year}年度，项目{label('initial')}"
        f"{amount_text(funds.initial, unit)}，"
        f"{label('adjusted')}{amount_text(funds.adjusted, unit)}，"
        f"{label('executed')}{amount_text(funds.executed, unit)}，"
        f"{label('execution_rate')}{rate}。"
    )
    return (
        Paragraph("（一）项目概况", H2),
        Paragraph(f"{header}。"),
        Paragraph("（二）项目资金情况", H2),
        Paragraph(sentence),
        funds_table(form, totals),
        Paragraph("（三）项目绩效目标", H2),
        *text_paragraphs(form.goals.expected, label("expected"), "项目年度预期目标"),
    )


def funds_table(form: Form, totals: FormTotals) -> Table:
    """表1: the four fund rows × 年初预算数, 全年预算数, 全年执行数, 执行率."""
    rows: list[tuple[str, ...]] = []
    for fund_row in FundRow:
        amounts: Amounts = (
            totals.funds_total if fund_row is FundRow.TOTAL else getattr(form.funds, fund_row)
        )
        rate = format_percent(totals.execution_rate) if fund_row is FundRow.TOTAL else DASH
        rows.append(
            (
                label(fund_row.value),
                format_amount(amounts.initial),
                format_amount(amounts.adjusted),
                format_amount(amounts.executed),
                rate,
            )
        )
    return Table(
        caption=f"表1  {label('funds')}情况（单位：{form.amount_unit.value}）",
        header=(
            label("funds"),
            label("initial"),
            label("adjusted"),
            label("executed"),
            label("execution_rate"),
        ),
        rows=tuple(rows),
        widths=(36, 26, 26, 26, 20),
        centred_columns=frozenset({1, 2, 3, 4}),
    )


# ---------------------------------------------------------------- 二、绩效目标实现情况
def results_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """实际完成情况, then every 三级指标 in a table with the budget row and the 总分."""
    rows = form.iter_indicators()
    level2_count = sum(len(l1.children) for l1 in form.level1)
    counts = (
        f"本项目共设{label('level1')}{len(form.level1)}个、{label('level2')}{level2_count}个、"
        f"{label('name')}{len(rows)}个，完成情况见表2。"
        if rows
        else f"自评表未填写{label('name')}。{placeholder('绩效指标及其完成情况')}"
    )
    return (
        Paragraph("（一）总体目标完成情况", H2),
        *text_paragraphs(form.goals.actual, label("actual_goals"), "年度总体目标实际完成情况"),
        Paragraph("（二）绩效指标完成情况", H2),
        Paragraph(counts),
        indicator_table(form, totals),
    )


def indicator_table(form: Form, totals: FormTotals) -> Table:
    """表2: 一级 / 二级 / 三级, 年度指标值, 实际完成值, 分值, 得分; 一级 and 二级 merged over
    their rows as on the form; then 预算执行率 and 总分."""
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
                        ind.target,
                        ind.actual,
                        format_score(ind.weight),
                        format_score(ind.score),
                    )
                )
            if len(body) - l2_start > 1:
                merges.append(CellRange(l2_start, 1, len(body) - 1, 1))
        if len(body) - l1_start > 1:
            merges.append(CellRange(l1_start, 0, len(body) - 1, 0))
    budget_label = "预算执行率"
    body.append(
        (
            budget_label,
            budget_label,
            budget_label,
            "",
            format_percent(totals.execution_rate),
            format_score(form.budget_weight),
            format_score(totals.budget_score),
        )
    )
    merges.append(CellRange(len(body) - 1, 0, len(body) - 1, 2))
    total_label = label("weight_total")
    body.append(
        (
            *(total_label,) * 5,
            format_score(totals.weight_total),
            format_score(totals.score_total),
        )
    )
    merges.append(CellRange(len(body) - 1, 0, len(body) - 1, 4))
    return Table(
        caption=f"表2  {label('indicators')}完成情况",
        header=tuple(
            label(k) for k in ("level1", "level2", "name", "target", "actual", "weight", "score")
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


# ---------------------------------------------------------------- 四、存在的问题及改进措施
def problems_section(form: Form) -> tuple[Block, ...]:
    """The rows' 偏差原因分析及改进措施 texts, gathered (a text shared by rows said once)."""
    gathered: dict[str, list[str]] = {}
    for *_, ind in form.iter_indicators():
        note = ind.deviation_note.strip()
        if not is_blank_note(note):
            gathered.setdefault(note, []).append(ind.name.strip() or "（未命名指标）")
    blocks: list[Block] = [Paragraph("（一）存在的问题", H2)]
    if gathered:
        blocks.append(Paragraph(f"各{label('name')}的{label('deviation_note')}如下："))
        for n, (note, names) in enumerate(gathered.items(), start=1):
            blocks.append(Paragraph(f"{n}. {'、'.join(names)}：{end_sentence(note)}"))
    else:
        blocks.append(Paragraph(placeholder("项目实施中存在的问题")))
    blocks += [Paragraph("（二）改进措施", H2), Paragraph(placeholder("下一步改进措施"))]
    return tuple(blocks)


# ---------------------------------------------------------------- 五、自评结论
def conclusion_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """总分, 等级, the budget 执行率 and its 得分, and each 一级's 得分."""
    if totals.grade_valid:
        grade = f"自评等级为“{totals.grade}”"
    else:  # the 分值 do not add up: the form gives no grade, neither does the report
        grade = "自评等级" + placeholder(
            f"{label('weight')}合计不等于{score_text(form_profile(form).weight_total)}，"
            "请核对分值后评定等级"
        )
    overall = (
        f"经自评，项目{label('weight_total')}{score_text(totals.score_total)}"
        f"（{label('weight')}合计{score_text(totals.weight_total)}），{grade}。"
    )
    rate = format_percent(totals.execution_rate) or placeholder(label("execution_rate"))
    parts = [
        f"预算{label('execution_rate')}{rate}，{label('budget_score')}"
        f"{score_text(totals.budget_score)}（{label('weight')}{score_text(form.budget_weight)}）"
    ]
    parts += [
        f"{l1.name.strip() or '（未命名）'}{label('score')}{score_text(node.score)}"
        f"（{label('weight')}{score_text(node.weight)}）"
        for l1, node in zip(form.level1, totals.level1, strict=True)
    ]
    return (Paragraph(overall), Paragraph(f"其中，{'；'.join(parts)}。"))
