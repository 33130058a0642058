"""Import of spreadsheets made the way people make them (tests/io/xlsx_builders.py)."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.model.form import AmountUnit, Form
from perfeval_gui.model.values import Quantity, parse_value
from tests.io.xlsx_builders import Habits, flat_sheet, official_sheet, save, set_cached_formula
from tests.io.xlsx_templates import SIGNATURES, ministry_sheet


def build(tmp_path: Path, data: dict[str, Any], habits: Habits, name: str = "自评表") -> Path:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = name
    official_sheet(ws, data, habits)
    return save(workbook, tmp_path / "form.xlsx")


def only_form(path: Path) -> tuple[Form, list[str]]:
    sheets = read_workbook(path)
    assert len(sheets) == 1
    return sheets[0].form, [str(note) for note in sheets[0].notes]


def with_operators(data: dict[str, Any], *, ascii_ops: bool) -> dict[str, Any]:
    """The fixture as the builder writes it: ≥/≤ or >=/<= throughout."""
    data = copy.deepcopy(data)
    for item in data["indicators"]:
        for key in ("target", "actual"):
            text = item[key]
            item[key] = (
                text.replace("≥", ">=").replace("≤", "<=")
                if ascii_ops
                else text.replace(">=", "≥").replace("<=", "≤")
            )
    return data


HABITS = {
    "merged": Habits(),
    "unmerged-once": Habits(merged=False),
    "unmerged-repeated": Habits(merged=False, repeat_groups=True),
    "numbers-as-text": Habits(numbers_as_text=True),
    "full-width-numbers": Habits(numbers_as_text=True, full_width_numbers=True),
    "blank-rows-and-column": Habits(blank_rows=True, blank_column=True),
    "shifted-and-spaced": Habits(top=4, left=3, spaced_labels=True, merged=False),
    "ascii-operators": Habits(ascii_operators=True),
}


@pytest.mark.parametrize("habit", list(HABITS))
def test_official_layout_reads_back_the_whole_form(
    tmp_path: Path, seed_flat: dict[str, Any], habit: str
) -> None:
    habits = HABITS[habit]
    data = with_operators(seed_flat, ascii_ops=habits.ascii_operators)
    form, notes = only_form(build(tmp_path, data, habits))
    assert form == form_from_flat(data)
    assert notes == []


def test_ge_and_ascii_operators_keep_their_text_and_mean_the_same(
    tmp_path: Path, seed1_flat: dict[str, Any]
) -> None:
    unicode_form, _ = only_form(build(tmp_path, seed1_flat, Habits()))
    (tmp_path / "form.xlsx").unlink()
    ascii_form, _ = only_form(build(tmp_path, seed1_flat, Habits(ascii_operators=True)))
    pairs = list(zip(unicode_form.iter_indicators(), ascii_form.iter_indicators(), strict=True))
    targets = {(a[5].target, b[5].target) for a, b in pairs}
    assert ("≥4 次", ">=4 次") in targets  # verbatim, as typed
    quantities = [(parse_value(a[5].target), parse_value(b[5].target)) for a, b in pairs]
    quantities = [(x, y) for x, y in quantities if isinstance(x, Quantity)]
    assert len(quantities) > 10
    assert all(x == y for x, y in quantities)


def test_wan_yuan_unit_is_taken_from_the_funds_label(
    tmp_path: Path, seed2_flat: dict[str, Any]
) -> None:
    data = copy.deepcopy(seed2_flat)
    data["amount_unit"] = "万元"
    for row in data["funds"].values():
        for key, value in row.items():
            if value is not None:
                row[key] = str(Decimal(value) / 10000)
    form, notes = only_form(build(tmp_path, data, Habits(numbers_as_text=True)))
    assert form.amount_unit is AmountUnit.WAN_YUAN
    assert form.funds.total.initial == Decimal("16.57")
    assert notes == []


def test_amount_typed_as_text_with_separators(tmp_path: Path, seed1_flat: dict[str, Any]) -> None:
    form, _ = only_form(build(tmp_path, seed1_flat, Habits(numbers_as_text=True)))
    assert form.funds.total.adjusted == Decimal("152919.8")
    assert form.funds.carried_over.executed is None


def test_second_sheet_gives_a_second_form(
    tmp_path: Path, seed1_flat: dict[str, Any], seed2_flat: dict[str, Any]
) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "项目一"
    official_sheet(first, seed1_flat, Habits())
    official_sheet(workbook.create_sheet("项目二"), seed2_flat, Habits(merged=False))
    workbook.create_sheet("空表")
    sheets = read_workbook(save(workbook, tmp_path / "two.xlsx"))
    assert [s.sheet_name for s in sheets] == ["项目一", "项目二"]
    assert sheets[0].form == form_from_flat(with_operators(seed1_flat, ascii_ops=False))
    assert sheets[1].form == form_from_flat(with_operators(seed2_flat, ascii_ops=False))


def test_flat_sheet_gives_the_indicator_tree(tmp_path: Path, seed1_flat: dict[str, Any]) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    flat_sheet(ws, [seed1_flat], project_column=False)
    sheets = read_workbook(save(workbook, tmp_path / "flat.xlsx"))
    assert len(sheets) == 1
    expected = form_from_flat(seed1_flat)
    assert sheets[0].form.level1 == expected.level1
    # The sheet has no year and no funds: said, not guessed silently.
    assert any("年度" in str(n) for n in sheets[0].notes)


def test_flat_sheet_of_two_projects_gives_two_forms(
    tmp_path: Path, seed1_flat: dict[str, Any], seed2_flat: dict[str, Any]
) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    flat_sheet(ws, [seed1_flat, seed2_flat], project_column=True)
    sheets = read_workbook(save(workbook, tmp_path / "flat2.xlsx"))
    assert [s.form.project_name for s in sheets] == ["项目服务管理", "市民服务"]
    assert [s.form.year for s in sheets] == [2023, 2023]
    assert sheets[1].form.level1 == form_from_flat(seed2_flat).level1
    notes = [str(n) for n in sheets[0].notes]
    assert "工作表“Sheet”第 1 行 A 列：“序号”列只表示行的顺序，未单独导入" in notes
    assert not any("未导入" in n and "序号" not in n for n in notes)


def test_what_cannot_be_understood_is_reported_with_its_place(
    tmp_path: Path, seed1_flat: dict[str, Any]
) -> None:
    path = build(tmp_path, seed1_flat, Habits())
    workbook = __import__("openpyxl").load_workbook(path)
    ws = workbook.active
    ws["J12"] = "备注"  # a column the form does not have
    ws["J13"] = "请财务复核"
    ws["F13"] = "五分"  # 分值 of the first 三级 row, not a number
    workbook.save(path)
    form, notes = only_form(path)
    assert form.level1[0].children[0].indicators[0].weight is None
    assert any("第 13 行 F 列" in n and "五分" in n for n in notes)
    assert any("第 13 行 J 列" in n and "请财务复核" in n for n in notes)
    assert any("第 12 行 J 列" in n and "备注" in n for n in notes)


def test_formula_cells_give_their_cached_value_or_a_note(
    tmp_path: Path, seed1_flat: dict[str, Any]
) -> None:
    path = build(tmp_path, seed1_flat, Habits())
    set_cached_formula(path, "F13", "2+3", "5")  # 分值 of 每月发送量, cached by Excel
    set_cached_formula(path, "G13", "2+3", None)  # 得分, never calculated
    form, notes = only_form(path)
    indicator = form.level1[0].children[0].indicators[0]
    assert indicator.weight == Decimal(5)
    assert indicator.score is None
    assert any("第 13 行 G 列" in n and "公式" in n for n in notes)


def test_sheet_without_a_form_is_refused_with_a_message(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws["A1"] = "通讯录"
    with pytest.raises(FormFileError, match="没有找到自评表"):
        read_workbook(save(workbook, tmp_path / "other.xlsx"))


def test_title_with_year_and_unit_line(tmp_path: Path, seed2_flat: dict[str, Any]) -> None:
    data = copy.deepcopy(seed2_flat)
    data["title"] = "2022年度财政项目支出绩效自评表"
    data["year"] = "2022"
    form, notes = only_form(build(tmp_path, data, Habits()))
    assert form.year == 2022
    assert form.title == "财政项目支出绩效自评表"
    assert any("标题中的年度" in n for n in notes)


def test_ministry_template_as_a_unit_fills_it(tmp_path: Path, seed1_flat: dict[str, Any]) -> None:
    data = copy.deepcopy(seed1_flat)
    data["amount_unit"] = "万元"
    for row in data["funds"].values():
        for key, value in row.items():
            if value is not None:
                row[key] = str(Decimal(value) / 10000)
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ministry_sheet(ws, data)
    form, notes = only_form(save(workbook, tmp_path / "ministry.xlsx"))
    expected = form_from_flat(data)
    assert form.level1 == expected.level1
    assert form.funds == expected.funds
    assert form.amount_unit is AmountUnit.WAN_YUAN
    assert form.goals == expected.goals
    assert (form.title, form.year) == ("项目支出绩效自评表", 2023)
    assert (form.department, form.implementing_unit) == (
        data["department"],
        data["implementing_unit"],
    )
    assert form.print_options.signature_block
    assert form.print_options.signature_labels == list(SIGNATURES)
    # Only the 附件 line is not part of the form, and it is said where it is; the filled-in
    # signature lines are said to be kept as such.
    assert notes == [
        "工作表“Sheet”：表末的签字栏 “填报人：张三”、“联系电话：021-12345678”、"
        "“填报日期：2024年3月1日” 已作为打印时的签字栏读入（不是绩效指标）",
        "工作表“Sheet”第 1 行 A 列：内容“附件2”不属于自评表的任何栏目，未导入",
    ]


def test_unit_line_and_label_variants(tmp_path: Path, seed2_flat: dict[str, Any]) -> None:
    data = copy.deepcopy(seed2_flat)
    data["amount_unit"] = "万元"
    data["funds"]["other"]["initial"] = "1.5"
    path = build(tmp_path, data, Habits())
    workbook = __import__("openpyxl").load_workbook(path)
    ws = workbook.active
    labels = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    labels["项目资金\n（万元）"].value = "项目资金"
    labels["其他资金"].value = "其它资金："
    labels["主管部门"].value = "主管部门及代码"
    ws["I1"] = "单位：万元"
    workbook.save(path)
    form, notes = only_form(path)
    assert form.amount_unit is AmountUnit.WAN_YUAN
    assert form.funds.other.initial == Decimal("1.5")
    assert form.department == data["department"]
    assert notes == []


def test_two_forms_one_under_the_other_on_one_sheet(
    tmp_path: Path, seed1_flat: dict[str, Any], seed2_flat: dict[str, Any]
) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    official_sheet(ws, seed1_flat, Habits())
    official_sheet(ws, seed2_flat, Habits(top=ws.max_row + 4))
    sheets = read_workbook(save(workbook, tmp_path / "stacked.xlsx"))
    assert [s.form.project_name for s in sheets] == ["项目服务管理", "市民服务"]
    assert sheets[0].form == form_from_flat(with_operators(seed1_flat, ascii_ops=False))
    assert sheets[1].form == form_from_flat(with_operators(seed2_flat, ascii_ops=False))
    assert [str(n) for n in sheets[0].notes] == [
        "工作表“Sheet”：此工作表中有 2 张自评表（各有“项目名称”），已分别导入"
    ]
    assert sheets[1].notes == []


def test_label_and_value_in_one_wide_cell(tmp_path: Path, seed2_flat: dict[str, Any]) -> None:
    path = build(tmp_path, seed2_flat, Habits())
    workbook = __import__("openpyxl").load_workbook(path)
    ws = workbook.active
    name_label = next(c for row in ws.iter_rows() for c in row if c.value == "项目名称")
    row = name_label.row
    for merged in [m for m in ws.merged_cells.ranges if m.min_row == row]:
        ws.unmerge_cells(str(merged))
    for cell in ws[row]:
        cell.value = None
    ws.cell(row, 1, "项目名称：市民服务")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    workbook.save(path)
    form, notes = only_form(path)
    assert form.project_name == "市民服务"
    assert form.funds == form_from_flat(seed2_flat).funds
    assert notes == []
