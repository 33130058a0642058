"""Reviewer checks of one 三级 row (FORM-SPEC §6): missing cells, 得分 against 分值, the
suggested 得分, the deviation note, units and over-achieved targets.

One problem is reported once: full marks for a missed target already says the 得分 differs
from the suggestion; marks taken off with no note is one finding whatever the suggestion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfeval_gui.model.checks_common import (
    Finding,
    Severity,
    is_blank_note,
    is_placeholder_name,
    printed_rounded,
    row_label,
)
from perfeval_gui.model.formatting import format_decimal, format_score, format_scores_apart
from perfeval_gui.model.formatting import format_score_as_typed as typed
from perfeval_gui.model.rounding import same_when_printed
from perfeval_gui.model.scoring import (
    Suggestion,
    dates_late,
    implied_grade,
    same_text,
    single_target,
    suggest_score,
)
from perfeval_gui.model.values import (
    Operator,
    Qualitative,
    Quantity,
    fraction_for_percent,
    parse_value,
    units_compatible,
)

if TYPE_CHECKING:
    from perfeval_gui.model.form import Indicator, Level1, Level2
    from perfeval_gui.model.profiles import ScoringProfile

_HIGHER_IS_BETTER = (Operator.GE, Operator.GT, Operator.EQ)


def _note_shown(note: str) -> str:
    return f"只写了“{note.strip()}”" if note.strip() else "为空"


class _Row:
    """The findings of one row, built up rule by rule."""

    def __init__(self, path: tuple[int, int, int], l1: Level1, l2: Level2, ind: Indicator) -> None:
        self.path = path
        self.ind = ind
        self.label = row_label(path, l1, l2, ind)
        self.findings: list[Finding] = []

    def add(self, severity: Severity, code: str, field: str, text: str) -> None:
        self.findings.append(
            Finding(
                severity=severity,
                code=code,
                message=f"{self.label}：{text}",
                field=field,
                indicator=self.ind.name.strip() or None,
                path=self.path,
            )
        )


def _cells(row: _Row) -> bool:
    """Missing or impossible cells; True when 分值 and 得分 are usable for the score rules."""
    ind = row.ind
    if not ind.name.strip():
        row.add(Severity.ERROR, "indicator-name-missing", "name", "未填写三级指标名称")
    elif is_placeholder_name(ind.name):
        row.add(
            Severity.WARNING,
            "indicator-name-placeholder",
            "name",
            f"三级指标名称“{ind.name.strip()}”是表样的占位文字；请填写实际的指标名称，或删除此行",
        )
    if ind.weight is None:
        row.add(Severity.ERROR, "weight-missing", "weight", "未填写分值")
    elif ind.weight < 0:
        row.add(
            Severity.ERROR, "weight-negative", "weight", f"分值 {format_decimal(ind.weight)} 为负数"
        )
    if ind.score is None:
        row.add(Severity.WARNING, "score-missing", "score", "未填写得分，合计时按 0 分计")
    elif ind.score < 0:
        row.add(
            Severity.ERROR, "score-negative", "score", f"得分 {format_decimal(ind.score)} 为负数"
        )
    elif ind.weight is not None and ind.score > ind.weight:
        row.add(
            Severity.ERROR,
            "score-above-weight",
            "score",
            f"得分 {format_decimal(ind.score)} 超过分值 {format_decimal(ind.weight)}",
        )
    for field, what in (("weight", "分值"), ("score", "得分")):
        if (note := printed_rounded(what, getattr(ind, field))) is not None:
            row.add(Severity.INFO, "rounded-in-print", field, note)
    if not ind.target.strip():
        row.add(Severity.WARNING, "target-missing", "target", "未填写年度指标值")
    if not ind.actual.strip():
        row.add(Severity.WARNING, "actual-missing", "actual", "未填写实际完成值，无法核对得分")
    return (
        ind.weight is not None
        and ind.weight >= 0
        and ind.score is not None
        and 0 <= ind.score <= ind.weight
    )


def _values(row: _Row, profile: ScoringProfile) -> None:
    """Whether target and actual can be compared at all, and over-achieved targets."""
    ind = row.ind
    target, actual = parse_value(ind.target), parse_value(ind.actual)
    if target is None or actual is None:
        return
    t, a = ind.target.strip(), ind.actual.strip()
    if isinstance(target, Quantity) and isinstance(actual, Quantity):
        if fraction_for_percent(target, actual):
            row.add(
                Severity.WARNING,
                "units-incompatible",
                "actual",
                f"年度指标值“{t}”是百分数，实际完成值“{a}”却是小数；"
                f"是否应为 {format_score(actual.number * 100)}%？请改正后再核对得分",
            )
        elif not units_compatible(target, actual):
            row.add(
                Severity.WARNING,
                "units-incompatible",
                "actual",
                f"年度指标值“{t}”（单位“{target.unit}”）与实际完成值“{a}”（单位“{actual.unit}”）"
                "单位不同，无法比较，也无法给出建议得分",
            )
        elif (
            target.operator in _HIGHER_IS_BETTER
            and target.number > 0
            and actual.number >= target.number * profile.overachievement_ratio
            and is_blank_note(ind.deviation_note)
        ):
            share = format_score(actual.number / target.number * 100)
            limit = format_score(profile.overachievement_ratio * 100)
            row.add(
                Severity.WARNING,
                "target-too-low",
                "target",
                f"实际完成值“{a}”是年度指标值“{t}”的 {share}%（不低于 {limit}%），"
                "年度指标值可能定得偏低；请在偏差原因中说明超额原因，以后年度据实调高指标值",
            )
    elif isinstance(target, Quantity) and ind.grade is None and not same_text(t, a):
        row.add(
            Severity.WARNING,
            "actual-not-quantitative",
            "actual",
            f"年度指标值“{t}”是数量，但实际完成值“{a}”中读不出可比较的数量，无法核对得分；"
            "请填写实际数值，或选择完成等级",
        )
    elif isinstance(target, Qualitative) and implied_grade(ind) is None and dates_late(ind) is None:
        row.add(
            Severity.INFO,
            "grade-missing",
            "grade",
            f"实际完成值“{a}”与年度指标值“{t}”表述不同，无法判断是否达成；请选择完成等级以核对得分",
        )


def _deduction(row: _Row, why: str = "") -> None:
    """Marks taken off with a note that explains nothing."""
    ind = row.ind
    assert ind.weight is not None and ind.score is not None
    row.add(
        Severity.WARNING,
        "deduction-without-note",
        "deviation_note",
        f"{why}得分 {typed(ind.score)} 低于分值 {typed(ind.weight)}，"
        f"但偏差原因分析{_note_shown(ind.deviation_note)}；请说明扣分原因及改进措施",
    )


def _quantitative_scores(row: _Row, suggestion: Suggestion, blank: bool) -> None:
    """得分 against a suggested 得分: full marks for a miss, unexplained differences."""
    ind = row.ind
    assert ind.weight is not None and ind.score is not None and suggestion.score is not None
    weight, score, suggested = ind.weight, ind.score, suggestion.score
    if suggestion.met is False and score == weight:
        shown = f"（建议得分 {format_scores_apart(suggested, weight)[0]}）"
        shown = shown if suggested < weight else ""
        row.add(
            Severity.WARNING,
            "target-missed-full-score",
            "score",
            f"实际完成值“{ind.actual.strip()}”未达到年度指标值“{ind.target.strip()}”，"
            f"却得满分 {typed(weight)} 分{shown}；"
            + ("请核减得分或说明理由" if blank else "请核对得分"),
        )
    elif not blank or score >= weight:
        return
    elif suggestion.met is False and not same_when_printed(score, suggested):
        row.add(
            Severity.WARNING,
            "score-differs-from-suggestion",
            "deviation_note",
            f"得分 {typed(score)} 与建议得分 {format_scores_apart(suggested, score, weight)[0]}"
            f"（{suggestion.explanation}）不同，偏差原因分析{_note_shown(ind.deviation_note)}；"
            "请说明评分依据",
        )
    else:
        _deduction(row, "实际完成值已达到年度指标值，" if suggestion.met else "")


def _qualitative_scores(row: _Row, suggestion: Suggestion | None, blank: bool) -> None:
    """得分 against the grade band or a deadline, and marks taken off without a note."""
    ind = row.ind
    assert ind.weight is not None and ind.score is not None
    chosen = ind.grade is not None
    late = None if chosen else dates_late(ind)
    if late:  # a date after the deadline, no grade chosen
        if ind.score == ind.weight:
            row.add(
                Severity.WARNING,
                "target-missed-full-score",
                "score",
                f"实际完成值“{ind.actual.strip()}”比年度指标值“{ind.target.strip()}”晚 {late} 天，"
                f"却得满分 {typed(ind.weight)} 分；"
                + ("请核减得分或说明理由" if blank else "请核对得分"),
            )
        elif blank and ind.score < ind.weight:
            _deduction(row)
        return
    reason = ""
    if suggestion is not None and not chosen:
        if same_text(ind.actual, ind.target):
            reason = "实际完成值与年度指标值一致，"
        elif dates_late(ind) == 0:
            reason = "实际完成日期未晚于年度指标值，"
        else:
            reason = "实际完成值写明已达成，"
    if blank and ind.score < ind.weight:
        _deduction(row, reason)
        if not chosen:
            return  # the missing note is the finding; an implied band says nothing more
    if suggestion is None or suggestion.band is None:
        return
    low, high = suggestion.band
    if not low <= ind.score <= high:
        grade = implied_grade(ind)
        assert grade is not None  # a band comes from a grade
        how = "所选完成等级" if chosen else f"{reason}视为"
        row.add(
            Severity.WARNING,
            "score-outside-band",
            "score",
            f"{how}“{grade.value}”对应得分 {typed(low)}–{typed(high)} 分，"
            f"实际得分 {typed(ind.score)} 不在此范围",
        )


def _scores(row: _Row, profile: ScoringProfile) -> None:
    """得分 against the suggestion, the grade band and the deviation note."""
    suggestion = suggest_score(row.ind, profile)
    blank = is_blank_note(row.ind.deviation_note)
    if suggestion is not None and suggestion.score is not None:
        _quantitative_scores(row, suggestion, blank)
    else:
        _qualitative_scores(row, suggestion, blank)


def indicator_findings(
    path: tuple[int, int, int], l1: Level1, l2: Level2, ind: Indicator, profile: ScoringProfile
) -> list[Finding]:
    """All findings of one 三级 row, in rule order (a split target read as one text)."""
    row = _Row(path, l1, l2, single_target(ind))
    usable = _cells(row)
    _values(row, profile)
    if usable:
        _scores(row, profile)
    return row.findings


def duplicate_finding(
    path: tuple[int, int, int], l1: Level1, l2: Level2, ind: Indicator, first: tuple[int, ...]
) -> Finding:
    """A repeated 三级 name, pointing back at the first row of that name."""
    where = f"第 {first[0] + 1} 个一级指标、第 {first[1] + 1} 个二级指标下第 {first[2] + 1} 行"
    return Finding(
        severity=Severity.WARNING,
        code="duplicate-name",
        message=f"{row_label(path, l1, l2, ind)}：与{where}的三级指标重名；"
        "请合并，或改用可以区分的名称",
        field="name",
        indicator=ind.name.strip(),
        path=path,
    )
