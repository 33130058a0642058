"""Room for the 三级 table: panes the user hides (remembered), wrapped cells, a frozen column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from perfeval_gui.model.form import Form
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from tests.ui.test_indicator_table import active

NAME = INDICATOR_FIELDS.index("name")
NOTE = INDICATOR_FIELDS.index("deviation_note")
TARGET = INDICATOR_FIELDS.index("target")


def test_view_menu_hides_panes_and_the_choice_is_remembered(
    window: MainWindow, qtbot: Any, seed1_form: Form
) -> None:
    window.show()
    table_height = window.indicator_table.height()
    actions = window.view_actions
    texts = [a.text() for a in actions.values()]
    assert texts[:2] == ["项目信息、资金与目标", "指标树与合计"]
    assert texts[2].startswith("检查结果")  # with the count of findings
    assert all(a.isChecked() for a in actions.values())
    actions["header"].trigger()
    actions["findings"].trigger()
    assert window.tabs.isHidden()
    assert window.findings_dock.isHidden()
    qtbot.waitUntil(lambda: window.indicator_table.height() > table_height)
    window.save_layout()

    again = MainWindow(Document(seed1_form))
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.isHidden()
    assert not again.view_actions["header"].isChecked()
    assert again.findings_dock.isHidden()
    assert not again.view_actions["findings"].isChecked()
    assert not again.left_pane.isHidden()
    again.view_actions["header"].trigger()
    assert not again.tabs.isHidden()


def test_first_start_on_a_small_screen_is_maximised_and_inside_it(qtbot: Any) -> None:
    window = MainWindow()  # the offscreen screen is 800×600: a small one
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert window.isMaximized()
    # (Qt's offscreen screen shifts a maximised window by its fake frame: compare sizes.)
    assert window.width() <= area.width()
    assert window.height() <= area.height()
    assert window.minimumSizeHint().height() <= 512  # 1366×768 at 150 %: 911×512
    assert window.minimumSizeHint().width() <= 911


def test_a_remembered_size_larger_than_the_screen_is_shrunk(qtbot: Any) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.resize(3000, 2000)
    first.save_layout()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: area.contains(window.frameGeometry()))


def test_long_texts_wrap_and_their_row_grows(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    model = window.indicator_model
    short = table.rowHeight(0)
    long_name = "减少因安全事故发生而造成的人员伤亡和财产损失的比例" * 2
    operations.set_value(window.document, path=(0, 0, 0), field="name", value=long_name)
    assert table.wordWrap()
    qtbot.waitUntil(lambda: table.rowHeight(0) >= 3 * short // 2)
    assert table.rowHeight(1) == short
    assert table.frozen is not None
    assert table.frozen.rowHeight(0) == table.rowHeight(0)  # the frozen column follows
    assert model.index(0, NAME).data() == long_name  # the whole text, nothing elided


def test_the_name_column_stays_in_view_scrolling_right(window: MainWindow, qtbot: Any) -> None:
    window.resize(900, 600)
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, NOTE))
    table.scrollTo(table.currentIndex())
    assert table.horizontalScrollBar().value() > 0  # scrolled right, to 偏差原因分析
    frozen = table.frozen
    assert frozen is not None and frozen.isVisible()
    assert frozen.geometry().left() <= table.verticalHeader().width() + table.frameWidth()
    assert frozen.columnWidth(0) == table.columnWidth(NAME)
    assert frozen.visualRect(window.indicator_model.index(0, NAME)).isValid()
    note_rect = table.visualRect(table.currentIndex())
    assert note_rect.left() >= frozen.width()  # not under the frozen column
    assert table.viewport().rect().intersects(note_rect)


def test_a_name_is_typed_in_the_frozen_column_and_tab_goes_on(
    window: MainWindow, qtbot: Any
) -> None:
    window.resize(900, 600)
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    table.setCurrentIndex(window.indicator_model.index(1, NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.frozen is not None
    editor = table.frozen.findChild(QLineEdit, "textEdit")
    assert editor is not None and editor.isVisible()
    editor.setText("新名称")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: table.currentIndex().column() == TARGET)
    assert window.document.form.level1[0].children[0].indicators[1].name == "新名称"
    assert table.currentIndex().row() == 1


def test_the_frozen_column_does_not_cover_the_hint_of_an_empty_table(qtbot: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.tree_panel.select((0, 0))  # 数量指标: no rows yet
    table = window.indicator_table
    assert table.frozen is not None
    assert not table.frozen.isVisible()  # the "how to start" text is in full view
    operations.add_node(window.document, parent=(0, 0), name="培训场次")
    assert table.frozen.isVisible()
