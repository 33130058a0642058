"""The operations every menu, toolbar, shortcut, context menu and delegate calls.

One function per user intent, keyword-only arguments, each pushing undo commands (one
macro for several rows), so there is exactly one code path per intent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from perfeval_gui.model.amount_units import amount_fields, convert_amount
from perfeval_gui.model.form import (
    AmountUnit,
    Form,
    Indicator,
    Level1,
    Level2,
    QualitativeGrade,
    UnknownGradeError,
    grade_from_text,
)
from perfeval_gui.model.formatting import format_score
from perfeval_gui.model.glossary import LEVEL1_CATALOGUE, LEVEL1_NAMES, LEVEL2_NAMES, field_label
from perfeval_gui.model.limits import max_length, too_long_message
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.values import DecimalInputError, parse_decimal_input
from perfeval_gui.ui.commands import (
    InsertNodeCommand,
    MoveNodeCommand,
    RemoveNodeCommand,
    SetValueCommand,
)
from perfeval_gui.ui.document import (
    Document,
    Node,
    NodePath,
    children_of,
    node_at,
    resolve_owner,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: The 三级 row fields, in the column order of the indicator table and of pasted text.
INDICATOR_FIELDS: tuple[str, ...] = (
    "name",
    "target_nature",  # split targets only (云南): hidden for one-text templates
    "target",
    "target_unit",  # split targets only
    "actual",
    "weight",
    "score",
    "suggested_score",  # derived: pasted text lands on it and is ignored
    "grade",
    "deviation_note",
)
NUMBER_FIELDS = frozenset({"weight", "score"})
SPLIT_TARGET_FIELDS = frozenset({"target_nature", "target_unit"})


def indicator_fields(form: Form) -> tuple[str, ...]:
    """The 三级 columns the form's template shows, in order (split target columns only when
    its template splits 年度指标值)."""
    if form_template(form).split_target:
        return INDICATOR_FIELDS
    return tuple(f for f in INDICATOR_FIELDS if f not in SPLIT_TARGET_FIELDS)


EDITABLE_INDICATOR_FIELDS = frozenset(INDICATOR_FIELDS) - {"suggested_score"}
_LEVEL_WORDS = {1: "一级指标", 2: "二级指标", 3: "三级指标"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


def label_of(field: str, path: NodePath | None = None) -> str:
    """The Chinese label of ``field`` of the node at ``path`` (``None``: the form itself)."""
    return field_label(field, 0 if path is None else len(path))


# ---------------------------------------------------------------- values
#: Print options typed digit by digit (the 起始页码 spin box): one undo step for the typing.
_TYPED_PRINT_OPTIONS = frozenset({"first_page_number"})
PRINT_OPTION_PREFIX = "print_options."


def set_value(
    document: Document, *, path: NodePath | None, field: str, value: Any, merge: bool = False
) -> bool:
    """Set one field; returns False (and pushes nothing) when the value is unchanged.

    A value the model refuses raises ``ValueError`` here, before anything is pushed: an
    exception must never escape an undo command, which Qt calls from C++.
    """
    owner, attr = resolve_owner(document.form, path, field)
    if getattr(owner, attr) == value:
        return False
    check_length(field, value, path)
    setattr(owner.model_copy(), attr, value)  # pydantic validates the assignment
    text = _tr("修改{label}").format(label=label_of(field, path))
    document.undo_stack.push(SetValueCommand(document, path, field, value, text=text, merge=merge))
    return True


def set_print_option(document: Document, *, field: str, value: Any) -> bool:
    """Set one print option (起始页码, 签字栏, 字体, 横向) as one undo step, like any field.

    Typing in 起始页码 merges into one step, and typing back the original number leaves
    nothing to undo. Returns False when unchanged; raises ``ValueError`` (nothing pushed)
    for a value the model refuses.
    """
    return set_value(
        document,
        path=None,
        field=PRINT_OPTION_PREFIX + field,
        value=value,
        merge=field in _TYPED_PRINT_OPTIONS,
    )


def is_print_option_step(command: QUndoCommand) -> bool:
    """Whether an undo step changes a print option (the print preview undoes only these)."""
    return isinstance(command, SetValueCommand) and command.field.startswith(PRINT_OPTION_PREFIX)


# ---------------------------------------------------------------- printing, paste
# Printing loads reportlab and QtPdf, and paste needs this module: both on first use.
def show_print_preview(document: Document, *, parent: QWidget | None) -> None:
    """文件 → 打印预览: the preview with its print options."""
    from perfeval_gui.ui.print_preview import open_print_preview  # noqa: PLC0415

    open_print_preview(document, parent)


def print_form(document: Document, *, parent: QWidget | None) -> bool:
    """文件 → 打印: the print dialog, then the form as printed pages."""
    from perfeval_gui.ui.printing import print_document  # noqa: PLC0415

    return print_document(document, parent)


def export_pdf(document: Document, *, parent: QWidget | None) -> Path | None:
    """文件 → 导出 PDF: a save dialog, then the PDF written atomically; the path, or None."""
    from perfeval_gui.ui.printing import export_pdf as export  # noqa: PLC0415

    return export(document, parent)


def paste_rows(
    document: Document,
    *,
    rows: Sequence[NodePath],
    first_field: int,
    lines: Sequence[Sequence[str]],
    new_rows_parent: NodePath | None,
    fields: Sequence[str | None] | None = None,
) -> list[str]:
    """Paste tab-separated text into 三级 rows as one undo step (``ui/paste.py``); returns a
    Chinese message for each refused cell."""
    from perfeval_gui.ui import paste  # noqa: PLC0415

    return paste.paste_rows(
        document,
        rows=rows,
        first_field=first_field,
        lines=lines,
        new_rows_parent=new_rows_parent,
        fields=fields,
    )


def paste_amounts(document: Document, *, cells: Sequence[tuple[str, str]]) -> list[str]:
    """Paste numbers into form-level number fields as one undo step (``ui/paste.py``)."""
    from perfeval_gui.ui import paste  # noqa: PLC0415

    return paste.paste_amounts(document, cells=cells)


def change_amount_unit(document: Document, *, unit: AmountUnit, convert: bool) -> bool:
    """Change 金额单位; with ``convert`` every amount is converted exactly, in one undo step.

    Raises ``ValueError`` (nothing pushed) when a converted amount would not fit the model.
    Returns False when the unit is already ``unit``.
    """
    old = document.form.amount_unit
    if old == unit:
        return False
    changes = (
        [
            (field, convert_amount(value, old, unit))
            for field, value in amount_fields(document.form.funds)
        ]
        if convert
        else []
    )
    for field, value in changes:  # all validated before anything is pushed
        owner, attr = resolve_owner(document.form, None, field)
        setattr(owner.model_copy(), attr, value)
    if not changes:
        return set_value(document, path=None, field="amount_unit", value=unit)
    text = _tr("金额单位改为{unit}（金额换算为{unit}）").format(unit=unit.value)
    with document.macro(text):
        for field, value in changes:
            set_value(document, path=None, field=field, value=value)
        set_value(document, path=None, field="amount_unit", value=unit)
    return True


class TextTooLongError(DecimalInputError):
    """A text longer than its field's limit (``model/limits.py``); ``str()`` is Chinese."""


