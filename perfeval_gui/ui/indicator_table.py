"""The 三级 table view: spreadsheet keys, copy/paste with Excel/WPS, row insert/delete.

Typing starts editing, Enter and Tab commit and move on, F2 edits, Esc cancels, Delete
clears the selected cells. Copy and paste use tab-separated text, as Excel and WPS do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QWidget,
)

from perfeval_gui.model.form import Indicator
from perfeval_gui.model.glossary import field_label
from perfeval_gui.ui import operations, paste, paste_columns
from perfeval_gui.ui.document import Document, NodePath
from perfeval_gui.ui.indicator_model import IndicatorTableModel
from perfeval_gui.ui.operations import EDITABLE_INDICATOR_FIELDS, INDICATOR_FIELDS
from perfeval_gui.ui.sheet_view import SheetView

#: Text columns: their width in characters of the table's font; they wrap, rows grow.
_TEXT_WIDTHS = {
    "name": 11,
    "target_nature": 4,
    "target": 7,
    "target_unit": 4,
    "actual": 7,
    "grade": 7,
    "deviation_note": 14,
}
#: Number columns: as wide as their widest figure (or header), never cut.
_NUMBER_COLUMNS = ("weight", "score", "suggested_score")
#: A row grows to show this many lines of its longest text at most (the tooltip has it all).
_MAX_LINES = 12


class IndicatorTableView(SheetView):
    """The spreadsheet of 三级 rows (objectName ``indicatorTable``)."""

    def __init__(
        self, document: Document, model: IndicatorTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorTable")
        self._document = document
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        char = self.fontMetrics().horizontalAdvance("中")
        for field, chars in _TEXT_WIDTHS.items():
            self.setColumnWidth(INDICATOR_FIELDS.index(field), chars * char + 12)
        self._base_row_height = self.fontMetrics().height() + 10
        self.verticalHeader().setDefaultSectionSize(self._base_row_height)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.freeze_first_column()
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit_visible)
        self._fitted: set[int] = set()
        self._number_widths: dict[str, int] = {}
        model.modelReset.connect(self._fit_all)
        model.dataChanged.connect(self._data_changed)
        header.sectionResized.connect(lambda *_: self._refit_all())
        self.verticalScrollBar().valueChanged.connect(lambda *_: self._refit.start())
        self._fit_all()
        self.actions_by_name = self._make_actions()
        # Rows inserted, deleted or undone reset the model; the cursor stays where it was,
        # so the keyboard goes on from there instead of from nowhere.
        self._kept_cell: tuple[NodePath, int, int] | None = None
        model.modelAboutToBeReset.connect(self._remember_cell)
        model.modelReset.connect(self._restore_cell)
        self._show_template_columns()
        document.changed.connect(self._show_template_columns)

    def _show_template_columns(self, *_: object) -> None:
        """Show the split target columns (指标性质, 度量单位) only for a template that has them."""
        shown = set(operations.indicator_fields(self._document.form))
        for column, field in enumerate(INDICATOR_FIELDS):
            hidden = field not in shown
            if self.isColumnHidden(column) != hidden:
                self.setColumnHidden(column, hidden)

    # ------------------------------------------------------------ sizes
    # Rows are measured as they come into view (and again when their texts change), so a
    # form of 2,000 rows costs no more than the rows on screen: nothing unseen needs a size.
    def _fit_all(self) -> None:
        self._fitted.clear()
        self._number_widths = {}
        self._refit.start()

    def _refit_all(self) -> None:
        self._fitted.clear()
        self._refit.start()

    def _data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()
    ) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # colours and tooltips of findings change no size
        self._fitted.difference_update(range(top_left.row(), bottom_right.row() + 1))
        self._refit.start()

    def fit_visible(self) -> None:
        """Size the rows in view (and a screenful around them) not sized yet."""
        model = self.table_model()
        count = model.rowCount()
        if count == 0:
            return
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        first = 0 if first < 0 else first
        last = count - 1 if last < 0 else last
        span = last - first + 1
        rows = [
            r
            for r in range(max(0, first - span), min(count, last + span + 1))
            if r not in self._fitted
        ]
        if rows:
            self.fit_number_columns(rows)
            self.fit_rows(rows)
            self._fitted.update(rows)

    def fit_number_columns(self, rows: list[int]) -> None:
        """Widen 分值, 得分 and 建议得分 to the widest figure of ``rows``: never cut."""
        model = self.table_model()
        metrics = self.fontMetrics()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        for field in _NUMBER_COLUMNS:
            column = INDICATOR_FIELDS.index(field)
            widest = self._number_widths.get(field)
            if widest is None:
                title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                header = self.horizontalHeader().fontMetrics()
                widest = max(
                    header.horizontalAdvance(title) + 8, metrics.horizontalAdvance("00.00")
                )
            for row in rows:
                text = model.index(row, column).data() if field == "suggested_score" else None
                text = text if text is not None else model.display_text(row, field)
                if text:
                    widest = max(widest, metrics.horizontalAdvance(text))
            self._number_widths[field] = widest
            if self.columnWidth(column) != widest + padding:
                self.setColumnWidth(column, widest + padding)

    def fit_rows(self, rows: list[int]) -> None:
        """Make ``rows`` tall enough for their wrapped texts (at most ``_MAX_LINES`` lines)."""
        model = self.table_model()
        metrics = self.fontMetrics()
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4
        columns = [
            (field, self.columnWidth(column) - margin)
            for column, field in enumerate(INDICATOR_FIELDS)
            if field in _TEXT_WIDTHS and not self.isColumnHidden(column)
        ]
        tallest = metrics.lineSpacing() * _MAX_LINES + 10
        vertical = self.verticalHeader()
        for row in rows:
            height = self._base_row_height
            for field, width in columns:
                text = model.display_text(row, field)
                if not text or ("\n" not in text and metrics.horizontalAdvance(text) <= width):
                    continue
                box = metrics.boundingRect(
                    QRect(0, 0, max(width, 10), 1 << 20), Qt.TextFlag.TextWordWrap, text
                )
                height = max(height, min(box.height() + 10, tallest))
            if vertical.sectionSize(row) != height:
                vertical.resizeSection(row, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Reimplements QTableView.resizeEvent: rows that came into view get their size."""
        super().resizeEvent(event)
        self._refit.start()

    def table_model(self) -> IndicatorTableModel:
        """The view's model, typed."""
        model = self.model()
        assert isinstance(model, IndicatorTableModel)
        return model

    def _remember_cell(self) -> None:
        current = self.currentIndex()
        scope = self.table_model().scope
        self._kept_cell = (scope, current.row(), current.column()) if current.isValid() else None

    def _restore_cell(self) -> None:
        kept, self._kept_cell = self._kept_cell, None
        model = self.table_model()
        if kept is None or kept[0] != model.scope or model.rowCount() == 0:
            return
        self.setCurrentIndex(model.index(min(kept[1], model.rowCount() - 1), kept[2]))

    # ------------------------------------------------------------ actions
    def _make_actions(self) -> dict[str, QAction]:
        specs = (
            ("insert_row", self.tr("插入行"), QKeySequence(Qt.Key.Key_Insert), self.insert_row),
            ("delete_rows", self.tr("删除行"), QKeySequence("Ctrl+Delete"), self.delete_rows),
            ("cut", self.tr("剪切"), QKeySequence(QKeySequence.StandardKey.Cut), self.cut),
            ("copy", self.tr("复制"), QKeySequence(QKeySequence.StandardKey.Copy), self.copy),
            ("paste", self.tr("粘贴"), QKeySequence(QKeySequence.StandardKey.Paste), self.paste),
            ("clear", self.tr("清除内容"), QKeySequence(Qt.Key.Key_Delete), self.clear_cells),
        )
        actions: dict[str, QAction] = {}
        for name, text, shortcut, slot in specs:
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(
                f"{text}（{shortcut.toString(QKeySequence.SequenceFormat.NativeText)}）"
            )
            action.triggered.connect(slot)
            self.addAction(action)
            actions[name] = action
        return actions

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Reimplements QWidget.contextMenuEvent: the row and clipboard actions."""
        menu = QMenu(self)
        for name in ("insert_row", "delete_rows", None, "cut", "copy", "paste", "clear"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        menu.exec(event.globalPos())

    def insert_row(self) -> None:
        """Insert a 三级 row below the current one and edit its name.

        Without a current cell the row goes below the top row in view (or into the first
        二级 of an empty view), so it appears where the user is looking; the table scrolls to
        it in any case.
        """
        model = self.table_model()
        current = self.currentIndex()
        if not current.isValid() and model.rowCount():
            top = max(0, self.rowAt(0))
            current = model.index(top, 0)
        if current.isValid():
            path = model.path_at(current.row())
            parent, row = path[:2], path[2] + 1
        else:
            found = model.first_level2()
            if found is None:
                self.status_message.emit(self.tr("请先在左侧添加二级指标"))
                return
            parent, row = found, None
        self._add_row_at(parent, row, column=0, edit=True)

    def _add_row_at(self, parent: NodePath, row: int | None, *, column: int, edit: bool) -> None:
        model = self.table_model()
        new_path = operations.add_node(self._document, parent=parent, row=row, name="")
        new_row = model.row_of(new_path)
        if new_row is None:
            return
        index = model.index(new_row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        if edit:
            self.edit(index)

    def _move_down(self, *, by_enter: bool = False) -> None:
        """Enter on the last row adds a row below it, as in WPS tables (one undo step)."""
        current = self.currentIndex()
        model = self.table_model()
        if not by_enter or not current.isValid() or current.row() + 1 < model.rowCount():
            super()._move_down()
            return
        if self._row_is_blank(current.row()):
            self.status_message.emit(self.tr("最后一行还是空的：填写后按 Enter 再添加一行"))
            return
        path = model.path_at(current.row())
        column = current.column()
        # After the event: a cell editor may be closing, and adding a row resets the model.
        QTimer.singleShot(
            0, lambda: self._add_row_at(path[:2], path[2] + 1, column=column, edit=False)
        )

    def _row_is_blank(self, row: int) -> bool:
        indicator = self.table_model().indicator(row)
        return indicator == Indicator()

    def selected_paths(self) -> list[tuple[int, ...]]:
        """The 三级 rows touched by the selection."""
        model = self.table_model()
        rows = sorted({i.row() for i in self.selectedIndexes()})
        return [model.path_at(r) for r in rows]

    def delete_rows(self) -> None:
        """Delete the selected 三级 rows."""
        operations.delete_nodes(self._document, paths=self.selected_paths())

    def clear_cells(self, *, text: str = "") -> None:
        """Empty the selected cells (one undo step named ``text``, default 清除内容)."""
        model = self.table_model()
        cells = [
            (model.path_at(i.row()), INDICATOR_FIELDS[i.column()]) for i in self.selectedIndexes()
        ]
        operations.clear_cells(self._document, cells=cells, text=text)

    def cut(self) -> None:
        """Copy the selected block, then empty its cells (one undo step 剪切)."""
        self.copy()
        self.clear_cells(text=self.tr("剪切"))

    def copy(self) -> None:
        """Copy the selected block as tab-separated text."""
        indexes = self.selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.table_model()
        role = Qt.ItemDataRole.EditRole
        shown = [c for c in range(columns[0], columns[-1] + 1) if not self.isColumnHidden(c)]
        lines = [[str(model.index(r, c).data(role) or "") for c in shown] for r in rows]
        QGuiApplication.clipboard().setText(paste.to_tsv(lines))

    def paste(self) -> None:
        """Paste tab-separated text at the current cell; extra lines become new rows."""
        lines = paste.parse_tsv(QGuiApplication.clipboard().text())
        if not lines:
            return
        model = self.table_model()
        current = self.currentIndex()
        start_row = current.row() if current.isValid() else model.rowCount()
        start_column = current.column() if current.isValid() else 0
        form = self._document.form
        levels = [l1.name for l1 in form.level1] + [
            l2.name for l1 in form.level1 for l2 in l1.children
        ]
        # Rows from the Excel export (一级 | 二级 | 三级 | …) or with a header line: by column.
        columns = paste_columns.recognise_columns(lines, levels) if len(lines[0]) > 1 else None
        fields = None
        if columns is not None:
            fields, lines = columns.fields, columns.lines
            if not lines:
                return
        problems = operations.paste_rows(
            self._document,
            rows=model.rows()[start_row:],
            first_field=start_column,
            lines=lines,
            new_rows_parent=model.paste_parent(),
            fields=fields,
        )
        note = ""
        if fields is not None:
            labels = [field_label(f, 3) for f in fields if f in EDITABLE_INDICATOR_FIELDS]
            note = self.tr("（按列识别：{labels}）").format(labels="、".join(labels))
        if problems:
            self.status_message.emit(self.tr("部分单元格未粘贴：") + "；".join(problems) + note)
        else:
            self.status_message.emit(self.tr("已粘贴 {n} 行").format(n=len(lines)) + note)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Reimplements QTableView.paintEvent: say how to start when there are no rows."""
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                self.tr(
                    "这里还没有三级指标。在左侧选中一个二级指标，然后按 Insert 添加一行，"
                    "或从 Excel/WPS 复制若干行后按 Ctrl+V 粘贴。"
                ),
            )
            painter.end()
