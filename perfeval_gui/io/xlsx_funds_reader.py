"""The 项目资金 block of the printed layout: unit, amounts by row and column, 预算执行率 cells.

Rows are found by their labels (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金 and
common variants), columns by the header row that names at least two amount columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfeval_gui.io.xlsx_grid import BLANK_MARKS, Grid
from perfeval_gui.io.xlsx_table import cell_in
from perfeval_gui.model.form import Amounts, AmountUnit, FundRow, Funds

UNIT = re.compile(r"(?:\(|单位:|单位)(万元|元)\)?")
UNIT_LINE = ("单位", "金额单位", "(单位", "(金额单位", "资金单位")
UNIT_ONLY = re.compile(r"^\((?:单位:?)?(万元|元)\)$")
FUNDS_LABEL = re.compile(
    r"^(?:项目资金(?:情况)?|资金(?:情况|投入(?:情况)?))(?:\((?:单位:?)?(?:万元|元)\))?$"
)
#: Row label words → fund row; a label equal to an exact word, or containing a word.
_FUND_ROWS: tuple[tuple[FundRow, tuple[str, ...], tuple[str, ...]], ...] = (
    (FundRow.TOTAL, ("资金总额", "年度资金合计", "资金合计"), ("总额", "合计", "总计")),
    (FundRow.SPECIAL_ACCOUNT, ("财政专户",), ()),
    (FundRow.UNIT_FUNDS, ("单位资金", "单位自有资金"), ()),
    (FundRow.CURRENT_YEAR_APPROPRIATION, ("财政拨款", "财政资金", "财政补助"), ()),
    (FundRow.CARRIED_OVER, ("上年结转", "结转资金", "结转结余", "上年结余"), ()),
    (FundRow.OTHER, ("其他资金", "其它资金"), ()),
)
_AMOUNT_KEYS = frozenset({"initial", "adjusted", "executed"})
_FUND_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initial", ("年初预算",)),
    ("executed", ("全年执行", "执行数", "实际支出", "执行金额")),
    ("adjusted", ("全年预算", "调整后预算", "调整预算", "年度预算")),
    ("rate", ("执行率",)),
    ("weight", ("分值", "权重")),
    ("score", ("得分",)),
    ("reason", ("原因", "说明")),
)
_BUDGET_CELLS = ("weight", "rate", "score", "reason")


@dataclass
class FundsBlock:
    """What the 项目资金 block shows."""

    amount_unit: AmountUnit | None = None
    funds: Funds = field(default_factory=Funds)
    budget_weight: Decimal | None = None
    execution_rate: Decimal | None = None  # as shown, for comparison with the computed one
    budget_score: tuple[int, int, Decimal] | None = None  # (row, col, shown 得分)
    reason: str = ""  # the 原因 column (四川)
    has_reason_column: bool = False


def is_funds_label(label: str) -> bool:
    """``项目资金``, ``项目资金(元)``, ``项目资金(万元)`` — not a long text starting so."""
    return bool(FUNDS_LABEL.match(label))


def read_funds(grid: Grid, rows: range, stop_labels: frozenset[str]) -> FundsBlock:
    """The 项目资金 block within ``rows`` (up to a row with one of ``stop_labels``): unit,
    amounts, the 预算执行率 cells and the 原因 column."""
    head = FundsBlock()
    for r, c in grid.find(lambda t: is_funds_label(t) or bool(UNIT_ONLY.match(t)), rows):
        grid.consume(r, c)
        if head.amount_unit is None and (unit := UNIT.search(grid.label(r, c))):
            head.amount_unit = AmountUnit(unit.group(1))
    # The header row names at least two amount columns (a value reading 年初预算 is not it);
    # 年度预算数 may stand over 年初预算 | 调整后预算数 in a second header row.
    header = [
        r
        for r, _ in grid.find(lambda t: _fund_column(t) in _AMOUNT_KEYS, rows, max_width=2)
        if len({_fund_column(grid.label(r, c)) for c in grid.row_cells(r)} & _AMOUNT_KEYS) >= 2
    ]
    if not header:
        return head
    header_row = header[0]
    columns = _header_columns(grid, header_row, head)
    if header_row + 1 in rows and _fund_row_of(grid, header_row + 1) is None:
        lower = _header_columns(grid, header_row + 1, head)
        if lower:
            for name, (a, b) in list(columns.items()):
                if any(a <= c0 and c1 <= b and (a, b) != (c0, c1) for c0, c1 in lower.values()):
                    del columns[name]  # 年度预算数 over its sub-columns
            columns.update(lower)
            header_row += 1
    first_amount_col = min((span[0] for span in columns.values()), default=grid.max_col + 1)
    values: dict[FundRow, Amounts] = {}
    reasons: list[str] = []
    for r in range(header_row + 1, rows.stop):
        if any(grid.label(r, c) in stop_labels for c in grid.row_cells(r)):
            break
        fund_row = _fund_row_of(grid, r, first_amount_col)
        if fund_row is None or fund_row in values:
            continue
        values[fund_row] = _amounts(grid, r, columns)
        if fund_row is FundRow.TOTAL:
            _read_budget_cells(grid, r, columns, head)
        else:
            _consume_dashes(grid, r, columns)
        col = cell_in(grid, r, columns["reason"]) if "reason" in columns else None
        if col is not None and grid.top_left(r, col) not in grid.consumed:
            grid.consume(r, col)
            if grid.label(r, col) not in BLANK_MARKS:
                reasons.append(grid.text(r, col))
    head.funds = Funds(**{row.value: amounts for row, amounts in values.items()})
    head.reason = "\n".join(reasons)
    head.has_reason_column = "reason" in columns
    return head


def _header_columns(grid: Grid, row: int, head: FundsBlock) -> dict[str, tuple[int, int]]:
    """The fund columns a header row names (its own cells; merged-down ones above count)."""
    columns: dict[str, tuple[int, int]] = {}
    for c in grid.row_cells(row):
        label = grid.label(row, c)
        for key, words in _FUND_COLUMNS:
            if key not in columns and any(w in label for w in words):
                _, c0, _, c1 = grid.span(row, c)
                columns[key] = (c0, c1)
                grid.consume(row, c)
                if head.amount_unit is None and (unit := UNIT.search(label)):
                    head.amount_unit = AmountUnit(unit.group(1))
                break
    return columns


def _fund_row_of(grid: Grid, row: int, before_col: int = 0) -> FundRow | None:
    """The fund row a sheet row's label names (left of the amounts), consuming the label."""
    for c in grid.row_cells(row):
        if before_col and c >= before_col:
            break
        fund_row = _fund_row(grid.label(row, c))
        if fund_row is not None:
            if before_col:
                grid.consume(row, c)
            return fund_row
    return None


def _fund_column(label: str) -> str | None:
    for key, words in _FUND_COLUMNS:
        if any(w in label for w in words):
            return key
    return None


def _fund_row(label: str) -> FundRow | None:
    label = label.removeprefix("其中:").removeprefix("其中").rstrip(":")
    for fund_row, words, exact in _FUND_ROWS:
        if label in exact or any(w in label for w in words):
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
    grid: Grid, row: int, columns: dict[str, tuple[int, int]], head: FundsBlock
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
    for key in _BUDGET_CELLS:
        col = cell_in(grid, row, columns[key]) if key in columns else None
        if col is not None and grid.label(row, col) in BLANK_MARKS:
            grid.consume(row, col)
