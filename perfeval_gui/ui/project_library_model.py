"""The 项目库's table: one row per form in the folder (and per unreadable file), sortable and
filterable through :class:`LibraryProxy`.

The model only translates :class:`LibraryEntry` values into cells; the figures come from
``model.summary`` (computed on the loader's thread).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.summary import display_name
from perfeval_gui.ui.project_library_loader import LIBRARY_UNIT, LibraryEntry

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
#: Custom role: the row's :class:`LibraryEntry`.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 30
_ERROR_BRUSH = QBrush(QColor("#F8D7DA"))
_WARNING_BRUSH = QBrush(QColor("#FFF3CD"))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


class Column(IntEnum):
    """The table's columns, in order."""

    NAME = 0
    DEPARTMENT = 1
    UNIT = 2
    TEMPLATE = 3
    ADJUSTED = 4
    EXECUTED = 5
    RATE = 6
    WEIGHT = 7
    SCORE = 8
    GRADE = 9
    FINDINGS = 10
    MODIFIED = 11
    LOCK = 12
    FILE = 13


def stable_key(entry: LibraryEntry) -> tuple[int, str, str, str, str]:
    """The 汇总表's order: 主管部门, 实施单位, 项目名称, file; unreadable files after the forms."""
    row = entry.row
    if row is None:
        return (1, "", "", "", entry.label)
    return (0, row.department, row.implementing_unit, row.project_name, entry.label)


def _headers(tr: Any) -> list[str]:
    unit = str(LIBRARY_UNIT)
    return [
        tr("项目名称"),
        tr("主管部门"),
        tr("实施单位"),
        tr("模板/评分规则"),
        tr("全年预算数（%1）").replace("%1", unit),
        tr("全年执行数（%1）").replace("%1", unit),
        tr("执行率"),
        tr("分值"),
        tr("得分"),
        tr("等级"),
        tr("错误/警告"),
        tr("修改时间"),
        tr("正在编辑"),
        tr("文件"),
    ]


