"""How numbers print (FORM-SPEC §5): amounts, scores, percentages, plain decimals.

Every function takes exact ``Decimal`` values and prints ``""`` for ``None`` (an empty cell).
Rounding is :func:`perfeval_gui.model.rounding.round_half_up`, and happens only where a
figure is printed with fewer digits than it has:

- amounts keep every digit they hold (at least 2 decimals): 12.3456 万元 prints as such;
- scores print with at most 2 decimals on the form (:func:`format_score`); the editor shows
  what was typed (:func:`format_score_as_typed`), and a check says where the print rounds;
- percentages print with 2 decimals.
"""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.model.rounding import (
    PRINTED_PLACES,
    decimal_places,
    places_to_tell_apart,
    round_half_up,
)


def _plain(d: Decimal) -> str:
    """``d`` in positional notation, never scientific (``Decimal("1E+2")`` → ``"100"``)."""
    text = format(d, "f")
    return text[1:] if d == 0 and text.startswith("-") else text


def format_amount(d: Decimal | None) -> str:
    """A money amount with thousands separators and at least 2 decimals: ``152,919.80``.

    Never rounded: an amount of 12.3456 万元 keeps its 4 decimals.
    """
    if d is None:
        return ""
    q = round_half_up(d, max(PRINTED_PLACES, decimal_places(d)))
    return f"{q:,f}" if q != 0 else "0.00"


def format_score(d: Decimal | None, places: int = PRINTED_PLACES) -> str:
    """A 分值/得分 as printed: at most ``places`` decimals, half-up, trailing zeros dropped
    (``94``, ``4.5``, ``4.25``)."""
    if d is None:
        return ""
    text = _plain(round_half_up(d, places))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_score_as_typed(d: Decimal | None) -> str:
    """A 分值/得分 with every digit it holds, trailing zeros dropped: ``4.555`` stays ``4.555``."""
    if d is None:
        return ""
    return format_score(d, max(PRINTED_PLACES, decimal_places(d)))


def format_scores_apart(a: Decimal, *others: Decimal) -> tuple[str, ...]:
    """``a`` and ``others`` as scores, with as many decimals as it takes to show that ``a``
    differs from each of them.

    A suggested 得分 of 0.0978 beside a 分值 of 0.1 is ``("0.098", "0.1")``, not ``0.1`` twice.
    """
    places = max((places_to_tell_apart(a, b) for b in others), default=PRINTED_PLACES)
    return tuple(format_score(d, places) for d in (a, *others))


def format_percent(rate: Decimal | None) -> str:
    """A fraction as a percentage with 2 decimals: ``Decimal(1)`` → ``100.00%``."""
    if rate is None:
        return ""
    return _plain(round_half_up(rate * 100)) + "%"


def format_decimal(d: Decimal | None) -> str:
    """A plain decimal for an editing cell: the stored digits, no separators, no exponent."""
    if d is None:
        return ""
    return _plain(d)
