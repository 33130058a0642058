"""The main window on seed form 1: totals, live refresh after an edit, undo of everything."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QTreeView, QWidget

from perfeval_gui.model.form import Form
from perfeval_gui.ui import operations, paste
from perfeval_gui.ui.main_window import MainWindow


def _panel_texts(window: MainWindow) -> list[str]:
    panel = window.findChild(QWidget, "totalsPanel")
    assert panel is not None
    return [label.text() for label in panel.findChildren(QLabel)]


def test_fixture_1_shows_94_points_and_grade_excellent(window: MainWindow) -> None:
    texts = _panel_texts(window)
    assert window.totals_panel.score_total.text() == "94"
    assert window.totals_panel.grade.text() == "优"
    assert "100 / 100" in texts
    assert "优" in texts


def _tree_sum(window: MainWindow, path: tuple[int, ...], column: int) -> str:
    tree = window.findChild(QTreeView, "indicatorTree")
    assert tree is not None
    return str(tree.model().index_of(path, column).data())  # type: ignore[attr-defined]


def test_editing_one_score_updates_tree_totals_and_findings_at_once(window: MainWindow) -> None:
    # 科技政策培训 (产出/数量, 4th row): >=4 次 achieved 3 次 with full 6 points and no note.
    path = (0, 0, 3)
    findings_before = window.findings_model.findings()
    assert any(f.path == path and f.field == "score" for f in findings_before)
    table = window.indicator_table
    window.tree_panel.select((0, 0))
    row = window.indicator_model.row_of(path)
    assert row is not None
    index = window.indicator_model.index(row, operations.INDICATOR_FIELDS.index("score"))
    assert table.model().setData(index, "4.5")

    assert window.document.form.level1[0].children[0].indicators[3].score == Decimal("4.5")
    assert _tree_sum(window, (0, 0, 3), 2) == "4.5"
    assert _tree_sum(window, (0, 0), 2) == "17.5"
    assert _tree_sum(window, (0,), 2) == "45.5"
    assert window.totals_panel.score_total.text() == "92.5"
    findings_after = window.findings_model.findings()
    assert findings_after != findings_before
    shown = [
        window.findings_list.model().index(r, 0).data()
        for r in range(window.findings_list.model().rowCount())
    ]
    assert shown == [f.message for f in findings_after]


def test_undoing_every_edit_restores_the_model_and_a_clean_stack(
    window: MainWindow, seed1_form: Form, qtbot: Any
) -> None:
    original = seed1_form.model_copy(deep=True)
    doc = window.document
    operations.set_value(doc, path=(0, 0, 3), field="score", value=Decimal("4.5"))
    operations.set_value(doc, path=None, field="project_name", value="新项目")
    operations.set_value(doc, path=None, field="funds.other.executed", value=Decimal(100))
    operations.add_node(doc, parent=(1,))
    operations.delete_nodes(doc, paths=[(0, 1), (2,)])
    operations.move_node(doc, path=(0, 0), delta=1)
    paste.paste_rows(doc, rows=[], first_field=0, lines=[["a", "b"]], new_rows_parent=(0, 0))
    assert doc.is_modified()
    assert window.windowTitle().startswith("未命名*")
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.form == original
    assert doc.undo_stack.isClean()
    assert not window.windowTitle().startswith("未命名*")
    assert window.totals_panel.score_total.text() == "94"
    assert window.tree_panel.model.rowCount() == 3


def test_window_has_the_named_widgets(window: MainWindow) -> None:
    for name in ("indicatorTree", "fundsTable", "indicatorTable", "totalsPanel", "findingsList"):
        assert window.findChild(QWidget, name) is not None, name
    assert isinstance(window.findChild(QListView, "findingsList"), QListView)
    assert window.funds_model.index(0, 4).data() == "100.00%"
    assert window.funds_model.index(0, 5).data() == "10"
    assert not window.funds_model.flags(window.funds_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_no_argument_gives_an_empty_standard_form(qtbot: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    form = window.document.form
    assert [l1.name for l1 in form.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert form.iter_indicators() == []
    assert window.windowTitle().startswith("未命名 —")
    assert window.recent_menu is not None
    assert not window.recent_menu.isEnabled()  # nothing opened yet


def test_standard_shortcuts(window: MainWindow) -> None:
    keys = {name: a.shortcut().toString() for name, a in window.actions_by_name.items()}
    assert keys["new"] == "Ctrl+N"
    assert keys["open"] == "Ctrl+O"
    assert keys["save"] == "Ctrl+S"
    assert keys["save_as"] == "Ctrl+Shift+S"
    assert keys["print"] == "Ctrl+P"
    assert keys["undo"] == "Ctrl+Z"
    assert keys["quit"] == "Ctrl+Q"
    redo = [s.toString() for s in window.actions_by_name["redo"].shortcuts()]
    assert redo == ["Ctrl+Y", "Ctrl+Shift+Z"]
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for text in ("打印预览…", "打印…", "导出 PDF…", "导入 Excel…", "导出 Excel…"):
        assert text in menu_texts


def test_window_geometry_and_splitters_are_remembered(qtbot: Any) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 560)  # inside the 800×600 offscreen screen
    first.splitters["mainSplitter"].setSizes([300, 460])
    saved = first.splitters["mainSplitter"].sizes()
    assert first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 790
    assert second.splitters["mainSplitter"].sizes() == saved
