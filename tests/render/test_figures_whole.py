"""A 得分 or 总分 with two decimals prints on one line in the narrow 得分 column (found on a
QA pass: a 总分 of 97.85 printed as ``97.`` over ``85``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.model.template_catalog import get_template
from perfeval_gui.model.templates import IndicatorColumn
from perfeval_gui.render.blocks import Columns
from perfeval_gui.render.layout import Style
from tests.render.helpers import misplaced_chars, opened, render, seed_form


@pytest.mark.parametrize("template", ["shanghai", "yunnan"])
def test_two_decimal_scores_stay_on_one_line(template: str) -> None:
    form = seed_form(1)
    form.template = template
    first = form.level1[0].children[0].indicators[0]
    first.weight, first.score = Decimal("20"), Decimal("19.67")  # and a 总分 with .67
    x0, x1 = Columns.for_style(Style(), get_template(template)).at(IndicatorColumn.SCORE)
    with opened(render([form])) as pdf:
        page = pdf.pages[0]
        assert misplaced_chars(page) == []
        lines: dict[float, str] = {}
        for c in sorted(page.chars, key=lambda c: c["x0"]):
            if x0 < (c["x0"] + c["x1"]) / 2 < x1:
                lines[round(c["top"])] = lines.get(round(c["top"]), "") + c["text"]
    shown = set(lines.values())
    assert "19.67" in shown, shown
    assert not any(t.endswith(".") for t in shown), shown  # no figure broken after its point


def test_a_filled_in_signature_line_gets_no_second_colon() -> None:
    form = seed_form(1)
    form.print_options.signature_labels = ["填报人：王芳", "填报日期"]
    with opened(render([form], signature=True)) as pdf:
        text = "".join((page.extract_text() or "") for page in pdf.pages).replace(" ", "")
    assert "填报人：王芳" in text and "王芳：" not in text
    assert "填报日期：" in text
