"""One form laid out on pages: title, the table's blocks, the 总分 row, the signature block."""

from __future__ import annotations

from collections.abc import Sequence

from perfeval_gui.model.form import Form
from perfeval_gui.model.glossary import DEFAULT_TITLE
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.render.blocks import BlockBuilder, Columns
from perfeval_gui.render.fonts import LoadedFont
from perfeval_gui.render.layout import Align, Box, Page, Style
from perfeval_gui.render.paginate import Paginator, text_box
from perfeval_gui.render.text import Line, Wrapper

#: Space between the 年度 line and the table, and between the table and the signature block.
_TITLE_GAP = 8.0
_SIGNATURE_GAP = 14.0
#: Line pitch of the signature block: room to sign by hand.
_SIGNATURE_LEADING = 30.0


def _wrapper(font: LoadedFont, size: float) -> Wrapper:
    return Wrapper(lambda ch: font.char_width(ch) * size)


def _is_stamp(label: str) -> bool:
    """A label wholly in brackets, such as （单位盖章）, is printed alone at the right."""
    text = label.strip()
    return len(text) > 1 and text[0] in "（(" and text[-1] in "）)"


def signature_boxes(
    labels: Sequence[str], style: Style, font: LoadedFont
) -> tuple[list[Box], float]:
    """The signature block: labels two to a line (``label：`` and room to write), stamps last.

    Returns the boxes (unplaced) and the height of the block.
    """
    cols = Columns.for_style(style)
    size = style.signature_size
    mid = (cols.left + cols.right) / 2
    half = mid - cols.left - 2 * style.pad_x
    wrap = _wrapper(font, size)
    fields = [t.strip() for t in labels if t.strip() and not _is_stamp(t)]
    stamps = [t.strip() for t in labels if _is_stamp(t)]
    left: list[Line] = []
    right: list[Line] = []
    for i in range(0, len(fields), 2):
        a = wrap.wrap(fields[i] + "：", half)
        b = wrap.wrap(fields[i + 1] + "：", half) if i + 1 < len(fields) else []
        n = max(len(a), len(b))
        left += a + [Line("", soft=False)] * (n - len(a))
        right += b + [Line("", soft=False)] * (n - len(b))
    stamp_lines = [Line("", soft=False)] * len(left)
    for stamp in stamps:
        stamp_lines += wrap.wrap(stamp, half)
    n_lines = len(stamp_lines)
    boxes = [
        text_box(left, cols.left, mid, size, align=Align.LEFT, leading=_SIGNATURE_LEADING),
        text_box(right, mid, cols.right, size, align=Align.LEFT, leading=_SIGNATURE_LEADING),
        text_box(stamp_lines, mid, cols.right, size, align=Align.RIGHT, leading=_SIGNATURE_LEADING),
    ]
    for box in boxes:
        box.middle = False
    return boxes, n_lines * _SIGNATURE_LEADING + 2 * style.pad_y


def layout_form(
    form: Form, style: Style, font: LoadedFont, *, first_number: int, signature: bool
) -> list[Page]:
    """The pages of ``form``, numbered from ``first_number``."""
    builder = BlockBuilder(style, _wrapper(font, style.size))
    cols = builder.cols
    totals = compute_totals(form)
    pages = Paginator(style, first_number)
    width = cols.right - cols.left - 2 * style.pad_x
    title_lines = _wrapper(font, style.title_size).wrap(form.title.strip() or DEFAULT_TITLE, width)
    title_leading = style.title_size * 1.5
    title = text_box(title_lines, cols.left, cols.right, style.title_size, leading=title_leading)
    title.bold = True
    pages.place_band([title], len(title_lines) * title_leading)
    year_leading = style.year_size * 1.6
    year = text_box(
        [Line(f"（{form.year} 年度）", soft=False)],
        cols.left,
        cols.right,
        style.year_size,
        leading=year_leading,
    )
    year.middle = False  # the gap to the table goes below the line
    pages.place_band([year], year_leading + _TITLE_GAP)
    pages.place_block(builder.header_block(form))
    pages.place_block(builder.funds_block(form, totals))
    pages.place_block(builder.goals_block(form))
    pages.place_block(builder.indicator_block(form))
    sig_boxes: list[Box] = []
    sig_height = 0.0
    if signature:
        sig_boxes, sig_height = signature_boxes(form.print_options.signature_labels, style, font)
    pages.place_block(
        builder.total_block(totals), keep_after=sig_height + _SIGNATURE_GAP if signature else 0.0
    )
    if signature:
        pages.place_band(sig_boxes, sig_height, gap=_SIGNATURE_GAP)
    return pages.pages
