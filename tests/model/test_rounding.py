"""The one rounding rule, and that no other module rounds on its own."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval_gui
from perfeval_gui.model.rounding import (
    decimal_places,
    places_to_tell_apart,
    round_half_up,
    same_when_printed,
)

D = Decimal
PACKAGE = Path(perfeval_gui.__file__).parent


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [("4.555", 2, "4.56"), ("4.545", 2, "4.55"), ("-4.555", 2, "-4.56"), ("2.675", 2, "2.68"),
     ("0.0005", 3, "0.001"), ("12.34565", 4, "12.3457"),
     ("1E+30", 2, "1000000000000000000000000000000.00")],
)  # fmt: skip
def test_half_up_at_any_size(value: str, places: int, rounded: str) -> None:
    assert str(round_half_up(D(value), places)) == rounded


def test_not_finite_comes_back() -> None:
    assert round_half_up(D("Infinity")) == D("Infinity")


@pytest.mark.parametrize(
    ("value", "places"), [("4.550", 2), ("1E+2", 0), ("0", 0), ("0.0001", 4), ("12.3456", 4)]
)
def test_decimal_places(value: str, places: int) -> None:
    assert decimal_places(D(value)) == places


def test_same_when_printed() -> None:
    assert same_when_printed(D("4.555"), D("4.56"))
    assert not same_when_printed(D("4.554"), D("4.555"))


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False),
    st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False),
)
def test_places_to_tell_apart_is_the_fewest(a: Decimal, b: Decimal) -> None:
    places = places_to_tell_apart(a, b)
    assert places >= 2
    if a != b:
        assert round_half_up(a, places) != round_half_up(b, places)
        if places > 2:
            assert round_half_up(a, places - 1) == round_half_up(b, places - 1)


def test_no_module_rounds_on_its_own() -> None:
    """Rounding to cents was once written four times; every layer must call rounding.py."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "rounding.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if name in {"quantize", "ROUND_HALF_UP"}:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
