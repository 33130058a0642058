"""Header fields (项目名称, 主管部门, 实施单位, 年度, 金额单位, 表样, 评分规则), the two goal
texts and the template's extra texts (资金执行原因, 评价结论…), labelled in the template's words.

Each widget pushes a mergeable undo command as the user types, so a whole sentence is one
undo step, and follows the model back on undo/redo. The global Ctrl+Z/Ctrl+Y reach the
document's stack even while one of these widgets has the keyboard focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
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
from perfeval_gui.model.limits import max_length
from perfeval_gui.model.profiles import PROFILES
from perfeval_gui.model.template_catalog import form_template, templates
from perfeval_gui.ui import dialogs, operations, template_ops
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

    #: A message for the status bar (a text refused for its length).
    status_message = Signal(str)

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
        self.labels: dict[str, QLabel] = {}  # in the template's words
        header = QFormLayout(self.header_widget)
        self._header = header
        for field in ("project_name", "department", "implementing_unit", "funds_note"):
            edit = QLineEdit(self.header_widget)
            edit.setObjectName(field)
            edit.textEdited.connect(lambda text, f=field: self._set(f, text))
            edit.setMaxLength(max_length(field) or edit.maxLength())
            edit.inputRejected.connect(lambda f=field, e=edit: self._refused_length(f, e.text()))
            self._watch(edit)
            self.line_edits[field] = edit
            self.labels[field] = QLabel(LABELS[field], self.header_widget)
        header.addRow(self.labels["project_name"], self.line_edits["project_name"])
        units = QHBoxLayout()
        units.addWidget(self.line_edits["department"], 1)
        units.addWidget(self.labels["implementing_unit"])
        units.addWidget(self.line_edits["implementing_unit"], 1)
        header.addRow(self.labels["department"], units)

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
        self.template = QComboBox(self.header_widget)
        self.template.setObjectName("template")
        self.template.setToolTip(self.tr("各省份的自评表版本：栏目、资金来源、标准分值和打印版式"))
        for key, template in templates().items():
            self.template.addItem(template.name, key)
        self.template.activated.connect(self._template_chosen)
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addSpacing(24)
        row.addWidget(QLabel(LABELS["amount_unit"]))
        row.addWidget(self.amount_unit)
        row.addSpacing(24)
        row.addWidget(QLabel(self.tr("表样")))
        row.addWidget(self.template)
        row.addStretch(1)
        header.addRow(LABELS["year"], row)
        header.addRow(self.tr("评分规则"), self.profile)
        header.addRow(self.labels["funds_note"], self.line_edits["funds_note"])

        self.goal_edits: dict[str, QPlainTextEdit] = {}
        goals = self.goals_widget
        goals_layout = QGridLayout(goals)
        for column, (field, label) in enumerate(
            (("goals.expected", "expected"), ("goals.actual", "actual_goals"))
        ):
            goal = QPlainTextEdit(goals)
            goal.setObjectName(field.replace(".", "_"))
            goal.setUndoRedoEnabled(False)  # the document's stack undoes typing
            goal.setTabChangesFocus(True)
            goal.textChanged.connect(lambda f=field, e=goal: self._set(f, e.toPlainText()))
            self._watch(goal)
            self.labels[label] = QLabel(LABELS[label], goals)
            goals_layout.addWidget(self.labels[label], 0, column)
            goals_layout.addWidget(goal, 1, column)
            self.goal_edits[field] = goal
        # The template's extra text blocks (其他需要说明事项; 评价结论 / 存在问题 / 改进措施).
        self.block_edits: dict[str, QPlainTextEdit] = {}
        self._blocks_layout = goals_layout
        self._block_widgets: list[QWidget] = []
        self._blocks_shown: tuple[tuple[str, str], ...] = ()

        document.changed.connect(self._changed)
        self.refresh()

    def _watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self._undo_filter)

    def _set(self, field: str, value: object) -> None:
        if self._refreshing:
            return
        try:
            operations.set_value(self._document, path=None, field=field, value=value, merge=True)
        except operations.TextTooLongError as error:
            # A pasted novel is refused whole, with the reason; what was there stays.
            self.status_message.emit(str(error))
            self.refresh(field)

    def _refused_length(self, field: str, text: str) -> None:
        """A line edit at its limit refused more characters: say why."""
        limit = max_length(field) or len(text)
        label = operations.label_of(field)
        self.status_message.emit(
            self.tr("“{label}”最多 {limit} 个字符，多出的部分未输入").format(
                label=label, limit=limit
            )
        )

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

    def _template_chosen(self, index: int) -> None:
        key = self.template.itemData(index)
        parent = self.header_widget.window()
        template_ops.choose_template(parent, self._document, key=key)
        self.refresh("template")  # declined: show the form's template again

    def _set_texts(self, key: str, text: str) -> None:
        texts = dict(self._document.form.texts)
        texts[key] = text
        if not text:
            texts.pop(key, None)
        self._set("texts", texts)

    def _show_template(self) -> None:
        """Labels in the template's words; its 原因 field and text blocks, and only those."""
        template = form_template(self._document.form)
        for name, label in self.labels.items():
            label.setText(
                template.funds_reason_label or "" if name == "funds_note" else template.label(name)
            )
        has_reason = template.funds_reason_label is not None
        self._header.setRowVisible(self.line_edits["funds_note"], has_reason)
        blocks = tuple((b.key, b.label) for b in template.blocks)
        if blocks == self._blocks_shown:
            return
        for widget in self._block_widgets:
            widget.setParent(None)
            widget.deleteLater()
        self._block_widgets, self.block_edits = [], {}
        for n, (key, block_label) in enumerate(blocks):
            title = QLabel(block_label, self.goals_widget)
            block = QPlainTextEdit(self.goals_widget)
            block.setObjectName(f"texts_{key}")
            block.setUndoRedoEnabled(False)
            block.setTabChangesFocus(True)
            block.setMaximumHeight(block.fontMetrics().lineSpacing() * 4 + 12)
            block.textChanged.connect(lambda k=key, e=block: self._set_texts(k, e.toPlainText()))
            self._watch(block)
            self._blocks_layout.addWidget(title, 2 + 2 * n, 0, 1, 2)
            self._blocks_layout.addWidget(block, 3 + 2 * n, 0, 1, 2)
            self._block_widgets += [title, block]
            self.block_edits[key] = block
        self._blocks_shown = blocks

    def refresh(self, field: str | None = None) -> None:
        """Show the model's values (all fields, or just ``field``)."""
        self._refreshing = True
        try:
            form = self._document.form
            if field in (None, "template"):
                self._show_template()
                self.template.setCurrentIndex(self.template.findData(form.template))
            for key, block in self.block_edits.items():
                text = form.texts.get(key, "")
                if field in (None, "texts") and block.toPlainText() != text:
                    block.setPlainText(text)
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
        if field.startswith("texts."):
            widget = self.block_edits.get(field.removeprefix("texts."))
        elif field == "template":
            widget = self.template
        elif field == "year":
            widget = self.year
        elif field == "amount_unit":
            widget = self.amount_unit
        elif field == "scoring_profile":
            widget = self.profile
        if widget is None:
            return False
        widget.setFocus()
        return True
