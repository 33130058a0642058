"""项目库: every form of a folder (and its subfolders) in one sortable, filterable table.

Files load on a worker thread (``project_library_loader``), the first rows at once; the
table follows the folder on disk (``QFileSystemWatcher``: files added, saved, removed, and
the lock files that say who has a form open). Double-click opens a form in the editor. The
batch actions — 检查, 打印为 PDF, 导出汇总表 — work on the selected rows, or on every row
shown when none is selected.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QTableView,
    QToolBar,
    QWidget,
)

from perfeval_gui.io.folder import form_files
from perfeval_gui.ui import dialogs
from perfeval_gui.ui.project_library_batch import BatchActions
from perfeval_gui.ui.project_library_loader import (
    LibraryEntry,
    LoadJob,
    LoadSignals,
    lock_text,
)
from perfeval_gui.ui.project_library_model import (
    Column,
    Filter,
    LibraryModel,
    LibraryProxy,
)

_RESCAN_DELAY_MS = 300
_LOADING_SWITCH_INTERVAL = 0.001  # seconds (Python's default: 0.005)
_FILTER_NAMES = (
    (Filter.ALL, "全部"),
    (Filter.ERRORS, "有错误或无法读取"),
    (Filter.WARNINGS, "有警告"),
    (Filter.UNREADABLE, "无法读取"),
    (Filter.EXCELLENT, "等级：优"),
    (Filter.GOOD, "等级：良"),
    (Filter.FAIR, "等级：中"),
    (Filter.POOR, "等级：差"),
)
_WIDTHS = {
    Column.NAME: 170,
    Column.DEPARTMENT: 130,
    Column.UNIT: 130,
    Column.TEMPLATE: 90,
    Column.ADJUSTED: 105,
    Column.EXECUTED: 105,
    Column.RATE: 70,
    Column.WEIGHT: 44,
    Column.SCORE: 50,
    Column.GRADE: 44,
    Column.FINDINGS: 72,
    Column.MODIFIED: 118,
    Column.LOCK: 110,
}


def ask_folder(parent: QWidget | None, directory: str = "") -> Path | None:
    """Choose a folder of forms."""
    chosen = QFileDialog.getExistingDirectory(
        parent, parent.tr("打开文件夹") if parent else "", directory
    )
    return Path(chosen) if chosen else None


class ProjectLibraryWindow(QMainWindow):
    """The 项目库 of one folder."""

    #: A form the user asked to open in the editor.
    open_requested = Signal(Path)
    #: Emitted when a folder has been read completely (also after later rescans).
    loading_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectLibrary")
        self.setWindowTitle(self.tr("项目库"))
        self.model = LibraryModel(self)
        self.proxy = LibraryProxy(self.model, self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one file after another; the GUI thread stays free
        self.signals = LoadSignals(self)
        self.signals.loaded.connect(self._loaded)
        self.signals.finished.connect(self._finished)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._schedule_rescan)
        self._rescan_timer = QTimer(self)
        self._rescan_timer.setSingleShot(True)
        self._rescan_timer.setInterval(_RESCAN_DELAY_MS)
        self._rescan_timer.timeout.connect(self.rescan)
        self._generation = 0
        self._job_ids = 0
        self._switch_interval: float | None = None
        self._progress_job = 0
        self._jobs: list[LoadJob] = []
        self._stamps: dict[Path, tuple[float, int]] = {}
        self._total = 0
        self._build()
        self.batch = BatchActions(self)
        self._build_toolbar()
        self._fit_to_screen()

    # ------------------------------------------------------------ widgets
    def _fit_to_screen(self) -> None:
        """1300×700, or most of a smaller screen (a 1366×768 laptop, a 150 % scale)."""
        screen = self.screen()
        width, height = 1300, 700
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, int(room.width() * 0.95))
            height = min(height, int(room.height() * 0.9))
        self.resize(width, height)

    def _build(self) -> None:
        view = QTableView(self)
        view.setObjectName("libraryTable")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _WIDTHS.items():
            view.setColumnWidth(column, width)
        view.activated.connect(self._activated)
        self.view = view
        self.setCentralWidget(view)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress.setFormat(self.tr("正在读取 %v / %m"))
        self.progress.hide()
        self.counts = QLabel(self)
        self.statusBar().addWidget(self.counts, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def _build_toolbar(self) -> None:
        tr = self.tr
        bar = QToolBar(tr("项目库"), self)
        bar.setObjectName("libraryToolbar")
        bar.setMovable(False)
        self.open_action = QAction(tr("打开文件夹…"), self)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.triggered.connect(lambda _c=False: self.open_dialog())
        self.refresh_action = QAction(tr("刷新"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(lambda _c=False: self.reload())
        bar.addActions([self.open_action, self.refresh_action])
        bar.addSeparator()
        bar.addActions(self.batch.actions)
        bar.addSeparator()
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText(tr("筛选：项目名称、单位或文件"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(self._filters_changed)
        self.filter_box = QComboBox(self)
        self.filter_box.setObjectName("libraryFilter")
        for which, name in _FILTER_NAMES:
            self.filter_box.addItem(tr(name), int(which))
        self.filter_box.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.search)
        bar.addWidget(self.filter_box)
        self.addToolBar(bar)
        self.addActions([self.open_action, self.refresh_action])
        self.view.selectionModel().selectionChanged.connect(self.batch.update_texts)
        self.proxy.rowsInserted.connect(self.batch.update_texts)
        self.proxy.rowsRemoved.connect(self.batch.update_texts)
        self.proxy.modelReset.connect(self.batch.update_texts)

    # ------------------------------------------------------------ folder
    def open_dialog(self) -> bool:
        folder = ask_folder(self, str(self.model.root or ""))
        return folder is not None and self.open_folder(folder)

    def open_folder(self, folder: Path) -> bool:
        """Show the forms of ``folder``; they load in the background, the first rows at once."""
        folder = Path(folder)
        if not folder.is_dir():
            dialogs.show_error(
                self, self.tr("无法打开文件夹"), self.tr("文件夹不存在：") + str(folder)
            )
            return False
        self._cancel_jobs()
        self._generation += 1
        self.model.clear(folder.resolve())
        self._stamps = {}
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.setWindowTitle(self.tr("项目库 - ") + str(folder))
        files = form_files(self.model.root or folder)
        self._watch_folders()
        self._total = len(files)
        self.progress.setRange(0, max(len(files), 1))
        self.progress.setValue(0)
        self.progress.setVisible(bool(files))
        self._start(files)
        self._progress_job = self._job_ids
        self._update_counts()
        return True

    def reload(self) -> None:
        """Read every file again (F5)."""
        if self.model.root is not None:
            self.open_folder(self.model.root)

    def is_loading(self) -> bool:
        """Whether files are still being read."""
        return bool(self._jobs)

    def _start(self, files: list[Path]) -> None:
        if not files:
            return
        if not self._jobs:
            # While the worker thread runs Python, each of the view's many calls into the
            # model waits for the GIL up to the switch interval (5 ms): shorter, the table
            # keeps painting smoothly. Restored when loading ends.
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(_LOADING_SWITCH_INTERVAL)
        for path in files:
            self._stamps[path] = _stamp(path)
        self._job_ids += 1
        job = LoadJob(files, self.signals, self._generation, self._job_ids)
        job.setAutoDelete(False)  # kept in self._jobs to cancel it
        self._jobs.append(job)
        self.pool.start(job)

    def _cancel_jobs(self) -> None:
        for job in self._jobs:
            job.cancelled = True
        self.pool.clear()
        self.pool.waitForDone()
        self._jobs = []
        self._restore_switch_interval()

    def _restore_switch_interval(self) -> None:
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None

    def _loaded(
        self, generation: int, job_id: int, done: int, batch: dict[Path, list[LibraryEntry]]
    ) -> None:
        if generation != self._generation:
            return  # a folder opened before this one
        self.model.replace_files(batch)
        if job_id == self._progress_job:
            self.progress.setValue(min(done, self.progress.maximum()))
        self._update_counts()

    def _finished(self, generation: int, job_id: int) -> None:
        self._jobs = [j for j in self._jobs if j.job_id != job_id]
        if not self._jobs:
            self._restore_switch_interval()
        if generation != self._generation:
            return
        if job_id == self._progress_job:
            self.progress.hide()
        self._update_counts()
        if not self._jobs:
            self._restore_switch_interval()
            self.loading_finished.emit()

    def _update_counts(self) -> None:
        entries = self.model.entries()
        forms = sum(1 for e in entries if e.row is not None)
        failed = len(entries) - forms
        errors = sum(1 for e in entries if e.row is not None and e.row.errors)
        if self.model.root is not None and not entries and not self.is_loading():
            self.counts.setText(self.tr("文件夹中没有自评表文件（.pev、.json、.xlsx）"))
            return
        text = self.tr("共 %1 个项目，%2 个有错误，%3 个文件无法读取")
        text = text.replace("%1", str(forms)).replace("%2", str(errors))
        self.counts.setText(text.replace("%3", str(failed)))

    # ------------------------------------------------------------ following the disk
    def _watch_folders(self) -> None:
        root = self.model.root
        if root is None:
            return
        wanted = {str(root)}
        for path in root.rglob("*"):
            hidden = any(p.startswith((".", "~$")) for p in path.relative_to(root).parts)
            if not hidden and path.is_dir():  # as form_files: no .git, no hidden folders
                wanted.add(str(path))
        new = sorted(wanted - set(self.watcher.directories()))
        if new:
            self.watcher.addPaths(new)

    def _schedule_rescan(self, _folder: str) -> None:
        self._rescan_timer.start()

    def rescan(self) -> None:
        """Compare the folder with the table: load new and changed files, drop removed ones,
        and update who has each form open."""
        root = self.model.root
        if root is None:
            return
        if not root.is_dir():
            self.model.remove_files(self.model.paths())
            self._update_counts()
            return
        self._watch_folders()
        files = form_files(root)
        present = set(files)
        gone = [p for p in self._stamps if p not in present]
        for path in gone:
            del self._stamps[path]
        self.model.remove_files(gone)
        changed = [p for p in files if self._stamps.get(p) != _stamp(p)]
        self.model.set_locks({p: lock_text(p) for p in files})
        self._start(changed)
        self._update_counts()

    # ------------------------------------------------------------ rows
    def selected_entries(self) -> list[LibraryEntry]:
        """The selected rows in view order, or every row shown when none is selected."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows:
            rows = list(range(self.proxy.rowCount()))
        return [
            self.model.entry(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows
        ]

    def action_row_count(self) -> int:
        """How many rows the batch actions would take (see :meth:`selected_entries`)."""
        selected = len(self.view.selectionModel().selectedRows())
        return selected or self.proxy.rowCount()

    def has_selection(self) -> bool:
        return bool(self.view.selectionModel().selectedRows())

    def _filters_changed(self, *_: object) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_filter(Filter(self.filter_box.currentData()))
        self.batch.update_texts()

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(self.proxy.mapToSource(index).row())
        self.open_requested.emit(entry.path)

    def closeEvent(self, event: QCloseEvent) -> None:  # reimplements QWidget.closeEvent
        self._cancel_jobs()
        self.batch.wait()
        super().closeEvent(event)


def _stamp(path: Path) -> tuple[float, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0.0, -1)
    return (stat.st_mtime, stat.st_size)
