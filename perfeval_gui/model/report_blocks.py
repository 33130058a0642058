"""The pieces a 自评报告 is made of: sections, paragraphs, tables, placeholders.

Plain frozen data, so the report's content can be tested without Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

#: A placeholder or writer's note in a paragraph: ``【请补充：…】`` or ``【请核实：…】``.
PLACEHOLDER_PATTERN = re.compile(r"【请(?:补充|核实)：[^】]*】")


class ParagraphKind(StrEnum):
    """How a paragraph reads: body text, a level-2 heading, a note to the writer, 落款."""

    BODY = "body"
    HEADING2 = "heading2"
    NOTE = "note"  # for the writer only (review findings): to act on, then delete
    CLOSING = "closing"  # the unit and date at the end, right-aligned


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of text."""

    text: str
    kind: ParagraphKind = ParagraphKind.BODY


@dataclass(frozen=True)
class CellRange:
    """Body cells merged into one: rows ``first_row..last_row``, columns ``first_col..last_col``
    (inclusive, counted in ``Table.rows``); the top-left cell's text is shown."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Table:
    """A table: a caption above, a header row (repeated on every page), body rows."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths (any unit; the writer scales them to the text width).
    widths: tuple[int, ...]
    #: Columns whose cells are centred (figures, short names); the others are left-aligned.
    centred_columns: frozenset[int] = frozenset()
    merges: tuple[CellRange, ...] = ()


Block = Paragraph | Table


@dataclass(frozen=True)
class Section:
    """A level-1 section: its heading (``一、项目基本情况``) and its blocks."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """The whole report."""

    title: str
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...] = field(default=())

    def texts(self) -> list[str]:
        """Every text of the report in reading order (title, headings, paragraphs, cells)."""
        out = [self.title]
        for section in self.sections:
            out.append(section.heading)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    out.append(block.text)
                else:
                    out.append(block.caption)
                    out.extend(block.header)
                    out.extend(cell for row in block.rows for cell in row)
        out.extend(p.text for p in self.closing)
        return out


def placeholder(what: str) -> str:
    """A visible gap for the writer to fill: ``【请补充：what】``."""
    return f"【请补充：{what}】"
