"""Small .pev and flat JSON files that would cost gigabytes to validate, or can never be saved
again: refused at once, in Chinese, before validation (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import load_flat, save_flat
from perfeval_gui.io.json_limits import MAX_STRING, MAX_VALUES
from perfeval_gui.io.pev import MAX_FILE_BYTES, load_pev, save_pev
from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.model.form import Form
from perfeval_gui.resources_path import example_form_path


def _example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(example_form_path().read_text(encoding="utf-8"))
    return document


def _write(tmp_path: Path, document: Any, name: str = "hostile.pev") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_million_wrong_items_are_refused_before_validation(tmp_path: Path) -> None:
    document = _example()
    document["form"]["level1"] = [1] * 1_000_000  # 3 MB; once 90 s and 14.9 GB
    path = _write(tmp_path, document)
    assert path.stat().st_size < MAX_FILE_BYTES
    with pytest.raises(FormFileError, match=f"数据项过多（超过 {MAX_VALUES} 个）"):
        load_pev(path)


def test_many_wrong_items_under_the_limit_report_three(tmp_path: Path) -> None:
    document = _example()
    document["form"]["level1"] = [1] * 5000
    with pytest.raises(FormFileError) as info:
        load_pev(_write(tmp_path, document))
    message = str(info.value)
    assert message.count("应为对象") == 3
    assert "另有 4997 处问题" in message


def test_a_huge_string_is_refused(tmp_path: Path) -> None:
    document = _example()
    document["form"]["goals"]["expected"] = "目" * (MAX_STRING + 1)
    with pytest.raises(FormFileError, match=r"“form\.goals\.expected”的文字过长"):
        load_pev(_write(tmp_path, document))


@pytest.mark.parametrize("where", ["value", "key"])
def test_a_lone_surrogate_is_refused_at_load(tmp_path: Path, where: str) -> None:
    document = _example()
    if where == "value":
        document["form"]["level1"][0]["children"][0]["indicators"][0]["name"] = "数量\ud800"
    else:
        document["form"]["level1"][0]["children"][0]["indicators"][0]["\udc80"] = "x"
    with pytest.raises(FormFileError, match="不成对的 UTF-16 代理项") as info:
        load_pev(_write(tmp_path, document))
    if where == "value":
        assert "form.level1[0].children[0].indicators[0].name" in str(info.value)


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_lone_surrogate_never_crashes_a_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    document = _example()
    document["form"]["project_name"] = "项目\ud800"
    path = _write(tmp_path, document)
    argv = [command, str(path)]
    if command == "export":
        argv += ["-o", str(tmp_path / "out.xlsx")]
    assert main(argv) == 2
    _, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert "代理项 \\ud800" in line
    assert not (tmp_path / "out.xlsx").exists()


def test_flat_json_is_bounded_the_same_way(tmp_path: Path) -> None:
    flat = {"project_name": "x\udbff", "indicators": []}
    with pytest.raises(FormFileError, match="代理项"):
        load_flat(_write(tmp_path, flat, "flat.json"))
    with pytest.raises(FormFileError, match="数据项过多"):
        load_flat(_write(tmp_path, {"indicators": [{}] * (MAX_VALUES + 1)}, "many.json"))


@pytest.mark.parametrize("suffix", [".pev", ".json", ".xlsx"])
def test_a_form_holding_a_lone_surrogate_is_refused_on_save_in_chinese(
    tmp_path: Path, suffix: str
) -> None:
    """Text pasted into the editor may hold one; saving says so instead of crashing (or, for
    .xlsx, writing a workbook whose XML no program can read)."""
    form = Form(project_name="项目\ud800")
    path = tmp_path / f"out{suffix}"
    with pytest.raises(FormFileError, match="表中含有无法保存的字符"):
        {".pev": save_pev, ".json": save_flat, ".xlsx": export_xlsx}[suffix](form, path)
    assert not path.exists()
