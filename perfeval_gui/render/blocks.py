"""The form's sections as table blocks (FORM-SPEC §2): header, 项目资金, 目标, 绩效指标, 总分.

Every block shares the table's outer edges and the narrow left column of vertical section
labels; column edges line up between blocks where the official form has them line up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfeval_gui.model.form import Form, FundRow, Indicator, Level1, Level2
from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.scoring import FormTotals
from perfeval_gui.model.template_catalog import default_template
from perfeval_gui.model.templates import FormTemplate, IndicatorColumn
from perfeval_gui.render.layout import Align, Block, Cell, Group, Row, Style
from perfeval_gui.render.text import Line, Wrapper

#: Width of the narrow column of vertical section labels, in points.
LABEL_COLUMN = 22.0
#: Relative widths of the 绩效指标 columns after the narrow one (portrait: ≈ points); the
#: template decides which columns there are and in what order.
_INDICATOR_WEIGHTS: dict[IndicatorColumn, int] = {
    IndicatorColumn.LEVEL1: 52,
    IndicatorColumn.LEVEL2: 62,
    IndicatorColumn.NAME: 88,
    IndicatorColumn.TARGET_NATURE: 30,
    IndicatorColumn.TARGET: 62,
    IndicatorColumn.TARGET_UNIT: 32,
    IndicatorColumn.ACTUAL: 62,
    IndicatorColumn.WEIGHT: 28,
    IndicatorColumn.SCORE: 28,
    IndicatorColumn.DEVIATION_NOTE: 89,
}
#: A split target takes room from these columns (its value column is narrower too).
_SPLIT_SHRINK: dict[IndicatorColumn, int] = {
    IndicatorColumn.TARGET: 40,
    IndicatorColumn.NAME: 76,
    IndicatorColumn.DEVIATION_NOTE: 74,
}
#: Relative widths of the 项目资金 columns: row label, each amount, 分值, 执行率, 得分, 原因.
_FUNDS_LABEL, _FUNDS_AMOUNT, _FUNDS_SCORED, _FUNDS_REASON = 114, 74, (38, 54, 43), 70
DASH = "—"
#: The least margin, in points, left each side of a centred one-line text that would
#: otherwise break.
_TIGHT_PAD = 1.0
_FIGURE = re.compile(r"^[-+]?[\d,]*\.?\d+%?$")
#: Texts of up to this many lines are centred in their cell; longer ones are left-aligned.
_MAX_CENTRED_LINES = 3
#: Brackets turned upright for a label printed one character per line.
_VERTICAL_FORMS = str.maketrans({"（": "︵", "(": "︵", "）": "︶", ")": "︶"})


def _edges(x0: float, x1: float, weights: tuple[int, ...]) -> list[float]:
    """Column edges dividing ``x0``..``x1`` in proportion to ``weights``."""
    total = sum(weights)
    edges = [x0]
    acc = 0
    for w in weights:
        acc += w
        edges.append(x0 + (x1 - x0) * acc / total)
    return edges


@dataclass
class Columns:
    """The column edges of every block, computed once per page style and template."""

    left: float
    right: float
    label: float  # right edge of the narrow label column
    indicator: list[float]  # edges after ``left``: one more than the template's columns
    funds: list[float]
    keys: tuple[IndicatorColumn, ...]  # the indicator columns, in order

    @classmethod
    def for_style(cls, style: Style, template: FormTemplate | None = None) -> Columns:
        """Edges for ``style``'s table width (portrait or landscape) and ``template``'s columns."""
        template = template or default_template()
        left = style.margin_x
        right = left + style.table_width
        label = left + LABEL_COLUMN
        keys = tuple(c.key for c in template.indicator_columns)
        shrink = _SPLIT_SHRINK if template.split_target else {}
        weights = tuple(shrink.get(k, _INDICATOR_WEIGHTS[k]) for k in keys)
        funds = (
            _FUNDS_LABEL,
            *(_FUNDS_AMOUNT for _ in template.fund_columns),
            *_FUNDS_SCORED,
            *((_FUNDS_REASON,) if template.funds_reason_label else ()),
        )
        return cls(
            left, right, label, _edges(label, right, weights), _edges(label, right, funds), keys
        )

    def at(self, key: IndicatorColumn) -> tuple[float, float]:
        """The x-range of an indicator column."""
        i = self.keys.index(key)
        return self.indicator[i], self.indicator[i + 1]


class BlockBuilder:
    """Wraps texts into cells for one style and font."""

    def __init__(self, style: Style, wrapper: Wrapper, template: FormTemplate) -> None:
        self.style = style
        self.wrapper = wrapper
        self.template = template
        self.cols = Columns.for_style(style, template)

    def cell(self, x0: float, x1: float, text: str, align: Align | None = None) -> Cell:
        """A cell of ``text``; without ``align``: short texts centred, long ones left-aligned.

        Centred texts of a few lines get lines of even length (``大型宣传活动`` / ``举办场次``
        rather than a lone last character), as a typist would break them.
        """
        width = x1 - x0 - 2 * self.style.pad_x
        lines = self.wrapper.wrap(text, width)
        if align is None:
            align = Align.CENTER if len(lines) <= _MAX_CENTRED_LINES else Align.LEFT
        if (
            len(lines) > 1
            and align is Align.CENTER
            and _FIGURE.match(text)
            and self.wrapper.width(text) <= x1 - x0 - 2 * _TIGHT_PAD
        ):
            # A short figure (a 得分 of 97.85 in the narrow 得分 column) that fits with a
            # narrower margin stays whole rather than breaking as 97. / 85.
            return Cell(x0, x1, [Line(text, soft=False)], align)
        if align is Align.CENTER and 1 < len(lines) <= _MAX_CENTRED_LINES:
            lines = self._balanced(text, width, len(lines))
        return Cell(x0, x1, lines, align)

    def label(self, x0: float, x1: float, text: str) -> Cell:
        """A 一级/二级 name: like :meth:`cell`, but ``…指标`` breaks before 指标 when it must."""
        cell = self.cell(x0, x1, text, Align.CENTER)
        suffix = "指标"
        if len(cell.lines) == 1 or not text.endswith(suffix) or "\n" in text:
            return cell
        head = self.cell(x0, x1, text[: -len(suffix)], Align.CENTER).lines
        last = head[-1].text + suffix
        if self.wrapper.width(last) <= x1 - x0 - 2 * self.style.pad_x:
            lines = [*head[:-1], Line(last, soft=False)]
        else:
            lines = [*head, Line(suffix, soft=False)]
        return Cell(x0, x1, lines, Align.CENTER) if len(lines) <= len(cell.lines) else cell

    def _balanced(self, text: str, width: float, count: int) -> list[Line]:
        """The narrowest wrapping of ``text`` that still takes ``count`` lines."""
        low, high = width / count, width
        best = self.wrapper.wrap(text, width)
        for _ in range(8):
            mid = (low + high) / 2
            lines = self.wrapper.wrap(text, mid)
            if len(lines) <= count:
                best, high = lines, mid
            else:
                low = mid
        return best

    def vertical(self, x0: float, x1: float, text: str) -> Cell:
        """A label printed one character per line (the narrow left column)."""
        chars = [ch for ch in text.translate(_VERTICAL_FORMS) if not ch.isspace()]
        return Cell(x0, x1, [Line(ch, soft=False) for ch in chars], Align.CENTER)

    def row(self, cells: list[Cell]) -> Row:
        """A row at least one line tall."""
        return Row(cells, min_height=self.style.text_height(1))

    def header_block(self, form: Form) -> Block:
        """项目名称 (spanning the row); 主管部门 | value | 实施单位 | value."""
        c, label = self.cols, self.template.label
        key = c.at(IndicatorColumn.LEVEL2)[0]
        mid = c.at(IndicatorColumn.NAME)[1]  # the 实施单位 label sits over 年度指标值
        mid2 = c.at(IndicatorColumn.TARGET)[1]
        rows = [
            self.row(
                [
                    self.cell(c.left, key, label("project_name"), Align.CENTER),
                    self.cell(key, c.right, form.project_name),
                ]
            ),
            self.row(
                [
                    self.cell(c.left, key, label("department"), Align.CENTER),
                    self.cell(key, mid, form.department),
                    self.cell(mid, mid2, label("implementing_unit"), Align.CENTER),
                    self.cell(mid2, c.right, form.implementing_unit),
                ]
            ),
        ]
        return Block(header=[], rows=rows)

    def funds_block(self, form: Form, totals: FormTotals) -> Block:
        """项目资金（元|万元）: the template's rows × its amount columns, 分值, 执行率, 得分 (and
        原因 when the template has it); only the total row is scored."""
        e, template = self.cols.funds, self.template
        n = len(template.fund_columns)
        heads = [
            "",
            *(c.label for c in template.fund_columns),
            *(template.label(k) for k in ("budget_weight", "execution_rate", "budget_score")),
            *((template.funds_reason_label,) if template.funds_reason_label else ()),
        ]
        header = self.row([self.cell(e[i], e[i + 1], h, Align.CENTER) for i, h in enumerate(heads)])
        rows: list[Row] = []
        for fund_row in template.fund_rows:
            amounts = (
                totals.funds_total
                if fund_row.key is FundRow.TOTAL
                else getattr(form.funds, fund_row.key.value)
            )
            values = [format_amount(getattr(amounts, c.key.value)) for c in template.fund_columns]
            cells = [self.cell(e[0], e[1], fund_row.label, Align.CENTER)]
            cells += [self.cell(e[i + 1], e[i + 2], v, Align.CENTER) for i, v in enumerate(values)]
            if fund_row.key is FundRow.TOTAL:
                scored = [
                    format_score(form.budget_weight),
                    format_percent(totals.execution_rate),
                    format_score(totals.budget_score),
                ]
                cells += [
                    self.cell(e[n + 1 + i], e[n + 2 + i], v, Align.CENTER)
                    for i, v in enumerate(scored)
                ]
            else:  # the official form prints one dash across 分值, 执行率 and 得分
                cells.append(self.cell(e[n + 1], e[n + 4], DASH, Align.CENTER))
            rows.append(self.row(cells))
        groups = []
        if template.funds_reason_label:  # one 原因 cell beside all the rows
            groups.append(Group(self.cell(e[n + 4], e[n + 5], form.funds_note), 0, len(rows) - 1))
        label = self.vertical(
            self.cols.left, self.cols.label, f"{template.funds_label}（{form.amount_unit.value}）"
        )
        groups.append(Group(label, 0, len(rows) - 1, with_header=True))
        return Block([header], rows, groups)

    def goals_block(self, form: Form) -> Block:
        """年度总体目标: 预期目标 | 实际完成情况, each one long text."""
        c = self.cols
        mid = (c.label + c.right) / 2
        header = self.row(
            [
                self.cell(c.label, mid, self.template.label("expected"), Align.CENTER),
                self.cell(mid, c.right, self.template.label("actual_goals"), Align.CENTER),
            ]
        )
        body = self.row(
            [
                self.cell(c.label, mid, form.goals.expected, Align.LEFT),
                self.cell(mid, c.right, form.goals.actual, Align.LEFT),
            ]
        )
        label = self.vertical(c.left, c.label, self.template.goals_label)
        return Block([header], [body], [Group(label, 0, 0, with_header=True)])

    def indicator_block(self, form: Form) -> Block:
        """绩效指标: one row per 三级; 一级 and 二级 span their rows (a blank row if empty)."""
        e = self.cols.indicator
        heads = [c.label for c in self.template.indicator_columns]
        header = self.row([self.cell(e[i], e[i + 1], h, Align.CENTER) for i, h in enumerate(heads)])
        rows: list[Row] = []
        groups: list[Group] = []
        level1: list[Level1] = form.level1 or [Level1()]  # an empty form still shows its grid
        for l1 in level1:
            first1 = len(rows)
            for l2 in l1.children or [Level2()]:
                first2 = len(rows)
                indicators: list[Indicator | None] = [*l2.indicators] or [None]
                for ind in indicators:
                    rows.append(self.row(self._indicator_cells(ind)))
                x0, x1 = self.cols.at(IndicatorColumn.LEVEL2)
                groups.append(Group(self.label(x0, x1, l2.name), first2, len(rows) - 1))
            x0, x1 = self.cols.at(IndicatorColumn.LEVEL1)
            groups.append(Group(self.label(x0, x1, l1.name), first1, len(rows) - 1))
        label = self.vertical(self.cols.left, self.cols.label, self.template.indicators_label)
        groups.append(Group(label, 0, len(rows) - 1, with_header=True))
        return Block([header], rows, groups)

    def _indicator_cells(self, ind: Indicator | None) -> list[Cell]:
        """The cells of a 三级 row after 一级/二级 (blank cells for a 二级 without rows)."""
        cells = []
        for key in self.cols.keys:
            if key in (IndicatorColumn.LEVEL1, IndicatorColumn.LEVEL2):
                continue
            x0, x1 = self.cols.at(key)
            cells.append(self.cell(x0, x1, "" if ind is None else _indicator_text(ind, key)))
        return cells

    def total_block(self, totals: FormTotals) -> Block:
        """总分 (or 合计): the sums of 分值 and 得分 (the 预算执行率 row included), and the
        grade where the template prints it."""
        c = self.cols
        w0, w1 = c.at(IndicatorColumn.WEIGHT)
        s0, s1 = c.at(IndicatorColumn.SCORE)
        cells = [
            self.cell(c.left, min(w0, s0), self.template.total_label, Align.CENTER),
            self.cell(w0, w1, format_score(totals.weight_total), Align.CENTER),
            self.cell(s0, s1, format_score(totals.score_total), Align.CENTER),
        ]
        last = max(w1, s1)
        if last < c.right:
            grade = f"等级：{totals.grade}" if self.template.total_shows_grade else ""
            cells.append(self.cell(last, c.right, grade, Align.CENTER))
        return Block([], [self.row(cells)])

    def text_blocks(self, form: Form) -> list[Block]:
        """The template's extra text blocks (其他需要说明事项, 评价结论…): label | text."""
        c = self.cols
        split = c.at(IndicatorColumn.NAME)[0]
        return [
            Block(
                [],
                [
                    self.row(
                        [
                            self.cell(c.left, split, block.label, Align.CENTER),
                            self.cell(split, c.right, form.texts.get(block.key, ""), Align.LEFT),
                        ]
                    )
                ],
            )
            for block in self.template.blocks
        ]


def _indicator_text(ind: Indicator, key: IndicatorColumn) -> str:
    """What a 三级 row prints in column ``key``."""
    if key in (IndicatorColumn.WEIGHT, IndicatorColumn.SCORE):
        return format_score(getattr(ind, key.value))
    return str(getattr(ind, key.value))
