"""How long each text of a form may be, in one place (model, editor and loaders read it).

A 120,000-character 项目名称 once printed 83 pages. The limits are generous for real forms
(the longest 三级 name of the Shanghai samples is 40 characters, the longest 偏差原因 about
300) and keep every printed cell within a page or two.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from perfeval_gui.model.glossary import field_label

if TYPE_CHECKING:
    from perfeval_gui.model.form import Form

#: Names: 项目名称, 主管部门, 实施单位, 一级/二级/三级 names, the title.
NAME_LENGTH: Final = 200
#: Short values: 年度指标值, 实际完成值 and the parts of a split target.
VALUE_LENGTH: Final = 500
#: Long texts: 偏差原因分析及改进措施, 年度总体目标, the template's text blocks, 原因.
TEXT_LENGTH: Final = 5000

#: Field → its maximum length in characters (the keys the editor and messages use).
MAX_LENGTHS: Final[dict[str, int]] = {
    "title": NAME_LENGTH,
    "project_name": NAME_LENGTH,
    "department": NAME_LENGTH,
    "implementing_unit": NAME_LENGTH,
    "name": NAME_LENGTH,
    "target": VALUE_LENGTH,
    "target_nature": VALUE_LENGTH,
    "target_unit": VALUE_LENGTH,
    "actual": VALUE_LENGTH,
    "deviation_note": TEXT_LENGTH,
    "goals.expected": TEXT_LENGTH,
    "goals.actual": TEXT_LENGTH,
    "expected": TEXT_LENGTH,
    "funds_note": TEXT_LENGTH,
    "texts": TEXT_LENGTH,
}


def max_length(field: str) -> int | None:
    """The most characters ``field`` may hold (``funds_note``, ``goals.actual``, ``name``…)."""
    if field.startswith("texts."):
        return TEXT_LENGTH
    return MAX_LENGTHS.get(field) or MAX_LENGTHS.get(field.rsplit(".", 1)[-1])


def too_long_message(label: str, length: int, limit: int) -> str:
    """The Chinese message for a text over its limit."""
    return f"“{label}”过长：{length:,} 个字符，最多 {limit:,} 个字符"


def _texts(form: Form) -> Iterator[tuple[str, str, str]]:
    """(where, field, text) of every text of ``form`` that has a limit."""
    for field in ("title", "project_name", "department", "implementing_unit", "funds_note"):
        yield "", field, getattr(form, field)
    yield "", "goals.expected", form.goals.expected
    yield "", "goals.actual", form.goals.actual
    for key, text in form.texts.items():
        yield "", f"texts.{key}", text
    for l1 in form.level1:
        yield "", "level1", l1.name
        for l2 in l1.children:
            yield f"一级“{_short(l1.name)}” › ", "level2", l2.name
            for n, ind in enumerate(l2.indicators, start=1):
                where = f"一级“{_short(l1.name)}” › 二级“{_short(l2.name)}” › 第 {n} 行 › "
                for field in ("name", "target", "target_nature", "target_unit", "actual"):
                    yield where, field, getattr(ind, field)
                yield where, "deviation_note", ind.deviation_note


def _short(name: str) -> str:
    return name if len(name) <= 20 else name[:20] + "…"


def length_problems(form: Form) -> list[str]:
    """A Chinese message for each text of ``form`` longer than its limit (in form order)."""
    problems = []
    for where, field, text in _texts(form):
        key = "name" if field in {"level1", "level2"} else field
        limit = max_length(key)
        if limit is not None and len(text) > limit:
            level = {"level1": 1, "level2": 2, "name": 3}.get(field, 0)
            label = field_label("name" if level else field, level).removeprefix("texts.")
            problems.append(where + too_long_message(label, len(text), limit))
    return problems
