"""Print and export a form: the very PDF the renderer makes, on paper or in a file.

Printing rasterises each PDF page with QtPdf at the printer's resolution and paints it on the
printer's page, so paper shows exactly what the preview and the exported PDF show (no second
layout engine). reportlab and QtPdf are imported here, on first use, to keep start-up lean.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from perfeval_gui.io.atomic import atomic_write_bytes
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.ui import dialogs
from perfeval_gui.ui.dialogs import ask_save_path

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from perfeval_gui.model.form import Form
    from perfeval_gui.ui.document import Document

#: Highest resolution pages are rasterised at; 600 dpi is beyond what office printers resolve.
MAX_PRINT_DPI = 600
#: Pages are rasterised in horizontal strips of this many pixels, so a 600 dpi A4 page never
#: needs one 130 MB image.
STRIP_HEIGHT = 1024
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class PrintError(Exception):
    """The form could not be turned into a PDF; ``str()`` is a Chinese reason."""


def render_form_pdf(form: Form) -> bytes:
    """The PDF of one form with its own print options (the renderer's defaults)."""
    from perfeval_gui.render.errors import RenderError  # noqa: PLC0415
    from perfeval_gui.render.pdf import render_pdf_bytes  # noqa: PLC0415

    try:
        return render_pdf_bytes([form])
    except RenderError as exc:
        raise PrintError(str(exc)) from exc
    except OSError as exc:  # a chosen font file that went away or cannot be read
        raise PrintError(f"无法读取打印所需的文件：{exc.strerror or exc}") from exc


def load_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument reading ``data`` from memory (the buffer is owned by the document)."""
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415

    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)  # QPdfDocument reads from the device for its whole life
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def selected_pages(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the user chose in the print dialog (all pages when no range)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return list(range(page_count))
    first = max(first, 1)
    last = min(last if last > 0 else page_count, page_count)
    return list(range(first - 1, last))


def paint_pdf(pdf: QPdfDocument, printer: QPrinter, pages: list[int]) -> int:
    """Paint ``pages`` of ``pdf`` onto ``printer``, one per sheet; the number painted."""
    from PySide6.QtGui import QPainter  # noqa: PLC0415
    from PySide6.QtPdf import QPdfDocumentRenderOptions  # noqa: PLC0415

    if not pages:
        return 0
    printer.setFullPage(True)  # the PDF carries its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("无法开始打印：打印机不可用或输出文件无法写入")
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for n, page in enumerate(pages):
            if n and not printer.newPage():
                raise PrintError("打印机拒绝了新的一页")
            points = pdf.pagePointSize(page)
            width = round(points.width() * dpi / 72)
            height = round(points.height() * dpi / 72)
            target = painter.viewport()
            scale = min(target.width() / width, target.height() / height)
            painter.save()
            painter.scale(scale, scale)
            for top in range(0, height, STRIP_HEIGHT):
                strip = min(STRIP_HEIGHT, height - top)
                options = QPdfDocumentRenderOptions()
                options.setScaledSize(QSize(width, height))
                options.setScaledClipRect(QRect(0, top, width, strip))
                image = pdf.render(page, QSize(width, strip), options)
                painter.drawImage(0, top, image)
            painter.restore()
    finally:
        painter.end()
    return len(pages)


def print_document(document: Document, parent: QWidget | None) -> bool:
    """Ask for a printer and pages, then print the form; False when cancelled or failed."""
    try:
        data = render_form_pdf(document.form)
    except PrintError as exc:
        QMessageBox.warning(parent, "无法打印", str(exc))
        return False
    return print_pdf_data(data, document, parent)


def print_pdf_data(data: bytes, document: Document, parent: QWidget | None) -> bool:
    """Print an already rendered PDF of ``document`` through the print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: PLC0415

    pdf = load_pdf(data)
    try:
        page_count = pdf.pageCount()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document_title(document))
        _match_orientation(printer, pdf)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            paint_pdf(pdf, printer, selected_pages(printer, page_count))
        except PrintError as exc:
            QMessageBox.warning(parent, "打印失败", str(exc))
            return False
        return True
    finally:
        pdf.close()
        pdf.deleteLater()


def _match_orientation(printer: QPrinter, pdf: QPdfDocument) -> None:
    """Give the printer A4 in the PDF's orientation, so landscape pages are not shrunk."""
    from PySide6.QtGui import QPageLayout, QPageSize  # noqa: PLC0415

    size = pdf.pagePointSize(0)
    landscape = size.width() > size.height()
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def document_title(document: Document) -> str:
    """The project name, or the file name, or a generic name: used for PDF and print jobs."""
    name = document.form.project_name.strip()
    if not name and document.path is not None:
        name = Path(document.path).stem
    name = _UNSAFE_FILENAME.sub(" ", name).strip(" .")
    return name or "绩效自评表"


def default_export_path(document: Document) -> Path:
    """Where 导出 PDF proposes to save: beside the .pev or in Documents, named after the project."""
    if document.path is not None:
        folder = Path(document.path).parent
    else:
        location = QStandardPaths.StandardLocation.DocumentsLocation
        folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    return folder / f"{document_title(document)}.pdf"


def export_pdf(
    document: Document, parent: QWidget | None, *, data: bytes | None = None
) -> Path | None:
    """Ask where to save and write the form's PDF atomically; the path, or None.

    ``data`` is the PDF already rendered (the preview's), so it is not rendered twice.
    """
    # The dialog adds ".pdf" itself, so replacing an existing PDF is asked about first.
    path = ask_save_path(
        parent, str(default_export_path(document)), "PDF 文件 (*.pdf)", ".pdf", title="导出 PDF"
    )
    if path is None:
        return None
    try:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            atomic_write_bytes(path, data or render_form_pdf(document.form), backup=False)
        finally:
            QApplication.restoreOverrideCursor()
    except (PrintError, FormFileError) as exc:
        QMessageBox.warning(parent, "无法导出 PDF", str(exc))
        return None
    dialogs.show_exported(parent, path)
    return path
