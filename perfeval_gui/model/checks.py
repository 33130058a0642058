"""The reviewer's checks of FORM-SPEC §6: what a careful finance-bureau reviewer would catch.

:func:`run_checks` returns findings in form order (header, 项目资金, 年度总体目标, the indicator
tree, 总分), errors first within a row. The rules of one 三级 row live in
``checks_indicators``; this module holds the form-level rules.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from perfeval_gui.model.checks_common import (
    SEVERITY_ORDER,
    Finding,
    Severity,
    level1_label,
    printed_rounded,
)
from perfeval_gui.model.checks_indicators import duplicate_finding
from perfeval_gui.model.checks_rows import level2_findings
from perfeval_gui.model.checks_texts import text_findings
from perfeval_gui.model.form import FUND_SOURCES, FundColumn, FundRow
from perfeval_gui.model.formatting import (
    format_amount,
    format_score,
    format_scores_apart,
)
from perfeval_gui.model.glossary import LABELS, level_name_key
from perfeval_gui.model.memo import profile_key
from perfeval_gui.model.profiles import PROFILES, form_profile
from perfeval_gui.model.scoring import compute_totals, funds_total
from perfeval_gui.model.template_catalog import form_template, templates

if TYPE_CHECKING:
    from perfeval_gui.model.form import Form
    from perfeval_gui.model.profiles import ScoringProfile
    from perfeval_gui.model.scoring import FormTotals
    from perfeval_gui.model.templates import FormTemplate

__all__ = ["Finding", "Severity", "run_checks"]

_HEADER_FIELDS = ("title", "project_name", "department", "implementing_unit")


def _unlike(value: Decimal, expected: Decimal) -> str:
    """``value`` as a score, with the digits that tell it from ``expected`` (never
    "分值合计为 100，应为 100" for 99.999)."""
    return format_scores_apart(value, expected)[0]


def _form_finding(severity: Severity, code: str, field: str, message: str) -> Finding:
    return Finding(severity=severity, code=code, message=message, field=field)


def _header(form: Form, template: FormTemplate, profile_known: bool) -> list[Finding]:
    found = [
        _form_finding(Severity.WARNING, "header-missing", f, f"未填写{template.label(f)}")
        for f in _HEADER_FIELDS
        if not getattr(form, f).strip()
    ]
    if form.template not in templates():
        known = "、".join(f"“{k}”（{t.name}）" for k, t in templates().items())
        found.insert(
            0,
            _form_finding(
                Severity.ERROR,
                "template-unknown",
                "template",
                f"未知的表样模板“{form.template}”，已按{template.name}表样处理；可用：{known}",
            ),
        )
    if not profile_known:
        known = "、".join(f"“{k}”" for k in PROFILES)
        found.insert(
            0,
            _form_finding(
                Severity.ERROR,
                "profile-unknown",
                "scoring_profile",
                f"未知的计分规则“{form.scoring_profile}”，已按通用规则计分；可用：{known}",
            ),
        )
    return found


def _funds(form: Form, template: FormTemplate) -> list[Finding]:
    """年度资金总额 against its sources, spending above budget, a missing budget."""
    funds, found = form.funds, []
    label = template.label
    unit = form.amount_unit.value
    computed = funds_total(funds)
    for col in FundColumn:
        typed = getattr(funds.total, col)
        parts = [getattr(getattr(funds, row), col) for row in FUND_SOURCES]
        total = getattr(computed, col)
        if typed is not None and any(p is not None for p in parts) and typed != total:
            found.append(
                _form_finding(
                    Severity.WARNING,
                    "funds-total-mismatch",
                    f"funds.total.{col}",
                    f"{label('total')}的{label(col)}填写为 {format_amount(typed)} {unit}，"
                    f"与各项资金来源之和 {format_amount(total)} {unit} 不一致",
                )
            )
    for row in FundRow:
        for col in FundColumn:
            value = getattr(getattr(funds, row), col)
            if value is not None and value < 0:
                found.append(
                    _form_finding(
                        Severity.WARNING,
                        "amount-negative",
                        f"funds.{row}.{col}",
                        f"{label(row)}的{label(col)} {format_amount(value)} {unit} 为负数",
                    )
                )
    over_rows = [
        row
        for row in FUND_SOURCES
        if (a := getattr(funds, row)).executed is not None
        and a.adjusted is not None
        and a.executed > a.adjusted
    ]
    if not over_rows and computed.executed is not None and computed.adjusted is not None:
        over_rows = [FundRow.TOTAL] if computed.executed > computed.adjusted else []
    for row in over_rows:
        amounts = computed if row is FundRow.TOTAL else getattr(funds, row)
        found.append(
            _form_finding(
                Severity.WARNING,
                "executed-above-budget",
                f"funds.{row}.executed",
                f"{label(row)}的{label('executed')} {format_amount(amounts.executed)} {unit} "
                f"超过{label('adjusted')} {format_amount(amounts.adjusted)} {unit}",
            )
        )
    if computed.adjusted is None or computed.adjusted == 0:
        found.append(
            _form_finding(
                Severity.WARNING,
                "budget-missing",
                "funds.total.adjusted",
                f"{label('total')}的{label('adjusted')}为空或为 0，无法计算执行率，"
                "预算执行率得分按 0 分计",
            )
        )
    elif computed.executed is None:
        found.append(
            _form_finding(
                Severity.WARNING,
                "executed-missing",
                "funds.total.executed",
                f"{label('total')}的{label('executed')}为空，无法计算执行率，"
                "预算执行率得分按 0 分计",
            )
        )
    return found


def _budget_and_goals(form: Form, template: FormTemplate) -> list[Finding]:
    found = []
    if form.budget_weight != template.budget_weight:
        found.append(
            _form_finding(
                Severity.WARNING,
                "budget-weight-unusual",
                "budget_weight",
                f"预算执行率的{template.budget_weight_label}为 {format_score(form.budget_weight)}，"
                f"{template.name}表样为 {format_score(template.budget_weight)} 分",
            )
        )
    if (note := printed_rounded("预算执行率的分值", form.budget_weight)) is not None:
        found.append(_form_finding(Severity.INFO, "rounded-in-print", "budget_weight", note))
    for key, label_key in (("expected", "expected"), ("actual", "actual_goals")):
        if not getattr(form.goals, key).strip():
            found.append(
                _form_finding(
                    Severity.WARNING,
                    "goals-missing",
                    f"goals.{key}",
                    f"{template.goals_label}的{template.label(label_key)}未填写",
                )
            )
    return found


def _level1_split(
    form: Form, template: FormTemplate, totals: FormTotals
) -> tuple[dict[int, Finding], list[Finding]]:
    """一级 weights against the template's split: per-一级 warnings, or one softer note.

    Names are compared as the catalogue writes them: ``产出指标(50分)`` and ``满意度\n指标``
    are 产出指标 and 满意度指标."""
    names = [level_name_key(l1.name) for l1 in form.level1]
    standard = template.level1_weights
    if not standard:
        return {}, []
    split = "/".join(f"{n}{format_score(w)}" for n, w in standard.items())
    if sorted(names) == sorted(standard):
        per_level1 = {
            i: Finding(
                severity=Severity.WARNING,
                code="level1-weight-unusual",
                message=f"一级指标“{name}”的分值合计为 {_unlike(t.weight, standard[name])}，"
                f"通常为 {format_score(standard[name])} 分（{split}）",
                field="level1.weight",
                path=(i,),
            )
            for i, (name, t) in enumerate(zip(names, totals.level1, strict=True))
            if t.weight != standard[name]
        }
        return per_level1, []
    if not form.level1:
        return {}, []
    shown = "、".join(f"“{n}”" for n in names)
    note = _form_finding(
        Severity.INFO,
        "level1-nonstandard",
        "level1.weight",
        f"一级指标为 {shown}，不是标准的三项，未按通常分配（{split}）核对各一级指标的分值",
    )
    return {}, [note]


def _node_finding(code: str, field: str, path: tuple[int, ...], text: str) -> Finding:
    """A warning about a 一级 (``path == (i,)``) or 二级 (``(i, j)``) cell."""
    if len(path) == 1:
        text = f"第 {path[0] + 1} 个一级指标{text}"
    return Finding(severity=Severity.WARNING, code=code, message=text, field=field, path=path)


def _repeats(
    names: tuple[str, ...], i: int, j: int, first_seen: dict[str, tuple[int, int, int]]
) -> dict[int, tuple[int, int, int]]:
    """Rows of the ``j``-th 二级 of the ``i``-th 一级 whose name an earlier row already has
    (row index → that earlier row's path); names seen for the first time are recorded."""
    repeats = {}
    for k, key in enumerate(names):
        if key:
            first = first_seen.get(key)
            if first is None:
                first_seen[key] = (i, j, k)
            else:
                repeats[k] = first
    return repeats


def _tree(
    form: Form, profile: ScoringProfile, template: FormTemplate, totals: FormTotals
) -> list[Finding]:
    per_level1, notes = _level1_split(form, template, totals)
    found = list(notes)
    first_seen: dict[str, tuple[int, int, int]] = {}
    cache_as = profile_key(profile)
    level1_seen: dict[str, int] = {}
    for i, l1 in enumerate(form.level1):
        if not l1.name.strip():
            found.append(_node_finding("level1-name-missing", "level1.name", (i,), "未填写名称"))
        elif (first1 := level1_seen.setdefault(l1.name.strip(), i)) != i:
            text = (
                f"“{l1.name.strip()}”与第 {first1 + 1} 个一级指标重名；同名的一级指标应合并为一个"
            )
            found.append(_node_finding("level1-name-duplicate", "level1.name", (i,), text))
        if i in per_level1:
            found.append(per_level1[i])
        level2_seen: dict[str, int] = {}
        for j, l2 in enumerate(l1.children):
            if not l2.name.strip():
                text = f"{level1_label(i, l1)}下第 {j + 1} 个二级指标未填写名称"
                found.append(_node_finding("level2-name-missing", "level2.name", (i, j), text))
            elif (first2 := level2_seen.setdefault(l2.name.strip(), j)) != j:
                text = (
                    f"{level1_label(i, l1)}下第 {j + 1} 个二级指标“{l2.name.strip()}”与第 "
                    f"{first2 + 1} 个重名；同名的二级指标应合并为一个"
                )
                found.append(_node_finding("level2-name-duplicate", "level2.name", (i, j), text))
            block = level2_findings(i, j, l1, l2, profile=profile, profile_key=cache_as)
            if not block.repeats_within and first_seen.keys().isdisjoint(block.first_paths):
                first_seen.update(block.first_paths)  # no repeated name: one C-level step
                found.extend(block.findings)
                continue
            repeats = _repeats(block.names, i, j, first_seen)
            for k, (ind, row) in enumerate(zip(l2.indicators, block.rows, strict=True)):
                if k in repeats:
                    dup = duplicate_finding((i, j, k), l1, l2, ind, repeats[k])
                    # Sorting is stable: the repeat sorts in as if found last in its row.
                    found.extend(sorted((*row, dup), key=lambda f: SEVERITY_ORDER[f.severity]))
                else:
                    found.extend(row)
    return found


def _weight_total(form: Form, template: FormTemplate, totals: FormTotals) -> list[Finding]:
    total = totals.weight_total
    if total == template.weight_total:
        return []
    return [
        _form_finding(
            Severity.ERROR,
            "weight-total-not-100",
            "weight_total",
            f"分值合计（含预算执行率 {format_score(form.budget_weight)} 分）为 "
            f"{_unlike(total, template.weight_total)}，应为 {format_score(template.weight_total)}",
        )
    ]


def run_checks(form: Form) -> list[Finding]:
    """All findings of ``form`` in form order, errors first within a row."""
    profile = form_profile(form)
    template = form_template(form)
    totals = compute_totals(form)
    found = [
        *_header(form, template, form.scoring_profile in PROFILES),
        *_funds(form, template),
        *_budget_and_goals(form, template),
        *text_findings(form, template, totals),
        *_tree(form, profile, template, totals),
        *_weight_total(form, template, totals),
    ]
    words = template_words(template)
    if not words:
        return found
    return [replace(f, message=_speak(f.message, words)) for f in found]


#: The column words of the rules' messages, longest first, by the field they name.
_RULE_WORDS = (
    ("deviation_note", "偏差原因分析及改进措施"),
    ("deviation_note", "偏差原因分析"),
    ("deviation_note", "偏差原因"),
    ("actual", "实际完成值"),
    ("target", "年度指标值"),
    ("weight", "分值"),
)


def template_words(template: FormTemplate) -> tuple[tuple[str, str], ...]:
    """(rule word, template word) pairs where the template calls a column otherwise
    (四川: 分值 → 权重, 实际完成值 → 完成值, 偏差原因分析 → 未完成原因分析)."""
    return tuple(
        (word, template.label(field))
        for field, word in _RULE_WORDS
        if template.label(field) != LABELS[field] and field in _columns(template)
    )


def _columns(template: FormTemplate) -> set[str]:
    return {c.key.value for c in template.indicator_columns}


def _speak(message: str, words: tuple[tuple[str, str], ...]) -> str:
    """A rule's message in the template's words; quoted texts (the user's) are kept."""
    parts = re.split(r"(“[^”]*”)", message)
    for n in range(0, len(parts), 2):  # even parts lie outside quotes
        for word, own in words:
            parts[n] = parts[n].replace(word, own)
    return "".join(parts)
