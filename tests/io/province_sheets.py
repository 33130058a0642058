"""Sheets laid out like the self-evaluation forms units of several provinces publish.

Each builder writes the expected data (flat-JSON shape, as :func:`form_from_flat` reads it)
the way a unit fills that province's published layout in, independently of perfeval's
exporter: 云南 公开14表 (split target, two header rows, 其他需要说明事项), 四川
510000_0013zp (its funds block with a two-row header and 原因, 权重/完成值/未完成原因分析,
合计, 评价结论/存在问题/改进措施, 项目负责人/财务负责人), a 河北-like central layout with
the template's placeholder rows left in, an 安徽-like one with ``产出指标(50分)`` labels, a
湖北 one with a 20-point budget row and the grade in the 总分 row, a 宁夏 one with
（A）/（B）/（B/A） headers.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.scoring import compute_totals

Data = dict[str, Any]


def _ind(*row: Any, **extra: str) -> dict[str, Any]:
    """A flat indicator row: 一级, 二级, 三级, target, actual, weight, score[, deviation]."""
    keys = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
    values = dict(zip(keys, (*row, "") if len(row) == len(keys) - 1 else row, strict=True))
    values["weight"] = str(values["weight"])
    return {**values, **extra}


def _funds(rows: dict[str, tuple[str | None, str | None, str | None]]) -> dict[str, Any]:
    return {
        k: dict(zip(("initial", "adjusted", "executed"), v, strict=True)) for k, v in rows.items()
    }


def yunnan_data() -> Data:
    split = {"target_nature": "≧", "target_unit": "万人"}
    return {
        "template": "yunnan",
        "title": "项目支出绩效自评表",
        "year": 2023,
        "project_name": "城乡居民基本医疗保险省级补助资金",
        "department": "云南省医疗保障局",
        "implementing_unit": "云南省医疗保障局（本级）",
        "amount_unit": "万元",
        "funds": _funds(
            {
                "total": ("1250.3456", "1180.125", "1150.0625"),
                "current_year_appropriation": ("1250.3456", "1180.125", "1150.0625"),
                "carried_over": (None, None, None),
                "other": (None, None, None),
            }
        ),
        "budget_execution": {"weight": "10"},
        "goals": {
            "expected": "按时足额下达省级补助资金，保障参保群众基本医疗需求。",
            "actual": "已按时足额下达补助资金 1150.0625 万元，参保群众待遇按规定落实。",
        },
        "indicators": [
            _ind("产出指标", "数量指标", "参保人数", "735", "742万人", 20, "20", **split),
            _ind(
                "产出指标",
                "质量指标",
                "资金拨付准确率",
                "100",
                "100%",
                15,
                "15",
                target_nature="═",
                target_unit="%",
            ),
            _ind(
                "产出指标",
                "时效指标",
                "资金下达时限",
                "30",
                "28天",
                15,
                "15",
                target_nature="≦",
                target_unit="天",
            ),
            _ind(
                "效益指标",
                "社会效益指标",
                "群众就医负担",
                "有效减轻",
                "部分减轻",
                30,
                "27",
                "部分地区报销比例偏低，下一步加强政策宣传。",
                target_nature="定性",
            ),
            _ind(
                "满意度指标",
                "服务对象满意度指标",
                "参保群众满意度",
                "90",
                "92%",
                10,
                "10",
                target_nature="≧",
                target_unit="%",
            ),
        ],
        "texts": {"other_notes": "本项目资金已全部下达至州（市）。"},
    }


def sichuan_data() -> Data:
    return {
        "template": "sichuan",
        "title": "部门预算项目支出绩效自评表",
        "year": 2023,
        "project_name": "省级公共文化服务体系建设专项",
        "department": "四川省文化和旅游厅",
        "implementing_unit": "四川省图书馆",
        "amount_unit": "万元",
        "funds": _funds(
            {
                "total": ("500", "480.5", "420.1234"),
                "current_year_appropriation": ("400", "380.5", "340.1234"),
                "special_account": ("50", "50", "40"),
                "unit_funds": ("30", "30", "25"),
                "other": ("20", "20", "15"),
            }
        ),
        "budget_execution": {"weight": "10"},
        "funds_note": "部分采购项目尚未完成验收，资金未支付。",
        "goals": {
            "expected": "开展公益讲座 120 场，服务读者 50 万人次。",
            "actual": "开展公益讲座 126 场，服务读者 52.3 万人次。",
        },
        "indicators": [
            _ind("产出指标", "数量指标", "公益讲座场次", "≥120场", "126场", 20, "20"),
            _ind("产出指标", "质量指标", "讲座合格率", "≥95%", "98%", 15, "15"),
            _ind("产出指标", "时效指标", "完成时间", "2023年12月31日前", "2023年12月20日", 5, "5"),
            _ind("产出指标", "成本指标", "场均成本", "≤2万元", "1.8万元", 10, "10"),
            _ind("效益指标", "社会效益指标", "服务读者人次", "≥50万人次", "52.3万人次", 30, "30"),
            _ind(
                "满意度指标",
                "服务对象满意度指标",
                "读者满意度",
                "≥90%",
                "88%",
                10,
                "9",
                "个别场次座位不足，下一年增加场地。",
            ),
        ],
        "texts": {
            "conclusion": "项目完成情况较好。",
            "problems": "资金支付进度偏慢。",
            "improvements": "加快验收和支付进度。",
        },
    }


SICHUAN_SIGNATURES = ("项目负责人：王五", "财务负责人：赵六")


def hebei_data() -> Data:
    return {
        "title": "项目支出绩效自评表",
        "year": 2023,
        "project_name": "职业技能提升培训补贴",
        "department": "某县人力资源和社会保障局",
        "implementing_unit": "某县就业服务中心",
        "amount_unit": "万元",
        "funds": _funds(
            {
                "total": ("200", "200", "196.5"),
                "current_year_appropriation": ("200", "200", "196.5"),
                "carried_over": (None, None, None),
                "other": (None, None, None),
            }
        ),
        "budget_execution": {"weight": "10"},
        "goals": {"expected": "完成职业技能培训 500 人次。", "actual": "完成培训 520 人次。"},
        "indicators": [
            _ind("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 10, "10"),
            _ind("产出指标", "质量指标", "培训合格率", "≥95%", "97%", 10, "10"),
            _ind("产出指标", "时效指标", "完成时间", "2023年12月底前", "2023年11月", 10, "10"),
            _ind("产出指标", "成本指标", "人均培训成本", "≤800元", "760元", 20, "20"),
            _ind("效益指标", "社会效益指标", "培训后就业率", "≥80%", "85%", 30, "30"),
            _ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", 10, "10"),
        ],
    }


def anhui_data() -> Data:
    return {
        "title": "项目支出绩效自评表",
        "year": 2023,
        "project_name": "农村饮水安全维修养护",
        "department": "某市水利局",
        "implementing_unit": "某市农村供水服务站",
        "amount_unit": "元",
        "funds": _funds(
            {
                "total": ("800000", "800000", "800000"),
                "current_year_appropriation": ("800000", "800000", "800000"),
                "carried_over": (None, None, None),
                "other": (None, None, None),
            }
        ),
        "budget_execution": {"weight": "10"},
        "goals": {
            "expected": "完成 30 处供水工程维修养护。",
            "actual": "完成 32 处供水工程维修养护。",
        },
        "indicators": [
            _ind("产出指标", "数量指标", "维修养护工程数", "≥30处", "32处", 20, "20"),
            _ind("产出指标", "质量指标", "工程验收合格", "验收合格", "达成预期指标", 20, "20"),
            _ind("产出指标", "时效指标", "完工时间", "2023年10月底前", "2023年10月20日", 10, "10"),
            _ind("效益指标", "社会效益指标", "供水保障水平", "明显提升", "达成预期指标", 30, "30"),
            _ind("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", 10, "10"),
        ],
    }


def hubei_data() -> Data:
    return {
        "template": "hubei",
        "title": "项目支出绩效自评表",
        "year": 2023,
        "project_name": "省级乡村振兴示范村建设",
        "department": "湖北省农业农村厅",
        "implementing_unit": "湖北省农业农村厅",
        "amount_unit": "万元",
        "funds": _funds(
            {
                "total": ("3000", "3000", "2950.1234"),
                "current_year_appropriation": ("3000", "3000", "2950.1234"),
                "carried_over": (None, None, None),
                "other": (None, None, None),
            }
        ),
        "budget_execution": {"weight": "20"},
        "goals": {"expected": "建成示范村 30 个。", "actual": "建成示范村 30 个。"},
        "indicators": [
            _ind("产出指标", "数量指标", "示范村个数", "=30个", "30个", 20, "20"),
            _ind("产出指标", "质量指标", "验收合格率", "100%", "100%", 20, "20"),
            _ind(
                "效益指标",
                "社会效益指标",
                "村容村貌改善",
                "明显改善",
                "明显改善",
                30,
                "28",
                "个别村庄后续管护不到位，将建立长效机制。",
            ),
            _ind("满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "96%", 10, "10"),
        ],
    }


def ningxia_data() -> Data:
    data = copy.deepcopy(hebei_data())
    data.update(
        template="ningxia",
        project_name="草原生态保护补助",
        department="宁夏回族自治区林业和草原局",
        implementing_unit="宁夏回族自治区草原工作站",
    )
    return data


def budget_cells(data: Data) -> tuple[Decimal | None, str]:
    """(执行率 as a fraction, budget 得分 as printed) that the unit types in."""
    totals = compute_totals(form_from_flat(data))
    score = totals.budget_score
    shown = "" if score is None else str(score.quantize(Decimal("0.01"), ROUND_HALF_UP))
    return totals.execution_rate, shown


class Cells:
    """Writes values at A1 references, merging ranges, the way a spreadsheet user does."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def put(self, ref: str, value: Any, to: str | None = None) -> None:
        cell = self.ws[ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        if to:
            self.ws.merge_cells(f"{ref}:{to}")

    def number(self, ref: str, value: str | Decimal | None, fmt: str = "#,##0.0000") -> None:
        if value not in (None, ""):
            self.ws[ref] = float(Decimal(value))
            self.ws[ref].number_format = fmt


def _ref(col: str, row: int, shift: int = 0) -> str:
    return f"{get_column_letter(column_index_from_string(col) + shift)}{row}"


def indicator_rows(
    cells: Cells,
    data: Data,
    first: int,
    columns: dict[str, str],
    *,
    shown: dict[str, str] | None = None,
    placeholders: dict[str, list[str]] | None = None,
) -> int:
    """The 三级 rows from ``first``, in ``columns`` (key → column letter); 一级/二级 merged
    over their rows, written as ``shown`` says (``满意度\n指标``), each 二级 followed by
    the template's unfilled rows in ``placeholders`` (``指标2``, ``……``, ``""`` empty).
    Returns the row after the last."""
    shown, placeholders = shown or {}, placeholders or {}
    row = first
    groups: list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]] = []
    for item in data["indicators"]:
        if not groups or groups[-1][0] != item["level1"]:
            groups.append((item["level1"], []))
        if not groups[-1][1] or groups[-1][1][-1][0] != item["level2"]:
            groups[-1][1].append((item["level2"], []))
        groups[-1][1][-1][1].append(item)
    for l1, children in groups:
        l1_top = row
        for l2, items in children:
            l2_top = row
            for item in items:
                for key, col in columns.items():
                    if key in ("level1", "level2"):
                        continue
                    value = item.get(key, "")
                    if key in ("weight", "score"):
                        cells.number(f"{col}{row}", value, "General")
                    elif value:
                        cells.put(f"{col}{row}", value)
                row += 1
            for placeholder in placeholders.get(l2, []):
                if placeholder:
                    cells.put(f"{columns['name']}{row}", placeholder)
                    if placeholder.startswith("指标"):  # some units put a dash in its cells
                        cells.put(f"{columns['weight']}{row}", "—")
                row += 1
            _group(cells, columns["level2"], l2_top, row - 1, shown.get(l2, l2))
        _group(cells, columns["level1"], l1_top, row - 1, shown.get(l1, l1))
    return row


