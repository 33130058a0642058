"""打印预览: the preview shows the renderer's PDF, and its options are undoable edits."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF
from PySide6.QtPdfWidgets import QPdfView

from perfeval_gui.model.form import Form
from perfeval_gui.render.pdf import render_pdf_bytes
from perfeval_gui.ui import print_preview
from perfeval_gui.ui.commands import SetValueCommand
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.operations import set_print_option
from perfeval_gui.ui.print_options import parse_signature_labels
from perfeval_gui.ui.print_preview import PrintPreviewDialog


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def document(qapp: Any, seed1_form: Form) -> Document:
    return Document(seed1_form)


@pytest.fixture
def dialog(qtbot: Any, document: Document) -> PrintPreviewDialog:
    dlg = PrintPreviewDialog(document)
    qtbot.addWidget(dlg)
    dlg.resize(1000, 700)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_preview_shows_every_page_the_renderer_makes(
    dialog: PrintPreviewDialog, document: Document, qtbot: Any
) -> None:
    expected = len(PdfReader(io.BytesIO(render_pdf_bytes([document.form]))).pages)
    assert dialog.pdf.pageCount() == expected
    assert dialog.view.document() is dialog.pdf
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage
    assert f"共 {expected} 页" in dialog.page_count_label.text()
    # Every page can be scrolled to in the one view.
    dialog.view.pageNavigator().jump(expected - 1, QPointF(), 0)
    qtbot.waitUntil(lambda: dialog.view.pageNavigator().currentPage() == expected - 1)
    assert dialog.view.verticalScrollBar().maximum() > 0


def test_preview_is_the_exact_pdf_of_the_form(
    dialog: PrintPreviewDialog, document: Document
) -> None:
    text = "\n".join(_pages(dialog.pdf_data))
    assert document.form.project_name in text
    assert _pages(dialog.pdf_data) == _pages(render_pdf_bytes([document.form]))


def test_first_page_number_change_rerenders_and_undoes(
    dialog: PrintPreviewDialog, document: Document, qtbot: Any
) -> None:
    dialog.first_page.setValue(12)
    assert document.form.print_options.first_page_number == 12
    assert document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: "- 12 -" in _pages(dialog.pdf_data)[0])
    document.undo_stack.undo()
    assert document.form.print_options.first_page_number == 1
    assert dialog.first_page.value() == 1
    qtbot.waitUntil(lambda: "- 1 -" in _pages(dialog.pdf_data)[0])
    assert document.undo_stack.isClean()


def test_typing_a_page_number_is_one_undo_step(
    dialog: PrintPreviewDialog, document: Document
) -> None:
    dialog.first_page.setValue(1)
    for value in (4, 41, 410):  # what typing "410" does to the spin box
        dialog.first_page.setValue(value)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.form.print_options.first_page_number == 1


def test_landscape_turns_the_pages(
    dialog: PrintPreviewDialog, document: Document, qtbot: Any
) -> None:
    dialog.landscape.setChecked(True)
    assert document.form.print_options.landscape
    qtbot.waitUntil(
        lambda: dialog.pdf.pagePointSize(0).width() > dialog.pdf.pagePointSize(0).height()
    )
    document.undo_stack.undo()
    assert not dialog.landscape.isChecked()
    qtbot.waitUntil(
        lambda: dialog.pdf.pagePointSize(0).width() < dialog.pdf.pagePointSize(0).height()
    )


def test_signature_block_and_its_labels(
    dialog: PrintPreviewDialog, document: Document, qtbot: Any
) -> None:
    assert not dialog.signature_labels.isEnabled()
    dialog.signature.setChecked(True)
    assert dialog.signature_labels.isEnabled()
    dialog.signature_labels.setText("编制人 / 审核人")
    dialog.signature_labels.editingFinished.emit()
    assert document.form.print_options.signature_labels == ["编制人", "审核人"]
    qtbot.waitUntil(lambda: "审核人" in _pages(dialog.pdf_data)[-1])
    assert document.undo_stack.count() == 2
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert not document.form.print_options.signature_block
    assert "填报人" in dialog.signature_labels.text()


def test_empty_signature_labels_are_refused(dialog: PrintPreviewDialog, document: Document) -> None:
    dialog.signature.setChecked(True)
    dialog.signature_labels.setText(" / ")
    dialog.signature_labels.editingFinished.emit()
    assert document.form.print_options.signature_labels == list(
        Form().print_options.signature_labels
    )
    assert "填报人" in dialog.signature_labels.text()


def test_unusable_font_is_reported_in_the_preview_and_undone(
    dialog: PrintPreviewDialog, document: Document, tmp_path: Path, monkeypatch: Any
) -> None:
    not_a_font = tmp_path / "坏字体.ttf"
    not_a_font.write_bytes(b"this is not a font")
    monkeypatch.setattr(
        print_preview.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(not_a_font), "")
    )
    dialog.choose_font.click()
    assert document.form.print_options.font_path == str(not_a_font)
    assert dialog.font_name.text() == "坏字体.ttf"
    assert not dialog.render_now()
    assert dialog.message.isVisibleTo(dialog)
    assert "无法生成预览" in dialog.message.text()
    assert not dialog.print_button.isEnabled()
    document.undo_stack.undo()
    assert dialog.render_now()
    assert not dialog.message.isVisibleTo(dialog)
    assert dialog.print_button.isEnabled()


def test_bundled_font_button_resets_the_font(
    dialog: PrintPreviewDialog, document: Document
) -> None:
    assert not dialog.bundled_font.isEnabled()
    set_print_option(document, field="font_path", value="/some/font.ttf")
    assert dialog.bundled_font.isEnabled()
    dialog.bundled_font.click()
    assert document.form.print_options.font_path is None
    assert "内置" in dialog.font_name.text()


def test_undo_all_option_changes_restores_the_form(document: Document, seed1_form: Form) -> None:
    original = seed1_form.model_copy(deep=True)
    set_print_option(document, field="first_page_number", value=4)
    set_print_option(document, field="signature_block", value=True)
    set_print_option(document, field="landscape", value=True)
    set_print_option(document, field="font_path", value="/x/simsun.ttc")
    assert not set_print_option(
        document, field="landscape", value=True
    )  # unchanged: nothing pushed
    assert document.undo_stack.count() == 4
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.form == original
    assert document.undo_stack.isClean()


def test_an_invalid_value_is_refused_before_anything_is_pushed(document: Document) -> None:
    with pytest.raises(ValueError, match="first_page_number"):
        set_print_option(document, field="first_page_number", value=-3)
    assert document.undo_stack.count() == 0


def test_typing_the_first_page_back_to_the_original_leaves_nothing_to_undo(
    document: Document,
) -> None:
    original = document.form.print_options.first_page_number
    for typed in (4, 41, 4, original):  # typing 4, 1, Backspace, then the old number again
        set_print_option(document, field="first_page_number", value=typed)
    assert document.form.print_options.first_page_number == original
    assert not document.undo_stack.canUndo()
    assert document.undo_stack.isClean()


def test_print_options_are_ordinary_field_steps(document: Document) -> None:
    # One undo path: the generic command, named from the glossary, merging only 起始页码.
    set_print_option(document, field="first_page_number", value=4)
    set_print_option(document, field="first_page_number", value=5)
    set_print_option(document, field="landscape", value=True)
    set_print_option(document, field="landscape", value=False)
    stack = document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "修改起始页码",
        "修改横向打印",
        "修改横向打印",
    ]
    assert all(isinstance(stack.command(i), SetValueCommand) for i in range(stack.count()))


def test_signature_labels_parse_both_slash_widths() -> None:
    assert parse_signature_labels("填报人／联系电话 /  / 填报日期") == [
        "填报人",
        "联系电话",
        "填报日期",
    ]


def test_open_print_preview_runs_the_dialog(document: Document, monkeypatch: Any) -> None:
    shown: list[int] = []

    def fake_exec(self: PrintPreviewDialog) -> int:
        shown.append(self.pdf.pageCount())
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    print_preview.open_print_preview(document, None)
    assert len(shown) == 1
    assert shown[0] >= 1


def test_export_from_the_preview_saves_the_current_options(
    dialog: PrintPreviewDialog, document: Document, tmp_path: Path, monkeypatch: Any
) -> None:
    from perfeval_gui.ui import printing

    target = tmp_path / "导出.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a, **_kw: target)
    dialog.first_page.setValue(9)  # clicked at once, before the preview re-renders
    assert dialog.export_pdf() == target
    assert "- 9 -" in _pages(target.read_bytes())[0]
    assert target.read_bytes() == dialog.pdf_data


def test_preview_undo_acts_on_print_options_only(
    qtbot: Any, document: Document, tmp_path: Path, monkeypatch: Any
) -> None:
    from perfeval_gui.ui import dialogs, operations, printing

    operations.set_value(document, path=None, field="project_name", value="看不见的修改")
    dialog = PrintPreviewDialog(document)
    qtbot.addWidget(dialog)
    # Nothing changed in the preview: its 撤销 must not undo the form edit behind it.
    assert not dialog.undo_action.isEnabled()
    dialog.undo_action.trigger()
    assert document.form.project_name == "看不见的修改"
    dialog.first_page.setValue(7)
    assert dialog.undo_action.isEnabled()
    dialog.undo_action.trigger()
    assert document.form.print_options.first_page_number == 1
    assert not dialog.undo_action.isEnabled()
    assert dialog.redo_action.isEnabled()
    dialog.redo_action.trigger()
    assert document.form.print_options.first_page_number == 7
    assert not dialog.redo_action.isEnabled()
    dialog.undo_action.trigger()
    dialog.undo_action.trigger()  # refused: the next step back is the form edit
    assert document.form.project_name == "看不见的修改"
    # An export from the preview is confirmed, naming the file.
    shown: list[Path] = []
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a, **_kw: tmp_path / "表.pdf")
    monkeypatch.setattr(dialogs, "show_exported", lambda _p, path: shown.append(path))
    assert dialog.export_pdf() == tmp_path / "表.pdf"
    assert shown == [tmp_path / "表.pdf"]
