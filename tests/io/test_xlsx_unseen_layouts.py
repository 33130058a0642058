"""Layouts the other import tests do not build, as a QA pass met them on clerks' sheets:
广东-style wordings (预算单位, 资金情况（万元）, 指标值/实际值/评分/扣分原因), a header whose every
label is merged over two rows, and a 执行率 typed with one decimal."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.model.form import AmountUnit, Form


def _put(
    ws: Worksheet, row: int, col: int, value: object, to: tuple[int, int] | None = None
) -> None:
    ws.cell(row, col, value)
    if to:
        ws.merge_cells(start_row=row, start_column=col, end_row=to[0], end_column=to[1])


def _read(tmp_path: Path, ws_writer: object) -> tuple[Form, list[str]]:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws_writer(ws)  # type: ignore[operator]
    path = tmp_path / "sheet.xlsx"
    workbook.save(path)
    sheets = read_workbook(path)
    assert len(sheets) == 1
    return sheets[0].form, [str(n) for n in sheets[0].notes]


def _guangdong(ws: Worksheet, rate: float = 98.5) -> None:
    _put(ws, 1, 1, "项目支出绩效自评表（2023年度）", (1, 8))
    _put(ws, 2, 1, "项目名称")
    _put(ws, 2, 3, "基层医疗机构能力提升", (2, 8))
    _put(ws, 3, 1, "主管部门")
    _put(ws, 3, 3, "市卫生健康委员会", (3, 5))
    _put(ws, 3, 6, "预算单位")
    _put(ws, 3, 7, "市基层卫生协会", (3, 8))
    _put(ws, 4, 1, "资金情况（万元）", (6, 2))
    for i, label in enumerate(
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    ):
        _put(ws, 4, 3 + i, label)
    for col, value in enumerate(["年度资金总额", 520, 486.325, 479.0575, 10, rate, 9.85], start=3):
        _put(ws, 5, col, value)
    for col, value in enumerate(["其中：财政拨款", 520, 486.325, 479.0575], start=3):
        _put(ws, 6, col, value)
    _put(ws, 7, 1, "年度总体目标", (8, 2))
    _put(ws, 7, 3, "预期目标", (7, 5))
    _put(ws, 7, 6, "实际完成情况", (7, 8))
    _put(ws, 8, 3, "完成120家机构设备更新。", (8, 5))
    _put(ws, 8, 6, "完成118家。", (8, 8))
    header = ["一级指标", "二级指标", "三级指标", "指标值", "实际值", "分值", "评分", "扣分原因"]
    rows = [
        ["产出指标", "数量指标", "设备更新机构数", "≥120家", "118家", 50, 48, "2家选址调整"],
        ["效益指标", "社会效益指标", "诊疗量增长率", "≥5%", "5.2%", 30, 30, None],
        ["满意度指标", "服务对象满意度指标", "患者满意度", "≥90%", "93.5%", 10, 10, None],
    ]
    for r, values in enumerate([header, *rows], start=9):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)
    _put(ws, 13, 1, "合计", (13, 5))
    _put(ws, 13, 6, 100)
    _put(ws, 13, 7, 97.85)


def test_guangdong_wordings_are_read_in_the_default_template(tmp_path: Path) -> None:
    form, notes = _read(tmp_path, _guangdong)
    # One 指标值 column is not 云南's split 指标性质 | 指标值 | 度量单位 layout.
    assert form.template == "shanghai"
    assert form.implementing_unit == "市基层卫生协会"  # 预算单位
    assert form.amount_unit is AmountUnit.WAN_YUAN  # 资金情况（万元）
    assert form.funds.total.executed == Decimal("479.0575")
    first = form.level1[0].children[0].indicators[0]
    assert (first.actual, first.score) == ("118家", Decimal("48"))
    assert first.deviation_note == "2家选址调整"  # 扣分原因
    assert not any("不属于自评表" in n for n in notes), notes


def test_rate_typed_with_one_decimal_agrees_when_it_rounds_so(tmp_path: Path) -> None:
    # 479.0575 ÷ 486.325 = 98.506 %: the clerk's 98.5 is that figure to the digits typed.
    _, notes = _read(tmp_path, _guangdong)
    assert not any("表中执行率" in n for n in notes), notes
    _, notes = _read(tmp_path, lambda ws: _guangdong(ws, rate=97.5))
    assert any("表中执行率 97.50% 与按全年执行数÷全年预算数计算的 98.51% 不同" in n for n in notes)


def _two_row_header(ws: Worksheet) -> None:
    _put(ws, 1, 1, "2023年度项目支出绩效自评表", (1, 8))
    _put(ws, 2, 1, "项目名称")
    _put(ws, 2, 2, "智慧校园建设", (2, 8))
    labels = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "偏差原因分析及改进措施"]  # fmt: skip
    for c, label in enumerate(labels, start=1):
        _put(ws, 3, c, label, (4, c))  # each header label merged over rows 3–4
    rows = [
        ["产出指标", "数量指标", "改造学校数", "30所", "30所", 50, 50, None],
        ["效益指标", "社会效益指标", "智慧课堂使用率", "≥80%", "85%", 30, 30, None],
        ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "92%", 10, 10, None],
    ]
    for r, values in enumerate(rows, start=5):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)


def test_header_merged_over_two_rows_is_no_indicator_row(tmp_path: Path) -> None:
    form, _ = _read(tmp_path, _two_row_header)
    assert [l1.name for l1 in form.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert [i.name for l1 in form.level1 for l2 in l1.children for i in l2.indicators] == [
        "改造学校数", "智慧课堂使用率", "师生满意度",
    ]  # fmt: skip


def _goals_on_one_row(ws: Worksheet) -> None:
    ws.append(["2023年度项目支出绩效自评表"])
    ws.append(["项目名称：老旧小区加装电梯补贴", None, None, None, "金额单位：万元"])
    ws.append(
        ["年度总体目标", "预期目标", "完成加装电梯300部。", None, "实际完成情况", "完成310部。"]
    )
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "加装电梯数量", "≥300部", "310部", 90, 90])


def test_goals_beside_their_labels_on_one_row(tmp_path: Path) -> None:
    form, notes = _read(tmp_path, _goals_on_one_row)
    assert (form.goals.expected, form.goals.actual) == ("完成加装电梯300部。", "完成310部。")
    assert not any("不属于自评表" in n for n in notes), notes


def test_a_hidden_row_is_read_and_named(tmp_path: Path) -> None:
    # A clerk hides an old row instead of deleting it: it is not on screen or paper, so the
    # import says it read it.
    def write(ws: Worksheet) -> None:
        _two_row_header(ws)
        ws.append(["效益指标", "社会效益指标", "（旧）废弃指标", "≥1", "0", 0, 0])
        ws.row_dimensions[ws.max_row].hidden = True

    form, notes = _read(tmp_path, write)
    assert "（旧）废弃指标" in [
        i.name for l1 in form.level1 for l2 in l1.children for i in l2.indicators
    ]
    assert any("第 8 行" in n and "被隐藏" in n for n in notes), notes


def test_a_signature_line_typed_in_one_cell_is_split_into_its_fields(tmp_path: Path) -> None:
    def write(ws: Worksheet) -> None:
        _two_row_header(ws)
        ws.append([])
        ws.append(["填报人：王芳        联系电话：025-12345678　　填报日期：2024年3月15日"])

    form, _ = _read(tmp_path, write)
    assert form.print_options.signature_labels == [
        "填报人：王芳", "联系电话：025-12345678", "填报日期：2024年3月15日",
    ]  # fmt: skip


def _year_field(ws: Worksheet) -> None:
    ws.append(["项目支出绩效自评表"])
    ws.append(["项 目 名 称", None, "乡村振兴示范村建设"])
    ws.append(["年    度", None, 2023])
    ws.append(["资金投入", None, "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）"])
    ws.append([None, "合计", 500, 480, 432])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "示范村数量", "5个", "5个", 90, 90])


def test_year_in_a_field_of_its_own_and_funds_labelled_zijin_touru(tmp_path: Path) -> None:
    form, notes = _read(tmp_path, _year_field)
    assert form.year == 2023  # not the default year, and no note asking for one
    assert form.amount_unit is AmountUnit.WAN_YUAN
    assert form.funds.total.executed == Decimal("432")
    assert not any("年度" in n or "资金投入" in n for n in notes), notes


def test_a_form_on_a_hidden_sheet_is_read_and_named(tmp_path: Path) -> None:
    workbook = Workbook()
    visible = workbook.active
    assert visible is not None
    _two_row_header(visible)
    hidden = workbook.create_sheet("去年")
    _two_row_header(hidden)
    hidden.sheet_state = "hidden"
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    sheets = read_workbook(path)
    assert [s.sheet_name for s in sheets] == [visible.title, "去年"]
    notes = [str(n) for n in sheets[1].notes]
    assert any("工作表“去年”" in n and "被隐藏" in n for n in notes), notes
    assert not any("被隐藏" in str(n) for n in sheets[0].notes)


def test_flat_json_rate_typed_with_one_decimal_agrees_when_it_rounds_so() -> None:
    def notes_for(rate: str) -> list[str]:
        amounts = {"initial": "520", "adjusted": "486.325", "executed": "479.0575"}
        data = {
            "project_name": "甲",
            "year": 2023,
            "amount_unit": "万元",
            "funds": {"total": amounts, "current_year_appropriation": amounts},
            "budget_execution": {"weight": "10", "rate_percent": rate},
            "indicators": [],
        }
        notes: list[str] = []
        form_from_flat(data, notes=notes)
        return notes

    assert not any("执行率" in n for n in notes_for("98.5")), notes_for("98.5")
    assert any("执行率 97.5%" in n for n in notes_for("97.5")), notes_for("97.5")
