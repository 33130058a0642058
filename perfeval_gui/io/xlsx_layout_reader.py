"""Reading the printed layout: title, 项目名称 … 实施单位, 项目资金, 年度总体目标, 总分.

Every block is found by its labels wherever they are on the sheet; values are the cells
next to (header fields) or under (goals) or in line with (amounts) their labels. The 绩效指标
table itself is read by :mod:`perfeval_gui.io.xlsx_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfeval_gui.io.xlsx_funds_reader import UNIT, UNIT_LINE, is_funds_label, read_funds
from perfeval_gui.io.xlsx_grid import Grid, normalise_label
from perfeval_gui.io.xlsx_table import Table, is_signature_label, is_total_label
from perfeval_gui.io.xlsx_words import (
    after_colon,
    block_of,
    goals_labels,
    is_report_code,
    section_labels,
)
from perfeval_gui.model.form import AmountUnit, Funds, Goals

_HEADER_LABELS: dict[str, frozenset[str]] = {
    "project_name": frozenset({"项目名称"}),
    "department": frozenset(
        {"主管部门", "主管单位", "主管部门(单位)", "预算部门", "部门名称", "主管部门名称"}
    ),
    "implementing_unit": frozenset(
        {"实施单位", "项目实施单位", "执行单位", "项目单位", "单位名称", "项目执行单位", "预算单位"}
    ),
}
#: What may follow a header label in real templates: 主管部门及代码, 实施单位（盖章）.
_LABEL_SUFFIXES = ("及代码", "(盖章)", "(单位)", "名称", "(全称)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年|年度:((?:19|20)\d{2})(?!\d)")
_YEAR_ONLY = re.compile(r"^\(?(\d{4})年度?\)?$")
_LABEL_WIDTH = 3  # a label cell is at most this many columns wide; a title is wider
_TITLE_MIN_SPAN = 3  # a title is merged over (at least) four columns
_TITLE_YEAR = re.compile(r"^((?:19|20)\d{2})年度?(.+)$")
#: A year written inside the title: ``部门预算项目支出绩效自评表(2023年度)``.
_YEAR_IN_TITLE = re.compile(r"\s*[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]\s*")
_GOALS_LABELS, _EXPECTED_LABELS, _ACTUAL_LABELS = goals_labels()
_NEXT_BLOCK_LABELS = frozenset(
    {"绩效指标", "指标", "一级指标", "二级指标", "三级指标", "分值", "得分"}
)


@dataclass
class LayoutHeader:
    """Everything of the printed layout outside the 绩效指标 table."""

    title: str = ""  # "" when the sheet has none: the template's title is used
    year: int | None = None
    project_name: str = ""
    department: str = ""
    implementing_unit: str = ""
    amount_unit: AmountUnit | None = None
    funds: Funds = field(default_factory=Funds)
    budget_weight: Decimal | None = None
    execution_rate: Decimal | None = None  # as shown, for comparison with the computed one
    budget_score: tuple[int, int, Decimal] | None = None  # (row, col, shown 得分)
    funds_note: str = ""  # the funds block's 原因 column
    has_reason_column: bool = False
    goals: Goals = field(default_factory=Goals)
    signature_labels: list[str] = field(default_factory=list)
    #: Text blocks under the table (其他需要说明事项, 评价结论…): (row, col, block key, text).
    blocks: list[tuple[int, int, str, str]] = field(default_factory=list)


def has_layout_labels(grid: Grid, table: Table | None) -> bool:
    """Whether the sheet has the printed layout's 项目名称 or 项目资金 (outside the table)."""
    header_row = table.header_row if table else None
    labels = _HEADER_LABELS["project_name"]
    found = grid.find(lambda t: _is_label(t, labels) or is_funds_label(t), max_width=_LABEL_WIDTH)
    found += grid.find(lambda t: _with_value(t, labels))
    return any(r != header_row for r, _ in found)


def _with_value(text: str, labels: frozenset[str]) -> bool:
    """``项目名称:某项目`` — a label and its value in one cell, however wide."""
    label, colon, value = text.partition(":")
    return bool(colon and value) and _is_label(label, labels)


