"""Page breaking: blocks of rows become boxes on pages, never clipping a line of text.

reportlab's platypus ``Table`` cannot split a row inside a spanned cell (it raises
``LayoutError``) and does not repeat spanned labels, so the form is paginated here:

- a row that does not fit in the space left is split between lines (each part keeps at
  least two lines) or moved to the next page;
- a block's header rows repeat at the top of every page it continues on;
- a spanned cell (一级/二级 name, vertical section label) is drawn again on every page its
  rows reach, and each part is made tall enough for its label: space for that is reserved
  before a row is placed and given to the last row of the part;
- a label taller than a whole page (only with absurdly long names) flows on across its parts
  instead of repeating.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfeval_gui.render.errors import RenderError
from perfeval_gui.render.layout import Align, Block, Box, Group, Page, Row, Style
from perfeval_gui.render.text import Line

_EPS = 1e-6
#: A row is split only if at least this many lines of it fit (unless the page is empty).
_MIN_SPLIT_LINES = 2


@dataclass
class _Open:
    """A spanned cell being placed: where its part on this page began, how far its label got."""

    group: Group
    label_height: float
    flow: bool
    start: float | None = None
    offset: int = 0


class Paginator:
    """Places title lines, blocks and free text on consecutive pages of one style."""

    def __init__(self, style: Style, first_number: int) -> None:
        self.style = style
        self.pages: list[Page] = []
        self._number = first_number
        self._last: list[Box] = []
        self.new_page()

    def new_page(self) -> None:
        """Start a new page; the next thing placed goes to its top."""
        self.pages.append(Page(self.style, self._number))
        self._number += 1
        self.y = self.style.body_top
        self._fresh = True
        self._last = []

    @property
    def next_number(self) -> int:
        """The page number the page after the last one would get."""
        return self._number

    @property
    def room(self) -> float:
        """Height left on the current page."""
        return self.y - self.style.body_bottom

    def skip(self, height: float) -> None:
        """Leave ``height`` blank below what was placed last (never past the page's foot)."""
        self.y -= min(height, self.room)

    def place_band(self, boxes: list[Box], height: float, *, gap: float = 0.0) -> None:
        """Place borderless boxes side by side in a band of ``height`` (on a new page if needed).

        ``boxes`` carry their x-range and lines; their top and bottom are set here.
        """
        if not self._fresh and gap + height > self.room + _EPS:
            self.new_page()
        if not self._fresh:
            self.y -= gap
        for box in boxes:
            box.top, box.bottom = self.y, self.y - height
            self.pages[-1].boxes.append(box)
        self.y -= height
        self._fresh = False
        self._last = []

    def _add(self, box: Box) -> None:
        self.pages[-1].boxes.append(box)

    def _rest(self, row: Row, offsets: list[int]) -> float:
        """Height of what is left of ``row`` from ``offsets``."""
        n = max((len(c.lines) - o for c, o in zip(row.cells, offsets, strict=True)), default=0)
        return max(self.style.text_height(n), row.min_height if n else 0.0)

    def _required(self, part: _Open, final: bool) -> float:
        """Height the current part of a spanned cell needs for its label."""
        if not part.flow:
            return part.label_height
        if final:
            return self.style.text_height(len(part.group.cell.lines) - part.offset)
        return self.style.text_height(1)

    def _span(self, part: _Open, header: float) -> float:
        """Height the part of a spanned cell has on this page so far (with a pending header)."""
        if part.start is not None:
            return part.start - self.y
        return header if part.group.with_header else 0.0

    def _deficit(
        self, parts: list[_Open], row: int, header: float, height: float, *, last_piece: bool
    ) -> float:
        """Extra height the spanned cells need if the page (or their span) ended after a piece."""
        worst = 0.0
        for part in parts:
            final = last_piece and row == part.group.last
            lack = self._required(part, final) - (self._span(part, header) + height)
            worst = max(worst, lack)
        return worst

    def _place_header(self, block: Block, parts: list[_Open]) -> None:
        for part in parts:
            if part.group.with_header and part.start is None:
                part.start = self.y
        for row in block.header:
            self._place_piece(row, [0] * len(row.cells), None)

    def _place_piece(self, row: Row, offsets: list[int], height: float | None) -> list[int]:
        """Place the rest of ``row`` (``height`` None) or a split part of ``height``."""
        st = self.style
        take = 1 << 30
        h = self._rest(row, offsets)
        if height is not None:
            h = height
            take = int((height - 2 * st.pad_y + _EPS) // st.leading)
        boxes: list[Box] = []
        new_offsets: list[int] = []
        for cell, off in zip(row.cells, offsets, strict=True):
            lines = cell.lines[off : off + take]
            # A row split over pages reads from the top of each part, as in a word processor.
            whole = off == 0 and len(lines) == len(cell.lines) and height is None
            boxes.append(
                Box(
                    cell.x0,
                    cell.x1,
                    self.y,
                    self.y - h,
                    lines,
                    cell.align,
                    whole,
                    st.size,
                    st.leading,
                )
            )
            new_offsets.append(off + len(lines))
        for box in boxes:
            self._add(box)
        self.y -= h
        self._fresh = False
        self._last = boxes
        return new_offsets

    def _grow_last(self, height: float) -> None:
        """Give ``height`` more to the last placed row (space reserved for a spanned label)."""
        if height <= _EPS or not self._last:
            return
        for box in self._last:
            box.bottom -= height
        self.y -= height

    def _close(self, part: _Open) -> None:
        """Draw the part of a spanned cell on this page, from its start to the current y."""
        if part.start is None:
            return
        st = self.style
        lines: list[Line] = part.group.cell.lines
        fits = int((part.start - self.y - 2 * st.pad_y + _EPS) // st.leading)
        whole = part.offset == 0 and fits >= len(lines)
        if not whole:
            lines = lines[part.offset : part.offset + max(fits, 0)]
            part.offset += len(lines)
            if part.offset >= len(part.group.cell.lines):
                part.offset = 0
        cell = part.group.cell
        self._add(
            Box(cell.x0, cell.x1, part.start, self.y, lines, cell.align, whole, st.size, st.leading)
        )
        part.start = None

    def _break(self, parts: list[_Open], row: int) -> None:
        """End the page inside a block: close the open spanned cells, start a new page."""
        open_parts = [p for p in parts if p.start is not None]
        self._grow_last(self._deficit(open_parts, row, 0.0, 0.0, last_piece=False))
        for part in open_parts:
            self._close(part)
        self.new_page()

    def place_block(self, block: Block, *, keep_after: float = 0.0) -> None:
        """Place a block; ``keep_after`` is room kept free below its last row (signature)."""
        st = self.style
        header_h = sum(self._rest(r, [0] * len(r.cells)) for r in block.header)
        page_room = st.body_height - header_h
        parts = []
        for group in block.groups:
            label_h = st.text_height(len(group.cell.lines))
            parts.append(_Open(group, label_h, flow=label_h > page_room + _EPS))
        active_at: list[list[_Open]] = [[] for _ in block.rows]  # spanned cells of each row
        for part in parts:
            for ri in range(part.group.first, part.group.last + 1):
                active_at[ri].append(part)
        header_pending = True
        for ri, row in enumerate(block.rows):
            offsets = [0] * len(row.cells)
            active = active_at[ri]
            done = False
            while not done:
                header = header_h if header_pending else 0.0
                rest = self._rest(row, offsets)
                after = keep_after if ri == len(block.rows) - 1 else 0.0
                need = header + rest + after
                need += self._deficit(active, ri, header, rest, last_piece=True)
                if need <= self.room + _EPS:
                    if header_pending:
                        self._place_header(block, parts)
                        header_pending = False
                    self._start(active)
                    offsets = self._place_piece(row, offsets, None)
                    ending = [p for p in active if p.group.last == ri]
                    self._grow_last(self._deficit(ending, ri, 0.0, 0.0, last_piece=True))
                    for part in ending:
                        self._close(part)
                    done = True
                    continue
                height = self.room - header
                if self._can_split(row, offsets, active, ri, header=header, height=height):
                    if header_pending:
                        self._place_header(block, parts)
                    self._start(active)
                    offsets = self._place_piece(row, offsets, height)
                elif self._fresh:
                    # Only a page too small for a block's header rows could get here.
                    raise RenderError("页面放不下表格的一行，无法排版")
                self._break(parts, ri)
                header_pending = True

    def _start(self, active: list[_Open]) -> None:
        for part in active:
            if part.start is None:
                part.start = self.y

    def _can_split(
        self,
        row: Row,
        offsets: list[int],
        active: list[_Open],
        ri: int,
        *,
        header: float,
        height: float,
    ) -> bool:
        """Whether a part of ``row`` of ``height`` may end this page (the row going on)."""
        st = self.style
        fits = int((height - 2 * st.pad_y + _EPS) // st.leading)
        left = max((len(c.lines) - o for c, o in zip(row.cells, offsets, strict=True)), default=0)
        if fits < 1 or (fits < _MIN_SPLIT_LINES and not self._fresh):
            return False
        if self._deficit(active, ri, header, height, last_piece=False) > _EPS:
            return False
        if left > fits:
            return True
        # The text fits, but a label that flows over pages needs more room than is left.
        return any(p.flow and ri == p.group.last for p in active)


def text_box(
    lines: list[Line],
    x0: float,
    x1: float,
    size: float,
    *,
    align: Align = Align.CENTER,
    leading: float | None = None,
) -> Box:
    """A borderless box of free text (title, signature); placed by :meth:`Paginator.place_band`."""
    return Box(x0, x1, 0.0, 0.0, lines, align, True, size, leading or size * 1.4, border=False)
