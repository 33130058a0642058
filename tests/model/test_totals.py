"""Totals, 执行率 and grade reproduce the signed-off seed forms exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import Amounts, Form, Funds, Indicator, Level1, Level2
from perfeval_gui.model.formatting import format_percent, format_score
from perfeval_gui.model.profiles import get_profile
from perfeval_gui.model.scoring import (
    budget_score,
    compute_totals,
    execution_rate,
    funds_total,
    grade_of,
)
from tests.conftest import load_fixture_json

D = Decimal


@pytest.mark.parametrize(("n", "score", "grade"), [(1, "94", "优"), (2, "100", "优")])
def test_seed_forms_reproduce_signed_off_totals(n: int, score: str, grade: str) -> None:
    data = load_fixture_json(n)
    totals = compute_totals(form_from_flat(data))
    assert format_score(totals.weight_total) == data["total"]["weight"] == "100"
    assert format_score(totals.score_total) == data["total"]["score"] == score
    assert totals.grade == grade
    assert [n.weight for n in totals.level1] == [D(50), D(30), D(10)]
    assert format_percent(totals.execution_rate) == "100.00%"
    assert format_score(totals.budget_score) == "10"


def test_seed1_per_level_scores(seed1_flat: dict[str, Any]) -> None:
    totals = compute_totals(form_from_flat(seed1_flat))
    assert [n.score for n in totals.level1] == [D(47), D(28), D(9)]
    # 产出指标: 数量 20/19, 质量 15/14, 时效 4/4, 成本 11/10
    assert [(n.weight, n.score) for n in totals.level2[0]] == [
        (D(20), D(19)),
        (D(15), D(14)),
        (D(4), D(4)),
        (D(11), D(10)),
    ]


def _form_with_funds(adjusted: str | None, executed: str | None, weight: str = "10") -> Form:
    def amount(v: str | None) -> Decimal | None:
        return None if v is None else D(v)

    return Form(
        budget_weight=D(weight),
        funds=Funds(
            current_year_appropriation=Amounts(adjusted=amount(adjusted), executed=amount(executed))
        ),
    )


def test_budget_score_is_weight_times_capped_rate() -> None:
    form = _form_with_funds("200000", "150000.50")
    assert execution_rate(form) == D("150000.50") / D(200000)
    assert budget_score(form) == D(10) * D("150000.50") / D(200000)
    assert format_percent(execution_rate(form)) == "75.00%"
    over = _form_with_funds("100", "120")
    assert budget_score(over) == D(10)  # capped at 100%
    assert format_percent(execution_rate(over)) == "120.00%"


@pytest.mark.parametrize(("adjusted", "executed"), [(None, "5"), ("0", "5"), ("5", None)])
def test_no_rate_without_budget(adjusted: str | None, executed: str | None) -> None:
    form = _form_with_funds(adjusted, executed)
    assert execution_rate(form) is None
    assert budget_score(form) is None
    assert compute_totals(form).score_total == 0


def test_funds_total_sums_sources_and_falls_back_to_typed_total() -> None:
    funds = Funds(
        total=Amounts(initial=D(999), adjusted=D(7), executed=D(1)),
        current_year_appropriation=Amounts(initial=D("100.10"), adjusted=None),
        carried_over=Amounts(initial=D("0.90")),
        other=Amounts(initial=None),
    )
    total = funds_total(funds)
    assert total.initial == D("101.00")  # computed, the typed 999 is wrong
    assert total.adjusted == D(7)  # every source empty: the typed value
    assert total.executed == D(1)


def test_empty_scores_count_as_zero_and_weights_sum() -> None:
    form = Form(
        level1=[
            Level1(
                name="产出指标",
                children=[
                    Level2(
                        name="数量指标",
                        indicators=[
                            Indicator(name="a", weight=D("4.5"), score=D("4.25")),
                            Indicator(name="b", weight=D(3), score=None),
                            Indicator(name="c", weight=None, score=None),
                        ],
                    )
                ],
            )
        ]
    )
    totals = compute_totals(form)
    assert totals.weight_total == D("17.5")  # 10 + 4.5 + 3
    assert totals.score_total == D("4.25")  # no budget rate: 0
    assert totals.grade == "—（分值合计≠100）"  # 17.5 of 100: no grade yet
    assert not totals.grade_valid


def test_grade_is_given_once_weights_add_up_to_100() -> None:
    # 等级 优 beside 分值合计 130/100 misled a user: no grade until the 分值 add up.
    rows = [Indicator(name="a", weight=D(90), score=D(90))]
    form = Form(level1=[Level1(name="产出指标", children=[Level2(name="数量", indicators=rows)])])
    assert compute_totals(form).grade == "优"  # 10 + 90
    form.level1[0].children[0].indicators.append(Indicator(name="b", weight=D(30), score=D(30)))
    totals = compute_totals(form)
    assert totals.weight_total == D(130)
    assert totals.grade == "—（分值合计≠100）"
    assert not totals.grade_valid


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.5", "中"), ("60", "中"),
     ("59.99", "差"), ("0", "差")],
)  # fmt: skip
def test_grade_thresholds(total: str, grade: str) -> None:
    assert grade_of(D(total), get_profile("default")) == grade


@pytest.mark.parametrize(
    ("last", "total", "grade"), [("4.995", "90", "优"), ("4.994", "89.99", "良")]
)
def test_grade_follows_the_printed_total(last: str, total: str, grade: str) -> None:
    # 总分 89.995 prints as 90: grading the unrounded total would print "90 良".
    form = Form(budget_weight=D(10))  # no funds: the budget row scores 0 of its 10
    rows = [Indicator(name=str(i), weight=D(5), score=D(5)) for i in range(17)]
    rows.append(Indicator(name="x", weight=D(5), score=D(last)))
    form.level1 = [Level1(name="产出指标", children=[Level2(name="数量指标", indicators=rows)])]
    totals = compute_totals(form)
    assert format_score(totals.score_total) == total
    assert totals.grade == grade
