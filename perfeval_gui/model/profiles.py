"""Scoring profiles: the regional rules of FORM-SPEC §5 as named, per-file parameters.

A form names its profile in ``Form.scoring_profile``; scoring and checks read every rule
parameter from the profile instead of from constants scattered through the code. What a
region's printed form fixes — the 分值 of the budget row, the standard 一级 weights, the total
of 100 — belongs to the form's template (``model/templates.py``), which also names the
profile new forms of that template get.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from pydantic import BaseModel, ConfigDict

from perfeval_gui.model.form import QualitativeGrade
from perfeval_gui.model.glossary import GRADE_EXCELLENT, GRADE_FAIR, GRADE_GOOD, GRADE_POOR

if TYPE_CHECKING:
    from collections.abc import Mapping

    from perfeval_gui.model.form import Form


class ReverseFormula(StrEnum):
    """How a missed lower-is-better (``≤``/``<``) target is scored."""

    RATIO = "ratio"  # 分值 × target ÷ actual
    LINEAR = "linear"  # 分值 × max(0, (2T − A) ÷ T): zero at twice the target


class ScoringProfile(BaseModel):
    """The rule parameters of one region's scoring (all fractions and points are exact)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str  # shown to the user
    reverse_formula: ReverseFormula = ReverseFormula.RATIO
    #: Lowest 总分 of each grade, best first; below the last one is 差.
    grade_thresholds: tuple[tuple[str, Decimal], ...] = (
        (GRADE_EXCELLENT, Decimal(90)),
        (GRADE_GOOD, Decimal(80)),
        (GRADE_FAIR, Decimal(60)),
    )
    lowest_grade: str = GRADE_POOR
    #: 得分 band of each qualitative grade, as fractions of 分值 (inclusive).
    qualitative_bands: dict[QualitativeGrade, tuple[Decimal, Decimal]] = {
        QualitativeGrade.ACHIEVED: (Decimal("0.8"), Decimal(1)),
        QualitativeGrade.PARTIAL: (Decimal("0.6"), Decimal("0.8")),
        QualitativeGrade.NOT_ACHIEVED: (Decimal(0), Decimal("0.6")),
    }
    #: An actual at or above this multiple of a higher-is-better target suggests the target
    #: was set too low (a check warns).
    overachievement_ratio: Decimal = Decimal("1.3")


DEFAULT_PROFILE: Final = ScoringProfile(key="default", label="通用规则（上海/中央）")

#: All known profiles by key.
PROFILES: Final[Mapping[str, ScoringProfile]] = MappingProxyType(
    {
        "default": DEFAULT_PROFILE,
        "linear-reverse": ScoringProfile(
            key="linear-reverse",
            label="反向指标线性计分（超出目标值两倍得零分）",
            reverse_formula=ReverseFormula.LINEAR,
        ),
    }
)


class UnknownProfileError(KeyError):
    """No profile has this key; ``str()`` is a Chinese message."""

    def __init__(self, key: str) -> None:
        self.key = key
        known = "、".join(f"“{k}”" for k in PROFILES)
        super().__init__(f"未知的计分规则“{key}”（可用：{known}）")

    def __str__(self) -> str:
        # KeyError quotes its argument; the message is for users, so print it as is.
        return str(self.args[0])


def get_profile(key: str) -> ScoringProfile:
    """The profile named ``key``; raises :class:`UnknownProfileError` for an unknown key."""
    try:
        return PROFILES[key]
    except KeyError:
        raise UnknownProfileError(key) from None


def form_profile(form: Form) -> ScoringProfile:
    """The form's profile, or the default one when its key is unknown (a check reports that)."""
    return PROFILES.get(form.scoring_profile, DEFAULT_PROFILE)
