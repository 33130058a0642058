"""The findings list: refreshed on every edit; activating one selects the row and field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.model.checks import Severity
from perfeval_gui.model.form import Form
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.findings_model import FINDING_ROLE, FindingsModel
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from tests.ui.conftest import DialogLog


def test_findings_model_passes_the_model_tester(qtmodeltester: Any, seed1_form: Form) -> None:
    qtmodeltester.check(FindingsModel(Document(seed1_form)))


def _row_of(window: MainWindow, code: str, indicator: str) -> int:
    model = window.findings_model
    for row in range(model.rowCount()):
        finding = model.index(row, 0).data(FINDING_ROLE)
        if finding.code == code or finding.indicator == indicator:
            return row
    raise AssertionError(f"no finding {code} for {indicator}")


def test_activating_a_finding_selects_its_row_and_field(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tree_panel.select((2,))  # somewhere else first
    row = _row_of(window, "", "宣传品制作成本")  # 4 of 5 points with the note 无
    index = window.findings_model.index(row, 0)
    finding = index.data(FINDING_ROLE)
    assert finding.path is not None
    window.findings_list.activated.emit(index)
    table = window.indicator_table
    current = table.currentIndex()
    assert window.tree_panel.current_path() == finding.path[:2]
    assert current.data(Qt.ItemDataRole.UserRole + 3) == finding.path
    assert INDICATOR_FIELDS[current.column()] == finding.field
    assert QApplication.focusWidget() is table
    assert finding.message in window.statusBar().currentMessage()


def test_a_form_level_finding_focuses_its_field(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    operations.set_value(window.document, path=None, field="department", value="")
    row = next(
        r
        for r in range(window.findings_model.rowCount())
        if window.findings_model.index(r, 0).data(FINDING_ROLE).field == "department"
    )
    window.tabs.setCurrentIndex(1)
    window.findings_list.activated.emit(window.findings_model.index(row, 0))
    assert window.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is window.fields.line_edits["department"]


def test_findings_follow_every_edit_and_mark_cells(window: MainWindow) -> None:
    count = window.findings_model.rowCount()
    model = window.indicator_model
    window.tree_panel.select((0, 0))
    score = model.index(3, INDICATOR_FIELDS.index("score"))  # 科技政策培训: full 6 for 3 of 4
    assert score.data(Qt.ItemDataRole.BackgroundRole) is not None
    operations.set_value(window.document, path=(0, 0, 3), field="score", value=Decimal(10))
    errors = [
        f
        for f in window.findings_model.findings()
        if f.severity == Severity.ERROR and f.path == (0, 0, 3) and f.field == "score"
    ]
    assert len(errors) == 1  # 得分 > 分值
    assert errors[0].message in score.data(Qt.ItemDataRole.ToolTipRole)
    assert score.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e2"
    assert "1 个错误" in window.status_counts.text()
    window.document.undo_stack.undo()
    assert window.findings_model.rowCount() == count


def test_excel_export_then_import(
    window: MainWindow, tmp_path: Path, isolated: DialogLog, qtbot: Any
) -> None:
    isolated.save_path = tmp_path / "out.xlsx"
    window.actions_by_name["export_xlsx"].trigger()
    assert (tmp_path / "out.xlsx").exists()
    other = MainWindow(Document())
    qtbot.addWidget(other)
    assert other.open_file(tmp_path / "out.xlsx")
    assert other.document.form.project_name == "项目服务管理"
    assert other.totals_panel.score_total.text() == "94"
    assert other.document.is_modified()  # imported: not yet saved as a form file
    assert other.windowTitle().startswith("out.pev*")


def test_a_workbook_with_several_forms_lets_the_user_pick(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, seed1_form: Form
) -> None:
    from perfeval_gui.io import xlsx_import
    from perfeval_gui.ui import dialogs

    second = seed1_form.model_copy(update={"project_name": "第二个项目"})
    sheets = [
        xlsx_import.ImportedSheet(sheet_name="表一", form=seed1_form, notes=[]),
        xlsx_import.ImportedSheet(sheet_name="表二", form=second, notes=[]),
    ]
    monkeypatch.setattr(xlsx_import, "read_workbook", lambda _p: sheets)
    offered: list[list[str]] = []
    monkeypatch.setattr(dialogs, "choose_sheet", lambda _w, names: offered.append(names) or 1)
    export_xlsx(seed1_form, tmp_path / "two.xlsx")
    assert window.files.import_workbook(tmp_path / "two.xlsx")
    assert offered == [["表一", "表二"]]
    assert window.document.form.project_name == "第二个项目"


def test_the_list_keeps_its_place_while_findings_are_fixed(
    window: MainWindow, qtbot: Any, qtmodeltester: Any
) -> None:
    qtmodeltester.check(window.findings_model)  # watches the row changes below
    model = window.findings_model
    findings = model.findings()
    keep = len(findings) - 1  # the last finding stays current
    window.findings_list.setCurrentIndex(model.index(keep, 0))
    kept = findings[keep]
    first = findings[0]
    assert first.path is not None and first.path != kept.path
    # Fix the first finding (政策宣传品制作数量: 8 of 8 for 400 册 against <=200 册).
    operations.set_value(window.document, path=first.path, field="score", value=Decimal(4))
    operations.set_value(
        window.document, path=first.path, field="deviation_note", value="印量超出计划，按比例扣分"
    )
    assert first not in model.findings()
    current = window.findings_list.currentIndex()
    assert current.data(FINDING_ROLE) == kept
    assert [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())] == (
        window.document.findings()
    )
