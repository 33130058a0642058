"""One undo stack for everything: typing merges, Ctrl+Z/Ctrl+Y reach it from any field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from perfeval_gui.model.form import Form
from perfeval_gui.ui import operations, paste
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from tests.conftest import load_fixture_json


def _activate(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()


def test_typing_in_a_header_field_is_one_undo_step(window: MainWindow, qtbot: Any) -> None:
    _activate(window, qtbot)
    edit = window.fields.line_edits["project_name"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "New name")
    assert window.document.form.project_name == "New name"
    assert window.document.undo_stack.count() == 1
    assert window.windowTitle().startswith("未命名*")
    # Ctrl+Z while the field has the focus undoes through the document's stack.
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.form.project_name == "项目服务管理"
    assert edit.text() == "项目服务管理"
    assert window.document.undo_stack.isClean()
    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "New name"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.document.form.project_name == "New name"


def test_goal_text_typing_merges_and_follows_undo(window: MainWindow, qtbot: Any) -> None:
    _activate(window, qtbot)
    goal = window.fields.goal_edits["goals.expected"]
    window.tabs.setCurrentIndex(1)
    goal.setFocus()
    goal.moveCursor(goal.textCursor().MoveOperation.End)
    qtbot.keyClicks(goal, " more")
    assert window.document.form.goals.expected.endswith(" more")
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert not goal.toPlainText().endswith(" more")


def test_edits_of_different_fields_are_separate_steps(window: MainWindow) -> None:
    doc = window.document
    operations.set_value(doc, path=None, field="project_name", value="a", merge=True)
    operations.set_value(doc, path=None, field="department", value="b", merge=True)
    operations.set_value(doc, path=None, field="project_name", value="c", merge=True)
    assert doc.undo_stack.count() == 3


def test_year_and_amount_unit_are_undoable(window: MainWindow) -> None:
    window.fields.year.setValue(2024)
    window.fields.amount_unit.activated.emit(1)
    assert window.document.form.year == 2024
    assert window.funds_label.text() == "项目资金（万元）"
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert window.fields.year.value() == 2023
    assert window.fields.amount_unit.currentText() == "元"
    assert window.funds_label.text() == "项目资金（元）"


_PATHS = [(0, 0, 0), (0, 1, 2), (1, 0, 4), (2, 0, 1)]
_FIELDS = ["weight", "score", "name", "target", "actual", "deviation_note"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(_PATHS),
            st.sampled_from(_FIELDS),
            st.one_of(st.decimals(min_value=0, max_value=20, places=2), st.text(max_size=8)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_sequence_of_edits_undoes_to_the_original(
    qtbot: Any, edits: list[tuple[tuple[int, ...], str, Any]]
) -> None:
    from perfeval_gui.io.flat import form_from_flat

    form: Form = form_from_flat(load_fixture_json(1))
    original = form.model_copy(deep=True)
    doc = Document(form)
    for path, field, raw in edits:
        if field in ("weight", "score"):
            value = raw if isinstance(raw, Decimal) else None
        else:
            value = str(raw)
        operations.set_value(doc, path=path, field=field, value=value)
    edited = doc.form.model_copy(deep=True)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.form == original
    assert doc.undo_stack.isClean()
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert doc.form == edited


@pytest.mark.parametrize("text", ["abc", "1.2.3", "1,2345"])
def test_bad_number_text_never_reaches_the_model(window: MainWindow, text: str) -> None:
    model = window.indicator_model
    assert not model.setData(model.index(0, INDICATOR_FIELDS.index("weight")), text)
    assert window.document.undo_stack.count() == 0


def test_a_paste_and_its_undo_refresh_the_views_once(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    lines = [[f"行{n}", ">=1 次", "1 次", "1", "1"] for n in range(20)]
    changes: list[Any] = []
    doc.changed.connect(changes.append)
    paste.paste_rows(doc, rows=[], first_field=0, lines=lines, new_rows_parent=(0, 0))
    assert len(changes) == 1  # 20 new rows, 100 cells: one refresh
    doc.undo()
    assert len(changes) == 2
    assert len(doc.form.level1[0].children[0].indicators) == 4
    doc.redo()
    assert len(changes) == 3
    assert len(doc.form.level1[0].children[0].indicators) == 24
    assert window.totals_panel.weight_total.text() == "120 / 100"


def test_choosing_a_scoring_profile_changes_suggestions(window: MainWindow) -> None:
    window.tree_panel.select((0, 0))
    model = window.indicator_model
    # 政策宣传品制作数量: <=200 册, actually 400 册, 分值 8.
    suggested = model.index(2, operations.INDICATOR_FIELDS.index("suggested_score"))
    assert suggested.data() == "4"  # 8 × 200 ÷ 400
    combo = window.fields.profile
    assert combo.currentData() == "default"
    combo.activated.emit(combo.findData("linear-reverse"))
    assert window.document.form.scoring_profile == "linear-reverse"
    assert suggested.data() == "0"  # linear, zero at twice the target
    window.document.undo()
    assert combo.currentData() == "default"
    assert suggested.data() == "4"
