"""Each reviewer rule of FORM-SPEC §6, on a clean real form with one thing changed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from perfeval_gui.model.checks import Finding, Severity, run_checks
from perfeval_gui.model.checks_common import is_blank_note
from perfeval_gui.model.form import (
    Amounts,
    Form,
    Indicator,
    Level1,
    Level2,
    QualitativeGrade,
)
from perfeval_gui.model.scoring import compute_totals
from tests.conftest import load_fixture_json
from tests.strategies import forms

D = Decimal


def clean_form() -> Form:
    """Seed form 2 without its one info: every check passes."""
    from perfeval_gui.io.flat import form_from_flat

    form = form_from_flat(load_fixture_json(2))
    form.level1[1].children[1].indicators[1].actual = "建立建全"
    assert run_checks(form) == []
    return form


def with_row(**changes: Any) -> Form:
    """The clean form with its first 三级 row (全年制作发放宣传单, 分值 5) changed."""
    form = clean_form()
    row = form.level1[0].children[0].indicators[0]
    for key, value in changes.items():
        setattr(row, key, value)
    return form


def codes(form: Form) -> list[str]:
    return [f.code for f in run_checks(form)]


def row_codes(form: Form, path: tuple[int, ...] = (0, 0, 0)) -> list[str]:
    return [f.code for f in run_checks(form) if f.path == path]


# ------------------------------------------------------------------ errors


def test_weight_total_not_100_is_an_error_at_the_end() -> None:
    form = with_row(weight=D(6), score=D(6))
    findings = run_checks(form)
    assert [f.code for f in findings] == ["level1-weight-unusual", "weight-total-not-100"]
    total = findings[-1]
    assert (total.severity, total.field, total.path) == (Severity.ERROR, "weight_total", None)
    assert "101" in total.message
    level1 = findings[0]
    assert (level1.path, level1.field) == ((0,), "level1.weight")
    assert "产出指标" in level1.message
    assert "51" in level1.message


def test_score_above_weight_is_one_error() -> None:
    findings = run_checks(with_row(score=D("5.5")))
    assert [(f.severity, f.code, f.field) for f in findings] == [
        (Severity.ERROR, "score-above-weight", "score")
    ]
    assert "全年制作发放宣传单" in findings[0].message


def test_negative_score_is_an_error() -> None:
    assert row_codes(with_row(score=D(-1), deviation_note="扣分")) == ["score-negative"]


def test_row_without_name_or_weight_is_named_by_position() -> None:
    form = with_row(name="", weight=None)
    findings = [f for f in run_checks(form) if f.path == (0, 0, 0)]
    assert [(f.severity, f.code) for f in findings] == [
        (Severity.ERROR, "indicator-name-missing"),
        (Severity.ERROR, "weight-missing"),
    ]
    assert all("产出指标／数量指标下第 1 个三级指标" in f.message for f in findings)
    assert all(f.indicator is None for f in findings)
    assert "weight-total-not-100" in codes(form)


def test_missing_score_counts_as_zero() -> None:
    form = with_row(score=None)
    assert row_codes(form) == ["score-missing"]
    assert compute_totals(form).score_total == D(95)


# ------------------------------------------------------------------ deviation notes


@pytest.mark.parametrize(
    "note", ["", " ", "无", "无。", "/", "-", "—", "——", "暂无", "N/A", "无偏差"]
)
def test_deduction_without_real_note(note: str) -> None:
    findings = [f for f in run_checks(with_row(score=D(4), deviation_note=note)) if f.path]
    assert [(f.code, f.field) for f in findings] == [("deduction-without-note", "deviation_note")]
    assert "得分 4 低于分值 5" in findings[0].message


@pytest.mark.parametrize("note", ["宣传单印刷延误", "无法按时发放", "无锡分社未完成"])
def test_real_notes_are_not_blank(note: str) -> None:
    assert not is_blank_note(note)
    assert row_codes(with_row(score=D(4), deviation_note=note)) == []


def test_score_differs_from_suggestion_without_note() -> None:
    form = with_row(target=">=4 次", actual="3 次", weight=D(5), score=D(2))
    findings = [f for f in run_checks(form) if f.path == (0, 0, 0)]
    assert [f.code for f in findings] == ["score-differs-from-suggestion"]
    assert "建议得分 3.75" in findings[0].message
    # the formula's own result needs a note too, but only once
    assert row_codes(with_row(target=">=4 次", actual="3 次", score=D("3.75"))) == [
        "deduction-without-note"
    ]
    # explained: fine
    explained = with_row(target=">=4 次", actual="3 次", score=D(2), deviation_note="一场取消")
    assert row_codes(explained) == []


def test_missed_target_with_full_marks_is_reported_once() -> None:
    assert row_codes(with_row(target="<=200 册", actual="400 册")) == ["target-missed-full-score"]
    noted = with_row(target="<=200 册", actual="400 册", deviation_note="追加印刷")
    assert row_codes(noted) == ["target-missed-full-score"]  # a note does not earn full marks


def test_strict_operator_boundary_is_missed() -> None:
    assert row_codes(with_row(target="<1 次", actual="1 次")) == ["target-missed-full-score"]
    assert row_codes(with_row(target="<=1 次", actual="1 次")) == []


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(
    ("target", "actual", "flagged"),
    [
        (">=30 人次/场", "39 人次/场", True),  # exactly 130%
        (">=30 人次/场", "38 人次/场", False),
        ("=100 个", "150 个", True),  # = is higher-is-better
        ("<=50 元/册", "10 元/册", False),  # lower is better: far below is good
        (">=85%", "100%", False),
        (">=0 次", "5 次", False),
    ],
)
def test_target_too_low(target: str, actual: str, flagged: bool) -> None:
    form = with_row(target=target, actual=actual)
    assert ("target-too-low" in row_codes(form)) is flagged
    explained = with_row(target=target, actual=actual, deviation_note="需求激增，超额完成")
    assert "target-too-low" not in row_codes(explained)


def test_incompatible_units() -> None:
    findings = [f for f in run_checks(with_row(target="<=3 分钟", actual="2 小时")) if f.path]
    assert [(f.code, f.field) for f in findings] == [("units-incompatible", "actual")]
    assert "分钟" in findings[0].message
    assert "小时" in findings[0].message


def test_scale_words_and_composite_units_compare() -> None:
    assert row_codes(with_row(target="<=20 万元/场", actual="121980 元")) == []
    assert row_codes(with_row(target="<=20 万元/场", actual="25 万元")) == [
        "target-missed-full-score"
    ]


def test_unreadable_actual_of_a_quantity() -> None:
    assert row_codes(with_row(target=">=4 次", actual="基本完成")) == ["actual-not-quantitative"]
    graded = with_row(target=">=4 次", actual="基本完成", grade=QualitativeGrade.ACHIEVED)
    assert row_codes(graded) == []


def test_missing_target_and_actual() -> None:
    assert row_codes(with_row(target="", actual="")) == ["target-missing", "actual-missing"]


# ------------------------------------------------------------------ qualitative bands


def test_chosen_grade_band() -> None:
    partial: dict[str, Any] = {
        "target": "提升",
        "actual": "略有提升",
        "grade": QualitativeGrade.PARTIAL,
    }
    assert row_codes(with_row(**partial)) == ["score-outside-band"]  # full 5 points: band 3–4
    assert row_codes(with_row(**partial, score=D("3.5"), deviation_note="宣传覆盖面不足")) == []
    assert row_codes(with_row(**partial, score=D("3.5"))) == ["deduction-without-note"]
    assert row_codes(with_row(**partial, score=D(2))) == [
        "deduction-without-note",
        "score-outside-band",
    ]


def test_implied_achieved_band() -> None:
    form = with_row(target="及时", actual="及时", score=D(3), deviation_note="部分延误")
    findings = [f for f in run_checks(form) if f.path]
    assert [f.code for f in findings] == ["score-outside-band"]
    assert "4–5 分" in findings[0].message
    assert row_codes(with_row(target="及时", actual="及时", score=D(4))) == [
        "deduction-without-note"
    ]


def test_different_texts_ask_for_a_grade() -> None:
    findings = run_checks(with_row(target="提升", actual="明显提升"))
    assert [(f.severity, f.code, f.field) for f in findings] == [
        (Severity.INFO, "grade-missing", "grade")
    ]


# ------------------------------------------------------------------ form level


def test_duplicate_names_flag_the_second_row() -> None:
    form = clean_form()
    form.level1[0].children[1].indicators[0].name = " 全年制作发放宣传单"
    findings = run_checks(form)
    assert [(f.code, f.path) for f in findings] == [("duplicate-name", (0, 1, 0))]
    assert "第 1 个一级指标、第 1 个二级指标下第 1 行" in findings[0].message


def test_header_fields() -> None:
    form = clean_form()
    form.project_name = " "
    form.department = ""
    form.implementing_unit = ""
    findings = run_checks(form)
    assert [(f.code, f.field, f.path) for f in findings] == [
        ("header-missing", "project_name", None),
        ("header-missing", "department", None),
        ("header-missing", "implementing_unit", None),
    ]
    assert [f.message for f in findings] == ["未填写项目名称", "未填写主管部门", "未填写实施单位"]


def test_funds_total_against_sources_per_column() -> None:
    form = clean_form()
    form.funds.total.initial = D("165700.01")
    findings = run_checks(form)
    assert [(f.code, f.field) for f in findings] == [
        ("funds-total-mismatch", "funds.total.initial")
    ]
    assert "165,700.01" in findings[0].message
    assert "165,700.00" in findings[0].message


def test_executed_above_budget_reported_where_it_happens() -> None:
    form = clean_form()
    form.funds.carried_over = Amounts(initial=D(0), adjusted=D(100), executed=D(150))
    found = [(f.code, f.field) for f in run_checks(form)]
    assert ("executed-above-budget", "funds.carried_over.executed") in found
    assert ("executed-above-budget", "funds.total.executed") not in found
    form = clean_form()
    form.funds.total.executed = form.funds.current_year_appropriation.executed = D(120000)
    assert [(f.code, f.field) for f in run_checks(form)] == [
        ("executed-above-budget", "funds.current_year_appropriation.executed")
    ]


def test_missing_budget_and_spending() -> None:
    form = clean_form()
    form.funds.total.adjusted = form.funds.current_year_appropriation.adjusted = None
    form.funds.carried_over.adjusted = form.funds.other.adjusted = None
    assert codes(form) == ["budget-missing"]
    form = clean_form()
    form.funds.total.executed = form.funds.current_year_appropriation.executed = None
    assert codes(form) == ["executed-missing"]


def test_goals_budget_weight_and_profile() -> None:
    form = clean_form()
    form.goals.actual = ""
    form.budget_weight = D(15)
    form.scoring_profile = "shanghai-2030"
    assert [(f.severity, f.code, f.field) for f in run_checks(form)] == [
        (Severity.ERROR, "profile-unknown", "scoring_profile"),
        (Severity.WARNING, "budget-weight-unusual", "budget_weight"),
        (Severity.WARNING, "goals-missing", "goals.actual"),
        (Severity.ERROR, "weight-total-not-100", "weight_total"),
    ]


def test_nonstandard_level1_gets_a_softer_note() -> None:
    form = clean_form()
    form.level1[0].name = "成本指标"
    form.level1[2].children.append(Level2(name=""))
    findings = run_checks(form)
    assert [(f.severity, f.code, f.path) for f in findings] == [
        (Severity.INFO, "level1-nonstandard", None),
        (Severity.WARNING, "level2-name-missing", (2, 1)),
    ]


def test_findings_follow_form_order_errors_first_within_a_row() -> None:
    form = clean_form()
    form.department = ""
    form.level1[2].children[0].indicators[0].score = D(6)  # error on a later row
    first = form.level1[0].children[0].indicators[0]
    first.target, first.actual, first.score = ">=4 次", "", D(7)
    findings = run_checks(form)
    assert [(f.code, f.path) for f in findings] == [
        ("header-missing", None),
        ("score-above-weight", (0, 0, 0)),
        ("actual-missing", (0, 0, 0)),
        ("score-above-weight", (2, 0, 0)),
    ]


def test_empty_form_has_no_crash_and_says_what_is_missing() -> None:
    found = {
        f.code
        for f in run_checks(Form(level1=[Level1(children=[Level2(indicators=[Indicator()])])]))
    }
    expected = {
        "header-missing", "budget-missing", "goals-missing", "indicator-name-missing",
        "weight-missing", "score-missing", "target-missing", "actual-missing",
        "level1-name-missing", "level2-name-missing", "weight-total-not-100",
    }  # fmt: skip
    assert expected <= found


@settings(max_examples=60, deadline=None)
@given(forms())
def test_any_form_checks_without_crash(form: Form) -> None:
    findings = run_checks(form)
    for f in findings:
        assert isinstance(f, Finding)
        assert f.message
        assert f.code == f.code.lower()
        assert " " not in f.code
        if f.path is not None and len(f.path) == 3:
            i, j, k = f.path
            assert form.level1[i].children[j].indicators[k] is not None


def test_dates_against_deadlines() -> None:
    late = {"target": "2023年10月底前", "actual": "2023年11月10日"}
    assert row_codes(with_row(**late)) == ["target-missed-full-score"]
    assert row_codes(with_row(**late, score=D(3), deviation_note="供货延迟")) == []
    assert row_codes(with_row(**late, score=D(3))) == ["deduction-without-note"]
    on_time = {"target": "2023年10月底前", "actual": "2023年10月20日"}
    assert row_codes(with_row(**on_time)) == []
    findings = run_checks(with_row(**on_time, score=D(3), deviation_note="部分延误"))
    assert [f.code for f in findings] == ["score-outside-band"]
    assert "实际完成日期未晚于年度指标值" in findings[0].message


def test_duplicate_level1_and_level2_names_are_flagged() -> None:
    # Two 数量指标 under one 一级 (or two 满意度指标 一级) are one node split in two; flat
    # JSON would silently merge them.
    form = clean_form()
    form.level1[0].children[1].name = "数量指标"
    form.level1.append(Level1(name="满意度指标", children=[Level2(name="服务对象满意度指标")]))
    found = [(f.code, f.path) for f in run_checks(form) if "duplicate" in f.code]
    assert found == [("level2-name-duplicate", (0, 1)), ("level1-name-duplicate", (3,))]
    form.level1.pop()
    form.level1[1].children[0].name = "数量指标"  # the same 二级 name under another 一级: fine
    form.level1[0].children[1].name = "质量指标"
    assert not [f for f in run_checks(form) if "duplicate" in f.code]


def test_totals_just_off_show_their_digits() -> None:
    # 99.999 rounds to 100 for display; "分值合计为 100，应为 100" would make no sense.
    form = with_row(weight=D("4.999"), score=D("4.999"))
    messages = {f.code: f.message for f in run_checks(form)}
    assert "为 99.999，应为 100" in messages["weight-total-not-100"]
    assert "分值合计为 49.999，通常为 50 分" in messages["level1-weight-unusual"]


def test_deduction_just_below_the_weight_shows_its_digits() -> None:
    form = with_row(score=D("4.999"))
    messages = [f.message for f in run_checks(form) if f.code == "deduction-without-note"]
    assert len(messages) == 1
    assert "得分 4.999 低于分值 5" in messages[0]
