"""One number policy (issue 13 §3; issue 9 #11, #13): typed digits are shown, the print
rounds to 2 decimals and a finding says so, messages show the digits that matter."""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.scoring import compute_totals
from tests.model.test_checks_rules import clean_form, with_row

D = Decimal


def test_a_score_of_three_decimals_is_kept_and_its_rounding_in_print_is_said() -> None:
    # Issue 9 #11: 4.555 typed as 得分 showed as 4.56, and the 总分 as 91.56.
    form = with_row(score=D("4.555"), deviation_note="宣传单印制数量略有减少，已在下年度补足")
    totals = compute_totals(form)
    assert totals.places == 3
    rounded = [f for f in run_checks(form) if f.code == "rounded-in-print"]
    assert [(f.field, f.path) for f in rounded] == [("score", (0, 0, 0))]
    assert "4.555 有 3 位小数" in rounded[0].message
    assert "四舍五入为 4.56" in rounded[0].message


def test_two_decimals_print_as_typed_and_need_no_finding() -> None:
    form = with_row(score=D("4.50"), deviation_note="宣传单印制数量略有减少，已在下年度补足")
    assert compute_totals(form).places == 2
    assert "rounded-in-print" not in {f.code for f in run_checks(form)}


def test_a_budget_weight_of_three_decimals_is_said_too() -> None:
    form = clean_form()
    form.budget_weight = D("10.125")
    found = [f for f in run_checks(form) if f.code == "rounded-in-print"]
    assert [f.field for f in found] == ["budget_weight"]


def test_a_missed_target_on_a_tiny_weight_shows_the_suggestion_digits() -> None:
    # Issue 9 #13: 分值 0.1, 88% against >=90% said 却得满分 0.1 分（建议得分 0.1）.
    form = with_row(target=">=90%", actual="88%", weight=D("0.1"), score=D("0.1"))
    messages = [f.message for f in run_checks(form) if f.code == "target-missed-full-score"]
    assert len(messages) == 1
    assert "却得满分 0.1 分（建议得分 0.098）" in messages[0]


def test_a_score_below_a_suggestion_shows_both_with_their_digits() -> None:
    form = with_row(target=">=90%", actual="88%", weight=D("0.1"), score=D("0.09"))
    messages = [f.message for f in run_checks(form) if f.code == "score-differs-from-suggestion"]
    assert len(messages) == 1
    assert "得分 0.09 与建议得分 0.098" in messages[0]


def test_a_weight_typed_with_three_decimals_is_named_as_typed() -> None:
    form = with_row(target=">=4 次", actual="3 次", weight=D("5.125"), score=D("5.125"))
    message = next(f.message for f in run_checks(form) if f.code == "target-missed-full-score")
    assert "却得满分 5.125 分（建议得分 3.84）" in message


def test_wan_yuan_amounts_keep_their_four_decimals_in_messages() -> None:
    form = clean_form()
    form.amount_unit = AmountUnit.WAN_YUAN
    form.funds.current_year_appropriation.adjusted = D("12.3456")
    form.funds.current_year_appropriation.executed = D("12.3457")
    messages = [f.message for f in run_checks(form) if f.code == "executed-above-budget"]
    assert messages and "12.3457 万元" in messages[0] and "12.3456 万元" in messages[0]


def test_a_negative_weight_is_an_error_named_with_its_digits() -> None:
    form = with_row(weight=D("-5.50"), score=D(0), deviation_note="未开展")
    found = [f for f in run_checks(form) if f.path == (0, 0, 0)]
    negative = [f for f in found if f.code == "weight-negative"]
    assert [(f.severity.value, f.field) for f in negative] == [("error", "weight")]
    assert "分值 -5.50 为负数" in negative[0].message  # as typed
    # A negative 分值 is not scored against: no suggestion rules fire on it.
    assert {f.code for f in found} <= {"weight-negative", "score-above-weight"}
    assert compute_totals(form).weight_total == compute_totals(clean_form()).weight_total - D(
        "10.50"
    )  # the row's 分值 5 became -5.5 and still counts in the sum the check reports


def test_a_negative_amount_is_a_warning_on_its_cell() -> None:
    form = clean_form()
    form.funds.other.executed = D("-1234.5")
    found = [f for f in run_checks(form) if f.code == "amount-negative"]
    assert [(f.severity.value, f.field) for f in found] == [("warning", "funds.other.executed")]
    assert "-1,234.50 元 为负数" in found[0].message