class LibraryModel(QAbstractTableModel):
    """The folder's entries, in the order they arrived (the view sorts)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self._entries: list[LibraryEntry] = []
        #: The cell texts of each entry shown so far, by ``id`` (with the entry, so an id
        #: reused by a later object never matches): painting asks for them again and again.
        self._texts: dict[int, tuple[LibraryEntry, list[str]]] = {}
        self._headers = _headers(self.tr)
        self._unreadable = self.tr("无法读取")

    # ------------------------------------------------------------ contents
    def entries(self) -> list[LibraryEntry]:
        """All entries, in model order."""
        return list(self._entries)

    def entry(self, row: int) -> LibraryEntry:
        return self._entries[row]

    def clear(self, root: Path | None = None) -> None:
        """Empty the table (a new folder is being opened)."""
        self.beginResetModel()
        self._entries = []
        self._texts = {}
        self.root = root
        self.endResetModel()

    def paths(self) -> set[Path]:
        return {e.path for e in self._entries}

    def replace_files(self, loaded: dict[Path, list[LibraryEntry]]) -> None:
        """Put each file's new entries in place of its old ones; new files are inserted in the
        汇总表's stable order (主管部门, 实施单位, 项目名称; unreadable files last)."""
        known = {e.path for e in self._entries}
        keys = [stable_key(e) for e in self._entries]
        for path, new in loaded.items():
            if path in known:
                rows = [i for i, e in enumerate(self._entries) if e.path == path]
                if len(rows) == len(new) and all(
                    stable_key(self._entries[i]) == stable_key(e)
                    for i, e in zip(rows, new, strict=True)
                ):
                    for i, entry in zip(rows, new, strict=True):
                        self._entries[i] = entry
                    last = self.index(rows[-1], Column.FILE)
                    self.dataChanged.emit(self.index(rows[0], 0), last)
                    continue
                self.remove_files([path])
                keys = [stable_key(e) for e in self._entries]
            for entry in new:
                key = stable_key(entry)
                at = bisect.bisect_right(keys, key)
                self.beginInsertRows(_ROOT, at, at)
                self._entries.insert(at, entry)
                keys.insert(at, key)
                self.endInsertRows()
            known.add(path)

    def remove_files(self, paths: Iterable[Path]) -> None:
        """Drop the rows of ``paths`` (files deleted or renamed on disk)."""
        gone = set(paths)
        for i in range(len(self._entries) - 1, -1, -1):
            if self._entries[i].path in gone:
                self.beginRemoveRows(_ROOT, i, i)
                del self._entries[i]
                self.endRemoveRows()

    def set_locks(self, locks: dict[Path, str]) -> None:
        """Update the 正在编辑 column from ``locks`` (path → who, "" for nobody)."""
        for i, entry in enumerate(self._entries):
            who = locks.get(entry.path, "")
            if who != entry.lock:
                self._entries[i] = replace(entry, lock=who)
                cell = self.index(i, Column.LOCK)
                self.dataChanged.emit(cell, cell)

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # reimplements QAbstractItemModel
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # reimplements QAbstractItemModel
        return 0 if parent.isValid() else len(Column)

    def headerData(  # reimplements QAbstractItemModel.headerData
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # reimplements QAbstractItemModel.data
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(entry)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.row is None:
                return entry.error
            if column in (Column.FILE, Column.NAME):
                return str(entry.path)
            return self.display(entry, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if Column.ADJUSTED <= column <= Column.SCORE:
                return int(_RIGHT)
            return int(_CENTER) if column in (Column.GRADE, Column.FINDINGS) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.row is None or entry.row.errors:
                return _ERROR_BRUSH if column in (Column.NAME, Column.FINDINGS) else None
            if entry.row.warnings and column == Column.FINDINGS:
                return _WARNING_BRUSH
            return None
        if role == ENTRY_ROLE:
            return entry
        return None

    def texts(self, entry: LibraryEntry) -> list[str]:
        """The texts of ``entry``'s cells, computed once."""
        cached = self._texts.get(id(entry))
        if cached is not None and cached[0] is entry:
            return cached[1]
        if len(self._texts) > 4 * len(self._entries) + 100:  # entries replaced or removed
            self._texts = {}
        texts = [self.display(entry, column) for column in Column]
        self._texts[id(entry)] = (entry, texts)
        return texts

    def display(self, entry: LibraryEntry, column: Column) -> str:
        """The text of ``entry``'s cell in ``column``."""
        row = entry.row
        if column == Column.FILE:
            shown = self._relative(entry.label)
            return f"{shown}（{entry.kind}）" if entry.kind else shown
        if column == Column.MODIFIED:
            stamp = dt.datetime.fromtimestamp(entry.mtime)  # noqa: DTZ006 - local, as shown
            return stamp.strftime("%Y-%m-%d %H:%M")
        if column == Column.LOCK:
            return entry.lock
        if row is None:
            if column == Column.NAME:
                return entry.path.name
            return self._unreadable if column == Column.FINDINGS else ""
        texts = {
            Column.NAME: display_name(row),
            Column.DEPARTMENT: row.department,
            Column.UNIT: row.implementing_unit,
            Column.TEMPLATE: row.template,
            Column.ADJUSTED: format_amount(row.adjusted),
            Column.EXECUTED: format_amount(row.executed),
            Column.RATE: format_percent(row.execution_rate),
            Column.WEIGHT: format_score(row.weight_total),
            Column.SCORE: format_score(row.score_total),
            Column.GRADE: row.grade,
            Column.FINDINGS: f"{row.errors} / {row.warnings}",
        }
        return texts[column]

    def sort_key(self, row: int, column: int) -> tuple[Any, ...]:
        """A Python value that orders ``row`` in ``column`` (empty cells last)."""
        entry = self._entries[row]
        value: Any
        r = entry.row
        col = Column(column)
        if col == Column.MODIFIED:
            value = entry.mtime
        elif col in (Column.FILE, Column.LOCK) or (r is None and col == Column.NAME):
            value = self.display(entry, col)
        elif r is None:
            value = None
        elif col == Column.FINDINGS:
            value = (r.errors, r.warnings)
        elif col == Column.GRADE:
            value = "优良中差".find(r.grade) if r.grade in "优良中差" else 9
        else:
            value = {
                Column.NAME: r.project_name,
                Column.DEPARTMENT: r.department,
                Column.UNIT: r.implementing_unit,
                Column.TEMPLATE: r.template,
                Column.ADJUSTED: r.adjusted,
                Column.EXECUTED: r.executed,
                Column.RATE: r.execution_rate,
                Column.WEIGHT: r.weight_total,
                Column.SCORE: r.score_total,
            }[col]
        if value is None or value == "":
            return (1, "")
        return (0, value)

    def _relative(self, label: str) -> str:
        if self.root is None:
            return label
        try:
            return str(Path(label).relative_to(self.root))
        except ValueError:
            return label


class Filter(IntEnum):
    """What the 项目库 shows."""

    ALL = 0
    ERRORS = 1  # forms with an error finding, and files that could not be read
    WARNINGS = 2
    UNREADABLE = 3
    EXCELLENT = 4
    GOOD = 5
    FAIR = 6
    POOR = 7


_GRADE_FILTERS = {Filter.EXCELLENT: "优", Filter.GOOD: "良", Filter.FAIR: "中", Filter.POOR: "差"}


class LibraryProxy(QSortFilterProxyModel):
    """Sorts with the model's Python keys; filters by text and by :class:`Filter`."""

    def __init__(self, model: LibraryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setSourceModel(model)
        self._text = ""
        self._filter = Filter.ALL

    def set_text(self, text: str) -> None:
        """Show only rows whose name, 主管部门, 实施单位 or file contains ``text``."""
        self._refilter(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_filter(self, which: Filter) -> None:
        self._refilter(lambda: setattr(self, "_filter", Filter(which)))

    def _refilter(self, change: Callable[[], object]) -> None:
        """Apply ``change`` to the filter's state and filter the rows again."""
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9: invalidateFilter() is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        # reimplements QSortFilterProxyModel.filterAcceptsRow
        entry = self._model.entry(source_row)
        row = entry.row
        which = self._filter
        if which == Filter.ERRORS and not (row is None or row.errors):
            return False
        if which == Filter.WARNINGS and not (row is not None and row.warnings):
            return False
        if which == Filter.UNREADABLE and row is not None:
            return False
        if which in _GRADE_FILTERS and (row is None or row.grade != _GRADE_FILTERS[which]):
            return False
        if not self._text:
            return True
        texts = [entry.label]
        if row is not None:
            texts += [row.project_name, row.department, row.implementing_unit]
        return any(self._text in t.casefold() for t in texts)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        # reimplements QSortFilterProxyModel.lessThan
        column = left.column()
        a = self._model.sort_key(left.row(), column)
        b = self._model.sort_key(right.row(), column)
        if a[0] != b[0]:
            return bool(a[0] < b[0])
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