def check_length(field: str, value: Any, path: NodePath | None = None) -> None:
    """Raise :class:`TextTooLongError` when ``value`` is longer than ``field`` may be."""
    if isinstance(value, dict):  # the template's text blocks
        for key, text in value.items():
            check_length(f"{field}.{key}", text)
        return
    limit = max_length(field)
    if isinstance(value, str) and limit is not None and len(value) > limit:
        label = label_of(field, path).removeprefix("texts.")
        raise TextTooLongError(too_long_message(label, len(value), limit))


def parse_number(text: str) -> Decimal | None:
    """A number as typed in a cell (blank → ``None``); raises ``DecimalInputError``."""
    if not text.strip():
        return None
    return parse_decimal_input(text)


def parse_grade(text: str) -> QualitativeGrade | None:
    """A grade as typed or pasted (``model.form.grade_from_text``: 达成/部分/未达 …)."""
    try:
        return grade_from_text(text)
    except UnknownGradeError as exc:
        raise DecimalInputError(str(exc)) from None


def indicator_value_from_text(field: str, text: str) -> Any:
    """Convert typed or pasted text for a 三级 field; raises ``DecimalInputError``."""
    check_length(field, text.strip() if field == "name" else text, (0, 0, 0))
    if field in NUMBER_FIELDS:
        return parse_number(text)
    if field == "grade":
        return parse_grade(text)
    return text.strip() if field == "name" else text


