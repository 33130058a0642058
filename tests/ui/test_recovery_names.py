"""Crash recovery names the real file with its folder, restores as that file (defects 1, 15)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.io import lockfile
from perfeval_gui.io.pev import save_pev
from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.model.form import Form
from perfeval_gui.ui import dialogs, operations
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from tests.io.test_lockfile import dead_pid
from tests.ui.conftest import DialogLog


def _crash(qtbot: Any, window: MainWindow) -> None:
    """Autosave the window's form, then let it vanish as a killed process would."""
    window.autosaver.write_now()
    window.autosaver._lock.unlock()  # the OS releases the recovery lock of a dead process
    lock = getattr(getattr(window.files, "guard", None), "lock", None)
    if lock is not None:  # a dead process leaves its form's lock file behind, pid gone
        lock.lock_path.write_text(
            lockfile.format_lock(
                user="me",
                host=lockfile.current_host(),
                pid=dead_pid(),
                token="crashed",
                time=datetime.now().astimezone(),
            ),
            "utf-8",
        )
        window.files.guard.forget_lock()


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def ask_restore(_parent: Any, _when: str, name: str) -> bool:
        asked.append(name)
        return True

    monkeypatch.setattr(dialogs, "ask_restore", ask_restore)
    return asked


def test_new_after_accepting_recovery_is_clean(
    qtbot: Any, seed1_form: Form, isolated: DialogLog
) -> None:
    """Defect 1: after a restore, 新建 gave 未命名* and every later 新建 asked to save."""
    crashed = MainWindow(Document(seed1_form))
    qtbot.addWidget(crashed)
    operations.set_value(crashed.document, path=None, field="project_name", value="崩溃前")
    _crash(qtbot, crashed)

    fresh = MainWindow(Document())
    qtbot.addWidget(fresh)
    assert fresh.offer_recovery()
    assert fresh.document.is_modified()
    isolated.save_answer = dialogs.SaveChoice.DISCARD
    fresh.actions_by_name["new"].trigger()
    assert len(isolated.save_prompts) == 1  # the restored, unsaved work: asked once
    assert not fresh.document.is_modified()
    assert "*" not in fresh.windowTitle()
    fresh.actions_by_name["new"].trigger()
    assert len(isolated.save_prompts) == 1  # an untouched new form is not asked about


def test_new_after_import_is_clean(
    qtbot: Any, window: MainWindow, isolated: DialogLog, tmp_path: Path
) -> None:
    """The same cause (an unsaved import) gave the same 未命名* after 新建."""
    workbook = tmp_path / "导入.xlsx"
    export_xlsx(window.document.form, workbook)
    assert window.files.import_workbook(workbook, ask=False)
    assert window.document.is_modified()
    window.actions_by_name["new"].trigger()
    assert not window.document.is_modified()
    assert "*" not in window.windowTitle()


def test_recovery_names_the_real_file_with_folder_and_restores_as_it(
    qtbot: Any, seed1_form: Form, tmp_path: Path, prompts: list[str]
) -> None:
    """Defect 15: the prompt named no folder and the form came back as 未命名."""
    folder = tmp_path / "共享盘" / "2025 自评"
    folder.mkdir(parents=True)
    target = folder / "项目甲.pev"
    save_pev(seed1_form, target)
    crashed = MainWindow()
    qtbot.addWidget(crashed)
    assert crashed.open_file(target)
    operations.set_value(crashed.document, path=None, field="project_name", value="改过的名称")
    _crash(qtbot, crashed)

    fresh = MainWindow(Document())
    qtbot.addWidget(fresh)
    assert fresh.offer_recovery()
    assert len(prompts) == 1
    assert str(target) in prompts[0]  # the real file, with its folder
    assert fresh.document.path == target
    assert fresh.document.is_modified()
    assert fresh.windowTitle().startswith("项目甲.pev*")
    assert fresh.document.form.project_name == "改过的名称"


def test_recovery_of_a_never_saved_form_names_no_invented_file(
    qtbot: Any, prompts: list[str]
) -> None:
    crashed = MainWindow(Document())
    qtbot.addWidget(crashed)
    operations.set_value(crashed.document, path=None, field="project_name", value="新项目乙")
    _crash(qtbot, crashed)

    fresh = MainWindow(Document())
    qtbot.addWidget(fresh)
    assert fresh.offer_recovery()
    assert "新项目乙" in prompts[0]
    assert ".pev" not in prompts[0] and "recovery" not in prompts[0]
    assert fresh.document.path is None and fresh.document.is_modified()


def test_recovery_without_its_note_still_names_the_form(
    qtbot: Any, seed1_form: Form, tmp_path: Path, prompts: list[str]
) -> None:
    """A note lost beside the recovery file: the form's own name, never ``recovery-….pev``."""
    crashed = MainWindow(Document(seed1_form))
    qtbot.addWidget(crashed)
    operations.set_value(crashed.document, path=None, field="project_name", value="项目丙")
    _crash(qtbot, crashed)
    crashed.autosaver.form_file.with_suffix(".json").unlink()

    fresh = MainWindow(Document())
    qtbot.addWidget(fresh)
    assert fresh.offer_recovery()
    assert "recovery-" not in prompts[0]
    assert "项目丙" in prompts[0]
    assert fresh.document.path is None and fresh.document.is_modified()
