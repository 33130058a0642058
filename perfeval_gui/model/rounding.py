"""The one rounding rule of the product (FORM-SPEC §5): half-up, to the printed decimals.

Every layer rounds through here — display (``formatting``), the grade of the 总分
(``scoring``), the checks that compare a 得分 with its suggestion, and the Excel importer that
compares a sheet's figures with the computed ones — so a figure is never rounded two ways.

It is arithmetic, not text, and so lives apart from :mod:`perfeval_gui.model.formatting`:
the scoring and the importer round without printing anything.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

#: Scores, percentages and amounts print with 2 decimals (FORM-SPEC §5).
PRINTED_PLACES = 2


def round_half_up(d: Decimal, places: int = PRINTED_PLACES) -> Decimal:
    """``d`` rounded half-up to ``places`` decimals, however many digits it has.

    The default context's 28 digits would make ``quantize`` fail on, say, an 执行率 of
    10²⁶ % (全年预算数 0.000001); a context as wide as the result keeps every digit instead.
    Not-finite values come back unchanged.
    """
    if not d.is_finite():
        return d
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, d.adjusted() + places + 2)
        return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimal_places(d: Decimal) -> int:
    """How many decimals ``d`` holds, trailing zeros dropped: ``4.550`` → 2, ``1E+2`` → 0."""
    if not d.is_finite() or d == 0:
        return 0
    exponent = d.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def same_when_printed(a: Decimal, b: Decimal) -> bool:
    """Whether ``a`` and ``b`` print as the same figure (2 decimals, half-up)."""
    return round_half_up(a) == round_half_up(b)


def places_to_tell_apart(a: Decimal, b: Decimal, minimum: int = PRINTED_PLACES) -> int:
    """The fewest decimals (at least ``minimum``) at which ``a`` still prints unlike ``b``.

    A 得分 of 4.999 beside a 分值 of 5, or a suggested 0.098 beside a full 0.1, must not be
    printed as the same figure. Equal values need no more than ``minimum``.
    """
    if a == b:
        return minimum
    places = minimum
    while round_half_up(a, places) == round_half_up(b, places):
        places += 1
    return places


def agrees_as_typed(typed: Decimal, computed: Decimal, minimum: int) -> bool:
    """Whether ``typed`` is ``computed`` rounded to the decimals typed (at least ``minimum``):
    a 执行率 typed ``98.5`` (%) agrees with 98.506 %, one typed ``98`` not with 98.4 %."""
    places = max(decimal_places(typed), minimum)
    return round_half_up(typed, places) == round_half_up(computed, places)
