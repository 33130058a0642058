"""A report table as WordprocessingML, written in one piece.

python-docx's table API lays out the whole table on each cell access and merges cells by
recursion (a 2,000-row table took seconds, a 一级 of 1,000 rows overflowed the stack), so the
table is built here as XML text and parsed once: borders, fixed column widths, a header row
repeated on every page (``w:tblHeader``), rows never split, merges as ``w:gridSpan`` across
and ``w:vMerge`` down, placeholders highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Pt

from perfeval_gui.io.report_docx_style import STYLES, TEXT_WIDTH, style_id
from perfeval_gui.model.report_blocks import PLACEHOLDER_PATTERN, CellRange, Table

CELL_SIDE_MARGIN = 57  # twips: 0.1 cm, so 小四 names like 产出指标 fit on one line
ROW_MIN_HEIGHT = 454  # twips: 0.8 cm
_EMU_PER_TWIP = 635

#: Characters XML 1.0 (and so Word) cannot hold; a form pasted from elsewhere may have them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def table_element(table: Table) -> BaseOxmlElement:
    """The ``w:tbl`` of ``table``, as wide as the text block."""
    total = sum(table.widths)
    text_twips = TEXT_WIDTH // _EMU_PER_TWIP
    widths = [text_twips * w // total for w in table.widths]
    starts, spans, continued = _merge_maps(table.merges)
    rows = [_row(table.header, widths, "cell_head", set(range(len(widths))), header=True)]
    for r, values in enumerate(table.rows):
        cells = []
        col = 0
        while col < len(values):
            merge = starts.get((r, col)) or spans.get((r, col))
            span = merge.last_col - merge.first_col + 1 if merge else 1
            width = sum(widths[col : col + span])
            text = "" if (r, col) in continued else values[col]
            v_merge = None
            if merge is not None and merge.last_row > merge.first_row:
                v_merge = "restart" if r == merge.first_row else "continue"
            centred = col in table.centred_columns
            cells.append(_cell(text, width, "cell", centred=centred, span=span, v_merge=v_merge))
            col += span
        rows.append(_tr("".join(cells), header=False))
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = (
        f'<w:left w:w="{CELL_SIDE_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_SIDE_MARGIN}" w:type="dxa"/>'
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    element: BaseOxmlElement = parse_xml(xml)
    return element


def _merge_maps(
    merges: tuple[CellRange, ...],
) -> tuple[
    dict[tuple[int, int], CellRange], dict[tuple[int, int], CellRange], set[tuple[int, int]]
]:
    """Where merges start, the first cell of each of their rows, and the cells they cover."""
    starts: dict[tuple[int, int], CellRange] = {}
    spans: dict[tuple[int, int], CellRange] = {}
    covered: set[tuple[int, int]] = set()
    for m in merges:
        starts[(m.first_row, m.first_col)] = m
        for r in range(m.first_row, m.last_row + 1):
            spans[(r, m.first_col)] = m
            if r != m.first_row:
                covered.add((r, m.first_col))
    return starts, spans, covered


def _row(
    values: tuple[str, ...], widths: list[int], role: str, centred: set[int], *, header: bool
) -> str:
    cells = "".join(
        _cell(text, widths[col], role, centred=col in centred) for col, text in enumerate(values)
    )
    return _tr(cells, header=header)


def _tr(cells: str, *, header: bool) -> str:
    """A row never split across pages, at least 0.8 cm high; the header repeats on every page."""
    repeat = "<w:tblHeader/>" if header else ""
    height = f'<w:trHeight w:val="{ROW_MIN_HEIGHT}" w:hRule="atLeast"/>'
    return f"<w:tr><w:trPr><w:cantSplit/>{height}{repeat}</w:trPr>{cells}</w:tr>"


def _cell(
    text: str, width: int, role: str, *, centred: bool, span: int = 1, v_merge: str | None = None
) -> str:
    spec = STYLES[role]
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if v_merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif v_merge == "continue":
        properties += "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    lines = balanced_lines(text, Length(width * _EMU_PER_TWIP), spec.size) if centred else [text]
    runs = "<w:r><w:br/></w:r>".join(runs_xml(line) for line in lines)
    jc = '<w:jc w:val="center"/>' if centred else ""
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{style_id(role)}"/>{jc}</w:pPr>{runs}</w:p>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph}</w:tc>"


def runs_xml(text: str, *, marked: bool = False) -> str:
    """``w:r`` elements of ``text``: placeholders highlighted, line breaks and tabs kept."""
    return "".join(_run_xml(piece, highlighted) for piece, highlighted in pieces(text, marked))


def pieces(text: str, marked: bool) -> Iterator[tuple[str, bool]]:
    """``text`` cut at placeholders: (piece, highlighted), in order, no empty pieces."""
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], marked
        yield match.group(), True
        position = match.end()
    if position < len(text):
        yield text[position:], marked


def _run_xml(text: str, highlighted: bool) -> str:
    text = XML_ILLEGAL.sub("", text)
    props = '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' if highlighted else ""
    parts = re.split(r"(\r\n|\n|\r|\t)", text)
    body = "".join(
        "<w:tab/>"
        if part == "\t"
        else "<w:br/>"
        if part in ("\n", "\r", "\r\n")
        else f'<w:t xml:space="preserve">{escape(part)}</w:t>'
        for part in parts
        if part
    )
    return f"<w:r>{props}{body}</w:r>"


def balanced_lines(text: str, width: Length, size: Length | Pt) -> list[str]:
    """A short name in a narrow centred cell, broken where a reader would break it.

    ``社会效益指标`` in a five-character column reads ``社会效益`` / ``指标`` rather than
    ``社会效益指`` / ``标``, and ``服务对象满意度指标`` ``服务对象`` / ``满意度指标``: even
    pieces, a final 指标 kept whole. Text with spaces or Latin characters is left to the word
    processor.
    """
    per_line = int((width - 2 * CELL_SIDE_MARGIN * _EMU_PER_TWIP) // size)
    if per_line < 1 or len(text) <= per_line or not all(_is_wide(ch) for ch in text):
        return [text]
    suffix = "指标" if text.endswith("指标") and len(text) > 2 else ""
    lines = _even_pieces(text.removesuffix(suffix) if suffix else text, per_line)
    if suffix and len(lines[-1]) + len(suffix) <= per_line:
        lines[-1] += suffix
    elif suffix:
        lines.append(suffix)
    return lines


def _even_pieces(text: str, per_line: int) -> list[str]:
    """``text`` in the fewest lines of at most ``per_line`` characters, of even length."""
    count = -(-len(text) // per_line)
    step = -(-len(text) // count)
    return [text[i : i + step] for i in range(0, len(text), step)]


def _is_wide(ch: str) -> bool:
    return not ch.isascii() and not ch.isspace()
