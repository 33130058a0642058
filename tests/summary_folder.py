"""Generated folders of forms for the 汇总表 and 项目库 tests and the summary benchmark.

Every form has the same small indicator tree (分值 25 + 25 + 30 + 10, plus 10 for the budget
row) and its own header, unit, funds and 得分, all recorded in a :class:`Spec`, so a test can
compute the expected figures itself without perfeval's arithmetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.model.form import Amounts, AmountUnit, Form, Indicator, standard_form

DEPARTMENTS = ("区教育局", "区卫生健康委员会", "区科学技术委员会")
UNITS = ("第一中学", "中心医院", "科技服务中心", "图书馆", "社区卫生服务中心")
WEIGHTS = (Decimal(25), Decimal(25), Decimal(30), Decimal(10))
BUDGET_WEIGHT = Decimal(10)


@dataclass(frozen=True)
class Spec:
    """What a generated form holds; amounts in its own unit."""

    file: str  # relative path in the folder
    project_name: str
    department: str
    implementing_unit: str
    unit: AmountUnit
    initial: Decimal
    adjusted: Decimal
    executed: Decimal
    scores: tuple[Decimal, ...]  # 得分 of the four 三级 rows
    error: bool  # a 得分 above its 分值 (an error finding)

    def in_yuan(self, amount: Decimal) -> Decimal:
        """``amount`` of this form in 元."""
        return amount * 10000 if self.unit == AmountUnit.WAN_YUAN else amount

    @property
    def rate(self) -> Decimal:
        return self.executed / self.adjusted

    @property
    def score_total(self) -> Decimal:
        return sum(self.scores, BUDGET_WEIGHT * min(self.rate, Decimal(1)))

    @property
    def grade(self) -> str:
        shown = self.score_total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for grade, floor in (("优", 90), ("良", 80), ("中", 60)):
            if shown >= floor:
                return grade
        return "差"


def make_form(spec: Spec) -> Form:
    """The form ``spec`` describes."""
    form = standard_form(2023)
    form.project_name = spec.project_name
    form.department = spec.department
    form.implementing_unit = spec.implementing_unit
    form.amount_unit = spec.unit
    form.funds.current_year_appropriation = Amounts(
        initial=spec.initial, adjusted=spec.adjusted, executed=spec.executed
    )
    slots = [(0, 0), (0, 1), (1, 0), (2, 0)]  # 数量, 质量, 经济效益, 服务对象满意度
    for (i, j), weight, score in zip(slots, WEIGHTS, spec.scores, strict=True):
        form.level1[i].children[j].indicators.append(
            Indicator(
                name=f"指标{i}{j}",
                target="≥1 次",
                actual="1 次",
                weight=weight,
                score=score,
                deviation_note="无",
            )
        )
    return form


def make_specs(count: int, seed: int = 1) -> list[Spec]:
    """``count`` varied forms: three departments, five units, 元 and 万元, every grade, and
    every seventh form with a 得分 above its 分值."""
    rng = random.Random(seed)
    specs: list[Spec] = []
    for n in range(count):
        unit = AmountUnit.WAN_YUAN if n % 3 == 1 else AmountUnit.YUAN
        cents = rng.randint(100_000, 50_000_000)  # 1,000.00 … 500,000.00 元
        adjusted = Decimal(cents) / 100
        executed = (adjusted * Decimal(rng.randint(40, 105)) / 100).quantize(Decimal("0.01"))
        if unit == AmountUnit.WAN_YUAN:  # the same money typed in 万元, to the cent
            adjusted, executed = adjusted / 10000, executed / 10000
        cut = Decimal(rng.choice((0, 0, 1, 2, 3, 5)) * 5)
        scores = (Decimal(25) - cut / 2, Decimal(25) - cut / 2, Decimal(30) - cut, Decimal(10))
        error = n % 7 == 3
        if error:
            scores = (Decimal(26), *scores[1:])
        specs.append(
            Spec(
                file=(f"子目录/项目{n:04d}.pev" if n % 5 == 4 else f"项目{n:04d}.pev"),
                project_name=f"项目{n:04d}·{rng.choice('甲乙丙丁')}",
                department=DEPARTMENTS[n % len(DEPARTMENTS)],
                implementing_unit=UNITS[rng.randrange(len(UNITS))],
                unit=unit,
                initial=adjusted
                + (Decimal(rng.randint(0, 1000)) if unit == AmountUnit.YUAN else Decimal("0.1")),
                adjusted=adjusted,
                executed=executed,
                scores=scores,
                error=error,
            )
        )
    return specs


def write_folder(root: Path, specs: list[Spec]) -> None:
    """Write each spec's form as a .pev file under ``root``."""
    for spec in specs:
        path = root / spec.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps_pev(make_form(spec)), encoding="utf-8")
