"""The look of the 自评报告 in Word: GB/T 9704 page, fonts, paragraph styles, page numbers.

Font names are those of office PCs in China (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312);
each is declared in the font table with Windows' standard font as its alternative name
(宋体, 仿宋, 楷体), which Word and WPS use when the first is not installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph

#: GB/T 9704-2012 §5.2: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

#: Chinese font sizes (字号) in points.
SIZE_2 = Pt(22)  # 二号: the title
SIZE_3 = Pt(16)  # 三号: body and headings
SIZE_4 = Pt(14)  # 四号: page numbers, table captions
SIZE_SMALL_4 = Pt(12)  # 小四: table cells

LINE_PITCH = Pt(28)  # fixed line spacing of the body: 22 lines in the 225 mm 版心
CELL_LINE = Pt(16)  # fixed line spacing in tables

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"  # page numbers: 半角宋体阿拉伯数字
LATIN_FONT = "Times New Roman"  # digits and Latin letters inside the body

#: Font → the names to try when it is missing (w:altName, comma-separated).
FONT_FALLBACKS = {
    TITLE_FONT: "宋体,SimSun",
    BODY_FONT: "仿宋,FangSong",
    HEADING1_FONT: "SimHei",
    HEADING2_FONT: "楷体,KaiTi",
    NUMBER_FONT: "SimSun",
}


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style of the report."""

    name: str
    font: str
    size: Pt
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent_chars: int = 2  # first-line indent, in characters
    exact_line: Pt | None = LINE_PITCH  # None: single line spacing
    outline_level: int | None = None  # 0 = level-1 heading (Word's navigation pane)
    keep_with_next: bool = False
    latin_font: str = LATIN_FONT
    right_chars: int = 0  # right indent, in characters


#: The styles, by the role they play (names are what the writer sees in Word's style list).
STYLES = {
    "title": StyleSpec(
        "报告标题", TITLE_FONT, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, 0, Pt(36), None, True
    ),
    "body": StyleSpec("报告正文", BODY_FONT, SIZE_3),
    "heading1": StyleSpec(
        "报告一级标题", HEADING1_FONT, SIZE_3, outline_level=0, keep_with_next=True
    ),
    "heading2": StyleSpec(
        "报告二级标题", HEADING2_FONT, SIZE_3, outline_level=1, keep_with_next=True
    ),
    "note": StyleSpec("编写提示", HEADING2_FONT, SIZE_3),
    # 落款 and 成文日期 right-aligned, two characters in from the margin.
    "closing": StyleSpec("落款", BODY_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.RIGHT, 0, right_chars=2),
    "caption": StyleSpec(
        "表题", HEADING1_FONT, SIZE_4, WD_ALIGN_PARAGRAPH.CENTER, 0, keep_with_next=True
    ),
    # Table text: 小四 on a fixed 16-point line, so wrapped names keep some air between lines.
    "cell": StyleSpec("表格文字", BODY_FONT, SIZE_SMALL_4, WD_ALIGN_PARAGRAPH.LEFT, 0, CELL_LINE),
    "cell_head": StyleSpec(
        "表头", HEADING1_FONT, SIZE_SMALL_4, WD_ALIGN_PARAGRAPH.CENTER, 0, CELL_LINE
    ),
    "footer": StyleSpec(
        "页码", NUMBER_FONT, SIZE_4, WD_ALIGN_PARAGRAPH.CENTER, 0, None, latin_font=NUMBER_FONT
    ),
}


def style_id(role: str) -> str:
    """The ``w:styleId`` of a role's style: its name without spaces, as python-docx makes it."""
    return STYLES[role].name.replace(" ", "")


def set_run_fonts(rpr_owner: object, font: str, latin: str) -> None:
    """Set the East Asian and Latin fonts on a style's or run's ``w:rPr``.

    python-docx's ``font.name`` sets only ``w:ascii``/``w:hAnsi``; Chinese text takes its
    font from ``w:eastAsia``, which has to be set on the element itself.
    """
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def setup_page(document: DocxDocument) -> None:
    """A4 portrait with the GB/T 9704 margins; page numbers ``- N -`` centred at the foot."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    # The number's top sits 7 mm under the 版心 (GB/T 9704 §7.5): its foot ≈ 23.5 mm up.
    section.footer_distance = Mm(23.5)
    section.header_distance = Mm(15)
    footer = section.footer.paragraphs[0]
    footer._p.style = style_id("footer")
    footer.add_run("- ")
    _add_page_field(footer)
    footer.add_run(" -")


def _add_page_field(paragraph: DocxParagraph) -> None:
    """A PAGE field (Word, WPS and LibreOffice fill in the page number), one run per part as
    Word writes it: begin, instruction, separate, the shown number, end."""
    parts = (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    )
    for part in parts:
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{part}</w:r>"))


def setup_styles(document: DocxDocument) -> None:
    """The document defaults (Chinese, no spacing after) and the report's paragraph styles."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for spacing in defaults.iter(qn("w:spacing")):
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    set_run_fonts(normal.element, BODY_FONT, LATIN_FONT)
    normal.font.size = SIZE_3
    for spec in STYLES.values():
        _add_style(document, spec)
    _declare_fonts(document)


def _add_style(document: DocxDocument, spec: StyleSpec) -> ParagraphStyle:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    set_run_fonts(style.element, spec.font, spec.latin_font)
    style.font.size = spec.size
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    fmt.keep_with_next = spec.keep_with_next
    if spec.exact_line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = spec.exact_line
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    ppr = style.element.get_or_add_pPr()
    if spec.indent_chars:
        fmt.first_line_indent = Pt(spec.size.pt * spec.indent_chars)
        ind = ppr.get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(spec.indent_chars * 100))
    if spec.right_chars:
        fmt.right_indent = Pt(spec.size.pt * spec.right_chars)
        ind = ppr.get_or_add_ind()
        ind.set(qn("w:rightChars"), str(spec.right_chars * 100))
    if spec.outline_level is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline_level))
        ppr.append(level)
    return style


def _declare_fonts(document: DocxDocument) -> None:
    """Add the Chinese fonts to the font table, each with its fallbacks (``w:altName``)."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, alternatives in FONT_FALLBACKS.items():
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}">'
                f'<w:altName w:val="{alternatives}"/><w:charset w:val="86"/>'
                '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            )
        )
    from lxml import etree  # noqa: PLC0415 - python-docx's own XML library

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
