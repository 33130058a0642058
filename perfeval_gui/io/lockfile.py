"""Who has a form open: a lock file beside it, in LibreOffice's format and naming.

While a form is open for editing, ``.~lock.NAME.pev#`` lies beside ``NAME.pev``. Its first
(and, for LibreOffice, only) entry is LibreOffice's: five comma-separated fields ending in
``;`` — full name, system user, host, ``DD.MM.YYYY HH:MM`` local time, user-profile URL —
with ``\\``, ``,`` and ``;`` escaped by a backslash. LibreOffice reads that one entry and
ignores the rest of the file, so perfeval adds one line after it naming the process
(``perfeval pid=… token=… time=…``): the pid lets a lock left by a crash on this computer be
recognised as stale, the token tells two windows of one process apart.

A lock from another computer is never taken as stale (its pid means nothing here). A lock
file that cannot be read or parsed never blocks opening.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import socket
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
#: LibreOffice refuses lock files of this size or more; so do we (bounded read).
MAX_LOCK_BYTES = 32000
_APP_MARK = "perfeval"
_LO_TIME = "%d.%m.%Y %H:%M"


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says about who has the form open."""

    user: str
    host: str
    pid: int | None  # None: not written by perfeval (LibreOffice, another program)
    time: datetime | None  # local time the form was opened; None if unreadable
    token: str = ""
    app: str = ""  # "perfeval" for our own lock files

    @property
    def by_perfeval(self) -> bool:
        """Whether perfeval (any instance, any computer) wrote this lock."""
        return self.app == _APP_MARK


@dataclass(frozen=True)
class OwnLock:
    """A lock this process holds on ``document``; give it back with :func:`release`."""

    document: Path
    lock_path: Path
    token: str


class LockHeldError(Exception):
    """The form is open elsewhere (another window, program or computer)."""

    def __init__(self, info: LockInfo) -> None:
        self.info = info
        super().__init__(f"{info.user}@{info.host}")


def lock_path_for(path: Path | str) -> Path:
    """The lock file of ``path``: ``.~lock.NAME.pev#`` in the same folder."""
    path = Path(path)
    return path.with_name(f"{LOCK_PREFIX}{path.name}{LOCK_SUFFIX}")


def current_user() -> str:
    """The login name of the person running this program ("" if the system will not say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def current_host() -> str:
    """This computer's name, as LibreOffice writes it."""
    try:
        return socket.gethostname()
    except OSError:
        return ""


def read_lock(path: Path | str) -> LockInfo | None:
    """Who holds the lock on the form at ``path``; ``None`` if unlocked or unreadable."""
    data = _read_bounded(lock_path_for(path))
    if data is None:
        return None
    return parse_lock(data.decode("utf-8", errors="replace"))


def parse_lock(text: str) -> LockInfo | None:
    """Parse a lock file's text (ours or LibreOffice's); ``None`` if it is not one."""
    fields, rest = _parse_entry(text)
    if fields is None:
        return None
    full_name, sys_user, host, edit_time, _url = fields
    pid: int | None = None
    token = ""
    app = ""
    precise: datetime | None = None
    for line in rest.splitlines():
        words = line.split()
        if words[:1] != [_APP_MARK]:
            continue
        app = _APP_MARK
        values = dict(w.split("=", 1) for w in words[1:] if "=" in w)
        with contextlib.suppress(ValueError):
            pid = int(values.get("pid", ""))
        token = values.get("token", "")
        with contextlib.suppress(ValueError):
            precise = datetime.fromisoformat(values.get("time", ""))
        break
    return LockInfo(
        user=full_name or sys_user,
        host=host,
        pid=pid,
        time=precise or _parse_lo_time(edit_time),
        token=token,
        app=app,
    )


def format_lock(*, user: str, host: str, pid: int, token: str, time: datetime) -> str:
    """The text of a perfeval lock file (LibreOffice's entry, then perfeval's line)."""
    fields = ("", user, host, time.strftime(_LO_TIME), _APP_MARK)
    entry = ",".join(_escape(f) for f in fields) + ";"
    return f"{entry}\n{_APP_MARK} pid={pid} token={token} time={time.isoformat()}\n"


def is_stale(info: LockInfo) -> bool:
    """A lock left behind: written by perfeval on this computer by a process that is gone.

    A lock older than the computer's last start is stale whatever its pid says: after a
    crash and a reboot the same number may belong to some other program by now.
    """
    if not info.by_perfeval or info.pid is None:
        return False
    if info.host.casefold() != current_host().casefold():
        return False
    booted = boot_time()
    if booted is not None and info.time is not None and info.time.timestamp() < booted - 60:
        return True
    return not pid_alive(info.pid)


