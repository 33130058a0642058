"""The 汇总表 of many forms: one row per form and exact totals (no file I/O).

Money is summed exactly in one unit: forms kept in 元 and in 万元 are converted (× 10,000 or
÷ 10,000, both exact in ``Decimal``). The overall 执行率 is Σ全年执行数 ÷ Σ全年预算数, not an
average of the forms' rates. Rows are in a stable order: 主管部门, then 实施单位, then 项目名称
(code-point order of the stripped texts), then the file they came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from perfeval_gui.model.checks import Finding, Severity, run_checks
from perfeval_gui.model.form import AmountUnit, Form
from perfeval_gui.model.profiles import DEFAULT_PROFILE, PROFILES
from perfeval_gui.model.rounding import round_half_up
from perfeval_gui.model.scoring import NO_GRADE, compute_totals
from perfeval_gui.model.template_catalog import templates

_ZERO = Decimal(0)
_WAN = Decimal(10000)


class GroupBy(StrEnum):
    """What ``--group-by`` subtotals by; the value is the column's Chinese name."""

    DEPARTMENT = "主管部门"
    IMPLEMENTING_UNIT = "实施单位"


@dataclass(frozen=True)
class SummaryRow:
    """One form of the 汇总表; amounts are in the summary's unit, exact."""

    file: str  # where the form came from (a path, with "#sheet" for a workbook's later forms)
    project_name: str
    department: str
    implementing_unit: str
    template: str  # the form's template, or its scoring profile's label
    form_unit: AmountUnit  # the unit the form itself is kept in
    initial: Decimal | None  # 年初预算数
    adjusted: Decimal | None  # 全年预算数
    executed: Decimal | None  # 全年执行数
    execution_rate: Decimal | None  # a fraction, None without 全年预算数
    weight_total: Decimal  # 分值
    score_total: Decimal  # 得分
    grade: str  # 优/良/中/差, or "—" while the 分值 do not add up
    errors: int
    warnings: int


@dataclass(frozen=True)
class GradeCount:
    """How many forms have ``grade``, and their share of all (a fraction, None for no form)."""

    grade: str
    count: int
    share: Decimal | None


@dataclass(frozen=True)
class Totals:
    """The totals block of a set of rows (all of them, or one group)."""

    count: int
    initial: Decimal
    adjusted: Decimal
    executed: Decimal
    execution_rate: Decimal | None  # Σ执行数 ÷ Σ预算数
    grades: tuple[GradeCount, ...]
    score_mean: Decimal | None
    score_median: Decimal | None
    errors: int
    warnings: int


@dataclass(frozen=True)
class Group:
    """The rows sharing one 主管部门 (or 实施单位), with their subtotals."""

    name: str
    rows: tuple[SummaryRow, ...]
    totals: Totals


@dataclass(frozen=True)
class Summary:
    """Everything the 汇总表 shows, in every output format."""

    unit: AmountUnit
    rows: tuple[SummaryRow, ...]
    totals: Totals
    group_by: GroupBy | None = None
    groups: tuple[Group, ...] = field(default_factory=tuple)


UNGRADED_LABEL = "未定等级"


def display_name(row: SummaryRow) -> str:
    """The project name, or for a form without one, its file's name (``（未填写）表.pev``)."""
    if row.project_name:
        return row.project_name
    return "（未填写）" + row.file.replace("\\", "/").rsplit("/", 1)[-1]


def grade_label(grade: str) -> str:
    """A grade as the distribution names it: ``—`` (分值 do not add up) is 未定等级."""
    return UNGRADED_LABEL if grade == NO_GRADE else grade


def template_label(form: Form) -> str:
    """The form's template (上海/中央、四川…), with its scoring profile when not the default."""
    template = templates().get(form.template)
    name = template.name if template is not None else form.template
    if form.scoring_profile == DEFAULT_PROFILE.key:
        return name
    profile = PROFILES.get(form.scoring_profile)
    return f"{name}（{profile.label if profile is not None else form.scoring_profile}）"


def convert(amount: Decimal | None, source: AmountUnit, target: AmountUnit) -> Decimal | None:
    """``amount`` kept in ``source`` expressed in ``target``, exactly."""
    if amount is None or source == target:
        return amount
    if target == AmountUnit.YUAN:
        return amount * _WAN
    return amount.scaleb(-4)  # ÷ 10,000: a shift of the exponent, never rounded


def summary_row(
    form: Form,
    file: str,
    unit: AmountUnit = AmountUnit.YUAN,
    findings: Sequence[Finding] | None = None,
) -> SummaryRow:
    """The 汇总表 row of ``form`` with amounts in ``unit`` (findings computed when not given)."""
    totals = compute_totals(form)
    found = run_checks(form) if findings is None else findings
    funds = totals.funds_total
    return SummaryRow(
        file=file,
        project_name=form.project_name.strip(),
        department=form.department.strip(),
        implementing_unit=form.implementing_unit.strip(),
        template=template_label(form),
        form_unit=form.amount_unit,
        initial=convert(funds.initial, form.amount_unit, unit),
        adjusted=convert(funds.adjusted, form.amount_unit, unit),
        executed=convert(funds.executed, form.amount_unit, unit),
        execution_rate=totals.execution_rate,
        # As the form prints them (a proportional budget 得分 has many more digits).
        weight_total=round_half_up(totals.weight_total, totals.places),
        score_total=round_half_up(totals.score_total, totals.places),
        # "—（分值合计≠100）": no grade until the 分值 add up (the error finding says why).
        grade=NO_GRADE if totals.grade.startswith(NO_GRADE) else totals.grade,
        errors=sum(1 for f in found if f.severity == Severity.ERROR),
        warnings=sum(1 for f in found if f.severity == Severity.WARNING),
    )


