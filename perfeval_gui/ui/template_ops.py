"""Moving the open form to another template (表样): one undo step, asked about first.

The conversion itself is the model's (:func:`~perfeval_gui.model.template_switch.switch_template`);
here it becomes undo commands, one per changed value, in one macro, so 撤销 brings the old
template and every value back at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from perfeval_gui.model.form import FundColumn, FundRow
from perfeval_gui.model.template_catalog import get_template
from perfeval_gui.model.template_switch import switch_template
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Document

_ROW_FIELDS = ("target_nature", "target", "target_unit")
_FORM_FIELDS = ("funds_note", "texts", "budget_weight", "title")


def _tr(text: str) -> str:
    return QCoreApplication.translate("template_ops", text)


def template_notes(document: Document, *, key: str) -> list[str]:
    """What moving the form to template ``key`` would move or clear (Chinese)."""
    return switch_template(document.form, get_template(key))[1]


def set_template(document: Document, *, key: str) -> bool:
    """Move the form to template ``key`` as one undo step; False when it already has it."""
    form = document.form
    if form.template == key:
        return False
    template = get_template(key)
    new, _ = switch_template(form, template)
    with document.macro(_tr("改用“{name}”表样").format(name=template.name)):
        for (i, j, k, *_, old), (*_, ind) in zip(
            form.iter_indicators(), new.iter_indicators(), strict=True
        ):
            for field in _ROW_FIELDS:
                value = getattr(ind, field)
                if getattr(old, field) != value:
                    operations.set_value(document, path=(i, j, k), field=field, value=value)
        for row in FundRow:
            for column in FundColumn:
                value = getattr(getattr(new.funds, row.value), column.value)
                field = f"funds.{row.value}.{column.value}"
                operations.set_value(document, path=None, field=field, value=value)
        for field in _FORM_FIELDS:
            operations.set_value(document, path=None, field=field, value=getattr(new, field))
        labels = list(new.print_options.signature_labels)
        operations.set_value(
            document, path=None, field="print_options.signature_labels", value=labels
        )
        operations.set_value(document, path=None, field="template", value=key)
    return True


def choose_template(parent: QWidget, document: Document, *, key: str) -> bool:
    """Ask before a switch that moves or clears anything, then switch; False if declined."""
    if document.form.template == key:
        return False
    notes = template_notes(document, key=key)
    if notes:
        name = get_template(key).name
        answer = QMessageBox.question(
            parent,
            _tr("改用其他表样"),
            _tr("改用“{name}”表样时：\n\n{notes}\n\n可以用“撤销”恢复。是否继续？").format(
                name=name, notes="\n".join(f"· {n}" for n in notes)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    return set_template(document, key=key)
