"""Undoable changes of how a form prints (起始页码, 签字栏, 字体, 横向).

One command per change: ``redo()`` and ``undo()`` each assign one whole, validated
:class:`PrintOptions` value, and the command keeps the old one. Typing in the 起始页码 box
merges into one command, so undo does not step through every digit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from perfeval_gui.model.form import PrintOptions

if TYPE_CHECKING:
    from perfeval_gui.ui.document import Document

#: Separator between signature labels in the one-line editor (as FORM-SPEC writes them).
LABEL_SEPARATOR = " / "

_FIELD_TEXT = {
    "first_page_number": "修改起始页码",
    "signature_block": "切换签字栏",
    "signature_labels": "修改签字栏文字",
    "font_path": "更换打印字体",
    "landscape": "切换横向打印",
}


class SetPrintOptionCommand(QUndoCommand):
    """Set one field of ``document.form.print_options``; undo restores the previous options."""

    #: Commands with the same id may merge (only 起始页码 typing does).
    MERGE_ID = 0x5045_5001

    def __init__(self, document: Document, field: str, value: Any) -> None:
        super().__init__(_FIELD_TEXT.get(field, "修改打印选项"))
        self._document = document
        self._field = field
        self._old = document.form.print_options
        # model_validate, not model_copy: a bad value fails here, before the stack holds it.
        self._new = PrintOptions.model_validate({**self._old.model_dump(), field: value})

    @property
    def field(self) -> str:
        """The :class:`PrintOptions` field this command changes."""
        return self._field

    def redo(self) -> None:  # reimplements QUndoCommand.redo
        self._apply(self._new)

    def undo(self) -> None:  # reimplements QUndoCommand.undo
        self._apply(self._old)

    def id(self) -> int:  # reimplements QUndoCommand.id
        return self.MERGE_ID if self._field == "first_page_number" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # reimplements QUndoCommand.mergeWith
        if not isinstance(other, SetPrintOptionCommand) or other.field != self._field:
            return False
        self._new = other._new
        return True

    def _apply(self, options: PrintOptions) -> None:
        self._document.set_value(None, "print_options", options)


def set_print_option(document: Document, field: str, value: Any) -> bool:
    """Push a command setting one print option; False when the value is already set."""
    if getattr(document.form.print_options, field) == value:
        return False
    document.undo_stack.push(SetPrintOptionCommand(document, field, value))
    return True


def parse_signature_labels(text: str) -> list[str]:
    """The labels typed in one line, separated by ``/`` (half- or full-width)."""
    parts = text.replace("／", "/").split("/")
    return [part.strip() for part in parts if part.strip()]


def format_signature_labels(labels: list[str]) -> str:
    """The labels as one line for editing."""
    return LABEL_SEPARATOR.join(labels)


def font_label(font_path: str | None) -> str:
    """How the chosen print font is named in the dialog."""
    if font_path is None:
        return "内置宋体（AR PL UMing CN）"
    return Path(font_path).name
