"""Paths and reads that never hang, never read without bound and never raise a raw ``OSError``.

Every reader (.pev, flat .json, .xlsx, a font file) goes through :func:`read_regular_file`:
the file is opened without blocking (a FIFO named ``x.xlsx`` cannot hang the open), must be a
regular file (a link to ``/dev/zero`` or a device such as ``/proc/kmsg`` is refused before a
byte is read), and at most ``limit + 1`` bytes are read. :func:`check_path` refuses names the
file system cannot hold (a name over 255 bytes, a path over 4,096) with a Chinese message
before any system call can fail on them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from perfeval_gui.files import NotRegularFileError, TooLargeError, path_problem, read_bounded
from perfeval_gui.io.atomic import describe_os_error
from perfeval_gui.io.errors import FormFileError


def check_path(path: Path) -> None:
    """Raise :class:`FormFileError` when ``path`` cannot name a file (see :func:`path_problem`)."""
    problem = path_problem(path)
    if problem:
        raise FormFileError(problem, path)


def is_dir(path: Path) -> bool:
    """``path.is_dir()`` that answers ``False`` instead of raising for an impossible name."""
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False


def exists(path: Path) -> bool:
    """``path.exists()`` that answers ``False`` instead of raising for an impossible name."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


def read_regular_file(path: Path, limit: int, too_large: Callable[[int], str]) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FormFileError` for an impossible name, a file that cannot be opened, one
    that is not a regular file (folder, FIFO, device, socket), and for more than ``limit``
    bytes (``too_large(size)`` gives the Chinese reason).
    """
    path = Path(path)
    check_path(path)
    try:
        return read_bounded(path, limit)
    except NotRegularFileError as exc:
        raise FormFileError(f"这是{exc}，不是普通文件，不能打开", path) from None
    except TooLargeError as exc:
        raise FormFileError(too_large(exc.size), path) from None
    except OSError as exc:
        raise FormFileError(describe_os_error(exc, writing=False), path) from None
