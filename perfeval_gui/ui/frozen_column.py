"""A first column that stays in view while a table scrolls sideways (Qt's "frozen column").

An overlay QTableView shares the table's model and selection model and shows only column 0
over the table's own; both scroll together vertically. Editing a cell of column 0 happens in
the overlay (where it can be seen); the keyboard stays with the table.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTableView,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class FrozenColumn(QTableView):
    """The overlay showing column 0 of ``table`` (objectName ``frozenColumn``)."""

    def __init__(self, table: QTableView, delegate: QAbstractItemDelegate) -> None:
        """``delegate``: this view's own (Qt's delegates must not be shared between views)."""
        super().__init__(table)
        self.setObjectName("frozenColumn")
        self._table = table
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setItemDelegate(delegate)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(table.editTriggers())  # edit() is called with the table's triggers
        self.setSelectionMode(table.selectionMode())
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setWordWrap(table.wordWrap())
        self.setTextElideMode(table.textElideMode())
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A line on the right shows where the frozen column ends.
        self.setStyleSheet("QTableView#frozenColumn { border-right: 1px solid palette(mid); }")
        table.viewport().stackUnder(self)
        table.horizontalHeader().sectionResized.connect(self._column_resized)
        table.verticalHeader().sectionResized.connect(self._row_resized)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        model = table.model()
        model.modelReset.connect(self.sync)
        model.rowsInserted.connect(self.sync)
        model.rowsRemoved.connect(self.sync)
        model.columnsInserted.connect(self.sync)
        self.sync()

    def sync(self, *_: object) -> None:
        """Show column 0 only, as wide and with rows as high as the table's."""
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column != 0)
        self.setColumnWidth(0, self._table.columnWidth(0))
        # Row heights follow one by one as the table sizes them (sectionResized); after a
        # reset both start from the same default.
        self.verticalHeader().setDefaultSectionSize(
            self._table.verticalHeader().defaultSectionSize()
        )
        self.update_geometry()
        # Without rows the table shows how to start: nothing may cover that text.
        self.setVisible(self.model().rowCount() > 0)

    def update_geometry(self) -> None:
        """Lie exactly over the table's column 0 (header included)."""
        table = self._table
        frame = table.frameWidth()
        left = frame + (table.verticalHeader().width() if table.verticalHeader().isVisible() else 0)
        self.setGeometry(
            left,
            frame,
            table.columnWidth(0),
            table.viewport().height() + table.horizontalHeader().height(),
        )
        self.horizontalHeader().setFixedHeight(table.horizontalHeader().height())

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.setColumnWidth(0, new)
            self.update_geometry()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        self.setRowHeight(row, new)

    # ------------------------------------------------------------ the keyboard stays outside
    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Reimplements QAbstractItemView.mousePressEvent: the table keeps the keyboard."""
        super().mousePressEvent(event)
        if self.state() != QAbstractItemView.State.EditingState:
            self._table.setFocus()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Reimplements QWidget.contextMenuEvent: the table's own menu."""
        self._table.setFocus()
        handler = getattr(self._table, "contextMenuEvent", None)
        if handler is not None:
            handler(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Reimplements QAbstractItemView.closeEditor: the table goes on from there.

        Tab must go on to the table's column 1, which this view does not show: the table
        makes every move after an edit here.
        """
        moves = (
            QAbstractItemDelegate.EndEditHint.EditNextItem,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem,
        )
        own = QAbstractItemDelegate.EndEditHint.NoHint if hint in moves else hint
        super().closeEditor(editor, own)
        self._table.setFocus()
        after = getattr(self._table, "after_frozen_edit", None)
        if after is not None:
            after(editor, hint)
