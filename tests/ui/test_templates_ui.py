"""The editor follows the form's template: labels, fund rows, split target cells, text
blocks; switching template is one undo step, asked about first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import FundRow
from perfeval_gui.model.template_catalog import get_template
from perfeval_gui.ui import template_ops
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from tests.conftest import load_fixture_json
from tests.template_forms import filled_form


def _window(qtbot: Any, key: str) -> MainWindow:
    win = MainWindow(Document(filled_form(key)))
    qtbot.addWidget(win)
    return win


def _headers(win: MainWindow) -> list[str]:
    model, view = win.indicator_model, win.indicator_table
    return [
        str(model.headerData(c, _horizontal()))
        for c in range(model.columnCount())
        if not view.isColumnHidden(c)
    ]


def _horizontal() -> Qt.Orientation:
    return Qt.Orientation.Horizontal


def test_sichuan_labels_rows_and_blocks(qtbot: Any) -> None:
    win = _window(qtbot, "sichuan")
    funds = win.funds_model
    rows = [str(funds.headerData(r, _vertical())) for r in range(funds.rowCount())]
    assert rows == [r.label for r in get_template("sichuan").fund_rows]
    columns = [str(funds.headerData(c, _horizontal())) for c in range(funds.columnCount())]
    assert columns[:4] == ["年初预算", "调整后预算数", "预算执行数", "权重"]
    assert "权重" in _headers(win)
    assert "完成值" in _headers(win)
    assert "未完成原因分析" in _headers(win)
    assert "指标性质" not in _headers(win)
    fields = win.fields
    assert set(fields.block_edits) == {"conclusion", "problems", "improvements"}
    assert fields.block_edits["conclusion"].toPlainText().startswith("项目总体完成")
    assert fields.line_edits["funds_note"].text() == "年中追加预算，部分合同尚未结算。"
    assert fields.labels["actual_goals"].text() == "实际完成目标"


def _vertical() -> Qt.Orientation:
    return Qt.Orientation.Vertical


def test_yunnan_split_target_is_three_editable_cells(qtbot: Any) -> None:
    win = _window(qtbot, "yunnan")
    headers = _headers(win)
    i = headers.index("指标性质")
    assert headers[i : i + 3] == ["指标性质", "指标值", "度量单位"]
    model = win.indicator_model
    unit = model.index(0, INDICATOR_FIELDS.index("target_unit"))
    assert unit.data() == "万条/月"
    assert model.setData(unit, "万条/日")
    assert win.document.form.level1[0].children[0].indicators[0].target_unit == "万条/日"


def test_typing_a_text_block_is_undoable(qtbot: Any) -> None:
    win = _window(qtbot, "sichuan")
    edit = win.fields.block_edits["problems"]
    edit.setPlainText("新的问题")
    assert win.document.form.texts["problems"] == "新的问题"
    win.document.undo()
    assert win.document.form.texts["problems"].startswith("部分培训场次")


def test_switching_template_is_one_undo_step(qtbot: Any) -> None:
    form = form_from_flat(load_fixture_json(1))
    win = MainWindow(Document(form.model_copy(deep=True)))
    qtbot.addWidget(win)
    doc = win.document
    assert template_ops.set_template(doc, key="yunnan")
    assert doc.form.template == "yunnan"
    assert "指标性质" in _headers(win)
    assert doc.form.level1[0].children[0].indicators[0].target_unit == "万条/月"
    assert doc.undo_stack.count() == 1
    assert "云南" in doc.undo_stack.undoText()
    doc.undo()
    assert doc.form == form
    assert doc.undo_stack.isClean()
    assert "指标性质" not in _headers(win)


def test_a_switch_that_loses_text_asks_first(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    win = _window(qtbot, "sichuan")
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *_: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    combo = win.fields.template
    combo.activated.emit(combo.findData("shanghai"))
    assert win.document.form.template == "sichuan"  # declined
    assert combo.currentData() == "sichuan"
    assert any("评价结论" in text and "原因" in text for text in asked)


def test_new_from_template_menu(qtbot: Any) -> None:
    win = MainWindow(Document())
    qtbot.addWidget(win)
    assert win.files.new_file("hubei")
    form = win.document.form
    assert form.template == "hubei"
    assert form.budget_weight == 20
    assert not win.document.is_modified()
    rows = [win.funds_model.headerData(r, _vertical()) for r in range(win.funds_model.rowCount())]
    assert len(rows) == len(get_template("hubei").fund_rows)
    assert FundRow.TOTAL in get_template("hubei").fund_row_keys()
