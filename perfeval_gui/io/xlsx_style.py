"""How the exported sheet looks and prints: font, borders, column widths, row heights, A4 setup.

Row heights are estimated from the text (a CJK character is two columns wide) so every text
shows in full on screen and on paper; Excel and LibreOffice do not grow merged rows by
themselves.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.model.form import PrintOptions
from perfeval_gui.model.rounding import PRINTED_PLACES, decimal_places

#: 宋体 is what the printed forms use; Excel/WPS map it to SimSun, LibreOffice to a Song face.
FONT_NAME = "宋体"
FONT_SIZE = 10.5  # 五号, the usual size of table text in Chinese government documents
TITLE_SIZE = 16.0
#: Width of the section label column A, then of each indicator column by its key.
SECTION_WIDTH = 4.5
INDICATOR_WIDTHS = {
    "level1": 10.0, "level2": 11.0, "name": 22.0, "target_nature": 7.0, "target": 15.0,
    "target_unit": 7.0, "actual": 15.0, "weight": 8.0, "score": 9.0, "deviation_note": 20.0,
}  # fmt: skip
SPLIT_TARGET_WIDTH = 9.0  # the 指标值 of a split target

AMOUNT_FORMAT = "#,##0.00"
#: A cell holds a double: about 15 significant digits, so more decimals would show noise.
_MAX_AMOUNT_DECIMALS = 10
PERCENT_FORMAT = "0.00%"
# General prints 10, 4.5 and 4.25 as the printed form does; a fixed 0.00 would print 10.00.
SCORE_FORMAT = "General"
TEXT_FORMAT = "@"


def amount_format(value: Decimal | None) -> str:
    """The number format of one amount cell: 2 decimals, or as many as the amount holds
    (12.3456 万元 shows as such, not as 12.35)."""
    places = 0 if value is None else min(decimal_places(value), _MAX_AMOUNT_DECIMALS)
    return AMOUNT_FORMAT if places <= PRINTED_PLACES else "#,##0." + "0" * places


_LINE_POINTS = 14.0  # one line of 10.5 pt 宋体 with leading
_PADDING_POINTS = 6.0
MAX_ROW_POINTS = 409.0  # Excel's limit for one row
_THIN = Side(style="thin", color="000000")

BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
NO_BORDER = Border()
FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)
# Stacked text (one character per line), as the section labels are printed.
VERTICAL = Alignment(horizontal="center", vertical="center", wrap_text=True, text_rotation=255)

MAX_CELL_UNITS = 32767
_CR = re.compile(r"\r\n?")


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: control characters (illegal in XML) removed.

    The exact text is kept in the hidden ``perfeval`` sheet; only the visible copy changes
    (a text longer than Excel's 32,767 UTF-16 units a cell is cut there).
    """
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", _CR.sub("\n", text))
    if len(cleaned) * 2 > MAX_CELL_UNITS:  # quick test; the exact one counts UTF-16 units
        encoded = cleaned.encode("utf-16-le")
        if len(encoded) // 2 > MAX_CELL_UNITS:
            # Excel refuses longer cells; the full text stays in the hidden sheet.
            cleaned = encoded[: MAX_CELL_UNITS * 2].decode("utf-16-le", errors="ignore")
    return cleaned


def display_width(text: str) -> int:
    """Width in spreadsheet columns: wide (CJK, full-width) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` columns needs to show ``text`` in full."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def points_for(lines: int) -> float:
    """Height in points that ``lines`` lines of text need (for one row or a merged block)."""
    return lines * _LINE_POINTS + _PADDING_POINTS


def height_for(lines: int) -> float:
    """Row height in points for ``lines`` lines of text, within Excel's limit for a row."""
    return min(MAX_ROW_POINTS, points_for(lines))


def rows_for(lines: int) -> int:
    """How many rows a block of ``lines`` lines needs when one row cannot be tall enough."""
    per_row = int((MAX_ROW_POINTS - _PADDING_POINTS) // _LINE_POINTS)
    return max(1, math.ceil(lines / per_row))


def span_width(widths: Sequence[float], first_col: int, last_col: int) -> float:
    """Total width of columns ``first_col``..``last_col`` (1-based)."""
    return sum(widths[first_col - 1 : last_col])


def set_columns(ws: Worksheet, widths: Sequence[float]) -> None:
    """Give the columns the form's widths."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def set_print(
    ws: Worksheet, options: PrintOptions, title_row: int, last_row: int, last_col: int
) -> None:
    """A4, one page wide, the indicator header on every page, ``- N -`` in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if options.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.page_setup.firstPageNumber = options.first_page_number
    ws.page_setup.useFirstPageNumber = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = 0.8
    ws.page_margins.bottom = 0.9
    ws.page_margins.footer = 0.4
    ws.oddFooter.center.text = "- &P -"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = 10
    ws.print_title_rows = f"{title_row}:{title_row}"
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
