"""The one bounded decimal of the model: every amount, 分值 and 得分 is a :data:`BoundedDecimal`.

A :class:`~decimal.Decimal` can hold ``2.5E-2147483648`` or ``1E+999999999``: parsing such a
number is cheap, but printing it in positional notation, quantizing it or adding it to a
normal number costs gigabytes. So the digits are bounded at both ends, once, here, before any
arithmetic sees the number:

- at most :data:`MAX_INTEGER_DIGITS` digits before the point (|value| < 10²⁰, as a typed cell);
- at most :data:`MAX_FRACTION_DIGITS` digits after it (trailing zeros do not count).

A number outside these bounds is refused with a Chinese message (:class:`DecimalBoundError`
for plain code, a pydantic error of type ``decimal_bound`` inside a model); never rounded
silently. Only numbers that were never exact in the first place — binary floats read from a
spreadsheet cell — are rounded to the bound by :func:`decimal_from_cell`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

from perfeval_gui.model.rounding import round_half_up

#: Digits allowed before the decimal point: |value| < 10 ** MAX_INTEGER_DIGITS.
MAX_INTEGER_DIGITS = 20
#: Digits allowed after the decimal point (trailing zeros are not counted).
MAX_FRACTION_DIGITS = 10
#: Longest text accepted as a number before it is parsed at all (sign, digits, point, exponent).
MAX_NUMBER_TEXT = 64

#: The error type pydantic reports for a number outside the bounds; its ``msg`` is Chinese.
ERROR_TYPE = "decimal_bound"

TOO_LARGE = f"数值过大（不能超过 {MAX_INTEGER_DIGITS} 位整数）"
TOO_PRECISE = f"小数位数过多（最多 {MAX_FRACTION_DIGITS} 位小数）"
NOT_FINITE = "应为有限的数字"
TOO_LONG = f"数字过长（超过 {MAX_NUMBER_TEXT} 个字符）"


class DecimalBoundError(ValueError):
    """A number outside the model's bounds; ``str()`` is a Chinese message."""


def bounded(value: Decimal) -> Decimal:
    """``value`` checked against the bounds; raises :class:`DecimalBoundError`.

    Returns the value itself, except that trailing zeros beyond :data:`MAX_FRACTION_DIGITS`
    are dropped (``5.000000000000`` → ``5.0000000000``) and a zero with an extreme exponent
    (``0E-99999999``) becomes ``0``: both print, sum and round at the normal cost.
    """
    if not value.is_finite():
        raise DecimalBoundError(NOT_FINITE)
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if not any(digits):
        return Decimal(0) if not -MAX_FRACTION_DIGITS <= exponent <= 0 else value
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise DecimalBoundError(TOO_LARGE)
    if exponent < -MAX_FRACTION_DIGITS:
        # Trailing zeros cost nothing to drop; anything else is a digit too many.
        kept = len(digits) - (-MAX_FRACTION_DIGITS - exponent)
        if kept <= 0 or any(digits[kept:]):
            raise DecimalBoundError(TOO_PRECISE)
        return Decimal((sign, digits[:kept], -MAX_FRACTION_DIGITS))
    return value


def bounded_text(text: str) -> Decimal:
    """A number written as text (``"5.5"``, ``"1E+3"``), checked before and after parsing."""
    if len(text) > MAX_NUMBER_TEXT:
        raise DecimalBoundError(TOO_LONG)
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise DecimalBoundError("不是数字") from None
    return bounded(value)


def decimal_from_cell(value: int | float | Decimal) -> Decimal:
    """The exact decimal of a spreadsheet cell's number, within the bounds.

    A float is read by its shortest repr (``152919.8``), or by the 15 significant digits a
    spreadsheet shows when the repr carries binary noise (``0.30000000000000004`` → ``0.3``);
    digits beyond :data:`MAX_FRACTION_DIGITS` are rounded half-up (a float was never exact).
    Raises :class:`DecimalBoundError` for a number of 10²⁰ or more, infinity or NaN.
    """
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:  # pragma: no cover - repr of a float always parses
            raise DecimalBoundError(NOT_FINITE) from None
        if number.is_finite() and number.as_tuple().exponent < -MAX_FRACTION_DIGITS:  # type: ignore[operator]
            number = Decimal(format(value, ".15g"))
        if (
            number.is_finite()
            and number.adjusted() < MAX_INTEGER_DIGITS
            and number.as_tuple().exponent < -MAX_FRACTION_DIGITS  # type: ignore[operator]
        ):
            number = round_half_up(number, MAX_FRACTION_DIGITS)
            if not number:
                return Decimal(0)  # 1e-12: below the bound, read as zero
        return bounded(number)
    return bounded(Decimal(value))


def _before(value: Any) -> Any:
    """Refuse text too long to be a number before pydantic parses it."""
    if isinstance(value, str) and len(value) > MAX_NUMBER_TEXT:
        raise PydanticCustomError(ERROR_TYPE, TOO_LONG)
    return value


def _after(value: Decimal) -> Decimal:
    try:
        return bounded(value)
    except DecimalBoundError as exc:
        raise PydanticCustomError(ERROR_TYPE, str(exc)) from None


#: The model's decimal: bounded (see the module docstring); JSON as a string, never a float.
BoundedDecimal = Annotated[
    Decimal,
    BeforeValidator(_before),
    AfterValidator(_after),
    PlainSerializer(str, return_type=str, when_used="json"),
]