def row_in_unit(row: SummaryRow, unit: AmountUnit, current: AmountUnit) -> SummaryRow:
    """``row`` (amounts in ``current``) with its amounts in ``unit``, exactly."""
    if unit == current:
        return row
    return replace(
        row,
        initial=convert(row.initial, current, unit),
        adjusted=convert(row.adjusted, current, unit),
        executed=convert(row.executed, current, unit),
    )


def choose_unit(forms: Iterable[Form]) -> AmountUnit:
    """万元 when every form is kept in 万元, else 元 (no 元 amount loses a digit of display)."""
    units = {form.amount_unit for form in forms}
    return AmountUnit.WAN_YUAN if units == {AmountUnit.WAN_YUAN} else AmountUnit.YUAN


def sort_key(row: SummaryRow) -> tuple[str, str, str, str]:
    """The stable order of the 汇总表: 主管部门, 实施单位, 项目名称, then the file."""
    return (row.department, row.implementing_unit, row.project_name, row.file)


def form_order_key(form: Form, file: str) -> tuple[str, str, str, str]:
    """:func:`sort_key` of a form not yet summarised (for ``check`` and ``render`` of folders)."""
    return (
        form.department.strip(),
        form.implementing_unit.strip(),
        form.project_name.strip(),
        file,
    )


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The median of ``values`` (the mean of the middle two for an even count), exact."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _grade_names(rows: Sequence[SummaryRow]) -> list[str]:
    """优, 良, 中, 差, then any other grade a profile may name, in order of appearance, and
    ``—`` (no grade: the 分值 do not add up) last."""
    names = [grade for grade, _ in DEFAULT_PROFILE.grade_thresholds]
    names.append(DEFAULT_PROFILE.lowest_grade)
    for row in rows:
        if row.grade not in names and row.grade != NO_GRADE:
            names.append(row.grade)
    if any(row.grade == NO_GRADE for row in rows):
        names.append(NO_GRADE)
    return names


def compute_block(rows: Sequence[SummaryRow], grade_names: Sequence[str] = ()) -> Totals:
    """The totals of ``rows``: exact sums, overall 执行率, grade counts, mean and median 得分."""
    count = len(rows)

    def total(pick: Callable[[SummaryRow], Decimal | None]) -> Decimal:
        return sum((v for row in rows if (v := pick(row)) is not None), _ZERO)

    initial = total(lambda r: r.initial)
    adjusted = total(lambda r: r.adjusted)
    executed = total(lambda r: r.executed)
    scores = [row.score_total for row in rows]
    grades = tuple(
        GradeCount(
            name,
            n := sum(1 for row in rows if row.grade == name),
            Decimal(n) / count if count else None,
        )
        for name in (grade_names or _grade_names(rows))
    )
    return Totals(
        count=count,
        initial=initial,
        adjusted=adjusted,
        executed=executed,
        execution_rate=executed / adjusted if adjusted != 0 else None,
        grades=grades,
        score_mean=sum(scores, _ZERO) / count if count else None,
        score_median=median(scores),
        errors=sum(row.errors for row in rows),
        warnings=sum(row.warnings for row in rows),
    )


def summarize(
    rows: Iterable[SummaryRow], unit: AmountUnit, group_by: GroupBy | None = None
) -> Summary:
    """The 汇总表 of ``rows`` (all in ``unit``), sorted, with its totals and subtotals."""
    ordered = tuple(sorted(rows, key=sort_key))
    names = _grade_names(ordered)
    groups: list[Group] = []
    if group_by is not None:
        pick = (lambda r: r.department) if group_by == GroupBy.DEPARTMENT else None
        key: Callable[[SummaryRow], str] = pick or (lambda r: r.implementing_unit)
        members: dict[str, list[SummaryRow]] = {}
        for row in sorted(ordered, key=lambda r: (key(r), *sort_key(r))):
            members.setdefault(key(row), []).append(row)
        groups = [
            Group(name, tuple(group), compute_block(group, names))
            for name, group in members.items()
        ]
    return Summary(unit, ordered, compute_block(ordered, names), group_by, tuple(groups))


#: The 执行率 bands of the distribution chart: (label, lowest rate, highest rate excluded).
RATE_BANDS: tuple[tuple[str, Decimal | None, Decimal | None], ...] = (
    ("低于60%", None, Decimal("0.6")),
    ("60%–80%", Decimal("0.6"), Decimal("0.8")),
    ("80%–90%", Decimal("0.8"), Decimal("0.9")),
    ("90%–100%", Decimal("0.9"), Decimal(1)),
    ("100%及以上", Decimal(1), None),
)
NO_RATE_LABEL = "无预算数"


def rate_distribution(rows: Sequence[SummaryRow]) -> list[tuple[str, int]]:
    """How many forms fall in each 执行率 band, then how many have no 执行率 at all."""
    counts = [0] * len(RATE_BANDS)
    missing = 0
    for row in rows:
        rate = row.execution_rate
        if rate is None:
            missing += 1
            continue
        for index, (_, low, high) in enumerate(RATE_BANDS):
            if (low is None or rate >= low) and (high is None or rate < high):
                counts[index] += 1
                break
    return [(band[0], n) for band, n in zip(RATE_BANDS, counts, strict=True)] + [
        (NO_RATE_LABEL, missing)
    ]
