"""The 绩效指标 table of a sheet: its header row, then one row per 三级指标.

Shared by the printed-layout reader and the flat reader: both have a header row naming the
columns (一级指标 … 偏差原因分析及改进措施) in any order, with any extra blank rows or columns.
一级/二级 labels may be merged over their rows, written once and left blank below, or
repeated on every row; a new merged range starts a new group even with the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from perfeval_gui.io.xlsx_grid import BLANK_MARKS, Grid, normalise_label
from perfeval_gui.io.xlsx_words import (
    SIGNATURE_PREFIXES,
    TOTAL_LABELS,
    block_of,
    group_name,
    is_placeholder,
    key,
    strip_numbering,
)
from perfeval_gui.model.form import Indicator, Level1, Level2
from perfeval_gui.model.glossary import COST_LEVEL1_CATALOGUE, LEVEL1_CATALOGUE

#: Header label → the column it names; the first matching rule wins.
_HEADER_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("level1", lambda t: t in {"一级指标", "一级", "一级指标名称"}),
    ("level2", lambda t: t in {"二级指标", "二级", "二级指标名称"}),
    (
        "name",
        lambda t: t in {"三级指标", "三级", "三级指标名称", "指标名称", "绩效指标名称", "具体指标"},
    ),
    ("target_nature", lambda t: t in {"指标性质", "性质", "指标方向"}),
    ("target_unit", lambda t: t in {"度量单位", "计量单位", "指标单位"}),
    ("actual", lambda t: "实际" in t or t in {"完成值", "实际值", "年度实际完成值"}),
    ("target", lambda t: "指标值" in t or "目标值" in t or t in {"年度目标", "预期目标值"}),
    ("weight", lambda t: t in {"分值", "指标分值", "权重", "权重分值", "标准分值", "指标权重"}),
    ("score", lambda t: t in {"得分", "自评得分", "实际得分", "自评分", "评分", "自评分值"}),
    (
        "deviation_note",
        lambda t: "偏差" in t or "改进措施" in t or "原因分析" in t or "扣分原因" in t,
    ),
    ("project_name", lambda t: t == "项目名称"),
    ("department", lambda t: t in {"主管部门", "主管单位"}),
    ("implementing_unit", lambda t: t in {"实施单位", "项目实施单位", "执行单位", "预算单位"}),
    ("year", lambda t: t in {"年度", "年份", "评价年度"}),
    ("serial", lambda t: t in {"序号", "编号", "序"}),
)
_SHOWN_ROWS = 8
_TEXT_FIELDS = ("name", "target", "target_nature", "target_unit", "actual", "deviation_note")
_L2_TO_L1 = {
    l2: l1 for cat in (LEVEL1_CATALOGUE, COST_LEVEL1_CATALOGUE) for l1, l2s in cat.items()
    for l2 in l2s
}  # fmt: skip


def header_field(label: str) -> str | None:
    """The column a header label names (``实际完成值(B)`` as 实际完成值), or ``None``."""
    for text in dict.fromkeys((label, key(label))):
        for name, rule in _HEADER_RULES:
            if rule(text):
                return name
    return None


def is_total_label(label: str) -> bool:
    """Whether a label starts the 总分 row (``总分``, ``合计``, ``总分(100分)``)."""
    return label in TOTAL_LABELS or key(label) in TOTAL_LABELS


def is_signature_label(label: str) -> bool:
    """Whether a label belongs to the signature block: ``填报人``, ``填报人:张三``,
    ``单位负责人(签字)`` — not a 三级 named ``填报人数``."""
    for prefix in SIGNATURE_PREFIXES:
        if label.startswith(prefix):
            rest = label[len(prefix) :]
            return rest == "" or rest.startswith((":", "(")) or "签字" in rest or "盖章" in rest
    return False


@dataclass
class TableRow:
    """One 三级 row as read, with its sheet row (for notes) and the extra flat columns."""

    row: int
    indicator: Indicator
    extras: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    """The header row, the columns found, and where the table ends."""

    header_row: int
    columns: dict[str, tuple[int, int]]  # field → (first column, last column) of its header
    end_row: int  # last sheet row belonging to the table (before 总分, or the last row)
    total_row: int | None


def find_header_row(grid: Grid, rows: range | None = None) -> int | None:
    """The first row that names the 三级指标 column and at least two other table columns."""
    for r, _ in grid.find(lambda t: header_field(t) == "name", rows):
        fields = {header_field(grid.label(r, col)) for col in grid.row_cells(r)}
        if len(fields - {None, "name"}) >= 2:
            return r
    return None


def read_header(grid: Grid, header_row: int) -> Table:
    """Map the header row's labels to table columns (a header merged down from the row above
    counts); unknown headers stay unused and are reported with the other leftovers."""
    columns: dict[str, tuple[int, int]] = {}
    for c in grid.row_cells(header_row):
        label = grid.label(header_row, c)
        name = header_field(label)
        _, c0, _, c1 = grid.span(header_row, c)
        if name is None or name in columns:
            continue
        columns[name] = (c0, c1)
        grid.consume(header_row, c)
    # Every label merged down over two rows (and nothing under them): the table starts
    # below the merged header, not on its lower half.
    bottom = min(grid.span(header_row, c0)[2] for c0, _ in columns.values())
    if _sub_header(grid, header_row + 1, columns):
        header_row += 1
    elif bottom > header_row:
        header_row = bottom
    if "serial" in columns:
        grid.note(header_row, columns["serial"][0], "“序号”列只表示行的顺序，未单独导入")
    end_row, total_row = _table_end(grid, header_row, columns)
    return Table(header_row, columns, end_row, total_row)


def _sub_header(grid: Grid, row: int, columns: dict[str, tuple[int, int]]) -> bool:
    """A second header row under the first (年度指标值 over 指标性质 | 指标值 | 度量单位, or a
    row repeating the labels): every cell starting in it is a header label. Its columns
    replace the wider ones above them; returns whether there was such a row."""
    own = [c for c in grid.row_cells(row) if grid.top_left(row, c)[0] == row]
    fields = [header_field(grid.label(row, c)) for c in own]
    if len(own) < 2 or None in fields:  # one label alone may be a 三级 named 分值
        return False
    for c, name in zip(own, fields, strict=True):
        assert name is not None
        _, c0, _, c1 = grid.span(row, c)
        for other, (a, b) in list(columns.items()):
            if a <= c0 and c1 <= b and (a, b) != (c0, c1):
                del columns[other]  # the wide header over the sub-columns
        columns[name] = (c0, c1)
        grid.consume(row, c)
    return True


def _table_end(
    grid: Grid, header_row: int, columns: dict[str, tuple[int, int]]
) -> tuple[int, int | None]:
    """(last 三级 row, 总分 row or None): the table ends at a 总分/合计 row or a signature.

    Such a label only ends the table when it stands where the printed form has it (left of
    the 分值 column) and the row holds nothing else in the 三级 columns, so a 一级指标 named
    合计, a 偏差原因 reading 总分 or a 三级 named 填报人数 is still read as a row.
    """
    limit = min((columns[f][0] for f in ("weight", "deviation_note") if f in columns), default=0)
    name_col = columns["name"][0] if "name" in columns else 0
    first_col = min(a for a, _ in columns.values())
    for r in range(header_row + 1, grid.max_row + 1):
        cells = [(c, grid.label(r, c)) for c in grid.row_cells(r) if not limit or c < limit]
        if any(block_of(t) and grid.span(r, c)[1] < name_col for c, t in cells):
            # 其他需要说明事项 (its text reaching over the table) ends it; 总分 may follow.
            return r - 1, _total_below(grid, r + 1, columns, limit)
        total = [c for c, t in cells if is_total_label(t) and _total_cell(grid, r, c, columns)]
        # A signature line starts at the table's left edge (or left of 三级 and reads
        # 填报人：…); a 二级 named 填报日期 or a 年度指标值 reading 单位盖章 is no end.
        signature = [
            c
            for c, t in cells
            if is_signature_label(t)
            and (c <= first_col or (c < name_col and any(m in t for m in (":", "签字", "盖章"))))
        ]
        for found, is_total in ((total, True), (signature, False)):
            if found and not _has_row_content(grid, r, columns, found):
                return r - 1, (r if is_total else None)
    return grid.max_row, None


def _total_below(
    grid: Grid, first: int, columns: dict[str, tuple[int, int]], limit: int
) -> int | None:
    """A 总分 row under the text blocks that ended the table (before any signature)."""
    for r in range(first, grid.max_row + 1):
        cells = [(c, grid.label(r, c)) for c in grid.row_cells(r) if not limit or c < limit]
        if any(is_signature_label(t) for _, t in cells):
            return None
        if any(is_total_label(t) and _total_cell(grid, r, c, columns) for c, t in cells):
            return r
    return None


def _total_cell(grid: Grid, row: int, col: int, columns: dict[str, tuple[int, int]]) -> bool:
    """A 总分 label starting left of the 三级 column; or in it (flat sheets) with sums beside
    it and no 一级/二级 over it — else it is a 三级 that happens to be named 总分."""
    name = columns.get("name")
    _, first_col, _, _ = grid.span(row, col)
    if name is None or first_col < name[0]:
        return True
    groups = [columns[f] for f in ("level1", "level2") if f in columns]
    if any(cell_in(grid, row, span) is not None for span in groups):
        return False
    sums = [columns[f] for f in ("weight", "score") if f in columns]
    return any(cell_in(grid, row, span) is not None for span in sums)


def _has_row_content(
    grid: Grid, row: int, columns: dict[str, tuple[int, int]], label_cols: list[int]
) -> bool:
    labels = {grid.top_left(row, c) for c in label_cols}
    for name in ("name", "target", "actual"):
        col = cell_in(grid, row, columns[name]) if name in columns else None
        if col is not None and grid.top_left(row, col) not in labels:
            return True
    return False


def cell_in(grid: Grid, row: int, span: tuple[int, int]) -> int | None:
    """The first column within ``span`` showing a value in ``row`` (merged cells included)."""
    for c in range(span[0], span[1] + 1):
        if grid.raw(row, c) is not None:
            return c
    return None


class _Groups:
    """Tracks which 一级 (or 二级) group each row belongs to while reading down the table."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.reset()

    def reset(self) -> None:
        """Forget the current group (a new 一级 starts its 二级 afresh)."""
        self.key: tuple[int, int] | None = None
        self.name: str | None = None
        self.merged = False

    def step(self, row: int, span: tuple[int, int] | None) -> tuple[bool, str]:
        """(does ``row`` start a new group?, the group's name)."""
        if span is None:
            new = self.name is None
            self.name = self.name or ""
            return new, self.name
        col = cell_in(self.grid, row, span) or span[0]
        key = self.grid.top_left(row, col)
        if key == self.key and self.name is not None:
            return False, self.name
        r0, _, r1, _ = self.grid.span(row, col)
        merged = r1 > r0
        text = group_name(self.grid.text(row, col))
        self.grid.consume(row, col)
        if text:
            # Repeated names on unmerged rows are one group; separate merges are separate.
            new = self.name is None or text != self.name or merged or self.merged
        else:
            # A blank unmerged cell continues the group above (written once, blank below).
            new = merged or self.name is None
        self.key, self.merged = key, merged
        if new:
            self.name = text
        return new, self.name or ""


