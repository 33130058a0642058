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
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "text"),
    [("152919.8", "152,919.80"), ("350000", "350,000.00"), ("0", "0.00"), ("-0.001", "0.00"),
     ("1234.565", "1,234.57"), ("1234.564", "1,234.56"), ("0.005", "0.01"),
     ("-1234.565", "-1,234.57")],
)  # fmt: skip
def test_format_amount(value: str, text: str) -> None:
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
    assert D(format_amount(d).replace(",", "")) == rounded
    assert D(format_decimal(d)) == d


def test_numbers_beyond_28_digits_still_print() -> None:
    # 全年预算数 0.000001 and 全年执行数 of 20 digits: an 执行率 of 10²⁸ % once crashed `check`.
    rate = Decimal("99999999999999999999.99") / Decimal("0.000001")
    assert format_percent(rate) == "9999999999999999999999000000.00%"
    big = "2" + "0" * 26
    assert format_score(Decimal(big + ".005")) == big + ".01"
    assert format_amount(Decimal("1E+27")) == "1,000,000,000,000,000,000,000,000,000.00"
