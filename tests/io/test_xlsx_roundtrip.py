"""Round trips .pev → .xlsx → .pev, and what the exported sheet holds for a spreadsheet user."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, assume, given, settings

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.io.xlsx_export import export_xlsx, workbook_bytes
from perfeval_gui.io.xlsx_grid import normalise_label
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.io.xlsx_layout_reader import LABEL_WORDS as LAYOUT_LABELS
from perfeval_gui.io.xlsx_words import block_of
from perfeval_gui.model.form import Form, Goals, Indicator, Level1, Level2, QualitativeGrade
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import get_template, templates
from perfeval_gui.model.values import parse_value
from tests.strategies import forms


def reimport(data: bytes, tmp_path: Path, name: str = "form.xlsx") -> list[Any]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_workbook(path)


def without_hidden_sheet(data: bytes) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    del workbook[HIDDEN_SHEET]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_fixtures_round_trip_exactly(tmp_path: Path, seed_flat: dict[str, Any]) -> None:
    form = form_from_flat(seed_flat)
    export_xlsx(form, tmp_path / "out.xlsx")
    sheets = read_workbook(tmp_path / "out.xlsx")
    assert len(sheets) == 1
    assert dumps_pev(sheets[0].form) == dumps_pev(form)
    assert sheets[0].notes == []


def test_fixtures_round_trip_from_the_visible_cells_alone(
    tmp_path: Path, seed_flat: dict[str, Any]
) -> None:
    form = form_from_flat(seed_flat)
    sheets = reimport(without_hidden_sheet(workbook_bytes([form])), tmp_path)
    assert sheets[0].form == form
    assert sheets[0].notes == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(form=forms())
def test_any_form_round_trips_exactly(tmp_path: Path, form: Form) -> None:
    sheets = reimport(workbook_bytes([form]), tmp_path)
    assert len(sheets) == 1
    assert dumps_pev(sheets[0].form) == dumps_pev(form)


def _visible_rows(form: Form) -> list[tuple[str, str, str, Decimal | None, Decimal | None]]:
    """What a user sees of each non-empty 三级 row, as the importer must read it back."""
    rows = []
    for *_, ind in form.iter_indicators():
        texts = [_shown(t) for t in (ind.name, ind.target, ind.actual, ind.deviation_note)]
        if any(texts) or ind.weight is not None or ind.score is not None:
            rows.append((texts[0], texts[1], texts[2], ind.weight, ind.score))
    return rows


def _shown(text: str) -> str:
    from perfeval_gui.io.xlsx_style import cell_text

    return cell_text(text).strip()


#: Words the importer reads as labels; a header value that is itself one is ambiguous on the
#: visible sheet (that is what the hidden sheet is for), so the property leaves them out.
LABEL_WORDS = LAYOUT_LABELS | {
    normalise_label(w)
    for w in (
        *LABELS.values(),
        *("项目资金", "项目资金(元)", "项目资金(万元)", "总体目标"),
        *("一级", "二级", "三级", "指标名称"),  # header cells of the indicator table
        # a template's text block labels (四川's 改进措施) start their block
        *(block.label for key in templates() for block in get_template(key).blocks),
    )
}


def _unambiguous(form: Form) -> bool:
    fields = (form.title, form.project_name, form.department, form.implementing_unit)
    # A 一级/二级 name that is a header label (指标名称) reads as the header on its own; one
    # that is a text block's label (主要问题) starts that block.
    names = [l1.name for l1 in form.level1] + [l2.name for l1 in form.level1 for l2 in l1.children]
    return not any(
        normalise_label(text) in LABEL_WORDS
        for text in (*fields, *names, form.goals.expected, form.goals.actual)
    ) and not any(block_of(normalise_label(name)) for name in names)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(form=forms())
def test_visible_cells_alone_keep_what_they_show(tmp_path: Path, form: Form) -> None:
    assume(_unambiguous(form))
    sheets = reimport(without_hidden_sheet(workbook_bytes([form])), tmp_path)
    imported = sheets[0].form
    assert _visible_rows(imported) == _visible_rows(form)
    shown = (form.project_name, form.department, form.implementing_unit, form.goals.expected)
    assert (
        imported.project_name,
        imported.department,
        imported.implementing_unit,
        imported.goals.expected,
    ) == tuple(_shown(t) for t in shown)
    assert imported.goals.actual == _shown(form.goals.actual)
    assert (imported.year, imported.amount_unit) == (form.year, form.amount_unit)
    assert imported.budget_weight == form.budget_weight
    sources = ("current_year_appropriation", "carried_over", "other")
    assert all(getattr(imported.funds, s) == getattr(form.funds, s) for s in sources)
    assert compute_totals(imported).weight_total == compute_totals(form).weight_total


def _graded_form() -> Form:
    indicator = Indicator(
        name="宣传品内容完整性",
        target="完整",
        actual="基本完整",
        weight=Decimal(5),
        score=Decimal(4),
        grade=QualitativeGrade.PARTIAL,
    )
    form = Form(
        project_name="示例项目",
        level1=[
            Level1(name="产出指标", children=[Level2(name="质量指标", indicators=[indicator])])
        ],
        scoring_profile="linear-reverse",
    )
    form.print_options.first_page_number = 7
    return form


def test_edited_visible_cells_win_and_the_hidden_sheet_adds_the_rest(tmp_path: Path) -> None:
    form = _graded_form()
    path = tmp_path / "edited.xlsx"
    export_xlsx(form, path)
    workbook = openpyxl.load_workbook(path)
    ws = workbook["示例项目"]
    score_cell = next(c for row in ws.iter_rows() for c in row if c.value == 4 and c.column == 8)
    score_cell.value = 3  # the user lowers the 得分 in Excel
    workbook.save(path)
    sheets = read_workbook(path)
    imported = sheets[0].form
    assert imported.level1[0].children[0].indicators[0].score == Decimal(3)
    assert imported.level1[0].children[0].indicators[0].grade is QualitativeGrade.PARTIAL
    assert imported.scoring_profile == "linear-reverse"
    assert imported.print_options.first_page_number == 7
    assert any("以可见的表格为准" in str(n) for n in sheets[0].notes)


def test_target_texts_stay_text_never_formulas(tmp_path: Path) -> None:
    texts = ("=3 万条/月", "=100%", "=SUM(A1:A9)", "+5", "-3", "0012", "1E5", "@备注")
    indicators = [Indicator(name=f"指标{i}", target=t, actual=t) for i, t in enumerate(texts)]
    form = Form(
        level1=[Level1(name="产出指标", children=[Level2(name="数量指标", indicators=indicators)])]
    )
    data = workbook_bytes([form])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    values = {c.value: c for row in ws.iter_rows() for c in row if c.value in texts}
    assert set(values) == set(texts)
    assert all(c.data_type == "s" and c.number_format == "@" for c in values.values())
    visible = reimport(without_hidden_sheet(data), tmp_path)[0].form
    assert [i.target for *_, i in visible.iter_indicators()] == list(texts)


def test_numbers_are_numbers_with_formats(seed1_flat: dict[str, Any]) -> None:
    form = form_from_flat(seed1_flat)
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes([form]))).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert cells[350000].number_format == "#,##0.00"
    assert cells[152919.8].number_format == "#,##0.00"
    rate = next(c for row in ws.iter_rows() for c in row if c.number_format == "0.00%")
    assert rate.value == 1
    total_row = next(c.row for c in cells.values() if c.value == "总分")
    assert ws.cell(total_row, 7).value == 100 and ws.cell(total_row, 8).value == 94
    assert parse_value(str(cells["每月发送量"].value)) is not None


def test_print_setup(seed2_flat: dict[str, Any]) -> None:
    form = form_from_flat(seed2_flat)
    form.print_options.first_page_number = 4
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes([form]))).worksheets[0]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    header_row = next(c.row for row in ws.iter_rows() for c in row if c.value == "三级指标")
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert "&P" in (ws.oddFooter.center.text or "")
    assert int(ws.page_setup.firstPageNumber) == 4 and ws.page_setup.useFirstPageNumber
    assert ws.cell(header_row, 4).font.name == "宋体"
    # Every wrapped text row is tall enough for its text: the 年度总体目标 block is > 1 line.
    goals_rows = [r for r in range(1, header_row) if (ws.row_dimensions[r].height or 0) > 100]
    assert goals_rows


def test_several_forms_share_one_workbook(
    tmp_path: Path, seed1_flat: dict[str, Any], seed2_flat: dict[str, Any]
) -> None:
    forms_ = [form_from_flat(seed1_flat), form_from_flat(seed2_flat), form_from_flat(seed2_flat)]
    sheets = reimport(workbook_bytes(forms_), tmp_path)
    assert [s.sheet_name for s in sheets] == ["项目服务管理", "市民服务", "市民服务(2)"]
    assert [s.form for s in sheets] == forms_


def test_long_goals_span_several_rows_and_read_back(tmp_path: Path) -> None:
    text = "绩效目标说明。" * 700  # ~4,900 characters: more than one row can show (409 pt)
    form = Form(project_name="长文本", goals=Goals(expected=text, actual="按计划完成。"))
    data = workbook_bytes([form])
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    heights = [ws.row_dimensions[r].height or 15 for r in range(1, ws.max_row + 1)]
    assert max(heights) <= 409
    goals_rows = [r for r in range(1, ws.max_row + 1) if (ws.row_dimensions[r].height or 0) > 300]
    assert len(goals_rows) >= 2
    imported = reimport(without_hidden_sheet(data), tmp_path)[0].form
    assert imported.goals == form.goals


def test_hidden_sheet_cells_stay_within_excel_limits() -> None:
    form = Form(project_name="😀" * 20, goals=Goals(expected="𠀀" * 20000))
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes([form])))
    hidden = workbook[HIDDEN_SHEET]
    assert hidden.sheet_state == "hidden"
    for row in hidden.iter_rows(values_only=True):
        for value in row:
            if isinstance(value, str):
                assert len(value.encode("utf-16-le")) // 2 <= 32767
