"""Writing cells of the exported form: the form's styles, merges, and the row heights text needs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.xlsx_style import (
    BORDER,
    CENTER,
    FONT,
    MAX_ROW_POINTS,
    NO_BORDER,
    TEXT_FORMAT,
    VERTICAL,
    cell_text,
    height_for,
    lines_needed,
    points_for,
    span_width,
)


class SheetWriter:
    """Writes cells with the form's styles and remembers the height each row needs."""

    def __init__(self, ws: Worksheet, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = tuple(widths)
        self.lines: dict[int, int] = {}
        # Cells merged over several rows: (first row, last row, lines of text they need).
        self.blocks: list[tuple[int, int, int]] = []

    @property
    def last_col(self) -> int:
        """The rightmost column of the form."""
        return len(self.widths)

    def width(self, first_col: int, last_col: int) -> float:
        """Width of columns ``first_col``..``last_col`` together."""
        return span_width(self.widths, first_col, last_col)

    def put(
        self,
        row: int,
        col: int,
        value: str | Decimal | None,
        *,
        to: tuple[int, int] | None = None,
        align: Alignment = CENTER,
        font: Font = FONT,
        number_format: str = TEXT_FORMAT,
        border: bool = True,
    ) -> None:
        """Write ``value`` at (row, col), merged down/right to ``to`` = (last row, last col)."""
        last_row, last_col = to or (row, col)
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, str):
            cell.value = cell_text(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
        elif value is not None:
            # A cell holds a double; converting here (not in openpyxl's writer) makes the
            # sheet compare equal to a fresh export in the importer's "untouched" test.
            cell.value = float(value)
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                target = self.ws.cell(row=r, column=c)
                target.font, target.alignment = font, align
                target.border = BORDER if border else NO_BORDER
                target.number_format = number_format
        if (last_row, last_col) != (row, col):
            self.ws.merge_cells(
                start_row=row, start_column=col, end_row=last_row, end_column=last_col
            )
        if not isinstance(value, str):
            return
        text = cell_text(value)
        # Stacked text needs a line per character; wrapped text as many lines as it wraps to.
        need = len(text) if align is VERTICAL else lines_needed(text, self.width(col, last_col))
        if last_row == row:
            self.lines[row] = max(self.lines.get(row, 1), need)
        else:
            self.blocks.append((row, last_row, need))

    def number(self, row: int, col: int, value: Decimal | None, number_format: str) -> None:
        """A number cell (empty when ``value`` is None)."""
        self.put(row, col, value, number_format=number_format)

    def set_heights(self) -> None:
        """Row heights that show every text, merged blocks included."""
        heights = {row: height_for(lines) for row, lines in self.lines.items()}
        for first, last, lines in self.blocks:
            rows = range(first, last + 1)
            have = sum(heights.get(r, height_for(1)) for r in rows)
            missing = points_for(lines) - have
            if missing > 0:
                for r in rows:
                    grown = heights.get(r, height_for(1)) + missing / len(rows)
                    heights[r] = min(MAX_ROW_POINTS, grown)
        for row, height in heights.items():
            self.ws.row_dimensions[row].height = round(height, 1)
