"""Paste from Excel/WPS and copy back: tab-separated text and the paste operations.

Excel and WPS put a copied block on the clipboard as tab-separated lines, quoting cells
that hold tabs, line breaks or quotes. Each paste is one undo step and one refresh.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from perfeval_gui.model.values import DecimalInputError
from perfeval_gui.ui.document import Document, NodePath
from perfeval_gui.ui.operations import (
    EDITABLE_INDICATOR_FIELDS,
    INDICATOR_FIELDS,
    TextTooLongError,
    add_node,
    indicator_fields,
    indicator_value_from_text,
    label_of,
    parse_number,
    set_value,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("paste", text)


def paste_rows(
    document: Document,
    *,
    rows: Sequence[NodePath],
    first_field: int,
    lines: Sequence[Sequence[str]],
    new_rows_parent: NodePath | None,
    fields: Sequence[str | None] | None = None,
) -> list[str]:
    """Paste tab-separated text into 三级 rows, as one undo step.

    Line ``n`` goes to ``rows[n]``; lines beyond the given rows create new 三级 rows at the
    end of ``new_rows_parent`` (a 二级). Cells go to consecutive columns from
    ``first_field`` (an index into :data:`INDICATOR_FIELDS`); derived columns are skipped.
    ``fields``, when given, names the field of each pasted column instead (``None``: skip),
    as :mod:`paste_columns` recognised them. Returns a Chinese message for each cell that
    was refused.
    """
    if not lines:
        return []
    with document.macro(_tr("粘贴 {n} 行").format(n=len(lines))):
        return _paste_lines(
            document,
            rows,
            lines,
            first_field=first_field,
            fields=fields,
            new_rows_parent=new_rows_parent,
        )


def _paste_lines(
    document: Document,
    rows: Sequence[NodePath],
    lines: Sequence[Sequence[str]],
    *,
    first_field: int,
    fields: Sequence[str | None] | None,
    new_rows_parent: NodePath | None,
) -> list[str]:
    problems: list[str] = []
    targets = list(rows)
    for line_no, cells in enumerate(lines):
        if line_no < len(targets):
            path = targets[line_no]
        elif new_rows_parent is not None and len(new_rows_parent) == 2:
            path = add_node(document, parent=new_rows_parent, name="")
        else:
            problems.append(_tr("第 {n} 行没有可粘贴的位置").format(n=line_no + 1))
            continue
        if fields is None:
            visible = indicator_fields(document.form)  # hidden split-target columns skipped
            first = (
                INDICATOR_FIELDS[first_field] if 0 <= first_field < len(INDICATOR_FIELDS) else ""
            )
            start = visible.index(first) if first in visible else 0
            columns: Sequence[str | None] = visible
        else:  # recognised by header or content: each column names its field
            start, columns = 0, fields
        for offset, text in enumerate(cells):
            column = start + offset
            if column >= len(columns):
                break
            field = columns[column]
            if field not in EDITABLE_INDICATOR_FIELDS:
                continue
            try:
                value = indicator_value_from_text(field, text)
            except TextTooLongError as error:  # names its field itself
                problems.append(_tr("第 {n} 行{error}").format(n=line_no + 1, error=error))
                continue
            except DecimalInputError as error:
                problems.append(
                    _tr("第 {n} 行“{label}”：{error}").format(
                        n=line_no + 1, label=label_of(field), error=error
                    )
                )
                continue
            set_value(document, path=path, field=field, value=value)
    return problems


def parse_tsv(text: str) -> list[list[str]]:
    """Split clipboard text from Excel/WPS into lines of cells (quoted cells unquoted).

    A quote that does not enclose a whole cell (``"优秀"评价``, or one never closed) is
    plain text, so it cannot swallow the rest of the clipboard into one cell.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if not text:
        return []
    lines: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        quoted = _quoted_cell(text, i) if char == '"' and not cell else None
        if quoted is not None:
            cell.append(quoted[0])  # Excel quotes cells holding line breaks or tabs
            i = quoted[1]
            continue
        if char == "\t":
            row.append("".join(cell))
            cell = []
        elif char == "\n":
            row.append("".join(cell))
            lines.append(row)
            row, cell = [], []
        else:
            cell.append(char)
        i += 1
    row.append("".join(cell))
    lines.append(row)
    return lines


def _quoted_cell(text: str, start: int) -> tuple[str, int] | None:
    """The cell quoted from ``start`` and the index after it; None if it is not quoted."""
    cell: list[str] = []
    i = start + 1
    while i < len(text):
        if text[i] != '"':
            cell.append(text[i])
            i += 1
        elif text[i + 1 : i + 2] == '"':
            cell.append('"')
            i += 2
        elif i + 1 == len(text) or text[i + 1] in "\t\n":
            return "".join(cell), i + 1
        else:
            return None
    return None


def to_tsv(lines: Sequence[Sequence[str]]) -> str:
    """Tab-separated text as Excel writes it (cells with tabs, breaks or quotes quoted)."""

    def quote(cell: str) -> str:
        if any(ch in cell for ch in '\t\n\r"'):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return "\n".join("\t".join(quote(c) for c in line) for line in lines) + "\n"


def paste_amounts(document: Document, *, cells: Sequence[tuple[str, str]]) -> list[str]:
    """Paste numbers into form-level number fields (``funds.<row>.<column>``, ...), one step.

    ``cells`` pairs a field with the pasted text; text that is not a number is refused and
    named in the returned Chinese messages.
    """
    problems: list[str] = []
    with document.macro(_tr("粘贴 {n} 个数").format(n=len(cells))):
        for field, text in cells:
            try:
                value = parse_number(text)
            except DecimalInputError as error:
                problems.append(
                    _tr("“{label}”：{error}").format(label=label_of(field), error=error)
                )
                continue
            if value is None and field == "budget_weight":
                continue  # the budget row always has a 分值
            set_value(document, path=None, field=field, value=value)
    return problems
