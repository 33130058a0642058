"""The scoring rules in plain words, written from the profiles and templates themselves.

The user guide shows these sentences, so what it says is what the program computes: a new
profile or template file is described without anyone writing a line of help.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfeval_gui.model.form import Indicator
from perfeval_gui.model.formatting import format_score
from perfeval_gui.model.profiles import PROFILES, ReverseFormula, ScoringProfile
from perfeval_gui.model.scoring import suggest_score
from perfeval_gui.model.template_catalog import templates
from perfeval_gui.model.templates import BudgetScoring, FormTemplate


@dataclass(frozen=True)
class RuleSection:
    """One heading and its sentences."""

    title: str
    lines: tuple[str, ...]


def _percent(fraction: Decimal) -> str:
    return f"{format_score(fraction * 100)}%"


def _example(profile: ScoringProfile, target: str, actual: str) -> str:
    """A worked example, scored by the program itself (so the guide cannot disagree with it)."""
    row = Indicator(name="例", target=target, actual=actual, weight=Decimal(10))
    suggestion = suggest_score(row, profile)
    score = suggestion.score if suggestion is not None else None
    result = "不给建议得分" if score is None else f"建议得分 {format_score(score)} 分"
    return f"例：分值 10，指标 {target}，实际 {actual} → {result}。"


def profile_rules(profile: ScoringProfile) -> RuleSection:
    """How a profile suggests the 得分 of a 三级 row and grades the 总分."""
    lines = [
        "“≥”“>”（越高越好）：实际值达到年度指标值得满分；"
        "未达到时，建议得分 = 分值 × 实际值 ÷ 指标值。" + _example(profile, "≥100 人", "90 人"),
        "“=”的指标按越高越好计；“0 起”“=0”之类只能理解为“不发生”，按越低越好计。",
    ]
    if profile.reverse_formula is ReverseFormula.LINEAR:
        lines.append(
            "“≤”“<”（越低越好）：达到得满分；超出时，建议得分 = 分值 ×（2 × 指标值 − 实际值）÷ "
            "指标值，实际值达到指标值两倍时为 0 分。" + _example(profile, "≤10 天", "15 天")
        )
    else:
        lines.append(
            "“≤”“<”（越低越好）：达到得满分；超出时，建议得分 = 分值 × 指标值 ÷ 实际值。"
            + _example(profile, "≤10 天", "15 天")
        )
    bands = "；".join(
        f"{grade.value}：分值的 {_percent(low)}–{_percent(high)}"
        for grade, (low, high) in profile.qualitative_bands.items()
    )
    lines.append(
        "定性指标（如“有效提升”“按期完成”）：由您选择完成等级，建议得分为该等级的分数区间——"
        f"{bands}。实际完成值与指标值文字相同、写明已达成，或日期未晚于规定日期的，视为达成。"
    )
    lines.append(
        "无法比较时（缺少分值或实际完成值、单位不一致、把 98% 写成 0.98）不给建议得分，"
        "检查结果会说明原因。建议得分只供参考，打印的是您填写的得分。"
    )
    grades = "，".join(
        f"{grade} ≥ {format_score(threshold)} 分" for grade, threshold in profile.grade_thresholds
    )
    lines.append(f"总分等级：{grades}，其余为{profile.lowest_grade}。")
    lines.append(
        f"实际值达到越高越好指标值的 {format_score(profile.overachievement_ratio)} 倍及以上时，"
        "检查会提醒指标值可能定得过低。"
    )
    return RuleSection(f"评分规则：{profile.label}", tuple(lines))


def template_rules(template: FormTemplate) -> RuleSection:
    """What a form template fixes: the budget row's rule, the 分值 total, its scoring profile."""
    weight = format_score(template.budget_weight)
    lines: list[str] = []
    if not template.budget_row_weighted:
        lines.append(f"{template.rate_label}只填写、不计分。")
    elif template.budget_scoring is BudgetScoring.INTERVAL and template.budget_intervals:
        steps = "；".join(
            f"{template.rate_label} ≥ {_percent(i.rate_from)} 得 {_percent(i.fraction)}"
            for i in sorted(template.budget_intervals, key=lambda i: i.rate_from, reverse=True)
        )
        lines.append(
            f"{template.rate_label}一行{template.budget_weight_label} {weight}，按区间计分：{steps}"
            f"（占{template.budget_weight_label}的比例），低于最低一档得 0 分。"
        )
    else:
        lines.append(
            f"{template.rate_label}一行{template.budget_weight_label} {weight}，"
            f"得分 = {weight} × {template.rate_label}（超过 100% 按 100% 计）。"
        )
    if template.level1_weights:
        parts = "、".join(f"{k} {format_score(v)}" for k, v in template.level1_weights.items())
        lines.append(f"一级指标的标准{template.budget_weight_label}：{parts}。")
    lines.append(
        f"全部{template.budget_weight_label}合计应为 {format_score(template.weight_total)}；"
        "合计不符时不给出等级。"
    )
    if template.low_rate_needs_reason is not None:
        lines.append(
            f"{template.rate_label}低于 {_percent(template.low_rate_needs_reason)} 时须说明原因。"
        )
    profile = PROFILES.get(template.profile)
    if profile is not None:
        lines.append(f"三级指标按“{profile.label}”给出建议得分。")
    return RuleSection(f"表样：{template.name}", tuple(lines))


def all_rule_sections() -> list[RuleSection]:
    """Every scoring profile, then every form template, as the guide lists them."""
    return [profile_rules(p) for p in PROFILES.values()] + [
        template_rules(t) for t in templates().values()
    ]


def column_rules(profile: ScoringProfile, template: FormTemplate) -> dict[str, str]:
    """The column tooltips of the 三级 table that state a rule, written from the form's
    profile and template (the 建议得分 formula under ``linear-reverse`` is not the default's)."""
    weight = template.budget_weight_label
    if profile.reverse_formula is ReverseFormula.LINEAR:
        reverse = "分值×（2×目标−实际）÷目标，实际达目标两倍时为 0"
    else:
        reverse = "分值×目标÷实际"
    bands = "、".join(
        f"{grade.value}（{_percent(low)}–{_percent(high)}）"
        for grade, (low, high) in profile.qualitative_bands.items()
    )
    return {
        "weight": f"该指标的满分；全部{weight}（含{template.rate_label}）合计应为 "
        f"{format_score(template.weight_total)}",
        "suggested_score": f"按“{profile.label}”算出的参考得分（只读，不打印）："
        "≥、> 类指标达成得满分，否则 分值×实际÷目标；"
        f"≤、< 类指标达成得满分，否则 {reverse}；定性指标按完成等级给出得分区间",
        "grade": f"定性指标的完成等级及其得分占{weight}的比例：{bands}",
    }
