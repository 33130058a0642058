"""Pasting rows copied from the app's own Excel export: columns recognised, not shifted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.model.form import Form
from perfeval_gui.ui import paste
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.paste_columns import recognise_columns
from tests.ui.test_indicator_table import active


def exported_rows_as_copied(form: Form, tmp_path: Path) -> list[list[str]]:
    """The 绩效指标 rows of the export as Excel copies them (merged cells blank below)."""
    path = tmp_path / "表.xlsx"
    export_xlsx(form, path)
    sheet = load_workbook(path).worksheets[0]
    rows = []
    started = False
    for row in sheet.iter_rows(min_col=2, max_col=9, values_only=True):
        cells = ["" if v is None else str(v) for v in row]
        if cells[2] == "三级指标":
            started = True
            rows.append(cells)
            continue
        if started and any(cells) and cells[0] != "总分":
            rows.append(cells)
        elif started and cells[0] == "总分":
            break
    return rows


def test_rows_from_the_excel_export_paste_into_the_right_columns(
    window: MainWindow, qtbot: Any, seed1_form: Form, tmp_path: Path
) -> None:
    copied = exported_rows_as_copied(seed1_form, tmp_path)
    header, body = copied[0], copied[1:6]  # 数量指标's four rows and one of 质量指标
    assert header[:3] == ["一级指标", "二级指标", "三级指标"]
    assert body[0][0] == "产出指标" and body[1][0] == ""  # merged 一级: blank below
    originals = [ind for *_, ind in seed1_form.iter_indicators()][:5]
    for with_header in (False, True):
        window.document.undo_stack.clear()
        active(window, qtbot, (2, 0))  # 服务对象满意度指标
        table = window.indicator_table
        table.setCurrentIndex(window.indicator_model.index(0, 0))
        lines = [header, *body] if with_header else body
        QGuiApplication.clipboard().setText(paste.to_tsv(lines))
        qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        pasted = window.document.form.level1[2].children[0].indicators[:5]
        for got, want in zip(pasted, originals, strict=True):
            assert (got.name, got.target, got.actual) == (want.name, want.target, want.actual)
            assert (got.weight, got.score) == (want.weight, want.score)
            assert got.deviation_note == want.deviation_note
        assert window.document.undo_stack.count() == 1
        window.document.undo_stack.undo()


def test_recognised_by_header_in_any_order() -> None:
    lines = [
        ["得分", "三级指标", "年度指标值（A）", "备注"],
        ["4.5", "培训场次", ">=4 次", "x"],
    ]
    columns = recognise_columns(lines)
    assert columns is not None and columns.by_header
    assert columns.fields == ("score", "name", "target", None)
    assert columns.lines == [["4.5", "培训场次", ">=4 次", "x"]]


def test_plain_rows_of_the_table_are_left_alone() -> None:
    assert recognise_columns([["发送成功率", "=99%", "=99%", "5", "5"]]) is None
    custom = recognise_columns([["自定义一级", "每月发送量", "=3", "=3", "5", "5"]], ["自定义一级"])
    assert custom is not None
    assert custom.fields[:2] == (None, "name")
    assert Decimal(custom.lines[0][4]) == 5
