"""Form templates: one official version of the 自评表 per region, described as data.

A template says what a form of that version holds and how it is laid out: the title and report
code, the header labels, which 项目资金 rows and columns there are and what they are called,
the budget row's 分值 and rule, the indicator columns (one 年度指标值 or the split
指标性质 | 指标值 | 度量单位), the standard 一级 weights, extra text blocks, the 总分 row and
the signature lines. Every layer reads it: the model for rules and checks, io for Excel
layouts, render and ui for what is shown. A new province is a new TOML file (see
``docs/templates.md``), never an ``if`` in the code. The files are read by
:mod:`perfeval_gui.model.template_catalog`.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from perfeval_gui.model.form import (
    AmountUnit,
    Form,
    FundColumn,
    FundRow,
    Level1,
    Level2,
    PrintOptions,
)
from perfeval_gui.model.glossary import (
    COST_LEVEL1_CATALOGUE,
    DEFAULT_SIGNATURE_LABELS,
    DEFAULT_TITLE,
    LABELS,
    LEVEL1_CATALOGUE,
    field_label,
    level_name_key,
)


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FundRowSpec(_Spec):
    """One row of the 项目资金 block as the template shows it."""

    key: FundRow
    label: str


class FundColumnSpec(_Spec):
    """One amount column of the 项目资金 block."""

    key: FundColumn
    label: str


class IndicatorColumn(StrEnum):
    """The columns an indicator table may have (the form's fields behind them)."""

    LEVEL1 = "level1"
    LEVEL2 = "level2"
    NAME = "name"
    TARGET_NATURE = "target_nature"  # 指标性质 of a split target (≥, ≤, =, 定性)
    TARGET = "target"  # 年度指标值, or the 指标值 of a split target
    TARGET_UNIT = "target_unit"  # 度量单位 of a split target
    ACTUAL = "actual"
    WEIGHT = "weight"
    SCORE = "score"
    DEVIATION_NOTE = "deviation_note"


class IndicatorColumnSpec(_Spec):
    """One column of the 绩效指标 table."""

    key: IndicatorColumn
    label: str


class BudgetScoring(StrEnum):
    """How the budget row's 得分 follows from 执行率."""

    PROPORTIONAL = "proportional"  # 分值 × min(执行率, 100%)
    INTERVAL = "interval"  # 分值 × the fraction of the interval 执行率 falls in


class BudgetInterval(_Spec):
    """Interval scoring: an 执行率 of at least ``rate_from`` earns ``fraction`` of 分值."""

    rate_from: Decimal
    fraction: Decimal


class TextBlock(_Spec):
    """An extra free-text block of the form, e.g. 其他需要说明事项 or 评价结论."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    max_chars: int | None = None  # the template's own limit, e.g. 100 字以内


class FormTemplate(_Spec):
    """One official version of the 财政项目支出绩效自评表."""

    key: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str  # shown to the user: 上海/中央、四川、云南…
    description: str = ""
    source: str = ""  # the published layout it follows
    title: str = DEFAULT_TITLE
    report_code: str = ""  # 报表编号 / 公开表 number printed above the table
    header_labels: dict[str, str] = Field(default_factory=dict)
    amount_unit: str = "元"
    funds_label: str = "项目资金"
    fund_rows: tuple[FundRowSpec, ...]
    fund_columns: tuple[FundColumnSpec, ...]
    budget_row_weighted: bool = True
    budget_weight: Decimal = Decimal(10)
    budget_weight_label: str = "分值"
    rate_label: str = "执行率"
    budget_score_label: str = "得分"
    budget_scoring: BudgetScoring = BudgetScoring.PROPORTIONAL
    budget_intervals: tuple[BudgetInterval, ...] = ()
    funds_reason_label: str | None = None  # 四川: 原因 column of the funds block
    #: 执行率 below this fraction needs a reason in ``funds_note`` (四川: 0.9).
    low_rate_needs_reason: Decimal | None = None
    goals_label: str = "年度总体目标"
    goals_expected_label: str = "预期目标"
    goals_actual_label: str = "实际完成情况"
    indicators_label: str = "绩效指标"
    indicator_columns: tuple[IndicatorColumnSpec, ...]
    level1_weights: dict[str, Decimal] = Field(default_factory=dict)
    weight_total: Decimal = Decimal(100)
    profile: str = "default"  # the scoring profile new forms get
    total_label: str = "总分"
    total_shows_grade: bool = False
    blocks: tuple[TextBlock, ...] = ()
    signature_labels: tuple[str, ...] = DEFAULT_SIGNATURE_LABELS
    signature_block: bool = False
    #: Words whose presence in a sheet points at this template (import's detection).
    detect: tuple[str, ...] = ()

    @field_validator("fund_rows")
    @classmethod
    def _total_first(cls, rows: tuple[FundRowSpec, ...]) -> tuple[FundRowSpec, ...]:
        if not rows or rows[0].key is not FundRow.TOTAL:
            raise ValueError('项目资金的第一行必须是资金总额（key = "total"）')
        if len({r.key for r in rows}) != len(rows):
            raise ValueError("项目资金的行重复")
        return rows

    @field_validator("fund_columns")
    @classmethod
    def _columns(cls, columns: tuple[FundColumnSpec, ...]) -> tuple[FundColumnSpec, ...]:
        keys = {c.key for c in columns}
        if not {FundColumn.ADJUSTED, FundColumn.EXECUTED} <= keys or len(keys) != len(columns):
            raise ValueError(
                "项目资金必须有全年预算数（adjusted）和全年执行数（executed）两列，且不重复"
            )
        return columns

    @model_validator(mode="after")
    def _indicator_columns(self) -> FormTemplate:
        keys = [c.key for c in self.indicator_columns]
        needed = {
            IndicatorColumn.LEVEL1,
            IndicatorColumn.LEVEL2,
            IndicatorColumn.NAME,
            IndicatorColumn.TARGET,
            IndicatorColumn.ACTUAL,
            IndicatorColumn.WEIGHT,
            IndicatorColumn.SCORE,
        }
        missing = needed - set(keys)
        if missing or len(set(keys)) != len(keys):
            names = "、".join(sorted(m.value for m in missing)) or "无"
            raise ValueError(f"绩效指标的列不完整或重复（缺少：{names}）")
        split = {IndicatorColumn.TARGET_NATURE, IndicatorColumn.TARGET_UNIT} & set(keys)
        if len(split) == 1:
            raise ValueError("指标性质（target_nature）与度量单位（target_unit）两列须同时出现")
        if len({b.key for b in self.blocks}) != len(self.blocks):
            raise ValueError("文字栏目（blocks）的 key 重复")
        if self.budget_scoring is BudgetScoring.INTERVAL and not self.budget_intervals:
            raise ValueError("区间计分（interval）须给出 budget_intervals")
        if self.amount_unit not in ("元", "万元"):
            raise ValueError("amount_unit 只能是“元”或“万元”")
        return self

    @property
    def split_target(self) -> bool:
        """Whether 年度指标值 is split into 指标性质 | 指标值 | 度量单位."""
        return any(c.key is IndicatorColumn.TARGET_NATURE for c in self.indicator_columns)

    def label(self, field: str) -> str:
        """What this template calls ``field`` (a glossary key); the glossary's word otherwise."""
        specs: tuple[FundRowSpec | FundColumnSpec | IndicatorColumnSpec, ...] = (
            *self.fund_rows,
            *self.fund_columns,
            *self.indicator_columns,
        )
        for spec in specs:
            if spec.key == field:
                return spec.label
        extra = {
            "budget_weight": self.budget_weight_label,
            "execution_rate": self.rate_label,
            "budget_score": self.budget_score_label,
            "funds": self.funds_label,
            "goals": self.goals_label,
            "expected": self.goals_expected_label,
            "actual_goals": self.goals_actual_label,
            "indicators": self.indicators_label,
            "weight_total": self.total_label,
            **self.header_labels,
        }
        if field in extra:
            return extra[field]
        for block in self.blocks:
            if block.key == field:
                return block.label
        return LABELS.get(field, field)

    def fund_row_keys(self) -> tuple[FundRow, ...]:
        """The fund rows this template shows, in order (年度资金总额 first)."""
        return tuple(r.key for r in self.fund_rows)

    def block_labels(self) -> dict[str, str]:
        """Extra text blocks: key → label, in order."""
        return {b.key: b.label for b in self.blocks}


def blank_form(template: FormTemplate, year: int) -> Form:
    """An empty form of ``template``: its title, unit, budget 分值, profile and signature
    lines, and the 一级 of its standard split with their catalogue 二级 (no 三级 rows)."""
    catalogue = {**LEVEL1_CATALOGUE, **COST_LEVEL1_CATALOGUE}
    names = [level_name_key(n) for n in template.level1_weights] or list(LEVEL1_CATALOGUE)
    return Form(
        template=template.key,
        title=template.title,
        year=year,
        amount_unit=AmountUnit(template.amount_unit),
        budget_weight=template.budget_weight,
        scoring_profile=template.profile,
        level1=[
            Level1(name=name, children=[Level2(name=l2) for l2 in catalogue.get(name, ())])
            for name in names
        ],
        print_options=PrintOptions(
            signature_block=template.signature_block,
            signature_labels=list(template.signature_labels),
        ),
    )


def template_field_label(template: FormTemplate, field: str) -> str:
    """A finding's field in the template's words: ``weight`` is 权重 on a 四川 form,
    ``funds.unit_funds.executed`` is 单位资金·预算执行数, ``texts.problems`` is 存在问题."""
    parts = field.split(".")
    if len(parts) == 3 and parts[0] == "funds":
        row = template.label(parts[1]).removeprefix("其中：").removeprefix("其中:")
        return f"{row}·{template.label(parts[2])}"
    if len(parts) == 2 and parts[0] == "texts":
        return template.label(parts[1])
    if field == "funds_note" and template.funds_reason_label:
        return template.funds_reason_label
    if len(parts) == 1 and field in {c.key.value for c in template.indicator_columns}:
        return template.label(field)
    return field_label(field)
