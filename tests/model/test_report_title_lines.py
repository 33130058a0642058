"""A report title too long for one 二号 line breaks into even lines between words (found on a
QA pass: Word left ``项目`` alone on the second of three title lines)."""

from __future__ import annotations

import pytest

from perfeval_gui.model.form import standard_form
from perfeval_gui.model.report_content import TITLE_LINE_EMS, _ems, default_title


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        (
            "广州市基层医疗卫生机构能力提升项目",
            ["2023年度广州市基层医疗卫生机构", "能力提升项目支出绩效自评报告"],
        ),
        (
            "上海市松江区科技创新服务中心科技金融宣传活动及短信平台运维",
            [
                "2023年度上海市松江区科技创新服务中心",
                "科技金融宣传活动及短信平台运维",
                "项目支出绩效自评报告",
            ],
        ),
        ("农业农村局高标准农田建设", ["2023年度农业农村局高标准农田建设项目", "支出绩效自评报告"]),
        ("市民服务", ["2023年度市民服务项目支出绩效自评报告"]),
    ],
)
def test_long_titles_break_between_words_into_lines_that_fit(name: str, lines: list[str]) -> None:
    form = standard_form(2023)
    form.project_name = name
    title = default_title(form).split("\n")
    assert title == lines
    assert all(_ems(line) <= TITLE_LINE_EMS for line in title)
