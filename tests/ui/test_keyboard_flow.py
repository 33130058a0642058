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


def _type_refused_score(window: MainWindow, qtbot: Any) -> QLineEdit:
    _active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, SCORE))
    qtbot.keyClicks(table, "5")
    editor = table.findChild(QLineEdit, "numberEdit")
    assert editor is not None
    editor.insert("分钟")  # as an input method commits it (QTest types ASCII only)
    return editor


def test_closing_with_a_refused_number_in_a_cell_keeps_it_to_correct(
    window: MainWindow, qtbot: Any, isolated: Any
) -> None:
    _type_refused_score(window, qtbot)
    assert not window.document.is_modified()
    assert not window.close()
    assert window.isVisible()
    assert isolated.save_prompts == []  # nothing to save: the text must be corrected first

    def reopened() -> bool:
        editor = window.indicator_table.findChild(QLineEdit, "numberEdit")
        return editor is not None and editor.isVisible() and editor.text() == "5分钟"

    qtbot.waitUntil(reopened)
    assert "不是数字" in window.statusBar().currentMessage()
    editor = window.indicator_table.findChild(QLineEdit, "numberEdit")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # giving the entry up lets the window close
    assert window.close()


def test_toolbar_undo_with_a_refused_number_keeps_the_text(window: MainWindow, qtbot: Any) -> None:
    operations.set_value(window.document, path=(0, 0, 1), field="score", value=None, merge=False)
    _type_refused_score(window, qtbot)
    window.actions_by_name["undo"].trigger()
    assert window.document.undo_stack.canUndo()  # not undone while the text is refused

    def reopened() -> bool:
        editor = window.indicator_table.findChild(QLineEdit, "numberEdit")
        return editor is not None and editor.isVisible() and editor.text() == "5分钟"

    qtbot.waitUntil(reopened)
    qtbot.keyClick(window.indicator_table.findChild(QLineEdit, "numberEdit"), Qt.Key.Key_Escape)
    window.actions_by_name["undo"].trigger()
    assert window.document.undo_stack.isClean()


def test_a_refusal_whose_row_went_away_does_not_block_closing(
    window: MainWindow, qtbot: Any
) -> None:
    _type_refused_score(window, qtbot)
    window.indicator_table.setFocus()  # refused: the editor is to reopen on row 0 ...
    operations.delete_nodes(window.document, paths=[(0, 0, 0)])  # ... which is deleted first
    qtbot.wait(20)
    window.indicator_table.setCurrentIndex(window.indicator_model.index(0, SCORE))
    qtbot.keyClicks(window.indicator_table, "3")
    editor = window.indicator_table.findChild(QLineEdit, "numberEdit")
    assert editor is not None and editor.isVisible()
    assert window.close()  # the valid 3 is committed; the stale refusal is forgotten


def test_typing_on_the_computed_total_changes_no_amount(window: MainWindow, qtbot: Any) -> None:
    _active(window, qtbot, ())
    funds = window.funds_table
    model = window.funds_model
    before = window.document.form.funds.model_copy(deep=True)
    funds.setFocus()
    funds.setCurrentIndex(model.index(0, 0))  # 年度资金总额: the sum of the sources
    first_digit = str(model.index(1, 0).data())[0]
    # The first digit used to jump to the 当年财政拨款 row (its amount starts with it) and
    # the next ones overwrote that amount.
    qtbot.keyClicks(funds, f"{first_digit}5")
    qtbot.keyClick(funds, Qt.Key.Key_Return)
    assert window.document.form.funds == before
    assert window.document.undo_stack.count() == 0
    assert "不能输入" in window.statusBar().currentMessage()


def test_typing_on_a_suggested_score_leaves_the_cursor_in_place(
    window: MainWindow, qtbot: Any
) -> None:
    _active(window, qtbot, ())
    table = window.indicator_table
    model = window.indicator_model
    suggested = INDICATOR_FIELDS.index("suggested_score")
    table.setCurrentIndex(model.index(0, suggested))
    digits = {str(model.index(r, suggested).data() or "")[:1] for r in range(1, model.rowCount())}
    qtbot.keyClicks(table, sorted(d for d in digits if d.isdigit())[0])
    assert table.currentIndex().row() == 0
    assert window.document.undo_stack.count() == 0


def test_tab_skips_computed_cells_in_the_funds_table(window: MainWindow, qtbot: Any) -> None:
    _active(window, qtbot, ())
    funds = window.funds_table
    model = window.funds_model
    funds.setFocus()
    funds.setCurrentIndex(model.index(1, 2))  # 当年财政拨款 · 全年执行数, the row's last amount
    qtbot.keyClick(funds, Qt.Key.Key_Tab)
    # On to the next row's first amount, not onto 分值/执行率/得分 of this row.
    assert (funds.currentIndex().row(), funds.currentIndex().column()) == (2, 0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert (funds.currentIndex().row(), funds.currentIndex().column()) == (1, 2)


def test_tab_from_the_score_skips_the_suggested_score(window: MainWindow, qtbot: Any) -> None:
    _active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    table.setCurrentIndex(model.index(0, SCORE))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    column = table.currentIndex().column()
    assert column > SCORE + 1  # 完成等级 (qualitative rows) or 偏差原因分析, never 建议得分
    assert model.flags(table.currentIndex()) & Qt.ItemFlag.ItemIsEditable


def test_delete_clears_selected_amounts_as_one_step(window: MainWindow, qtbot: Any) -> None:
    _active(window, qtbot, ())
    funds = window.funds_table
    model = window.funds_model
    doc = window.document
    before = doc.form.funds.model_copy(deep=True)
    funds.setFocus()
    funds.setCurrentIndex(model.index(1, 0))
    funds.selectAll()  # computed cells and the budget 分值 are part of it, and stay
    qtbot.keyClick(funds, Qt.Key.Key_Delete)
    appropriation = doc.form.funds.current_year_appropriation
    assert (appropriation.initial, appropriation.adjusted, appropriation.executed) == (
        None,
        None,
        None,
    )
    assert doc.form.budget_weight is not None
    assert doc.undo_stack.count() == 1
    window.actions_by_name["undo"].trigger()
    assert doc.form.funds == before
    assert doc.undo_stack.isClean()
