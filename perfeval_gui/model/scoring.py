"""Exact arithmetic of the form (FORM-SPEC §5): funds, 执行率, suggested 得分, totals, grade.

Pure functions of the model; no rounding happens here (formatting rounds for display).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from perfeval_gui.model.dates import deadline_met, parse_deadline
from perfeval_gui.model.form import (
    FUND_SOURCES,
    Amounts,
    Form,
    Funds,
    Indicator,
    QualitativeGrade,
    target_text,
)
from perfeval_gui.model.formatting import format_score
from perfeval_gui.model.memo import MemoCache, new_cache, profile_key
from perfeval_gui.model.profiles import ReverseFormula, ScoringProfile, form_profile
from perfeval_gui.model.rounding import PRINTED_PLACES, decimal_places, round_half_up
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.templates import BudgetScoring
from perfeval_gui.model.values import (
    Operator,
    Qualitative,
    Quantity,
    fraction_for_percent,
    parse_value,
    units_compatible,
)

_ZERO = Decimal(0)
_ONE = Decimal(1)
_COLUMNS = ("initial", "adjusted", "executed")


def funds_total(funds: Funds) -> Amounts:
    """年度资金总额 per column: the sum of the sources (an empty source counts as 0).

    A column where every source is empty falls back to the typed ``funds.total`` value.
    """
    values: dict[str, Decimal | None] = {}
    for column in _COLUMNS:
        parts = [getattr(getattr(funds, row), column) for row in FUND_SOURCES]
        present = [p for p in parts if p is not None]
        values[column] = sum(present, _ZERO) if present else getattr(funds.total, column)
    return Amounts(**values)


def execution_rate(form: Form) -> Decimal | None:
    """执行率 = 全年执行数 ÷ 全年预算数 of 年度资金总额, as a fraction (``Decimal(1)`` = 100%).

    ``None`` when 全年预算数 is missing or zero, or 全年执行数 is missing.
    """
    total = funds_total(form.funds)
    if total.adjusted is None or total.adjusted == 0 or total.executed is None:
        return None
    return total.executed / total.adjusted


def budget_score(form: Form) -> Decimal | None:
    """得分 of the 预算执行率 row by the form template's rule: 分值 × min(执行率, 100%), never
    below 0, or 分值 × the fraction of the interval 执行率 falls in (interval scoring)."""
    rate = execution_rate(form)
    if rate is None:
        return None
    template = form_template(form)
    if template.budget_scoring is BudgetScoring.INTERVAL:
        fraction = _ZERO
        for interval in sorted(template.budget_intervals, key=lambda i: i.rate_from):
            if rate >= interval.rate_from:
                fraction = interval.fraction
        return form.budget_weight * fraction
    return form.budget_weight * min(max(rate, _ZERO), _ONE)


@dataclass(frozen=True)
class Suggestion:
    """The suggested 得分 of a 三级 row, shown beside the user's 得分."""

    score: Decimal | None  # quantitative rows
    band: tuple[Decimal, Decimal] | None  # qualitative rows: the grade's band of 得分
    met: bool | None  # whether the target was met; None when unknown
    explanation: str  # Chinese, for a tooltip


def same_text(a: str, b: str) -> bool:
    """Whether two cell texts say the same thing (width and whitespace ignored)."""

    def key(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())

    return key(a) == key(b)


def single_target(indicator: Indicator) -> Indicator:
    """``indicator`` with a split target (指标性质 | 指标值 | 度量单位) put together into one
    年度指标值, as scoring reads it; the row itself when its target is one text."""
    if not indicator.target_nature and not indicator.target_unit:
        return indicator
    return indicator.model_copy(
        update={"target": target_text(indicator), "target_nature": "", "target_unit": ""}
    )


#: Year assumed when neither date names one (a leap year, so 2 月 29 日 stays valid).
_ANY_YEAR = 2000


#: An actual that says "on time" in words, against a date target: ``按期完成``, ``已如期完成``.
_ON_TIME = re.compile(r"已?(?:按期|按时|如期|提前)(?:完成|办结|完工)?[。.]?")


def dates_late(indicator: Indicator) -> int | None:
    """Days the actual date is past the target date (0: on time); ``None`` unless both are
    dates (``2023年11月底前`` / ``2023年12月15日``), or the target is a date and the actual
    says ``按期完成`` (0)."""
    result = deadline_met(indicator.target, indicator.actual, _ANY_YEAR)
    if result is None:
        actual = "".join(unicodedata.normalize("NFKC", indicator.actual).split())
        if _ON_TIME.fullmatch(actual) and parse_deadline(indicator.target) is not None:
            return 0
        return None
    return result[1]


#: An actual that says in words that a text target was reached: 达成预期指标, 已完成, 达到预期.
_ACHIEVED_WORDS = re.compile(
    r"(?:已|均已|全部|已全部)?(?:达成|达到|完成|实现|达标)(?:了)?(?:预期|年度|既定|计划)?"
    r"(?:目标|指标|要求|效果|任务)?(?:值)?[。.！!]?"
)


