"""How numbers print (FORM-SPEC §5): amounts, scores, percentages, plain decimals.

Every function takes exact ``Decimal`` values, rounds half-up only for display, and prints
``""`` for ``None`` (an empty cell).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

_CENT = Decimal("0.01")


def _cents(d: Decimal) -> Decimal:
    """``d`` rounded half-up to 2 decimals, however many digits it has.

    The default context's 28 digits would make ``quantize`` fail on, say, an 执行率 of
    10²⁶ % (全年预算数 0.000001); a wider context keeps every digit instead.
    """
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, d.adjusted() + 4) if d.is_finite() else ctx.prec
        return d.quantize(_CENT, rounding=ROUND_HALF_UP)


def _plain(d: Decimal) -> str:
    """``d`` in positional notation, never scientific (``Decimal("1E+2")`` → ``"100"``)."""
    text = format(d, "f")
    return "0" if text in {"-0", "-0.0", "-0.00"} else text


def format_amount(d: Decimal | None) -> str:
    """A money amount with thousands separators and 2 decimals: ``152,919.80``."""
    if d is None:
        return ""
    q = _cents(d)
    return f"{q:,.2f}" if q != 0 else "0.00"


def format_score(d: Decimal | None) -> str:
    """A 分值/得分 with at most 2 decimals, half-up, trailing zeros dropped: ``94``, ``4.25``."""
    if d is None:
        return ""
    text = _plain(_cents(d))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_percent(rate: Decimal | None) -> str:
    """A fraction as a percentage with 2 decimals: ``Decimal(1)`` → ``100.00%``."""
    if rate is None:
        return ""
    return _plain(_cents(rate * 100)) + "%"


def format_decimal(d: Decimal | None) -> str:
    """A plain decimal for an editing cell: the stored digits, no separators, no exponent."""
    if d is None:
        return ""
    return _plain(d)
