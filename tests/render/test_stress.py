"""Any form renders: hypothesis forms with long texts and empty values, and one fixed big form."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfeval_gui.model.form import Form, Goals, Indicator, Level1, Level2
from tests.render.helpers import indicator_column_pages, misplaced_chars, opened, render
from tests.strategies import forms

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_LONG = st.one_of(st.just(""), st.text(_CJK, max_size=500), st.text(max_size=80))


def _numbered(form: Form) -> list[int]:
    """Give each 三级 row a unique name 指标N号, in form order; the numbers."""
    numbers = []
    for n, (*_, ind) in enumerate(form.iter_indicators()):
        ind.name = f"指标{n}号"
        numbers.append(n)
    return numbers


def _printed_numbers(data: bytes, landscape: bool) -> list[int]:
    with opened(data) as pdf:
        column = indicator_column_pages(pdf, "name", header="三级指标", landscape=landscape)
    return [int(n) for n in re.findall(r"指标(\d+)号", "".join(column))]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=forms(max_level1=4, max_children=4, max_indicators=8), note=_LONG, goal=_LONG)
def test_any_form_renders_with_every_row_once(form: Form, note: str, goal: str) -> None:
    form.print_options.font_path = None  # the strategy names fonts this machine lacks
    numbers = _numbered(form)
    for *_, ind in form.iter_indicators()[::3]:
        ind.deviation_note = note
    form.goals = Goals(expected=goal, actual=goal[::-1])
    data = render([form])
    assert data.startswith(b"%PDF")
    assert _printed_numbers(data, form.print_options.landscape) == numbers


def _big_stress_form() -> Form:
    """300 rows: 500-character notes, empty values, one-row groups, long goals."""
    note = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(500))
    level1 = []
    n = 0
    for i in range(30):
        children = []
        for j in range(i % 4 + 1):  # 1–4 二级 per 一级
            size = 1 if (i + j) % 3 == 0 else 4  # many one-row groups
            rows = []
            for k in range(size):
                rows.append(
                    Indicator(
                        name=f"指标{n}号",
                        target="" if k % 2 else "≥95%",
                        deviation_note=note if n % 5 == 0 else "",
                    )
                )
                n += 1
            children.append(Level2(name=f"二级{i}-{j}", indicators=rows))
        level1.append(Level1(name=f"一级{i}", children=children))
    extra = Level2(name="补足", indicators=[Indicator(name=f"指标{m}号") for m in range(n, 300)])
    level1[-1].children.append(extra)
    return Form(project_name="压力测试", goals=Goals(expected=note, actual=note), level1=level1)


def test_a_300_row_form_renders_every_row_once_inside_its_cells() -> None:
    form = _big_stress_form()
    assert len(form.iter_indicators()) == 300
    data = render([form], signature=True)
    assert _printed_numbers(data, landscape=False) == list(range(300))
    with opened(data) as pdf:
        assert len(pdf.pages) > 10
        for page in pdf.pages[::4]:
            assert misplaced_chars(page) == [], page.page_number
