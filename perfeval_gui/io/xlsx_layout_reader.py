"""Reading the printed layout: title, 项目名称 … 实施单位, 项目资金, 年度总体目标, 总分.

Every block is found by its labels wherever they are on the sheet; values are the cells
next to (header fields) or under (goals) or in line with (amounts) their labels. The 绩效指标
table itself is read by :mod:`perfeval_gui.io.xlsx_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfeval_gui.io.xlsx_grid import BLANK_MARKS, Grid, normalise_label
from perfeval_gui.io.xlsx_table import Table, cell_in, is_signature_label
from perfeval_gui.model.form import Amounts, AmountUnit, FundRow, Funds, Goals
from perfeval_gui.model.glossary import DEFAULT_TITLE

_HEADER_LABELS: dict[str, frozenset[str]] = {
    "project_name": frozenset({"项目名称"}),
    "department": frozenset({"主管部门", "主管单位", "主管部门(单位)", "预算部门"}),
    "implementing_unit": frozenset({"实施单位", "项目实施单位", "执行单位", "项目单位"}),
}
#: What may follow a header label in real templates: 主管部门及代码, 实施单位（盖章）.
_LABEL_SUFFIXES = ("及代码", "(盖章)", "(单位)", "名称", "(全称)")
_UNIT = re.compile(r"(?:\(|单位:|单位)(万元|元)\)?")
_UNIT_ONLY = re.compile(r"^\((万元|元)\)$")
_FUNDS_LABEL = re.compile(r"^项目资金(?:\((?:单位:?)?(?:万元|元)\))?$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年|年度:((?:19|20)\d{2})(?!\d)")
_YEAR_ONLY = re.compile(r"^\(?(\d{4})年度?\)?$")
_LABEL_WIDTH = 3  # a label cell is at most this many columns wide; a title is wider
_TITLE_MIN_SPAN = 3  # a title is merged over (at least) four columns
_TITLE_YEAR = re.compile(r"^((?:19|20)\d{2})年度?(.+)$")
_EXPECTED_LABELS = frozenset({"预期目标", "年度预期目标"})
_ACTUAL_LABELS = frozenset({"实际完成情况", "年度实际完成情况", "实际完成"})
_NEXT_BLOCK_LABELS = frozenset(
    {"绩效指标", "指标", "一级指标", "二级指标", "三级指标", "分值", "得分"}
)
_FUND_ROWS: tuple[tuple[FundRow, tuple[str, ...]], ...] = (
    (FundRow.TOTAL, ("资金总额", "年度资金合计", "资金合计")),
    (FundRow.CURRENT_YEAR_APPROPRIATION, ("财政拨款",)),
    (FundRow.CARRIED_OVER, ("上年结转", "结转资金")),
    (FundRow.OTHER, ("其他资金",)),
)
_AMOUNT_KEYS = frozenset({"initial", "adjusted", "executed"})
_FUND_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initial", ("年初预算",)),
    ("adjusted", ("全年预算", "调整后预算", "调整预算")),
    ("executed", ("全年执行", "执行数")),
    ("rate", ("执行率",)),
    ("weight", ("分值",)),
    ("score", ("得分",)),
)


@dataclass
class LayoutHeader:
    """Everything of the printed layout outside the 绩效指标 table."""

    title: str = DEFAULT_TITLE
    year: int | None = None
    project_name: str = ""
    department: str = ""
    implementing_unit: str = ""
    amount_unit: AmountUnit | None = None
    funds: Funds = field(default_factory=Funds)
    budget_weight: Decimal | None = None
    execution_rate: Decimal | None = None  # as shown, for comparison with the computed one
    budget_score: tuple[int, int, Decimal] | None = None  # (row, col, shown 得分)
    goals: Goals = field(default_factory=Goals)
    signature_labels: list[str] = field(default_factory=list)


def has_layout_labels(grid: Grid, table: Table | None) -> bool:
    """Whether the sheet has the printed layout's 项目名称 or 项目资金 (outside the table)."""
    header_row = table.header_row if table else None
    labels = _HEADER_LABELS["project_name"]
    found = grid.find(lambda t: _is_label(t, labels) or is_funds_label(t), max_width=_LABEL_WIDTH)
    return any(r != header_row for r, _ in found)


def is_funds_label(label: str) -> bool:
    """``项目资金``, ``项目资金(元)``, ``项目资金(万元)`` — not a long text starting so."""
    return bool(_FUNDS_LABEL.match(label))


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
    first_anchor = min((r for r, _ in anchors), default=limit)
    _read_title(grid, range(1, first_anchor), head)
    # The blocks start at the first label: a title that happens to read 预期目标 is no block.
    body = range(first_anchor, limit)
    _read_funds(grid, body, head)
    _read_goals(grid, body, head)
    for r, c in grid.find(lambda t: t in {"绩效指标", "年度总体目标", "总体目标", "指标"}):
        grid.consume(r, c)
    if table is not None:
        after = range((table.total_row or table.end_row) + 1, grid.max_row + 1)
        rows = sorted({r for r, _ in grid.find(is_signature_label, after)})
        for r in rows:
            for col in grid.row_cells(r):
                if (r, col) == grid.top_left(r, col):
                    head.signature_labels.append(grid.text(r, col))
                    grid.consume(r, col)
    return head


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


