"""Defects of the 三级 table found in a day of use (issue 9: Insert in 全部三级指标, Enter on
the last row, Ctrl+X)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton

from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from tests.ui.conftest import DialogLog
from tests.ui.test_indicator_table import active

NAME = INDICATOR_FIELDS.index("name")
TARGET = INDICATOR_FIELDS.index("target")


def _all_rows_view(window: MainWindow, qtbot: Any) -> None:
    """The 全部三级指标 view (nothing chosen in the tree), no current cell, at the top."""
    window.resize(1366, 768)
    active(window, qtbot, ())
    window.tree_panel.view.setCurrentIndex(window.tree_panel.model.index(-1, -1))
    window.indicator_model.set_scope(())
    window.indicator_table.setCurrentIndex(window.indicator_model.index(-1, -1))
    window.indicator_table.scrollToTop()
    window.indicator_table.setFocus()
    assert window.scope_label.text() == "全部三级指标" or window.indicator_model.scope == ()


def test_insert_in_the_all_rows_view_adds_the_row_in_view(window: MainWindow, qtbot: Any) -> None:
    _all_rows_view(window, qtbot)
    table = window.indicator_table
    model = window.indicator_model
    rows_before = model.rowCount()
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert model.rowCount() == rows_before + 1
    current = table.currentIndex()
    assert model.path_at(current.row()) == (0, 0, 1)  # below the top row, in its 二级
    assert table.viewport().rect().intersects(table.visualRect(current))
    assert window.document.undo_stack.count() == 1


def test_insert_in_an_empty_all_rows_view_goes_to_the_first_level2(qtbot: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    _all_rows_view(window, qtbot)
    qtbot.keyClick(window.indicator_table, Qt.Key.Key_Insert)
    qtbot.keyClick(window.indicator_table.focusWidget(), Qt.Key.Key_Escape)
    assert [len(l2.indicators) for l2 in window.document.form.level1[0].children] == [1, 0, 0, 0]


def test_enter_on_the_last_row_adds_a_row_and_moves_there(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    last = model.rowCount() - 1
    table.setCurrentIndex(model.index(last, TARGET))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rowCount() == last + 2)
    assert table.currentIndex().row() == last + 1
    assert table.currentIndex().column() == TARGET
    assert len(window.document.form.level1[0].children[0].indicators) == last + 2
    stack = window.document.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "添加三级指标"
    # The new row is blank: Enter again adds nothing more.
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert model.rowCount() == last + 2
    stack.undo()
    assert model.rowCount() == last + 1


def test_enter_after_typing_in_the_last_row_goes_on_to_a_new_row(
    window: MainWindow, qtbot: Any
) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    last = model.rowCount() - 1
    table.setCurrentIndex(model.index(last, NAME))
    qtbot.keyClicks(table, "a")  # typing starts editing
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None
    editor.setText("新名称")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: model.rowCount() == last + 2)
    assert window.document.form.level1[0].children[0].indicators[last].name == "新名称"
    assert table.currentIndex().row() == last + 1


def test_ctrl_x_cuts_the_selected_cells(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    table.setCurrentIndex(model.index(0, TARGET))
    target = model.index(0, TARGET).data()
    qtbot.keyClick(table, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{target}\n"
    assert window.document.form.level1[0].children[0].indicators[0].target == ""
    assert window.document.undo_stack.undoText() == "剪切"
    window.document.undo_stack.undo()
    assert window.document.form.level1[0].children[0].indicators[0].target == target


def test_ctrl_x_cuts_amounts_in_the_funds_table(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    funds = window.funds_table
    funds.setFocus()
    funds.setCurrentIndex(window.funds_model.index(1, 2))  # 当年财政拨款 · 全年执行数
    before = window.document.form.funds.current_year_appropriation.executed
    assert before is not None
    qtbot.keyClick(funds, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{before}\n"
    assert window.document.form.funds.current_year_appropriation.executed is None
    assert window.document.undo_stack.undoText() == "剪切"


def test_excel_export_dialog_is_titled_for_what_it_does(
    window: MainWindow, isolated: DialogLog
) -> None:
    isolated.save_path = None  # cancelled: only the title matters here
    window.files.export_dialog()
    assert isolated.save_titles == ["导出 Excel"]


def test_dialog_buttons_have_alt_keys(window: MainWindow, qtbot: Any) -> None:
    from perfeval_gui.ui.print_preview import PrintPreviewDialog

    dialog = PrintPreviewDialog(window.document, window)
    qtbot.addWidget(dialog)
    texts = [b.text() for b in dialog.findChildren(QPushButton)]
    for wanted in ("打印(&P)…", "导出 PDF(&E)…", "关闭(&C)"):
        assert wanted in texts
    assert all("(&" in b.text() for b in dialog.findChildren(QPushButton) if b.text())


def test_message_box_buttons_have_alt_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from perfeval_gui.ui import dialogs

    monkeypatch.undo()  # the real dialogs, not the test doubles of conftest
    shown: list[list[str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(sorted(b.text() for b in box.buttons()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    dialogs.ask_save_changes(None, "表.pev")
    dialogs.ask_delete(None, "删除一级指标“产出指标”")
    dialogs.show_exported(None, tmp_path / "表.pdf")
    assert shown == [
        sorted(["保存(&S)", "不保存(&N)", "取消(&C)"]),
        sorted(["删除(&D)", "取消(&C)"]),
        sorted(["打开所在文件夹(&O)", "确定(&K)"]),
    ]
