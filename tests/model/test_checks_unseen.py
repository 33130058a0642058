"""The checks on a form they were not written for: another region's habits.

A 2023 form for 老旧小区综合整治 in 万元, with 成本指标 as a 一级 of its own (a regional
variant), dates and fractions typed as values, and a handful of problems a reviewer would
catch. The rules were written before this form; it checks that they generalise.
"""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.model.checks import Severity, run_checks
from perfeval_gui.model.form import (
    Amounts,
    AmountUnit,
    Form,
    Funds,
    Goals,
    Indicator,
    Level1,
    Level2,
)
from perfeval_gui.model.formatting import format_percent, format_score
from perfeval_gui.model.scoring import compute_totals

D = Decimal


def _row(
    name: str, target: str, actual: str, weight: int, score: str, *, note: str = "无"
) -> Indicator:
    return Indicator(
        name=name, target=target, actual=actual, weight=D(weight), score=D(score),
        deviation_note=note,
    )  # fmt: skip


def renovation_form() -> Form:
    return Form(
        project_name="老旧小区综合整治",
        department="某区住房和城乡建设管理委员会",
        implementing_unit="",
        amount_unit=AmountUnit.WAN_YUAN,
        funds=Funds(
            total=Amounts(initial=D(500), adjusted=D(480), executed=D(456)),
            current_year_appropriation=Amounts(initial=D(400), adjusted=D(400), executed=D(380)),
            carried_over=Amounts(initial=D(80), adjusted=D(80), executed=D(76)),
        ),
        goals=Goals(expected="完成 12 个小区综合整治。", actual="完成 12 个小区综合整治。"),
        level1=[
            Level1(name="产出指标", children=[
                Level2(name="数量指标", indicators=[
                    _row("整治小区数量", ">=12 个", "12 个", 10, "10"),
                    _row("改造雨污管网长度", "≥8 公里", "7.2公里", 10, "9",
                         note="部分路段施工许可延后，已列入下年度计划"),
                ]),
                Level2(name="质量指标", indicators=[
                    _row("工程验收合格率", "100%", "100%", 10, "10"),
                ]),
                Level2(name="时效指标", indicators=[
                    _row("完工时间", "2023年11月底前", "2023年12月15日", 5, "5"),
                    _row("项目开工及时率", "≥95%", "0.98", 5, "5"),
                ]),
            ]),
            Level1(name="成本指标", children=[
                Level2(name="经济成本指标", indicators=[
                    _row("单个小区改造成本", "≤40万元/个", "38.5万元", 10, "10"),
                ]),
            ]),
            Level1(name="效益指标", children=[
                Level2(name="社会效益指标", indicators=[
                    _row("居民生活环境改善", "明显改善", "明显改善", 10, "8", note="—"),
                    _row("雨天积水点减少数量", ">=10 处", "25 处", 10, "10"),
                ]),
                Level2(name="可持续影响指标", indicators=[
                    _row("长效管理机制", "建立", "已建立", 10, "10"),
                ]),
            ]),
            Level1(name="满意度指标", children=[
                Level2(name="服务对象满意度指标", indicators=[
                    _row("居民满意度", "≥90%", "86%", 10, "10"),
                ]),
            ]),
        ],
    )  # fmt: skip


def test_totals_in_wan_yuan() -> None:
    totals = compute_totals(renovation_form())
    assert format_percent(totals.execution_rate) == "95.00%"
    assert format_score(totals.budget_score) == "9.5"
    assert totals.weight_total == D(100)
    assert format_score(totals.score_total) == "96.5"


def test_unseen_form_findings() -> None:
    found = [(f.severity, f.code, f.indicator or f.field) for f in run_checks(renovation_form())]
    assert found == [
        (Severity.WARNING, "header-missing", "implementing_unit"),
        # 400 + 80 万元 of sources, but 500 typed as 年度资金总额 年初预算数
        (Severity.WARNING, "funds-total-mismatch", "funds.total.initial"),
        # four 一级 with 成本指标: the 50/30/10 split does not apply, say so softly
        (Severity.INFO, "level1-nonstandard", "level1.weight"),
        # finished 15 December against 2023年11月底前 (15 days late), yet full marks
        (Severity.WARNING, "target-missed-full-score", "完工时间"),
        # 0.98 against ≥95%: a spreadsheet fraction, not 0.98%; not scored as a miss
        (Severity.WARNING, "units-incompatible", "项目开工及时率"),
        # text met (equal), 8 of 10 and the note is a dash
        (Severity.WARNING, "deduction-without-note", "居民生活环境改善"),
        # 25 处 is 250% of >=10 处
        (Severity.WARNING, "target-too-low", "雨天积水点减少数量"),
        (Severity.INFO, "grade-missing", "长效管理机制"),
        # 86% misses ≥90%, yet full marks
        (Severity.WARNING, "target-missed-full-score", "居民满意度"),
    ]
    # not flagged: 7.2 of 8 公里 scored 9 = 10 × 7.2 ÷ 8 with a real note; 38.5 万元 meets
    # ≤40 万元/个 (numerator 元 matches); 12 个 meets >=12 个; 100% = 100%.


def test_fraction_message_suggests_the_percentage() -> None:
    row = next(f for f in run_checks(renovation_form()) if f.indicator == "项目开工及时率")
    assert "是否应为 98%" in row.message
    assert row.path == (0, 2, 1)


def test_late_date_message() -> None:
    row = next(f for f in run_checks(renovation_form()) if f.indicator == "完工时间")
    assert "晚 15 天" in row.message
    assert row.field == "score"
