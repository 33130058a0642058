"""What every reviewer check shares: severities, the finding record, row names for messages."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from perfeval_gui.model.form import Indicator, Level1, Level2
from perfeval_gui.model.formatting import format_score, format_score_as_typed
from perfeval_gui.model.rounding import PRINTED_PLACES, decimal_places


class Severity(StrEnum):
    """How bad a finding is; errors make the form wrong, warnings need a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Sort key: errors first within a row.
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One problem a reviewer would point at, with where to jump to fix it.

    ``field`` is an ``Indicator`` attribute, a header field, ``funds.<row>.<column>``,
    ``budget_weight``, ``goals.expected``/``goals.actual``, ``level1.weight``, ``level1.name``,
    ``level2.name``, ``scoring_profile`` or ``weight_total``. ``path`` is ``(i,)`` for a 一级,
    ``(i, j)`` for a 二级, ``(i, j, k)`` for a 三级 row, ``None`` for a form-level field.
    """

    severity: Severity
    code: str  # stable, kebab-case
    message: str  # Chinese, names the row and field
    field: str
    indicator: str | None = None  # the 三级 name
    path: tuple[int, ...] | None = None


# Notes that say nothing: 无, 无。, /, -, —, 暂无, 无偏差, N/A …
_EMPTY_NOTES = frozenset(
    {"", "无", "暂无", "没有", "无偏差", "无偏差原因", "无偏差无改进", "不适用", "空", "略", "无无",
     "na", "none", "nil", "null"}
)  # fmt: skip
_NON_WORD = re.compile(r"[\W_]+")


def is_blank_note(note: str) -> bool:
    """Whether a 偏差原因分析 note explains nothing (empty, ``无``, ``/``, ``暂无`` …)."""
    key = _NON_WORD.sub("", unicodedata.normalize("NFKC", note)).lower()
    return key in _EMPTY_NOTES


#: A blank template's placeholder in a name cell: ``指标1``, ``三级指标2``, ``……``, ``...``.
_PLACEHOLDER_NAME = re.compile(r"(?:[一二三]级)?指标\s*[0-9０-９]+|[.…。·、\-—_]+")


def is_placeholder_name(name: str) -> bool:
    """Whether a 三级 name is a blank template's placeholder (``指标1``, ``……``)."""
    return _PLACEHOLDER_NAME.fullmatch(unicodedata.normalize("NFKC", name).strip()) is not None


def printed_rounded(what: str, value: Decimal | None) -> str | None:
    """Why a figure prints unlike what was typed: the printed form has 2 decimals (FORM-SPEC
    §5) while the editor, the sums and the Excel export keep every digit. ``None`` when it
    prints as typed."""
    if value is None or decimal_places(value) <= PRINTED_PLACES:
        return None
    return (
        f"{what} {format_score_as_typed(value)} 有 {decimal_places(value)} 位小数，"
        f"打印的自评表只印两位小数（四舍五入为 {format_score(value)}）；"
        "合计按原数计算"
    )


def level1_label(i: int, level1: Level1) -> str:
    """A 一级 as named in messages."""
    return f"一级指标“{level1.name}”" if level1.name.strip() else f"第 {i + 1} 个一级指标"


def row_label(path: tuple[int, int, int], level1: Level1, level2: Level2, ind: Indicator) -> str:
    """A 三级 row as named in messages: its name, or its position when it has none."""
    if ind.name.strip():
        return f"三级指标“{ind.name.strip()}”"
    parent = f"{level1.name.strip() or '（未命名）'}／{level2.name.strip() or '（未命名）'}"
    return f"{parent}下第 {path[2] + 1} 个三级指标（未填名称）"
