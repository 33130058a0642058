"""Long forms: headers repeat, 一级/二级 labels follow their rows onto every page, rows split."""

from __future__ import annotations

import re

from perfeval_gui.model.form import Form, Goals, Indicator, Level1, Level2, standard_form
from tests.render.helpers import (
    big_form,
    column_edges,
    indicator_column_pages,
    opened,
    page_text,
    render,
    strip_ws,
)


def _numbers(pattern: str, text: str) -> set[int]:
    return {int(m) for m in re.findall(pattern, text)}


def test_labels_and_header_continue_on_every_page() -> None:
    form = big_form(150, per_level2=7)
    owner = {}  # indicator number → (一级 number, 二级 number)
    for l1 in form.level1:
        for l2 in l1.children:
            for ind in l2.indicators:
                owner[int(ind.name[2:-1])] = (int(l1.name[2:]), int(l2.name[2:]))
    seen: list[int] = []
    with opened(render([form])) as pdf:
        assert len(pdf.pages) >= 4
        for page in pdf.pages:
            names = page_text(page, *column_edges("name"))
            rows = [int(n) for n in re.findall(r"指标(\d+)号", names)]
            if not rows:
                continue
            assert "三级指标" in names, page.page_number  # the column header repeats
            level1 = _numbers(r"一级(\d+)", page_text(page, *column_edges("level1")))
            level2 = _numbers(r"二级(\d+)", page_text(page, *column_edges("level2")))
            for row in rows:
                assert owner[row][0] in level1, (page.page_number, row)
                assert owner[row][1] in level2, (page.page_number, row)
            assert "绩效指标" in page_text(page, 0, column_edges("level1")[0])
            seen += rows
    assert seen == list(range(150))


def test_a_row_taller_than_a_page_splits_and_keeps_all_its_text() -> None:
    note = "".join(f"第{i}句说明。" for i in range(400))
    form = Form(
        level1=[
            Level1(
                name="产出指标",
                children=[
                    Level2(
                        name="数量指标",
                        indicators=[
                            Indicator(name="唯一指标", target="≥1", actual="2", deviation_note=note)
                        ],
                    )
                ],
            )
        ]
    )
    with opened(render([form])) as pdf:
        assert len(pdf.pages) >= 3
        notes = indicator_column_pages(pdf, "deviation_note", header="偏差原因分析及改进措施")
        names = indicator_column_pages(pdf, "name", header="三级指标")
        level1 = [page_text(p, *column_edges("level1")) for p in pdf.pages]
    assert "".join(notes).startswith(strip_ws(note))
    assert "".join(names).count("唯一指标") == 1
    # Every page the row reaches shows its 一级 label.
    assert all("产出指标" in text for text in level1)


def test_a_label_taller_than_a_page_flows_on_and_is_printed_whole() -> None:
    label = "".join(f"自定义二级指标名称第{i}段" for i in range(60))
    form = Form(
        level1=[
            Level1(
                name="产出指标", children=[Level2(name=label, indicators=[Indicator(name="一行")])]
            )
        ]
    )
    with opened(render([form])) as pdf:
        assert len(pdf.pages) >= 2
        printed = "".join(indicator_column_pages(pdf, "level2", header="二级指标"))
    assert printed == strip_ws(label)


def test_long_goals_split_with_their_header_repeated() -> None:
    expected = "".join(f"目标{i}。" for i in range(1500))
    form = Form(goals=Goals(expected=expected, actual="按计划完成"))
    with opened(render([form])) as pdf:
        pages = [strip_ws(p.extract_text()) for p in pdf.pages]
    continued = [t for t in pages if "目标1499。" in t or "目标900。" in t]
    assert continued
    assert all("预期目标" in t and "实际完成情况" in t for t in continued)


def test_blank_forms_print_their_grid() -> None:
    with opened(render([Form()])) as pdf:
        assert "三级指标" in pdf.pages[0].extract_text()
    with opened(render([standard_form(2024)])) as pdf:
        text = "".join(page_text(p, *column_edges("level2")) for p in pdf.pages)
    for name in (
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济效益指标",
        "服务对象满意度指标",
    ):
        assert name in text
