"""Sections 四 to 六 of the 自评报告: problems and improvements, the conclusion, other notes.

A template's own text blocks go where a reader expects them: 存在问题 and 改进措施 (四川) into
四, 评价结论 into 五, anything else (其他需要说明事项) into 六. Where the form has no such text,
the rows' notes are gathered or a placeholder asks for it.
"""

from __future__ import annotations

from perfeval_gui.model.checks_common import is_blank_note
from perfeval_gui.model.form import Form
from perfeval_gui.model.formatting import format_percent
from perfeval_gui.model.report_blocks import Block, Paragraph, ParagraphKind, placeholder
from perfeval_gui.model.report_text import Words, end_sentence, score_text, text_paragraphs
from perfeval_gui.model.scoring import FormTotals

H2 = ParagraphKind.HEADING2

#: Template block keys the report places in sections 四 and 五; others go to 六.
PROBLEMS, IMPROVEMENTS, CONCLUSION = "problems", "improvements", "conclusion"
PLACED_BLOCKS = frozenset({PROBLEMS, IMPROVEMENTS, CONCLUSION})


def _block_text(form: Form, key: str) -> str:
    """The form's text of a template block, stripped ("" when absent or empty)."""
    return form.texts.get(key, "").strip()


def _block_label(words: Words, key: str, default: str) -> str:
    labels = words.template.block_labels()
    return labels.get(key, default)


# ---------------------------------------------------------------- 四、存在的问题及改进措施
def problems_section(form: Form) -> tuple[Block, ...]:
    """存在的问题: the form's own text (四川 存在问题) and the rows' notes, gathered (a text
    shared by rows said once); 改进措施: the form's text, or a placeholder."""
    w = Words(form)
    gathered: dict[str, list[str]] = {}
    for *_, ind in form.iter_indicators():
        note = ind.deviation_note.strip()
        if not is_blank_note(note):
            gathered.setdefault(note, []).append(ind.name.strip() or "（未命名指标）")
    blocks: list[Block] = [Paragraph("（一）存在的问题", H2)]
    own = _block_text(form, PROBLEMS)
    if own:
        blocks += text_paragraphs(own, _block_label(w, PROBLEMS, "存在问题"), "")
    if gathered:
        blocks.append(Paragraph(f"各{w('name')}的{w('deviation_note')}如下："))
        for n, (note, names) in enumerate(gathered.items(), start=1):
            blocks.append(Paragraph(f"{n}. {'、'.join(names)}：{end_sentence(note)}"))
    elif not own:
        blocks.append(Paragraph(placeholder("项目实施中存在的问题")))
    blocks.append(Paragraph("（二）改进措施", H2))
    improvements = _block_text(form, IMPROVEMENTS)
    if improvements:
        blocks += text_paragraphs(improvements, _block_label(w, IMPROVEMENTS, "改进措施"), "")
    else:
        blocks.append(Paragraph(placeholder("下一步改进措施")))
    return tuple(blocks)


# ---------------------------------------------------------------- 五、自评结论
def conclusion_section(form: Form, totals: FormTotals) -> tuple[Block, ...]:
    """总分, 等级, the budget 执行率 and its 得分, each 一级's 得分; the form's 评价结论."""
    w = Words(form)
    if totals.grade_valid:
        grade = f"自评等级为“{totals.grade}”"
    else:  # the 分值 do not add up: the form gives no grade, neither does the report
        grade = "自评等级" + placeholder(
            f"{w('weight')}合计不等于{score_text(w.template.weight_total)}，"
            f"请核对{w('weight')}后评定等级"
        )
    overall = (
        f"经自评，项目总分{score_text(totals.score_total)}"
        f"（{w('weight')}合计{score_text(totals.weight_total)}），{grade}。"
    )
    rate_label = w("execution_rate")
    rate_label = rate_label if rate_label.startswith("预算") else f"预算{rate_label}"
    rate = format_percent(totals.execution_rate) or placeholder(rate_label)
    parts = [
        f"{rate_label}{rate}，{w('budget_score')}{score_text(totals.budget_score)}"
        f"（{w('weight')}{score_text(form.budget_weight)}）"
    ]
    parts += [
        f"{l1.name.strip() or '（未命名）'}{w('score')}{score_text(node.score)}"
        f"（{w('weight')}{score_text(node.weight)}）"
        for l1, node in zip(form.level1, totals.level1, strict=True)
        if any(l2.indicators for l2 in l1.children)  # not an empty catalogue 一级
    ]
    blocks: list[Block] = [Paragraph(overall), Paragraph(f"其中，{'；'.join(parts)}。")]
    own = _block_text(form, CONCLUSION)
    if own:
        blocks += text_paragraphs(own, _block_label(w, CONCLUSION, "评价结论"), "")
    return tuple(blocks)


# ---------------------------------------------------------------- 六、其他需要说明的事项
def other_blocks(form: Form) -> tuple[Block, ...]:
    """The template's other text blocks that the form fills (其他需要说明事项 …); () if none."""
    w = Words(form)
    blocks: list[Block] = []
    for block in w.template.blocks:
        text = _block_text(form, block.key)
        if block.key not in PLACED_BLOCKS and text:
            blocks += text_paragraphs(text, block.label, "")
    return tuple(blocks)