def clear_cells(
    document: Document, *, cells: Sequence[tuple[NodePath, str]], text: str = ""
) -> None:
    """Empty the given 三级 cells (Delete, or Ctrl+X after copying) as one undo step."""
    editable = [(p, f) for p, f in cells if f in EDITABLE_INDICATOR_FIELDS]
    if not editable:
        return
    with document.macro(text or _tr("清除内容")):
        for path, field in editable:
            empty = None if field in NUMBER_FIELDS or field == "grade" else ""
            set_value(document, path=path, field=field, value=empty)


# ---------------------------------------------------------------- nodes
def default_name(document: Document, parent: NodePath) -> str:
    """A name for a new child of ``parent``: the next unused catalogue name, or blank."""
    siblings = {node.name for node in children_of(document.form, parent)}
    if not parent:
        offered: Sequence[str] = LEVEL1_NAMES
    elif len(parent) == 1:
        l1_name = document.form.level1[parent[0]].name
        offered = LEVEL1_CATALOGUE.get(l1_name, LEVEL2_NAMES)
    else:
        return ""
    return next((name for name in offered if name not in siblings), "")


def add_node(
    document: Document, *, parent: NodePath, row: int | None = None, name: str | None = None
) -> NodePath:
    """Add a child to ``parent`` (``()`` adds a 一级) at ``row`` (default: last)."""
    siblings = children_of(document.form, parent)
    row = len(siblings) if row is None else row
    name = default_name(document, parent) if name is None else name
    node: Node
    if not parent:
        node, what = Level1(name=name), _tr("添加一级指标")
    elif len(parent) == 1:
        node, what = Level2(name=name), _tr("添加二级指标")
    else:
        node, what = Indicator(name=name), _tr("添加三级指标")
    document.undo_stack.push(InsertNodeCommand(document, parent, row, node, text=what))
    return (*parent, row)


