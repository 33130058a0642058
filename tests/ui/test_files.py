"""Files: save/open round trip, unsaved-changes prompt, recent files, autosave and recovery."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from perfeval_gui.io.pev import load_pev
from perfeval_gui.model.form import Form
from perfeval_gui.ui import autosave, dialogs, operations, settings
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from tests.ui.conftest import DialogLog


def test_save_then_open_round_trip(
    window: MainWindow, tmp_path: Path, isolated: DialogLog, qtbot: Any
) -> None:
    operations.set_value(window.document, path=(0, 0, 3), field="score", value=Decimal("4.5"))
    isolated.save_path = tmp_path / "项目服务管理.pev"
    window.actions_by_name["save"].trigger()  # no file yet: 保存 asks where
    assert not window.document.is_modified()
    assert window.windowTitle().startswith("项目服务管理.pev —")
    saved = window.document.form.model_copy(deep=True)
    window.close()  # the first editor lets go of the file (its lock file goes)

    other = MainWindow(Document())
    qtbot.addWidget(other)
    assert other.open_file(tmp_path / "项目服务管理.pev")
    assert other.document.form == saved
    assert other.totals_panel.score_total.text() == "92.5"
    assert not other.document.is_modified()
    assert settings.recent_files()[0] == (tmp_path / "项目服务管理.pev").resolve()
    recent = other.recent_menu
    assert recent is not None
    assert recent.actions()[0].text().endswith("项目服务管理.pev")


def test_title_shows_name_and_star_from_the_clean_state(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "a.pev"
    window.files._save_to(path)
    assert window.windowTitle().startswith("a.pev —")
    operations.set_value(window.document, path=None, field="project_name", value="x")
    assert window.windowTitle().startswith("a.pev* —")
    window.document.undo_stack.undo()
    assert window.windowTitle().startswith("a.pev —")


def test_a_file_that_cannot_be_opened_gets_a_reason(
    window: MainWindow, tmp_path: Path, isolated: DialogLog
) -> None:
    bad = tmp_path / "broken.pev"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_file(bad)
    assert len(isolated.errors) == 1
    title, message = isolated.errors[0]
    assert title == "无法打开文件"
    assert "broken.pev" in message
    assert window.document.form.project_name == "项目服务管理"  # the open form is kept


def test_unsaved_changes_prompt_on_close(window: MainWindow, isolated: DialogLog) -> None:
    operations.set_value(window.document, path=None, field="project_name", value="改过")
    window.show()
    isolated.save_answer = dialogs.SaveChoice.CANCEL
    assert not window.close()
    assert window.isVisible()
    assert isolated.save_prompts == ["未命名"]
    isolated.save_answer = dialogs.SaveChoice.DISCARD
    assert window.close()


def test_prompt_save_writes_the_file_before_new(
    window: MainWindow, tmp_path: Path, isolated: DialogLog
) -> None:
    operations.set_value(window.document, path=None, field="project_name", value="改过")
    isolated.save_answer = dialogs.SaveChoice.SAVE
    isolated.save_path = tmp_path / "kept.pev"
    window.actions_by_name["new"].trigger()
    assert load_pev(tmp_path / "kept.pev").project_name == "改过"
    assert window.document.form.project_name == ""
    assert [l1.name for l1 in window.document.form.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert window.document.path is None


def test_no_prompt_without_changes(window: MainWindow, isolated: DialogLog) -> None:
    window.actions_by_name["new"].trigger()
    assert isolated.save_prompts == []


def test_autosave_written_restored_after_crash_removed_after_save(
    qtbot: Any, seed1_form: Form, tmp_path: Path
) -> None:
    crashed = MainWindow(Document(seed1_form))
    qtbot.addWidget(crashed)
    operations.set_value(crashed.document, path=None, field="project_name", value="崩溃前")
    crashed.autosaver.write_now()  # what the 60 s timer or the pause after an edit does
    recovery_file = crashed.autosaver.form_file
    assert recovery_file.parent == tmp_path / "recovery"
    assert "崩溃前" in recovery_file.read_text(encoding="utf-8")
    # A crash: the editor is gone without closing, its lock is released by the OS.
    crashed.autosaver._lock.unlock()

    fresh = MainWindow(Document())
    qtbot.addWidget(fresh)
    assert fresh.offer_recovery()
    assert fresh.document.form.project_name == "崩溃前"
    assert fresh.document.is_modified()
    assert not recovery_file.exists()  # taken over by the new editor's own recovery file
    assert fresh.autosaver.form_file.exists()

    fresh.files._save_to(tmp_path / "saved.pev")
    assert not fresh.autosaver.form_file.exists()
    assert autosave.find_recoveries() == []


def test_autosave_after_a_pause_and_not_for_a_running_editor(
    window: MainWindow, qtbot: Any
) -> None:
    operations.set_value(window.document, path=None, field="project_name", value="x")
    qtbot.waitUntil(window.autosaver.form_file.exists, timeout=autosave.PAUSE_MS + 3000)
    assert autosave.find_recoveries() == []  # this editor still holds its lock
    window.document.undo_stack.undo()  # back to clean: nothing to recover
    assert not window.autosaver.form_file.exists()


def test_declining_recovery_discards_it(qtbot: Any, isolated: DialogLog) -> None:
    crashed = MainWindow(Document())
    qtbot.addWidget(crashed)
    operations.set_value(crashed.document, path=None, field="project_name", value="y")
    crashed.autosaver.write_now()
    crashed.autosaver._lock.unlock()
    isolated.restore_answer = False
    fresh = MainWindow(Document())
    qtbot.addWidget(fresh)
    assert not fresh.offer_recovery()
    assert fresh.document.form.project_name == ""
    assert not crashed.autosaver.form_file.exists()


def test_clean_close_removes_the_recovery_file(window: MainWindow, isolated: DialogLog) -> None:
    operations.set_value(window.document, path=None, field="project_name", value="x")
    window.autosaver.write_now()
    assert window.autosaver.form_file.exists()
    window.show()
    isolated.save_answer = dialogs.SaveChoice.DISCARD
    assert window.close()
    assert not window.autosaver.form_file.exists()


def test_stale_lock_files_are_tidied(qtbot: Any, tmp_path: Path) -> None:
    crashed = MainWindow(Document())
    qtbot.addWidget(crashed)
    lock = crashed.autosaver.form_file.with_suffix(".lock")
    assert lock.exists()
    content = lock.read_text(encoding="utf-8").split("\n")
    crashed.autosaver._lock.unlock()
    content[0] = "99999999"  # the lock of an editor process that is gone
    lock.write_text("\n".join(content), encoding="utf-8")
    assert autosave.find_recoveries() == []
    assert not lock.exists()


def test_ctrl_s_while_typing_in_a_cell_saves_what_was_typed(
    window: MainWindow, tmp_path: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    window.files._save_to(tmp_path / "a.pev")
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tree_panel.select((0, 0))
    table = window.indicator_table
    table.setFocus()
    table.setCurrentIndex(window.indicator_model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit, "textEdit")
    assert editor is not None
    editor.setText("短信月发送量")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_pev(tmp_path / "a.pev").level1[0].children[0].indicators[0].name == "短信月发送量"
    assert not window.document.is_modified()


def test_an_unwritable_data_folder_does_not_stop_editing(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(autosave, "recovery_dir", lambda: blocker / "recovery")
    window = MainWindow(Document())
    qtbot.addWidget(window)
    operations.set_value(window.document, path=None, field="project_name", value="x")
    window.autosaver.write_now()  # fails quietly; the form is still being edited
    assert window.document.form.project_name == "x"
    assert autosave.find_recoveries() == []
