"""Areas and volumes written with a superscript unit compare with the Chinese unit names
(found on a QA pass: ``520万m²`` against ``≥500万平方米`` was "读不出可比较的数量")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.values import Quantity, parse_value
from tests.render.helpers import seed_form


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("520万m²", Decimal(5200000), "平方米"),
        ("520㎡", Decimal(520), "平方米"),
        ("520 m2", Decimal(520), "平方米"),
        ("3.5m³", Decimal("3.5"), "立方米"),
        ("12km²", Decimal(12), "平方公里"),
    ],
)
def test_superscript_units_read_as_their_names(text: str, number: Decimal, unit: str) -> None:
    value = parse_value(text)
    assert isinstance(value, Quantity)
    assert (value.number, value.unit) == (number, unit)


def test_an_area_in_m2_is_checked_against_a_target_in_pingfangmi() -> None:
    form = seed_form(1)
    row = form.level1[0].children[0].indicators[0]
    row.target, row.actual = "≥500万平方米", "520万m²"
    row.score = row.weight
    found = [f for f in run_checks(form) if f.indicator == row.name]
    assert found == []
