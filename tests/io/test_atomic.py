"""Atomic writes: the target is always either the old or the new file, never half of one."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from perfeval_gui.io.atomic import atomic_write_bytes, backup_path
from perfeval_gui.io.errors import FormFileError


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_new_file_without_backup(tmp_path: Path) -> None:
    target = tmp_path / "表.pev"
    atomic_write_bytes(target, "新内容".encode(), backup=True)
    assert target.read_text(encoding="utf-8") == "新内容"
    assert not backup_path(target).exists()  # nothing to back up the first time
    assert _leftovers(tmp_path) == []


def test_backup_keeps_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "form.pev"
    atomic_write_bytes(target, b"v1", backup=True)
    atomic_write_bytes(target, b"v2", backup=True)
    atomic_write_bytes(target, b"v3", backup=True)
    assert target.read_bytes() == b"v3"
    assert (tmp_path / "form.pev.bak").read_bytes() == b"v2"


def test_no_backup_when_not_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write_bytes(target, b"a", backup=False)
    atomic_write_bytes(target, b"b", backup=False)
    assert target.read_bytes() == b"b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_failed_replace_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "form.pev"
    atomic_write_bytes(target, b"old", backup=False)

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(FormFileError, match="磁盘空间不足"):
        atomic_write_bytes(target, b"new", backup=False)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_failed_write_half_way_leaves_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "form.pev"
    atomic_write_bytes(target, b"old contents", backup=True)
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        real_fsync(fd)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(FormFileError, match="写入失败"):
        atomic_write_bytes(target, b"new contents that never land", backup=True)
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path) == []


def test_missing_folder_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(FormFileError, match="不存在"):
        atomic_write_bytes(tmp_path / "无此目录" / "a.pev", b"x", backup=True)


def test_directory_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.pev").mkdir()
    with pytest.raises(FormFileError, match="文件夹"):
        atomic_write_bytes(tmp_path / "a.pev", b"x", backup=True)


_NOBODY = 65534


def _refusal(target: Path) -> str:
    """Write ``target`` as an unprivileged user would; the Chinese refusal, or ``""``.

    Root ignores folder modes, and CI runs as root: there the write runs in a forked child
    that has dropped to ``nobody`` first (an exec'd interpreter may not be readable by
    nobody), so the real permission check of the kernel is made.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        try:
            atomic_write_bytes(target, b"x", backup=True)
        except FormFileError as exc:
            return str(exc)
        return ""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(_NOBODY)
            os.setuid(_NOBODY)
            try:
                atomic_write_bytes(target, b"x", backup=True)
                message = ""
            except FormFileError as exc:
                message = str(exc)
            os.write(write_end, message.encode("utf-8"))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode("utf-8")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return message


@pytest.mark.skipif(sys.platform == "win32", reason="folder modes are POSIX")
def test_read_only_folder_is_refused() -> None:
    # Not under tmp_path: pytest makes its parents private to the user running the tests.
    base = Path(tempfile.mkdtemp(prefix="perfeval-ro-"))
    try:
        base.chmod(0o755)
        folder = base / "只读"
        folder.mkdir()
        folder.chmod(0o777)
        assert _refusal(folder / "a.pev") == ""  # the same user writes while it is allowed to
        (folder / "a.pev").unlink()
        folder.chmod(0o555)
        message = _refusal(folder / "a.pev")
        assert "没有写入权限" in message
        assert not (folder / "a.pev").exists()
        assert list(folder.iterdir()) == []  # no temp file left either
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


def test_permission_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(FormFileError, match="没有写入权限") as info:
        atomic_write_bytes(tmp_path / "a.pev", b"x", backup=True)
    assert "a.pev" in str(info.value)


def test_keeps_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.pev"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic_write_bytes(target, b"new", backup=True)
    assert target.stat().st_mode & 0o777 == 0o644


def test_symlink_target_is_replaced_not_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.pev"
    real.write_bytes(b"old")
    link = tmp_path / "link.pev"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new", backup=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert (tmp_path / "real.pev.bak").read_bytes() == b"old"
