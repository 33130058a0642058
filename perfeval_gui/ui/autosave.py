"""Crash recovery: the open form is written to a recovery file while it has unsaved changes.

Every 60 s, and a short pause after each change, a modified form is written to
``<user data folder>/recovery/recovery-<id>.pev``. Each running editor holds a lock file
beside its recovery file; a recovery file whose lock can be taken belongs to an editor that
did not exit cleanly, and the next start offers to restore it. A clean save or close
removes the file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from perfeval_gui.io.atomic import atomic_write_bytes
from perfeval_gui.io.disk_stamp import DiskStamp
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.ui.document import Document

PERIOD_MS = 60_000
PAUSE_MS = 2_000


def recovery_dir() -> Path:
    """The folder of recovery files, under the user's application data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


@dataclass
class Recovery:
    """A recovery file left behind by an editor that did not exit cleanly."""

    form_file: Path
    original_path: Path | None
    name: str
    saved_at: str
    lock: QLockFile
    suggested_name: str | None = None
    stamp: DiskStamp | None = None

    def describe(self) -> str:
        """The form in the user's words: its file with the folder, or its project name."""
        if self.original_path is not None:
            return f"“{self.original_path}”"
        name = self.name or _project_name(self.form_file)
        if name:
            return f"尚未保存过的表格“{name}”"
        return "一张尚未保存过的新表格"

    def text(self) -> str:
        """The recovered form as ``.pev`` text."""
        return self.form_file.read_text(encoding="utf-8")

    def discard(self) -> None:
        """Delete the recovery file and release its lock."""
        _remove(self.form_file)
        self.lock.unlock()


def _remove(form_file: Path) -> None:
    """Delete a recovery file and its note; a vanished or unreachable folder is fine."""
    for path in (form_file, form_file.with_suffix(".json")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _project_name(form_file: Path) -> str:
    """The 项目名称 inside a recovery file ("" when it cannot be read)."""
    try:
        data = json.loads(form_file.read_text(encoding="utf-8"))
        return str(data["form"]["project_name"]).strip()
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def find_recoveries() -> list[Recovery]:
    """Recovery files of editors that crashed, newest first (their locks are now held)."""
    folder = recovery_dir()
    for lock_file in folder.glob("recovery-*.lock"):
        if not lock_file.with_suffix(".pev").exists():
            stale = QLockFile(str(lock_file))
            if stale.tryLock(0):
                stale.unlock()  # an editor that crashed with nothing to recover: tidy up
    found: list[Recovery] = []
    for form_file in folder.glob("recovery-*.pev"):
        lock = QLockFile(str(form_file.with_suffix(".lock")))
        if not lock.tryLock(0):
            continue  # its editor is still running
        try:
            meta = json.loads(form_file.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        original = meta.get("path")
        found.append(
            Recovery(
                form_file=form_file,
                original_path=Path(original) if original else None,
                name=str(meta.get("project_name") or ""),
                saved_at=str(meta.get("saved_at") or _modified_at(form_file)),
                lock=lock,
                suggested_name=meta.get("suggested_name") or None,
                stamp=DiskStamp.from_json(meta.get("stamp")),
            )
        )
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def _modified_at(form_file: Path) -> str:
    try:
        when = datetime.fromtimestamp(form_file.stat().st_mtime).astimezone()
    except OSError:
        return ""
    return when.strftime("%Y-%m-%d %H:%M:%S")


class Autosaver(QObject):
    """Keeps a recovery copy of one document while it has unsaved changes."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        #: What the form's file looked like when last read or saved (the window sets it).
        self.stamp_source: Callable[[], DiskStamp | None] = lambda: None
        key = os.urandom(6).hex()  # not uuid: its import (platform…) costs start-up time
        folder = recovery_dir()
        # No data folder (a read-only profile): editing still works, recovery cannot.
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        self.form_file = folder / f"recovery-{key}.pev"
        self._lock = QLockFile(str(self.form_file.with_suffix(".lock")))
        self._lock.tryLock(0)
        self._periodic = QTimer(self)
        self._periodic.setInterval(PERIOD_MS)
        self._periodic.timeout.connect(self.write_now)
        self._periodic.start()
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.write_now)
        document.undo_stack.indexChanged.connect(self._stack_changed)
        document.undo_stack.cleanChanged.connect(self._clean_changed)

    def write_now(self) -> None:
        """Write the recovery file if the form has unsaved changes, else remove it."""
        self._pause.stop()
        if not self._document.is_modified():
            self.discard()
            return
        stamp = self.stamp_source()
        meta = {
            "path": str(self._document.path) if self._document.path else None,
            "project_name": self._document.form.project_name.strip(),
            "suggested_name": self._document.suggested_name,
            "stamp": stamp.to_json() if stamp is not None else None,
            "saved_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S"),
        }
        try:
            # The note first: a recovery file never exists without the file it belongs to.
            atomic_write_bytes(
                self.form_file.with_suffix(".json"),
                json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                backup=False,
            )
            atomic_write_bytes(
                self.form_file, dumps_pev(self._document.form).encode(), backup=False
            )
        except (OSError, FormFileError):
            return  # a full or read-only disk must not interrupt typing; the next try may work

    def discard(self) -> None:
        """Remove the recovery file (after a clean save, or closing without changes)."""
        self._pause.stop()
        _remove(self.form_file)

    def close(self) -> None:
        """The editor closes cleanly: remove the recovery file and release the lock."""
        self._periodic.stop()
        self.discard()
        self._lock.unlock()

    def _stack_changed(self, _index: int) -> None:
        if shiboken6.isValid(self._pause):
            self._pause.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean and shiboken6.isValid(self._pause):
            self.discard()
