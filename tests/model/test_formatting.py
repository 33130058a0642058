"""How numbers print: half-up rounding, separators, trailing zeros."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.model.formatting import (
    format_amount,
    format_decimal,
    format_percent,
    format_score,
    format_score_as_typed,
    format_scores_apart,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "text"),
    [("152919.8", "152,919.80"), ("350000", "350,000.00"), ("0", "0.00"), ("-0.00", "0.00"),
     ("1234.56", "1,234.56"), ("1E+3", "1,000.00"), ("-1234.5", "-1,234.50"),
     # 万元 with 3–4 decimals keep them: 12.3456 万元 is 123,456 元, not 123,500.
     ("12.3456", "12.3456"), ("967.780", "967.78"), ("0.005", "0.005"), ("-0.001", "-0.001")],
)  # fmt: skip
def test_format_amount_keeps_every_digit(value: str, text: str) -> None:
    assert format_amount(D(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [("94", "94"), ("94.00", "94"), ("4.5", "4.5"), ("4.25", "4.25"), ("4.255", "4.26"),
     ("4.245", "4.25"), ("4.2449", "4.24"), ("1E+2", "100"), ("0", "0"), ("-0.001", "0"),
     ("2.675", "2.68"), ("10.10", "10.1")],
)  # fmt: skip
def test_format_score_half_up(value: str, text: str) -> None:
    assert format_score(D(value)) == text


@pytest.mark.parametrize(
    ("rate", "text"),
    [("1", "100.00%"), ("0.123456", "12.35%"), ("0.00005", "0.01%"), ("1.2", "120.00%")],
)
def test_format_percent(rate: str, text: str) -> None:
    assert format_percent(D(rate)) == text


def test_none_prints_empty() -> None:
    assert format_amount(None) == format_score(None) == format_percent(None) == ""
    assert format_decimal(None) == ""


@pytest.mark.parametrize(
    ("value", "text"), [("152919.80", "152919.80"), ("1E+3", "1000"), ("5", "5")]
)
def test_format_decimal_keeps_digits(value: str, text: str) -> None:
    assert format_decimal(D(value)) == text


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_score_and_amount_round_half_up(d: Decimal) -> None:
    rounded = d.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert D(format_score(d)) == rounded
    assert D(format_amount(d).replace(",", "")) == d  # amounts are never rounded
    assert D(format_score_as_typed(d)) == d
    assert D(format_decimal(d)) == d


def test_numbers_beyond_28_digits_still_print() -> None:
    # 全年预算数 0.000001 and 全年执行数 of 20 digits: an 执行率 of 10²⁸ % once crashed `check`.
    rate = Decimal("99999999999999999999.99") / Decimal("0.000001")
    assert format_percent(rate) == "9999999999999999999999000000.00%"
    big = "2" + "0" * 26
    assert format_score(Decimal(big + ".005")) == big + ".01"
    assert format_amount(Decimal("1E+27")) == "1,000,000,000,000,000,000,000,000,000.00"


@pytest.mark.parametrize(
    ("value", "text"), [("4.555", "4.555"), ("94.00", "94"), ("4.50", "4.5"), ("1E+2", "100")]
)
def test_score_as_typed_keeps_its_digits(value: str, text: str) -> None:
    # Issue 9 #11: 4.555 typed as 得分 showed as 4.56.
    assert format_score_as_typed(D(value)) == text


@pytest.mark.parametrize(
    ("a", "b", "shown"),
    [("0.0977777777777", "0.1", ("0.098", "0.1")), ("4.999", "5", ("4.999", "5")),
     ("4.25", "5", ("4.25", "5")), ("3", "3", ("3", "3")), ("99.9999", "100", ("99.9999", "100"))],
)  # fmt: skip
def test_scores_apart_show_the_digits_that_differ(a: str, b: str, shown: tuple[str, str]) -> None:
    # Issue 9 #13: a suggestion of 0.098 beside a 分值 of 0.1 printed as 0.1 twice.
    assert format_scores_apart(D(a), D(b)) == shown
