"""文件 → 生成自评报告…: the open form (unsaved edits included) becomes a .docx draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx

from perfeval_gui.ui import report_action
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import set_value


def _file_menu_texts(window: MainWindow) -> list[str]:
    bar = window.menuBar()
    file_menu = next(a.menu() for a in bar.actions() if a.text().startswith("文件"))
    return [a.text() for a in file_menu.actions()]


def test_the_file_menu_offers_the_report(window: MainWindow) -> None:
    assert "生成自评报告…" in _file_menu_texts(window)


def test_the_report_is_written_from_the_form_as_edited(
    window: MainWindow, isolated: Any, tmp_path: Path
) -> None:
    isolated.save_path = tmp_path / "报告.docx"
    set_value(window.document, path=None, field="project_name", value="科技金融服务")
    window.actions_by_name["report"].trigger()
    document = docx.Document(str(tmp_path / "报告.docx"))
    assert (
        document.paragraphs[0].text.replace("\n", "") == "2023年度科技金融服务项目支出绩效自评报告"
    )
    assert any("项目名称：科技金融服务；" in p.text for p in document.paragraphs)
    ((title, message),) = isolated.infos
    assert title == "生成自评报告"
    assert str(tmp_path / "报告.docx") in message
    assert "处以黄色标出的【请补充：…】" in message
    assert window.document.is_modified()  # writing a report does not save the form


def test_cancelling_the_dialog_writes_nothing(
    window: MainWindow, isolated: Any, tmp_path: Path
) -> None:
    isolated.save_path = None
    assert report_action.generate_report(window.document, window) is None
    assert not list(tmp_path.glob("*.docx"))
    assert isolated.infos == [] and isolated.errors == []


def test_an_unwritable_place_is_told_in_chinese(
    window: MainWindow, isolated: Any, tmp_path: Path
) -> None:
    isolated.save_path = tmp_path / "没有的文件夹" / "报告.docx"
    window.actions_by_name["report"].trigger()
    ((title, message),) = isolated.errors
    assert title == "无法生成自评报告"
    assert "不存在" in message
    assert not (tmp_path / "没有的文件夹").exists()
    assert isolated.infos == []


def test_the_suggested_name_is_the_project_beside_the_form(window: MainWindow) -> None:
    window.document.set_path(Path("/某处/表一.pev"))
    suggested = report_action.default_report_path(window.document)
    assert suggested == Path("/某处/项目服务管理自评报告.docx")
