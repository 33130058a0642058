"""Suggested 得分 per operator and profile (FORM-SPEC §5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.model.form import Indicator, QualitativeGrade
from perfeval_gui.model.profiles import PROFILES, get_profile
from perfeval_gui.model.scoring import suggest_score

D = Decimal
DEFAULT = get_profile("default")
LINEAR = get_profile("linear-reverse")


def suggest(target: str, actual: str, weight: str | None = "10", **kw: object) -> object:
    ind = Indicator(
        target=target, actual=actual, weight=None if weight is None else D(weight), **kw
    )
    return suggest_score(ind, DEFAULT)


def score(target: str, actual: str, weight: str = "10", profile: str = "default") -> Decimal | None:
    ind = Indicator(target=target, actual=actual, weight=D(weight))
    s = suggest_score(ind, get_profile(profile))
    assert s is not None
    return s.score


@pytest.mark.parametrize(
    ("target", "actual", "expected", "met"),
    [
        (">=4 次", "3 次", "7.5", False),  # 10 × 3 ÷ 4
        (">=4 次", "4 次", "10", True),
        (">=4 次", "9 次", "10", True),  # never above 分值
        (">4 次", "5 次", "10", True),
        ("=3 万条/月", "=3 万条/月", "10", True),
        ("=100%", "90%", "9", False),  # = is higher-is-better
        ("=100%", "120%", "10", True),
        (">=101 人次/场", "0", "0", False),
        ("≥95%", "全年稳定运行率≥95%", "10", True),
        ("<=200 册", "400 册", "5", False),  # default: 10 × 200 ÷ 400
        ("<=200 册", "200 册", "10", True),
        ("<=1 次", "<=1 次", "10", True),  # the actual's own operator: 1 was achieved
        ("<=20 万元/场", "121980 元", "10", True),
        ("<=50 元/册", "38 元/册", "10", True),
        ("<0 次", "2 次", "0", False),
        ("0 起", "1 起", "0", False),  # a zero target means "none", not "at least 0"
        ("=0 次", "0 次", "10", True),
        ("安全事故0起", "0起", "10", True),
        (">=100 人", "100余人", "10", True),  # not "units differ"
        ("≥95%", "100%完成", "10", True),
        ("≤5%", "-3%", "10", True),  # a fall is below the cap
    ],
)
def test_default_profile(target: str, actual: str, expected: str, met: bool) -> None:
    s = suggest_score(Indicator(target=target, actual=actual, weight=D(10)), DEFAULT)
    assert s is not None
    assert s.score == D(expected)
    assert s.met is met
    assert s.band is None
    assert s.explanation


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("<=200 册", "400 册", "0"),  # zero at twice the target
        ("<=200 册", "300 册", "5"),  # 10 × (400 − 300) ÷ 200
        ("<=200 册", "250 册", "7.5"),
        ("<=200 册", "900 册", "0"),  # never below 0
        ("<=200 册", "150 册", "10"),
        ("<200 册", "300 册", "5"),
        ("<200 册", "200 册", "10"),  # strict boundary missed: the formula still gives full
        (">=4 次", "3 次", "7.5"),  # higher-is-better is the same as in the default profile
        ("=0 起", "1 起", "0"),  # zero target: lower is better, nothing allowed
    ],
)
def test_linear_reverse_profile(target: str, actual: str, expected: str) -> None:
    assert score(target, actual, profile="linear-reverse") == D(expected)


def test_reverse_formulas_differ_only_for_missed_lower_is_better() -> None:
    assert score("<=200 册", "250 册") == D(8)  # 10 × 200 ÷ 250
    assert score("<=200 册", "250 册", profile="linear-reverse") == D("7.5")


def test_exact_decimals_no_rounding() -> None:
    assert score(">=3 次", "2 次", weight="1") == D(2) / D(3)


@pytest.mark.parametrize(
    ("target", "actual", "weight"),
    [
        (">=4 次", "", "10"),  # missing actual
        (">=4 次", "基本完成", "10"),  # unparseable actual
        ("<=3 分钟", "2 小时", "10"),  # incompatible units
        (">=4 次", "3 次", None),  # missing 分值
        ("", "3 次", "10"),  # missing target
        ("提升", "略有提升", "10"),  # different texts, no grade chosen
    ],
)
def test_no_suggestion(target: str, actual: str, weight: str | None) -> None:
    assert suggest(target, actual, weight) is None


@pytest.mark.parametrize(
    ("grade", "band", "met"),
    [
        (QualitativeGrade.ACHIEVED, ("4", "5"), True),
        (QualitativeGrade.PARTIAL, ("3", "4"), False),
        (QualitativeGrade.NOT_ACHIEVED, ("0", "3"), False),
    ],
)
def test_qualitative_band_from_chosen_grade(
    grade: QualitativeGrade, band: tuple[str, str], met: bool
) -> None:
    ind = Indicator(target="提升", actual="略有提升", weight=D(5), grade=grade)
    s = suggest_score(ind, DEFAULT)
    assert s is not None
    assert s.score is None
    assert s.band == (D(band[0]), D(band[1]))
    assert s.met is met


def test_equal_texts_imply_achieved() -> None:
    ind = Indicator(target="及时", actual=" 及时 ", weight=D(2))
    s = suggest_score(ind, DEFAULT)
    assert s is not None
    assert s.band == (D("1.6"), D(2))
    assert s.met is True
    assert "达成" in s.explanation


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([">=", "<=", "=", ">", "<"]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False),
    st.sampled_from(sorted(PROFILES)),
)
def test_suggestion_is_between_zero_and_weight(
    op: str, target: Decimal, actual: Decimal, weight: Decimal, profile: str
) -> None:
    ind = Indicator(target=f"{op}{target} 次", actual=f"{actual} 次", weight=weight)
    s = suggest_score(ind, get_profile(profile))
    assert s is not None
    assert s.score is not None
    assert 0 <= s.score <= weight
    assert (s.score == weight) or not s.met


def test_seed1_row_under_each_profile(seed1_flat: dict[str, object]) -> None:
    from perfeval_gui.io.flat import form_from_flat

    form = form_from_flat(seed1_flat)
    booklets = form.level1[0].children[0].indicators[2]  # <=200 册, actual 400 册, 分值 8
    default = suggest_score(booklets, DEFAULT)
    linear = suggest_score(booklets, LINEAR)
    assert default is not None and linear is not None
    assert (default.score, default.met) == (D(4), False)
    assert (linear.score, linear.met) == (D(0), False)
    assert "两倍" in linear.explanation


def test_fraction_typed_for_a_percentage_is_not_scored() -> None:
    assert suggest(">=95%", "0.98") is None
    assert suggest(">=95%", "98%") is not None
    assert suggest(">=95%", "0") is not None  # 0 is 0 whatever the unit
