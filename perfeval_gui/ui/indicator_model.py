"""The 三级 rows under the selected tree node, as a spreadsheet-like Qt table model.

Columns follow ``operations.INDICATOR_FIELDS``. Reading only: edits go through operations.
Suggestions and findings per row are computed lazily and dropped on every change, so one
edit costs one recomputation of the rows actually painted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from perfeval_gui.model.checks import Finding, Severity
from perfeval_gui.model.form import Indicator
from perfeval_gui.model.formatting import (
    format_decimal,
    format_score,
    format_score_as_typed,
    format_scores_apart,
)
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.rules_text import column_rules
from perfeval_gui.model.scoring import Suggestion, suggest_score
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.values import DecimalInputError, Qualitative, parse_value
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Change, ChangeKind, Document, NodePath, node_at
from perfeval_gui.ui.operations import INDICATOR_FIELDS, NUMBER_FIELDS
from perfeval_gui.ui.palette import (
    COMPUTED_BACKGROUND,
    ERROR_BACKGROUND,
    SUGGESTION_TEXT,
    WARNING_BACKGROUND,
)

#: Custom roles shared with the delegate and the views.
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1  # the field name of a column
IS_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2  # True for cells that take a number
PATH_ROLE = Qt.ItemDataRole.UserRole + 3  # the 三级 row's node path

SUGGESTED_COLUMN = INDICATOR_FIELDS.index("suggested_score")
GRADE_COLUMN = INDICATOR_FIELDS.index("grade")
_SEVERITY_COLOURS = {Severity.ERROR: ERROR_BACKGROUND, Severity.WARNING: WARNING_BACKGROUND}
AnyIndex = QModelIndex | QPersistentModelIndex
_FINDING_ROLES = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
_ROOT = QModelIndex()  # the invisible root, as a default argument
#: Columns a template may name in its own words; the others are the editor's own.
_TEMPLATE_FIELDS = frozenset(
    {"name", "target_nature", "target", "target_unit", "actual", "weight", "score"}
    | {"deviation_note"}
)


def _header_tips() -> dict[str, str]:
    def tr(_: object, text: str) -> str:
        return QCoreApplication.translate("IndicatorTableModel", text)

    return {
        "name": tr(None, "三级指标名称，不可为空，同一表内不应重复"),
        "target": tr(None, "照原样打印。可写 =3 万条/月、≥95%、<=20 万元/场，或 及时、完整 等"),
        "actual": tr(None, "照原样打印。与年度指标值单位一致时可自动算出建议得分"),
        "score": tr(None, "打印在表上的得分：不得超过分值；低于分值时须填写偏差原因"),
        "deviation_note": tr(None, "得分低于分值或与建议得分不同时，写明原因和改进措施"),
    }


class IndicatorTableModel(QAbstractTableModel):
    """The 三级 rows of one scope: all rows, a 一级's or a 二级's."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._scope: NodePath = ()
        self._rows: list[NodePath] = []
        self._row_of: dict[NodePath, int] = {}
        self._derived: dict[int, tuple[Suggestion | None, bool]] = {}
        self._cell_findings: dict[tuple[NodePath, str], list[Finding]] | None = None
        self._tips = _header_tips()
        self._headers = self._labels()
        document.changed.connect(self._changed)
        self._collect_rows()

    def _labels(self) -> list[str]:
        """Column labels in the form template's words (权重, 完成值, 指标性质…)."""
        template = form_template(self._document.form)
        return [template.label(f) if f in _TEMPLATE_FIELDS else LABELS[f] for f in INDICATOR_FIELDS]

    # ------------------------------------------------------------ scope
    @property
    def scope(self) -> NodePath:
        """The tree node whose 三级 rows are shown (``()``: all; a 三级 path shows its 二级)."""
        return self._scope

    def set_scope(self, scope: NodePath) -> None:
        """Show the 三级 rows under ``scope``."""
        scope = scope[:2]
        if scope == self._scope:
            return
        self.beginResetModel()
        self._scope = scope
        self._collect_rows()
        self.endResetModel()

    def path_at(self, row: int) -> NodePath:
        """The node path of table row ``row``."""
        return self._rows[row]

    def row_of(self, path: NodePath) -> int | None:
        """The table row showing the 三级 row ``path``, if it is in scope."""
        return self._row_of.get(path)

    def rows(self) -> list[NodePath]:
        """All row paths, in table order."""
        return list(self._rows)

    def paste_parent(self) -> NodePath | None:
        """The 二级 that receives rows created by a paste: the scope's last 二级."""
        form = self._document.form
        if len(self._scope) == 2:
            return self._scope
        level1 = [self._scope[0]] if self._scope else range(len(form.level1))
        for i in reversed(list(level1)):
            if form.level1[i].children:
                return (i, len(form.level1[i].children) - 1)
        return None

    def first_level2(self) -> NodePath | None:
        """The first 二级 in scope (where Insert puts a row when the view has none)."""
        form = self._document.form
        if len(self._scope) == 2:
            return self._scope
        level1 = [self._scope[0]] if self._scope else range(len(form.level1))
        return next(((i, 0) for i in level1 if form.level1[i].children), None)

    def _collect_rows(self) -> None:
        s = self._scope
        self._rows = [
            (i, j, k)
            for i, j, k, *_ in self._document.form.iter_indicators()
            if (i, j)[: len(s)] == s
        ]
        self._row_of = {path: row for row, path in enumerate(self._rows)}
        self._derived.clear()
        self._cell_findings = None

    # ------------------------------------------------------------ reading
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        """Reimplements QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(INDICATOR_FIELDS)

    def indicator(self, row: int) -> Indicator:
        """The 三级 row shown in table row ``row``."""
        node = node_at(self._document.form, self._rows[row])
        assert isinstance(node, Indicator)
        return node

    def is_qualitative(self, row: int) -> bool:
        """Whether the row's 年度指标值 is text (so it is scored by a chosen grade)."""
        return self._derive(row)[1]

    def suggestion(self, row: int) -> Suggestion | None:
        """The suggested 得分 of table row ``row``."""
        return self._derive(row)[0]

    def _derive(self, row: int) -> tuple[Suggestion | None, bool]:
        if row not in self._derived:
            ind = self.indicator(row)
            qualitative = isinstance(parse_value(ind.target), Qualitative)
            profile = self._document.profile()
            self._derived[row] = (suggest_score(ind, profile), qualitative)
        return self._derived[row]

    def findings_at(self, row: int, field: str) -> list[Finding]:
        """The findings naming this cell."""
        return self._finding_cells().get((self._rows[row], field), [])

    def _finding_cells(self) -> dict[tuple[NodePath, str], list[Finding]]:
        if self._cell_findings is None:
            cells: dict[tuple[NodePath, str], list[Finding]] = {}
            for finding in self._document.findings():
                if finding.path is not None and len(finding.path) == 3 and finding.field:
                    cells.setdefault((finding.path, finding.field), []).append(finding)
            self._cell_findings = cells
        return self._cell_findings

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Reimplements QAbstractTableModel.data."""
        if not index.isValid():
            return None
        row, field = index.row(), INDICATOR_FIELDS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, field)
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(self.indicator(row), field, None)
            if field in NUMBER_FIELDS:
                return format_decimal(value)
            return "" if value is None else str(value)
        if role == FIELD_ROLE:
            return field
        if role == IS_NUMBER_ROLE:
            return field in NUMBER_FIELDS
        if role == PATH_ROLE:
            return self._rows[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and field in (
            *NUMBER_FIELDS,
            "suggested_score",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if field == "suggested_score":
            return self._suggestion_role(row, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            messages = [f.message for f in self.findings_at(row, field)]
            if messages:
                return "\n".join(messages)
            text = self._display(row, field)
            return text if len(text) > 8 else None  # long text may be cut off in the cell
        if role == Qt.ItemDataRole.BackgroundRole:
            severities = {f.severity for f in self.findings_at(row, field)}
            for severity, colour in _SEVERITY_COLOURS.items():
                if severity in severities:
                    return QBrush(QColor(colour))
        return None

    def display_text(self, row: int, field: str) -> str:
        """What cell ``field`` of ``row`` shows, for sizing (no suggestion is computed: the
        建议得分 and a 完成等级 not yet chosen give ``""``)."""
        if field == "suggested_score" or (field == "grade" and self.indicator(row).grade is None):
            return ""
        return self._display(row, field)

    def _display(self, row: int, field: str) -> str:
        if field == "suggested_score":
            suggestion = self.suggestion(row)
            if suggestion is None:
                return ""
            if suggestion.band is not None:
                low, high = suggestion.band
                return f"{format_score(low)}–{format_score(high)}"
            weight = self.indicator(row).weight
            if weight is None or suggestion.score is None:
                return format_score(suggestion.score)
            return format_scores_apart(suggestion.score, weight)[0]  # 0.098 of 0.1, not 0.1
        ind = self.indicator(row)
        if field == "grade":
            if ind.grade is not None:
                return ind.grade.value
            return self.tr("（请选择）") if self.is_qualitative(row) else ""
        value = getattr(ind, field)
        return format_score_as_typed(value) if field in NUMBER_FIELDS else value

    def _suggestion_role(self, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            suggestion = self.suggestion(row)
            if suggestion is None:
                return self.tr("无法给出建议得分：缺少分值或实际完成值，或两者单位不一致")
            return suggestion.explanation
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(SUGGESTION_TEXT))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(COMPUTED_BACKGROUND))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Reimplements QAbstractTableModel.headerData: labels, and the scoring rule as tip."""
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return section + 1
            if role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(self._rows):
                i, j, _k = self._rows[section]
                l1 = self._document.form.level1[i]
                return f"{l1.name} › {l1.children[j].name}"
            return None
        if not 0 <= section < len(INDICATOR_FIELDS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            field = INDICATOR_FIELDS[section]
            form = self._document.form
            rules = column_rules(self._document.profile(), form_template(form))
            return rules.get(field) or self._tips.get(field)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Reimplements QAbstractTableModel.flags: the suggestion is read-only."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == SUGGESTED_COLUMN:
            return flags
        if column == GRADE_COLUMN and not self.is_qualitative(index.row()):
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    # ------------------------------------------------------------ writing
    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Reimplements QAbstractTableModel.setData: the edit becomes an undo command.

        ``value`` is the converted value from the delegate, or text to be converted.
        """
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        field = INDICATOR_FIELDS[index.column()]
        if isinstance(value, str):
            try:
                value = operations.indicator_value_from_text(field, value)
            except DecimalInputError:
                return False
        path = self._rows[index.row()]
        try:
            operations.set_value(self._document, path=path, field=field, value=value)
        except ValueError:
            return False  # refused by the model; called from C++, so nothing may escape
        return True

    # ------------------------------------------------------------ document signals
    def _changed(self, change: Change) -> None:
        labels = self._labels()
        if labels != self._headers:  # another template: its words for the columns
            self._headers = labels
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(labels) - 1)
        profile_changed = change.path is None and change.field == "scoring_profile"
        if change.kind == ChangeKind.VALUES or profile_changed:
            # Every row's suggestion may differ: refresh all rows, all roles.
            self._derived.clear()
            self._cell_findings = None
            if self._rows:
                last = self.index(len(self._rows) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        if change.kind != ChangeKind.FIELD:
            self.beginResetModel()
            self._collect_rows()
            self.endResetModel()
            return
        row = self._row_of.get(change.path) if change.path is not None else None
        if row is not None:
            self._derived.pop(row, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self._refresh_finding_cells()

    def _refresh_finding_cells(self) -> None:
        """Repaint just the cells whose findings changed (one edit can touch other rows)."""
        old = self._cell_findings
        self._cell_findings = None
        if old is None:
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(len(self._rows) - 1, self.columnCount() - 1),
                    _FINDING_ROLES,
                )
            return
        new = self._finding_cells()
        for key in old.keys() | new.keys():
            if old.get(key) == new.get(key):
                continue
            row, field = self._row_of.get(key[0]), key[1]
            if row is not None and field in INDICATOR_FIELDS:
                index = self.index(row, INDICATOR_FIELDS.index(field))
                self.dataChanged.emit(index, index, _FINDING_ROLES)
