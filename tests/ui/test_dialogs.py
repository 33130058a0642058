"""The question boxes answer with the button clicked, and with their 'dismissed' answer on Esc."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from perfeval_gui.ui import dialogs, lock_dialogs

# The real functions: the ui tests' autouse fixture replaces them with canned answers.
ask_save_changes = dialogs.ask_save_changes
ask_delete = dialogs.ask_delete
ask_convert_amounts = dialogs.ask_convert_amounts
ask_read_only_file = lock_dialogs.ask_read_only_file


def _answer_with(qtbot: Any, label: str | None) -> None:
    """When the next box opens, click the button labelled ``label`` (or press Esc)."""

    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, act)
            return
        if label is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
            return
        button = next(b for b in box.buttons() if b.text() == label)
        button.click()

    QTimer.singleShot(0, act)


def test_save_changes_answers(qtbot: Any) -> None:
    _answer_with(qtbot, "不保存(&N)")
    assert ask_save_changes(None, "表.pev") is dialogs.SaveChoice.DISCARD
    _answer_with(qtbot, None)
    assert ask_save_changes(None, "表.pev") is dialogs.SaveChoice.CANCEL


def test_delete_and_convert_answers(qtbot: Any) -> None:
    _answer_with(qtbot, "删除(&D)")
    assert ask_delete(None, "删除一级指标“产出指标”") is True
    _answer_with(qtbot, "只改单位(&L)")
    assert ask_convert_amounts(None, "元", "万元") is dialogs.ConvertChoice.LABEL_ONLY


def test_conflict_answers(qtbot: Any) -> None:
    path = Path("表.pev")
    _answer_with(qtbot, "仍然覆盖(&O)")
    answer = ask_read_only_file(None, path, can_overwrite=True)
    assert answer is lock_dialogs.ConflictChoice.OVERWRITE
    _answer_with(qtbot, None)
    answer = ask_read_only_file(None, path, can_overwrite=False)
    assert answer is lock_dialogs.ConflictChoice.CANCEL
