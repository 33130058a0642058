"""The 项目支出绩效自评报告 as plain data: what it says, not how it looks.

``build_report(form)`` tells the form's facts in the usual five sections (项目基本情况,
绩效目标实现情况, 偏差及原因分析, 存在的问题及改进措施, 自评结论). Every figure is the form's
own, printed by ``formatting`` exactly as the form prints it; where the form is silent the
report says so with a visible placeholder ``【请补充：…】``. A writer (``io.report_docx``)
turns the result into a Word document.
"""

from __future__ import annotations

import math
import re

from perfeval_gui.model.form import Form
from perfeval_gui.model.report_blocks import (
    PLACEHOLDER_PATTERN,
    Block,
    CellRange,
    Paragraph,
    ParagraphKind,
    Report,
    Section,
    Table,
    placeholder,
)
from perfeval_gui.model.report_conclusions import (
    conclusion_section,
    other_blocks,
    problems_section,
)
from perfeval_gui.model.report_sections import (
    basics_section,
    deviations_section,
    results_section,
)
from perfeval_gui.model.scoring import compute_totals

__all__ = [
    "PLACEHOLDER_PATTERN",
    "Block",
    "CellRange",
    "Paragraph",
    "ParagraphKind",
    "Report",
    "Section",
    "Table",
    "build_report",
    "default_title",
    "placeholder",
]


#: Full-width characters of 二号 type on one line of the 156 mm 版心 (442 pt ÷ 22 pt = 20),
#: less one for fonts whose digits are wider than half a character.
TITLE_LINE_EMS = 19


def _ems(text: str) -> float:
    """Width of ``text`` in full-width characters (ASCII letters and digits are half)."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def default_title(form: Form) -> str:
    """``2023年度项目服务管理项目支出绩效自评报告`` (``项目`` is not doubled).

    A title too long for one line breaks (``\\n``) before ``支出绩效自评报告``, so no
    lone character is left on the second line; one whose first part alone is too long is
    broken into lines of even length instead, so Word never leaves ``项目`` on a line of its
    own (GB/T 9704: 排列对称，长短适宜).
    """
    name = form.project_name.strip() or placeholder("项目名称")
    # A name that already starts with the year (2023年度城乡社区…) does not get it twice.
    name = re.sub(rf"^{form.year}\s*年度?\s*", "", name) or name
    head = f"{form.year}年度{name}{'' if name.endswith('项目') else '项目'}"
    tail = "支出绩效自评报告"
    if _ems(head + tail) <= TITLE_LINE_EMS:
        return head + tail
    if _ems(head) <= TITLE_LINE_EMS:
        return f"{head}\n{tail}"
    return "\n".join(_even_lines(head + tail))


#: Characters a title line may well end with: the end of a place, an office, a list item.
_ENDS_A_WORD = frozenset("市区县省州盟镇乡村局委会院所站心构司部厅办处队馆校园）)、与和及的")
_WORD_BREAK_COST = 4  # a break inside a word is taken only when it evens lines by this much


def _break_cost(text: str, i: int) -> float:
    """0 where a line may end before ``text[i]`` without cutting a word, else a penalty."""
    good = text[i - 1] in _ENDS_A_WORD or text[i:].startswith(("项目支出", "支出绩效"))
    return 0 if good else _WORD_BREAK_COST


def _even_lines(text: str) -> list[str]:
    """``text`` in the fewest lines of at most :data:`TITLE_LINE_EMS`, of even length, never
    breaking inside a run of ASCII (a year) or between 项 and 目."""
    count = math.ceil(_ems(text) / TITLE_LINE_EMS)
    lines: list[str] = []
    rest = text
    for left in range(count, 1, -1):
        goal = _ems(rest) / left
        cuts = [
            i
            for i in range(1, len(rest))
            if _ems(rest[:i]) <= TITLE_LINE_EMS
            and not (rest[i - 1].isascii() and rest[i].isascii())
            and rest[i - 1 : i + 1] != "项目"
        ]
        if not cuts:
            break
        cut = min(cuts, key=lambda i: abs(_ems(rest[:i]) - goal) + _break_cost(rest, i))
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


def build_report(form: Form, *, title: str | None = None) -> Report:
    """The self-evaluation report of ``form``; ``title`` replaces the default title."""
    totals = compute_totals(form)
    sections = [
        Section("一、项目基本情况", basics_section(form, totals)),
        Section("二、绩效目标实现情况", results_section(form, totals)),
        Section("三、偏差及原因分析", deviations_section(form, totals)),
        Section("四、存在的问题及改进措施", problems_section(form)),
        Section("五、自评结论", conclusion_section(form, totals)),
    ]
    if others := other_blocks(form):
        sections.append(Section("六、其他需要说明的事项", others))
    unit = form.implementing_unit.strip() or placeholder("实施单位")
    closing = (
        Paragraph(unit, ParagraphKind.CLOSING),
        Paragraph(placeholder("成文日期"), ParagraphKind.CLOSING),
    )
    chosen = title.strip() if title is not None and title.strip() else default_title(form)
    return Report(chosen, tuple(sections), closing)
