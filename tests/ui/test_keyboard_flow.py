"""A fast typist's flow: the cursor and the typed text survive undo and row deletion."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from perfeval_gui.ui import operations
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS

NOTE = INDICATOR_FIELDS.index("deviation_note")
SCORE = INDICATOR_FIELDS.index("score")


def _active(window: MainWindow, qtbot: Any, scope: tuple[int, ...]) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tree_panel.select(scope)
    window.indicator_table.setFocus()


def test_toolbar_undo_while_typing_keeps_the_text_and_the_focus(
    window: MainWindow, qtbot: Any
) -> None:
    doc = window.document
    names_before = [i.name for i in doc.form.level1[0].children[0].indicators]
    operations.delete_nodes(doc, paths=[(0, 0, 0)])
    _active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(1, NOTE))
    qtbot.keyClicks(table, "x")  # typing starts editing; the rest goes to the editor
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None
    qtbot.keyClicks(editor, "yz")
    # The toolbar button takes no focus: the editor is still open when the undo runs.
    window.actions_by_name["undo"].trigger()
    # The typing became a step of its own and was undone; the deletion is still there.
    assert [i.name for i in doc.form.level1[0].children[0].indicators] == names_before[1:]
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 1
    window.actions_by_name["redo"].trigger()
    assert doc.form.level1[0].children[0].indicators[1].deviation_note == "xyz"
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert [i.name for i in doc.form.level1[0].children[0].indicators] == names_before
    assert doc.undo_stack.isClean()


def test_cursor_stays_in_place_after_deleting_rows_and_undo(window: MainWindow, qtbot: Any) -> None:
    _active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    third = model.index(2, SCORE).siblingAtColumn(0).data()
    table.setCurrentIndex(model.index(1, SCORE))
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    # The row below moved up under the cursor, which is still in the 得分 column.
    assert table.currentIndex().row() == 1
    assert table.currentIndex().column() == SCORE
    assert model.index(1, 0).data() == third
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 2
    window.actions_by_name["undo"].trigger()
    assert table.currentIndex().isValid()
    assert window.document.undo_stack.isClean()


def test_deleting_the_last_row_leaves_the_cursor_on_the_new_last_row(
    window: MainWindow, qtbot: Any
) -> None:
    _active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    last = model.rowCount() - 1
    table.setCurrentIndex(model.index(last, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == last - 1


def test_choosing_another_tree_node_does_not_carry_the_cursor_over(
    window: MainWindow, qtbot: Any
) -> None:
    _active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(2, SCORE))
    window.tree_panel.select((1, 0))
    assert not table.currentIndex().isValid()