def _is_label(text: str, labels: frozenset[str]) -> bool:
    """``text`` is one of ``labels``, maybe with a template's suffix (及代码, (盖章))."""
    return text in labels or any(
        text.startswith(label) and text[len(label) :] in _LABEL_SUFFIXES for label in labels
    )


def read_header(grid: Grid, table: Table | None) -> LayoutHeader:
    """Read all blocks above (and the signature block below) the 绩效指标 table."""
    limit = table.header_row if table else grid.max_row + 1
    above = range(1, limit)
    head = LayoutHeader()
    for name, labels in _HEADER_LABELS.items():
        setattr(head, name, _labelled_value(grid, labels, above))
    anchors = grid.find(_is_anchor, above, max_width=_LABEL_WIDTH)
    anchors += grid.find(lambda t: any(_with_value(t, s) for s in _HEADER_LABELS.values()), above)
    first_anchor = min((r for r, _ in anchors), default=limit)
    _read_title(grid, range(1, first_anchor), head)
    if head.year is None:
        _read_year_field(grid, above, head)
    # The blocks start at the first label: a title that happens to read 预期目标 is no block.
    body = range(first_anchor, limit)
    block = read_funds(grid, body, _GOALS_LABELS | _EXPECTED_LABELS | _ACTUAL_LABELS)
    if head.amount_unit and block.amount_unit and head.amount_unit != block.amount_unit:
        grid.note(
            None, None, f"表头的金额单位与项目资金栏不同，按项目资金栏的“{block.amount_unit}”导入"
        )
    head.amount_unit = block.amount_unit or head.amount_unit
    head.funds, head.budget_weight = block.funds, block.budget_weight
    head.execution_rate, head.budget_score = block.execution_rate, block.budget_score
    head.funds_note, head.has_reason_column = block.reason, block.has_reason_column
    if head.amount_unit is None:
        # 单位：万元 may also stand on a line of its own anywhere above the table.
        for r, c in grid.find(lambda t: t.startswith(UNIT_LINE) and bool(UNIT.search(t)), above):
            if unit := UNIT.search(grid.label(r, c)):
                head.amount_unit = AmountUnit(unit.group(1))
                grid.consume(r, c)
                break
    _read_goals(grid, body, head)
    for r, c in grid.find(lambda t: t in section_labels() or t in _GOALS_LABELS):
        grid.consume(r, c)
    if table is not None:
        after = range(table.end_row + 1, grid.max_row + 1)
        _read_blocks(grid, after, head)
        rows = sorted({r for r, _ in grid.find(is_signature_label, after)})
        for r in rows:
            for col in grid.row_cells(r):
                if (r, col) == grid.top_left(r, col) and (r, col) not in grid.consumed:
                    head.signature_labels += _signature_parts(grid.text(r, col))
                    grid.consume(r, col)
    return head


_GAP = re.compile(r"[ \u3000\t]{2,}")


def _signature_parts(text: str) -> list[str]:
    """``填报人：王芳    联系电话：…    填报日期：…`` typed in one cell, spaced apart, is three
    signature lines; a single label (or a text not so spaced) stays whole."""
    parts = [p.strip() for p in _GAP.split(text.strip()) if p.strip()]
    if len(parts) > 1 and all(is_signature_label(normalise_label(p)) for p in parts):
        return parts
    return [text]


def _read_blocks(grid: Grid, rows: range, head: LayoutHeader) -> None:
    """Text blocks under the table: a label (``评价结论``) with its text right of it or under
    it, or both in one cell (``其他需要说明事项：无``)."""
    found = grid.find(lambda t: block_of(t) is not None, rows)
    starts = sorted({r for r, _ in found})
    for r, c in found:
        key = block_of(grid.label(r, c)) or ""
        inline = after_colon(grid.text(r, c))
        grid.consume(r, c)
        parts = [inline] if inline else []
        for col in grid.row_cells(r, grid.span(r, c)[3] + 1):
            if block_of(grid.label(r, col)) or is_signature_label(grid.label(r, col)):
                break
            grid.consume(r, col)
            parts.append(grid.text(r, col))
        if not parts:  # the text is in the rows under the label, up to the next label
            stop = min((s for s in starts if s > r), default=rows.stop)
            for below in range(grid.span(r, c)[2] + 1, stop):
                cells = grid.row_cells(below)
                if not cells or any(_ends_block(grid.label(below, x)) for x in cells):
                    break  # an empty row, a signature or 总分 ends the block
                for col in cells:
                    if grid.top_left(below, col) not in grid.consumed:
                        grid.consume(below, col)
                        parts.append(grid.text(below, col))
        head.blocks.append((r, c, key, "\n".join(p for p in parts if p)))


