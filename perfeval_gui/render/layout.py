"""The printed form as geometry: page style, table cells, rows, spanned groups, placed boxes.

``blocks.py`` turns a form into :class:`Block` s (rows of wrapped cells plus the cells that
span several rows), ``paginate.py`` places them on pages as :class:`Box` es, and ``draw.py``
draws the boxes. Coordinates are PDF points, y growing upwards, as reportlab's canvas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from perfeval_gui.render.text import Line

#: A4 in points (portrait).
A4_WIDTH = 595.2756
A4_HEIGHT = 841.8898
_MM = 72 / 25.4


class Align(StrEnum):
    """Horizontal alignment of a cell's lines."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Style:
    """Page geometry and type sizes of one printed form."""

    landscape: bool = False
    size: float = 9.0  # 小五: the table text
    leading: float = 12.0
    pad_x: float = 3.0
    pad_y: float = 3.0
    min_row: float = 18.0
    title_size: float = 18.0  # 小二
    year_size: float = 12.0  # 小四
    footer_size: float = 10.5  # 五号
    signature_size: float = 10.5
    line_width: float = 0.5
    margin_x: float = 18 * _MM
    margin_top: float = 18 * _MM
    margin_bottom: float = 20 * _MM  # the page number sits in this margin

    @property
    def page_width(self) -> float:
        """Width of the sheet in points."""
        return A4_HEIGHT if self.landscape else A4_WIDTH

    @property
    def page_height(self) -> float:
        """Height of the sheet in points."""
        return A4_WIDTH if self.landscape else A4_HEIGHT

    @property
    def table_width(self) -> float:
        """Width of the table (the sheet less both side margins)."""
        return self.page_width - 2 * self.margin_x

    @property
    def body_top(self) -> float:
        """The y of the top of the printable area."""
        return self.page_height - self.margin_top

    @property
    def body_bottom(self) -> float:
        """The y below which the table never goes (the footer lives beneath)."""
        return self.margin_bottom

    @property
    def body_height(self) -> float:
        """Height of the printable area of a page."""
        return self.body_top - self.body_bottom

    def text_height(self, lines: int) -> float:
        """The height a cell needs for ``lines`` lines of table text (padding included)."""
        return lines * self.leading + 2 * self.pad_y


@dataclass
class Cell:
    """One table cell before placement: its x-range within the table and its wrapped lines."""

    x0: float
    x1: float
    lines: list[Line]
    align: Align = Align.CENTER


@dataclass
class Row:
    """A table row: cells side by side, as tall as its tallest cell (at least ``min_height``)."""

    cells: list[Cell]
    min_height: float = 0.0


@dataclass
class Group:
    """A cell spanning body rows ``first``..``last`` (inclusive): a 一级/二级 or section label.

    ``with_header``: it also spans the block's header rows (the vertical section labels).
    """

    cell: Cell
    first: int
    last: int
    with_header: bool = False


@dataclass
class Block:
    """A section of the table; ``header`` rows repeat on every page the block continues on."""

    header: list[Row]
    rows: list[Row]
    groups: list[Group] = field(default_factory=list)


@dataclass
class Box:
    """A placed rectangle with the lines drawn in it (``border`` False for title and footer)."""

    x0: float
    x1: float
    top: float
    bottom: float
    lines: list[Line]
    align: Align = Align.CENTER
    middle: bool = True  # centre the lines vertically; False: from the top (split rows)
    size: float = 9.0
    leading: float = 12.0
    border: bool = True
    bold: bool = False  # the title: glyphs filled and outlined, as a Song font has no bold


@dataclass
class Page:
    """One printed page of one form: its boxes and its number."""

    style: Style
    number: int
    boxes: list[Box] = field(default_factory=list)
