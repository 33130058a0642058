"""model.summary: exact unit conversion, median, rate bands, totals of rows without 执行率,
template labels."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from perfeval_gui.model.form import Amounts, AmountUnit, Indicator, standard_form
from perfeval_gui.model.summary import (
    GroupBy,
    convert,
    display_name,
    grade_label,
    median,
    rate_distribution,
    summarize,
    summary_row,
    template_label,
)


def test_conversion_between_yuan_and_wan_yuan_is_exact() -> None:
    assert convert(Decimal("12.345678"), AmountUnit.WAN_YUAN, AmountUnit.YUAN) == Decimal(
        "123456.78"
    )
    assert convert(Decimal("0.01"), AmountUnit.YUAN, AmountUnit.WAN_YUAN) == Decimal("0.000001")
    assert convert(None, AmountUnit.YUAN, AmountUnit.WAN_YUAN) is None


def test_median_of_odd_and_even_counts() -> None:
    assert median([Decimal(3), Decimal(1), Decimal(2)]) == 2
    assert median([Decimal(4), Decimal(1), Decimal(2), Decimal(3)]) == Decimal("2.5")
    assert median([]) is None


def test_forms_without_budget_count_but_leave_the_rate_alone() -> None:
    with_budget = standard_form(2023)
    with_budget.project_name = "有预算"
    with_budget.department = "二部门"
    with_budget.funds.current_year_appropriation = Amounts(
        adjusted=Decimal(200), executed=Decimal(150)
    )
    without = standard_form(2023)
    without.project_name = "无预算"
    without.department = "一部门"
    rows = [summary_row(f, f.project_name) for f in (with_budget, without)]
    summary = summarize(rows, AmountUnit.YUAN, GroupBy.DEPARTMENT)
    assert [r.project_name for r in summary.rows] == ["无预算", "有预算"]
    assert summary.totals.execution_rate == Decimal("0.75")
    assert [g.name for g in summary.groups] == ["一部门", "二部门"]
    assert summary.groups[0].totals.execution_rate is None
    bands = dict(rate_distribution(summary.rows))
    assert bands["无预算数"] == 1 and bands["60%–80%"] == 1
    edge = replace(rows[0], execution_rate=Decimal("0.9"))
    assert dict(rate_distribution([edge]))["90%–100%"] == 1  # a band includes its lower end


def test_template_label_names_the_template_and_a_non_default_profile() -> None:
    form = standard_form(2023)
    assert template_label(form) == "上海/中央"
    form.template = "sichuan"
    form.scoring_profile = "linear-reverse"
    assert template_label(form).startswith("四川（反向指标线性计分")


def test_a_form_without_grade_or_name_is_counted_as_such() -> None:
    blank = standard_form(2023)  # no 三级 rows: 分值 total 10, not 100
    row = summary_row(blank, "自评表/空白.pev")
    assert row.grade == "—" and row.errors > 0
    assert display_name(row) == "（未填写）空白.pev"
    summary = summarize([row], AmountUnit.YUAN)
    counts = {grade_label(g.grade): g.count for g in summary.totals.grades}
    assert counts == {"优": 0, "良": 0, "中": 0, "差": 0, "未定等级": 1}


def test_a_row_shows_the_total_score_the_form_prints() -> None:
    # 执行率 3401.2345 ÷ 3456.7891 gives a proportional budget 得分 of 9.8392884…: the 汇总表
    # (and its --json, and its mean) shows the 总分 as the form prints it, 99.84.
    form = standard_form(2023)
    form.funds.current_year_appropriation = Amounts(
        adjusted=Decimal("3456.7891"), executed=Decimal("3401.2345")
    )
    form.level1[0].children[0].indicators = [
        Indicator(name="全部指标", target="1", actual="1", weight=Decimal(90), score=Decimal(90))
    ]
    row = summary_row(form, "a.pev")
    assert row.score_total == Decimal("99.84")
    assert summarize([row], AmountUnit.YUAN, None).totals.score_mean == Decimal("99.84")
