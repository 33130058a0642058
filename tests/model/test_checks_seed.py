"""The reviewer's checks on the two real signed-off forms (FORM-SPEC §6)."""

from __future__ import annotations

from typing import Any

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.checks import Finding, Severity, run_checks


def _flagged(findings: list[Finding]) -> dict[str, set[str]]:
    """三级 name → codes of its warnings and errors."""
    rows: dict[str, set[str]] = {}
    for f in findings:
        if f.severity is not Severity.INFO and f.path is not None and len(f.path) == 3:
            assert f.indicator is not None
            rows.setdefault(f.indicator, set()).add(f.code)
    return rows


def test_seed1_flags_exactly_the_real_problems(seed1_flat: dict[str, Any]) -> None:
    findings = run_checks(form_from_flat(seed1_flat))
    assert _flagged(findings) == {
        # <=200 册 achieved 400 册, yet full 8 points and note 无
        "政策宣传品制作数量": {"target-missed-full-score"},
        # >=4 次 achieved 3 次, yet full 6 points and note 无
        "科技政策培训、银企对接沙龙组织场次": {"target-missed-full-score"},
        # 38 元/册 meets <=50 元/册, 4 of 5 points, note 无
        "宣传品制作成本": {"deduction-without-note"},
        # actual text equals target text (implied 达成), 3 of 5 points, note 无
        "系统安全性可持续发展": {"deduction-without-note"},
        # 100% meets >=85%, 2 of 3 points, note 无
        "金融机构满意度": {"deduction-without-note"},
        # 50 人次/场 is 167% of >=30 人次/场: target probably set too low
        "培训、沙龙参与人次": {"target-too-low"},
    }
    # Nothing else: header, funds (the empty 执行数 of the sources), weights are all fine;
    # 大型宣传活动成本 (121980 元 against <=20 万元/场) meets its target; the rows that lost
    # points because 活动延期举办 say so in their note.
    assert [f for f in findings if f.path is None or len(f.path) < 3] == []
    assert [f for f in findings if f.severity is Severity.INFO] == []


def test_seed1_messages_name_row_and_field(seed1_flat: dict[str, Any]) -> None:
    by_name = {f.indicator: f for f in run_checks(form_from_flat(seed1_flat))}
    training = by_name["科技政策培训、银企对接沙龙组织场次"]
    assert training.path == (0, 0, 3)
    assert training.field == "score"
    assert "科技政策培训、银企对接沙龙组织场次" in training.message
    assert "满分 6 分" in training.message
    assert "4.5" in training.message  # the suggestion: 6 × 3 ÷ 4
    cost = by_name["宣传品制作成本"]
    assert (cost.path, cost.field) == ((0, 3, 1), "deviation_note")
    assert "“无”" in cost.message
    assert "166.67%" in by_name["培训、沙龙参与人次"].message


def test_seed2_is_clean_but_asks_for_one_grade(seed2_flat: dict[str, Any]) -> None:
    """Seed form 2 (100 points): every quantitative actual meets its target exactly, every
    qualitative actual repeats its target text, notes are 无 only where full marks were
    given, funds add up and are fully spent. A careful reviewer has one question only:
    设备维护制度建全性 targets 建立建全 but reports 健全有效 — different words, no grade
    chosen, so whether the full 2 points are right is the reviewer's call (an info, not a
    warning: the wording suggests the target was met)."""
    findings = run_checks(form_from_flat(seed2_flat))
    assert _flagged(findings) == {}
    assert [(f.severity, f.code, f.indicator, f.field, f.path) for f in findings] == [
        (Severity.INFO, "grade-missing", "设备维护制度建全性", "grade", (1, 1, 1))
    ]
