"""The perfeval-gui command: what it opens, how it fails, and that it really starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from perfeval_gui import app as app_module
from perfeval_gui.model.form import standard_form
from perfeval_gui.resources_path import example_form_path
from tests.conftest import DATA
from tests.ui.conftest import DialogLog


def _window(qtbot: Any, *argv: str) -> Any:
    app_module.create_application(["perfeval-gui"])
    window = app_module.create_main_window(app_module.build_parser().parse_args(list(argv)))
    qtbot.addWidget(window)
    return window


def _run_gui(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "perfeval_gui.app", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "source",
    [
        "--example",
        # An import is unsaved work: quitting after the paint must not stop to ask to save it.
        str(DATA / "seed-form-1.json"),
    ],
    ids=["example", "unsaved-json-import"],
)
def test_quit_after_show_exits_cleanly(source: str) -> None:
    result = _run_gui(source, "--quit-after-show")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_in_chinese() -> None:
    result = _run_gui("--help")
    assert result.returncode == 0
    assert "用法" in result.stdout
    assert "打开内置的示例自评表" in result.stdout
    assert "usage:" not in result.stdout


def test_version_is_printed() -> None:
    from perfeval_gui import __version__

    result = _run_gui("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"perfeval-gui {__version__}"


def test_unknown_option_is_refused_in_chinese() -> None:
    result = _run_gui("--no-such-option")
    assert result.returncode == 2
    assert "参数错误" in result.stderr
    assert "Traceback" not in result.stderr


def test_opens_the_pev_file_given(qtbot: Any) -> None:
    window = _window(qtbot, str(example_form_path()))
    assert window.document.path == example_form_path()
    assert window.document.form.project_name == "项目服务管理"


def test_example_option_opens_the_bundled_example_as_an_untitled_copy(qtbot: Any) -> None:
    window = _window(qtbot, "--example")
    assert window.document.form.project_name == "项目服务管理"
    assert len(window.document.form.iter_indicators()) == 23
    # Saving asks where: the example inside the installation is never overwritten.
    assert window.document.path is None
    assert not window.document.is_modified()


def test_json_opens_as_an_untitled_import(qtbot: Any) -> None:
    window = _window(qtbot, str(DATA / "seed-form-2.json"))
    assert window.document.form.project_name == "市民服务"
    assert window.document.path is None  # saving asks where, never overwrites the .json


def test_xlsx_opens_as_an_untitled_import(qtbot: Any, tmp_path: Path) -> None:
    from perfeval_gui.io.pev import load_pev
    from perfeval_gui.io.xlsx_export import export_xlsx

    workbook = tmp_path / "自评表.xlsx"
    export_xlsx(load_pev(example_form_path()), workbook)
    window = _window(qtbot, str(workbook))
    assert window.document.form.project_name == "项目服务管理"
    assert window.document.path is None


def test_no_argument_gives_an_empty_standard_form(qtbot: Any) -> None:
    window = _window(qtbot)
    form = window.document.form
    assert form.iter_indicators() == []
    assert [l1.name for l1 in form.level1] == [l1.name for l1 in standard_form().level1]
    assert window.document.path is None


def test_bad_file_shows_an_error_and_an_empty_form(
    qtbot: Any, tmp_path: Path, isolated: DialogLog
) -> None:
    bad = tmp_path / "坏文件.pev"
    bad.write_text("{ not json", encoding="utf-8")
    window = _window(qtbot, str(bad))
    assert len(isolated.errors) == 1
    assert "坏文件.pev" in isolated.errors[0][1]
    assert window.document.form.iter_indicators() == []
    assert window.document.path is None


def test_missing_file_shows_an_error(qtbot: Any, tmp_path: Path, isolated: DialogLog) -> None:
    window = _window(qtbot, str(tmp_path / "没有这个文件.pev"))
    assert len(isolated.errors) == 1
    assert "不存在" in isolated.errors[0][1]
    assert window.document.path is None


def test_standard_buttons_are_in_chinese(qtbot: Any) -> None:
    app_module.create_application(["perfeval-gui"])
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["保存", "取消"])


def test_application_identity_and_icon() -> None:
    app = app_module.create_application(["perfeval-gui"])
    assert QApplication.organizationName() == "perfeval"
    assert QApplication.applicationName() == "perfeval"
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes()


def test_example_and_a_file_together_are_refused() -> None:
    result = _run_gui("--example", "x.pev")
    assert result.returncode == 2
    assert "参数错误" in result.stderr


@pytest.mark.parametrize(
    "setup",
    [
        "from perfeval_gui.app import create_application\ncreate_application(['t'])\n",
        # Importing the ui layer alone (as the tests do) must protect the process too.
        "import perfeval_gui.ui\n"
        "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n",
    ],
    ids=["application", "ui-layer-import"],
)
def test_many_qt_calls_do_not_crash_the_interpreter(setup: str) -> None:
    # PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call; the
    # guard must keep a long session alive.
    code = (
        setup + "from PySide6.QtWidgets import QWidget\n"
        "w = QWidget()\n"
        "for _ in range(100_000): w.update()\n"
        "print('alive')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "alive" in result.stdout