def _group(cells: Cells, col: str, first: int, last: int, text: str) -> None:
    cells.put(f"{col}{first}", text, f"{col}{last}" if last > first else None)


def yunnan_sheet(ws: Worksheet, data: Data, *, notes_first: bool = False) -> None:
    """云南 公开14表: 年度指标值 split over 指标性质 | 指标值 | 度量单位 in a second header row,
    the unit in the amount headers, 其他需要说明事项 under the table."""
    c = Cells(ws)
    c.put("J1", "公开14表", "K1")
    c.put("A2", data["title"], "K2")
    c.put("A3", f"（{data['year']}年度）", "K3")
    c.put("A4", "项目名称", "B4")
    c.put("C4", data["project_name"], "K4")
    c.put("A5", "主管部门", "B5")
    c.put("C5", data["department"], "F5")
    c.put("G5", "实施单位", "H5")
    c.put("I5", data["implementing_unit"], "K5")
    c.put("A6", "项目资金", "A10")
    c.put("B6", None, "C6")
    for col, text in zip(
        "DEFGHI",
        (
            "年初预算数（万元）",
            "全年预算数（万元）",
            "全年执行数（万元）",
            "分值",
            "执行率",
            "得分",
        ),
        strict=True,
    ):
        c.put(f"{col}6", text)
    rate, score = budget_cells(data)
    labels = {
        "total": "年度资金总额",
        "current_year_appropriation": "其中：财政拨款",
        "carried_over": "上年结转资金",
        "other": "其他资金",
    }
    for row, (key, label) in enumerate(labels.items(), start=7):
        c.put(f"B{row}", label, f"C{row}")
        for col, column in zip("DEF", ("initial", "adjusted", "executed"), strict=True):
            c.number(f"{col}{row}", data["funds"][key][column])
        if key == "total":
            c.number(f"G{row}", data["budget_execution"]["weight"], "General")
            c.number(f"H{row}", rate, "0.00%")
            c.number(f"I{row}", score, "General")
        else:
            for col in "GHI":
                c.put(f"{col}{row}", "—")
    c.put("A11", "年度总体目标", "A12")
    c.put("B11", "预期目标", "F11")
    c.put("G11", "实际完成情况", "K11")
    c.put("B12", data["goals"]["expected"], "F12")
    c.put("G12", data["goals"]["actual"], "K12")
    for col, text in zip(
        "BCDHIJK",
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        strict=True,
    ):
        c.put(f"{col}13", text, f"{col}14")
    c.put("E13", "年度指标值", "G13")
    for col, text in zip("EFG", ("指标性质", "指标值", "度量单位"), strict=True):
        c.put(f"{col}14", text)
    columns = dict(
        zip(
            (
                "level1",
                "level2",
                "name",
                "target_nature",
                "target",
                "target_unit",
                "actual",
                "weight",
                "score",
                "deviation",
            ),
            "BCDEFGHIJK",
            strict=True,
        )
    )
    row = indicator_rows(c, data, 15, columns)
    c.put("A13", "绩效指标", f"A{row - 1}")
    totals = compute_totals(form_from_flat(data))
    total, notes = (row + 1, row) if notes_first else (row, row + 1)
    c.put(f"A{total}", "总分", f"H{total}")
    c.number(f"I{total}", totals.weight_total, "General")
    c.number(f"J{total}", totals.score_total.quantize(Decimal("0.01"), ROUND_HALF_UP), "General")
    c.put(f"A{notes}", "其他需要说明事项", f"C{notes}")
    c.put(f"D{notes}", data["texts"]["other_notes"], f"K{notes}")


