"""One form laid out on pages: title, the table's blocks, the 总分 row, the signature block."""

from __future__ import annotations

from collections.abc import Sequence

from perfeval_gui.model.form import Form
from perfeval_gui.model.glossary import DEFAULT_TITLE
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import form_template
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
    return Wrapper(lambda ch: font.char_width(ch) * size, font.has_glyph)


def _is_stamp(label: str) -> bool:
    """A label wholly in brackets, such as （单位盖章）, is printed alone at the right."""
    text = label.strip()
    return len(text) > 1 and text[0] in "（(" and text[-1] in "）)"


def signature_lines(labels: Sequence[str], style: Style, font: LoadedFont) -> list[list[Box]]:
    """The signature block, one band of boxes per printed line.

    Labels go two to a line (``label：`` and room to write by hand); labels wholly in brackets,
    such as （单位盖章）, go last at the right. A long label wraps onto more lines.
    """
    cols = Columns.for_style(style)
    size = style.signature_size
    mid = (cols.left + cols.right) / 2
    half = mid - cols.left - 2 * style.pad_x
    wrap = _wrapper(font, size)
    fields = [t.strip() for t in labels if t.strip() and not _is_stamp(t)]
    stamps = [t.strip() for t in labels if _is_stamp(t)]
    bands: list[list[Box]] = []

    def box(line: Line, x0: float, x1: float, align: Align) -> Box:
        return text_box([line], x0, x1, size, align=align, leading=_SIGNATURE_LEADING)

    def colon(label: str) -> str:  # 填报人： — but 填报人：王芳 (filled in) gets no second colon
        return label if "：" in label or ":" in label else label + "："

    for i in range(0, len(fields), 2):
        left = wrap.wrap(colon(fields[i]), half)
        right = wrap.wrap(colon(fields[i + 1]), half) if i + 1 < len(fields) else []
        for k in range(max(len(left), len(right))):
            band = [box(left[k], cols.left, mid, Align.LEFT)] if k < len(left) else []
            if k < len(right):
                band.append(box(right[k], mid, cols.right, Align.LEFT))
            bands.append(band)
    for stamp in stamps:
        bands += [[box(line, mid, cols.right, Align.RIGHT)] for line in wrap.wrap(stamp, half)]
    return bands


def _place_lines(
    pages: Paginator, lines: list[Line], style: Style, size: float, leading: float, *, bold: bool
) -> None:
    """Centred lines of free text (title, year), each placed on its own so none is cut."""
    cols = Columns.for_style(style)
    for line in lines:
        box = text_box([line], cols.left, cols.right, size, leading=leading)
        box.bold = bold
        pages.place_band([box], leading)


def layout_form(
    form: Form, style: Style, font: LoadedFont, *, first_number: int, signature: bool
) -> list[Page]:
    """The pages of ``form`` in its template's layout, numbered from ``first_number``."""
    template = form_template(form)
    builder = BlockBuilder(style, _wrapper(font, style.size), template)
    cols = builder.cols
    totals = compute_totals(form)
    pages = Paginator(style, first_number)
    width = cols.right - cols.left - 2 * style.pad_x
    if template.report_code:  # 公开14表, 510000_0013zp: above the title, at the right
        code = text_box(
            [Line(template.report_code, soft=False)],
            cols.left,
            cols.right,
            style.year_size,
            align=Align.RIGHT,
            leading=style.year_size * 1.4,
        )
        pages.place_band([code], style.year_size * 1.4)
    title_lines = _wrapper(font, style.title_size).wrap(form.title.strip() or DEFAULT_TITLE, width)
    _place_lines(pages, title_lines, style, style.title_size, style.title_size * 1.5, bold=True)
    year = Line(f"（{form.year} 年度）", soft=False)
    _place_lines(pages, [year], style, style.year_size, style.year_size * 1.6, bold=False)
    pages.skip(_TITLE_GAP)
    pages.place_block(builder.header_block(form))
    pages.place_block(builder.funds_block(form, totals))
    pages.place_block(builder.goals_block(form))
    pages.place_block(builder.indicator_block(form))
    bands = signature_lines(form.print_options.signature_labels, style, font) if signature else []
    keep = _SIGNATURE_GAP + len(bands) * _SIGNATURE_LEADING if bands else 0.0
    if keep > style.body_height / 2:  # an absurdly long block: keep only its first line
        keep = _SIGNATURE_GAP + _SIGNATURE_LEADING
    texts = builder.text_blocks(form)
    pages.place_block(builder.total_block(totals), keep_after=0.0 if texts else keep)
    for i, block in enumerate(texts):
        pages.place_block(block, keep_after=keep if i == len(texts) - 1 else 0.0)
    for i, band in enumerate(bands):
        pages.place_band(band, _SIGNATURE_LEADING, gap=_SIGNATURE_GAP if i == 0 else 0.0)
    return pages.pages
