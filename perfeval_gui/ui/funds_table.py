"""The 项目资金 table view: spreadsheet keys, and copy/paste of amounts with Excel/WPS."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QStyle, QWidget

from perfeval_gui.ui import operations, paste
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.funds_model import FundsTableModel, field_of
from perfeval_gui.ui.sheet_view import SheetView


class FundsTableView(SheetView):
    """Four fund rows × amounts, 分值, 执行率, 得分 (objectName ``fundsTable``)."""

    def __init__(self, document: Document, model: FundsTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fundsTable")
        self._document = document
        self.setModel(model)
        # Amounts are never cut to "9,677,800...": each column is as wide as its widest text
        # and the table scrolls sideways when the window is narrower than that.
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self._row_height = self.fontMetrics().height() + 10
        vertical = self.verticalHeader()
        # Fixed sizes: sizing to contents would read every cell again after each edit.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self._row_height)
        vertical.setMinimumWidth(self.fontMetrics().horizontalAdvance("其中：当年财政拨款") + 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.horizontalScrollBar().rangeChanged.connect(self._fit_height)
        model.dataChanged.connect(self.fit_columns)
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()
        for key, slot in (
            (QKeySequence(QKeySequence.StandardKey.Cut), self.cut),
            (QKeySequence(QKeySequence.StandardKey.Copy), self.copy),
            (QKeySequence(QKeySequence.StandardKey.Paste), self.paste),
            (QKeySequence(Qt.Key.Key_Delete), self.clear_cells),  # as in the 三级 table
        ):
            action = QAction(self)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def fit_columns(self, *_: object) -> None:
        """Make every column as wide as its widest text (header or cell), never narrower."""
        model = self.model()
        metrics = self.fontMetrics()
        header_metrics = self.horizontalHeader().fontMetrics()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 14
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = header_metrics.horizontalAdvance(title) + 8
            for row in range(model.rowCount()):
                text = str(model.index(row, column).data() or "")
                widest = max(widest, metrics.horizontalAdvance(text))
            width = max(widest + padding, metrics.horizontalAdvance("0" * 8) + padding)
            if self.columnWidth(column) != width:
                self.setColumnWidth(column, width)
        self._fit_height()

    def _fit_height(self, *_: object) -> None:
        """The header and the four rows, plus the sideways scroll bar when it is shown."""
        bar = self.horizontalScrollBar()
        extra = bar.sizeHint().height() if bar.maximum() > 0 else 0
        height = (
            self.horizontalHeader().sizeHint().height()
            + self._row_height * self.model().rowCount()
            + 2 * self.frameWidth()
            + extra
        )
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def copy(self) -> None:
        """Copy the selected block as tab-separated text (amounts without separators)."""
        indexes = self.selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.model()
        lines = []
        for row in rows:
            line = []
            for column in range(columns[0], columns[-1] + 1):
                index = model.index(row, column)
                if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    line.append(str(index.data(Qt.ItemDataRole.EditRole) or ""))
                else:  # computed: what is shown, without the placeholder dash
                    line.append(str(index.data() or "").replace("—", ""))
            lines.append(line)
        QGuiApplication.clipboard().setText(paste.to_tsv(lines))

    def cut(self) -> None:
        """Copy the selected block, then empty its amounts (one undo step 剪切)."""
        self.copy()
        self.clear_cells(text=self.tr("剪切"))

    def clear_cells(self, *, text: str = "") -> None:
        """Empty the selected amounts, as one undo step (the budget 分值 stays: it is required)."""
        model = self.model()
        fields = [
            field_of(self._document.form, index.row(), index.column())
            for index in self.selectedIndexes()
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable
        ]
        amounts = [field for field in fields if field is not None and field != "budget_weight"]
        if not amounts:
            return
        with self._document.macro(text or self.tr("清除内容")):
            for field in amounts:
                operations.set_value(self._document, path=None, field=field, value=None)

    def paste(self) -> None:
        """Paste numbers at the current cell; read-only cells (totals, 执行率) are skipped."""
        lines = paste.parse_tsv(QGuiApplication.clipboard().text())
        current = self.currentIndex()
        if not lines or not current.isValid():
            return
        model = self.model()
        cells: list[tuple[str, str]] = []
        for r, line in enumerate(lines):
            for c, text in enumerate(line):
                index = model.index(current.row() + r, current.column() + c)
                field = (
                    field_of(self._document.form, index.row(), index.column())
                    if index.isValid()
                    else None
                )
                if field is not None and model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    cells.append((field, text))
        problems = operations.paste_amounts(self._document, cells=cells)
        if problems:
            self.status_message.emit(self.tr("部分数字未粘贴：") + "；".join(problems))