def sichuan_sheet(ws: Worksheet, data: Data) -> None:
    """四川 510000_0013zp: 报表编号 top right, the year inside the title cell, 年度预算数 over
    年初预算 | 调整后预算数, rows 总额 … 其他资金, 权重/得分/原因 merged over the rows, 完成值
    / 权重 / 未完成原因分析, 合计, 评价结论 / 存在问题 / 改进措施, the two signatures."""
    c = Cells(ws)
    c.put("H1", "报表编号：510000_0013zp", "I1")
    c.put("A2", f"{data['title']}\n（{data['year']}年度）", "I2")
    c.put("A3", "项目名称", "B3")
    c.put("C3", data["project_name"], "I3")
    c.put("A4", "主管部门", "B4")
    c.put("C4", data["department"], "E4")
    c.put("F4", "项目实施单位")
    c.put("G4", data["implementing_unit"], "I4")
    c.put("A5", "项目资金\n（万元）", "A11")
    c.put("B5", None, "B6")
    c.put("C5", "年度预算数", "D5")
    for col, text in zip(
        "EFGHI", ("预算执行数", "预算执行率", "权重", "得分", "原因"), strict=True
    ):
        c.put(f"{col}5", text, f"{col}6")
    c.put("C6", "年初预算")
    c.put("D6", "调整后预算数")
    labels = {
        "total": "总额",
        "current_year_appropriation": "其中：财政资金",
        "special_account": "财政专户管理资金",
        "unit_funds": "单位资金",
        "other": "其他资金",
    }
    for row, (key, label) in enumerate(labels.items(), start=7):
        c.put(f"B{row}", label)
        for col, column in zip("CDE", ("initial", "adjusted", "executed"), strict=True):
            c.number(f"{col}{row}", data["funds"][key][column])
    rate, score = budget_cells(data)
    c.number("F7", rate, "0.00%")
    c.number("G7", data["budget_execution"]["weight"], "General")
    c.number("H7", score, "General")
    for col in "FGH":
        ws.merge_cells(f"{col}7:{col}11")
    c.put("I7", data["funds_note"], "I11")
    c.put("A12", "年度目标完成情况", "A13")
    c.put("B12", "预期目标", "E12")
    c.put("F12", "实际完成目标", "I12")
    c.put("B13", data["goals"]["expected"], "E13")
    c.put("F13", data["goals"]["actual"], "I13")
    for col, text in zip(
        "BCDEFGHI",
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ),
        strict=True,
    ):
        c.put(f"{col}14", text)
    columns = dict(
        zip(
            ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation"),
            "BCDEFGHI",
            strict=True,
        )
    )
    row = indicator_rows(c, data, 15, columns)
    c.put("A14", "绩效指标完成情况", f"A{row - 1}")
    totals = compute_totals(form_from_flat(data))
    c.put(f"A{row}", "合计", f"F{row}")
    c.number(f"G{row}", totals.weight_total, "General")
    c.number(f"H{row}", totals.score_total.quantize(Decimal("0.01"), ROUND_HALF_UP), "General")
    for offset, (key, label) in enumerate(
        (("conclusion", "评价结论"), ("problems", "存在问题"), ("improvements", "改进措施")),
        start=1,
    ):
        c.put(f"A{row + offset}", label, f"B{row + offset}")
        c.put(f"C{row + offset}", data["texts"][key], f"I{row + offset}")
    c.put(f"A{row + 5}", SICHUAN_SIGNATURES[0], f"D{row + 5}")
    c.put(f"F{row + 5}", SICHUAN_SIGNATURES[1], f"I{row + 5}")


