"""Sheets of several provinces' published layouts, filled in as units do, import intact
with the right template recognised (tests/io/province_sheets.py builds them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.checks_common import Severity
from perfeval_gui.model.form import AmountUnit, Form
from tests.io import province_sheets as ps


def imported(
    tmp_path: Path, write: Callable[[Worksheet], None], **kwargs: Any
) -> tuple[Form, list[str]]:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "自评表"
    write(ws)
    path = tmp_path / "sheet.xlsx"
    workbook.save(path)
    sheets = read_workbook(path, **kwargs)
    assert len(sheets) == 1
    return sheets[0].form, [str(n) for n in sheets[0].notes]


def same_content(form: Form, expected: Form) -> None:
    """Every field a unit filled in, compared one by one for a readable failure."""
    for field in ("template", "title", "year", "project_name", "department", "implementing_unit",
                  "amount_unit", "budget_weight", "goals", "funds_note", "texts"):  # fmt: skip
        assert getattr(form, field) == getattr(expected, field), field
    assert form.funds == expected.funds
    assert form.level1 == expected.level1


def test_yunnan_public_table_14(tmp_path: Path) -> None:
    data = ps.yunnan_data()
    form, notes = imported(tmp_path, lambda ws: ps.yunnan_sheet(ws, data))
    same_content(form, form_from_flat(data))
    first = form.level1[0].children[0].indicators[0]
    assert (first.target_nature, first.target, first.target_unit) == ("≧", "735", "万人")
    assert form.funds.total.initial == ps.Decimal("1250.3456")  # 万元 with four decimals
    assert form.texts == {"other_notes": "本项目资金已全部下达至州（市）。"}
    assert notes == ["工作表“自评表”：已按“云南”表样读取（按表中的栏目识别）"]


def test_sichuan_510000_0013zp(tmp_path: Path) -> None:
    data = ps.sichuan_data()
    form, notes = imported(tmp_path, lambda ws: ps.sichuan_sheet(ws, data))
    same_content(form, form_from_flat(data))
    assert (form.title, form.year, form.amount_unit) == (
        "部门预算项目支出绩效自评表", 2023, AmountUnit.WAN_YUAN,
    )  # fmt: skip
    assert form.funds.special_account.executed == ps.Decimal(40)
    assert form.funds.unit_funds.initial == ps.Decimal(30)
    assert form.funds_note == "部分采购项目尚未完成验收，资金未支付。"
    assert form.print_options.signature_block
    assert form.print_options.signature_labels == list(ps.SICHUAN_SIGNATURES)
    assert notes == [
        "工作表“自评表”：已按“四川”表样读取（按表中的栏目识别）",
        "工作表“自评表”：表末的签字栏 “项目负责人：王五”、“财务负责人：赵六” "
        "已作为打印时的签字栏读入（不是绩效指标）",
    ]


def test_hebei_placeholder_rows_are_skipped_with_a_note(tmp_path: Path) -> None:
    data = ps.hebei_data()
    shown = {
        "满意度指标": "满意度\n指标",
        "服务对象满意度指标": "服务对象\n满意度指标",
        "数量指标": "（一）数量指标",
    }
    placeholders = {"数量指标": ["指标2：", "……"], "质量指标": ["指标2"], "社会效益指标": [""]}

    def write(ws: Worksheet) -> None:
        ps.central_sheet(ws, data, shown=shown, placeholders=placeholders, unit_line="单位：万元")
        name = next(c for row in ws.iter_rows() for c in row if c.value == "培训人次")
        name.value = "指标1：培训人次"  # the template's numbering kept before the name

    form, notes = imported(tmp_path, write)
    same_content(form, form_from_flat(data))
    assert [l1.name for l1 in form.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert len(notes) == 2 and "占位行已跳过" in notes[0]
    assert "“指标2：”" in notes[0] and "“……”" in notes[0]
    assert "编号（如“指标1：”）已去掉：第 14 行" in notes[1]
    assert [f for f in run_checks(form) if f.severity is Severity.ERROR] == []


def test_anhui_score_suffix_and_achieved_words(tmp_path: Path) -> None:
    data = ps.anhui_data()
    shown = {
        "产出指标": "产出指标(50分)",
        "效益指标": "效益指标（30分）",
        "满意度指标": "满意度指标(10分)",
    }
    form, notes = imported(tmp_path, lambda ws: ps.central_sheet(ws, data, shown=shown))
    same_content(form, form_from_flat(data))
    assert notes == []
    assert run_checks(form) == []  # 50/30/10 recognised, 达成预期指标 counts as achieved


def test_hubei_budget_row_worth_20_and_grade_in_the_total_row(tmp_path: Path) -> None:
    data = ps.hubei_data()
    form, notes = imported(
        tmp_path, lambda ws: ps.central_sheet(ws, data, grade="优", unit_line="金额单位：万元")
    )
    same_content(form, form_from_flat(data))
    assert form.budget_weight == ps.Decimal(20)
    assert notes == ["工作表“自评表”：已按“湖北（预算执行率 20 分）”表样读取（按表中的栏目识别）"]


def test_a_wrong_grade_in_the_total_row_is_reported(tmp_path: Path) -> None:
    data = ps.hubei_data()
    _, notes = imported(tmp_path, lambda ws: ps.central_sheet(ws, data, grade="良"))
    assert any("等级“良”与按总分计算的“优”不同" in n for n in notes)


def test_ningxia_a_b_headers(tmp_path: Path) -> None:
    data = ps.ningxia_data()
    headers = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）")
    form, notes = imported(tmp_path, lambda ws: ps.central_sheet(ws, data, headers=headers))
    same_content(form, form_from_flat(data))
    assert notes == ["工作表“自评表”：已按“宁夏”表样读取（按表中的栏目识别）"]


def test_template_option_overrides_detection(tmp_path: Path) -> None:
    data = ps.hubei_data()
    form, notes = imported(
        tmp_path, lambda ws: ps.central_sheet(ws, data, grade="优"), template="shanghai"
    )
    assert form.template == "shanghai"
    assert not any("表样读取" in n for n in notes)


@pytest.mark.parametrize(
    ("builder", "key"),
    [(ps.yunnan_sheet, "yunnan"), (ps.sichuan_sheet, "sichuan")],
)
def test_typed_rate_that_disagrees_is_reported(
    tmp_path: Path, builder: Callable[[Worksheet, ps.Data], None], key: str
) -> None:
    data = ps.yunnan_data() if key == "yunnan" else ps.sichuan_data()

    def write(ws: Worksheet) -> None:
        builder(ws, data)
        for row in ws.iter_rows():
            for cell in row:
                if cell.number_format == "0.00%" and cell.value is not None:
                    cell.value = 0.5

    _, notes = imported(tmp_path, write)
    assert any("表中执行率 50.00% 与" in n for n in notes)


def test_a_block_the_template_lacks_is_named_not_lost_silently(tmp_path: Path) -> None:
    data = ps.yunnan_data()
    form, notes = imported(tmp_path, lambda ws: ps.yunnan_sheet(ws, data), template="shanghai")
    assert form.texts == {}
    assert any("没有“其他需要说明事项”栏" in n and "本项目资金" in n for n in notes)


def test_yunnan_notes_row_above_the_total_row(tmp_path: Path) -> None:
    data = ps.yunnan_data()
    form, notes = imported(tmp_path, lambda ws: ps.yunnan_sheet(ws, data, notes_first=True))
    same_content(form, form_from_flat(data))
    assert notes == ["工作表“自评表”：已按“云南”表样读取（按表中的栏目识别）"]


def test_grade_on_a_line_of_its_own_is_checked(tmp_path: Path) -> None:
    data = ps.hubei_data()
    form, notes = imported(
        tmp_path, lambda ws: ps.central_sheet(ws, data, grade_line="自评等级：良")
    )
    same_content(form, form_from_flat(data))
    assert any("等级“良”与按总分计算的“优”不同" in n for n in notes)
    assert not any("不属于自评表" in n for n in notes)


def test_sheet_without_total_row_ends_the_table_at_its_notes(tmp_path: Path) -> None:
    data = ps.yunnan_data()

    def write(ws: Worksheet) -> None:
        ps.yunnan_sheet(ws, data, notes_first=True)
        total_row = next(c.row for row in ws.iter_rows() for c in row if c.value == "总分")
        for merged in [m for m in ws.merged_cells.ranges if m.min_row == total_row]:
            ws.unmerge_cells(str(merged))
        ws.delete_rows(total_row)

    form, notes = imported(tmp_path, write)
    same_content(form, form_from_flat(data))
    assert notes == ["工作表“自评表”：已按“云南”表样读取（按表中的栏目识别）"]


def test_fund_rows_the_chosen_template_lacks_are_named(tmp_path: Path) -> None:
    data = ps.sichuan_data()
    form, notes = imported(tmp_path, lambda ws: ps.sichuan_sheet(ws, data), template="shanghai")
    assert form.funds.unit_funds.initial == ps.Decimal(30)  # read, not lost
    assert any("资金来源“单位资金”不是“上海/中央”表样的栏目" in n for n in notes)
    assert any("“原因”栏" in n and "未导入" in n for n in notes)


def test_empty_text_block_stays_empty(tmp_path: Path) -> None:
    data = ps.yunnan_data()
    data["texts"] = {"other_notes": ""}

    def write(ws: Worksheet) -> None:
        ps.yunnan_sheet(ws, {**data, "texts": {"other_notes": None}})

    form, _ = imported(tmp_path, write)
    assert form.texts == {}


def test_anhui_labels_with_score_suffix_still_get_the_50_30_10_check(tmp_path: Path) -> None:
    data = ps.anhui_data()
    data["indicators"][0]["weight"] = data["indicators"][0]["score"] = "15"  # 产出 45
    data["indicators"][3]["weight"] = data["indicators"][3]["score"] = "35"  # 效益 35
    shown = {"产出指标": "产出指标(50分)", "效益指标": "效益指标（30分）"}
    form, _ = imported(tmp_path, lambda ws: ps.central_sheet(ws, data, shown=shown))
    codes = [f.code for f in run_checks(form)]
    assert codes.count("level1-weight-unusual") == 2
