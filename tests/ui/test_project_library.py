"""项目库: lists a generated folder, sorts, filters, opens a form in the editor, follows files
added, changed and removed on disk, shows lock files, and runs the batch actions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import Qt

from perfeval_gui.io.lockfile import lock_path_for
from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.model.formatting import format_score
from perfeval_gui.ui import project_library_batch
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.project_library import ProjectLibraryWindow
from perfeval_gui.ui.project_library_model import Column
from tests.summary_folder import Spec, make_form, make_specs, write_folder
from tests.ui.conftest import DialogLog

TIMEOUT = 30_000


@pytest.fixture
def specs() -> list[Spec]:
    return make_specs(12, seed=2)


@pytest.fixture
def folder(tmp_path: Path, specs: list[Spec]) -> Path:
    root = tmp_path / "项目库"
    write_folder(root, specs)
    (root / "损坏.pev").write_text("{不是 JSON", encoding="utf-8")
    return root


@pytest.fixture
def library(qtbot: Any, folder: Path) -> ProjectLibraryWindow:
    lib = ProjectLibraryWindow()
    qtbot.addWidget(lib)
    with qtbot.waitSignal(lib.loading_finished, timeout=TIMEOUT):
        assert lib.open_folder(folder)
    return lib


def shown(lib: ProjectLibraryWindow, column: Column) -> list[str]:
    return [lib.proxy.index(r, column).data() for r in range(lib.proxy.rowCount())]


def test_lists_every_form_in_the_stable_order_and_the_broken_file_last(
    library: ProjectLibraryWindow, specs: list[Spec], qtmodeltester: Any
) -> None:
    qtmodeltester.check(library.model)
    qtmodeltester.check(library.proxy)
    ordered = sorted(specs, key=lambda s: (s.department, s.implementing_unit, s.project_name))
    assert shown(library, Column.NAME) == [s.project_name for s in ordered] + ["损坏.pev"]
    first = ordered[0]
    assert library.proxy.index(0, Column.GRADE).data() == first.grade
    assert library.proxy.index(0, Column.UNIT).data() == first.implementing_unit
    assert library.proxy.index(len(specs), Column.FINDINGS).data() == "无法读取"
    assert "损坏.pev" in library.proxy.index(len(specs), Column.NAME).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "子目录" in " ".join(shown(library, Column.FILE))  # the subfolder's forms too
    assert "12 个项目" in library.counts.text() and "1 个文件无法读取" in library.counts.text()
    # Money of forms kept in 万元 is shown in 元, exactly.
    wan = next(s for s in specs if s.unit.value == "万元")
    row = next(r for r in range(len(specs)) if shown(library, Column.NAME)[r] == wan.project_name)
    text = library.proxy.index(row, Column.ADJUSTED).data()
    assert Decimal(text.replace(",", "")) == wan.in_yuan(wan.adjusted)


def test_sorts_and_filters(library: ProjectLibraryWindow, specs: list[Spec]) -> None:
    library.view.sortByColumn(Column.SCORE, Qt.SortOrder.DescendingOrder)
    scores = [t for t in shown(library, Column.SCORE) if t]
    expected = sorted((s.score_total for s in specs), reverse=True)
    assert scores == [format_score(score) for score in expected]
    library.view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = shown(library, Column.NAME)
    assert names == sorted([s.project_name for s in specs] + ["损坏.pev"])

    library.filter_box.setCurrentIndex(library.filter_box.findText("有错误或无法读取"))
    expected = {s.project_name for s in specs if s.error} | {"损坏.pev"}
    assert set(shown(library, Column.NAME)) == expected
    library.filter_box.setCurrentIndex(library.filter_box.findText("等级：差"))
    assert set(shown(library, Column.NAME)) == {s.project_name for s in specs if s.grade == "差"}
    library.filter_box.setCurrentIndex(0)
    library.search.setText("项目0003")
    assert shown(library, Column.NAME) == [s.project_name for s in specs if "0003" in s.file]


def test_double_click_opens_the_form_in_the_editor(
    qtbot: Any, window: MainWindow, folder: Path, specs: list[Spec]
) -> None:
    assert window.open_folder(folder)
    library = window.library
    assert library is not None
    qtbot.waitUntil(
        lambda: not library.is_loading() and library.proxy.rowCount() == len(specs) + 1,
        timeout=TIMEOUT,
    )
    qtbot.waitExposed(library)
    view = library.view
    index = library.proxy.index(2, Column.NAME)
    name = index.data()
    view.scrollTo(index)
    opened: list[Path] = []
    library.open_requested.connect(opened.append)
    centre = view.visualRect(index).center()
    # A double-click as a mouse gives it: a click, then the second press as a double-click.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(opened) == 1
    assert window.document.form.project_name == name
    assert window.document.path is not None and window.document.path.parent.is_relative_to(folder)


def test_follows_files_added_changed_and_removed_on_disk(
    qtbot: Any, library: ProjectLibraryWindow, folder: Path, specs: list[Spec]
) -> None:
    extra = make_specs(20, seed=9)[-1]
    new = folder / "子目录" / "新项目.pev"
    new.write_text(dumps_pev(make_form(extra)), encoding="utf-8")
    qtbot.waitUntil(lambda: extra.project_name in shown(library, Column.NAME), timeout=TIMEOUT)

    changed = make_form(extra)
    changed.project_name = "改过名的项目"
    temp = folder / "子目录" / "新项目.tmp"
    temp.write_text(dumps_pev(changed), encoding="utf-8")
    temp.replace(new)  # saved the way perfeval saves: a rename over the old file
    qtbot.waitUntil(lambda: "改过名的项目" in shown(library, Column.NAME), timeout=TIMEOUT)
    assert extra.project_name not in shown(library, Column.NAME)

    lock_path_for(new).write_text(",李四,办公室电脑,29.11.2026 10:00,file:///x;", "utf-8")
    row = shown(library, Column.NAME).index("改过名的项目")
    qtbot.waitUntil(
        lambda: library.proxy.index(row, Column.LOCK).data() == "李四（办公室电脑）",
        timeout=TIMEOUT,
    )
    new.unlink()
    qtbot.waitUntil(lambda: "改过名的项目" not in shown(library, Column.NAME), timeout=TIMEOUT)
    assert len(shown(library, Column.NAME)) == len(specs) + 1


def test_batch_check_print_and_export_take_the_selection_or_everything(
    qtbot: Any,
    library: ProjectLibraryWindow,
    specs: list[Spec],
    isolated: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reports: list[str] = []
    monkeypatch.setattr(
        project_library_batch, "show_report", lambda _p, _t, text: reports.append(text)
    )
    library.batch.check()
    assert reports[0].startswith("检查 12 张自评表：")
    assert "无法读取的文件 1 个" in reports[0] and "损坏.pev" in reports[0]

    library.view.selectRow(0)
    qtbot.waitUntil(lambda: "选中的 1 个" in library.batch.print_action.toolTip())
    pdf = library.model.root.parent / "选中.pdf"  # type: ignore[union-attr]
    monkeypatch.setattr(project_library_batch, "ask_path", lambda *_a: pdf)
    library.batch.print_pdf()
    qtbot.waitUntil(lambda: bool(isolated.infos), timeout=TIMEOUT)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert shown(library, Column.NAME)[0] in text
    assert shown(library, Column.NAME)[1] not in text

    library.view.clearSelection()
    xlsx = pdf.with_name("汇总.xlsx")
    monkeypatch.setattr(project_library_batch, "ask_path", lambda *_a: xlsx)
    library.batch.export()
    qtbot.waitUntil(lambda: len(isolated.infos) == 2, timeout=TIMEOUT)
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["汇总表"]
    names = {sheet.cell(r, 2).value for r in range(4, 4 + len(specs))}
    assert names == {s.project_name for s in specs}
    assert "损坏.pev" in str(load_workbook(xlsx)["无法读取"].cell(2, 1).value)


def test_perfeval_gui_with_a_folder_opens_its_library(
    qtbot: Any, window: MainWindow, folder: Path
) -> None:
    from perfeval_gui.app import build_parser, open_start_document

    assert open_start_document(window, build_parser().parse_args([str(folder)]))
    assert window.library is not None and window.library.isVisible()
    assert window.library.model.root == folder.resolve()
    assert window.actions_by_name["open_folder"].shortcut().toString() == "Ctrl+Shift+O"
