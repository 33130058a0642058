"""The 自评报告's content: the form's facts and figures, placeholders where the form is silent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from perfeval_gui.io.pev import load_pev
from perfeval_gui.model.form import AmountUnit, Form, Indicator, Level1, Level2
from perfeval_gui.model.formatting import format_amount, format_percent, format_score
from perfeval_gui.model.report_content import (
    PLACEHOLDER_PATTERN,
    Paragraph,
    ParagraphKind,
    Report,
    Section,
    Table,
    build_report,
)
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import templates
from perfeval_gui.resources_path import resource_path
from tests.strategies import forms

EXAMPLES = ("example.pev", "example-2.pev")


def _example(name: str) -> Form:
    return load_pev(resource_path("examples", name))


def _section(report: Report, number: str) -> Section:
    return next(s for s in report.sections if s.heading.startswith(number))


def _paragraphs(section: Section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph)]


def _tables(report: Report) -> list[Table]:
    return [b for s in report.sections for b in s.blocks if isinstance(b, Table)]


def test_the_outline_is_the_usual_five_sections() -> None:
    report = build_report(_example("example.pev"))
    assert [s.heading for s in report.sections] == [
        "一、项目基本情况",
        "二、绩效目标实现情况",
        "三、偏差及原因分析",
        "四、存在的问题及改进措施",
        "五、自评结论",
    ]
    assert report.title == "2023年度项目服务管理项目\n支出绩效自评报告"
    assert build_report(_example("example.pev"), title="  关于项目的自评报告 ").title == (
        "关于项目的自评报告"
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_indicator_row_carries_the_forms_own_figures(name: str) -> None:
    form = _example(name)
    totals = compute_totals(form)
    table = _tables(build_report(form))[1]
    rows = form.iter_indicators()
    expected = [
        (
            l1.name,
            l2.name,
            ind.name,
            ind.target,
            ind.actual,
            format_score(ind.weight),
            format_score(ind.score),
        )
        for *_, l1, l2, ind in rows
    ]
    assert list(table.rows[: len(rows)]) == expected
    budget, total = table.rows[len(rows) :]
    assert budget[4:] == (
        format_percent(totals.execution_rate),
        format_score(form.budget_weight),
        format_score(totals.budget_score),
    )
    assert total[5:] == (format_score(totals.weight_total), format_score(totals.score_total))


def test_the_signed_off_figures_of_example_one() -> None:
    report = build_report(_example("example.pev"))
    funds = _tables(report)[0]
    assert funds.rows[0] == ("年度资金总额", "350,000.00", "152,919.80", "152,919.80", "100.00%")
    sentence = next(p for p in _paragraphs(_section(report, "一")) if "年初预算数" in p)
    assert "年初预算数350,000.00元" in sentence
    assert "全年执行数152,919.80元" in sentence
    assert "执行率100.00%" in sentence
    conclusion = " ".join(_paragraphs(_section(report, "五")))
    assert "总分94分" in conclusion and "“优”" in conclusion
    assert "预算执行率100.00%，得分10分（分值10分）" in conclusion


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_row_scored_below_its_weight_is_explained_in_section_three(name: str) -> None:
    form = _example(name)
    text = "\n".join(_paragraphs(_section(build_report(form), "三")))
    below = [ind for *_, ind in form.iter_indicators() if ind.score < ind.weight]  # type: ignore[operator]
    for ind in below:
        line = next(p for p in text.splitlines() if f"“{ind.name}”（" in p)
        assert f"分值{format_score(ind.weight)}分，得分{format_score(ind.score)}分" in line
        if ind.deviation_note == "无":
            assert "偏差原因分析及改进措施：【请补充：扣分原因及改进措施】" in line
        else:
            assert f"偏差原因分析及改进措施：{ind.deviation_note}" in line


def test_example_one_deviations_and_notes() -> None:
    form = _example("example.pev")
    blocks = _section(build_report(form), "三").blocks
    items = [
        b.text
        for b in blocks
        if isinstance(b, Paragraph)
        and b.kind is ParagraphKind.BODY
        and b.text.startswith(tuple(f"{n}. " for n in range(1, 10)))
    ]
    # 5 rows below their 分值, and 2 full-score rows whose actual misses the target.
    assert len(items) == 7
    assert any("“大型宣传活动举办场次”" in p and "活动延期举办。" in p for p in items)
    missed = next(p for p in items if "“科技政策培训、银企对接沙龙组织场次”" in p)
    assert "实际完成值未达到年度指标值" in missed
    assert "【请补充：未达到年度指标值的原因及改进措施】" in missed
    # The checks' findings follow, as notes for the writer.
    notes = [b for b in blocks if isinstance(b, Paragraph) and b.kind is ParagraphKind.NOTE]
    assert sum(1 for p in notes if "［警告］" in p.text) == 6


def test_section_four_gathers_the_notes_once_each() -> None:
    texts = _paragraphs(_section(build_report(_example("example.pev")), "四"))
    assert "1. 大型宣传活动举办场次、大型宣传活动参与人次：活动延期举办。" in texts
    assert "【请补充：下一步改进措施】" in texts


def test_a_form_that_says_nothing_gets_placeholders_not_inventions() -> None:
    form = Form(
        level1=[
            Level1(
                name="产出指标",
                children=[Level2(name="数量指标", indicators=[Indicator(name="场次")])],
            )
        ]
    )
    report = build_report(form)
    text = "\n".join(report.texts())
    for what in (
        "项目名称",
        "主管部门",
        "实施单位",
        "项目年度预期目标",
        "年度总体目标实际完成情况",
    ):
        assert f"【请补充：{what}】" in text
    assert "年初预算数【请补充：金额】元" in text
    assert "执行率【请补充：全年预算数为空或为零，无法计算执行率】" in text
    assert "自评表未填写三级指标" not in text  # it has one row
    assert "【请补充：未设定年度指标值的原因】" in text  # the row has no 年度指标值
    assert report.closing[0].text == "【请补充：实施单位】"


def test_a_budget_not_fully_spent_is_explained_with_a_placeholder() -> None:
    form = _example("example-2.pev")
    form.funds.current_year_appropriation.executed = Decimal("100000.5")
    form.amount_unit = AmountUnit.WAN_YUAN
    report = build_report(form)
    rate = compute_totals(form).execution_rate
    budget = next(p for p in _paragraphs(_section(report, "三")) if p.startswith("预算执行："))
    assert f"全年执行数{format_amount(Decimal('100000.5'))}万元" in budget
    assert f"执行率{format_percent(rate)}" in budget
    assert "【请补充：预算未全部执行的原因及改进措施】" in budget
    assert _tables(report)[0].caption.endswith("（单位：万元）")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_any_form_gives_a_report_with_its_totals(form: Form) -> None:
    report = build_report(form)
    totals = compute_totals(form)
    table = _tables(report)[1]
    assert table.rows[-1][5:] == (
        format_score(totals.weight_total),
        format_score(totals.score_total),
    )
    assert len(table.rows) == len(form.iter_indicators()) + 2
    for merge in table.merges:
        assert 0 <= merge.first_row <= merge.last_row < len(table.rows)
    for text in report.texts():
        for gap in PLACEHOLDER_PATTERN.findall(text):
            assert gap.endswith("】")


def test_weights_that_do_not_add_up_give_no_grade_but_a_placeholder() -> None:
    form = _example("example.pev")
    form.level1[0].children[0].indicators[0].weight = Decimal(7)
    conclusion = _paragraphs(_section(build_report(form), "五"))[0]
    assert "分值合计102分" in conclusion
    assert "自评等级【请补充：分值合计不等于100分，请核对分值后评定等级】" in conclusion
    assert "“优”" not in conclusion and "—" not in conclusion


def test_a_form_without_indicators_says_so() -> None:
    form = Form(project_name="空表", funds=_example("example.pev").funds)
    report = build_report(form)
    second = _paragraphs(_section(report, "二"))
    assert "自评表未填写三级指标。【请补充：绩效指标及其完成情况】" in second
    assert "【请补充：绩效指标偏差情况】" in _paragraphs(_section(report, "三"))
    executed_missing = form.model_copy(deep=True)
    executed_missing.funds.current_year_appropriation.executed = None
    executed_missing.funds.total.executed = None
    text = "\n".join(build_report(executed_missing).texts())
    assert "执行率【请补充：全年执行数为空，无法计算执行率】" in text


def _sichuan() -> Form:
    """Example 1 as a 四川 form: 万元, 财政专户管理资金, its 原因 and three text blocks."""
    form = _example("example.pev").model_copy(deep=True)
    form.template = "sichuan"
    form.amount_unit = AmountUnit.WAN_YUAN
    form.funds.special_account.adjusted = Decimal("25000")
    form.funds_note = "部分活动延期至次年举办"
    form.texts = {
        "conclusion": "项目总体完成较好。",
        "problems": "宣传活动组织不够及时。",
        "improvements": "提前制定活动计划；加强预算执行监控。",
    }
    return form


def test_a_sichuan_form_speaks_with_its_templates_labels_and_texts() -> None:
    form = _sichuan()
    report = build_report(form)
    funds, indicators = _tables(report)
    assert funds.header == ("项目资金", "年初预算", "调整后预算数", "预算执行数", "预算执行率")
    assert [row[0] for row in funds.rows] == [
        "总额",
        "其中：财政资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
    ]
    assert funds.rows[2][2] == "25,000.00"
    assert indicators.header[4:] == ("完成值", "权重", "得分")
    assert indicators.rows[-1][0] == "合计"
    deviations = "\n".join(_paragraphs(_section(report, "三")))
    assert "权重1分，得分0分" in deviations
    assert "未完成原因分析：活动延期举办。" in deviations
    budget = next(p for p in deviations.splitlines() if p.startswith("预算执行："))
    assert budget.endswith("部分活动延期至次年举办。")  # the form's 原因, no placeholder
    problems = _paragraphs(_section(report, "四"))
    assert "存在问题：宣传活动组织不够及时。" in problems
    assert "改进措施：提前制定活动计划；加强预算执行监控。" in problems
    assert "【请补充：下一步改进措施】" not in problems
    conclusion = _paragraphs(_section(report, "五"))
    assert "评价结论：项目总体完成较好。" in conclusion
    assert "预算执行率" in conclusion[1] and "预算预算" not in conclusion[1]


def test_a_split_target_is_shown_whole_and_other_notes_get_section_six() -> None:
    form = _example("example-2.pev").model_copy(deep=True)
    form.template = "yunnan"
    row = form.level1[0].children[0].indicators[0]
    row.target_nature, row.target, row.target_unit = "≥", "56850", "份"
    form.texts = {"other_notes": "无其他事项。"}
    report = build_report(form)
    indicators = _tables(report)[1]
    assert indicators.header[3] == "年度指标值"
    assert indicators.rows[0][3] == "≥56850份"
    assert report.sections[-1].heading == "六、其他需要说明的事项"
    assert _paragraphs(report.sections[-1]) == ["其他需要说明事项：无其他事项。"]
    assert len(build_report(_example("example-2.pev")).sections) == 5


def test_a_rate_printed_as_100_percent_needs_no_explanation() -> None:
    form = _example("example.pev").model_copy(deep=True)
    form.funds.current_year_appropriation.executed = Decimal("152919.79")  # 99.99999…%
    texts = _paragraphs(_section(build_report(form), "三"))
    assert not any(p.startswith("预算执行：") for p in texts)
    form.funds.current_year_appropriation.executed = Decimal("152000")
    texts = _paragraphs(_section(build_report(form), "三"))
    assert any(p.startswith("预算执行：") and "执行率99.40%" in p for p in texts)


@pytest.mark.parametrize("key", sorted(templates()))
def test_every_shipped_template_gives_its_labels_and_the_forms_figures(key: str) -> None:
    form = _example("example.pev").model_copy(deep=True)
    form.template = key
    template = templates()[key]
    report = build_report(form)
    totals = compute_totals(form)
    funds, indicators = _tables(report)
    assert funds.header[1:-1] == tuple(c.label for c in template.fund_columns)
    assert [row[0] for row in funds.rows] == [r.label for r in template.fund_rows]
    assert indicators.rows[-1][0] == template.total_label
    assert indicators.rows[-1][5:] == (
        format_score(totals.weight_total),
        format_score(totals.score_total),
    )
    weight = template.label("weight")
    assert f"（{weight}合计{format_score(totals.weight_total)}分）" in "".join(
        _paragraphs(_section(report, "五"))
    )


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("市民服务", "2023年度市民服务项目支出绩效自评报告"),
        ("社区建设项目", "2023年度社区建设项目支出绩效自评报告"),
        ("2023年度社区建设项目", "2023年度社区建设项目支出绩效自评报告"),
        ("2023 年社区建设", "2023年度社区建设项目支出绩效自评报告"),
    ],
)
def test_the_default_title_says_the_year_and_project_once(name: str, title: str) -> None:
    form = _example("example-2.pev").model_copy(update={"project_name": name})
    assert build_report(form).title.replace("\n", "") == title


def test_only_levels_holding_rows_are_counted() -> None:
    form = _example("example.pev").model_copy(deep=True)
    form.level1[1].children.append(Level2(name="经济效益指标"))  # empty, as the catalogue adds
    form.level1.append(Level1(name="成本指标"))
    counts = next(p for p in _paragraphs(_section(build_report(form), "二")) if "本项目共设" in p)
    assert counts == "本项目共设一级指标3个、二级指标7个、三级指标23个，完成情况见表2。"
    assert "成本指标" not in "".join(_paragraphs(_section(build_report(form), "五")))
