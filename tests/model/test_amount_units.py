"""元 ↔ 万元 conversion is exact: a shift of the decimal point, never a rounding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from perfeval_gui.model.amount_units import amount_fields, convert_amount
from perfeval_gui.model.form import Amounts, AmountUnit, Funds

YUAN, WAN = AmountUnit.YUAN, AmountUnit.WAN_YUAN


def test_known_amounts() -> None:
    assert convert_amount(Decimal("152919.80"), YUAN, WAN) == Decimal("15.29198")
    assert str(convert_amount(Decimal("350000.00"), YUAN, WAN)) == "35.00"
    assert str(convert_amount(Decimal("15.29198"), WAN, YUAN)) == "152919.80"
    assert str(convert_amount(Decimal("0.01"), YUAN, WAN)) == "0.000001"
    assert convert_amount(Decimal(5), YUAN, YUAN) == Decimal(5)


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2))
def test_there_and_back_is_the_same_amount(value: Decimal) -> None:
    there = convert_amount(value, YUAN, WAN)
    assert there * 10000 == value
    assert convert_amount(there, WAN, YUAN) == value


def test_amount_fields_lists_the_typed_amounts_only() -> None:
    funds = Funds(carried_over=Amounts(initial=Decimal(3)), other=Amounts(executed=Decimal(1)))
    assert amount_fields(funds) == [
        ("funds.carried_over.initial", Decimal(3)),
        ("funds.other.executed", Decimal(1)),
    ]