def rename_node(document: Document, *, path: NodePath, name: str) -> bool:
    """Rename a 一级, 二级 or 三级 node."""
    return set_value(document, path=path, field="name", value=name.strip())


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting some nodes takes with it, in words a user checks before agreeing."""

    what: str  # 一级指标“产出指标”, or 3 项
    level2: int  # 二级 going with deleted 一级
    level3: int  # 三级 going with deleted 一级/二级
    weight: Decimal  # the 分值 of those 三级
    holds_others: bool  # a deleted 一级/二级 is not empty (then the user is asked first)

    def text(self) -> str:
        """删除一级指标“产出指标”（含 4 个二级指标、11 个三级指标，共 50 分）."""
        parts = []
        if self.level2:
            parts.append(_tr("{n} 个二级指标").format(n=self.level2))
        if self.level3:
            parts.append(_tr("{n} 个三级指标").format(n=self.level3))
        if not parts:
            return _tr("删除{what}").format(what=self.what)
        return _tr("删除{what}（含 {parts}，共 {weight} 分）").format(
            what=self.what, parts="、".join(parts), weight=format_score(self.weight)
        )


def _outermost(paths: Sequence[NodePath]) -> list[NodePath]:
    chosen = sorted(set(paths))
    return [p for p in chosen if not any(p[: len(q)] == q and p != q for q in chosen)]


def summarize_deletion(document: Document, *, paths: Sequence[NodePath]) -> DeletionSummary:
    """What :func:`delete_nodes` with ``paths`` would remove."""
    kept = _outermost(paths)
    level2 = 0
    rows: list[Indicator] = []
    for path in kept:
        node = node_at(document.form, path)
        if isinstance(node, Level1):
            level2 += len(node.children)
            rows.extend(ind for l2 in node.children for ind in l2.indicators)
        elif isinstance(node, Level2):
            rows.extend(node.indicators)
    weight = sum((r.weight for r in rows if r.weight is not None), Decimal(0))
    if len(kept) == 1:
        node = node_at(document.form, kept[0])
        kind = _tr(_LEVEL_WORDS[len(kept[0])])
        what = _tr("{kind}“{name}”").format(kind=kind, name=node.name) if node.name else kind
    else:
        what = _tr("{n} 项").format(n=len(kept))
    return DeletionSummary(what, level2, len(rows), weight, bool(level2 or rows))


def delete_nodes(document: Document, *, paths: Sequence[NodePath]) -> None:
    """Delete nodes (with their children) as one undo step, named by what it removes.

    Nodes inside another deleted node are skipped; the rest go from last to first so the
    paths stay valid while deleting.
    """
    kept = _outermost(paths)
    if not kept:
        return
    with document.macro(summarize_deletion(document, paths=kept).text()):
        for path in sorted(kept, reverse=True):
            document.undo_stack.push(RemoveNodeCommand(document, path, text=_tr("删除")))


def move_node(document: Document, *, path: NodePath, delta: int) -> NodePath | None:
    """Move a node up (``delta=-1``) or down (``+1``).

    Past the first or last of its siblings, a 二级 or 三级 moves on into the neighbouring
    parent (the end of the previous one, the start of the next one), as far as one exists.
    """
    parent = path[:-1]
    new_row = path[-1] + delta
    if 0 <= new_row < len(children_of(document.form, parent)):
        return move_node_to(document, path=path, new_parent=parent, new_row=new_row)
    if not parent:
        return None
    neighbour = _neighbour(document, parent, delta)
    if neighbour is None:
        return None
    row = len(children_of(document.form, neighbour)) if delta < 0 else 0
    return move_node_to(document, path=path, new_parent=neighbour, new_row=row)


def _neighbour(document: Document, parent: NodePath, delta: int) -> NodePath | None:
    """The parent node before (``delta<0``) or after ``parent`` on the same level."""
    uncles = children_of(document.form, parent[:-1])
    row = parent[-1] + (1 if delta > 0 else -1)
    if 0 <= row < len(uncles):
        return (*parent[:-1], row)
    if len(parent) == 2:  # a 三级 at the edge of its 一级: the next 一级's 二级, if any
        grand = _neighbour(document, parent[:-1], delta)
        while grand is not None:
            cousins = children_of(document.form, grand)
            if cousins:
                return (*grand, len(cousins) - 1 if delta < 0 else 0)
            grand = _neighbour(document, grand, delta)
    return None


def move_node_to(
    document: Document, *, path: NodePath, new_parent: NodePath, new_row: int
) -> NodePath | None:
    """Move a node to child ``new_row`` of ``new_parent`` (a parent one level up).

    ``new_row`` counts the destination's children after the node was taken out.
    Returns the new path, or ``None`` when the move is not possible or changes nothing.
    """
    if len(new_parent) != len(path) - 1:
        return None
    destination = children_of(document.form, new_parent)
    limit = len(destination) - (1 if new_parent == path[:-1] else 0)
    new_row = max(0, min(new_row, limit))
    if new_parent == path[:-1] and new_row == path[-1]:
        return None
    command = MoveNodeCommand(document, path, new_parent, new_row, text=_tr("移动"))
    document.undo_stack.push(command)
    return (*new_parent, new_row)