def _ends_block(label: str) -> bool:
    return is_signature_label(label) or is_total_label(label)


def _is_anchor(label: str) -> bool:
    return is_funds_label(label) or any(_is_label(label, s) for s in _HEADER_LABELS.values())


def _labelled_value(grid: Grid, labels: frozenset[str], rows: range) -> str:
    """The value of a header field: in the same cell after a colon, or the next cell right."""
    for r, c in grid.find(lambda t: _is_label(t.split(":", 1)[0], labels), rows):
        text = grid.text(r, c)
        if ":" in normalise_label(text) and normalise_label(text).split(":", 1)[1]:
            grid.consume(r, c)
            return re.split(r"[:：]", text, maxsplit=1)[1].strip()
        if grid.span(r, c)[3] - c + 1 > _LABEL_WIDTH:
            continue  # as wide as a title: not a label
        grid.consume(r, c)
        _, _, _, last = grid.span(r, c)
        for col in grid.row_cells(r, last + 1):
            if _is_anchor(grid.label(r, col)):
                return ""  # an empty value: the next cell is already the next label
            grid.consume(r, col)
            return grid.text(r, col)
        return ""
    return ""


_YEAR_LABELS = frozenset({"年度", "评价年度", "年份", "所属年度", "预算年度", "项目年度"})
_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _read_year_field(grid: Grid, rows: range, head: LayoutHeader) -> None:
    """``年度 | 2023`` (or ``年度：2023年``) among the header fields, not in the title."""
    found = grid.find(lambda t: _is_label(t.split(":", 1)[0], _YEAR_LABELS), rows)
    text = _labelled_value(grid, _YEAR_LABELS, rows)
    if match := _A_YEAR.search(text):
        head.year = int(match.group(1))
    elif found and text:
        r, c = found[0]
        grid.note(r, c, f"年度“{text}”不是年份，未导入该值")


def _read_title(grid: Grid, rows: range, head: LayoutHeader) -> None:
    """Title, year and a separate 单位：元 line, from the cells above the first block."""
    for r, c in grid.occupied():
        if r not in rows:
            continue
        label = grid.label(r, c)
        if is_report_code(label):  # 报表编号 / 公开14表: the template's, not the form's
            grid.consume(r, c)
            continue
        if (match := _YEAR_ONLY.match(label)) and head.year is None:
            head.year = int(match.group(1))
        elif (unit := UNIT.search(label)) and label.startswith(UNIT_LINE):
            head.amount_unit = AmountUnit(unit.group(1))
        elif "自评表" in label or ("绩效" in label and "表" in label):
            text = grid.text(r, c)
            if (match := _YEAR_IN_TITLE.search(text)) and not _YEAR_IN_TITLE.fullmatch(text):
                if head.year is None:
                    head.year = int(match.group(1))
                text = _YEAR_IN_TITLE.sub("", text, count=1).strip()
                label = normalise_label(text)
            if match := _TITLE_YEAR.match(label):
                if head.year is None:
                    head.year = int(match.group(1))
                    grid.note(r, c, f"标题中的年度 {head.year} 已作为年度读入")
                text = match.group(2)
            head.title = text
        elif head.year is None and (match := _YEAR.search(label)):
            head.year = int(match.group(1) or match.group(2))
        else:
            continue
        grid.consume(r, c)
    if not head.title and not _title_found(grid, rows):
        # No cell says 自评表: the title is then the wide merged line at the top, if any.
        for r, c in grid.occupied():
            _, c0, _, c1 = grid.span(r, c)
            if r in rows and (r, c) not in grid.consumed and c1 - c0 >= _TITLE_MIN_SPAN:
                head.title = grid.text(r, c)
                grid.consume(r, c)
                break


