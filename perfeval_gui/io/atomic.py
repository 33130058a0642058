"""Crash-safe file writing: at every moment the target is either the old or the new file.

The bytes go to a temporary file in the target's folder (so ``os.replace`` is a rename on one
file system, atomic on POSIX and Windows), are flushed and fsynced, and only then replace the
target. With ``backup=True`` the previous version is first copied to ``NAME.bak`` the same
safe way, so a crash while making the backup cannot damage the file being saved either.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path

from perfeval_gui.files import MAX_NAME_BYTES, os_error_reason, path_problem
from perfeval_gui.io.errors import FormFileError

#: Suffix added to the file name for the kept previous version (``form.pev`` → ``form.pev.bak``).
BACKUP_SUFFIX = ".bak"
_TEMP_PREFIX = ".perfeval-"
_TEMP_SUFFIX = ".tmp"
_STALE_SECONDS = 3600


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: the same name plus ``.bak``.

    When that name would be too long for the file system (a name of 252–255 bytes), the name
    is shortened and a short hash of the full name keeps it unique: ``长名…~1a2b3c.bak``.
    """
    name = path.name + BACKUP_SUFFIX
    if len(os.fsencode(name)) <= MAX_NAME_BYTES:
        return path.with_name(name)
    tail = f"~{_tag(path.name)[:6]}{BACKUP_SUFFIX}"
    stem = path.name
    while stem and len(os.fsencode(stem + tail)) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return path.with_name(stem + tail)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool) -> None:
    """Write ``data`` to ``path`` atomically; with ``backup`` keep the old file as ``NAME.bak``.

    On any failure the temporary file is removed, ``path`` is left as it was, and a
    :class:`FormFileError` with a Chinese reason is raised.
    """
    path = Path(path)
    problem = path_problem(path)
    if problem:
        raise FormFileError(problem, path)
    try:
        if path.is_symlink():  # replace the file the link points to, not the link itself
            path = path.resolve()
        folder = path.parent
        if not folder.is_dir():
            raise FormFileError(f"保存位置“{folder}”不存在或不是文件夹", path)
        if path.is_dir():
            raise FormFileError("同名的文件夹已存在，无法保存为文件", path)
        _remove_stale_temps(path)
        if backup and path.is_file():
            _replace_with(backup_path(path), path.read_bytes(), folder, _tag(path.name))
        _replace_with(path, data, folder, _tag(path.name))
    except OSError as exc:
        raise FormFileError(describe_os_error(exc, writing=True), path) from exc
    _fsync_folder(folder)


def _tag(name: str) -> str:
    """A short fixed tag of a file name, in the names of its temp files (and long backups)."""
    return hashlib.sha256(os.fsencode(name)).hexdigest()[:8]


def _temp_prefix(tag: str) -> str:
    return f"{_TEMP_PREFIX}{tag}-{os.getpid()}-"


def _remove_stale_temps(path: Path) -> None:
    """Remove the temp files an interrupted save of ``path`` left behind.

    A temp file is named ``.perfeval-<tag>-<pid>-<random>.tmp``: stale when the process that
    wrote it is gone (on Windows, where a process cannot be probed safely, after an hour).
    Another process saving the same file right now keeps its temp file.
    """
    tag = _tag(path.name)
    for temp in path.parent.glob(f"{_TEMP_PREFIX}{tag}-*{_TEMP_SUFFIX}"):
        pid_text = temp.name[len(_TEMP_PREFIX) + len(tag) + 1 :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if not _alive(int(pid_text), temp):
                temp.unlink()


def _alive(pid: int, temp: Path) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process there
        return time.time() - temp.stat().st_mtime < _STALE_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _replace_with(target: Path, data: bytes, folder: Path, tag: str) -> None:
    """Write ``data`` to a new temp file in ``folder``, fsync it, rename it onto ``target``."""
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(tag), suffix=_TEMP_SUFFIX, dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(target, temp)
        os.replace(temp, target)  # noqa: PTH105 - the one atomic step, named as such
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _copy_mode(source: Path, temp: Path) -> None:
    """Give the temp file the permissions of the file it replaces (mkstemp makes it 0600)."""
    try:
        mode = source.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        temp.chmod(mode)


def _umask() -> int:
    """The process umask (read by setting and restoring it; there is no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows fsync on a directory (not Windows)."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def describe_os_error(exc: OSError, *, writing: bool) -> str:
    """A short Chinese reason for an operating-system error while reading or writing a file."""
    return os_error_reason(exc, writing=writing)
