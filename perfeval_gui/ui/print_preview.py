"""打印预览: the exact PDF the form prints as, beside its print options.

Every option change is one undo command on the document's stack (``ui/print_options.py``);
the preview follows the document, re-rendering in memory a moment after the last change, so
typing a page number renders once, not once per digit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.ui.commands import SetValueCommand
from perfeval_gui.ui.operations import is_print_option_step, set_print_option
from perfeval_gui.ui.print_options import (
    font_label,
    format_signature_labels,
    parse_signature_labels,
)
from perfeval_gui.ui.printing import (
    PrintError,
    export_pdf,
    print_document,
    print_pdf_data,
    render_form_pdf,
)

if TYPE_CHECKING:
    from perfeval_gui.ui.document import Document

#: What the editor's menu calls (printing lives in ``ui/printing.py``).
__all__ = ["PrintPreviewDialog", "export_pdf", "open_print_preview", "print_document"]

#: Quiet time after the last change before the preview re-renders.
RENDER_DELAY_MS = 200


class PrintPreviewDialog(QDialog):
    """The preview of ``document.form`` as printed, with its print options editable."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        # QtPdf is loaded with the first preview, not at start-up.
        from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415
        from PySide6.QtPdfWidgets import QPdfView  # noqa: PLC0415

        super().__init__(parent)
        self._document = document
        self._pdf_data = b""
        self._buffer: QBuffer | None = None
        self.setWindowTitle(f"打印预览 — {document.display_name()}")
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.page_count_label = QLabel(self)
        self._build_options()
        self._build_layout()
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self.render_now)
        document.changed.connect(self._on_document_changed)
        self._sync_options()
        self.render_now()
        self.view.setFocus()  # Page Up/Down scroll the pages at once

    # ------------------------------------------------------------------ building
    def _build_options(self) -> None:
        self.first_page = QSpinBox(self)
        self.first_page.setRange(0, 99999)
        self.first_page.setToolTip("页脚“- N -”的第一个页码；装订进报告时可从 4、10 等开始")
        self.first_page.valueChanged.connect(
            lambda value: set_print_option(self._document, field="first_page_number", value=value)
        )
        self.signature = QCheckBox("在表格下方打印签字栏", self)
        self.signature.toggled.connect(
            lambda on: set_print_option(self._document, field="signature_block", value=on)
        )
        self.signature_labels = QLineEdit(self)
        self.signature_labels.setToolTip("各栏文字，用“/”分隔")
        self.signature_labels.editingFinished.connect(self._commit_signature_labels)
        self.font_name = QLabel(self)
        self.font_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_font = QPushButton("选择字体文件(&F)…", self)
        self.choose_font.clicked.connect(self._choose_font)
        self.bundled_font = QPushButton("使用内置字体(&B)", self)
        self.bundled_font.clicked.connect(
            lambda: set_print_option(self._document, field="font_path", value=None)
        )
        self.landscape = QCheckBox("A4 横向打印", self)
        self.landscape.toggled.connect(
            lambda on: set_print_option(self._document, field="landscape", value=on)
        )

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("起始页码", self.first_page)
        form.addRow("签字栏", self.signature)
        form.addRow("签字栏文字", self.signature_labels)
        font_buttons = QHBoxLayout()
        font_buttons.addWidget(self.choose_font)
        font_buttons.addWidget(self.bundled_font)
        form.addRow("字体", self.font_name)
        form.addRow("", font_buttons)
        form.addRow("方向", self.landscape)
        history = QHBoxLayout()
        # 撤销/重做 here step through the print options changed in this preview only: form
        # edits cannot be seen here, so undoing them from here would be undoing blind.
        self._history_start = self._document.undo_stack.index()
        self.undo_action = QAction("撤销打印选项", self)
        self.redo_action = QAction("重做打印选项", self)
        for action, shortcut, step in (
            (self.undo_action, QKeySequence.StandardKey.Undo, self.undo_option),
            (self.redo_action, QKeySequence.StandardKey.Redo, self.redo_option),
        ):
            action.setShortcut(shortcut)
            action.triggered.connect(step)
            self.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            history.addWidget(button)
        self._document.undo_stack.indexChanged.connect(self._update_history)
        self._update_history()
        history.addStretch(1)
        options = QGroupBox("打印选项", self)
        options.setMinimumWidth(300)  # room for the signature labels line
        box = QVBoxLayout(options)
        box.addLayout(form)
        box.addLayout(history)
        box.addWidget(self.page_count_label)
        box.addWidget(self.message)
        box.addStretch(1)

        buttons = QDialogButtonBox(self)
        # Alt+P, Alt+E, Alt+C, as the letters in brackets say.
        self.print_button = buttons.addButton("打印(&P)…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton(
            "导出 PDF(&E)…", QDialogButtonBox.ButtonRole.ActionRole
        )
        close = buttons.addButton("关闭(&C)", QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_pdf)
        self.export_button.clicked.connect(self.export_pdf)
        close.clicked.connect(self.reject)

        main = QHBoxLayout()
        main.addWidget(self.view, 1)
        main.addWidget(options)
        outer = QVBoxLayout(self)
        outer.addLayout(main, 1)
        outer.addWidget(buttons)

    # ------------------------------------------------------------------ history
    def _option_command(self, index: int) -> SetValueCommand | None:
        stack = self._document.undo_stack
        if not 0 <= index < stack.count():
            return None
        command = stack.command(index)
        return command if is_print_option_step(command) else None  # type: ignore[return-value]

    def _can_undo_option(self) -> bool:
        stack = self._document.undo_stack
        index = stack.index()
        return index > self._history_start and self._option_command(index - 1) is not None

    def _can_redo_option(self) -> bool:
        stack = self._document.undo_stack
        index = stack.index()
        return index >= self._history_start and self._option_command(index) is not None

    def _update_history(self, *_: object) -> None:
        stack = self._document.undo_stack
        self.undo_action.setEnabled(self._can_undo_option())
        self.redo_action.setEnabled(self._can_redo_option())
        undo = self._option_command(stack.index() - 1) if self._can_undo_option() else None
        redo = self._option_command(stack.index()) if self._can_redo_option() else None
        self.undo_action.setToolTip(f"撤销：{undo.text()}" if undo else "没有可撤销的打印选项修改")
        self.redo_action.setToolTip(f"重做：{redo.text()}" if redo else "没有可重做的打印选项修改")

    def undo_option(self) -> None:
        """Undo the last print option changed in this preview (never a form edit)."""
        if self._can_undo_option():
            self._document.undo()

    def redo_option(self) -> None:
        """Redo a print option change undone in this preview."""
        if self._can_redo_option():
            self._document.redo()

    # ------------------------------------------------------------------ model → widgets
    def _sync_options(self) -> None:
        """Show the form's print options without pushing commands back."""
        options = self._document.form.print_options
        widgets = (self.first_page, self.signature, self.signature_labels, self.landscape)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.first_page.setValue(options.first_page_number)
            self.signature.setChecked(options.signature_block)
            self.signature_labels.setText(format_signature_labels(options.signature_labels))
            self.signature_labels.setCursorPosition(0)  # show the first labels, not the last
            self.landscape.setChecked(options.landscape)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.signature_labels.setEnabled(options.signature_block)
        self.font_name.setText(font_label(options.font_path))
        self.font_name.setToolTip(options.font_path or "")
        self.bundled_font.setEnabled(options.font_path is not None)

    def _on_document_changed(self, _change: object = None) -> None:
        self._sync_options()
        self._render_timer.start()

    # ------------------------------------------------------------------ actions
    def _commit_signature_labels(self) -> None:
        labels = parse_signature_labels(self.signature_labels.text())
        if not labels:  # an empty line would print an empty block: keep what was there
            self._sync_options()
            return
        set_print_option(self._document, field="signature_labels", value=labels)

    def _choose_font(self) -> None:
        current = self._document.form.print_options.font_path
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "选择打印字体",
            str(Path(current).parent) if current else "",
            "TrueType 字体 (*.ttf *.ttc)",
        )
        if chosen:
            set_print_option(self._document, field="font_path", value=chosen)

    def print_pdf(self) -> bool:
        """Print the PDF shown (the print dialog picks printer and pages)."""
        data = self._up_to_date_pdf()
        return bool(data) and print_pdf_data(data, self._document, self)

    def export_pdf(self) -> Path | None:
        """Save the PDF shown to a file the user picks."""
        data = self._up_to_date_pdf()
        return export_pdf(self._document, self, data=data) if data else None

    def _up_to_date_pdf(self) -> bytes:
        """The PDF of the form as it is now, even within the re-render delay."""
        if self._render_timer.isActive() and not self.render_now():
            return b""
        return self._pdf_data

    # ------------------------------------------------------------------ rendering
    def render_now(self) -> bool:
        """Render the form and show it; False (and a message) when it cannot be rendered."""
        self._render_timer.stop()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = render_form_pdf(self._document.form)
        except PrintError as exc:
            self.message.setText(f"无法生成预览：{exc}")
            self.message.show()
            self.print_button.setEnabled(False)
            self.export_button.setEnabled(False)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.message.hide()
        self.print_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self._show_pdf(data)
        return True

    def _show_pdf(self, data: bytes) -> None:
        """Load ``data`` into the view, keeping the scroll position."""
        scroll = self.view.verticalScrollBar().value()
        old = self._buffer
        buffer = QBuffer(self)  # QPdfDocument reads from it while the PDF is shown
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        self._buffer = buffer
        self._pdf_data = data
        if old is not None:
            old.close()
            old.deleteLater()
        self.view.verticalScrollBar().setValue(scroll)
        self.page_count_label.setText(f"共 {self.pdf.pageCount()} 页")

    @property
    def pdf_data(self) -> bytes:
        """The PDF currently shown."""
        return self._pdf_data


def open_print_preview(document: Document, parent: QWidget | None) -> None:
    """Show the print preview of ``document`` (modal) until the user closes it."""
    dialog = PrintPreviewDialog(document, parent)
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        dialog.resize(int(area.width() * 0.8), int(area.height() * 0.85))
    dialog.exec()
    dialog.deleteLater()
