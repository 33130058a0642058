"""The 自评报告 .docx read back with python-docx: the form's figures, GB/T 9704 formatting."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.pev import load_pev
from perfeval_gui.io.report_docx import report_docx_bytes, write_report_docx
from perfeval_gui.io.report_docx_table import balanced_lines
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import FUND_SOURCES, AmountUnit, Form, Indicator, Level1, Level2
from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.report_content import build_report
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.resources_path import resource_path
from tests.strategies import forms

EXAMPLES = ("example.pev", "example-2.pev")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def _example(name: str) -> Form:
    return load_pev(resource_path("examples", name))


def _docx(form: Form) -> DocxDocument:
    return docx.Document(io.BytesIO(report_docx_bytes(build_report(form))))


def _all_text(document: DocxDocument) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _form_figures(form: Form) -> set[str]:
    """Every figure the form prints (and the counts and year the report states)."""
    totals = compute_totals(form)
    funds = [totals.funds_total, *(getattr(form.funds, row) for row in FUND_SOURCES)]
    figures = {
        format_amount(getattr(a, c)) for a in funds for c in ("initial", "adjusted", "executed")
    }
    figures |= {format_percent(totals.execution_rate), str(form.year)}
    scores = [form.budget_weight, totals.budget_score, totals.weight_total, totals.score_total]
    scores += [n.weight for n in totals.level1] + [n.score for n in totals.level1]
    for *_, ind in form.iter_indicators():
        scores += [ind.weight, ind.score]
    figures |= {format_score(s) for s in scores}
    rows = form.iter_indicators()
    counts = (len({r[0] for r in rows}), len({r[:2] for r in rows}), len(rows))
    return figures | {str(c) for c in counts}


def _sichuan(name: str) -> Form:
    """A bundled example as a 四川 form in 万元, with amounts of several decimals."""
    form = _example(name)
    form.template = "sichuan"
    form.amount_unit = AmountUnit.WAN_YUAN
    form.funds.unit_funds.initial = Decimal("1.005")
    form.funds.unit_funds.adjusted = Decimal("0.333")
    form.funds.unit_funds.executed = Decimal("0.3")
    form.funds_note = "单位资金 2 笔未支付"
    form.texts = {"conclusion": "总体较好，得分 94 分。", "improvements": "按季度跟踪。"}
    return form


FORMS = {
    "example.pev": lambda: _example("example.pev"),
    "example-2.pev": lambda: _example("example-2.pev"),
    "example.pev as 四川": lambda: _sichuan("example.pev"),
    "example-2.pev as 四川": lambda: _sichuan("example-2.pev"),
}


@pytest.mark.parametrize("name", FORMS)
def test_every_figure_in_the_report_is_one_of_the_forms_figures(name: str) -> None:
    form = FORMS[name]()
    text = _all_text(_docx(form))
    # Drop what is quoted verbatim from the form (names, values, notes, goals, findings)
    # and the report's own numbering (表1, "3. "); every other number must be the form's.
    quoted = [form.goals.expected, form.goals.actual, *(f.message for f in run_checks(form))]
    quoted += [form.funds_note, *form.texts.values()]
    for *_, l1, l2, ind in form.iter_indicators():
        quoted += [l1.name, l2.name, ind.name, ind.target, ind.actual, ind.deviation_note]
    quoted += [piece for q in list(quoted) for piece in re.split(r"\s+", q)]
    for piece in sorted({q for q in quoted if q.strip()}, key=len, reverse=True):
        # Only whole pieces: "10" of "2023 年 10 月底" must not eat the 10 of 100.00%.
        text = re.sub(rf"(?<![\d.,]){re.escape(piece)}(?![\d.,%])", " ", text)
    text = re.sub(r"(?m)表\d|^\d+\. ", " ", text)
    strays = set(_NUMBER.findall(text)) - _form_figures(form)
    assert not strays


@pytest.mark.parametrize("name", EXAMPLES)
def test_tables_read_back_with_the_forms_figures(name: str) -> None:
    form = _example(name)
    totals = compute_totals(form)
    document = _docx(form)
    funds, indicators = document.tables
    total_row = [c.text for c in funds.rows[1].cells]
    assert total_row == [
        "年度资金总额",
        format_amount(totals.funds_total.initial),
        format_amount(totals.funds_total.adjusted),
        format_amount(totals.funds_total.executed),
        format_percent(totals.execution_rate),
    ]
    rows = form.iter_indicators()
    for row, (*_, l1, l2, ind) in zip(indicators.rows[1:], rows, strict=False):
        cells = [c.text.replace("\n", "") for c in row.cells]  # names broken in narrow cells
        assert cells == [
            l1.name,
            l2.name,
            ind.name,
            ind.target,
            ind.actual,
            format_score(ind.weight),
            format_score(ind.score),
        ]
    last = [c.text for c in indicators.rows[-1].cells]
    assert last[0] == "总分"
    assert last[5:] == [format_score(totals.weight_total), format_score(totals.score_total)]
    assert len(indicators.rows) == 1 + len(rows) + 2


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("产出指标", ["产出指标"]),
        ("满意度指标", ["满意度指标"]),
        ("社会效益指标", ["社会效益", "指标"]),
        ("可持续影响指标", ["可持续影响", "指标"]),
        ("服务对象满意度指标", ["服务对象", "满意度指标"]),
        ("一二三四五六七八九十一二", ["一二三四", "五六七八", "九十一二"]),
        ("Level 2 name", ["Level 2 name"]),
    ],
)
def test_names_in_narrow_cells_break_where_a_reader_would(name: str, lines: list[str]) -> None:
    five_characters = Pt(12 * 5 + 6)
    assert balanced_lines(name, five_characters, Pt(12)) == lines


def test_the_second_level_names_break_before_zhibiao_in_the_docx() -> None:
    document = _docx(_example("example.pev"))
    texts = {c.text for row in document.tables[1].rows for c in row.cells}
    assert "社会效益\n指标" in texts and "服务对象\n满意度指标" in texts


def test_conclusion_states_total_grade_and_budget_score() -> None:
    document = _docx(_example("example.pev"))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("五、自评结论")
    conclusion = "".join(texts[start:])
    assert "总分94分（分值合计100分），自评等级为“优”" in conclusion
    assert "预算执行率100.00%，得分10分（分值10分）" in conclusion


def test_page_is_a4_with_official_margins_and_page_numbers() -> None:
    document = _docx(_example("example.pev"))
    section = document.sections[0]
    in_mm = [
        round(length.mm, 1)  # stored in twips: 210 mm is 11906 twips
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        if length is not None
    ]
    assert in_mm == [210, 297, 37, 35, 28, 26]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("- ") and footer.text.endswith(" -")
    instructions = [t.text for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert footer.style.paragraph_format.alignment.name == "CENTER"


def _east_asian_font(style: object) -> str | None:
    fonts = style.element.rPr.rFonts  # type: ignore[attr-defined]
    return fonts.get(qn("w:eastAsia"))


def test_fonts_sizes_and_line_spacing_follow_gbt_9704() -> None:
    document = _docx(_example("example.pev"))
    by_text = {p.text: p for p in document.paragraphs}
    title = document.paragraphs[0]
    assert _east_asian_font(title.style) == "方正小标宋简体"
    assert title.style.font.size == Pt(22)
    assert title.style.paragraph_format.alignment.name == "CENTER"
    heading1 = by_text["一、项目基本情况"]
    assert _east_asian_font(heading1.style) == "黑体"
    heading2 = by_text["（一）项目概况"]
    assert _east_asian_font(heading2.style) == "楷体_GB2312"
    body = next(p for p in document.paragraphs if p.text.startswith("项目名称："))
    assert _east_asian_font(body.style) == "仿宋_GB2312"
    fmt = body.style.paragraph_format
    assert body.style.font.size == Pt(16)
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(28)
    assert fmt.first_line_indent == Pt(32)
    # The fallbacks Word and WPS use when a font is missing.
    font_table = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong"/>' in font_table
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体,SimSun"/>' in font_table


def test_tables_have_borders_and_a_header_row_repeated_on_every_page() -> None:
    document = _docx(_example("example.pev"))
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        assert {b.get(qn("w:val")) for b in borders} == {"single"}
        assert len(borders) == 6
        header = table.rows[0]._tr
        assert header.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])


def test_placeholders_are_highlighted() -> None:
    document = _docx(_example("example.pev"))
    runs = [r for p in document.paragraphs for r in p.runs if "【请补充：" in r.text]
    assert runs
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)
    assert all(r.text.startswith("【") and r.text.endswith("】") for r in runs)


def test_an_unwritable_place_raises_a_chinese_error_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "没有的文件夹" / "报告.docx"
    with pytest.raises(FormFileError, match="不存在"):
        write_report_docx(build_report(_example("example.pev")), target)
    assert not target.parent.exists()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms(max_level1=2, max_children=2, max_indicators=3))
def test_any_form_writes_a_docx_that_opens_again(form: Form) -> None:
    document = docx.Document(io.BytesIO(report_docx_bytes(build_report(form))))
    totals = compute_totals(form)
    last = [c.text for c in document.tables[1].rows[-1].cells]
    assert last[5:] == [format_score(totals.weight_total), format_score(totals.score_total)]


def test_a_long_first_level_is_one_merged_cell_down_the_whole_table() -> None:
    rows = [Indicator(name=f"指标{k}", weight=Decimal(1), score=Decimal(1)) for k in range(1200)]
    form = Form(
        level1=[Level1(name="产出指标", children=[Level2(name="数量指标", indicators=rows)])]
    )
    table = _docx(form).tables[1]
    trs = table._tbl.tr_lst
    assert len(trs) == 1 + 1200 + 2
    first_column = [tr.tc_lst[0].vMerge for tr in trs[1:1201]]
    assert first_column == ["restart"] + ["continue"] * 1199
    # (python-docx's row.cells itself recurses through a merge this long: read the XML)
    last = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in trs[1200].tc_lst]
    assert last[:3] == ["", "", "指标1199"]
    assert "".join(t.text for t in trs[1].tc_lst[0].iter(qn("w:t"))) == "产出指标"
