"""The 三级 table: spreadsheet keys, numbers as Chinese users type them, paste from Excel."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from perfeval_gui.model.form import Form, QualitativeGrade
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.funds_model import FundsTableModel
from perfeval_gui.ui.indicator_model import IndicatorTableModel
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS

SCORE = INDICATOR_FIELDS.index("score")
SUGGESTED = INDICATOR_FIELDS.index("suggested_score")
NAME = INDICATOR_FIELDS.index("name")


def active(window: MainWindow, qtbot: Any, scope: tuple[int, ...]) -> None:
    """Show the window active with the table showing ``scope`` and holding the focus."""
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tree_panel.select(scope)
    window.indicator_table.setFocus()


def test_table_models_pass_the_model_tester(qtmodeltester: Any, seed1_form: Form) -> None:
    document = Document(seed1_form)
    table = IndicatorTableModel(document)
    qtmodeltester.check(table)
    table.set_scope((1,))
    qtmodeltester.check(table)
    qtmodeltester.check(FundsTableModel(document))


def test_selecting_a_tree_node_shows_its_level3_rows(window: MainWindow) -> None:
    window.tree_panel.select((0, 1))  # 质量指标
    model = window.indicator_model
    assert model.rowCount() == 5
    assert model.index(0, NAME).data() == "发送成功率"
    window.tree_panel.select((1,))  # 效益指标: both of its 二级
    assert model.rowCount() == 6


def test_suggested_score_is_read_only_and_looks_different(window: MainWindow) -> None:
    window.tree_panel.select((0, 0))
    model = window.indicator_model
    suggested = model.index(3, INDICATOR_FIELDS.index("suggested_score"))
    assert suggested.data() == "4.5"  # >=4 次, achieved 3 次: 6 × 3 / 4
    assert not model.flags(suggested) & Qt.ItemFlag.ItemIsEditable
    assert suggested.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert suggested.data(Qt.ItemDataRole.FontRole).italic()
    assert "分值" in model.headerData(suggested.column(), Qt.Orientation.Horizontal, 3)


def test_typing_a_full_width_number_then_enter_moves_down(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(2, SCORE))
    qtbot.keyClicks(table, "7")  # typing starts editing
    editor = table.findChild(QLineEdit, "numberEdit")
    assert editor is not None
    assert editor.text() == "7"
    editor.setText("７.５")  # what a Chinese input method in full-width mode gives
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.currentIndex().row() == 3)
    assert table.currentIndex().column() == SCORE
    assert window.document.form.level1[0].children[0].indicators[2].score == Decimal("7.5")
    assert window.document.undo_stack.count() == 1


def test_invalid_number_is_refused_with_a_message_and_kept(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(3, SCORE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit, "numberEdit")
    assert editor is not None
    editor.selectAll()
    editor.insert("4.5fen")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    message = table.findChild(QLabel, "inputMessage")
    assert message is not None
    assert message.isVisible()
    assert "不是数字" in message.text()
    assert editor.text() == "4.5fen"
    assert table.state() == table.State.EditingState
    assert window.document.form.level1[0].children[0].indicators[3].score == Decimal(6)
    # Correcting the text clears the message and commits.
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert not message.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert window.document.form.level1[0].children[0].indicators[3].score == Decimal("4.5")


def test_escape_cancels_an_edit(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 0))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, NAME))
    qtbot.keyClicks(table, "x")
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.document.form.level1[0].children[0].indicators[0].name == "每月发送量"
    assert window.document.undo_stack.count() == 0


def test_grade_chooser_for_qualitative_rows_only(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 1))
    model = window.indicator_model
    grade = INDICATOR_FIELDS.index("grade")
    assert not model.flags(model.index(0, grade)) & Qt.ItemFlag.ItemIsEditable  # =99%
    qualitative = model.index(1, grade)  # 宣传品内容完整性: 完整
    assert model.flags(qualitative) & Qt.ItemFlag.ItemIsEditable
    table = window.indicator_table
    table.setCurrentIndex(qualitative)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.findChild(QComboBox, "gradeChooser")
    assert combo is not None
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1)
    indicator = window.document.form.level1[0].children[1].indicators[1]
    assert indicator.grade == QualitativeGrade.PARTIAL
    assert model.index(1, INDICATOR_FIELDS.index("suggested_score")).data() == "3–4"


def test_paste_of_several_tsv_lines_creates_rows(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 2))  # 时效指标: two rows
    rows_before = window.indicator_model.rowCount()
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(1, NAME))
    QGuiApplication.clipboard().setText(
        "活动完成及时性\t及时\t及时\t2\t2\n"
        "新增指标甲\t>=10 次\t１２ 次\t1\t1\n"
        '新增指标乙\t≤5 天\t6 天\t1\t0.8\t\t\t"超期一天，\n下次提前准备"\r\n'
    )
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    indicators = window.document.form.level1[0].children[2].indicators
    assert window.indicator_model.rowCount() == rows_before + 2
    assert [i.name for i in indicators][-2:] == ["新增指标甲", "新增指标乙"]
    assert indicators[-2].actual == "１２ 次"
    assert indicators[-1].score == Decimal("0.8")
    assert indicators[-1].deviation_note == "超期一天，\n下次提前准备"
    assert window.document.undo_stack.count() == 1  # one paste, one undo step
    window.document.undo_stack.undo()
    assert window.indicator_model.rowCount() == rows_before


def test_paste_refuses_bad_numbers_and_says_which(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 2))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, SCORE))
    QGuiApplication.clipboard().setText("三分\n1,5")
    table.paste()
    indicators = window.document.form.level1[0].children[2].indicators
    assert indicators[0].score == Decimal(2)
    assert indicators[1].score == Decimal(2)
    assert "不是数字" in window.statusBar().currentMessage()


def test_copy_gives_tab_separated_rows(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 2))
    table = window.indicator_table
    table.selectAll()
    table.copy()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[:5] == ["接收短信时间", "<=3 分钟", "<=3 分钟", "2", "2"]


def test_delete_clears_cells_and_insert_adds_a_row(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 2))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, SCORE))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert window.document.form.level1[0].children[2].indicators[0].score is None
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert window.indicator_model.rowCount() == 3
    assert table.currentIndex().row() == 1
    assert table.state() == table.State.EditingState


@pytest.mark.parametrize("text", ["1,234.5", "１２３４．５", "1，234.5"])
def test_funds_accept_separators_and_full_width_digits(window: MainWindow, text: str) -> None:
    model = window.funds_model
    assert model.setData(model.index(2, 0), text)
    assert window.document.form.funds.carried_over.initial == Decimal("1234.5")
    assert model.index(0, 0).data() == "351,234.50"  # 年度资金总额 follows its sources


def test_table_model_stays_consistent_through_changes(qtmodeltester: Any, seed1_form: Form) -> None:
    from perfeval_gui.ui import operations

    document = Document(seed1_form)
    model = IndicatorTableModel(document)
    model.set_scope((0,))
    qtmodeltester.check(model)
    rows = model.rowCount()
    operations.add_node(document, parent=(0, 1), row=0, name="新三级")
    assert model.rowCount() == rows + 1
    operations.set_value(document, path=(0, 1, 0), field="weight", value=Decimal(3))
    operations.delete_nodes(document, paths=[(0, 0, 0), (0, 0, 1)])
    assert model.rowCount() == rows - 1
    model.set_scope(())
    operations.set_value(document, path=None, field="scoring_profile", value="linear-reverse")
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert model.rowCount() == len(seed1_form.iter_indicators())


def test_leaving_a_refused_number_reopens_it_with_the_text(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    table = window.funds_table
    table.setFocus()
    cell = window.funds_model.index(2, 0)  # 上年结转资金 / 年初预算数
    table.setCurrentIndex(cell)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit, "numberEdit")
    assert editor is not None
    editor.setText("十万")
    table.setCurrentIndex(window.funds_model.index(3, 0))  # as a click on another cell does
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    assert table.currentIndex().row() == 2
    editors = [e for e in table.findChildren(QLineEdit, "numberEdit") if e.isVisible()]
    assert [e.text() for e in editors] == ["十万"]
    qtbot.waitUntil(lambda: any(m.isVisible() for m in table.findChildren(QLabel, "inputMessage")))
    assert "不是数字" in window.statusBar().currentMessage()
    assert window.document.form.funds.carried_over.initial == Decimal(0)


def test_tab_commits_and_edits_the_next_cell(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 2))
    table = window.indicator_table
    table.setCurrentIndex(window.indicator_model.index(0, NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None
    editor.setText("短信接收时间")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: table.currentIndex().column() == NAME + 1)
    assert window.document.form.level1[0].children[2].indicators[0].name == "短信接收时间"
    assert table.state() == table.State.EditingState  # 年度指标值 is being edited now


def test_copied_rows_paste_into_another_level2(window: MainWindow, qtbot: Any) -> None:
    active(window, qtbot, (0, 2))  # 时效指标
    table = window.indicator_table
    table.selectAll()
    table.copy()
    window.tree_panel.select((0, 3))  # 成本指标: three rows
    table.setFocus()
    table.setCurrentIndex(window.indicator_model.index(2, NAME))
    table.paste()
    costs = window.document.form.level1[0].children[3].indicators
    timing = window.document.form.level1[0].children[2].indicators
    assert len(costs) == 4
    assert costs[2].model_dump() == timing[0].model_dump()
    assert costs[3].model_dump() == timing[1].model_dump()


def test_amounts_pasted_from_excel_skip_computed_cells(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    table = window.funds_table
    table.setFocus()
    table.setCurrentIndex(window.funds_model.index(0, 0))  # 年度资金总额 is computed
    QGuiApplication.clipboard().setText("1\t2\t3\n400,000.00\t１５００００\t149,000\n\t\t\t8\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    funds = window.document.form.funds
    assert funds.total.initial == Decimal("350000.00")  # typed total untouched
    assert funds.current_year_appropriation.initial == Decimal(400000)
    assert funds.current_year_appropriation.adjusted == Decimal(150000)
    assert funds.current_year_appropriation.executed == Decimal(149000)
    assert window.funds_model.index(0, 4).data() == "99.33%"
    assert window.document.undo_stack.count() == 1
    table.selectAll()
    table.copy()
    copied = [line.split("\t") for line in QGuiApplication.clipboard().text().splitlines()]
    assert copied[0][:3] == ["400,000.00", "150,000.00", "149,000.00"]  # computed totals
    assert copied[1][:3] == ["400000.00", "150000", "149000"]  # as stored
    assert copied[1][3:] == ["", "", ""]


@pytest.mark.parametrize(
    ("profile", "reverse"),
    [("default", "分值×目标÷实际"), ("linear-reverse", "分值×（2×目标−实际）÷目标")],
)
def test_column_tips_state_the_forms_own_scoring_rule(
    seed1_form: Form, profile: str, reverse: str
) -> None:
    # The 建议得分 tooltip was hard-coded, and wrong under the linear-reverse profile.
    seed1_form.scoring_profile = profile
    model = IndicatorTableModel(Document(seed1_form))
    tip = model.headerData(SUGGESTED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert reverse in tip
    grade = model.headerData(
        INDICATOR_FIELDS.index("grade"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "达成年度指标（80%–100%）" in grade
    for section in range(len(INDICATOR_FIELDS)):
        model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
