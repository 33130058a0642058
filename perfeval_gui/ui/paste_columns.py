"""Which 三级 field each column of a pasted block holds, from its header or its content.

Rows copied from the app's own Excel export (一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 |
得分 | 偏差原因…) or from another form's table start with the 一级/二级 columns the 三级 table
does not have; pasted as they are, every column would land one or two places off. A header
line names the columns (the importer's vocabulary: 年度指标值（A）, 指标分值, 自评得分 …); without
one, leading columns holding only 一级/二级 names are recognised by their content.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from perfeval_gui.model.glossary import LEVEL1_NAMES, LEVEL2_NAMES

#: The columns of the Excel export after 一级/二级, in order.
EXPORT_FIELDS: tuple[str, ...] = (
    "name",
    "target",
    "actual",
    "weight",
    "score",
    "deviation_note",
)
#: Headers of the editor's own table that the importer does not know.
_OWN_HEADERS = {"建议得分": "suggested_score", "完成等级": "grade"}


@dataclass(frozen=True)
class Columns:
    """The field of each pasted column (``None``: not pasted) and the lines holding data."""

    fields: tuple[str | None, ...]
    lines: list[list[str]]
    by_header: bool


def _normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).rstrip(":")


def _header_fields(line: Sequence[str]) -> list[str | None]:
    from perfeval_gui.io.xlsx_table import header_field  # noqa: PLC0415 - loads openpyxl

    fields: list[str | None] = []
    for cell in line:
        label = _normalise(cell)
        fields.append(_OWN_HEADERS.get(label) or (header_field(label) if label else None))
    return fields


def recognise_columns(
    lines: Sequence[Sequence[str]], level_names: Iterable[str] = ()
) -> Columns | None:
    """The columns of a pasted block, when its header line or its content says which.

    ``level_names``: 一级/二级 names of the open form (besides the standard catalogue).
    ``None`` when nothing is recognised: the block is pasted column by column as it is.
    """
    if not lines:
        return None
    header = _header_fields(lines[0])
    known = [f for f in header if f is not None]
    if (
        len(known) >= 2
        and len(set(known)) == len(known)
        and {"name", "target", "actual"} & set(known)
    ):
        return Columns(tuple(header), [list(line) for line in lines[1:]], by_header=True)
    names = {*LEVEL1_NAMES, *LEVEL2_NAMES, *(n for n in level_names if n)}
    width = max(len(line) for line in lines)
    leading = 0
    while leading < 2 and leading < width - 2:
        cells = [line[leading].strip() for line in lines if len(line) > leading]
        filled = [c for c in cells if c]
        if not filled or any(c not in names for c in filled):
            break
        leading += 1
    if leading == 0:
        return None
    fields = (*([None] * leading), *EXPORT_FIELDS)
    return Columns(tuple(fields[:width]), [list(line) for line in lines], by_header=False)