def read_rows(
    grid: Grid, table: Table, rows_range: range | None = None
) -> tuple[list[Level1], list[TableRow]]:
    """The 一级/二级/三级 tree of the table rows (or of ``rows_range`` of them), and each 三级
    row with its extra columns."""
    level1: list[Level1] = []
    rows: list[TableRow] = []
    l1_groups, l2_groups = _Groups(grid), _Groups(grid)
    cols = table.columns
    if "level1" not in cols and "level2" in cols and rows_range is None:
        grid.note(table.header_row, None, "表中没有“一级指标”列，按标准目录由二级指标推出一级指标")
    skipped: list[tuple[int, str]] = []
    numbered: list[int] = []
    for r in rows_range or range(table.header_row + 1, table.end_row + 1):
        values = {f: _read(grid, r, span, f) for f, span in cols.items() if f in _FIELD_READERS}
        extras = _extras(grid, r, cols)
        has_indicator = any(v not in (None, "") for v in values.values())
        has_l1 = "level1" in cols and cell_in(grid, r, cols["level1"]) is not None
        has_l2 = "level2" in cols and cell_in(grid, r, cols["level2"]) is not None
        if not (has_indicator or has_l1 or has_l2):
            continue
        if _placeholder(values):
            skipped.append((r, str(values.get("name") or "")))
            values, has_indicator = {}, False
        elif isinstance(name := values.get("name"), str) and (bare := strip_numbering(name)):
            values["name"] = bare
            numbered.append(r)
        if "level1" in cols:
            new_l1, l1_name = l1_groups.step(r, cols["level1"])
        else:
            l1_name = _L2_TO_L1.get(_peek(grid, r, cols.get("level2")), "")
            new_l1 = not level1 or level1[-1].name != l1_name
        if new_l1 or not level1:
            level1.append(Level1(name=l1_name))
            l2_groups.reset()
        new_l2, l2_name = l2_groups.step(r, cols.get("level2"))
        l1 = level1[-1]
        if new_l2 or not l1.children:
            l1.children.append(Level2(name=l2_name))
        if has_indicator:
            indicator = Indicator.model_validate({k: v for k, v in values.items() if v is not None})
            l1.children[-1].indicators.append(indicator)
            rows.append(TableRow(r, indicator, extras))
    if skipped:
        shown = "、".join(f"第 {r} 行（“{t}”）" for r, t in skipped[:_SHOWN_ROWS])
        more = f"等 {len(skipped)} 行" if len(skipped) > _SHOWN_ROWS else ""
        grid.note(None, None, f"表样中未填写的占位行已跳过：{shown}{more}")
    if numbered:
        rows_ = "、".join(str(r) for r in numbered[:_SHOWN_ROWS])
        more = f"等 {len(numbered)} 行" if len(numbered) > _SHOWN_ROWS else ""
        grid.note(None, None, f"三级指标名称前表样的编号（如“指标1：”）已去掉：第 {rows_} 行{more}")
    return level1, rows


