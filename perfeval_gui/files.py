"""Files a user named: read without hanging or without bound, errors said in Chinese.

Shared by io/ and render/ (which may not import each other).

The file is opened without blocking (a FIFO cannot hang the open, a device such as
``/proc/kmsg`` cannot hang a read), must be a regular file (a link to ``/dev/zero`` is refused
before a byte is read), and at most ``limit + 1`` bytes are read, so a file that grows while
it is read is caught too. The callers turn the exceptions into their own Chinese messages.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: Longest file name, in bytes of the file system's encoding (ext4 and most others).
MAX_NAME_BYTES = 255
#: Longest path, in bytes (Linux PATH_MAX).
MAX_PATH_BYTES = 4096

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class NotRegularFileError(OSError):
    """The path names a folder, FIFO, device or socket; ``str()`` says which, in Chinese."""


class TooLargeError(OSError):
    """The file holds more than the limit; ``size`` is its size (or what was read)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def path_problem(path: Path) -> str | None:
    """Why ``path`` cannot name a file on this system (Chinese), or ``None``.

    Checked before any system call, which would fail with ENAMETOOLONG at some step or other.
    """
    try:
        encoded = os.fsencode(path)
    except UnicodeError:
        return "文件名含有无法识别的字符"
    if len(encoded) > MAX_PATH_BYTES:
        return f"路径过长（{len(encoded)} 字节，上限 {MAX_PATH_BYTES} 字节）"
    for part in Path(path).parts:
        size = len(os.fsencode(part))
        if size > MAX_NAME_BYTES:
            return f"文件名或文件夹名过长（{size} 字节，上限 {MAX_NAME_BYTES} 字节）"
    return None


def read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; raises ``OSError`` subclasses."""
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind:
            raise NotRegularFileError(kind)
        if info.st_size > limit:
            raise TooLargeError(info.st_size)
        chunks: list[bytes] = []
        total = 0
        # Non-blocking stays on: a regular file ignores it, a /proc file that would block
        # (``/proc/kmsg``) fails with EAGAIN instead of hanging.
        while total <= limit and (chunk := os.read(fd, min(_CHUNK, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        raise TooLargeError(total)
    return b"".join(chunks)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in Chinese; ``""`` for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "一个文件夹"
    if stat.S_ISFIFO(mode):
        return "一个管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    return "一个特殊文件"


def os_error_reason(exc: OSError, *, writing: bool) -> str:
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
    if code in _REASONS:
        return f"{action}失败：{_REASONS[code]}"
    # Never the system's English text: the error's symbolic name is what a helper can look up.
    detail = errno.errorcode.get(code, type(exc).__name__) if code is not None else "未知错误"
    return f"{action}失败（系统错误 {detail}）"


_REASONS: dict[int, str] = {
    code: reason
    for name, reason in (
        ("ENAMETOOLONG", "文件名或路径过长"),
        ("EFBIG", "文件超过了文件系统或系统设置允许的大小"),
        ("ENOTDIR", "路径中有一部分不是文件夹"),
        ("EISDIR", "这是一个文件夹，不是文件"),
        ("ELOOP", "符号链接层数过多（可能是循环链接）"),
        ("EIO", "磁盘读写错误"),
        ("EAGAIN", "文件暂时无法读取（可能是设备或特殊文件）"),
        ("ETXTBSY", "文件正被其他程序使用"),
        ("EBUSY", "文件正被其他程序使用"),
        ("EMFILE", "打开的文件过多"),
        ("ENXIO", "设备不存在"),
        ("EINVAL", "文件名或参数无效"),
        ("EXDEV", "不能跨磁盘移动文件"),
        ("EEXIST", "文件已存在"),
    )
    if (code := getattr(errno, name, None)) is not None
}
