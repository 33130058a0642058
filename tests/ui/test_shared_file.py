"""Two people, one file: the lock beside an open form, read-only and copy opening, a stale lock,
a file changed on disk before saving, a read-only (0444) file."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from perfeval_gui.io import lockfile
from perfeval_gui.io.lockfile import lock_path_for, read_lock
from perfeval_gui.io.pev import load_pev, save_pev
from perfeval_gui.model.form import Form
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.lock_dialogs import ConflictChoice, LockedChoice
from perfeval_gui.ui.main_window import MainWindow
from tests.io.test_lockfile import dead_pid
from tests.ui.conftest import DialogLog


@pytest.fixture
def shared(tmp_path: Path, seed1_form: Form) -> Path:
    """A form file in a shared folder."""
    folder = tmp_path / "共享"
    folder.mkdir()
    path = folder / "项目甲.pev"
    save_pev(seed1_form, path)
    return path


def _window(qtbot: Any) -> MainWindow:
    win = MainWindow(Document())
    qtbot.addWidget(win)
    return win


def _edit(window: MainWindow, name: str) -> None:
    operations.set_value(window.document, path=None, field="project_name", value=name)


def test_open_form_holds_its_lock_until_closed(qtbot: Any, shared: Path) -> None:
    first = _window(qtbot)
    assert first.open_file(shared)
    info = read_lock(shared)
    assert info is not None and info.pid == os.getpid()
    assert info.user == lockfile.current_user() and info.host == lockfile.current_host()
    first.close()
    assert not lock_path_for(shared).exists()


def test_second_opener_is_told_who_and_opens_read_only(
    qtbot: Any, shared: Path, isolated: DialogLog
) -> None:
    first = _window(qtbot)
    assert first.open_file(shared)
    isolated.locked_answer = LockedChoice.READ_ONLY
    second = _window(qtbot)
    assert second.open_file(shared)
    ((asked_path, info),) = isolated.locked_prompts
    assert asked_path == shared and info.host == lockfile.current_host()
    assert second.document.path == shared and second.document.read_only
    assert "只读" in second.windowTitle()
    assert not second.actions_by_name["save"].isEnabled()
    # Ctrl+S cannot reach the file: a read-only form is saved elsewhere (另存为 asks where).
    _edit(second, "第二个人的修改")
    isolated.save_path = None  # the user cancels the 另存为 dialog
    assert not second.files.save()
    assert load_pev(shared).project_name != "第二个人的修改"
    # ... and a 另存为 to a new name makes it an editable form of its own.
    isolated.save_path = shared.with_name("项目甲-王芳.pev")
    assert second.files.save()
    assert not second.document.read_only and second.actions_by_name["save"].isEnabled()
    assert read_lock(isolated.save_path) is not None
    assert read_lock(shared) is not None  # the first window still has the original
    first.close()
    assert not lock_path_for(shared).exists()


def test_second_opener_can_open_a_copy(qtbot: Any, shared: Path, isolated: DialogLog) -> None:
    first = _window(qtbot)
    assert first.open_file(shared)
    isolated.locked_answer = LockedChoice.COPY
    second = _window(qtbot)
    assert second.open_file(shared)
    assert second.document.path is None and not second.document.read_only
    assert second.document.form == first.document.form
    assert second.windowTitle().startswith("项目甲（副本）.pev —")
    assert not second.document.is_modified()
    isolated.save_path = shared  # saving the copy over the original someone has open
    _edit(second, "副本")
    assert not second.files.save()
    assert any("正在编辑中" in message for _t, message in isolated.errors)
    assert load_pev(shared).project_name != "副本"


def test_second_opener_may_cancel(qtbot: Any, shared: Path, isolated: DialogLog) -> None:
    first = _window(qtbot)
    assert first.open_file(shared)
    second = _window(qtbot)
    isolated.locked_answer = LockedChoice.CANCEL
    assert not second.open_file(shared)
    assert second.document.path is None and second.document.form.project_name == ""


def test_lock_from_another_computer_names_user_host_and_time(
    qtbot: Any, shared: Path, isolated: DialogLog
) -> None:
    lock_path_for(shared).write_text(",wangfang,CAIWU-PC07,04.03.2026 09:05,file:///x;", "utf-8")
    isolated.locked_answer = LockedChoice.READ_ONLY
    window = _window(qtbot)
    assert window.open_file(shared)
    ((_path, info),) = isolated.locked_prompts
    assert (info.user, info.host) == ("wangfang", "CAIWU-PC07")
    assert info.time == datetime(2026, 3, 4, 9, 5).astimezone()
    window.close()
    assert lock_path_for(shared).exists()  # someone else's lock is never removed


def test_stale_lock_is_taken_over_without_asking(
    qtbot: Any, shared: Path, isolated: DialogLog
) -> None:
    lock_path_for(shared).write_text(
        lockfile.format_lock(
            user="me",
            host=lockfile.current_host(),
            pid=dead_pid(),
            token="old",
            time=datetime.now().astimezone(),
        ),
        "utf-8",
    )
    window = _window(qtbot)
    assert window.open_file(shared)
    assert isolated.locked_prompts == []
    assert not window.document.read_only
    info = read_lock(shared)
    assert info is not None and info.pid == os.getpid()
    assert "接管" in window.statusBar().currentMessage()


def test_unreadable_lock_never_blocks(qtbot: Any, shared: Path, isolated: DialogLog) -> None:
    lock_path_for(shared).write_bytes(b"\x00\xff not a lock")
    window = _window(qtbot)
    assert window.open_file(shared)
    assert isolated.locked_prompts == [] and not window.document.read_only


def test_lock_moves_with_save_as_and_goes_on_new_or_open(
    qtbot: Any, shared: Path, isolated: DialogLog, seed1_form: Form
) -> None:
    window = _window(qtbot)
    assert window.open_file(shared)
    renamed = shared.with_name("项目甲-定稿.pev")
    isolated.save_path = renamed
    assert window.files.save_as()
    assert not lock_path_for(shared).exists() and lock_path_for(renamed).exists()
    other = shared.with_name("项目乙.pev")
    save_pev(seed1_form, other)
    assert window.open_file(other)
    assert not lock_path_for(renamed).exists() and lock_path_for(other).exists()
    window.actions_by_name["new"].trigger()
    assert not lock_path_for(other).exists()


def _changed_elsewhere(path: Path) -> None:
    form = load_pev(path)
    form.project_name = "别人保存的"
    save_pev(form, path)


@pytest.mark.parametrize(
    ("answer", "expected_on_disk"),
    [(ConflictChoice.CANCEL, "别人保存的"), (ConflictChoice.OVERWRITE, "我的修改")],
)
def test_file_changed_on_disk_is_asked_about_before_saving(
    qtbot: Any, shared: Path, isolated: DialogLog, answer: ConflictChoice, expected_on_disk: str
) -> None:
    window = _window(qtbot)
    assert window.open_file(shared)
    _changed_elsewhere(shared)  # e.g. a colleague whose editor ignored the lock
    _edit(window, "我的修改")
    isolated.conflict_answer = answer
    saved = window.files.save()
    assert isolated.conflict_prompts == [("changed", shared)]
    assert saved == (answer == ConflictChoice.OVERWRITE)
    assert load_pev(shared).project_name == expected_on_disk
    assert window.document.is_modified() == (answer == ConflictChoice.CANCEL)


def test_file_changed_on_disk_can_be_saved_as(
    qtbot: Any, shared: Path, isolated: DialogLog
) -> None:
    window = _window(qtbot)
    assert window.open_file(shared)
    _changed_elsewhere(shared)
    _edit(window, "我的修改")
    isolated.conflict_answer = ConflictChoice.SAVE_AS
    isolated.save_path = shared.with_name("我的版本.pev")
    assert window.files.save()
    assert load_pev(shared).project_name == "别人保存的"
    assert load_pev(isolated.save_path).project_name == "我的修改"
    assert window.document.path == isolated.save_path


def test_unchanged_or_only_touched_file_saves_without_asking(
    qtbot: Any, shared: Path, isolated: DialogLog
) -> None:
    window = _window(qtbot)
    assert window.open_file(shared)
    os.utime(shared, (1_700_000_000, 1_700_000_000))  # a sync tool touching the time only
    _edit(window, "一")
    assert window.files.save()
    _edit(window, "二")  # our own save is the new known state
    assert window.files.save()
    assert isolated.conflict_prompts == []
    assert load_pev(shared).project_name == "二"


@pytest.mark.parametrize("answer", [ConflictChoice.CANCEL, ConflictChoice.OVERWRITE])
def test_read_only_file_asks_before_saving(
    qtbot: Any, shared: Path, isolated: DialogLog, answer: ConflictChoice
) -> None:
    shared.chmod(0o444)
    window = _window(qtbot)
    assert window.open_file(shared)
    _edit(window, "改只读文件")
    isolated.conflict_answer = answer
    saved = window.files.save()
    assert [kind for kind, _p in isolated.conflict_prompts] == ["read_only"]
    assert saved == (answer == ConflictChoice.OVERWRITE)
    assert (load_pev(shared).project_name == "改只读文件") == saved
    assert stat.S_IMODE(shared.stat().st_mode) == 0o444  # it stays marked read-only


def test_read_only_file_save_as(qtbot: Any, shared: Path, isolated: DialogLog) -> None:
    shared.chmod(0o444)
    window = _window(qtbot)
    assert window.open_file(shared)
    _edit(window, "另存")
    isolated.conflict_answer = ConflictChoice.SAVE_AS
    isolated.save_path = shared.with_name("可写.pev")
    assert window.files.save()
    assert load_pev(isolated.save_path).project_name == "另存"
    assert load_pev(shared).project_name != "另存"


def test_holder_is_described_in_words(qtbot: Any) -> None:
    from perfeval_gui.io.lockfile import parse_lock
    from perfeval_gui.ui.lock_dialogs import describe_holder

    other_pc = parse_lock(
        lockfile.format_lock(
            user="王芳",
            host="CAIWU-PC07",
            pid=1,
            token="t",
            time=datetime(2026, 3, 4, 9, 5).astimezone(),
        )
    )
    assert other_pc is not None
    assert describe_holder(other_pc) == "王芳（计算机 CAIWU-PC07），自 2026-03-04 09:05 起"
    office = parse_lock(",liwei,OFFICE-3,29.11.2026 08:15,file:///x;")
    assert office is not None
    assert describe_holder(office).endswith("（由其他程序锁定，如 LibreOffice）")
    here = parse_lock(
        lockfile.format_lock(
            user="me",
            host=lockfile.current_host(),
            pid=os.getpid(),
            token="t",
            time=datetime(2026, 3, 4, 9, 5).astimezone(),
        )
    )
    assert here is not None and describe_holder(here).startswith("本机的另一个窗口")


def test_a_deleted_lock_comes_back_on_save(qtbot: Any, shared: Path) -> None:
    window = _window(qtbot)
    assert window.open_file(shared)
    lock_path_for(shared).unlink()  # someone tidied the folder
    _edit(window, "改")
    assert window.files.save()
    info = read_lock(shared)
    assert info is not None and info.pid == os.getpid()
    window.close()
    assert not lock_path_for(shared).exists()


def test_no_save_over_a_file_someone_took_after_our_lock_was_deleted(
    qtbot: Any, shared: Path, isolated: DialogLog
) -> None:
    window = _window(qtbot)
    assert window.open_file(shared)
    lock_path_for(shared).write_text(",wangfang,CAIWU-PC07,04.03.2026 09:05,file:///x;", "utf-8")
    _edit(window, "我的")
    assert not window.files.save()
    assert any("CAIWU-PC07" in message for _t, message in isolated.errors)
    assert load_pev(shared).project_name != "我的"


def test_the_lock_goes_when_the_program_ends_without_closing_the_window(
    qtbot: Any, shared: Path
) -> None:
    # perfeval-gui FILE --quit-after-show ends with QCoreApplication.exit(): no close event.
    window = _window(qtbot)
    assert window.open_file(shared)
    assert lock_path_for(shared).exists()
    app = QCoreApplication.instance()
    assert app is not None
    app.aboutToQuit.emit()
    assert not lock_path_for(shared).exists()
