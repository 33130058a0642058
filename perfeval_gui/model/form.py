"""The form as plain data: the 财政项目支出绩效自评表 of FORM-SPEC §2–§3.

Only what a user types is stored here. Everything derived (年度资金总额 from its sources,
执行率, suggested 得分, totals, grade, findings) is computed by pure functions elsewhere in
``perfeval_gui.model`` and never stored twice.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from perfeval_gui.model.glossary import (
    DEFAULT_SIGNATURE_LABELS,
    DEFAULT_TITLE,
    LEVEL1_CATALOGUE,
)
from perfeval_gui.model.numbers import BoundedDecimal

#: The model's decimal (``numbers.BoundedDecimal``): at most 20 integer and 10 fractional
#: digits, refused otherwise; serialises to JSON as a string ("152919.80"), never as a float.
Dec = BoundedDecimal


class _Model(BaseModel):
    """Base for all form models: strict about unknown keys, validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class AmountUnit(StrEnum):
    """The unit of the 项目资金 block, shown in its label 项目资金（元）."""

    YUAN = "元"
    WAN_YUAN = "万元"


class QualitativeGrade(StrEnum):
    """The three grades a user picks for a qualitative (text) indicator (FORM-SPEC §5)."""

    ACHIEVED = "达成年度指标"
    PARTIAL = "部分达成年度指标并具有一定效果"
    NOT_ACHIEVED = "未达成年度指标且效果较差"


class Amounts(_Model):
    """One fund row: 年初预算数, 全年预算数, 全年执行数. ``None`` is an empty cell."""

    initial: Dec | None = None
    adjusted: Dec | None = None
    executed: Dec | None = None


class FundColumn(StrEnum):
    """The three amount columns of the 项目资金 block, named as in :class:`Amounts`."""

    INITIAL = "initial"
    ADJUSTED = "adjusted"
    EXECUTED = "executed"


class FundRow(StrEnum):
    """The four rows of the 项目资金 block, named as in :class:`Funds`."""

    TOTAL = "total"
    CURRENT_YEAR_APPROPRIATION = "current_year_appropriation"
    CARRIED_OVER = "carried_over"
    OTHER = "other"


class Funds(_Model):
    """The 项目资金 block.

    ``total`` holds what was typed (or imported) for 年度资金总额; the effective total is
    computed from the three sources (``scoring.funds_total``) and a check warns when a typed
    total disagrees with it.
    """

    total: Amounts = Field(default_factory=Amounts)
    current_year_appropriation: Amounts = Field(default_factory=Amounts)
    carried_over: Amounts = Field(default_factory=Amounts)
    other: Amounts = Field(default_factory=Amounts)


class Goals(_Model):
    """The 年度总体目标 block: 预期目标 and 实际完成情况, each one long free text."""

    expected: str = ""
    actual: str = ""


class Indicator(_Model):
    """A 三级指标 row."""

    name: str = ""
    target: str = ""  # 年度指标值, verbatim as typed
    actual: str = ""  # 实际完成值, verbatim as typed
    weight: Dec | None = None  # 分值
    score: Dec | None = None  # 得分 (the user's; printed)
    deviation_note: str = ""  # 偏差原因分析及改进措施
    grade: QualitativeGrade | None = None  # chosen grade, qualitative rows only


class Level2(_Model):
    """A 二级指标 with its ordered 三级 rows."""

    name: str = ""
    indicators: list[Indicator] = Field(default_factory=list)


class Level1(_Model):
    """A 一级指标 with its ordered 二级 children."""

    name: str = ""
    children: list[Level2] = Field(default_factory=list)


class PrintOptions(_Model):
    """How the form prints; kept in the file so it prints the same way next time."""

    first_page_number: int = Field(default=1, ge=0, le=99999)
    signature_block: bool = False
    signature_labels: list[str] = Field(default_factory=lambda: list(DEFAULT_SIGNATURE_LABELS))
    font_path: str | None = None  # None: the bundled Song-style font
    landscape: bool = False


class Form(_Model):
    """One 财政项目支出绩效自评表."""

    title: str = DEFAULT_TITLE
    year: int = Field(default=2023, ge=1900, le=9999)
    project_name: str = ""  # 项目名称
    department: str = ""  # 主管部门
    implementing_unit: str = ""  # 实施单位
    amount_unit: AmountUnit = AmountUnit.YUAN
    funds: Funds = Field(default_factory=Funds)
    budget_weight: Dec = Decimal(10)  # 分值 of the 预算执行率 row
    goals: Goals = Field(default_factory=Goals)
    level1: list[Level1] = Field(default_factory=list)
    scoring_profile: str = "default"  # a key of ``profiles.PROFILES``
    print_options: PrintOptions = Field(default_factory=PrintOptions)

    def iter_indicators(self) -> list[tuple[int, int, int, Level1, Level2, Indicator]]:
        """All 三级 rows in form order, with their (一级, 二级, 三级) index path."""
        rows: list[tuple[int, int, int, Level1, Level2, Indicator]] = []
        for i, l1 in enumerate(self.level1):
            for j, l2 in enumerate(l1.children):
                for k, ind in enumerate(l2.indicators):
                    rows.append((i, j, k, l1, l2, ind))
        return rows


def default_year(today: date | None = None) -> int:
    """The year a new form evaluates: last year (a self-evaluation is filled in the year after).

    The editor's 新建 and ``perfeval new`` both use it.
    """
    return (today or datetime.now().astimezone().date()).year - 1


def standard_form(year: int | None = None) -> Form:
    """An empty form with the standard 一级/二级 catalogue and no 三级 rows.

    ``year`` defaults to :func:`default_year` (last year).
    """
    return Form(
        year=default_year() if year is None else year,
        level1=[
            Level1(name=l1, children=[Level2(name=l2) for l2 in l2_names])
            for l1, l2_names in LEVEL1_CATALOGUE.items()
        ],
    )
