"""A sheet laid out like the ministry's 项目支出绩效自评表 template, as a unit fills it in.

Differs from both perfeval's export and tests/io/xlsx_builders.py: an 附件 line above the
title, 主管部门及代码, the unit in a cell of its own under 项目资金, a two-row indicator header
with ``年度指标值（A）``, the deviation note merged over two columns, a filled-in signature
block, and a stray stored cell at the very end of the sheet.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from tests.io.xlsx_builders import FUND_ROWS

SIGNATURES = ("填报人：张三", "联系电话：021-12345678", "填报日期：2024年3月1日")


def ministry_sheet(ws: Worksheet, data: dict[str, Any]) -> None:
    """Write the flat fixture ``data`` (amounts already in 万元) in the ministry template."""

    def put(ref: str, value: Any, merge: str | None = None) -> None:
        ws[ref] = value
        if isinstance(value, str) and value.startswith("="):
            ws[ref].data_type = "s"
        if merge:
            ws.merge_cells(f"{ref}:{merge}")

    put("A1", "附件2")
    put("A2", "项目支出绩效自评表", "J2")
    put("A3", f"（ {data['year']} 年度 ）", "J3")
    put("A4", "项目名称", "B4")
    put("C4", data["project_name"], "J4")
    put("A5", "主管部门及代码", "B5")
    put("C5", data["department"], "E5")
    put("F5", "实施单位", "G5")
    put("H5", data["implementing_unit"], "J5")
    put("A6", "项目资金")
    put("A7", "（万元）")
    for col, header in zip(
        "DEFGHI", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), strict=True
    ):
        put(f"{col}6", header)
    for row, (key, label) in enumerate(FUND_ROWS, start=7):
        put(f"B{row}", label, f"C{row}")
        for col, column in zip("DEF", ("initial", "adjusted", "executed"), strict=True):
            value = data["funds"][key][column]
            if value is not None:
                put(f"{col}{row}", float(value))
        put(f"G{row}", int(data["budget_execution"]["weight"]) if key == "total" else "—")
        put(f"H{row}", f"{data['budget_execution']['rate_percent']}%" if key == "total" else "—")
        put(f"I{row}", int(data["budget_execution"]["score"]) if key == "total" else "—")
    put("A11", "年度\n总体\n目标", "A12")
    put("B11", "预期目标", "E11")
    put("F11", "实际完成情况", "J11")
    put("B12", data["goals"]["expected"], "E12")
    put("F12", data["goals"]["actual"], "J12")
    put("B13", "指标", "D13")
    put("B14", "一级指标")
    put("C14", "二级指标")
    put("D14", "三级指标")
    for col, header in zip(
        "EFGH", ("年度指标值（A）", "实际完成值（B）", "分值", "得分"), strict=True
    ):
        put(f"{col}13", header, f"{col}14")
    put("I13", "偏差原因分析及改进措施", "J14")
    row = 15
    previous: tuple[str, str] | None = None
    for item in data["indicators"]:
        if previous is None or previous[0] != item["level1"]:
            put(f"B{row}", item["level1"])  # written once, left blank below: not merged
        if previous is None or previous != (item["level1"], item["level2"]):
            put(f"C{row}", item["level2"])
        previous = (item["level1"], item["level2"])
        put(f"D{row}", item["name"])
        put(f"E{row}", item["target"])
        put(f"F{row}", item["actual"])
        put(f"G{row}", int(item["weight"]))
        put(f"H{row}", int(item["score"]))
        put(f"I{row}", item["deviation"], f"J{row}")
        row += 1
    put("A13", "绩效指标", f"A{row - 1}")
    put(f"B{row}", "总分", f"F{row}")
    put(f"G{row}", int(data["total"]["weight"]))
    put(f"H{row}", int(data["total"]["score"]))
    put(f"A{row + 2}", SIGNATURES[0], f"C{row + 2}")
    put(f"E{row + 2}", SIGNATURES[1], f"G{row + 2}")
    put(f"A{row + 3}", SIGNATURES[2], f"C{row + 3}")
    ws["XFD1048576"] = " "  # a stray stored cell, as a slipped keystroke leaves
