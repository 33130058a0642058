"""Loading a 项目库's files off the GUI thread, a batch at a time.

A :class:`LoadJob` (a ``QRunnable`` on the library's own one-thread pool) reads each file,
computes its 汇总表 row and check report, and hands the entries back through a signal
(delivered on the GUI thread by Qt's queued connection): the first file's at once, then
every few dozen files or tenth of a second, so the table fills while the rest load.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from perfeval_gui.commands.check import text_report
from perfeval_gui.io.folder import FailedFile, load_one
from perfeval_gui.io.lockfile import is_stale, read_lock
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.summary import SummaryRow, summary_row

#: The unit of the library's money columns (forms in 万元 are converted, exactly).
LIBRARY_UNIT = AmountUnit.YUAN
_BATCH_FILES = 25
_BATCH_SECONDS = 0.1


@dataclass(frozen=True)
class LibraryEntry:
    """One form of the folder (a workbook of several gives several), or an unreadable file."""

    path: Path
    label: str  # the file, or ``file#工作表`` for a workbook's forms
    row: SummaryRow | None  # None: the file could not be read
    error: str  # the reason it could not be read ("" when it could)
    report: str  # the ``perfeval check`` text report of the form
    mtime: float
    size: int
    lock: str  # who has it open ("user（host）"), "" when nobody

    @property
    def kind(self) -> str:
        """The file's type as shown: "" for .pev, else ``Excel`` or ``JSON``."""
        return {".xlsx": "Excel", ".json": "JSON"}.get(self.path.suffix.lower(), "")


def lock_text(path: Path) -> str:
    """Who has ``path`` open, from its lock file (a lock left by a crash is not shown)."""
    try:
        info = read_lock(path)
    except OSError:
        return ""
    if info is None or is_stale(info):
        return ""
    return f"{info.user}（{info.host}）" if info.host else info.user


def load_entries(path: Path) -> list[LibraryEntry]:
    """The entries of one file: its form(s) with row and report, or the reason it failed."""
    try:
        stat = path.stat()
        mtime, size = stat.st_mtime, stat.st_size
    except OSError:
        mtime, size = 0.0, 0
    lock = lock_text(path)
    entries: list[LibraryEntry] = []
    for item in load_one(path, every_form=True):
        if isinstance(item, FailedFile):
            entries.append(LibraryEntry(path, str(path), None, item.reason, "", mtime, size, lock))
            continue
        findings = run_checks(item.form)
        row = summary_row(item.form, item.label, LIBRARY_UNIT, findings)
        report = text_report(Path(item.label), item.form, compute_totals(item.form), findings)
        entries.append(LibraryEntry(path, item.label, row, "", report, mtime, size, lock))
    return entries


class LoadSignals(QObject):
    """What a :class:`LoadJob` reports; lives on the GUI thread."""

    #: (generation, job id, files done, the entries of those files by path)
    loaded = Signal(int, int, int, object)
    #: (generation, job id)
    finished = Signal(int, int)


class LoadJob(QRunnable):
    """Loads ``paths`` in order, reporting in batches; stops early once cancelled."""

    def __init__(
        self, paths: list[Path], signals: LoadSignals, generation: int, job_id: int
    ) -> None:
        super().__init__()
        self.paths = paths
        self.signals = signals
        self.generation = generation
        self.job_id = job_id
        self.cancelled = False

    def run(self) -> None:  # reimplements QRunnable.run (on the pool's thread)
        batch: dict[Path, list[LibraryEntry]] = {}
        last = time.monotonic()
        for done, path in enumerate(self.paths, start=1):
            if self.cancelled:
                return
            batch[path] = load_entries(path)
            now = time.monotonic()
            if done == 1 or len(batch) >= _BATCH_FILES or now - last >= _BATCH_SECONDS:
                self.signals.loaded.emit(self.generation, self.job_id, done, batch)
                batch, last = {}, now
        if batch and not self.cancelled:
            self.signals.loaded.emit(self.generation, self.job_id, len(self.paths), batch)
        if not self.cancelled:
            self.signals.finished.emit(self.generation, self.job_id)
