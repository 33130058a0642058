"""The memo caches never change a result: warm caches give what cleared caches give, and an
in-place edit (as the editor's undo commands make it) is seen by the very next recompute."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import Form, Indicator, Level1, Level2, QualitativeGrade
from perfeval_gui.model.memo import MemoCache, clear_caches
from perfeval_gui.model.profiles import DEFAULT_PROFILE, ReverseFormula, ScoringProfile
from perfeval_gui.model.scoring import compute_totals, suggest_score
from tests.conftest import load_fixture_json
from tests.strategies import (
    PROFILE_KEYS,
    TYPICAL_VALUES,
    forms,
    indicators,
    optional_decimals,
    texts,
)

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Names that often repeat (whitespace does not tell 三级 names apart), or any text.
_NAMES = st.sampled_from(("甲", " 甲 ", "乙", "")) | texts()
#: New values for each 三级 cell, as a user could type them.
_CELL_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "name": _NAMES,
    "target": st.sampled_from(TYPICAL_VALUES) | texts(),
    "actual": st.sampled_from(TYPICAL_VALUES) | texts(),
    "weight": optional_decimals(4),
    "score": optional_decimals(4),
    "deviation_note": texts(30),
    "grade": st.none() | st.sampled_from(QualitativeGrade),
}


def _results(form: Form) -> str:
    """Findings and totals exactly, digits included (``repr`` tells ``1`` from ``1.0``)."""
    return repr((run_checks(form), compute_totals(form)))


def _cold_results(form: Form) -> str:
    clear_caches()
    return _results(form)


def _rows(form: Form) -> list[Indicator]:
    return [ind for *_, ind in form.iter_indicators()]


@pytest.mark.parametrize("n", [1, 2])
def test_seed_forms_same_with_warm_caches(n: int) -> None:
    form = form_from_flat(load_fixture_json(n))
    cold = _cold_results(form)
    assert _results(form) == cold
    assert _results(form.model_copy(deep=True)) == cold  # equal rows, other objects


@_SETTINGS
@given(form=forms())
def test_any_form_same_with_warm_caches(form: Form) -> None:
    cold = _cold_results(form)
    assert _results(form) == cold


@_SETTINGS
@given(form=forms(), data=st.data())
def test_in_place_cell_edit_is_seen_at_once(form: Form, data: st.DataObject) -> None:
    rows = _rows(form)
    if not rows:  # give the edit a row to land on
        form.level1.append(Level1(children=[Level2(indicators=[data.draw(indicators())])]))
        rows = _rows(form)
    _results(form)  # the editor showed the form before the edit: caches are warm
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        ind = data.draw(st.sampled_from(rows), label="row")
        field = data.draw(st.sampled_from(sorted(_CELL_VALUES)), label="field")
        setattr(ind, field, data.draw(_CELL_VALUES[field], label="value"))
        warm = _results(form)
        assert warm == _cold_results(form)


@_SETTINGS
@given(form=forms(), data=st.data())
def test_moves_renames_and_profile_changes_are_seen_at_once(
    form: Form, data: st.DataObject
) -> None:
    level2s = [l2 for l1 in form.level1 for l2 in l1.children]
    for ind in (ind for l2 in level2s for ind in l2.indicators):
        ind.name = data.draw(_NAMES, label="name")
    _results(form)
    for l2 in level2s:  # rows reordered in place, as a move-rows command does
        l2.indicators[:] = data.draw(st.permutations(l2.indicators))
    for l1 in form.level1:  # 二级 reordered, and 一级 (whole blocks of rows move)
        l1.children[:] = data.draw(st.permutations(l1.children))
    form.level1[:] = data.draw(st.permutations(form.level1))
    if len(level2s) >= 2 and level2s[0].indicators:  # a row moved to another 二级
        level2s[-1].indicators.insert(0, level2s[0].indicators.pop())
    for l1 in form.level1:  # unnamed rows are named by their parents in messages
        l1.name = data.draw(texts(), label="level1 name")
        for l2 in l1.children:
            l2.name = data.draw(texts(), label="level2 name")
    form.scoring_profile = data.draw(st.sampled_from((*PROFILE_KEYS, "unknown")))
    assert _results(form) == _cold_results(form)


def _seed1() -> Form:
    return form_from_flat(load_fixture_json(1))


def _row(form: Form, name: str) -> Indicator:
    return next(ind for ind in _rows(form) if ind.name == name)


def test_score_edit_updates_the_rows_findings() -> None:
    form = _seed1()
    booklets = _row(form, "政策宣传品制作数量")  # <=200 册, 400 册, full 8 points, note 无

    def codes() -> set[str]:
        return {f.code for f in run_checks(form) if f.indicator == booklets.name}

    assert codes() == {"target-missed-full-score"}
    booklets.score = Decimal(4)  # the suggested 4 points (8 × 200 ÷ 400), still no note
    assert codes() == {"deduction-without-note"}
    booklets.deviation_note = "印刷量超出计划，下年度按实际需求调整"
    assert codes() == set()
    booklets.score, booklets.deviation_note = Decimal(8), "无"  # back as signed off
    assert codes() == {"target-missed-full-score"}


def test_digits_as_typed_are_shown_after_an_edit() -> None:
    form = Form(
        level1=[Level1(children=[Level2(indicators=[Indicator(name="甲", weight=Decimal("0.5"))])])]
    )
    ind = form.level1[0].children[0].indicators[0]

    def message() -> str:
        return next(f.message for f in run_checks(form) if f.code == "score-above-weight")

    ind.score = Decimal("1")
    assert "得分 1 超过分值 0.5" in message()
    ind.score = Decimal("1.0")  # equal to 1, but typed with a decimal place
    assert "得分 1.0 超过分值 0.5" in message()
    ind.weight = Decimal("0.50")
    assert "得分 1.0 超过分值 0.50" in message()


def test_suggestion_keeps_the_digits_of_the_weight() -> None:
    ind = Indicator(target="<=200 册", actual="400 册", weight=Decimal(8))
    first = suggest_score(ind, DEFAULT_PROFILE)
    ind.weight = Decimal("8.0")
    second = suggest_score(ind, DEFAULT_PROFILE)
    assert first is not None and second is not None
    assert (str(first.score), str(second.score)) == ("4", "4.0")


def test_unnamed_row_moved_is_named_by_its_new_place() -> None:
    rows = [Indicator(name="甲", weight=Decimal(5)), Indicator(weight=Decimal(5))]
    form = Form(
        level1=[Level1(name="产出指标", children=[Level2(name="数量指标", indicators=rows)])]
    )
    unnamed = next(f for f in run_checks(form) if f.code == "indicator-name-missing")
    assert "下第 2 个三级指标" in unnamed.message
    assert unnamed.path == (0, 0, 1)
    form.level1[0].children[0].indicators.reverse()
    moved = next(f for f in run_checks(form) if f.code == "indicator-name-missing")
    assert "下第 1 个三级指标" in moved.message
    assert moved.path == (0, 0, 0)
    named = next(f for f in run_checks(form) if f.code == "score-missing" and f.indicator)
    assert named.path == (0, 0, 1)


def test_repeated_names_in_one_level2_are_found_after_edits() -> None:
    rows = [Indicator(name="甲"), Indicator(name="乙"), Indicator(name="丙")]
    form = Form(level1=[Level1(children=[Level2(indicators=rows)])])

    def repeats() -> list[tuple[int, ...] | None]:
        return [f.path for f in run_checks(form) if f.code == "duplicate-name"]

    assert repeats() == []
    rows[2].name = " 甲 "
    assert repeats() == [(0, 0, 2)]
    rows[1].name = "甲"
    assert repeats() == [(0, 0, 1), (0, 0, 2)]
    rows[2].name = "丙"
    assert repeats() == [(0, 0, 1)]


def test_a_moved_level2_keeps_its_findings_at_its_new_place() -> None:
    first = Level2(name="数量指标", indicators=[Indicator(name="甲")])
    second = Level2(name="质量指标", indicators=[Indicator(name="乙")])
    form = Form(level1=[Level1(name="产出指标", children=[first, second])])
    before = {f.indicator: f.path for f in run_checks(form) if f.code == "weight-missing"}
    assert before == {"甲": (0, 0, 0), "乙": (0, 1, 0)}
    form.level1[0].children.reverse()
    after = {f.indicator: f.path for f in run_checks(form) if f.code == "weight-missing"}
    assert after == {"甲": (0, 1, 0), "乙": (0, 0, 0)}


def test_returned_findings_can_be_changed_without_touching_the_cache() -> None:
    form = _seed1()
    cold = _cold_results(form)
    findings = run_checks(form)
    findings.clear()
    assert _results(form) == cold


def test_a_profile_outside_the_catalogue_is_never_answered_from_the_cache() -> None:
    ind = Indicator(target="<=200 册", actual="300 册", weight=Decimal(8))
    ratio = suggest_score(ind, DEFAULT_PROFILE)
    assert ratio is not None and ratio.score is not None
    # Same key as the default profile, different rules: must not get the default's answer.
    linear = ScoringProfile(key="default", label="测试", reverse_formula=ReverseFormula.LINEAR)
    other = suggest_score(ind, linear)
    assert other is not None and other.score is not None
    assert (ratio.score, other.score) == (Decimal(8) * 200 / 300, Decimal(4))


def test_memo_cache_keeps_the_recently_used_and_stays_bounded() -> None:
    cache: MemoCache[str] = MemoCache(maxsize=4)
    cache.put("a", "1")
    cache.put("b", "2")
    assert cache.get("a") == "1"  # used since "b" was stored: "b" goes first
    cache.put("c", "3")
    assert (cache.get("b"), cache.get("a"), cache.get("c")) == (None, "1", "3")
    for n in range(100):
        cache.put(str(n), str(n))
        assert len(cache) <= 4
    assert cache.get("99") == "99"
