"""三、偏差及原因分析: which rows deviate, what their notes say, what the checks still find."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.checks_common import Severity, is_blank_note
from perfeval_gui.model.form import Form, Indicator, Level1, Level2, target_text
from perfeval_gui.model.formatting import format_amount, format_percent
from perfeval_gui.model.profiles import form_profile
from perfeval_gui.model.report_blocks import Block, Paragraph, ParagraphKind, placeholder
from perfeval_gui.model.report_text import Words, end_sentence, score_text
from perfeval_gui.model.scoring import FormTotals, suggest_score

H2 = ParagraphKind.HEADING2
NOTE = ParagraphKind.NOTE

#: Severity → the word the ``check`` command prints.
SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True)
class Deviation:
    """A 三级 row the report must explain, and why."""

    level1: Level1
    level2: Level2
    indicator: Indicator
    below_weight: bool  # 得分 below 分值 (an empty 得分 counts as 0)
    target_missed: bool  # the actual misses the target, as the scoring rules read it
    no_target: bool  # 年度指标值 left empty


def deviations(form: Form) -> list[Deviation]:
    """The rows scored below their 分值, missing their target, or with no target, in form order."""
    profile = form_profile(form)
    found: list[Deviation] = []
    for _i, _j, _k, l1, l2, ind in form.iter_indicators():
        weight, score = ind.weight, ind.score
        below = weight is not None and (score is None or score < weight)
        suggestion = suggest_score(ind, profile)
        missed = suggestion is not None and suggestion.met is False
        no_target = not target_text(ind).strip()
        if below or missed or no_target:
            found.append(Deviation(l1, l2, ind, below, missed, no_target))
    return found


def _describe(n: int, dev: Deviation, w: Words) -> Paragraph:
    """``1. 三级指标“…”（产出指标／数量指标）：年度指标值“…”，实际完成值“…”，分值5分，得分4分。
    偏差原因分析及改进措施：…。``"""
    ind = dev.indicator
    where = f"{dev.level1.name.strip() or '（未命名）'}／{dev.level2.name.strip() or '（未命名）'}"
    name = ind.name.strip() or "（未命名）"
    target = target_text(ind).strip()
    actual = ind.actual.strip()
    facts = [
        f"{w('target')}“{target}”" if target else f"{w('target')}未填写",
        f"{w('actual')}“{actual}”" if actual else f"{w('actual')}未填写",
        f"{w('weight')}{score_text(ind.weight)}",
        f"{w('score')}{score_text(ind.score)}",
    ]
    if dev.target_missed:
        facts.append(f"{w('actual')}未达到{w('target')}")
    note = ind.deviation_note.strip()
    if is_blank_note(note):
        if dev.below_weight:
            what = "扣分原因及改进措施"
        elif dev.target_missed:
            what = f"未达到{w('target')}的原因及改进措施"
        else:
            what = f"未设定{w('target')}的原因"
        explained = placeholder(what)
    else:
        explained = end_sentence(note)
    return Paragraph(
        f"{n}. {w('name')}“{name}”（{where}）：{'，'.join(facts)}。"
        f"{w('deviation_note')}：{explained}"
    )


def _budget_deviation(form: Form, totals: FormTotals, w: Words) -> Paragraph | None:
    """The budget when its 执行率 is not 100%: the figures, and the form's reason (四川's
    原因) or a placeholder for it."""
    rate = totals.execution_rate
    if rate is None or format_percent(rate) == format_percent(Decimal(1)):
        return None  # as printed: 99.999% shows as 100.00%, nothing to explain
    funds = totals.funds_total
    unit = form.amount_unit.value
    reason = form.funds_note.strip()
    if reason:
        why = end_sentence(reason)
    else:
        why = placeholder(
            "预算未全部执行的原因及改进措施" if rate < 1 else "执行数超过预算数的原因"
        )
    return Paragraph(
        f"预算执行：{w('adjusted')}{format_amount(funds.adjusted)}{unit}，"
        f"{w('executed')}{format_amount(funds.executed)}{unit}，"
        f"{w('execution_rate')}{format_percent(rate)}，"
        f"{w('budget_score')}{score_text(totals.budget_score)}"
        f"（{w('weight')}{score_text(form.budget_weight)}）。{why}"
    )


def deviation_blocks(form: Form, totals: FormTotals) -> list[Block]:
    """（一）绩效指标偏差情况: the budget when off 100%, then every deviating row."""
    w = Words(form)
    blocks: list[Block] = [Paragraph("（一）绩效指标偏差情况", H2)]
    budget = _budget_deviation(form, totals, w)
    if budget is not None:
        blocks.append(budget)
    found = deviations(form)
    if found:
        blocks.append(
            Paragraph(
                f"{w('score')}低于{w('weight')}、{w('actual')}未达到{w('target')}"
                f"或未设定{w('target')}的{w('name')}如下："
            )
        )
        blocks += [_describe(n, dev, w) for n, dev in enumerate(found, start=1)]
    elif form.iter_indicators():
        blocks.append(
            Paragraph(
                f"各{w('name')}{w('score')}均等于{w('weight')}，"
                f"{w('actual')}未见低于{w('target')}的情况。"
            )
        )
    else:
        blocks.append(Paragraph(placeholder("绩效指标偏差情况")))
    return blocks


def findings_blocks(form: Form) -> list[Block]:
    """（二）自评表审核提示: every finding of the checks, as notes for the writer to settle.

    Nothing when the checks find nothing.
    """
    findings = run_checks(form)
    if not findings:
        return []
    blocks: list[Block] = [
        Paragraph("（二）自评表审核提示", H2),
        Paragraph(
            "【请核实：以下是对自评表的审核提示，请逐项核实，修改自评表或在上文说明，"
            "定稿前删除本部分】",
            NOTE,
        ),
    ]
    blocks += [
        Paragraph(f"{n}. ［{SEVERITY_WORDS[f.severity]}］{f.message}", NOTE)
        for n, f in enumerate(findings, start=1)
    ]
    return blocks
