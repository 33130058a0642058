"""Header fields (项目名称, 主管部门, 实施单位, 年度, 金额单位) and the two goal texts.

Each widget pushes a mergeable undo command as the user types, so a whole sentence is one
undo step, and follows the model back on undo/redo. The global Ctrl+Z/Ctrl+Y reach the
document's stack even while one of these widgets has the keyboard focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from perfeval_gui.model.amount_units import amount_fields
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.profiles import PROFILES
from perfeval_gui.ui import dialogs, operations
from perfeval_gui.ui.document import Change, ChangeKind, Document, resolve_owner

_UNDO_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)


_CTRL_SHIFT_Z = QKeyCombination(
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z
)


class UndoKeyFilter(QObject):
    """Lets Ctrl+Z / Ctrl+Y through to the window's undo actions instead of the widget's own."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Reimplements QObject.eventFilter: drop the widget's claim on the undo keys."""
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                any(event.matches(key) for key in _UNDO_KEYS)
                or event.keyCombination() == _CTRL_SHIFT_Z
            )
        )


class FormFieldsPanel(QObject):
    """The header fields (``header_widget``) and goal texts (``goals_widget``) of a document."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._refreshing = False
        self.header_widget = QWidget()
        self.header_widget.setObjectName("headerFields")
        self.goals_widget = QWidget()
        self.goals_widget.setObjectName("goalTexts")
        self._undo_filter = UndoKeyFilter(self)
        self.line_edits: dict[str, QLineEdit] = {}
        header = QFormLayout(self.header_widget)
        for field in ("project_name", "department", "implementing_unit"):
            edit = QLineEdit(self.header_widget)
            edit.setObjectName(field)
            edit.textEdited.connect(lambda text, f=field: self._set(f, text))
            self._watch(edit)
            self.line_edits[field] = edit
        header.addRow(LABELS["project_name"], self.line_edits["project_name"])
        units = QHBoxLayout()
        units.addWidget(self.line_edits["department"], 1)
        units.addWidget(QLabel(LABELS["implementing_unit"]))
        units.addWidget(self.line_edits["implementing_unit"], 1)
        header.addRow(LABELS["department"], units)

        self.year = QSpinBox(self.header_widget)
        self.year.setObjectName("year")
        self.year.setRange(1900, 9999)
        self.year.setGroupSeparatorShown(False)
        self.year.valueChanged.connect(lambda value: self._set("year", value))
        self._watch(self.year)
        self.amount_unit = QComboBox(self.header_widget)
        self.amount_unit.setObjectName("amount_unit")
        for unit in AmountUnit:
            self.amount_unit.addItem(unit.value, unit)
        self.amount_unit.activated.connect(
            lambda i: self._change_unit(AmountUnit(self.amount_unit.itemData(i)))
        )
        self.profile = QComboBox(self.header_widget)
        self.profile.setObjectName("scoring_profile")
        self.profile.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile.setMinimumContentsLength(10)  # long labels must not widen the window
        self.profile.setToolTip(self.tr("建议得分、等级和检查所依据的地区评分规则"))
        for key, profile in PROFILES.items():
            self.profile.addItem(profile.label, key)
        self.profile.activated.connect(
            lambda i: self._set("scoring_profile", self.profile.itemData(i))
        )
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addSpacing(24)
        row.addWidget(QLabel(LABELS["amount_unit"]))
        row.addWidget(self.amount_unit)
        row.addStretch(1)
        header.addRow(LABELS["year"], row)
        header.addRow(self.tr("评分规则"), self.profile)

        self.goal_edits: dict[str, QPlainTextEdit] = {}
        goals = self.goals_widget
        goals_layout = QGridLayout(goals)
        for column, (field, label) in enumerate(
            (("goals.expected", LABELS["expected"]), ("goals.actual", LABELS["actual_goals"]))
        ):
            goal = QPlainTextEdit(goals)
            goal.setObjectName(field.replace(".", "_"))
            goal.setUndoRedoEnabled(False)  # the document's stack undoes typing
            goal.setTabChangesFocus(True)
            goal.textChanged.connect(lambda f=field, e=goal: self._set(f, e.toPlainText()))
            self._watch(goal)
            goals_layout.addWidget(QLabel(label), 0, column)
            goals_layout.addWidget(goal, 1, column)
            self.goal_edits[field] = goal

        document.changed.connect(self._changed)
        self.refresh()

    def _watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self._undo_filter)

    def _set(self, field: str, value: object) -> None:
        if self._refreshing:
            return
        operations.set_value(self._document, path=None, field=field, value=value, merge=True)

    def _change_unit(self, unit: AmountUnit) -> None:
        """Switch 金额单位, offering to convert the amounts typed so far (exactly, undoably)."""
        form = self._document.form
        if self._refreshing or unit == form.amount_unit:
            return
        convert = False
        if amount_fields(form.funds):
            choice = dialogs.ask_convert_amounts(
                self.header_widget, form.amount_unit.value, unit.value
            )
            if choice == dialogs.ConvertChoice.CANCEL:
                self.refresh("amount_unit")
                return
            convert = choice == dialogs.ConvertChoice.CONVERT
        try:
            operations.change_amount_unit(self._document, unit=unit, convert=convert)
        except ValueError as error:
            dialogs.show_error(self.header_widget, self.tr("无法换算金额"), str(error))
            self.refresh("amount_unit")

    def refresh(self, field: str | None = None) -> None:
        """Show the model's values (all fields, or just ``field``)."""
        self._refreshing = True
        try:
            form = self._document.form
            for name, edit in self.line_edits.items():
                if field in (None, name) and edit.text() != getattr(form, name):
                    edit.setText(getattr(form, name))
            for name, goal in self.goal_edits.items():
                owner, attr = resolve_owner(form, None, name)
                text = getattr(owner, attr)
                if field in (None, name) and goal.toPlainText() != text:
                    goal.setPlainText(text)
            if field in (None, "year"):
                self.year.setValue(form.year)
            if field in (None, "scoring_profile"):
                self.profile.setCurrentIndex(self.profile.findData(form.scoring_profile))
            if field in (None, "amount_unit"):
                self.amount_unit.setCurrentIndex(self.amount_unit.findData(form.amount_unit))
        finally:
            self._refreshing = False

    def _changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.RESET, ChangeKind.VALUES):
            self.refresh()
        elif change.kind == ChangeKind.FIELD and change.path is None:
            self.refresh(change.field)

    def focus_field(self, field: str) -> bool:
        """Give the keyboard focus to the widget editing ``field``; False if none does."""
        widget: QWidget | None = self.line_edits.get(field) or self.goal_edits.get(field)
        if field == "year":
            widget = self.year
        elif field == "amount_unit":
            widget = self.amount_unit
        elif field == "scoring_profile":
            widget = self.profile
        if widget is None:
            return False
        widget.setFocus()
        return True
