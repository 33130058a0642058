"""Spreadsheets built the way people make them, independently of perfeval's exporter.

The official layout here is the 8-column one of the real forms (一级指标 in the first
column, no section-label column), laid out differently from what perfeval writes, so the
importer is tested as a reader of the layout, not of its own output.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FUND_ROWS = (
    ("total", "年度资金总额"),
    ("current_year_appropriation", "其中：当年财政拨款"),
    ("carried_over", "上年结转资金"),
    ("other", "其他资金"),
)
TABLE_HEADERS = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    "偏差原因分析及改进措施",
)  # fmt: skip
_FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@dataclass
class Habits:
    """How the person who made the sheet works."""

    merged: bool = True  # 一级/二级 merged over their rows (else written once, blank below)
    repeat_groups: bool = False  # unmerged: 一级/二级 repeated on every row
    numbers_as_text: bool = False  # amounts typed as text with separators: "152,919.80"
    full_width_numbers: bool = False  # …and in full-width digits: "１５２，９１９．８０"
    ascii_operators: bool = False  # ">=" instead of "≥"
    blank_rows: bool = False  # an empty row after every block and between some 三级 rows
    blank_column: bool = False  # an empty column between 三级指标 and 年度指标值
    top: int = 1  # first row used
    left: int = 1  # first column used
    spaced_labels: bool = False  # "项 目 名 称", "年 度 总 体 目 标"


def official_sheet(ws: Worksheet, data: dict[str, Any], habits: Habits) -> None:
    """Write the flat fixture ``data`` as the printed form, with ``habits``."""
    sheet = _Writer(ws, habits)
    sheet.put(0, 0, data["title"], span=7)
    sheet.put(1, 0, f"（{data['year']}年度）", span=7)
    sheet.skip(1)
    sheet.put(2, 0, sheet.label("项目名称"))
    sheet.put(2, 1, data["project_name"], span=6)
    sheet.put(3, 0, sheet.label("主管部门"))
    sheet.put(3, 1, data["department"], span=2)
    sheet.put(3, 4, sheet.label("实施单位"))
    sheet.put(3, 5, data["implementing_unit"], span=2)
    sheet.put(4, 0, f"项目资金\n（{data['amount_unit']}）", down=4)
    for offset, header in enumerate(
        ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    ):
        sheet.put(4, 2 + offset, header)
    execution = data["budget_execution"]
    for index, (key, label) in enumerate(FUND_ROWS, start=5):
        sheet.put(index, 1, label)
        for offset, column in enumerate(("initial", "adjusted", "executed")):
            sheet.amount(index, 2 + offset, data["funds"][key][column])
        if key == "total":
            sheet.amount(index, 5, execution["weight"], plain=True)
            ws.cell(
                sheet.r(index), sheet.c(6), float(execution["rate_percent"]) / 100
            ).number_format = "0.00%"
            sheet.amount(index, 7, execution["score"], plain=True)
        else:
            for col in (5, 6, 7):
                sheet.put(index, col, "—")
    sheet.skip(1)
    sheet.put(9, 0, sheet.label("年度总体目标"), down=1)
    sheet.put(9, 1, "预期目标", span=2)
    sheet.put(9, 4, "实际完成情况", span=3)
    sheet.put(10, 1, data["goals"]["expected"], span=2)
    sheet.put(10, 4, data["goals"]["actual"], span=3)
    sheet.skip(1)
    for col, header in enumerate(TABLE_HEADERS):
        sheet.put(11, col, header)
    row = _indicator_rows(sheet, data["indicators"], 12)
    sheet.put(row, 0, "总分", span=4)
    sheet.amount(row, 5, data["total"]["weight"], plain=True)
    sheet.amount(row, 6, data["total"]["score"], plain=True)


def _indicator_rows(sheet: _Writer, indicators: list[dict[str, Any]], row: int) -> int:
    groups: list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]] = []
    for item in indicators:
        if not groups or groups[-1][0] != item["level1"]:
            groups.append((item["level1"], []))
        children = groups[-1][1]
        if not children or children[-1][0] != item["level2"]:
            children.append((item["level2"], []))
        children[-1][1].append(item)
    for l1_name, children in groups:
        l1_top, l1_physical = row, sheet.r(row)
        for l2_name, items in children:
            l2_top, l2_physical = row, sheet.r(row)
            for n, item in enumerate(items):
                if sheet.habits.blank_rows and n == 1:
                    sheet.skip(1)  # an empty row typed between two 三级 rows
                first = row == l2_top
                if sheet.habits.repeat_groups or (not sheet.habits.merged and first):
                    sheet.put(row, 1, l2_name)
                    if sheet.habits.repeat_groups or row == l1_top:
                        sheet.put(row, 0, l1_name)
                sheet.put(row, 2, item["name"])
                sheet.put(row, 3, sheet.operator(item["target"]))
                sheet.put(row, 4, sheet.operator(item["actual"]))
                sheet.amount(row, 5, item["weight"], plain=True)
                sheet.amount(row, 6, item["score"], plain=True)
                sheet.put(row, 7, item["deviation"])
                row += 1
            if sheet.habits.merged:
                sheet.merged_group(l2_physical, sheet.r(row - 1), 1, l2_name)
        if sheet.habits.merged:
            sheet.merged_group(l1_physical, sheet.r(row - 1), 0, l1_name)
    return row


class _Writer:
    """Places cells relative to the habits' origin, blank rows and blank column."""

    def __init__(self, ws: Worksheet, habits: Habits) -> None:
        self.ws, self.habits, self.extra_rows = ws, habits, 0

    def skip(self, rows: int) -> None:
        if self.habits.blank_rows:
            self.extra_rows += rows

    def r(self, row: int) -> int:
        return self.habits.top + row + self.extra_rows

    def c(self, col: int) -> int:
        shift = 1 if self.habits.blank_column and col >= 3 else 0
        return self.habits.left + col + shift

    def label(self, text: str) -> str:
        return " ".join(text) if self.habits.spaced_labels else text

    def operator(self, text: str) -> str:
        if self.habits.ascii_operators:
            return text.replace("≥", ">=").replace("≤", "<=")
        return text.replace(">=", "≥").replace("<=", "≤")

    def put(self, row: int, col: int, value: Any, *, span: int = 0, down: int = 0) -> None:
        r, c = self.r(row), self.c(col)
        cell = self.ws.cell(r, c, value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # what Excel stores when a user types '=3 万条/月
        if (span or down) and self.habits.merged:
            last_col = self.c(col + span)
            self.ws.merge_cells(start_row=r, start_column=c, end_row=r + down, end_column=last_col)

    def merged_group(self, first_row: int, last_row: int, col: int, name: str) -> None:
        """A 一级/二级 label merged over its rows (physical sheet rows)."""
        self.ws.cell(first_row, self.c(col), name)
        if last_row > first_row:
            c = self.c(col)
            self.ws.merge_cells(start_row=first_row, start_column=c, end_row=last_row, end_column=c)

    def amount(self, row: int, col: int, value: str | None, *, plain: bool = False) -> None:
        if value is None:
            return
        if self.habits.numbers_as_text and not plain:
            number = float(value)
            text = f"{number:,.2f}" if number else value
            if self.habits.full_width_numbers:
                text = text.translate(_FULL_WIDTH)
            self.put(row, col, text)
        else:
            cell = self.ws.cell(self.r(row), self.c(col), float(value))
            cell.number_format = "#,##0.00" if not plain else "General"


def flat_sheet(ws: Worksheet, datas: list[dict[str, Any]], *, project_column: bool) -> None:
    """The flat layout other systems export: one row per 三级, columns in their own order."""
    headers = [
        "三级指标",
        "一级指标",
        "二级指标",
        "分值",
        "年度指标值",
        "实际完成值",
        "得分",
        "偏差原因",
    ]
    keys = ["name", "level1", "level2", "weight", "target", "actual", "score", "deviation"]
    if project_column:
        headers = ["序号", "项目名称", "年度", *headers]
    ws.append(headers)
    for data in datas:
        for item in data["indicators"]:
            values: list[Any] = [
                float(item[k]) if k in {"weight", "score"} else item[k] for k in keys
            ]
            if project_column:
                values = [ws.max_row, data["project_name"], data["year"], *values]
            ws.append(values)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"


def save(workbook: Workbook, path: Path) -> Path:
    """Save ``workbook`` to ``path`` and return the path."""
    workbook.save(path)
    return path


def set_cached_formula(path: Path, cell: str, formula: str, cached: str | None) -> None:
    """Turn ``cell`` of the first sheet into a formula, with or without a cached value, as
    Excel (or a program that never calculated) would have saved it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    value = f"<v>{cached}</v>" if cached is not None else ""
    replacement = f'<c r="{cell}"><f>{formula}</f>{value}</c>'
    pattern = re.compile(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)')
    if pattern.search(xml):
        xml = pattern.sub(replacement, xml, count=1)
    else:
        raise AssertionError(f"cell {cell} not found in the sheet XML")
    parts[name] = xml.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    path.write_bytes(buffer.getvalue())
