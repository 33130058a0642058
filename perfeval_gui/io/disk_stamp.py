"""What a file on disk looked like when it was opened or saved, to notice a change since.

A stamp is the modification time, the size and a SHA-256 of the bytes. A file counts as
changed when its bytes differ: a copy tool or a sync client that only touches the time (same
size, same bytes) is not a change, and a change that keeps time and size is still caught.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: Larger files are not hashed (a .pev is refused above 20 MiB anyway); size and time decide.
_MAX_HASHED_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class DiskStamp:
    """Modification time (ns), size (bytes) and SHA-256 (hex) of a file."""

    mtime_ns: int
    size: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (for the crash-recovery note)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> DiskStamp | None:
        """The stamp of :meth:`to_json`; ``None`` for anything else."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(int(data["mtime_ns"]), int(data["size"]), str(data["sha256"]))
        except (KeyError, TypeError, ValueError):
            return None


def stamp_of(path: Path) -> DiskStamp | None:
    """The stamp of the regular file at ``path``; ``None`` if it is missing or unreadable."""
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        digest = hashlib.sha256()
        if info.st_size <= _MAX_HASHED_BYTES:
            with Path(path).open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
    except OSError:
        return None
    return DiskStamp(info.st_mtime_ns, info.st_size, digest.hexdigest())


def changed_since(path: Path, stamp: DiskStamp | None) -> bool:
    """Whether the file at ``path`` is no longer what ``stamp`` recorded.

    A file that was there and is now gone (deleted, renamed) is a change; with no stamp
    (never read from disk) nothing can be told, and nothing is reported.
    """
    if stamp is None:
        return False
    now = stamp_of(path)
    if now is None:
        return True
    if now.size != stamp.size:
        return True
    if now.mtime_ns == stamp.mtime_ns and now.sha256 == stamp.sha256:
        return False
    return now.sha256 != stamp.sha256


def is_read_only_file(path: Path) -> bool:
    """Whether ``path`` is an existing file marked read-only (no write bit; Windows' attribute)
    or one this user may not write."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode):
        return False
    return (mode & 0o222) == 0 or not os.access(path, os.W_OK)


def marked_read_only(path: Path) -> bool:
    """Whether ``path`` carries the read-only mark itself (no write bit; on Windows the
    read-only attribute), which the owner may lift, rather than lacking permission."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and (mode & 0o222) == 0


@contextlib.contextmanager
def read_only_lifted(path: Path) -> Iterator[None]:
    """Let a save replace a file marked read-only, and mark the new file read-only again.

    Windows refuses to replace a read-only file; POSIX allows the rename but the user asked
    to keep the mark either way.
    """
    path = Path(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    path.chmod(mode | stat.S_IWUSR)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.chmod(mode)
