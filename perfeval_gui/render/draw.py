"""Drawing placed boxes on a reportlab canvas: thin black grid, lines of text, page number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfeval_gui.render.layout import Align, Box, Page

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    from perfeval_gui.render.fonts import LoadedFont

#: A justified line may widen by at most this many character widths (else it stays ragged).
_MAX_JUSTIFY_SLACK = 4.0
#: Outline width of bold text, as a share of its size.
_BOLD_STROKE = 0.025


def page_number_text(number: int) -> str:
    """The footer of government documents: ``- 4 -``."""
    return f"- {number} -"


def draw_page(canvas: Canvas, page: Page, font: LoadedFont) -> None:
    """Draw all boxes of ``page`` and its centred page number, then end the page."""
    style = page.style
    canvas.setPageSize((style.page_width, style.page_height))
    canvas.setLineWidth(style.line_width)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setFillColorRGB(0, 0, 0)
    for box in page.boxes:
        if box.border:
            canvas.rect(box.x0, box.bottom, box.x1 - box.x0, box.top - box.bottom, stroke=1, fill=0)
    # One text object per page: far fewer operators than one per string.
    text = canvas.beginText()
    for box in page.boxes:
        if box.lines and not box.bold:
            _draw_text(text, box, font, style.pad_x, style.pad_y)
    canvas.drawText(text)
    for box in page.boxes:
        if box.lines and box.bold:
            bold = canvas.beginText()
            bold.setTextRenderMode(2)  # fill and stroke: a faux bold
            canvas.setLineWidth(box.size * _BOLD_STROKE)
            _draw_text(bold, box, font, style.pad_x, style.pad_y)
            bold.setTextRenderMode(0)  # the render mode outlives the text object
            canvas.drawText(bold)
            canvas.setLineWidth(style.line_width)
    size = style.footer_size
    canvas.setFont(font.name, size)
    canvas.drawCentredString(
        style.page_width / 2, style.margin_bottom / 2 - size / 2, page_number_text(page.number)
    )
    canvas.showPage()


def _draw_text(text: PDFTextObject, box: Box, font: LoadedFont, pad_x: float, pad_y: float) -> None:
    """The lines of ``box``: centred vertically (or from the top), aligned, soft lines justified."""
    size, leading = box.size, box.leading
    text.setFont(font.name, size)
    text_h = len(box.lines) * leading
    top = box.top - (box.top - box.bottom - text_h) / 2 if box.middle else box.top - pad_y
    # Centre each glyph's em box (from descent to descent + 1 em) inside its line's leading.
    drop = (leading + size) / 2 + font.descent * size
    left, right = box.x0 + pad_x, box.x1 - pad_x
    for i, line in enumerate(box.lines):
        if not line.text:
            continue
        y = top - i * leading - drop
        width = font.width(line.text, size)
        if box.align is Align.CENTER:
            x = (box.x0 + box.x1 - width) / 2
        elif box.align is Align.RIGHT:
            x = right - width
        else:
            x = left
            slack = right - left - width
            gaps = len(line.text) - 1
            if line.soft and gaps > 0 and 0 < slack <= _MAX_JUSTIFY_SLACK * size:
                text.setTextOrigin(x, y)
                text.setCharSpace(slack / gaps)
                text.textOut(line.text)
                text.setCharSpace(0)
                continue
        text.setTextOrigin(x, y)
        text.textOut(line.text)
