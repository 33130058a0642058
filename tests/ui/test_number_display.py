"""What the editor shows of typed numbers (issue 9 #11, #12, #13)."""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS

SCORE = INDICATOR_FIELDS.index("score")
WEIGHT = INDICATOR_FIELDS.index("weight")
SUGGESTED = INDICATOR_FIELDS.index("suggested_score")


def test_a_typed_score_shows_every_digit_and_the_total_follows(window: MainWindow) -> None:
    # Issue 9 #11: 4.555 typed as 得分 showed as 4.56 and the 总分 as 91.56.
    window.tree_panel.select((0, 0))
    model = window.indicator_model
    cell = model.index(0, SCORE)
    before = window.document.totals().score_total
    old = window.document.form.level1[0].children[0].indicators[0].score
    assert model.setData(cell, "4.555")
    assert cell.data() == "4.555"
    total = before - old + Decimal("4.555")
    assert window.totals_panel.score_total.text() == format(total, "f")
    finding_codes = {f.code for f in window.document.findings()}
    assert "rounded-in-print" in finding_codes


def test_a_score_typed_with_its_unit_is_taken(window: MainWindow) -> None:
    # Issue 9 #12: 5分 was refused in a cell though import accepts 10分.
    window.tree_panel.select((0, 0))
    model = window.indicator_model
    assert model.setData(model.index(0, SCORE), "5分")
    assert window.document.form.level1[0].children[0].indicators[0].score == Decimal(5)


def test_a_tiny_weight_shows_the_suggestion_apart_from_it(window: MainWindow) -> None:
    # Issue 9 #13: with 分值 0.1, 88% against >=90% suggested "0.1".
    window.tree_panel.select((0, 0))
    model = window.indicator_model
    row = window.document.form.level1[0].children[0].indicators[0]
    assert model.setData(model.index(0, INDICATOR_FIELDS.index("target")), ">=90%")
    assert model.setData(model.index(0, INDICATOR_FIELDS.index("actual")), "88%")
    assert model.setData(model.index(0, WEIGHT), "0.1")
    assert row.weight == Decimal("0.1")
    assert model.index(0, SUGGESTED).data() == "0.098"
