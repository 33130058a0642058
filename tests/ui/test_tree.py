"""The indicator tree: add, rename, delete, move and drag-and-drop at every level, undoable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox

from perfeval_gui.model.form import Form
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.tree_model import IndicatorTreeModel


def names(form: Form, path: tuple[int, ...]) -> list[str]:
    """Names of the children of ``path``."""
    if not path:
        return [l1.name for l1 in form.level1]
    if len(path) == 1:
        return [l2.name for l2 in form.level1[path[0]].children]
    return [i.name for i in form.level1[path[0]].children[path[1]].indicators]


def show_and_focus(window: MainWindow, qtbot: Any) -> None:
    """Show the window active, the keyboard focus in the tree (so shortcuts apply)."""
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tree_panel.view.setFocus()


def test_tree_model_passes_the_model_tester(qtmodeltester: Any, seed1_form: Form) -> None:
    model = IndicatorTreeModel(Document(seed1_form))
    qtmodeltester.check(model)


def test_tree_shows_three_levels_with_sums(window: MainWindow) -> None:
    model = window.tree_panel.model
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert first.data() == "产出指标"
    assert model.index(0, 1).data() == "50"
    assert model.index(0, 2).data() == "47"
    quantity = model.index(0, 0, first)
    assert quantity.data() == "数量指标"
    assert model.index(0, 0, quantity).data() == "每月发送量"
    assert model.rowCount(model.index(0, 0, quantity)) == 0


@pytest.mark.parametrize(
    ("select", "parent"),
    [((0,), ()), ((0, 1), (0,)), ((0, 1, 0), (0, 1))],
    ids=["level1", "level2", "level3"],
)
def test_insert_key_adds_a_sibling_after_the_selection(
    window: MainWindow, qtbot: Any, select: tuple[int, ...], parent: tuple[int, ...]
) -> None:
    form = window.document.form
    before = names(form, parent)
    window.tree_panel.select(select)
    show_and_focus(window, qtbot)
    qtbot.keyClick(window.tree_panel.view, Qt.Key.Key_Insert)
    after = names(form, parent)
    assert len(after) == len(before) + 1
    assert after[: select[-1] + 1] == before[: select[-1] + 1]
    assert window.tree_panel.current_path() == (*parent, select[-1] + 1)
    window.document.undo_stack.undo()
    assert names(form, parent) == before


def test_new_level2_gets_the_next_catalogue_name(window: MainWindow) -> None:
    window.tree_panel.select((1,))  # 效益指标 has 社会效益指标 and 可持续影响指标
    window.tree_panel.add_child()
    assert names(window.document.form, (1,))[-1] == "经济效益指标"


@pytest.mark.parametrize("path", [(1,), (0, 2), (0, 1, 2)], ids=["level1", "level2", "level3"])
def test_delete_key_removes_the_node_and_undo_brings_it_back(
    window: MainWindow, qtbot: Any, path: tuple[int, ...]
) -> None:
    form = window.document.form
    original = form.model_copy(deep=True)
    before = names(form, path[:-1])
    window.tree_panel.select(path)
    show_and_focus(window, qtbot)
    qtbot.keyClick(window.tree_panel.view, Qt.Key.Key_Delete)
    assert names(form, path[:-1]) == before[: path[-1]] + before[path[-1] + 1 :]
    window.document.undo_stack.undo()
    assert window.document.form == original


@pytest.mark.parametrize("path", [(0,), (0, 1), (0, 1, 0)], ids=["level1", "level2", "level3"])
def test_alt_arrows_move_a_node_among_its_siblings(
    window: MainWindow, qtbot: Any, path: tuple[int, ...]
) -> None:
    form = window.document.form
    before = names(form, path[:-1])
    window.tree_panel.select(path)
    show_and_focus(window, qtbot)
    qtbot.keyClick(window.tree_panel.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    after = names(form, path[:-1])
    i = path[-1]
    assert after[i] == before[i + 1]
    assert after[i + 1] == before[i]
    assert window.tree_panel.current_path() == (*path[:-1], i + 1)
    qtbot.keyClick(window.tree_panel.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert names(form, path[:-1]) == before


def test_moving_the_first_node_up_does_nothing(window: MainWindow) -> None:
    window.tree_panel.select((0,))
    window.tree_panel.move_selected(-1)
    assert window.document.undo_stack.count() == 0


def test_moving_past_the_edge_goes_into_the_neighbouring_parent(window: MainWindow) -> None:
    form = window.document.form
    first = names(form, (0, 1))[0]
    window.tree_panel.select((0, 1, 0))  # first row of 质量指标
    window.tree_panel.move_selected(-1)
    assert names(form, (0, 0))[-1] == first  # now last of 数量指标
    assert window.tree_panel.current_path() == (0, 0, 4)
    window.tree_panel.move_selected(1)
    assert names(form, (0, 1))[0] == first  # and back
    last_output = names(form, (0, 3))[-1]
    window.tree_panel.select((0, 3, 2))  # last row of the last 产出 二级
    window.tree_panel.move_selected(1)
    assert names(form, (1, 0))[0] == last_output  # into 效益指标's first 二级
    window.tree_panel.select((0, 3))  # a 二级 moves on into the next 一级
    window.tree_panel.move_selected(1)
    assert names(form, (1,))[0] == "成本指标"
    last = len(names(form, (2, 0))) - 1
    window.tree_panel.select((2, 0, last))  # the very last row goes nowhere
    count = window.document.undo_stack.count()
    window.tree_panel.move_selected(1)
    assert window.document.undo_stack.count() == count


def _drop(
    model: IndicatorTreeModel, source: tuple[int, ...], row: int, parent: QModelIndex
) -> bool:
    mime = model.mimeData([model.index_of(source)])
    if not model.canDropMimeData(mime, Qt.DropAction.MoveAction, row, 0, parent):
        return False
    model.dropMimeData(mime, Qt.DropAction.MoveAction, row, 0, parent)
    return True


def test_drag_a_level1_below_another(window: MainWindow) -> None:
    model = window.tree_panel.model
    assert _drop(model, (0,), 3, QModelIndex())
    assert names(window.document.form, ()) == ["效益指标", "满意度指标", "产出指标"]
    window.document.undo_stack.undo()
    assert names(window.document.form, ()) == ["产出指标", "效益指标", "满意度指标"]


def test_drag_a_level2_onto_another_level1(window: MainWindow) -> None:
    model = window.tree_panel.model
    form = window.document.form
    assert _drop(model, (0, 3), -1, model.index_of((1,)))  # 成本指标 onto 效益指标
    assert names(form, (0,)) == ["数量指标", "质量指标", "时效指标"]
    assert names(form, (1,))[-1] == "成本指标"
    assert model.index_of((1, 2)).data() == "成本指标"
    assert model.index_of((1,), 1).data() == "41"  # 30 + the 11 points of 成本指标


def test_drag_a_level3_between_rows_of_another_level2(window: MainWindow) -> None:
    model = window.tree_panel.model
    form = window.document.form
    moved = form.level1[0].children[0].indicators[0].name
    assert _drop(model, (0, 0, 0), 1, model.index_of((0, 1)))
    assert names(form, (0, 1))[1] == moved
    assert window.tree_panel.current_path() == (0, 1, 1)  # the moved node is selected
    assert model.index_of((0, 0), 1).data() == "15"


def test_drag_onto_the_wrong_level_is_refused(window: MainWindow) -> None:
    model = window.tree_panel.model
    assert not _drop(model, (0, 0, 0), -1, model.index_of((1,)))  # a 三级 onto a 一级
    assert not _drop(model, (0,), -1, model.index_of((1, 0)))  # a 一级 onto a 二级
    assert window.document.undo_stack.count() == 0


def test_renaming_a_level1_offers_the_catalogue(window: MainWindow, qtbot: Any) -> None:
    window.show()
    view = window.tree_panel.view
    window.tree_panel.select((2,))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = view.findChild(QComboBox, "nameChooser")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())][:4] == [
        "产出指标",
        "效益指标",
        "满意度指标",
        "成本指标",
    ]
    combo.setEditText("自定义指标")
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: window.document.form.level1[2].name == "自定义指标")
    assert view.model().index(2, 0).data() == "自定义指标"


def test_tree_model_stays_consistent_through_changes(qtmodeltester: Any, seed1_form: Form) -> None:
    from perfeval_gui.ui import operations

    document = Document(seed1_form)
    model = IndicatorTreeModel(document)
    qtmodeltester.check(model)  # the tester keeps watching the model's signals
    operations.add_node(document, parent=(0, 1), row=0, name="新三级")
    operations.move_node_to(document, path=(0, 3), new_parent=(1,), new_row=0)
    operations.move_node(document, path=(2,), delta=-1)
    operations.delete_nodes(document, paths=[(1, 0), (0, 0, 1)])
    operations.rename_node(document, path=(0,), name="改名")
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    document.replace_form(Form())
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_delete_while_renaming_edits_the_text_not_the_tree(window: MainWindow, qtbot: Any) -> None:
    window.tree_panel.select((0, 0, 0))
    show_and_focus(window, qtbot)
    view = window.tree_panel.view
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert editor is not view
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1)
    assert names(window.document.form, (0, 0))[0] == "月发送量"
    assert len(names(window.document.form, (0, 0))) == 4


def test_enter_on_a_node_moves_the_keyboard_to_its_rows(window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    window.tree_panel.select((0, 2))
    show_and_focus(window, qtbot)
    qtbot.keyClick(window.tree_panel.view, Qt.Key.Key_Return)
    table = window.indicator_table
    assert QApplication.focusWidget() is table
    assert table.currentIndex().data() == "接收短信时间"


def test_keyboard_only_first_row_of_an_empty_level2(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit

    window = MainWindow()
    qtbot.addWidget(window)
    window.tree_panel.select((0, 0))  # 数量指标, no rows yet
    show_and_focus(window, qtbot)
    qtbot.keyClick(window.tree_panel.view, Qt.Key.Key_Return)
    table = window.indicator_table
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None
    editor.setText("培训场次")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Enter on the last row goes on to a new row below it, as in WPS tables.
    qtbot.waitUntil(lambda: names(window.document.form, (0, 0)) == ["培训场次", ""])
    assert table.currentIndex().row() == 1
