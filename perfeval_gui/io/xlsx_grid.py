"""A worksheet as the importer sees it: cached values, merged ranges resolved, notes kept.

Every cell of a merged range answers with the value of its top-left cell, so a 一级 label
merged over five rows reads the same on each of them. Cells are found by their label text
normalised (full-width → half-width, all whitespace removed), wherever they are on the
sheet. Each cell the readers use is marked as consumed; what is left unconsumed at the end
is reported, so nothing present in the sheet is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.model.numbers import DecimalBoundError, decimal_from_cell
from perfeval_gui.model.values import DecimalInputError, parse_decimal_input

#: Cell texts that mean "no number here" in an amount, 分值 or 得分 cell.
BLANK_MARKS = frozenset({"", "—", "——", "-", "--", "－", "/", "／", "\\", "无", "空", "/-"})

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportNote:
    """Something the importer could not understand or changed, with where it is.

    ``row`` and ``column`` are 1-based sheet coordinates, or ``None`` for the whole sheet.
    """

    sheet: str
    row: int | None
    column: int | None
    message: str

    @property
    def location(self) -> str:
        """Where, in the words a spreadsheet user knows: ``工作表“Sheet1”第 5 行 C 列``."""
        where = f"工作表“{self.sheet}”"
        if self.row is not None:
            where += f"第 {self.row} 行"
        if self.column is not None:
            where += f" {get_column_letter(self.column)} 列"
        return where

    def __str__(self) -> str:
        return f"{self.location}：{self.message}"


def normalise_label(text: str) -> str:
    """A label for matching: NFKC (full-width → half-width), no whitespace, no trailing colon."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")