def boot_time() -> float | None:
    """When this computer started (seconds since the epoch), where the system says."""
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415 - Windows only

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        kernel32.GetTickCount64.restype = ctypes.c_ulonglong
        return time.time() - kernel32.GetTickCount64() / 1000
    try:
        with Path("/proc/stat").open(encoding="ascii") as stream:
            for line in stream:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def acquire(path: Path | str, *, take_over: bool = False) -> OwnLock | None:
    """Lock the form at ``path`` for this process.

    Raises :class:`LockHeldError` when someone else holds a live lock (unless ``take_over``).
    A stale or unreadable lock is replaced. Returns ``None`` when the folder does not allow a
    lock file (read-only share, permissions): the form still opens, unlocked.
    """
    document = Path(path)
    lock_path = lock_path_for(document)
    token = os.urandom(8).hex()  # what secrets.token_hex does, without its imports
    text = format_lock(
        user=current_user(),
        host=current_host(),
        pid=os.getpid(),
        token=token,
        time=datetime.now().astimezone(),
    )
    own = OwnLock(document=document, lock_path=lock_path, token=token)
    try:
        if _create_exclusive(lock_path, text.encode("utf-8")):
            return own
        held = read_lock(document)
        if held is not None and not take_over and not is_stale(held):
            raise LockHeldError(held)
        _replace(lock_path, text.encode("utf-8"))
    except OSError:
        return None
    now = read_lock(document)
    if now is not None and now.token != token:  # another opener won the race to take over
        raise LockHeldError(now)
    return own


def release(lock: OwnLock | None) -> None:
    """Remove the lock file if it is still ours (never someone else's); errors are ignored."""
    if lock is None:
        return
    info = read_lock(lock.document)
    if info is None or info.token != lock.token:
        return
    with contextlib.suppress(OSError):
        lock.lock_path.unlink()


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (unsure → alive)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, it belongs to someone else
        return True
    return True


def _pid_alive_windows(pid: int) -> bool:
    """OpenProcess + GetExitCodeProcess (os.kill would terminate the process on Windows)."""
    import ctypes  # noqa: PLC0415 - Windows only

    still_active = 259
    query_limited_information = 0x1000
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.GetLastError() == 5  # type: ignore[attr-defined,no-any-return,unused-ignore]
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _read_bounded(lock_path: Path) -> bytes | None:
    """The lock file's bytes, or ``None`` if absent, not a regular file, too big or unreadable."""
    try:
        if not lock_path.is_file():
            return None
        with lock_path.open("rb") as stream:
            data = stream.read(MAX_LOCK_BYTES)
    except OSError:
        return None
    return data if len(data) < MAX_LOCK_BYTES else None


def _parse_entry(text: str) -> tuple[tuple[str, str, str, str, str] | None, str]:
    """LibreOffice's first entry: five fields (escapes resolved) and the text after it."""
    fields: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 >= len(text) or text[i + 1] not in ",;\\":
                return None, ""
            current.append(text[i + 1])
            i += 2
            continue
        if char in ",;":
            fields.append("".join(current))
            current = []
            if char == ";":
                if len(fields) != 5:
                    return None, ""
                a, b, c, d, e = fields
                return (a, b, c, d, e), text[i + 1 :]
            if len(fields) >= 5:
                return None, ""
        else:
            current.append(char)
        i += 1
    return None, ""


def _escape(value: str) -> str:
    return "".join("\\" + c if c in ",;\\" else c for c in value)


def _parse_lo_time(text: str) -> datetime | None:
    try:
        naive = datetime.strptime(text.strip(), _LO_TIME)  # noqa: DTZ007 - local time, no zone
    except ValueError:
        return None
    return naive.astimezone()


def _create_exclusive(lock_path: Path, data: bytes) -> bool:
    """Create the lock file with ``data`` whole, only if none exists; ``False`` if one does.

    The bytes go to a temp file first and are hard-linked into place, so nobody ever reads a
    half-written lock. Where links are not supported (some network shares) an exclusive
    create is the fallback.
    """
    temp = _write_temp(lock_path.parent, data)
    try:
        os.link(temp, lock_path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EROFS, errno.ENOSPC):
            raise
        return _create_exclusive_fallback(lock_path, data)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return True


def _create_exclusive_fallback(lock_path: Path, data: bytes) -> bool:
    try:
        fd = os.open(lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
    return True


def _replace(lock_path: Path, data: bytes) -> None:
    """Replace a stale lock file in one rename."""
    temp = _write_temp(lock_path.parent, data)
    try:
        os.replace(temp, lock_path)  # noqa: PTH105 - the one atomic step
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _write_temp(folder: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=".~lock.perfeval-", suffix=".tmp", dir=folder)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
    temp = Path(name)
    with contextlib.suppress(OSError):
        temp.chmod(0o644)
    return temp
