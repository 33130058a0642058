"""Printing and 导出 PDF: paper gets the renderer's pages, files are written whole."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from perfeval_gui.model.form import Form
from perfeval_gui.ui import printing
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.operations import set_print_option


def _page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def document(qapp: Any, seed1_form: Form) -> Document:
    return Document(seed1_form)


@pytest.fixture
def long_document(qapp: Any, seed1_form: Form) -> Document:
    """Seed form 1 with its 三级 rows repeated, so it prints on several pages."""
    form = seed1_form.model_copy(deep=True)
    for level1 in form.level1:
        for level2 in level1.children:
            level2.indicators = [
                ind.model_copy(update={"name": f"{ind.name}{n}"})
                for n in range(4)
                for ind in level2.indicators
            ]
    return Document(form)


class FakePrintDialog:
    """Stands in for QPrintDialog: prints to a PDF file, optionally a page range."""

    calls: ClassVar[list[tuple[int, int]]] = []
    accept: ClassVar[bool] = True
    page_range: ClassVar[tuple[int, int] | None] = None

    def __init__(self, printer: QPrinter, _parent: Any = None) -> None:
        self._printer = printer
        self._range = (0, 0)

    def setWindowTitle(self, _title: str) -> None:
        pass

    def setMinMax(self, low: int, high: int) -> None:
        self._range = (low, high)

    def exec(self) -> int:
        FakePrintDialog.calls.append(self._range)
        if FakePrintDialog.page_range is not None:
            self._printer.setPrintRange(QPrinter.PrintRange.PageRange)
            self._printer.setFromTo(*FakePrintDialog.page_range)
        return QDialog.DialogCode.Accepted if FakePrintDialog.accept else 0


@pytest.fixture
def fake_print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """QPrintDialog answered without a window; the printer writes tmp_path/printed.pdf."""
    out = tmp_path / "printed.pdf"
    FakePrintDialog.calls = []
    FakePrintDialog.accept = True
    FakePrintDialog.page_range = None
    original_init = QPrinter.__init__

    def pdf_printer(self: QPrinter, *args: Any) -> None:
        original_init(self, *args)
        self.setResolution(120)  # rasterising at 600 dpi would only make the tests slow
        self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setOutputFileName(str(out))

    monkeypatch.setattr(QPrinter, "__init__", pdf_printer)
    monkeypatch.setattr("PySide6.QtPrintSupport.QPrintDialog", FakePrintDialog)
    return out


def test_printing_to_a_pdf_printer_prints_every_page(document: Document, tmp_path: Path) -> None:
    data = printing.render_form_pdf(document.form)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    pdf = printing.load_pdf(data)
    printed = printing.paint_pdf(pdf, printer, printing.selected_pages(printer, pdf.pageCount()))
    assert printed == _page_count(data)
    assert _page_count((tmp_path / "out.pdf").read_bytes()) == _page_count(data)


def test_print_document_goes_through_the_print_dialog(
    long_document: Document, fake_print_dialog: Path
) -> None:
    expected = _page_count(printing.render_form_pdf(long_document.form))
    assert expected >= 3
    assert printing.print_document(long_document, None)
    assert FakePrintDialog.calls == [(1, expected)]
    assert _page_count(fake_print_dialog.read_bytes()) == expected


def test_print_document_honours_the_page_range(
    long_document: Document, fake_print_dialog: Path
) -> None:
    FakePrintDialog.page_range = (2, 3)
    assert printing.print_document(long_document, None)
    assert _page_count(fake_print_dialog.read_bytes()) == 2


def test_printed_page_shows_the_page_content(document: Document, fake_print_dialog: Path) -> None:
    assert printing.print_document(document, None)
    reader = PdfReader(fake_print_dialog)
    page = reader.pages[0]
    # The page is an image of the rendered page, on A4 portrait paper.
    assert float(page.mediabox.width) < float(page.mediabox.height)
    assert page.images


def test_landscape_form_prints_on_landscape_paper(
    document: Document, fake_print_dialog: Path
) -> None:
    set_print_option(document, field="landscape", value=True)
    assert printing.print_document(document, None)
    page = PdfReader(fake_print_dialog).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_cancelled_print_dialog_prints_nothing(document: Document, fake_print_dialog: Path) -> None:
    FakePrintDialog.accept = False
    assert not printing.print_document(document, None)
    assert not fake_print_dialog.exists()


def test_unprintable_form_shows_the_reason(
    document: Document, fake_print_dialog: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(printing.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    bad_font = tmp_path / "bad.ttf"
    bad_font.write_bytes(b"no font")
    set_print_option(document, field="font_path", value=str(bad_font))
    assert not printing.print_document(document, None)
    assert len(warnings) == 1
    assert "Traceback" not in warnings[0]
    assert FakePrintDialog.calls == []


def test_selected_pages_clamps_the_range(qapp: Any) -> None:
    printer = QPrinter()
    assert printing.selected_pages(printer, 3) == [0, 1, 2]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 9)
    assert printing.selected_pages(printer, 3) == [1, 2]


def test_export_pdf_writes_the_file(
    document: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    proposed: list[str] = []

    def save_dialog(_parent: Any, default: str, _filter: str, suffix: str, **_kw: Any) -> Path:
        proposed.append(default)
        assert suffix == ".pdf"  # the dialog adds it, so an overwrite is asked about first
        return tmp_path / "自评表.pdf"

    monkeypatch.setattr(printing, "ask_save_path", save_dialog)
    path = printing.export_pdf(document, None)
    assert path == tmp_path / "自评表.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert _page_count(data) == _page_count(printing.render_form_pdf(document.form))
    assert Path(proposed[0]).name == "项目服务管理.pdf"


def test_export_pdf_default_name_sits_beside_the_pev(document: Document, tmp_path: Path) -> None:
    document.set_path(tmp_path / "a" / "form.pev")
    document.form.project_name = "A/B:项目?"
    assert printing.default_export_path(document) == tmp_path / "a" / "A B 项目.pdf"
    document.form.project_name = ""
    assert printing.default_export_path(document).name == "form.pdf"


def test_export_pdf_cancelled(document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a, **_kw: None)
    assert printing.export_pdf(document, None) is None


def test_export_pdf_error_is_shown_in_chinese(
    document: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "没有的文件夹" / "x.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a, **_kw: target)
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        printing.QMessageBox, "warning", lambda _p, title, text: warnings.append((title, text))
    )
    assert printing.export_pdf(document, None) is None
    assert warnings == [("无法导出 PDF", warnings[0][1])]
    assert "不存在" in warnings[0][1]
    assert not target.exists()