@dataclass
class Grid:
    """One worksheet's cells (cached values), with merged ranges and consumed cells tracked."""

    sheet: str
    values: dict[tuple[int, int], object]
    formats: dict[tuple[int, int], str]
    origin: dict[tuple[int, int], tuple[int, int]]  # cell in a merged range → its top-left
    extent: dict[tuple[int, int], tuple[int, int, int, int]]  # top-left → (r0, c0, r1, c1)
    max_row: int
    max_col: int
    notes: list[ImportNote] = field(default_factory=list)
    consumed: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def from_sheets(cls, values_ws: Worksheet, formulas_ws: Worksheet | None) -> Grid:
        """Read ``values_ws`` (cached values); ``formulas_ws`` tells which cells had a formula.

        Only cells stored in the file are visited (``_cells``), never the whole used
        rectangle: one stray cell at XFD1048576 must not make the importer walk 17 billion.
        """
        grid = cls(values_ws.title, {}, {}, {}, {}, 0, 0)
        for cell in stored_cells(values_ws):
            value = cell.value
            if value is not None and not (isinstance(value, str) and not value.strip()):
                grid.values[(cell.row, cell.column)] = value
                grid.formats[(cell.row, cell.column)] = cell.number_format or "General"
        grid.max_row = max((r for r, _ in grid.values), default=0)
        grid.max_col = max((c for _, c in grid.values), default=0)
        filled = {r for r, _ in grid.values}
        if grid.values and values_ws.sheet_state != "visible":
            grid.note(
                None, None, "此工作表在工作簿中被隐藏（打开时看不到），其内容已照常读入；请核对"
            )
        for r in sorted(r for r, dim in values_ws.row_dimensions.items() if dim.hidden):
            if r in filled:
                grid.note(
                    r, None, "此行在工作表中被隐藏（屏幕和打印都看不到），其内容已照常读入；请核对"
                )
        for cell in stored_cells(formulas_ws) if formulas_ws is not None else []:
            if cell.data_type == "f" and (cell.row, cell.column) not in grid.values:
                grid.note(
                    cell.row,
                    cell.column,
                    "单元格有公式但文件中没有保存计算结果（公式不会被计算），按空白处理；"
                    "请在 Excel 或 WPS 中打开并保存后再导入",
                )
        for merged in values_ws.merged_cells.ranges:
            # Clipped to the cells in use: a merge over whole columns is not walked cell by cell.
            r0, c0 = merged.min_row, merged.min_col
            r1, c1 = min(merged.max_row, grid.max_row + 1), min(merged.max_col, grid.max_col + 1)
            if r0 > r1 or c0 > c1:
                continue
            grid.extent[(r0, c0)] = (r0, c0, r1, c1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    grid.origin[(r, c)] = (r0, c0)
        return grid

    def subgrid(self, rows: range) -> Grid:
        """The part of the sheet in ``rows`` (one of several forms on a sheet), with the
        same row and column numbers, so notes still name the right cells."""
        values = {k: v for k, v in self.values.items() if k[0] in rows}
        return Grid(
            self.sheet,
            values,
            {k: v for k, v in self.formats.items() if k[0] in rows},
            {k: v for k, v in self.origin.items() if k[0] in rows and v[0] in rows},
            {
                k: (r0, c0, min(r1, rows.stop - 1), c1)
                for k, (r0, c0, r1, c1) in self.extent.items()
                if r0 in rows
            },
            max((r for r, _ in values), default=0),
            self.max_col,
            [n for n in self.notes if n.row is not None and n.row in rows],
        )

    # ------------------------------------------------------------------ reading cells
    def top_left(self, row: int, col: int) -> tuple[int, int]:
        """The cell holding the value shown at (row, col): itself or its merged range's origin."""
        return self.origin.get((row, col), (row, col))

    def span(self, row: int, col: int) -> tuple[int, int, int, int]:
        """(first row, first column, last row, last column) of the cell's merged range."""
        r, c = self.top_left(row, col)
        return self.extent.get((r, c), (r, c, r, c))

    def raw(self, row: int, col: int) -> object:
        """The cached value shown at (row, col), ``None`` for an empty cell."""
        return self.values.get(self.top_left(row, col))

    def label(self, row: int, col: int) -> str:
        """The cell's text normalised for label matching (``""`` for numbers and empties)."""
        value = self.raw(row, col)
        return normalise_label(value) if isinstance(value, str) else ""

    def consume(self, row: int, col: int) -> None:
        """Mark the cell (its whole merged range) as used by a reader."""
        self.consumed.add(self.top_left(row, col))

    def note(self, row: int | None, col: int | None, message: str) -> None:
        """Record something the user should know about a cell, a row or the sheet."""
        self.notes.append(ImportNote(self.sheet, row, col, message))

    def occupied(self) -> Iterator[tuple[int, int]]:
        """Non-empty top-left cells in reading order (row by row, left to right)."""
        yield from sorted(self.values)

    def find(
        self, match: Callable[[str], bool], rows: range | None = None, max_width: int = 0
    ) -> list[tuple[int, int]]:
        """Top-left cells whose normalised label satisfies ``match``, in reading order
        (only cells at most ``max_width`` columns wide, when given)."""
        found = []
        for r, c in self.occupied():
            if rows is not None and r not in rows:
                continue
            if max_width and self.span(r, c)[3] - c + 1 > max_width:
                continue
            text = self.label(r, c)
            if text and match(text):
                found.append((r, c))
        return found

    def row_cells(self, row: int, first_col: int = 1) -> list[int]:
        """Columns of the distinct non-empty cells showing in ``row`` (a merge counted once)."""
        seen: set[tuple[int, int]] = set()
        cols = []
        for c in range(first_col, self.max_col + 1):
            tl = self.top_left(row, c)
            if tl in seen or self.values.get(tl) is None:
                continue
            seen.add(tl)
            cols.append(c)
        return cols

    # ------------------------------------------------------------------ conversions
    def text(self, row: int, col: int) -> str:
        """The cell as text, as a person reads it (a 95% cell gives ``95%``, not ``0.95``)."""
        value = self.raw(row, col)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, bool):
            return "是" if value else "否"
        fmt = self.formats.get(self.top_left(row, col), "General")
        if isinstance(value, int | float | Decimal):
            number = _exact(value)
            if "%" in fmt:
                return plain_decimal(number * 100) + "%"
            return plain_decimal(number)
        if isinstance(value, dt.datetime | dt.date | dt.time):
            shown = _date_text(value)
            self.note(row, col, f"日期单元格按“{shown}”读入，请核对")
            return shown
        return str(value).strip()

    def decimal(self, row: int, col: int, what: str) -> Decimal | None:
        """The cell as an exact number; blank marks give ``None``; anything else is noted."""
        value = self.raw(row, col)
        if value is None:
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            try:
                return decimal_from_cell(value)
            except DecimalBoundError as exc:
                self.note(row, col, f"{what}：{exc}，未导入该值")
                return None
        text = self.text(row, col)
        if normalise_label(text) in BLANK_MARKS:
            return None
        try:
            return parse_decimal_input(text)
        except DecimalInputError as exc:
            self.note(row, col, f"{what}：{exc}，未导入该值")
            return None

    def percent(self, row: int, col: int) -> Decimal | None:
        """A percentage cell as a fraction (``100.00%`` or a 1.0 formatted as % → ``1``)."""
        value = self.raw(row, col)
        if value is None:
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            try:
                number = decimal_from_cell(value)
            except DecimalBoundError:
                return None
            fmt = self.formats.get(self.top_left(row, col), "General")
            return number if "%" in fmt or number <= 1 else number / 100
        text = normalise_label(self.text(row, col))
        if text in BLANK_MARKS:
            return None
        try:
            number = parse_decimal_input(text.rstrip("%"))
        except DecimalInputError:
            return None
        return number / 100 if text.endswith("%") or number > 1 else number


def stored_cells(ws: Worksheet) -> list[Cell]:
    """The cells a worksheet holds in its file (openpyxl's cell store; no empty padding)."""
    cells: dict[tuple[int, int], Cell] = ws._cells  # private, but the only sparse view
    return list(cells.values())


def plain_decimal(d: Decimal) -> str:
    """``d`` without exponent or trailing zeros: ``Decimal("3E+4")`` → ``30000``."""
    text = format(d.normalize(), "f")
    return "0" if text in {"-0", "0.0"} else text


def _exact(value: int | float | Decimal) -> Decimal:
    """An exact decimal for a cell number: floats by their shortest repr (152919.8)."""
    if isinstance(value, float):
        try:
            return Decimal(repr(value))
        except InvalidOperation:
            return Decimal(0)
    return Decimal(value)


def _date_text(value: dt.datetime | dt.date | dt.time) -> str:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return f"{value.year}-{value.month:02d}-{value.day:02d}"
        return value.isoformat(sep=" ")
    return value.isoformat()
