"""The lock file beside an open form: naming, format (LibreOffice's), staleness, take-over."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from perfeval_gui.io import lockfile
from perfeval_gui.io.lockfile import (
    LockHeldError,
    acquire,
    format_lock,
    lock_path_for,
    parse_lock,
    read_lock,
    release,
)


def dead_pid() -> int:
    """The id of a process that has exited (and was reaped)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(proc.stdout)


def test_lock_path_is_libreoffices_name_beside_the_file(tmp_path: Path) -> None:
    assert lock_path_for(tmp_path / "项目 自评.pev") == tmp_path / ".~lock.项目 自评.pev#"


def test_acquire_writes_libreoffice_entry_then_pid_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    lock = acquire(doc)
    assert lock is not None
    text = lock_path_for(doc).read_text("utf-8")
    first, second = text.splitlines()
    # LibreOffice's five fields: full name, system user, host, DD.MM.YYYY HH:MM, URL;
    fields = first.rstrip(";").split(",")
    assert len(fields) == 5 and first.endswith(";")
    assert fields[1] == lockfile.current_user()
    assert fields[2] == lockfile.current_host()
    datetime.strptime(fields[3], "%d.%m.%Y %H:%M")  # noqa: DTZ007
    assert second.startswith(f"perfeval pid={os.getpid()} ")
    info = read_lock(doc)
    assert info is not None
    assert (info.user, info.host, info.pid) == (
        lockfile.current_user(),
        lockfile.current_host(),
        os.getpid(),
    )
    assert (
        info.time is not None
        and abs((datetime.now().astimezone() - info.time).total_seconds()) < 120
    )


def test_release_removes_only_our_lock(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    lock = acquire(doc)
    release(lock)
    assert not lock_path_for(doc).exists()
    # someone else's lock written after ours is left alone
    lock = acquire(doc)
    lock_path_for(doc).write_text(",otheruser,otherpc,01.02.2026 09:30,file:///x;", "utf-8")
    release(lock)
    assert lock_path_for(doc).exists()


def test_second_acquire_in_same_process_is_refused(tmp_path: Path) -> None:
    """Two windows of one process: the second is told, though the pid is alive and ours."""
    doc = tmp_path / "a.pev"
    first = acquire(doc)
    with pytest.raises(LockHeldError) as caught:
        acquire(doc)
    assert caught.value.info.pid == os.getpid()
    release(first)
    assert acquire(doc) is not None


def test_stale_lock_on_this_host_is_taken_over(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    text = format_lock(
        user="ghost",
        host=lockfile.current_host(),
        pid=dead_pid(),
        token="dead",
        time=datetime.now().astimezone(),
    )
    lock_path_for(doc).write_text(text, "utf-8")
    info = read_lock(doc)
    assert info is not None and lockfile.is_stale(info)
    lock = acquire(doc)
    assert lock is not None
    now = read_lock(doc)
    assert now is not None and now.pid == os.getpid() and now.user != "ghost"


def test_lock_from_another_host_is_never_stale(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    text = format_lock(
        user="王芳",
        host="CAIWU-PC07",
        pid=dead_pid(),
        token="t",
        time=datetime(2026, 3, 4, 9, 5).astimezone(),
    )
    lock_path_for(doc).write_text(text, "utf-8")
    info = read_lock(doc)
    assert info is not None and not lockfile.is_stale(info)
    with pytest.raises(LockHeldError) as caught:
        acquire(doc)
    assert (caught.value.info.user, caught.value.info.host) == ("王芳", "CAIWU-PC07")
    assert caught.value.info.time == datetime(2026, 3, 4, 9, 5).astimezone()
    assert acquire(doc, take_over=True) is not None


def test_libreoffice_lock_file_is_read_and_respected(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    # as LibreOffice writes it: no trailing newline, escaped comma in the full name
    lock_path_for(doc).write_bytes(
        b"Li\\, Wei,liwei,OFFICE-3,29.11.2026 08:15,file:///C:/Users/liwei/AppData/Roaming/LibreOffice/4;"
    )
    info = read_lock(doc)
    assert info is not None
    assert (info.user, info.host, info.pid) == ("Li, Wei", "OFFICE-3", None)
    assert info.time == datetime(2026, 11, 29, 8, 15).astimezone()
    assert not info.by_perfeval and not lockfile.is_stale(info)
    with pytest.raises(LockHeldError):
        acquire(doc)


def test_libreoffice_lock_without_full_name_shows_system_user(tmp_path: Path) -> None:
    info = parse_lock(",zhangsan,PC1,01.01.2026 10:00,file:///home/zhangsan/.config/libreoffice/4;")
    assert info is not None and info.user == "zhangsan"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        b"\xff\xfe\x00",
        b"a,b,c;",
        b"a,b,c,d,e,f,g;",
        b"x" * 40000,
        b"a\\xb,c,d,e,f;",
    ],
)
def test_unreadable_lock_never_blocks(tmp_path: Path, content: bytes) -> None:
    doc = tmp_path / "a.pev"
    lock_path_for(doc).write_bytes(content)
    assert read_lock(doc) is None
    lock = acquire(doc)
    assert lock is not None
    info = read_lock(doc)
    assert info is not None and info.pid == os.getpid()


def test_lock_path_that_is_a_folder_does_not_block(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    lock_path_for(doc).mkdir()
    assert read_lock(doc) is None
    assert acquire(doc) is None  # cannot be written: the form opens unlocked


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="folder permissions do not bind root / differ on Windows",
)
def test_read_only_folder_opens_unlocked(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert acquire(folder / "a.pev") is None
    finally:
        folder.chmod(0o755)


def test_no_temp_files_left_behind(tmp_path: Path) -> None:
    doc = tmp_path / "a.pev"
    release(acquire(doc))
    lock_path_for(doc).write_text("junk", "utf-8")
    release(acquire(doc))
    assert list(tmp_path.iterdir()) == []


def test_special_characters_round_trip() -> None:
    text = format_lock(
        user="a,b;c\\d", host="h", pid=7, token="t", time=datetime(2026, 1, 2, 3, 4).astimezone()
    )
    info = parse_lock(text)
    assert info is not None and info.user == "a,b;c\\d" and info.pid == 7


def test_pid_alive() -> None:
    assert lockfile.pid_alive(os.getpid())
    assert not lockfile.pid_alive(dead_pid())


def test_lock_from_before_the_last_reboot_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a crash and a reboot the lock's pid may be some other live program by now."""
    doc = tmp_path / "a.pev"
    written = datetime(2026, 3, 4, 9, 5).astimezone()
    lock_path_for(doc).write_text(
        format_lock(
            user="me", host=lockfile.current_host(), pid=os.getpid(), token="t", time=written
        ),
        "utf-8",
    )
    info = read_lock(doc)
    assert info is not None
    monkeypatch.setattr(lockfile, "boot_time", lambda: written.timestamp() - 3600)
    assert not lockfile.is_stale(info)  # booted before the lock: its live pid holds it
    monkeypatch.setattr(lockfile, "boot_time", lambda: written.timestamp() + 3600)
    assert lockfile.is_stale(info)
    assert acquire(doc) is not None
