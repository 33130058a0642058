"""The flat layout other systems export: one row per 三级指标, no printed-form blocks.

Columns 一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因… in any
order. When rows also carry 项目名称 (and maybe 主管部门, 实施单位, 年度), each run of rows with
the same 项目名称 becomes a form of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfeval_gui.io.xlsx_grid import Grid
from perfeval_gui.io.xlsx_table import Table, cell_in, read_rows
from perfeval_gui.model.form import Level1


@dataclass
class FlatPart:
    """One project's rows of a flat sheet."""

    first_row: int
    level1: list[Level1]
    fields: dict[str, str]  # project_name, department, implementing_unit, year as shown


def read_flat(grid: Grid, table: Table) -> list[FlatPart]:
    """Split the table into runs of one 项目名称 each (the whole table if there is no such
    column) and read each run's tree."""
    parts: list[FlatPart] = []
    for rows in _runs(grid, table):
        level1, table_rows = read_rows(grid, table, rows)
        if not level1:
            continue
        fields: dict[str, str] = {}
        for table_row in table_rows:
            for key, value in table_row.extras.items():
                if not value or key == "serial":
                    continue
                if key not in fields:
                    fields[key] = value
                elif fields[key] != value and key != "project_name":
                    col = cell_in(grid, table_row.row, table.columns[key])
                    grid.note(
                        table_row.row,
                        col,
                        f"同一项目中此行的“{value}”与前面的“{fields[key]}”不同，采用前者",
                    )
        parts.append(FlatPart(rows.start, level1, fields))
    return parts


def _runs(grid: Grid, table: Table) -> list[range]:
    """Row ranges of consecutive rows with the same 项目名称 (blank continues the run)."""
    whole = range(table.header_row + 1, table.end_row + 1)
    span = table.columns.get("project_name")
    if span is None:
        return [whole]
    runs: list[range] = []
    start, current = whole.start, None
    for r in whole:
        col = cell_in(grid, r, span)
        if col is None:
            continue
        name = grid.text(r, col)
        if current is not None and name != current:
            runs.append(range(start, r))
            start = r
        current = name
    runs.append(range(start, whole.stop))
    return runs
