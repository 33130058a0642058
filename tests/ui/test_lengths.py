"""Sane lengths per field (issue 9: a 120,000-character name printed 83 pages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_to_flat, load_flat
from perfeval_gui.io.pev import dumps_pev, load_pev
from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.model.form import Form
from perfeval_gui.model.limits import MAX_LENGTHS, length_problems
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from tests.ui.test_indicator_table import active

LONG = "很长的名称" * 24_000  # 120,000 characters


def test_limits_are_set_in_one_place() -> None:
    assert MAX_LENGTHS["project_name"] == 200
    assert MAX_LENGTHS["name"] == 200
    assert MAX_LENGTHS["target"] == MAX_LENGTHS["actual"] == 500
    assert MAX_LENGTHS["deviation_note"] == MAX_LENGTHS["goals.expected"] == 5000


def test_typing_past_the_limit_is_stopped_with_a_message(window: MainWindow, qtbot: Any) -> None:
    edit = window.fields.line_edits["project_name"]
    assert edit.maxLength() == 200
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    edit.setFocus()
    edit.setText("x" * 200)
    with qtbot.waitSignal(window.fields.status_message) as said:
        qtbot.keyClicks(edit, "y")
    assert "最多 200 个字符" in said.args[0]
    assert len(edit.text()) == 200


def test_a_pasted_long_goal_is_refused_whole(window: MainWindow) -> None:
    goal = window.fields.goal_edits["goals.expected"]
    before = window.document.form.goals.expected
    goal.setPlainText("目" * 6000)
    assert window.document.form.goals.expected == before
    assert goal.toPlainText() == before
    assert "最多 5,000 个字符" in window.statusBar().currentMessage()


def test_a_long_name_in_a_cell_and_in_a_paste(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None and editor.maxLength() == 200
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QGuiApplication.clipboard().setText(f"{LONG}\t=1\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    row = window.document.form.level1[0].children[0].indicators[0]
    assert row.name != LONG
    assert row.target == "=1"  # the rest of the line is pasted
    message = window.statusBar().currentMessage()
    assert "第 1 行“三级指标名称”过长：120,000 个字符，最多 200 个字符" in message
    assert INDICATOR_FIELDS[0] == "name"


def test_files_with_a_text_too_long_are_refused_in_chinese(
    seed1_form: Form, tmp_path: Path
) -> None:
    form = seed1_form.model_copy(deep=True)
    form.level1[0].children[0].indicators[0].name = "很长" * 150
    assert length_problems(form) == [
        "一级“产出指标” › 二级“数量指标” › 第 1 行 › “三级指标名称”过长："
        "300 个字符，最多 200 个字符"
    ]
    pev = tmp_path / "长.pev"
    pev.write_text(dumps_pev(form), encoding="utf-8")
    with pytest.raises(FormFileError, match="三级指标名称”过长：300 个字符"):
        load_pev(pev)
    flat = tmp_path / "长.json"
    flat.write_text(json.dumps(form_to_flat(form), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormFileError, match="最多 200 个字符"):
        load_flat(flat)
    form.level1[0].children[0].indicators[0].name = "短名"
    form.project_name = "项" * 300
    book = tmp_path / "长.xlsx"
    export_xlsx(form, book)
    with pytest.raises(FormFileError, match="“项目名称”过长：300 个字符"):
        read_workbook(book)