def says_achieved(indicator: Indicator) -> bool:
    """Whether the actual equals the target text, or says in words that it was reached
    (``达成预期指标``, ``已完成``, ``达到预期``) — for text targets only."""
    target = target_text(indicator)
    if not target.strip():
        return False
    if same_text(indicator.actual, target):
        return True
    if parse_deadline(target) is not None:
        return False  # 已完成 says nothing about a deadline
    actual = "".join(unicodedata.normalize("NFKC", indicator.actual).split())
    return bool(actual) and _ACHIEVED_WORDS.fullmatch(actual) is not None


def implied_grade(indicator: Indicator) -> QualitativeGrade | None:
    """The chosen grade, or 达成 when the actual text equals the target text (or says it was
    reached) or the actual date is not after the target date."""
    if indicator.grade is not None:
        return indicator.grade
    indicator = single_target(indicator)
    if isinstance(parse_value(indicator.target), Qualitative) and says_achieved(indicator):
        return QualitativeGrade.ACHIEVED
    if dates_late(indicator) == 0:
        return QualitativeGrade.ACHIEVED
    return None


def _band(
    weight: Decimal, grade: QualitativeGrade, profile: ScoringProfile, *, why: str
) -> Suggestion:
    low, high = profile.qualitative_bands[grade]
    band = (weight * low, weight * high)
    return Suggestion(
        score=None,
        band=band,
        met=grade is QualitativeGrade.ACHIEVED,
        explanation=f"{why}“{grade.value}”：得分应在 {format_score(band[0])}–"
        f"{format_score(band[1])} 分之间",
    )


def _clamp(value: Decimal, weight: Decimal) -> Decimal:
    return min(max(value, _ZERO), weight)


def _quantitative(
    weight: Decimal, target: Quantity, actual: Quantity, profile: ScoringProfile
) -> Suggestion:
    t, a = target.number, actual.number
    full = format_score(weight)
    operator = target.operator
    if operator is Operator.EQ and t == 0:
        # ``0 起`` (安全事故) can only mean "none": read as ≤ 0, or any count would meet it.
        operator = Operator.LE
    if operator in (Operator.LE, Operator.LT):
        met = a <= t if operator is Operator.LE else a < t
        if met:
            return Suggestion(weight, None, True, f"达到目标（越低越好），得满分 {full} 分")
        if profile.reverse_formula is ReverseFormula.LINEAR:
            score = _ZERO if t <= 0 else _clamp(weight * (2 * t - a) / t, weight)
            how = "分值 ×（2 × 目标值 − 实际值）÷ 目标值，实际值达目标值两倍时为 0"
        else:
            score = _ZERO if a <= 0 else _clamp(weight * t / a, weight)
            how = "分值 × 目标值 ÷ 实际值"
        return Suggestion(score, None, False, f"未达到目标（越低越好）：{how}{_boundary(t, a)}")
    met = a > t if target.operator is Operator.GT else a >= t
    if met:
        return Suggestion(weight, None, True, f"达到目标（越高越好），得满分 {full} 分")
    score = _ZERO if t <= 0 else _clamp(weight * a / t, weight)
    how = "分值 × 实际值 ÷ 目标值"
    return Suggestion(score, None, False, f"未达到目标（越高越好）：{how}{_boundary(t, a)}")


def _boundary(target: Decimal, actual: Decimal) -> str:
    """A strict ``<``/``>`` missed only by equality: the formula gives full marks, say why."""
    return (
        "；实际值恰好等于目标值，不满足严格的“<”或“>”，公式结果为满分，请酌情扣分"
        if target == actual
        else ""
    )


#: Suggestions by row cells and profile; ``(None,)`` stores "no suggestion".
_SUGGESTIONS: MemoCache[tuple[Suggestion | None]] = new_cache()


def suggest_score(indicator: Indicator, profile: ScoringProfile) -> Suggestion | None:
    """The suggested 得分 of a 三级 row, or ``None`` when none can be made (memoised).

    Quantitative targets use the formulas of FORM-SPEC §5 (the actual's own operator, as in
    an actual of ``<=1 次``, is ignored: its number is what was achieved). Qualitative rows get
    the band of the chosen grade, or of 达成 when the actual text equals the target text or
    an actual date is on time; a late date gets ``met=False`` and no score.
    ``None`` for a missing 分值, a missing or unparseable actual, incompatible units, or a
    fraction typed for a percentage (``0.98`` against ``≥95%``).
    """
    indicator = single_target(indicator)
    cache_as = profile_key(profile)
    if cache_as is None:
        return _suggest(indicator, profile)
    weight = indicator.weight
    key = (
        indicator.target,
        indicator.actual,
        None if weight is None else str(weight),  # str: 1 and 1.0 give different digits
        indicator.grade,
        cache_as,
    )
    cached = _SUGGESTIONS.get(key)
    if cached is None:
        cached = (_suggest(indicator, profile),)
        _SUGGESTIONS.put(key, cached)
    return cached[0]