def _read_title(grid: Grid, rows: range, head: LayoutHeader) -> None:
    """Title, year and a separate 单位：元 line, from the cells above the first block."""
    for r, c in grid.occupied():
        if r not in rows:
            continue
        label = grid.label(r, c)
        if (match := _YEAR_ONLY.match(label)) and head.year is None:
            head.year = int(match.group(1))
        elif (unit := _UNIT.search(label)) and label.startswith(("单位", "金额单位", "(单位")):
            head.amount_unit = AmountUnit(unit.group(1))
        elif "自评表" in label or ("绩效" in label and "表" in label):
            text = grid.text(r, c)
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
    if head.title == DEFAULT_TITLE and not _title_found(grid, rows):
        # No cell says 自评表: the title is then the wide merged line at the top, if any.
        for r, c in grid.occupied():
            _, c0, _, c1 = grid.span(r, c)
            if r in rows and (r, c) not in grid.consumed and c1 - c0 >= _TITLE_MIN_SPAN:
                head.title = grid.text(r, c)
                grid.consume(r, c)
                break


def _title_found(grid: Grid, rows: range) -> bool:
    return any(r in rows and "表" in grid.label(r, c) for r, c in grid.consumed)


def _read_funds(grid: Grid, rows: range, head: LayoutHeader) -> None:
    for r, c in grid.find(lambda t: is_funds_label(t) or bool(_UNIT_ONLY.match(t)), rows):
        grid.consume(r, c)
        if head.amount_unit is None and (unit := _UNIT.search(grid.label(r, c))):
            head.amount_unit = AmountUnit(unit.group(1))
    # The header row names at least two amount columns (a value reading 年初预算 is not it).
    header = [
        r
        for r, _ in grid.find(lambda t: _fund_column(t) in _AMOUNT_KEYS, rows, max_width=2)
        if len({_fund_column(grid.label(r, c)) for c in grid.row_cells(r)} & _AMOUNT_KEYS) >= 2
    ]
    if not header:
        return
    header_row = header[0]
    columns: dict[str, tuple[int, int]] = {}
    for c in grid.row_cells(header_row):
        label = grid.label(header_row, c)
        for key, words in _FUND_COLUMNS:
            if key not in columns and any(w in label for w in words):
                _, c0, _, c1 = grid.span(header_row, c)
                columns[key] = (c0, c1)
                grid.consume(header_row, c)
                if head.amount_unit is None and (unit := _UNIT.search(label)):
                    head.amount_unit = AmountUnit(unit.group(1))
                break
    first_amount_col = min((span[0] for span in columns.values()), default=grid.max_col + 1)
    values: dict[FundRow, Amounts] = {}
    for r in range(header_row + 1, rows.stop):
        for c in grid.row_cells(r):
            if c >= first_amount_col:
                break
            fund_row = _fund_row(grid.label(r, c))
            if fund_row is None or fund_row in values:
                continue
            grid.consume(r, c)
            values[fund_row] = _amounts(grid, r, columns)
            if fund_row is FundRow.TOTAL:
                _read_budget_cells(grid, r, columns, head)
            else:
                _consume_dashes(grid, r, columns)
            break
    head.funds = Funds(**{row.value: amounts for row, amounts in values.items()})


def _fund_column(label: str) -> str | None:
    for key, words in _FUND_COLUMNS:
        if any(w in label for w in words):
            return key
    return None


def _fund_row(label: str) -> FundRow | None:
    label = label.removeprefix("其中:")
    for fund_row, words in _FUND_ROWS:
        if any(w in label for w in words):
            return fund_row
    return None


def _amounts(grid: Grid, row: int, columns: dict[str, tuple[int, int]]) -> Amounts:
    found: dict[str, Decimal | None] = {}
    names = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
    for key, what in names.items():
        col = cell_in(grid, row, columns[key]) if key in columns else None
        if col is not None:
            grid.consume(row, col)
            found[key] = grid.decimal(row, col, what)
    return Amounts(**found)


def _read_budget_cells(
    grid: Grid, row: int, columns: dict[str, tuple[int, int]], head: LayoutHeader
) -> None:
    for key in ("weight", "rate", "score"):
        col = cell_in(grid, row, columns[key]) if key in columns else None
        if col is None:
            continue
        grid.consume(row, col)
        if key == "weight":
            head.budget_weight = grid.decimal(row, col, "预算执行率分值")
        elif key == "rate":
            head.execution_rate = grid.percent(row, col)
        elif (score := grid.decimal(row, col, "预算执行率得分")) is not None:
            head.budget_score = (row, col, score)


def _consume_dashes(grid: Grid, row: int, columns: dict[str, tuple[int, int]]) -> None:
    """The 分值/执行率/得分 cells of a source row hold ``—``; anything else stays reported."""
    for key in ("weight", "rate", "score"):
        col = cell_in(grid, row, columns[key]) if key in columns else None
        if col is not None and grid.label(row, col) in BLANK_MARKS:
            grid.consume(row, col)


def _read_goals(grid: Grid, rows: range, head: LayoutHeader) -> None:
    expected = grid.find(lambda t: t in _EXPECTED_LABELS, rows)
    actual = grid.find(lambda t: t in _ACTUAL_LABELS, rows)
    if not expected and not actual:
        for r, c in grid.find(lambda t: t in {"年度总体目标", "总体目标"}, rows):
            grid.consume(r, c)
            head.goals = Goals(expected=_right_of(grid, r, c))
            if head.goals.expected:
                grid.note(r, c, "年度总体目标只有一段文字，已作为“预期目标”读入")
        return
    same_row = bool(expected and actual and expected[0][0] == actual[0][0])
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
    return _is_anchor(label) or label in _NEXT_BLOCK_LABELS


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
    *_HEADER_LABELS.values(), _EXPECTED_LABELS, _ACTUAL_LABELS, _NEXT_BLOCK_LABELS
)
