"""The model's one bounded decimal: every amount, 分值 and 得分 has at most 20 integer and 10
fractional digits, refused with a Chinese message otherwise, before any arithmetic runs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from perfeval_gui.model.form import Amounts, Form, Indicator
from perfeval_gui.model.formatting import format_decimal, format_score
from perfeval_gui.model.numbers import DecimalBoundError, bounded, decimal_from_cell
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.values import DecimalInputError, parse_decimal_input


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2.5e-2147483648", "小数位数过多"),
        ("1E-100000000", "小数位数过多"),
        ("0.12345678901", "小数位数过多"),
        ("1E+20", "数值过大"),
        ("-123456789012345678901", "数值过大"),
        ("1E+999999999", "数值过大"),
        ("1" * 65, "数字过长"),
    ],
)
def test_a_number_outside_the_bounds_is_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(weight=text)  # type: ignore[arg-type]
    (error,) = info.value.errors()
    assert error["type"] == "decimal_bound"
    assert message in error["msg"]


@pytest.mark.parametrize("text", ["Infinity", "-Infinity", "NaN", "sNaN"])
def test_no_infinity_or_nan(text: str) -> None:
    with pytest.raises(ValidationError):
        Indicator(weight=text)  # type: ignore[arg-type]
    with pytest.raises(DecimalBoundError, match="应为有限的数字"):
        bounded(Decimal(text))


def test_assignment_is_bounded_too() -> None:
    amounts = Amounts()
    with pytest.raises(ValidationError):
        amounts.executed = Decimal("1E-30")
    assert amounts.executed is None


@pytest.mark.parametrize(
    "text",
    ["0", "5.5", "152919.80", "99999999999999999999", "-5", "0.0000000001", "1E+3", "12.3456"],
)
def test_numbers_within_the_bounds_keep_their_digits(text: str) -> None:
    ind = Indicator(score=text)  # type: ignore[arg-type]
    assert ind.score == Decimal(text)
    assert str(ind.score) == str(Decimal(text))  # "152919.80" stays "152919.80"


def test_trailing_zeros_and_zero_exponents_cost_nothing() -> None:
    # Equal values are kept, but without the zeros that made them expensive to print.
    assert str(bounded(Decimal("5.000000000000000"))) == "5.0000000000"
    assert bounded(Decimal("0E-2147483648")) == 0
    assert bounded(Decimal("0E-2147483648")).as_tuple().exponent == 0
    ind = Indicator(weight="0E-100000000")  # type: ignore[arg-type]
    assert format_decimal(ind.weight) == "0"


def test_refused_numbers_never_reach_the_totals() -> None:
    form = Form()
    with pytest.raises(ValidationError):
        form.budget_weight = Decimal("2.5e-2147483648")
    assert compute_totals(form).weight_total == Decimal(10)
    assert format_score(form.budget_weight) == "10"


def test_typed_input_says_why_in_chinese() -> None:
    with pytest.raises(DecimalInputError, match="小数位数过多（最多 10 位小数）"):
        parse_decimal_input("0.123456789012")
    assert parse_decimal_input("0.1234567890") == Decimal("0.1234567890")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (152919.8, "152919.8"),
        (0.1 + 0.2, "0.3"),  # the binary noise a spreadsheet never shows
        (1 / 3, "0.3333333333"),  # 15 digits shown by Excel, rounded to the bound
        (1e-12, "0"),
        (7, "7"),
        (Decimal("4.25"), "4.25"),
    ],
)
def test_cell_numbers_are_read_within_the_bounds(cell: float, expected: str) -> None:
    assert decimal_from_cell(cell) == Decimal(expected)


@pytest.mark.parametrize("cell", [1e30, -1e20, float("inf"), float("nan"), 10**40])
def test_cell_numbers_too_large_are_refused(cell: float) -> None:
    with pytest.raises(DecimalBoundError) as info:
        decimal_from_cell(cell)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))
