"""No text is ever drawn outside its cell, whatever the form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.model.form import Goals, Indicator, Level1, Level2
from tests.render.helpers import big_form, misplaced_chars, opened, render, seed_form


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_every_character_of_the_seed_forms_lies_inside_its_cell(n: int, landscape: bool) -> None:
    with opened(render([seed_form(n)], landscape=landscape, signature=True)) as pdf:
        for page in pdf.pages:
            assert page.rects, "the table grid is drawn"
            assert misplaced_chars(page) == [], page.page_number


def test_long_unbreakable_values_stay_inside_narrow_cells() -> None:
    form = seed_form(2)
    ind = form.level1[0].children[0].indicators[0]
    ind.target = ">=12345678901234567890 人次/场"
    ind.actual = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    ind.deviation_note = "（" * 40 + "）" * 40
    form.funds.total.initial = None
    form.funds.current_year_appropriation.initial = Decimal("12345678901234")
    form.level1[0].name = "一个非常非常长的自定义一级指标名称" * 3
    with opened(render([form])) as pdf:
        for page in pdf.pages:
            assert misplaced_chars(page) == []


def test_tall_rows_and_long_texts_split_without_leaving_their_cells() -> None:
    form = big_form(40, note="偏差说明" * 150, goal_len=1500)
    form.level1[0].children[0].indicators.insert(
        0, Indicator(name="很长的名称" * 60, target="≥1", actual="2")
    )
    form.goals = Goals(expected="预期" * 1200, actual="完成" * 300)
    form.level1.append(
        Level1(
            name="满意度指标" * 50,
            children=[
                Level2(name="服务对象满意度指标" * 80, indicators=[Indicator(name="满意度")])
            ],
        )
    )
    with opened(render([form])) as pdf:
        assert len(pdf.pages) > 5
        for page in pdf.pages:
            assert misplaced_chars(page) == [], page.page_number


def test_absurdly_long_title_and_signature_labels_flow_onto_more_pages() -> None:
    form = seed_form(2)
    form.title = "很长的标题" * 60
    form.print_options.signature_labels = ["填报人" * 200, "联系电话", "（单位盖章）"]
    with opened(render([form], signature=True)) as pdf:
        text = "".join(p.extract_text().rsplit("\n", 1)[0] for p in pdf.pages)  # no footers
        for page in pdf.pages:
            assert misplaced_chars(page) == []
    compact = "".join(text.split())
    assert compact.count("联系电话：") == 1  # beside the first line of the long label
    assert ("填报人" * 200 + "：（单位盖章）") in compact.replace("联系电话：", "")
