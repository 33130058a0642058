"""Cell editors for the indicator and funds tables (delegates: no per-row widgets).

Number cells accept what Chinese users type (full-width digits, ``,`` separators). An
entry that is not a number is refused with an inline message under the cell, and the
typed text stays in the editor so nothing is lost.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from perfeval_gui.model.form import QualitativeGrade
from perfeval_gui.model.limits import max_length
from perfeval_gui.model.values import DecimalInputError
from perfeval_gui.ui import operations
from perfeval_gui.ui.indicator_model import FIELD_ROLE, IS_NUMBER_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex
_COMMIT_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab})


class NumberEdit(QLineEdit):
    """A line editor for a number cell, with a message label shown under it when refused."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("numberEdit")
        self.message = QLabel(parent)
        self.message.setObjectName("inputMessage")
        self.message.setStyleSheet(
            "QLabel { background: #fff0f0; color: #a00000; border: 1px solid #d08080;"
            " padding: 2px 4px; }"
        )
        self.message.hide()
        self.textEdited.connect(self._typing)
        self.destroyed.connect(self.message.deleteLater)

    def show_error(self, message: str) -> None:
        """Show ``message`` under the editor and mark the editor red."""
        self.setStyleSheet("QLineEdit { border: 2px solid #c00000; }")
        self.message.setText(message)
        self.message.adjustSize()
        below = self.geometry().bottomLeft() + QPoint(0, 2)
        self.message.move(below)
        self.message.raise_()
        self.message.show()

    def check(self) -> bool:
        """Validate the text; show the reason and return False when it is not a number."""
        try:
            operations.parse_number(self.text())
        except DecimalInputError as error:
            self.show_error(str(error))
            return False
        return True

    def _typing(self, _text: str) -> None:
        if self.message.isVisible():
            self.message.hide()
            self.setStyleSheet("")


class CellDelegate(QStyledItemDelegate):
    """Editors per cell kind: numbers, the qualitative grade chooser, plain text."""

    #: A number was refused on focus loss: (index, typed text, message); the view reopens it.
    input_refused = Signal(QPersistentModelIndex, str, str)
    #: Typed text went past the field's length limit: a message for the status bar.
    text_refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: tuple[QPersistentModelIndex, str, str] | None = None

    def has_refused_text(self) -> bool:
        """True while a refused number waits to be shown again in its reopened editor."""
        return self._pending is not None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        """Reimplements QStyledItemDelegate.createEditor."""
        if index.data(IS_NUMBER_ROLE):
            return NumberEdit(parent)
        if index.data(FIELD_ROLE) == "grade":
            combo = QComboBox(parent)
            combo.setObjectName("gradeChooser")
            combo.addItem(self.tr("（未选）"), None)
            for grade in QualitativeGrade:
                combo.addItem(grade.value, grade)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c))
            return combo
        editor = QLineEdit(parent)
        editor.setObjectName("textEdit")
        field = index.data(FIELD_ROLE)
        limit = max_length(field) if isinstance(field, str) else None
        if limit is not None:
            editor.setMaxLength(limit)
            message = self.tr("最多 {limit} 个字符，多出的部分未输入").format(limit=limit)
            editor.inputRejected.connect(lambda: self.text_refused.emit(message))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        """Reimplements QStyledItemDelegate.setEditorData (restoring refused text)."""
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setCurrentIndex(max(0, editor.findText(value)) if value else 0)
            return
        assert isinstance(editor, QLineEdit)
        pending, self._pending = self._pending, None
        if isinstance(editor, NumberEdit) and pending is not None and pending[0] == index:
            editor.setText(pending[1])
            QTimer.singleShot(0, lambda: editor.show_error(pending[2]))
            return
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        """Reimplements QStyledItemDelegate.setModelData: hand the converted value on."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        assert isinstance(editor, QLineEdit)
        if isinstance(editor, NumberEdit):
            try:
                value = operations.parse_number(editor.text())
            except DecimalInputError as error:
                self._pending = (QPersistentModelIndex(index), editor.text(), str(error))
                self.input_refused.emit(QPersistentModelIndex(index), editor.text(), str(error))
                return
            model.setData(index, value, Qt.ItemDataRole.EditRole)
            return
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """Reimplements QStyledItemDelegate.updateEditorGeometry: a readable minimum width."""
        rect = option.rect
        if isinstance(editor, QComboBox):
            rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        elif isinstance(editor, NumberEdit):
            # Narrow 分值/得分 columns: room for what is typed, e.g. １２，３４５.６
            rect.setWidth(max(rect.width(), editor.fontMetrics().horizontalAdvance("0" * 10)))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Reimplements QStyledItemDelegate.eventFilter: refuse to commit a bad number."""
        if (
            isinstance(editor, NumberEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _COMMIT_KEYS
            and not editor.check()
        ):
            return True
        return super().eventFilter(editor, event)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
