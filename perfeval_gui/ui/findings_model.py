"""The findings of the reviewer's checks as a list model, refreshed on every change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from perfeval_gui.model.checks import Finding, Severity
from perfeval_gui.ui.document import Document

#: Custom role: the :class:`Finding` of a row.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 20
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument

_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class FindingsModel(QAbstractListModel):
    """One row per finding, errors first within a row, in form order."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._icons: dict[Severity, QIcon] = {}
        self._findings: list[Finding] = list(document.findings())
        self._severity_names = {
            Severity.ERROR: self.tr("错误"),
            Severity.WARNING: self.tr("提醒"),
            Severity.INFO: self.tr("提示"),
        }
        document.changed.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        """Take the document's current findings; the list is reset only when they differ."""
        findings = self._document.findings()
        if findings == self._findings:
            return
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        """The findings shown."""
        return list(self._findings)

    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self._findings:
            counts[finding.severity] += 1
        return counts

    def _icon(self, severity: Severity) -> QIcon | None:
        if severity not in self._icons:
            style = QApplication.style()
            if style is None:
                return None
            self._icons[severity] = style.standardIcon(_ICONS[severity])
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
