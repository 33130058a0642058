"""The printed form read back: labels, rows in order, totals, fonts, page numbers, metadata."""

from __future__ import annotations

import io

import pypdf
import pytest

from perfeval_gui import __version__
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.formatting import format_score
from perfeval_gui.model.glossary import DEFAULT_SIGNATURE_LABELS
from tests.render.helpers import (
    SECTION_LABELS,
    column_edges,
    indicator_column_pages,
    narrow_column,
    opened,
    page_text,
    render,
    seed_form,
    strip_ws,
)

HEADERS = {
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "deviation_note": "偏差原因分析及改进措施",
}


@pytest.fixture(scope="module")
def seed1_pdf() -> bytes:
    return render([seed_form(1)], first_page=4)


def test_page_one_has_every_label_of_the_official_form(seed1_pdf: bytes) -> None:
    left, label_edge = narrow_column()
    note = column_edges("deviation_note")
    with opened(seed1_pdf) as pdf:
        page = pdf.pages[0]
        text = strip_ws(page.extract_text())
        narrow = page_text(page, left, label_edge)
        note_column = page_text(page, *note)
    assert text.startswith("财政项目支出绩效自评表（2023年度）")
    for label in SECTION_LABELS:
        if label == "偏差原因分析及改进措施":  # wrapped over two lines in its cell
            assert label in note_column
        else:
            assert label in text, label
    # The vertical section labels, one character per line (brackets turned upright).
    assert narrow == "项目资金︵元︶年度总体目标绩效指标"


def test_header_funds_and_budget_score_values(seed1_pdf: bytes) -> None:
    with opened(seed1_pdf) as pdf:
        text = pdf.pages[0].extract_text()
    assert "项目服务管理" in text
    assert "上海市松江区科学技术委员会" in text
    assert "上海市松江区科技创新服务中心" in text
    lines = text.splitlines()
    total_line = next(line for line in lines if "年度资金总额" in line)
    assert total_line.split()[-7:] == [
        "年度资金总额",
        "350,000.00",
        "152,919.80",
        "152,919.80",
        "10",
        "100.00%",
        "10",
    ]
    for label in ("其中：当年财政拨款", "上年结转资金", "其他资金"):
        line = next(line for line in lines if label in line)
        assert line.split()[-1] == "—", line
    assert "上年结转资金 0.00 0.00 —" in text


def test_amount_unit_shows_in_the_funds_label() -> None:
    form = seed_form(2)
    form.amount_unit = AmountUnit.WAN_YUAN
    with opened(render([form])) as pdf:
        assert page_text(pdf.pages[0], *narrow_column()).startswith("项目资金︵万元︶")


@pytest.mark.parametrize("n", [1, 2])
def test_every_indicator_field_is_printed_in_order(n: int) -> None:
    form = seed_form(n)
    rows = [ind for *_, ind in form.iter_indicators()]
    expected = {
        "name": [r.name for r in rows],
        "target": [r.target for r in rows],
        "actual": [r.actual for r in rows],
        "weight": [format_score(r.weight) for r in rows],
        "score": [format_score(r.score) for r in rows],
        "deviation_note": [r.deviation_note for r in rows],
    }
    with opened(render([form])) as pdf:
        for field, header in HEADERS.items():
            printed = "".join(indicator_column_pages(pdf, field, header=header))
            want = strip_ws("".join(expected[field]))
            assert printed.startswith(want), field


@pytest.mark.parametrize(("n", "weight", "score"), [(1, "100", "94"), (2, "100", "100")])
def test_total_row(n: int, weight: str, score: str) -> None:
    with opened(render([seed_form(n)])) as pdf:
        last = pdf.pages[-1].extract_text().splitlines()
    total = next(line for line in last if line.startswith("总分"))
    assert total.split() == ["总分", weight, score]


def test_every_font_is_embedded(seed1_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(seed1_pdf))
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for font in fonts.values():
        descriptor = font["/FontDescriptor"]
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "+" in font["/BaseFont"]  # a subset tag: ABCDEF+Name


def test_page_numbers_start_where_asked_and_run_on_across_forms() -> None:
    data = render([seed_form(1), seed_form(2)], first_page=10)
    with opened(data) as pdf:
        footers = [p.extract_text().splitlines()[-1].strip() for p in pdf.pages]
        first_lines = [p.extract_text().splitlines()[0] for p in pdf.pages]
    assert footers == [f"- {10 + i} -" for i in range(len(footers))]
    # Each form starts on a new page with its title.
    assert first_lines.count("财政项目支出绩效自评表") == 2
    assert first_lines[0] == "财政项目支出绩效自评表"


def test_first_page_number_comes_from_the_form_when_not_given() -> None:
    form = seed_form(2)
    form.print_options.first_page_number = 7
    with opened(render([form])) as pdf:
        assert pdf.pages[0].extract_text().splitlines()[-1].strip() == "- 7 -"


def test_metadata(seed1_pdf: bytes) -> None:
    meta = pypdf.PdfReader(io.BytesIO(seed1_pdf)).metadata
    assert meta is not None
    assert meta.title == "项目服务管理"
    assert meta.author == "上海市松江区科技创新服务中心"
    assert meta.creator == f"perfeval {__version__}"


def test_a4_portrait_by_default_and_landscape_on_request() -> None:
    portrait = pypdf.PdfReader(io.BytesIO(render([seed_form(2)]))).pages[0].mediabox
    landscape = (
        pypdf.PdfReader(io.BytesIO(render([seed_form(2)], landscape=True))).pages[0].mediabox
    )
    assert (round(float(portrait.width)), round(float(portrait.height))) == (595, 842)
    assert (round(float(landscape.width)), round(float(landscape.height))) == (842, 595)


def test_signature_block_only_when_asked() -> None:
    with opened(render([seed_form(2)])) as pdf:
        plain = strip_ws(pdf.pages[-1].extract_text())
    with opened(render([seed_form(2)], signature=True)) as pdf:
        signed = strip_ws(pdf.pages[-1].extract_text())
    for label in DEFAULT_SIGNATURE_LABELS:
        assert label not in plain
        assert label in signed
    assert signed.index("总分") < signed.index("填报人")


def test_signature_labels_are_editable() -> None:
    form = seed_form(2)
    form.print_options.signature_block = True
    form.print_options.signature_labels = ["经办人", "审核人", "（财务专用章）"]
    with opened(render([form])) as pdf:
        text = strip_ws(pdf.pages[-1].extract_text())
    assert "经办人：" in text
    assert "审核人：" in text
    assert "（财务专用章）" in text
    assert "填报人" not in text


def test_same_forms_give_the_same_bytes() -> None:
    assert render([seed_form(1)]) == render([seed_form(1)])


def test_unprintable_characters_do_not_stop_printing() -> None:
    form = seed_form(2)
    form.project_name = "市民\ud800服务\x07"  # a lone surrogate from a hand-edited file, a bell
    form.level1[0].children[0].indicators[0].deviation_note = "甲\t乙\r\n丙\x00丁😀"
    data = render([form])
    with opened(data) as pdf:
        text = pdf.pages[0].extract_text()
    assert "市民□服务" in text  # drawn as a box: no font has a glyph for it
    assert "甲 乙" in text
    assert pypdf.PdfReader(io.BytesIO(data)).metadata.title == "市民\ufffd服务"
    assert "丙丁□" in text  # the emoji: not in the Song font
