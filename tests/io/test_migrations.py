"""Older .pev files open: the stored version-1 file, and the migration registry."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.migrations import (
    CURRENT_SCHEMA_VERSION,
    FIRST_SCHEMA_VERSION,
    MIGRATIONS,
    REQUIRED_KEYS,
    migrate,
)
from perfeval_gui.io.pev import load_pev, loads_pev, save_pev
from perfeval_gui.model.form import PrintOptions

V1_FILE = Path(__file__).parents[1] / "data" / "v1-seed-form-1.pev"


def _v1_form() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(V1_FILE.read_text(encoding="utf-8"))["form"]
    return data


def test_stored_v1_file_is_version_1_shaped() -> None:
    document = json.loads(V1_FILE.read_text(encoding="utf-8"))
    assert document["schema_version"] == 1
    row = document["form"]["level1"][0]["children"][0]["indicators"][0]
    assert "deviation" in row
    assert "deviation_note" not in row
    assert "print_options" not in document["form"]


def test_v1_file_opens_as_the_same_form_as_the_fixture(seed1_flat: dict[str, Any]) -> None:
    assert load_pev(V1_FILE) == form_from_flat(seed1_flat)


def test_v1_deviation_becomes_deviation_note() -> None:
    form = load_pev(V1_FILE)
    rows = {ind.name: ind for *_, ind in form.iter_indicators()}
    assert rows["大型宣传活动举办场次"].deviation_note == "活动延期举办"
    assert all(ind.grade is None for ind in rows.values())
    assert form.scoring_profile == "default"
    assert form.print_options == PrintOptions()


def test_v1_file_saved_again_is_current_version(tmp_path: Path) -> None:
    path = tmp_path / "upgraded.pev"
    save_pev(load_pev(V1_FILE), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema_version"] == CURRENT_SCHEMA_VERSION
    assert load_pev(path) == load_pev(V1_FILE)


def test_every_older_version_has_a_step() -> None:
    assert sorted(MIGRATIONS) == list(range(FIRST_SCHEMA_VERSION, CURRENT_SCHEMA_VERSION))


def test_migration_does_not_change_its_input() -> None:
    original = _v1_form()
    before = copy.deepcopy(original)
    migrate(original, 1)
    assert original == before


def test_current_version_is_left_alone() -> None:
    data = {"anything": [1, 2]}
    assert migrate(data, CURRENT_SCHEMA_VERSION) == data


@pytest.mark.parametrize("version", [0, CURRENT_SCHEMA_VERSION + 1])
def test_out_of_range_versions_are_refused_by_migrate(version: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        migrate({}, version)


def test_malformed_v1_file_gets_a_message_not_a_traceback() -> None:
    form = _v1_form()
    form["level1"][0]["children"] = "不是列表"
    form["level1"][1]["children"][0]["indicators"][0]["weight"] = {"x": 1}
    text = json.dumps({"format": "perfeval-form", "schema_version": 1, "form": form})
    with pytest.raises(FormFileError) as info:
        loads_pev(text, source="old.pev")
    assert "一级“产出指标” › 二级指标列表：应为列表" in str(info.value)
    where = "一级“效益指标” › 二级“社会效益指标” › 第 1 行“系统运行稳定率” › 分值"
    assert f"{where}：应为数字" in str(info.value)


def test_required_keys_describe_the_current_model() -> None:
    from perfeval_gui.model import form as form_module

    for name, keys in REQUIRED_KEYS.items():
        fields = set(getattr(form_module, name).model_fields)
        assert keys == fields, (
            f"{name} changed: add a schema version, a migration step, update REQUIRED_KEYS "
            "and docs/pev-format.md"
        )


def test_a_form_missing_a_required_key_is_refused() -> None:
    form = _v1_form()
    del form["level1"][0]["children"][0]["indicators"][1]["target"]
    text = json.dumps({"format": "perfeval-form", "schema_version": 1, "form": form})
    with pytest.raises(FormFileError, match="第 2 行“大型宣传活动举办场次” › 年度指标值：缺少此项"):
        loads_pev(text)


V2_FILE = Path(__file__).parents[1] / "data" / "v2-seed-form-1.pev"


def test_v2_file_migrates_to_the_default_template(seed1_flat: dict[str, Any]) -> None:
    document = json.loads(V2_FILE.read_text(encoding="utf-8"))
    assert document["schema_version"] == 2
    assert "template" not in document["form"]
    form = load_pev(V2_FILE)
    assert form.template == "shanghai"
    assert form.texts == {}
    assert form.funds_note == ""
    assert form.funds.special_account.adjusted is None
    assert all(ind.target_nature == ind.target_unit == "" for *_, ind in form.iter_indicators())
    assert form == form_from_flat(seed1_flat)


def test_v2_file_saved_again_is_version_3(tmp_path: Path) -> None:
    path = tmp_path / "upgraded.pev"
    save_pev(load_pev(V2_FILE), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema_version"] == 3
    assert document["form"]["template"] == "shanghai"
    assert load_pev(path) == load_pev(V2_FILE)