def _title_found(grid: Grid, rows: range) -> bool:
    return any(r in rows and "表" in grid.label(r, c) for r, c in grid.consumed)


def _read_goals(grid: Grid, rows: range, head: LayoutHeader) -> None:
    expected = grid.find(lambda t: t in _EXPECTED_LABELS, rows)
    actual = grid.find(lambda t: t in _ACTUAL_LABELS, rows)
    if not expected and not actual:
        for r, c in grid.find(lambda t: t in _GOALS_LABELS, rows):
            grid.consume(r, c)
            head.goals = Goals(expected=_right_of(grid, r, c))
            if head.goals.expected:
                grid.note(r, c, "年度总体目标只有一段文字，已作为“预期目标”读入")
        return
    same_row = bool(expected and actual and expected[0][0] == actual[0][0])
    if same_row and _beside_on_one_row(grid, expected[0], actual[0], head):
        return
    goal_cols = {
        col
        for r, c in (*expected[:1], *actual[:1])
        for col in range(grid.span(r, c)[1], grid.span(r, c)[3] + 1)
    }
    texts = []
    for found in (expected, actual):
        if not found:
            texts.append("")
            continue
        r, c = found[0]
        grid.consume(r, c)
        texts.append(
            _below(grid, r, c, rows.stop, goal_cols) if same_row else _right_of(grid, r, c)
        )
    head.goals = Goals(expected=texts[0], actual=texts[1])


def _beside_on_one_row(
    grid: Grid, expected: tuple[int, int], actual: tuple[int, int], head: LayoutHeader
) -> bool:
    """``预期目标 | 文字 | 实际完成情况 | 文字`` on one row: each text right of its label.
    Returns whether the row is laid out so (a text between the two labels)."""
    (row, e_col), (_, a_col) = expected, actual
    a_first = grid.span(row, a_col)[1]
    between = [c for c in grid.row_cells(row, grid.span(row, e_col)[3] + 1) if c < a_first]
    if e_col > a_col or not between:
        return False
    grid.consume(row, e_col)
    grid.consume(row, a_col)
    for c in between:
        grid.consume(row, c)
    texts = "\n".join(grid.text(row, c) for c in between)
    head.goals = Goals(expected=texts, actual=_right_of(grid, row, a_col))
    return True


def _below(grid: Grid, row: int, col: int, stop: int, goal_cols: set[int]) -> str:
    """The text under a goals label, in its columns, down to the next block's labels: one
    outside the goals columns, or two inside (a goal may itself read 绩效指标)."""
    _, c0, r1, c1 = grid.span(row, col)
    parts: list[str] = []
    seen: set[tuple[int, int]] = set()
    for r in range(r1 + 1, stop):
        ends = [c for c in grid.row_cells(r) if _ends_goals(grid.label(r, c))]
        if any(c not in goal_cols for c in ends) or len(ends) >= 2:
            break
        for c in range(c0, c1 + 1):
            tl = grid.top_left(r, c)
            if tl in seen or grid.raw(r, c) is None:
                continue
            seen.add(tl)
            grid.consume(r, c)
            parts.append(grid.text(r, c))
    return "\n".join(parts)


def _ends_goals(label: str) -> bool:
    """A row with such a label starts the next block (even a two-row table header)."""
    return _is_anchor(label) or label in _NEXT_BLOCK_LABELS or label in section_labels()


def _right_of(grid: Grid, row: int, col: int) -> str:
    _, _, _, last = grid.span(row, col)
    parts = []
    for c in grid.row_cells(row, last + 1):
        grid.consume(row, c)
        parts.append(grid.text(row, c))
    return "\n".join(parts)


#: Every label text the layout reader looks for (normalised), for callers that must tell
#: a value from a label.
LABEL_WORDS: frozenset[str] = frozenset().union(
    *_HEADER_LABELS.values(), _GOALS_LABELS, _EXPECTED_LABELS, _ACTUAL_LABELS, _NEXT_BLOCK_LABELS
)
