"""A split 年度指标值 whose value already carries the 度量单位 (``≥ | 95% | %``, as clerks fill
the 云南 form) is read as ``≥95%``, not ``≥95%%`` (found on a QA pass: the row was then
"单位不同，无法比较" against an actual of 96%)."""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import Indicator, target_text
from tests.render.helpers import seed_form


def test_a_unit_typed_twice_is_read_once() -> None:
    row = Indicator(name="合格率", target_nature="≥", target="95%", target_unit="%", actual="96%")
    assert target_text(row) == "≥95%"
    assert target_text(row.model_copy(update={"target": "95"})) == "≥95%"
    assert target_text(
        Indicator(name="x", target_nature="≥", target="735", target_unit="人次")
    ) == ("≥735人次")


def test_such_a_row_is_checked_without_a_unit_warning() -> None:
    form = seed_form(1)
    form.template = "yunnan"
    row = form.level1[0].children[0].indicators[0]
    row.target_nature, row.target, row.target_unit, row.actual = "≥", "95%", "%", "96%"
    row.score = row.weight
    assert [f.code for f in run_checks(form) if f.indicator == row.name] == []
    assert row.weight is not None and row.weight > Decimal(0)
