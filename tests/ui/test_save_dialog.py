"""Save as: the suffix is the dialog's, so replacing an existing file is asked about first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from perfeval_gui.ui import dialogs

REAL_ASK_SAVE_PATH = dialogs.ask_save_path  # before the test set-up replaces it


def test_a_name_typed_without_suffix_gets_it_before_qt_checks_for_overwriting(
    qtbot: Any, tmp_path: Path
) -> None:
    existing = tmp_path / "项目A.pev"
    existing.write_text("{}", encoding="utf-8")
    dialog = dialogs.save_dialog(None, str(tmp_path / "未命名.pev"), dialogs.PEV_FILTER, ".pev")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.selectFile(str(tmp_path / "项目A"))
    # What Qt checks against existing files (and asks to replace) already ends in .pev.
    assert dialog.selectedFiles() == [str(existing)]
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "保存类型："


def test_ask_save_path_returns_the_chosen_file(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    def accept(dialog: QFileDialog) -> int:
        dialog.selectFile(str(tmp_path / "报表"))
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", accept)
    path = REAL_ASK_SAVE_PATH(None, str(tmp_path / "x.xlsx"), dialogs.XLSX_FILTER, ".xlsx")
    assert path == tmp_path / "报表.xlsx"
    monkeypatch.setattr(QFileDialog, "exec", lambda _d: QFileDialog.DialogCode.Rejected)
    assert REAL_ASK_SAVE_PATH(None, str(tmp_path / "x.pev")) is None


REAL_ASK_OPEN_PATH = dialogs.ask_open_path


def test_open_dialog_labels_are_chinese_and_the_choice_is_returned(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    dialog = dialogs.open_dialog(None, "打开", str(tmp_path), dialogs.OPEN_FILTER)
    qtbot.addWidget(dialog)
    assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围："
    assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "文件类型："
    chosen = tmp_path / "项目A.pev"
    chosen.write_text("{}", encoding="utf-8")

    def accept(dialog: QFileDialog) -> int:
        dialog.selectFile(str(chosen))
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", accept)
    assert REAL_ASK_OPEN_PATH(None, str(tmp_path)) == chosen
    monkeypatch.setattr(QFileDialog, "exec", lambda _d: QFileDialog.DialogCode.Rejected)
    assert REAL_ASK_OPEN_PATH(None, str(tmp_path)) is None
