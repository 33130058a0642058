"""项目资金 defects found in use (issue 9: 金额单位 conversion, a finding on 年度资金总额)."""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.ui import dialogs
from perfeval_gui.ui.main_window import MainWindow
from tests.ui.conftest import DialogLog


def _amounts(window: MainWindow) -> list[Decimal | None]:
    funds = window.document.form.funds
    return [
        getattr(getattr(funds, row), column)
        for row in ("total", "current_year_appropriation", "carried_over", "other")
        for column in ("initial", "adjusted", "executed")
    ]


def test_switching_to_wan_yuan_converts_the_amounts_exactly(
    window: MainWindow, isolated: DialogLog
) -> None:
    before = _amounts(window)
    shown_before = window.funds_model.index(1, 1).data()
    assert shown_before == "152,919.80"
    window.fields.amount_unit.activated.emit(1)  # 万元
    assert isolated.convert_prompts == [("元", "万元")]
    form = window.document.form
    assert form.amount_unit == AmountUnit.WAN_YUAN
    assert form.funds.current_year_appropriation.adjusted == Decimal("15.29198")
    assert form.funds.current_year_appropriation.initial == Decimal("35.00")
    assert window.funds_label.text() == "项目资金（万元）"
    stack = window.document.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "金额单位改为万元（金额换算为万元）"
    window.fields.amount_unit.activated.emit(0)  # back to 元: the very same digits
    assert _amounts(window) == before
    stack.undo()
    stack.undo()
    assert _amounts(window) == before
    assert form.amount_unit == AmountUnit.YUAN
    assert stack.isClean()


def test_the_unit_alone_may_change_or_nothing(window: MainWindow, isolated: DialogLog) -> None:
    before = _amounts(window)
    isolated.convert_answer = dialogs.ConvertChoice.CANCEL
    window.fields.amount_unit.activated.emit(1)
    assert window.document.form.amount_unit == AmountUnit.YUAN
    assert window.fields.amount_unit.currentText() == "元"
    assert window.document.undo_stack.count() == 0
    isolated.convert_answer = dialogs.ConvertChoice.LABEL_ONLY
    window.fields.amount_unit.activated.emit(1)
    assert window.document.form.amount_unit == AmountUnit.WAN_YUAN
    assert _amounts(window) == before


def test_a_finding_about_the_computed_total_goes_to_its_sources(window: MainWindow) -> None:
    form = window.document.form
    form.funds.total.adjusted = Decimal("200000")  # typed, disagreeing with its sources
    window.document.replace_form(form)
    finding = next(f for f in run_checks(form) if f.field == "funds.total.adjusted")
    window.go_to_finding(finding)
    table = window.funds_table
    current = table.currentIndex()
    assert current.column() == 1  # 全年预算数
    assert current.row() == 1  # 其中：当年财政拨款, the first source
    assert window.funds_model.flags(current) & window.funds_model.flags(current).ItemIsEditable
    selected = {(i.row(), i.column()) for i in table.selectedIndexes()}
    assert selected == {(r, 1) for r in range(1, window.funds_model.rowCount())}
