"""The form's sections as table blocks (FORM-SPEC §2): header, 项目资金, 目标, 绩效指标, 总分.

Every block shares the table's outer edges and the narrow left column of vertical section
labels; column edges line up between blocks where the official form has them line up.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfeval_gui.model.form import Form, FundRow, Indicator, Level1, Level2
from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.scoring import FormTotals
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.render.layout import Align, Block, Cell, Group, Row, Style
from perfeval_gui.render.text import Line, Wrapper

#: Width of the narrow column of vertical section labels, in points.
LABEL_COLUMN = 22.0
#: Relative widths of the 绩效指标 columns after the narrow one (portrait: ≈ points).
_INDICATOR_WEIGHTS = (52, 62, 88, 62, 62, 28, 28, 89)
#: Relative widths of the 项目资金 columns: row label, three amounts, 分值, 执行率, 得分.
_FUNDS_WEIGHTS = (114, 74, 74, 74, 38, 54, 43)
DASH = "—"
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
    """The column edges of every block, computed once per page style."""

    left: float
    right: float
    label: float  # right edge of the narrow label column
    indicator: list[float]  # 9 edges after ``left``: l1 … note
    funds: list[float]

    @classmethod
    def for_style(cls, style: Style) -> Columns:
        """Edges for ``style``'s table width (portrait or landscape)."""
        left = style.margin_x
        right = left + style.table_width
        label = left + LABEL_COLUMN
        return cls(
            left,
            right,
            label,
            _edges(label, right, _INDICATOR_WEIGHTS),
            _edges(label, right, _FUNDS_WEIGHTS),
        )


class BlockBuilder:
    """Wraps texts into cells for one style and font."""

    def __init__(self, style: Style, wrapper: Wrapper) -> None:
        self.style = style
        self.wrapper = wrapper
        self.cols = Columns.for_style(style)

    def cell(self, x0: float, x1: float, text: str, align: Align | None = None) -> Cell:
        """A cell of ``text``; without ``align``: short texts centred, long ones left-aligned.

        Centred texts of a few lines get lines of even length (``大型宣传活动`` / ``举办场次``
        rather than a lone last character), as a typist would break them.
        """
        width = x1 - x0 - 2 * self.style.pad_x
        lines = self.wrapper.wrap(text, width)
        if align is None:
            align = Align.CENTER if len(lines) <= _MAX_CENTRED_LINES else Align.LEFT
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
        c = self.cols
        key, mid, mid2 = c.indicator[1], c.indicator[3], c.indicator[4]
        rows = [
            self.row(
                [
                    self.cell(c.left, key, LABELS["project_name"], Align.CENTER),
                    self.cell(key, c.right, form.project_name),
                ]
            ),
            self.row(
                [
                    self.cell(c.left, key, LABELS["department"], Align.CENTER),
                    self.cell(key, mid, form.department),
                    self.cell(mid, mid2, LABELS["implementing_unit"], Align.CENTER),
                    self.cell(mid2, c.right, form.implementing_unit),
                ]
            ),
        ]
        return Block(header=[], rows=rows)

    def funds_block(self, form: Form, totals: FormTotals) -> Block:
        """项目资金（元|万元）: four rows × 年初预算数 … 得分; only 年度资金总额 is scored."""
        e = self.cols.funds
        template = form_template(form)
        heads = [
            "",
            *(
                template.label(c)
                for c in (
                    *("initial", "adjusted", "executed"),
                    *("budget_weight", "execution_rate", "budget_score"),
                )
            ),
        ]
        header = self.row([self.cell(e[i], e[i + 1], h, Align.CENTER) for i, h in enumerate(heads)])
        rows: list[Row] = []
        for fund_row in template.fund_row_keys():
            amounts = (
                totals.funds_total
                if fund_row is FundRow.TOTAL
                else getattr(form.funds, fund_row.value)
            )
            values = [
                format_amount(amounts.initial),
                format_amount(amounts.adjusted),
                format_amount(amounts.executed),
            ]
            cells = [self.cell(e[0], e[1], template.label(fund_row.value), Align.CENTER)]
            cells += [self.cell(e[i + 1], e[i + 2], v, Align.CENTER) for i, v in enumerate(values)]
            if fund_row is FundRow.TOTAL:
                scored = [
                    format_score(form.budget_weight),
                    format_percent(totals.execution_rate),
                    format_score(totals.budget_score),
                ]
                cells += [
                    self.cell(e[4 + i], e[5 + i], v, Align.CENTER) for i, v in enumerate(scored)
                ]
            else:  # the official form prints one dash across 分值, 执行率 and 得分
                cells.append(self.cell(e[4], e[7], DASH, Align.CENTER))
            rows.append(self.row(cells))
        label = self.vertical(
            self.cols.left, self.cols.label, f"{LABELS['funds']}（{form.amount_unit.value}）"
        )
        return Block([header], rows, [Group(label, 0, len(rows) - 1, with_header=True)])

    def goals_block(self, form: Form) -> Block:
        """年度总体目标: 预期目标 | 实际完成情况, each one long text."""
        c = self.cols
        mid = (c.label + c.right) / 2
        header = self.row(
            [
                self.cell(c.label, mid, LABELS["expected"], Align.CENTER),
                self.cell(mid, c.right, LABELS["actual_goals"], Align.CENTER),
            ]
        )
        body = self.row(
            [
                self.cell(c.label, mid, form.goals.expected, Align.LEFT),
                self.cell(mid, c.right, form.goals.actual, Align.LEFT),
            ]
        )
        label = self.vertical(c.left, c.label, LABELS["goals"])
        return Block([header], [body], [Group(label, 0, 0, with_header=True)])

    def indicator_block(self, form: Form) -> Block:
        """绩效指标: one row per 三级; 一级 and 二级 span their rows (a blank row if empty)."""
        e = self.cols.indicator
        heads = [
            LABELS[k]
            for k in (
                "level1",
                "level2",
                "name",
                "target",
                "actual",
                "weight",
                "score",
                "deviation_note",
            )
        ]
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
                groups.append(Group(self.label(e[1], e[2], l2.name), first2, len(rows) - 1))
            groups.append(Group(self.label(e[0], e[1], l1.name), first1, len(rows) - 1))
        label = self.vertical(self.cols.left, self.cols.label, LABELS["indicators"])
        groups.append(Group(label, 0, len(rows) - 1, with_header=True))
        return Block([header], rows, groups)

    def _indicator_cells(self, ind: Indicator | None) -> list[Cell]:
        """The six cells of a 三级 row (blank cells for a 二级 without rows)."""
        e = self.cols.indicator
        texts = ["", "", "", "", "", ""]
        if ind is not None:
            texts = [
                ind.name,
                ind.target,
                ind.actual,
                format_score(ind.weight),
                format_score(ind.score),
                ind.deviation_note,
            ]
        return [self.cell(e[i + 2], e[i + 3], t) for i, t in enumerate(texts)]

    def total_block(self, totals: FormTotals) -> Block:
        """总分: the sums of 分值 and 得分 (the 预算执行率 row included)."""
        c, e = self.cols, self.cols.indicator
        row = self.row(
            [
                self.cell(c.left, e[5], LABELS["weight_total"], Align.CENTER),
                self.cell(e[5], e[6], format_score(totals.weight_total), Align.CENTER),
                self.cell(e[6], e[7], format_score(totals.score_total), Align.CENTER),
                self.cell(e[7], e[8], ""),
            ]
        )
        return Block([], [row])