def central_sheet(
    ws: Worksheet,
    data: Data,
    *,
    headers: tuple[str, str, str, str, str] = (
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
    ),
    shown: dict[str, str] | None = None,
    placeholders: dict[str, list[str]] | None = None,
    grade: str | None = None,
    grade_line: str | None = None,
    unit_line: str | None = None,
) -> None:
    """The central layout as units of 河北, 安徽, 湖北, 宁夏 fill it: the unit in a line of
    its own or after 项目资金, the template's own header words, group labels as typed."""
    c = Cells(ws)
    c.put("A1", data["title"], "I1")
    c.put("A2", f"（{data['year']}年度）", "I2")
    if unit_line:
        c.put("H3", unit_line, "I3")
    c.put("A4", "项目名称", "B4")
    c.put("C4", data["project_name"], "I4")
    c.put("A5", "主管部门", "B5")
    c.put("C5", data["department"], "E5")
    c.put("F5", "实施单位")
    c.put("G5", data["implementing_unit"], "I5")
    c.put("A6", "项目资金" if unit_line else f"项目资金（{data['amount_unit']}）", "A10")
    c.put("B6", None, "C6")
    for col, text in zip("DEFGHI", (*headers, "得分"), strict=True):
        c.put(f"{col}6", text)
    rate, score = budget_cells(data)
    labels = {
        "total": "年度资金总额",
        "current_year_appropriation": "其中：当年财政拨款",
        "carried_over": "上年结转资金",
        "other": "其他资金",
    }
    for row, (key, label) in enumerate(labels.items(), start=7):
        c.put(f"B{row}", label, f"C{row}")
        for col, column in zip("DEF", ("initial", "adjusted", "executed"), strict=True):
            c.number(f"{col}{row}", data["funds"][key][column])
        if key == "total":
            c.number(f"G{row}", data["budget_execution"]["weight"], "General")
            c.number(f"H{row}", rate, "0.00%")
            c.number(f"I{row}", score, "General")
    c.put("A11", "年度总体目标", "A12")
    c.put("B11", "预期目标", "E11")
    c.put("F11", "实际完成情况", "I11")
    c.put("B12", data["goals"]["expected"], "E12")
    c.put("F12", data["goals"]["actual"], "I12")
    for col, text in zip(
        "BCDEFGHI",
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        strict=True,
    ):
        c.put(f"{col}13", text)
    columns = dict(
        zip(
            ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation"),
            "BCDEFGHI",
            strict=True,
        )
    )
    row = indicator_rows(c, data, 14, columns, shown=shown, placeholders=placeholders)
    c.put("A13", "绩效指标", f"A{row - 1}")
    totals = compute_totals(form_from_flat(data))
    c.put(f"A{row}", "总分", f"F{row}")
    c.number(f"G{row}", totals.weight_total, "General")
    c.number(f"H{row}", totals.score_total.quantize(Decimal("0.01"), ROUND_HALF_UP), "General")
    if grade:
        c.put(f"I{row}", grade)
    if grade_line:
        c.put(f"A{row + 1}", grade_line, f"C{row + 1}")