def _placeholder(values: dict[str, object]) -> bool:
    """A row of the blank template: ``指标2`` or ``……`` as 三级 and nothing else filled
    (or only ``—`` / ``/``)."""
    name = values.get("name")
    if not isinstance(name, str) or not name or not is_placeholder(name):
        return False
    return all(
        v is None or (isinstance(v, str) and normalise_label(v) in BLANK_MARKS)
        for f, v in values.items()
        if f != "name"
    )


def _peek(grid: Grid, row: int, span: tuple[int, int] | None) -> str:
    """The text a group column shows in ``row``, or the last one above it (blank below)."""
    if span is None:
        return ""
    for r in range(row, 0, -1):
        col = cell_in(grid, r, span)
        if col is not None:
            return grid.text(r, col)
    return ""


def _extras(grid: Grid, row: int, cols: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The flat layout's per-row header columns (项目名称, 主管部门, 实施单位, 年度)."""
    extras: dict[str, str] = {}
    for f in ("project_name", "department", "implementing_unit", "year", "serial"):
        col = cell_in(grid, row, cols[f]) if f in cols else None
        if col is not None:
            extras[f] = grid.text(row, col)
            grid.consume(row, col)
    return extras


def _read(grid: Grid, row: int, span: tuple[int, int], field_name: str) -> object:
    col = cell_in(grid, row, span)
    if col is None:
        return None
    r0, _, r1, _ = grid.span(row, col)
    if r1 > r0 and row != r0:
        # A 三级 cell merged over several rows belongs to its first row only.
        return None
    grid.consume(row, col)
    return _FIELD_READERS[field_name](grid, row, col)


_FIELD_READERS: dict[str, Callable[[Grid, int, int], object]] = {
    **{f: (lambda g, r, c: g.text(r, c)) for f in _TEXT_FIELDS},
    "weight": lambda g, r, c: g.decimal(r, c, "分值"),
    "score": lambda g, r, c: g.decimal(r, c, "得分"),
}
