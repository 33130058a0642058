"""Checks from real published forms: instruction text left in, number-only goals,
placeholder names, qualitative actuals that say "achieved" in words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import Form, Goals, Indicator, Level1, Level2
from perfeval_gui.model.profiles import DEFAULT_PROFILE
from perfeval_gui.model.scoring import implied_grade, suggest_score


def _codes(form: Form) -> list[str]:
    return [f.code for f in run_checks(form)]


@pytest.mark.parametrize(
    "text",
    ["对照年度目标,说明年度目标完成情况(100字以内)", "请填写项目实施单位", "（此处填写）"],
)
def test_template_instruction_left_in_goals(text: str) -> None:
    form = Form(goals=Goals(expected="完成培训 10 场", actual=text))
    found = [f for f in run_checks(form) if f.code == "template-text-left"]
    assert [f.field for f in found] == ["goals.actual"]


def test_real_goal_text_is_not_an_instruction() -> None:
    form = Form(goals=Goals(expected="全年组织培训 12 场，说明会 3 场", actual="已完成全部培训"))
    assert "template-text-left" not in _codes(form)


@pytest.mark.parametrize("text", ["100", "95%", "1,234.5"])
def test_goals_that_are_only_a_number(text: str) -> None:
    form = Form(goals=Goals(expected=text, actual="完成"))
    assert [f.field for f in run_checks(form) if f.code == "goals-number-only"] == [
        "goals.expected"
    ]


@pytest.mark.parametrize("name", ["指标1", "指标 2", "……", "..."])
def test_placeholder_indicator_names(name: str) -> None:
    row = Indicator(name=name, target="≥1次", actual="1次", weight=Decimal(5), score=Decimal(5))
    form = Form(level1=[Level1(name="产出指标", children=[Level2(name="数量", indicators=[row])])])
    assert "indicator-name-placeholder" in _codes(form)


@pytest.mark.parametrize(
    "actual", ["达成预期指标", "已完成", "达到预期", "达到预期目标", "全部完成"]
)
def test_achieved_in_words_counts_for_text_targets(actual: str) -> None:
    row = Indicator(target="及时", actual=actual, weight=Decimal(5), score=Decimal(5))
    assert implied_grade(row) is not None
    suggestion = suggest_score(row, DEFAULT_PROFILE)
    assert suggestion is not None
    assert suggestion.met is True
    form = Form(level1=[Level1(name="产出指标", children=[Level2(name="时效", indicators=[row])])])
    assert "grade-missing" not in _codes(form)


def test_achieved_words_do_not_meet_a_number_or_a_deadline() -> None:
    assert implied_grade(Indicator(target="≥10次", actual="已完成", weight=Decimal(5))) is None
    assert (
        implied_grade(Indicator(target="2023年10月底", actual="已完成", weight=Decimal(5))) is None
    )
