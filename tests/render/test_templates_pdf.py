"""Every shipped template prints every field and block of its layout."""

from __future__ import annotations

import pytest

from perfeval_gui.model.formatting import format_amount, format_score
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import get_template
from perfeval_gui.model.templates import IndicatorColumn
from perfeval_gui.render.blocks import Columns
from perfeval_gui.render.layout import Style
from tests.render.helpers import opened, page_text, render, strip_ws
from tests.template_forms import SHIPPED_TEMPLATES, filled_form


def _text(key: str) -> str:
    """The page text, then the text of every column read on its own (a wrapped cell reads
    whole within its column)."""
    form = filled_form(key)
    cols = Columns.for_style(Style(), get_template(key))
    ranges = [
        *zip(cols.indicator, cols.indicator[1:], strict=False),
        *zip(cols.funds, cols.funds[1:], strict=False),
        (cols.indicator[0], cols.right),
        (cols.at(IndicatorColumn.NAME)[0], cols.right),
    ]
    parts = []
    with opened(render([form], signature=True)) as pdf:
        for page in pdf.pages:
            parts.append(page.extract_text() or "")
            parts += [page_text(page, x0, x1) for x0, x1 in ranges]
    return strip_ws("\n".join(parts))


@pytest.mark.parametrize("key", SHIPPED_TEMPLATES)
def test_pdf_carries_every_label_field_and_block(key: str) -> None:
    template = get_template(key)
    form = filled_form(key)
    totals = compute_totals(form)
    text = _text(key)
    expected = [
        template.title,
        template.report_code,
        *(r.label for r in template.fund_rows),
        *(c.label for c in template.fund_columns),
        template.label("execution_rate"),
        template.label("budget_weight"),
        template.label("expected"),
        template.label("actual_goals"),
        *(c.label for c in template.indicator_columns),
        template.total_label,
        format_score(totals.score_total),
        form.project_name,
        form.department,
        form.implementing_unit,
        *(b.label for b in template.blocks),
        *form.texts.values(),
        *(label for label in form.print_options.signature_labels if label),
        format_amount(totals.funds_total.adjusted),
    ]
    if template.funds_reason_label:
        expected += [template.funds_reason_label, form.funds_note]
    if template.total_shows_grade:
        expected.append(f"等级：{totals.grade}")
    for *_, ind in form.iter_indicators():
        expected += [ind.name, ind.target, ind.target_nature, ind.target_unit, ind.actual]
    missing = [e for e in expected if e and strip_ws(e) not in text]
    assert missing == []


def test_yunnan_prints_its_report_code_above_the_title() -> None:
    text = _text("yunnan")
    assert text.index("公开14表") < text.index("项目支出绩效自评表")
