"""A bad file names the place as the user sees it, in the editor and the command alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.locations import describe_location
from perfeval_gui.io.pev import dumps_pev, load_pev
from perfeval_gui.resources_path import example_form_path


@pytest.fixture
def example_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(dumps_pev(load_pev(example_form_path())))
    return data


def test_row_and_column_as_the_user_sees_them(example_data: dict[str, object]) -> None:
    form = example_data["form"]
    loc = ("level1", 0, "children", 0, "indicators", 1, "weight")
    assert describe_location(loc, form) == (
        "一级“产出指标” › 二级“数量指标” › 第 2 行“大型宣传活动举办场次” › 分值"
    )
    assert describe_location(("funds", "total", "initial"), form) == (
        "项目资金 › 年度资金总额 › 年初预算数"
    )
    assert describe_location(("goals", "actual"), form) == "年度总体目标 › 实际完成情况"
    assert describe_location(("year",), form) == "年度"


def test_template_labels_are_used(example_data: dict[str, object]) -> None:
    form = dict(example_data["form"])  # type: ignore[call-overload]
    form["template"] = "sichuan"
    loc = ("level1", 0, "children", 0, "indicators", 1, "weight")
    assert describe_location(loc, form).endswith(" › 权重")


def test_missing_names_fall_back_to_positions() -> None:
    loc = ("level1", 2, "children", 0, "indicators", 4, "score")
    assert describe_location(loc, {}) == "第 3 个一级指标 › 第 1 个二级指标 › 第 5 行 › 得分"


def test_check_command_says_the_same(
    tmp_path: Path, example_data: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    form = example_data["form"]
    form["level1"][0]["children"][0]["indicators"][1]["weight"] = "五分"  # type: ignore[index]
    bad = tmp_path / "坏.pev"
    bad.write_text(json.dumps(example_data, ensure_ascii=False), "utf-8")
    assert main(["check", str(bad)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    expected = "一级“产出指标” › 二级“数量指标” › 第 2 行“大型宣传活动举办场次” › 分值：应为数字"
    assert expected in line and "level1[" not in line
    with pytest.raises(FormFileError, match=expected):
        load_pev(bad)


def test_wrong_encoding_is_said_in_plain_words(tmp_path: Path) -> None:
    bad = tmp_path / "旧表.pev"
    bad.write_bytes('{"项目名称": "甲"}'.encode("gbk"))
    with pytest.raises(FormFileError) as info:
        load_pev(bad)
    assert "不是 perfeval 保存的表格，或已损坏（文字编码不对）" in str(info.value)
    assert "UTF-8" not in str(info.value)
