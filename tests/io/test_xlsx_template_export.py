"""Export in each template's layout, and export → import round trips for every template."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.io.xlsx_export import workbook_bytes
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.io.xlsx_style import cell_text
from perfeval_gui.model.form import Form, PrintOptions
from perfeval_gui.model.template_catalog import get_template, templates
from tests.io import province_sheets as ps
from tests.io.test_xlsx_roundtrip import _unambiguous
from tests.strategies import amounts, forms, texts

DATA = {
    "shanghai": ps.hebei_data,
    "sichuan": ps.sichuan_data,
    "yunnan": ps.yunnan_data,
    "hubei": ps.hubei_data,
    "ningxia": ps.ningxia_data,
}


def filled(key: str) -> Form:
    """A form of template ``key`` with every field it shows filled in, as a unit has it."""
    template = get_template(key)
    form = form_from_flat(DATA[key]())
    options = PrintOptions(
        signature_block=template.signature_block, signature_labels=list(template.signature_labels)
    )
    return form.model_copy(update={"print_options": options})


def cells(data: bytes) -> dict[Any, list[openpyxl.cell.Cell]]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    found: dict[Any, list[openpyxl.cell.Cell]] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                found.setdefault(cell.value, []).append(cell)
    return found


def without_hidden_sheet(data: bytes) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    del workbook[HIDDEN_SHEET]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def reimport(data: bytes, tmp_path: Path) -> Any:
    path = tmp_path / "out.xlsx"
    path.write_bytes(data)
    sheets = read_workbook(path)
    assert len(sheets) == 1
    return sheets[0]


def test_every_shipped_template_has_a_test_form() -> None:
    assert set(DATA) <= set(templates())
    assert {"shanghai", "sichuan", "yunnan", "hubei", "ningxia"} <= set(DATA)


@pytest.mark.parametrize("key", list(DATA))
def test_round_trip_through_the_hidden_sheet_is_exact(tmp_path: Path, key: str) -> None:
    form = filled(key)
    sheet = reimport(workbook_bytes([form]), tmp_path)
    assert dumps_pev(sheet.form) == dumps_pev(form)
    assert sheet.notes == []


@pytest.mark.parametrize("key", list(DATA))
def test_visible_cells_alone_read_back_in_the_same_template(tmp_path: Path, key: str) -> None:
    form = filled(key)
    sheet = reimport(without_hidden_sheet(workbook_bytes([form])), tmp_path)
    assert sheet.form == form
    chosen = [str(n) for n in sheet.notes]
    assert chosen == (
        []
        if key == "shanghai"
        else [
            f"工作表“{form.project_name}”：已按“{get_template(key).name}”表样读取（按表中的栏目识别）"
        ]
    )


def test_sichuan_sheet_has_its_labels_code_reason_and_blocks() -> None:
    form = filled("sichuan")
    found = cells(workbook_bytes([form]))
    for label in ("510000_0013zp", "总额", "财政专户管理资金", "单位资金", "调整后预算数",
                  "预算执行率", "权重", "原因", "完成值", "未完成原因分析", "合计",
                  "评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人"):  # fmt: skip
        assert label in found, label
    assert found[form.funds_note][0].column == found["原因"][0].column
    assert found["510000_0013zp"][0].row == 1
    conclusion = found["评价结论"][0]
    assert found["项目完成情况较好。"][0].row == conclusion.row


def test_yunnan_split_target_is_three_cells() -> None:
    found = cells(workbook_bytes([filled("yunnan")]))
    nature, value, unit = found["≧"][0], found["735"][0], found["万人"][0]
    assert nature.row == value.row == unit.row
    assert (value.column, unit.column) == (nature.column + 1, nature.column + 2)
    header = {c.value: c.column for c in found["指标性质"] + found["指标值"] + found["度量单位"]}
    assert header == {"指标性质": nature.column, "指标值": value.column, "度量单位": unit.column}
    assert "公开14表" in found and "其他需要说明事项" in found


def test_wan_yuan_amounts_keep_their_decimals() -> None:
    found = cells(workbook_bytes([filled("yunnan")]))
    cell = found[1250.3456][0]
    assert cell.number_format == "#,##0.0000"
    assert found[1180.125][0].number_format == "#,##0.000"


def test_hubei_total_row_shows_the_grade() -> None:
    form = filled("hubei")
    found = cells(workbook_bytes([form]))
    total = found["总分"][0]
    assert [c.row for c in found["优"]] == [total.row]
    assert any(c.row == total.row and c.value == 100 for c in found[100])


def test_ningxia_headers() -> None:
    found = cells(workbook_bytes([filled("ningxia")]))
    assert {"全年预算数（A）", "全年执行数（B）", "执行率（B/A）"} <= set(found)


def test_edited_sheet_keeps_the_template_of_the_hidden_sheet(tmp_path: Path) -> None:
    form = filled("hubei").model_copy(update={"budget_weight": Decimal(10)})
    data = workbook_bytes([form])
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    ws = workbook.worksheets[0]
    ws.cell(1, 1).value = "项目支出绩效自评表（修改）"
    out = io.BytesIO()
    workbook.save(out)
    sheet = reimport(out.getvalue(), tmp_path)
    assert sheet.form.template == "hubei"
    assert sheet.form.title == "项目支出绩效自评表（修改）"


@st.composite
def template_forms(draw: st.DrawFn) -> Form:
    """Any form of any template: its text blocks, funds note, split targets and fund rows."""
    form = draw(forms(max_level1=2, max_children=2, max_indicators=3))
    template = get_template(draw(st.sampled_from(sorted(templates()))))
    update: dict[str, Any] = {"template": template.key}
    update["texts"] = {b.key: draw(texts(40)) for b in template.blocks if draw(st.booleans())}
    if template.funds_reason_label:
        update["funds_note"] = draw(texts(30))
    funds = form.funds.model_copy(
        update={"special_account": draw(amounts()), "unit_funds": draw(amounts())}
    )
    update["funds"] = funds
    if template.split_target:
        for *_, ind in form.iter_indicators():
            ind.target_nature = draw(st.sampled_from(("≧", "≦", "═", "＝", "定性", "")))
            ind.target_unit = draw(st.sampled_from(("人次", "%", "万元", "")))
    return form.model_copy(update=update)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(form=template_forms())
def test_any_template_form_round_trips_exactly(tmp_path: Path, form: Form) -> None:
    sheet = reimport(workbook_bytes([form]), tmp_path)
    assert dumps_pev(sheet.form) == dumps_pev(form)


def _rows(form: Form) -> list[tuple[Any, ...]]:
    """What a user sees of each non-empty 三级 row, split target included."""
    rows = []
    for *_, ind in form.iter_indicators():
        parts = (ind.name, ind.target_nature, ind.target, ind.target_unit, ind.actual)
        texts_ = [cell_text(t).strip() for t in (*parts, ind.deviation_note)]
        if any(texts_) or ind.weight is not None or ind.score is not None:
            rows.append((*texts_, ind.weight, ind.score))
    return rows


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(form=template_forms())
def test_visible_cells_of_any_template_keep_rows_blocks_and_note(
    tmp_path: Path, form: Form
) -> None:
    assume(_unambiguous(form))
    sheet = reimport(without_hidden_sheet(workbook_bytes([form])), tmp_path)
    imported = sheet.form.model_copy(update={"template": form.template})
    assert _rows(imported) == _rows(form)
    shown = {k: cell_text(v).strip() for k, v in form.texts.items() if cell_text(v).strip()}
    assert imported.texts == shown
    assert imported.funds_note == cell_text(form.funds_note).strip()
