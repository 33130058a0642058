"""元 ↔ 万元: converting the 项目资金 amounts exactly when the form's 金额单位 changes."""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.model.form import AmountUnit, FundColumn, FundRow, Funds

#: Each unit as a power of ten of 元.
_EXPONENT = {AmountUnit.YUAN: 0, AmountUnit.WAN_YUAN: 4}
_NO_CENTS = Decimal("0.00")


def convert_amount(value: Decimal, old: AmountUnit, new: AmountUnit) -> Decimal:
    """``value`` in ``old`` units expressed in ``new`` units, exactly (a shift of the point).

    152919.80 元 is 15.29198 万元 and back; trailing zeros beyond two decimals are dropped,
    never digits.
    """
    shifted = value.scaleb(_EXPONENT[old] - _EXPONENT[new]).normalize()
    exponent = shifted.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        shifted += _NO_CENTS  # 35 → 35.00 (a sum takes the finer exponent; no rounding)
    return shifted


def amount_fields(funds: Funds) -> list[tuple[str, Decimal]]:
    """Every typed amount of the 项目资金 block as (``funds.<row>.<column>``, value)."""
    found = []
    for row in FundRow:
        amounts = getattr(funds, row.value)
        for column in FundColumn:
            value = getattr(amounts, column.value)
            if value is not None:
                found.append((f"funds.{row.value}.{column.value}", value))
    return found
