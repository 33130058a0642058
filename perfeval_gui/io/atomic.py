"""Crash-safe file writing: at every moment the target is either the old or the new file.

The bytes go to a temporary file in the target's folder (so ``os.replace`` is a rename on one
file system, atomic on POSIX and Windows), are flushed and fsynced, and only then replace the
target. With ``backup=True`` the previous version is first copied to ``NAME.bak`` the same
safe way, so a crash while making the backup cannot damage the file being saved either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from perfeval_gui.io.errors import FormFileError

#: Suffix added to the file name for the kept previous version (``form.pev`` → ``form.pev.bak``).
BACKUP_SUFFIX = ".bak"
_TEMP_PREFIX = ".perfeval-"
_TEMP_SUFFIX = ".tmp"


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: the same name plus ``.bak``."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool) -> None:
    """Write ``data`` to ``path`` atomically; with ``backup`` keep the old file as ``NAME.bak``.

    On any failure the temporary file is removed, ``path`` is left as it was, and a
    :class:`FormFileError` with a Chinese reason is raised.
    """
    path = Path(path)
    if path.is_symlink():  # replace the file the link points to, not the link itself
        path = path.resolve()
    folder = path.parent
    if not folder.is_dir():
        raise FormFileError(f"保存位置“{folder}”不存在或不是文件夹", path)
    if path.is_dir():
        raise FormFileError("同名的文件夹已存在，无法保存为文件", path)
    try:
        if backup and path.is_file():
            _replace_with(backup_path(path), path.read_bytes(), folder)
        _replace_with(path, data, folder)
    except OSError as exc:
        raise FormFileError(describe_os_error(exc, writing=True), path) from exc
    _fsync_folder(folder)


def _replace_with(target: Path, data: bytes, folder: Path) -> None:
    """Write ``data`` to a new temp file in ``folder``, fsync it, rename it onto ``target``."""
    fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
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
    action = "写入" if writing else "读取"
    code = exc.errno
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        # On Windows a file open in Excel/WPS or another program also gives "access denied".
        return "没有写入权限，或文件正被其他程序占用" if writing else "没有读取权限"
    if code == errno.ENOSPC:
        return "磁盘空间不足"
    if code == getattr(errno, "EDQUOT", -1):
        return "超出磁盘配额"
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return "文件或文件夹不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if code == errno.EROFS:
        return "所在磁盘为只读"
    if code == errno.ENAMETOOLONG:
        return "文件名过长"
    detail = exc.strerror or type(exc).__name__
    return f"{action}失败（{detail}）"
