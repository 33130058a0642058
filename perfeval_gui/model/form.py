"""The form as plain data: the 财政项目支出绩效自评表 of FORM-SPEC §2–§3.

Only what a user types is stored here. Everything derived (年度资金总额 from its sources,
执行率, suggested 得分, totals, grade, findings) is computed by pure functions elsewhere in
``perfeval_gui.model`` and never stored twice.
"""

from __future__ import annotations

import unicodedata
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


class UnknownGradeError(ValueError):
    """Text that names no grade; ``str()`` is a Chinese message listing the grades."""


#: The shortest start of a grade's name that names it (达成, 部分, 未达).
_GRADE_PREFIX = 2


def grade_from_text(text: str) -> QualitativeGrade | None:
    """The grade a user typed, pasted or imported: its full name or a start of it of at
    least two characters (``达成``, ``部分``, ``部分达成``, ``未达成``); ``None`` for blank text.

    The one reading of grade words: the editor, paste and flat import all call it.
    """
    key = "".join(unicodedata.normalize("NFKC", text).split())
    if not key:
        return None
    if len(key) >= _GRADE_PREFIX:
        for grade in QualitativeGrade:
            if grade.value.startswith(key):
                return grade
    options = "、".join(g.value for g in QualitativeGrade)
    raise UnknownGradeError(f"“{text.strip()}”不是完成等级（应为 {options} 之一）")


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
    SPECIAL_ACCOUNT = "special_account"  # 财政专户管理资金 (四川)
    UNIT_FUNDS = "unit_funds"  # 单位资金 (四川)
    CARRIED_OVER = "carried_over"
    OTHER = "other"


#: The sources that add up to 年度资金总额, in form order.
FUND_SOURCES: tuple[FundRow, ...] = tuple(r for r in FundRow if r is not FundRow.TOTAL)


class Funds(_Model):
    """The 项目资金 block.

    ``total`` holds what was typed (or imported) for 年度资金总额; the effective total is
    computed from the sources (``scoring.funds_total``) and a check warns when a typed
    total disagrees with it. Which sources a form shows is its template's choice; a source
    the template does not show stays empty.
    """

    total: Amounts = Field(default_factory=Amounts)
    current_year_appropriation: Amounts = Field(default_factory=Amounts)
    special_account: Amounts = Field(default_factory=Amounts)
    unit_funds: Amounts = Field(default_factory=Amounts)
    carried_over: Amounts = Field(default_factory=Amounts)
    other: Amounts = Field(default_factory=Amounts)


class Goals(_Model):
    """The 年度总体目标 block: 预期目标 and 实际完成情况, each one long free text."""

    expected: str = ""
    actual: str = ""


class Indicator(_Model):
    """A 三级指标 row."""

    name: str = ""
    target: str = ""  # 年度指标值 verbatim as typed; the 指标值 of a split target
    target_nature: str = ""  # 指标性质 of a split target (≥ ≤ = 定性), verbatim
    target_unit: str = ""  # 度量单位 of a split target, verbatim
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
    template: str = "shanghai"  # a key of the template catalogue
    funds_note: str = ""  # the funds block's 原因 (四川), e.g. why 执行率 is low
    #: Extra text blocks of the template (其他需要说明事项, 评价结论…), by block key.
    texts: dict[str, str] = Field(default_factory=dict)
    print_options: PrintOptions = Field(default_factory=PrintOptions)

    def iter_indicators(self) -> list[tuple[int, int, int, Level1, Level2, Indicator]]:
        """All 三级 rows in form order, with their (一级, 二级, 三级) index path."""
        rows: list[tuple[int, int, int, Level1, Level2, Indicator]] = []
        for i, l1 in enumerate(self.level1):
            for j, l2 in enumerate(l1.children):
                for k, ind in enumerate(l2.indicators):
                    rows.append((i, j, k, l1, l2, ind))
        return rows


#: 指标性质 as published (``≧``, ``大于等于``, ``正向``…) → the operator it means; ``定性``
#: and the like mean a text target.
_NATURE_OPERATORS: dict[str, str] = {
    **dict.fromkeys(("≥", "≧", ">=", "＞＝", "大于等于", "不低于", "不少于", "正向"), "≥"),
    **dict.fromkeys(
        ("≤", "≦", "<=", "＜＝", "小于等于", "不高于", "不多于", "不超过", "反向"), "≤"
    ),
    **dict.fromkeys(("=", "＝", "═", "==", "等于"), "="),
    **dict.fromkeys((">", "＞", "大于", "高于"), ">"),
    **dict.fromkeys(("<", "＜", "小于", "低于"), "<"),
    **dict.fromkeys(("定性", "定性指标", "文字", "—", "-", ""), ""),
}


def nature_operator(nature: str) -> str | None:
    """The operator a 指标性质 stands for (``""`` for a text target), ``None`` if unknown."""
    return _NATURE_OPERATORS.get("".join(nature.split()))


def target_text(indicator: Indicator) -> str:
    """The whole 年度指标值 of a row: the typed text, or the split parts put together
    (``≧ | 735 | 人次`` → ``≥735人次``). Scoring and checks read this."""
    if not indicator.target_nature and not indicator.target_unit:
        return indicator.target
    operator = nature_operator(indicator.target_nature)
    if operator is None:  # an unknown 指标性质 is kept as written
        operator = indicator.target_nature.strip()
    value = indicator.target.strip()
    if value[:1] in "≥≤=<>≧≦＝＜＞":
        operator = ""  # the value carries its own operator
    unit = indicator.target_unit.strip()
    if unit and value.endswith(unit):
        unit = ""  # ``95% | %``: the value already carries its unit, not ``95%%``
    return f"{operator}{value}{unit}"


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
