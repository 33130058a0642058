"""The 项目资金 block as a Qt table model: the template's fund rows × three amounts, 分值,
执行率, 得分.

年度资金总额 is computed from its sources and read-only; 执行率 and the budget 得分 are
derived live. Rows and labels follow the form's template. Edits go through operations.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from perfeval_gui.model.checks import Finding, Severity
from perfeval_gui.model.form import Form, FundColumn, FundRow
from perfeval_gui.model.formatting import (
    format_amount,
    format_decimal,
    format_percent,
    format_score,
    format_score_as_typed,
)
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.values import DecimalInputError
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Change, ChangeKind, Document, resolve_owner
from perfeval_gui.ui.indicator_model import FIELD_ROLE, IS_NUMBER_ROLE
from perfeval_gui.ui.palette import COMPUTED_BACKGROUND, ERROR_BACKGROUND, WARNING_BACKGROUND

AMOUNT_COLUMNS: tuple[FundColumn, ...] = tuple(FundColumn)
WEIGHT_COLUMN, RATE_COLUMN, SCORE_COLUMN = 3, 4, 5
_DERIVED_BACKGROUND = COMPUTED_BACKGROUND
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


def fund_rows(form: Form) -> tuple[FundRow, ...]:
    """The fund rows the form's template shows, 年度资金总额 first."""
    return form_template(form).fund_row_keys()


def field_of(form: Form, row: int, column: int) -> str | None:
    """The form field behind a cell (``funds.<row>.<column>``, ``budget_weight``), if any."""
    rows = fund_rows(form)
    if column < len(AMOUNT_COLUMNS) and 0 <= row < len(rows):
        return f"funds.{rows[row].value}.{AMOUNT_COLUMNS[column].value}"
    if column == WEIGHT_COLUMN and row == 0:
        return "budget_weight"
    return None


class FundsTableModel(QAbstractTableModel):
    """The 项目资金 table (objectName of its view: ``fundsTable``)."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._rows = fund_rows(document.form)
        self._headers = self._labels()
        self._by_field: dict[str, list[Finding]] | None = None
        document.changed.connect(self._changed)

    def _labels(self) -> list[str]:
        template = form_template(self._document.form)
        return [
            *(template.label(c.value) for c in AMOUNT_COLUMNS),
            template.label("budget_weight"),
            template.label("execution_rate"),
            template.label("budget_score"),
        ]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(self._headers)

    def _field_findings(self, field: str | None) -> list[Finding]:
        """Form-level findings naming ``field`` (computes the lookup on first use)."""
        if self._by_field is None:
            by_field: dict[str, list[Finding]] = {}
            for finding in self._document.findings():
                if finding.path is None:
                    by_field.setdefault(finding.field, []).append(finding)
            self._by_field = by_field
        return self._by_field.get(field, []) if field else []

    def _finding_severity(self, field: str | None) -> Severity | None:
        severities = {f.severity for f in self._field_findings(field)}
        return next((s for s in (Severity.ERROR, Severity.WARNING) if s in severities), None)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Reimplements QAbstractTableModel.data."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        field = field_of(self._document.form, row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if field is None:
                return None
            owner, attr = resolve_owner(self._document.form, None, field)
            return format_decimal(getattr(owner, attr))
        if role == FIELD_ROLE:
            return field
        if role == IS_NUMBER_ROLE:
            return field is not None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self._finding_severity(field)
            if severity == Severity.ERROR:
                return QBrush(QColor(ERROR_BACKGROUND))
            if severity == Severity.WARNING:
                return QBrush(QColor(WARNING_BACKGROUND))
            if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return QBrush(QColor(_DERIVED_BACKGROUND))
        if role == Qt.ItemDataRole.ToolTipRole:
            messages = [f.message for f in self._field_findings(field)]
            return "\n".join(messages) or self._tip(row, column)
        return None

    def _display(self, row: int, column: int) -> str:
        totals = self._document.totals()
        if column < len(AMOUNT_COLUMNS):
            amounts = (
                totals.funds_total
                if row == 0
                else getattr(self._document.form.funds, self._rows[row])
            )
            return format_amount(getattr(amounts, AMOUNT_COLUMNS[column]))
        if row != 0:
            return "—"
        if column == WEIGHT_COLUMN:
            return format_score_as_typed(self._document.form.budget_weight)
        if column == RATE_COLUMN:
            return format_percent(totals.execution_rate)
        return format_score(totals.budget_score)

    def _tip(self, row: int, column: int) -> str | None:
        if row == 0 and column < len(AMOUNT_COLUMNS):
            return self.tr("由下面各项资金来源自动合计")
        if row == 0 and column == RATE_COLUMN:
            return self.tr("执行率 = 全年执行数 ÷ 全年预算数")
        if row == 0 and column == SCORE_COLUMN:
            return self.tr("得分 = 分值 × 执行率（执行率超过 100% 按 100% 计）")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Reimplements QAbstractTableModel.headerData."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        if 0 <= section < len(self._rows):
            return form_template(self._document.form).label(self._rows[section].value)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Reimplements QAbstractTableModel.flags: sources and 分值 are editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row, column = index.row(), index.column()
        if (row > 0 and column < len(AMOUNT_COLUMNS)) or (row == 0 and column == WEIGHT_COLUMN):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Reimplements QAbstractTableModel.setData: the edit becomes an undo command."""
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        field = field_of(self._document.form, index.row(), index.column())
        assert field is not None
        if isinstance(value, str):
            try:
                value = operations.parse_number(value)
            except DecimalInputError:
                return False
        if field == "budget_weight" and value is None:
            return False  # the budget row always has a 分值
        try:
            operations.set_value(self._document, path=None, field=field, value=value)
        except ValueError:
            return False  # refused by the model; called from C++, so nothing may escape
        return True

    def _changed(self, change: Change) -> None:
        old = self._by_field
        self._by_field = None
        rows = fund_rows(self._document.form)
        if rows != self._rows or self._labels() != self._headers:  # another template
            self.beginResetModel()
            self._rows, self._headers = rows, self._labels()
            self.endResetModel()
            return
        if change.kind == ChangeKind.FIELD and change.path is not None and old is not None:
            # A 三级 edit changes no amount; repaint only if a form-level finding changed.
            self._field_findings(None)
            if self._by_field == old:
                return
        # Totals, 执行率 and findings depend on every amount: four rows, refresh them all.
        last = self.index(len(self._rows) - 1, len(self._headers) - 1)
        self.dataChanged.emit(self.index(0, 0), last)
