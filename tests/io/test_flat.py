"""The flat JSON of the fixtures: lossless round trips and clear refusals."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import MAX_FLAT_BYTES, form_from_flat, form_to_flat, load_flat, save_flat
from perfeval_gui.model.form import Form, QualitativeGrade
from tests.conftest import DATA
from tests.strategies import forms


def test_flat_round_trip_is_exact(seed_flat: dict[str, Any]) -> None:
    assert form_to_flat(form_from_flat(seed_flat)) == seed_flat


def test_tree_is_grouped_in_first_seen_order(seed1_flat: dict[str, Any]) -> None:
    form = form_from_flat(seed1_flat)
    assert [l1.name for l1 in form.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert [l2.name for l2 in form.level1[0].children] == [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
    ]
    assert [ind.name for *_, ind in form.iter_indicators()] == [
        row["name"] for row in seed1_flat["indicators"]
    ]
    first = form.level1[0].children[0].indicators[2]
    assert first.deviation_note == "无"
    assert first.weight == Decimal(8)
    assert form.budget_weight == Decimal(10)
    assert form.funds.carried_over.executed is None


def test_interleaved_rows_join_their_first_group(seed1_flat: dict[str, Any]) -> None:
    rows = seed1_flat["indicators"]
    seed1_flat["indicators"] = [rows[0], rows[-1], rows[1]]
    form = form_from_flat(seed1_flat)
    assert [l1.name for l1 in form.level1] == ["产出指标", "满意度指标"]
    assert [i.name for i in form.level1[0].children[0].indicators] == [
        "每月发送量",
        "大型宣传活动举办场次",
    ]


def test_derived_values_are_recomputed_on_export(seed1_flat: dict[str, Any]) -> None:
    seed1_flat["indicators"][1]["score"] = "1"
    seed1_flat["total"]["score"] = "12345"  # ignored on import
    seed1_flat["budget_execution"]["rate_percent"] = "3"
    seed1_flat["funds"]["total"]["executed"] = "76459.90"
    seed1_flat["funds"]["current_year_appropriation"]["executed"] = "76459.90"
    out = form_to_flat(form_from_flat(seed1_flat))
    assert out["budget_execution"] == {"weight": "10", "rate_percent": "50.00", "score": "5"}
    assert out["total"] == {"weight": "100", "score": "90"}  # 94 + 1 − 5


def test_optional_keys_round_trip(seed1_flat: dict[str, Any]) -> None:
    seed1_flat["scoring_profile"] = "linear-reverse"
    seed1_flat["indicators"][5]["grade"] = QualitativeGrade.PARTIAL.value
    form = form_from_flat(seed1_flat)
    assert form.scoring_profile == "linear-reverse"
    assert form.level1[0].children[1].indicators[1].grade is QualitativeGrade.PARTIAL
    assert form_to_flat(form) == seed1_flat


def test_lenient_numbers(seed1_flat: dict[str, Any]) -> None:
    seed1_flat["funds"]["total"]["initial"] = "350,000.00"
    seed1_flat["funds"]["total"]["executed"] = 0.1  # a float from another program
    seed1_flat["indicators"][0]["weight"] = 5
    seed1_flat["indicators"][0]["score"] = Decimal("4.5")
    form = form_from_flat(seed1_flat)
    assert form.funds.total.initial == Decimal("350000.00")
    assert form.funds.total.executed == Decimal("0.1")
    assert form.level1[0].children[0].indicators[0].score == Decimal("4.5")


@pytest.mark.parametrize(
    "value",
    [Decimal("1E+999999999"), 10**5000, float("inf"), "1" * 25],
    ids=["exp", "int", "inf", "long"],
)
def test_absurd_numbers_are_refused(seed1_flat: dict[str, Any], value: Any) -> None:
    seed1_flat["indicators"][0]["weight"] = value
    with pytest.raises(FormFileError, match=r"第 1 个指标（indicators\[0\]）的“weight”"):
        form_from_flat(seed1_flat)


def _broken(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("indicators", 2, "weight"), "八", "第 3 个指标（indicators[2]）的“weight”"),
        (("indicators", 0, "score"), True, "第 1 个指标（indicators[0]）的“score”应为数字"),
        (("indicators", 1, "name"), 5, "第 2 个指标（indicators[1]）的“name”应为文字"),
        (("indicators", 4, "level2"), KeyError, "第 5 个指标（indicators[4]）缺少键“level2”"),
        (("indicators", 4, "colour"), "red", "未知的键“colour”"),
        (("indicators", 4, "grade"), "优秀", "“优秀”不是完成等级"),
        (("indicators", 3), "row", "第 4 个指标（indicators[3]）应为 JSON 对象"),
        (("indicators",), {}, "“indicators”应为 JSON 数组"),
        (("indicators",), KeyError, "缺少键“indicators”"),
        (("funds", "total", "initial"), "1e400", "“funds.total.initial”"),
        (("funds", "total", "planned"), "1", "“funds.total”含有未知的键“planned”"),
        (("year",), 20230, "“year”应为 1900–9999"),
        (("amount_unit",), "美元", "“amount_unit”应为“元”或“万元”"),
        (("goals", "expected"), ["a"], "“goals.expected”应为文字"),
        (("budget_execution", "weight"), "十", "“budget_execution.weight”"),
        (("extra",), 1, "未知的键“extra”"),
    ],
)
def test_bad_data_is_refused_with_a_chinese_message(
    seed1_flat: dict[str, Any], path: tuple[Any, ...], value: Any, message: str
) -> None:
    with pytest.raises(FormFileError) as info:
        form_from_flat(_broken(seed1_flat, path, value), source="/tmp/表1.json")
    assert message in str(info.value)
    assert "表1.json" in str(info.value)


@pytest.mark.parametrize("data", [[], "form", None, 3])
def test_wrong_shape_is_refused(data: Any) -> None:
    with pytest.raises(FormFileError, match="应为 JSON 对象"):
        form_from_flat(data)


def test_load_and_save(tmp_path: Path) -> None:
    form = load_flat(DATA / "seed-form-2.json")
    out = tmp_path / "out.json"
    save_flat(form, out)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (DATA / "seed-form-2.json").read_text(encoding="utf-8")
    )
    assert "市民服务" in out.read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    assert load_flat(out) == form


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{}", "或已损坏（文字编码不对）"),
        (b'{"indicators": [', "不是有效的 JSON（第 1 行"),
        (b"[1, 2]", "应为 JSON 对象"),
        (b'{"indicators": [], "year": NaN}', "NaN"),
        (b"[" * 100000 + b"]" * 100000, "嵌套过深"),
        (b'{"indicators": [], "year": 1' + b"0" * 5000 + b"}", "位数过多"),
        (b'{"indicators": [] "year": 2023}', "第 1 行第 19 列：缺少逗号"),
        (b'{"indicators": [], "funds": {"total": {"initial": 1e400}}}', "“funds.total.initial”"),
    ],
)
def test_load_refuses_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FormFileError, match=message):
        load_flat(path)


def test_load_refuses_huge_and_missing_files(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (MAX_FLAT_BYTES + 1))
    with pytest.raises(FormFileError, match="20 MiB"):
        load_flat(huge)
    with pytest.raises(FormFileError, match="不存在"):
        load_flat(tmp_path / "missing.json")


def test_load_accepts_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "seed-form-1.json").read_bytes())
    assert load_flat(path).project_name == "项目服务管理"


@settings(max_examples=60, deadline=None)
@given(forms())
def test_any_form_survives_the_flat_trip(form: Form) -> None:
    """Everything the flat shape holds comes back: header, funds, goals, rows, grades."""
    l1_names = [l1.name for l1 in form.level1]
    l2_names = [[l2.name for l2 in l1.children] for l1 in form.level1]
    assume(len(set(l1_names)) == len(l1_names))  # rows join the first 一级 of their name
    assume(all(len(set(names)) == len(names) for names in l2_names))
    data = json.loads(json.dumps(form_to_flat(form), ensure_ascii=False))
    back = form_from_flat(data)
    assert form_to_flat(back) == data
    assert [row[5] for row in back.iter_indicators()] == [row[5] for row in form.iter_indicators()]
    assert back.funds == form.funds
    assert back.budget_weight == form.budget_weight
    assert (back.project_name, back.goals, back.scoring_profile) == (
        form.project_name,
        form.goals,
        form.scoring_profile,
    )
