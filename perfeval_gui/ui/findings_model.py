"""The findings of the reviewer's checks as a list model, refreshed on every change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from perfeval_gui.model.checks import Finding, Severity
from perfeval_gui.ui.document import Document

#: Custom role: the :class:`Finding` of a row.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 20
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument

#: The standard icon of each severity, a name in ``QStyle.StandardPixmap``.
_ICONS = {
    Severity.ERROR: "SP_MessageBoxCritical",
    Severity.WARNING: "SP_MessageBoxWarning",
    Severity.INFO: "SP_MessageBoxInformation",
}


class FindingsModel(QAbstractListModel):
    """One row per finding, errors first within a row, in form order."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._icons: dict[Severity, QIcon] = {}
        self._icons_shown = False
        self._findings: list[Finding] = list(document.findings())
        self._severity_names = {
            Severity.ERROR: self.tr("错误"),
            Severity.WARNING: self.tr("提醒"),
            Severity.INFO: self.tr("提示"),
        }
        document.changed.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        """Take the document's current findings, changing only the rows that differ.

        Findings that stay keep their rows, so a reviewer working down the list keeps
        their place while fixing one finding after another.
        """
        new = list(self._document.findings())
        old = self._findings
        if new == old:
            return
        # An edit changes the findings of a row or two: replace just the span between the
        # unchanged beginning and the unchanged end of the list.
        head, limit = 0, min(len(old), len(new))
        while head < limit and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        old_end, new_end = len(old) - tail, len(new) - tail
        if old_end > head:
            self.beginRemoveRows(QModelIndex(), head, old_end - 1)
            del self._findings[head:old_end]
            self.endRemoveRows()
        if new_end > head:
            self.beginInsertRows(QModelIndex(), head, new_end - 1)
            self._findings[head:head] = new[head:new_end]
            self.endInsertRows()

    def findings(self) -> list[Finding]:
        """The findings shown."""
        return list(self._findings)

    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self._findings:
            counts[finding.severity] += 1
        return counts

    def show_icons(self) -> None:
        """Give the rows their severity icons (the window asks once it has painted).

        Until then the rows have none: PySide6 makes QStyle's dozen enum types on first use,
        ~8 ms that would otherwise delay the window's first paint.
        """
        if not self._icons_shown:
            self._icons_shown = True
            if self._findings:
                last = self.index(len(self._findings) - 1, 0)
                self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DecorationRole])

    def _icon(self, severity: Severity) -> QIcon | None:
        if not self._icons_shown:
            return None
        if severity not in self._icons:
            from PySide6.QtWidgets import QStyle  # noqa: PLC0415 - see show_icons

            style = QApplication.style()
            if style is None:
                return None
            pixmap = getattr(QStyle.StandardPixmap, _ICONS[severity])
            self._icons[severity] = style.standardIcon(pixmap)
        return self._icons[severity]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractListModel.rowCount."""
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Reimplements QAbstractListModel.data."""
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._severity_names[finding.severity]}：{finding.message}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(finding.severity)
        if role == FINDING_ROLE:
            return finding
        return None
