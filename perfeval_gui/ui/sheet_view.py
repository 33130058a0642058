"""A table view that behaves like a spreadsheet: type to edit, Enter commits and moves down.

Shared by the 项目资金 table and the 三级 table. A number refused when the editor lost the
focus is opened again with the typed text and the reason, so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QTableView,
    QWidget,
)

from perfeval_gui.ui.delegates import CellDelegate
from perfeval_gui.ui.frozen_column import FrozenColumn


class SheetView(QTableView):
    """Spreadsheet keys on a QTableView, with the shared cell delegate."""

    #: A message for the status bar.
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell_delegate = CellDelegate(self)
        self.cell_delegate.input_refused.connect(self._reopen_refused)
        self.cell_delegate.text_refused.connect(self.status_message)
        self.setItemDelegate(self.cell_delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setWordWrap(False)
        self.frozen: FrozenColumn | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Reimplements QAbstractItemView.keyPressEvent: Enter moves down, as in Excel."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.state() != QAbstractItemView.State.EditingState
        ):
            self._move_down(by_enter=True)
            return
        super().keyPressEvent(event)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Reimplements QAbstractItemView.moveCursor: Tab and Shift+Tab skip computed cells.

        A fast typist tabs from 全年执行数 straight on to the next amount to type, instead of
        landing on 执行率 or 建议得分 where typing goes nowhere.
        """
        moves = {
            QAbstractItemView.CursorAction.MoveNext: 1,
            QAbstractItemView.CursorAction.MovePrevious: -1,
        }
        model = self.model()
        step = moves.get(action)
        total = model.rowCount() * model.columnCount() if model is not None else 0
        if step is None or total == 0:
            return super().moveCursor(action, modifiers)
        columns = model.columnCount()
        current = self.currentIndex()
        position = current.row() * columns + current.column() if current.isValid() else -1
        for _ in range(total):
            position = (position + step) % total
            index = model.index(position // columns, position % columns)
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                return index
        return super().moveCursor(action, modifiers)

    def keyboardSearch(self, search: str) -> None:
        """Reimplements QAbstractItemView.keyboardSearch: no type-ahead jumps in a sheet.

        Typing on a computed cell used to move the cursor to a row starting with the typed
        digit, and the next digit then overwrote that row's amount.
        """
        if search.strip():
            self.status_message.emit(self.tr("这个单元格不能输入（自动计算或不适用）"))

    # ------------------------------------------------------------ frozen first column
    def freeze_first_column(self) -> None:
        """Keep column 0 in view while scrolling sideways (an overlay; see frozen_column)."""
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        delegate = CellDelegate(self)
        delegate.input_refused.connect(self._reopen_refused)
        delegate.text_refused.connect(self.status_message)
        self.frozen = FrozenColumn(self, delegate)

    def state(self) -> QAbstractItemView.State:
        """Reimplements QAbstractItemView.state: editing in the frozen column is editing here."""
        own = super().state()
        editing = QAbstractItemView.State.EditingState
        if own == QAbstractItemView.State.NoState and self.frozen is not None:
            return editing if self.frozen.state() == editing else own
        return own

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Reimplements QTableView.resizeEvent: the frozen column follows."""
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.update_geometry()

    def updateGeometries(self) -> None:
        """Reimplements QTableView.updateGeometries: the frozen column follows the headers."""
        super().updateGeometries()
        if self.frozen is not None:
            self.frozen.update_geometry()

    def edit(self, index: QModelIndex, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        """Reimplements QAbstractItemView.edit: a frozen cell is edited where it is seen."""
        if trigger is None:
            trigger = QAbstractItemView.EditTrigger.AllEditTriggers
        if self.frozen is not None and index.isValid() and index.column() == 0:
            return bool(self.frozen.edit(index, trigger, event))
        return bool(super().edit(index, trigger, event))

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Reimplements QTableView.scrollTo: a cell is never left under the frozen column."""
        if self.frozen is None or not index.isValid() or index.column() > 0:
            super().scrollTo(index, hint)
        if self.frozen is not None and index.isValid() and index.column() > 0:
            hidden = self.frozen.width() - self.visualRect(index).left()
            if hidden > 0:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - hidden)
        elif self.frozen is not None and index.isValid():
            # Column 0 is always in view: only scroll up or down to its row.
            column = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(column)

    def after_frozen_edit(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """An edit in the frozen column ended with ``hint``: move on as after one here."""
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem):
            action = (
                QAbstractItemView.CursorAction.MoveNext
                if hint == hints.EditNextItem
                else QAbstractItemView.CursorAction.MovePrevious
            )
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if index.isValid():
                self.setCurrentIndex(index)
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.edit(index)
        elif hint == hints.SubmitModelCache:
            self._move_down(by_enter=not isinstance(editor, QComboBox))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Reimplements QAbstractItemView.closeEditor: after Enter, go to the next row."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # Enter in a text editor; a grade picked from its list moves on, adds nothing.
            self._move_down(by_enter=not isinstance(editor, QComboBox))

    def _move_down(self, *, by_enter: bool = False) -> None:
        """One row down; ``by_enter``: the Enter key did it (the 三级 table then may add a row)."""
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(current.siblingAtRow(current.row() + 1))

    def _reopen_refused(self, index: QPersistentModelIndex, _text: str, message: str) -> None:
        self.status_message.emit(message)

        def reopen() -> None:
            if index.isValid():
                target = self.model().index(index.row(), index.column())
                self.setCurrentIndex(target)
                self.edit(target)

        QTimer.singleShot(0, reopen)