def _suggest(indicator: Indicator, profile: ScoringProfile) -> Suggestion | None:
    weight = indicator.weight
    if weight is None:
        return None
    target = parse_value(indicator.target)
    actual = parse_value(indicator.actual)
    if isinstance(target, Quantity) and isinstance(actual, Quantity):
        if units_compatible(target, actual) and not fraction_for_percent(target, actual):
            return _quantitative(weight, target, actual, profile)
        return None
    if target is None:
        return None
    if indicator.grade is not None:
        return _band(weight, indicator.grade, profile, why="已选择完成等级")
    if not isinstance(target, Qualitative):
        return None
    if same_text(indicator.actual, indicator.target):
        return _band(
            weight, QualitativeGrade.ACHIEVED, profile, why="实际完成值与年度指标值一致，视为达成"
        )
    if says_achieved(indicator):
        return _band(
            weight, QualitativeGrade.ACHIEVED, profile, why="实际完成值写明已达成，视为达成"
        )
    late = dates_late(indicator)
    if late == 0:
        return _band(weight, QualitativeGrade.ACHIEVED, profile, why="按期完成，视为达成")
    if late is not None:
        return Suggestion(
            None, None, False, f"实际完成日期晚于年度指标值规定的日期 {late} 天；请选择完成等级"
        )
    return None


@dataclass(frozen=True)
class NodeTotals:
    """Sums over a 一级 or 二级 node: 分值 and 得分 (empty cells count as 0)."""

    weight: Decimal
    score: Decimal


@dataclass(frozen=True)
class FormTotals:
    """Everything the 总分 row and the 项目资金 block derive."""

    weight_total: Decimal  # 预算执行率 分值 + all 三级 分值
    score_total: Decimal  # budget 得分 + all 三级 得分
    grade: str  # 优/良/中/差, or "—（分值合计≠100）" while 分值 does not add up
    execution_rate: Decimal | None
    budget_score: Decimal | None
    funds_total: Amounts
    level1: list[NodeTotals]
    level2: list[list[NodeTotals]]
    #: Decimals the editor shows 分值/得分 sums with: those of the most precise typed figure,
    #: at least 2 (4.555 typed makes the 总分 91.555, not 91.56; the print rounds to 2).
    places: int = PRINTED_PLACES

    @property
    def grade_valid(self) -> bool:
        """Whether ``grade`` is a grade (分值 adds up to the profile's total)."""
        return not self.grade.startswith(NO_GRADE)


#: The grade shown while the 分值 do not add up: no grade can be given yet.
NO_GRADE = "—"


def grade_of(total: Decimal, profile: ScoringProfile) -> str:
    """The grade (优/良/中/差) of a 总分 under ``profile``'s thresholds."""
    for grade, threshold in profile.grade_thresholds:
        if total >= threshold:
            return grade
    return profile.lowest_grade


def compute_totals(form: Form) -> FormTotals:
    """All totals of ``form`` (its profile decides the grade)."""
    level1: list[NodeTotals] = []
    level2: list[list[NodeTotals]] = []
    for l1 in form.level1:
        row: list[NodeTotals] = []
        for l2 in l1.children:
            # One pass for both sums, in row order from 0 as sum() would: the same digits.
            weight = score = _ZERO
            for ind in l2.indicators:
                if (w := ind.weight) is not None:
                    weight += w
                if (s := ind.score) is not None:
                    score += s
            row.append(NodeTotals(weight, score))
        level2.append(row)
        level1.append(
            NodeTotals(sum((n.weight for n in row), _ZERO), sum((n.score for n in row), _ZERO))
        )
    budget = budget_score(form)
    score_total = sum((n.score for n in level1), budget if budget is not None else _ZERO)
    weight_total = sum((n.weight for n in level1), form.budget_weight)
    profile = form_profile(form)
    expected = form_template(form).weight_total
    if weight_total != expected:
        # A grade out of 130 points means nothing: say why there is none yet.
        grade = f"{NO_GRADE}（分值合计≠{format_score(expected)}）"
    else:
        # Graded as printed (2 decimals, half-up): a 总分 shown as 90 is never 良.
        grade = grade_of(round_half_up(score_total), profile)
    return FormTotals(
        weight_total=weight_total,
        score_total=score_total,
        grade=grade,
        execution_rate=execution_rate(form),
        budget_score=budget,
        funds_total=funds_total(form.funds),
        level1=level1,
        level2=level2,
        places=_shown_places(form.budget_weight, level1),
    )


def _shown_places(budget_weight: Decimal, level1: list[NodeTotals]) -> int:
    """Decimals that show the typed 分值/得分 sums exactly (at least 2): those of the 一级
    sums, which hold every digit of their rows (a few numbers, not one per row)."""
    parts = [budget_weight, *(n.weight for n in level1), *(n.score for n in level1)]
    return max(PRINTED_PLACES, *(decimal_places(d) for d in parts))
