"""Dates as 时效 targets: read the latest day a text allows, compare with the deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from perfeval_gui.model.dates import DayText, deadline_met, parse_deadline
from perfeval_gui.model.form import Indicator, QualitativeGrade
from perfeval_gui.model.profiles import get_profile
from perfeval_gui.model.scoring import implied_grade, suggest_score
from perfeval_gui.model.values import Qualitative, parse_value


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023 年 10 月底", DayText(2023, 10, None)),
        ("2023年11月底前", DayText(2023, 11, None)),
        ("于2023年12月15日完成", DayText(2023, 12, 15)),
        ("2023-12-15", DayText(2023, 12, 15)),
        ("2023/12/5", DayText(2023, 12, 5)),
        ("2023年底", DayText(2023, 12, 31)),
        ("１２ 月上旬", DayText(None, 12, 10)),
        ("6月中旬前", DayText(None, 6, 20)),
        ("年底前完成", DayText(None, 12, 31)),  # no year: the year-end of the other value
        ("当年年底前", DayText(None, 12, 31)),
        ("年内完成", DayText(None, 12, 31)),
    ],
)
def test_parse_deadline(text: str, day: DayText) -> None:
    assert parse_deadline(text) == day
    assert isinstance(parse_value(text), Qualitative)  # still not a quantity


@pytest.mark.parametrize(
    "text", ["12.5", "12/5", "及时", "3 个月", "2023年", "按计划及时完成", "", "明年年底", "年"]
)
def test_not_dates(text: str) -> None:
    assert parse_deadline(text) is None


def test_resolve_month_end_and_bad_days() -> None:
    assert DayText(2024, 2, None).resolve(2000) == date(2024, 2, 29)
    assert DayText(None, 2, None).resolve(2023) == date(2023, 2, 28)
    assert DayText(2023, 2, 30).resolve(2000) is None


@pytest.mark.parametrize(
    ("target", "actual", "result"),
    [
        ("2023年11月底前", "2023年12月15日", (False, 15)),
        ("2023年11月底前", "2023年11月30日", (True, 0)),
        ("2023 年 10 月底", "2023 年 10 月底", (True, 0)),
        ("11月底前", "2023年11月20日", (True, 0)),  # the year comes from the other value
        ("2023年12月31日", "2024年1月2日", (False, 2)),
        ("及时", "2023年11月20日", None),
        ("2023年2月30日", "2023年3月1日", None),
    ],
)
def test_deadline_met(target: str, actual: str, result: tuple[bool, int] | None) -> None:
    assert deadline_met(target, actual, 2023) == result


def test_date_suggestions() -> None:
    profile = get_profile("default")
    on_time = Indicator(target="2023年11月底前", actual="2023年11月20日", weight=Decimal(5))
    s = suggest_score(on_time, profile)
    assert s is not None
    assert (s.band, s.met) == ((Decimal(4), Decimal(5)), True)
    assert implied_grade(on_time) is QualitativeGrade.ACHIEVED
    late = Indicator(target="2023年11月底前", actual="2023年12月15日", weight=Decimal(5))
    s = suggest_score(late, profile)
    assert s is not None
    assert (s.score, s.band, s.met) == (None, None, False)
    assert "15 天" in s.explanation
    assert implied_grade(late) is None
    late.grade = QualitativeGrade.PARTIAL  # the user's judgement wins
    s = suggest_score(late, profile)
    assert s is not None
    assert s.band == (Decimal(3), Decimal(4))


def test_year_end_without_a_year_is_a_deadline() -> None:
    ind = Indicator(target="年底前完成", actual="2023年11月30日", weight=Decimal(4))
    assert implied_grade(ind) is QualitativeGrade.ACHIEVED
    suggestion = suggest_score(ind, get_profile("default"))
    assert suggestion is not None
    assert suggestion.band == (Decimal("3.2"), Decimal(4))


@pytest.mark.parametrize("actual", ["按期完成", "已按时完成", "如期完成。", "提前完成"])
def test_on_time_in_words_meets_a_date(actual: str) -> None:
    ind = Indicator(target="2023年10月底", actual=actual, weight=Decimal(2))
    assert implied_grade(ind) is QualitativeGrade.ACHIEVED
    suggestion = suggest_score(ind, get_profile("default"))
    assert suggestion is not None
    assert suggestion.met is True


@pytest.mark.parametrize(("target", "actual"), [("2023年10月底", "已完成"), ("及时", "按期完成")])
def test_other_words_still_ask_for_a_grade(target: str, actual: str) -> None:
    assert implied_grade(Indicator(target=target, actual=actual, weight=Decimal(2))) is None
