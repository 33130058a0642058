"""The 自评报告 as a Word document (.docx), written with python-docx.

``report_docx_bytes(report)`` lays out a ``model.report_content.Report``: the title, the
sections, the tables (``report_docx_table``) and the 落款, in the styles of
``report_docx_style``. Placeholders ``【请补充：…】`` are highlighted so the writer sees what
to add; a whole 编写提示 note is highlighted too.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from perfeval_gui.io.atomic import atomic_write_bytes, describe_os_error
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.report_docx_style import setup_page, setup_styles, style_id
from perfeval_gui.io.report_docx_table import XML_ILLEGAL, runs_xml, table_element
from perfeval_gui.model.report_blocks import Paragraph, ParagraphKind, Report

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
    _paragraph(document, report.title, "title")  # a "\n" in the title is a line break
    _paragraph(document, "", "body")  # a blank line under the title
    for section in report.sections:
        _paragraph(document, section.heading, "heading1")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _paragraph(document, block.text, _KIND_STYLE[block.kind])
            else:
                _paragraph(document, block.caption, "caption")
                _append(document, table_element(block))
                _paragraph(document, "", "cell")  # a little air before the text goes on
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


def _paragraph(document: DocxDocument, text: str, role: str) -> None:
    """A ``w:p`` in the style of ``role`` (by id: python-docx's lookup by name scans every
    style on each call)."""
    runs = runs_xml(text, marked=role == "note")
    xml = f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id(role)}"/></w:pPr>{runs}</w:p>'
    _append(document, parse_xml(xml))


def _append(document: DocxDocument, element: object) -> None:
    """Add a block element at the end of the body (before its section properties)."""
    body = document.element.body
    sect_pr = body.sectPr
    if sect_pr is not None:
        sect_pr.addprevious(element)
    else:
        body.append(element)


def _properties(document: DocxDocument, report: Report) -> None:
    props = document.core_properties
    props.title = XML_ILLEGAL.sub("", report.title.replace("\n", ""))
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.subject = "项目支出绩效自评报告"
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = props.modified = now
