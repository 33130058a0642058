"""One vocabulary in model/ (issue 13 §4): grade words and field labels, for every layer."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import (
    Form,
    Indicator,
    Level1,
    Level2,
    QualitativeGrade,
    UnknownGradeError,
    grade_from_text,
)
from perfeval_gui.model.glossary import field_label
from tests.conftest import load_fixture_json
from tests.strategies import forms

G = QualitativeGrade


@pytest.mark.parametrize(
    ("text", "grade"),
    [("达成", G.ACHIEVED), ("部分", G.PARTIAL), ("部分达成", G.PARTIAL), ("未达", G.NOT_ACHIEVED),
     ("未达成", G.NOT_ACHIEVED), (" 达成年度指标 ", G.ACHIEVED), ("", None), ("  ", None),
     ("部分达成年度指标并具有一定效果", G.PARTIAL), ("部 分", G.PARTIAL)],
)  # fmt: skip
def test_grade_words(text: str, grade: QualitativeGrade | None) -> None:
    assert grade_from_text(text) is grade


@pytest.mark.parametrize("text", ["优", "达", "完成", "部分完成"])
def test_unknown_grade_words_are_refused_with_the_grades_named(text: str) -> None:
    with pytest.raises(UnknownGradeError, match=r"不是完成等级.*达成年度指标"):
        grade_from_text(text)


def test_flat_import_takes_the_grade_words_the_editor_takes() -> None:
    # 部分 was accepted by the editor and refused by flat import.
    data: dict[str, Any] = load_fixture_json(1)
    data["indicators"][0]["grade"] = "部分"
    assert form_from_flat(data).level1[0].children[0].indicators[0].grade is G.PARTIAL
    data["indicators"][0]["grade"] = "完成"
    with pytest.raises(FormFileError, match="“完成”不是完成等级"):
        form_from_flat(data)


def _odd_form() -> Form:
    form = Form(year=2023, budget_weight=Decimal("7.125"), scoring_profile="nope")
    form.funds.total.executed = Decimal(5)
    form.funds.carried_over.adjusted = Decimal(-1)
    form.level1 = [
        Level1(name="产出指标", children=[Level2(name="", indicators=[Indicator(), Indicator()])]),
        Level1(name="", children=[Level2(name="x", indicators=[Indicator(weight=Decimal(1))])]),
    ]
    return form


_NO_ASCII_WORDS = re.compile(r"[A-Za-z_]")


def test_every_finding_field_has_a_chinese_label() -> None:
    findings = run_checks(_odd_form())
    assert {f.field.split(".")[0] for f in findings} >= {"level1", "funds", "budget_weight"}
    for finding in findings:
        assert not _NO_ASCII_WORDS.search(field_label(finding.field)), finding.field


@settings(max_examples=60, deadline=None)
@given(forms())
def test_any_forms_findings_name_their_fields_in_chinese(form: Form) -> None:
    for finding in run_checks(form):
        assert not _NO_ASCII_WORDS.search(field_label(finding.field)), finding.field
