"""Properties of printing over varied forms and option edits (hypothesis)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from perfeval_gui.model.form import Form
from perfeval_gui.ui import printing
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.operations import set_print_option
from tests.strategies import forms, texts

# One field per edit, with the values a user can give it in the preview.
_EDITS = st.one_of(
    st.tuples(st.just("first_page_number"), st.integers(min_value=0, max_value=99999)),
    st.tuples(st.just("signature_block"), st.booleans()),
    st.tuples(st.just("signature_labels"), st.lists(texts(8), min_size=1, max_size=5)),
    st.tuples(st.just("font_path"), st.none() | st.just("/fonts/simsun.ttc")),
    st.tuples(st.just("landscape"), st.booleans()),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=forms(max_level1=2, max_children=2, max_indicators=3), edits=st.lists(_EDITS))
def test_undoing_every_option_edit_restores_the_form(
    qapp: Any, form: Form, edits: list[tuple[str, Any]]
) -> None:
    document = Document(form.model_copy(deep=True))
    for field, value in edits:
        set_print_option(document, field=field, value=value)
        assert getattr(document.form.print_options, field) == value
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.form == form
    assert document.undo_stack.isClean()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=forms(max_level1=2, max_children=2, max_indicators=3))
def test_paper_gets_every_page_the_renderer_makes(
    qapp: Any, tmp_path_factory: Any, form: Form
) -> None:
    form.print_options.font_path = None  # the generated paths are not real fonts
    data = printing.render_form_pdf(form)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    out = Path(tmp_path_factory.mktemp("print")) / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pdf = printing.load_pdf(data)
    assert pdf.pageCount() == pages
    assert printing.paint_pdf(pdf, printer, printing.selected_pages(printer, pages)) == pages
    assert len(PdfReader(out).pages) == pages
