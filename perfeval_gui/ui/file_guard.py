"""Two people, one file: the lock file of the open form and what the file looked like on disk.

While a window has a form open for editing it holds the form's lock file (``io/lockfile``);
a second opener is told who has it and chooses read-only, a copy or nothing. Before a save
over the file, a change on disk since it was opened or last saved (``io/disk_stamp``) and a
read-only file are asked about.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from perfeval_gui.io import lockfile
from perfeval_gui.io.disk_stamp import (
    DiskStamp,
    changed_since,
    is_read_only_file,
    marked_read_only,
    stamp_of,
)
from perfeval_gui.io.lockfile import LockHeldError, OwnLock
from perfeval_gui.ui import dialogs, lock_dialogs
from perfeval_gui.ui.lock_dialogs import ConflictChoice, LockedChoice


class OpenMode(StrEnum):
    """How a form file is opened."""

    EDIT = "edit"  # locked by this window (or no lock could be written)
    READ_ONLY = "read_only"  # someone else has it: view and print, save only elsewhere
    COPY = "copy"  # someone else has it: an untitled copy
    CANCEL = "cancel"


@dataclass
class Claim:
    """The answer of :meth:`FileGuard.claim`: the mode and the lock taken for it, if any."""

    mode: OpenMode
    lock: OwnLock | None = None
    took_over: bool = False


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


class FileGuard(QObject):
    """The lock and the on-disk stamp of the file one window edits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.lock: OwnLock | None = None
        self.stamp: DiskStamp | None = None
        app = QCoreApplication.instance()
        if app is not None:  # however the program ends (also exit() without closing windows)
            app.aboutToQuit.connect(self.release)

    # ------------------------------------------------------------ opening
    def claim(self, path: Path, *, ask: bool = True) -> Claim:
        """Lock ``path`` for editing, or ask what to do when someone else has it."""
        if self.lock is not None and _same_file(self.lock.document, path):
            return Claim(OpenMode.EDIT, self.lock)
        held_before = lockfile.read_lock(path)
        try:
            lock = lockfile.acquire(path)
        except LockHeldError as held:
            if not ask:
                return Claim(OpenMode.READ_ONLY)
            choice = lock_dialogs.ask_locked(self._window, path, held.info)
            mode = {
                LockedChoice.READ_ONLY: OpenMode.READ_ONLY,
                LockedChoice.COPY: OpenMode.COPY,
            }.get(choice, OpenMode.CANCEL)
            return Claim(mode)
        return Claim(OpenMode.EDIT, lock, took_over=held_before is not None)

    def adopt(self, claim: Claim, path: Path | None, stamp: DiskStamp | None = None) -> None:
        """The window now shows ``path`` as claimed: the old lock goes, the new one stays."""
        if self.lock is not None and self.lock is not claim.lock:
            lockfile.release(self.lock)
        self.lock = claim.lock
        self.stamp = stamp if stamp is not None or path is None else stamp_of(path)

    def drop(self, claim: Claim) -> None:
        """A claim not used after all (the file could not be read)."""
        if claim.lock is not None and claim.lock is not self.lock:
            lockfile.release(claim.lock)

    def release(self) -> None:
        """The form is closed or replaced by an untitled one: the lock file goes away."""
        lockfile.release(self.lock)
        self.lock = None
        self.stamp = None

    def forget_lock(self) -> None:
        """Stop tracking the lock without removing it (what a crashed process leaves)."""
        self.lock = None

    # ------------------------------------------------------------ saving
    def check_save(self, path: Path, current: Path | None) -> ConflictChoice:
        """Before saving over ``path``: OVERWRITE to go on, SAVE_AS or CANCEL otherwise.

        Asks when ``path`` is the open file and changed on disk since it was read or saved,
        when it is read-only, and refuses (with the reason) a file someone else has open.
        """
        held = lockfile.read_lock(path)
        ours = self.lock is not None and _same_file(self.lock.document, path)
        if (
            held is not None
            and not (ours and self.lock is not None and held.token == self.lock.token)
            and not lockfile.is_stale(held)
        ):
            dialogs.show_error(
                self._window,
                self.tr("无法保存文件"),
                self.tr("“{name}”正在编辑中：{who}。请另存为其他文件名。").format(
                    name=path.name, who=lock_dialogs.describe_holder(held)
                ),
            )
            return ConflictChoice.CANCEL
        if _same_file(path, current) and changed_since(path, self.stamp):
            choice = lock_dialogs.ask_changed_on_disk(self._window, path)
            if choice != ConflictChoice.OVERWRITE:
                return choice
        if is_read_only_file(path):
            choice = lock_dialogs.ask_read_only_file(
                self._window, path, can_overwrite=_can_lift(path)
            )
            if choice != ConflictChoice.OVERWRITE:
                return choice
        return ConflictChoice.OVERWRITE

    def saved(self, path: Path) -> None:
        """``path`` was just written by this window: it is now the locked, known state."""
        if self.lock is None or not _same_file(self.lock.document, path):
            claim = self.claim(path, ask=False)
            self.adopt(claim, path)
            return
        held = lockfile.read_lock(path)
        if held is None or held.token != self.lock.token:
            # Our lock file was deleted (or replaced) meanwhile: put it back if nobody else
            # holds the file now, so the next opener is told again.
            try:
                self.lock = lockfile.acquire(path)
            except LockHeldError:
                self.lock = None
        self.stamp = stamp_of(path)


def _can_lift(path: Path) -> bool:
    """Whether a save may replace ``path`` after lifting its read-only mark (the mark is
    the reason, and the folder takes a new file)."""
    return marked_read_only(path) and os.access(path.parent, os.W_OK)
