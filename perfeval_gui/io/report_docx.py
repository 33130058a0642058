"""The 自评报告 as a Word document (.docx), written with python-docx.

``report_docx_bytes(report)`` lays out a ``model.report_content.Report``: the title, the
five sections, the tables (borders, the header row repeated on every page) and the 落款.
Placeholders ``【请补充：…】`` are highlighted so the writer sees what to add.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Length, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from perfeval_gui.io.atomic import atomic_write_bytes, describe_os_error
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.report_docx_style import STYLES, TEXT_WIDTH, setup_page, setup_styles
from perfeval_gui.model.report_blocks import (
    PLACEHOLDER_PATTERN,
    Paragraph,
    ParagraphKind,
    Report,
    Table,
)

CELL_SIDE_MARGIN = 57  # twips: 0.1 cm
ROW_MIN_HEIGHT = 454  # twips: 0.8 cm

#: Characters XML 1.0 (and so Word) cannot hold; a form pasted from elsewhere may have them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_KIND_STYLE = {
    ParagraphKind.BODY: "body",
    ParagraphKind.HEADING2: "heading2",
    ParagraphKind.NOTE: "note",
    ParagraphKind.CLOSING: "closing",
}


def report_docx_bytes(report: Report) -> bytes:
    """The .docx file of ``report``."""
    document = docx.Document()
    setup_styles(document)
    setup_page(document)
    title = _paragraph(document, "", "title")
    for n, title_line in enumerate(report.title.split("\n")):
        if n:
            title.add_run().add_break()
        _add_text(title, title_line)
    _paragraph(document, "", "body")  # a blank line under the title
    for section in report.sections:
        _paragraph(document, section.heading, "heading1")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _paragraph(document, block.text, _KIND_STYLE[block.kind])
            else:
                _table(document, block)
    if report.closing:
        _paragraph(document, "", "body")
        for closing in report.closing:
            _paragraph(document, closing.text, "closing")
    _properties(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_report_docx(report: Report, path: Path) -> None:
    """Write ``report`` to ``path`` atomically; raises ``FormFileError`` (Chinese reason)."""
    data = report_docx_bytes(report)
    try:
        atomic_write_bytes(path, data, backup=False)
    except OSError as exc:
        raise FormFileError(describe_os_error(exc, writing=True), path) from exc


def _paragraph(document: DocxDocument, text: str, role: str) -> DocxParagraph:
    paragraph = document.add_paragraph(style=STYLES[role].name)
    _add_text(paragraph, text, marked=role == "note")
    return paragraph


def _add_text(paragraph: DocxParagraph, text: str, *, marked: bool = False) -> None:
    """Add ``text`` as runs; placeholders (and a whole note) are highlighted."""
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
        if match.start() > position:
            _run(paragraph, text[position : match.start()], marked)
        _run(paragraph, match.group(), True)
        position = match.end()
    if position < len(text):
        _run(paragraph, text[position:], marked)


def _run(paragraph: DocxParagraph, text: str, highlighted: bool) -> None:
    run = paragraph.add_run(_XML_ILLEGAL.sub("", text))
    if highlighted:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


# ---------------------------------------------------------------- tables
def _table(document: DocxDocument, table: Table) -> None:
    _paragraph(document, table.caption, "caption")
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _borders(grid)
    total = sum(table.widths)
    widths = [Emu(TEXT_WIDTH * w // total) for w in table.widths]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    covered = _covered_cells(table)
    header_row = grid.rows[0]
    _row_properties(header_row._tr, header=True)
    for col, text in enumerate(table.header):
        _cell(header_row.cells[col], text, "cell_head", widths[col], centred=True)
    for r, values in enumerate(table.rows):
        row = grid.rows[r + 1]
        _row_properties(row._tr, header=False)
        for col, text in enumerate(values):
            shown = "" if (r, col) in covered else text
            centred = col in table.centred_columns
            _cell(row.cells[col], shown, "cell", widths[col], centred=centred)
    for merge in table.merges:
        first = grid.cell(merge.first_row + 1, merge.first_col)
        last = grid.cell(merge.last_row + 1, merge.last_col)
        merged = first.merge(last)
        # merge() keeps the (empty) paragraphs of the covered cells: drop them.
        for extra in merged.paragraphs[1:]:
            if not extra.text:
                extra._element.getparent().remove(extra._element)
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # Python-docx tables are followed directly by the next paragraph: keep a little air.
    _paragraph(document, "", "cell")


def _covered_cells(table: Table) -> set[tuple[int, int]]:
    """Cells inside a merge other than its top-left one (their text is not shown)."""
    covered: set[tuple[int, int]] = set()
    for m in table.merges:
        for r in range(m.first_row, m.last_row + 1):
            for c in range(m.first_col, m.last_col + 1):
                if (r, c) != (m.first_row, m.first_col):
                    covered.add((r, c))
    return covered


def _cell(cell: _Cell, text: str, role: str, width: Emu, *, centred: bool) -> None:
    cell.width = width
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.style = STYLES[role].name
    if not centred:
        _add_text(paragraph, text)
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, line in enumerate(balanced_lines(text, width, STYLES[role].size)):
        if n:
            paragraph.add_run().add_break()
        _add_text(paragraph, line)


def balanced_lines(text: str, width: Length, size: Length) -> list[str]:
    """A short name in a narrow centred cell, broken where a reader would break it.

    ``社会效益指标`` in a five-character column reads ``社会效益`` / ``指标`` rather than
    ``社会效益指`` / ``标``, and ``服务对象满意度指标`` ``服务对象`` / ``满意度指标``: even
    pieces, a final 指标 kept whole.
    Text with spaces or Latin characters is left to the word processor.
    """
    per_line = int((width - 2 * Twips(CELL_SIDE_MARGIN)) // size)
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


def _borders(table: DocxTable) -> None:
    """Thin single lines around and inside the table."""
    tbl_pr = table._tbl.tblPr
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>")
    _insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _insert_before(tbl_pr, layout, ("w:tblCellMar", "w:tblLook", "w:tblCaption"))
    # Narrow side margins in the cells (0.1 cm): 小四 names like 产出指标 fit in one line.
    margins = parse_xml(
        f"<w:tblCellMar {nsdecls('w')}>"
        f'<w:left w:w="{CELL_SIDE_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_SIDE_MARGIN}" w:type="dxa"/></w:tblCellMar>'
    )
    _insert_before(tbl_pr, margins, ("w:tblLook", "w:tblCaption"))


def _insert_before(parent: object, child: object, successors: tuple[str, ...]) -> None:
    """Insert ``child`` before the first of ``successors`` (the schema's order), or last."""
    for tag in successors:
        found = parent.find(qn(tag))  # type: ignore[attr-defined]
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)  # type: ignore[attr-defined]


def _row_properties(tr: object, *, header: bool) -> None:
    """A row never split across pages, at least 0.8 cm high; the header row is repeated at
    the top of every page (``w:tblHeader``)."""
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(ROW_MIN_HEIGHT))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _properties(document: DocxDocument, report: Report) -> None:
    props = document.core_properties
    props.title = _XML_ILLEGAL.sub("", report.title.replace("\n", ""))
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.subject = "项目支出绩效自评报告"
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = props.modified = now
