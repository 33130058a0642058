"""``perfeval import``: the template a sheet is read in, and derived values that disagree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from perfeval_gui.cli import main
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import load_pev
from tests.io import province_sheets as ps
from tests.io.xlsx_builders import Habits, official_sheet
from tests.io.xlsx_templates import ministry_sheet


def _sichuan_workbook(tmp_path: Path) -> Path:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ps.sichuan_sheet(ws, ps.sichuan_data())
    path = tmp_path / "四川.xlsx"
    workbook.save(path)
    return path


def test_import_says_which_template_it_chose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "四川.pev"
    assert main(["import", str(_sichuan_workbook(tmp_path)), "-o", str(out)]) == 0
    assert load_pev(out).template == "sichuan"
    err = capsys.readouterr().err
    assert "perfeval: 警告：工作表“Sheet”：已按“四川”表样读取" in err


def test_template_option_overrides_and_unknown_key_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _sichuan_workbook(tmp_path)
    out = tmp_path / "out.pev"
    assert main(["import", str(source), "-o", str(out), "--template", "yunnan"]) == 0
    assert load_pev(out).template == "yunnan"
    assert "表样读取" not in capsys.readouterr().err
    out.unlink()
    assert main(["import", str(source), "-o", str(out), "--template", "beijing"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("perfeval: 未知的表样模板“beijing”") and len(err.splitlines()) == 1
    assert not out.exists()


def test_todays_layouts_are_read_as_shanghai(
    tmp_path: Path, seed1_flat: dict[str, Any], seed2_flat: dict[str, Any]
) -> None:
    for n, write in enumerate(
        (
            lambda ws: official_sheet(ws, seed1_flat, Habits()),
            lambda ws: official_sheet(ws, seed2_flat, Habits(merged=False)),
            lambda ws: ministry_sheet(ws, seed1_flat),
        )
    ):
        workbook = Workbook()
        ws = workbook.active
        assert ws is not None
        write(ws)
        source, out = tmp_path / f"{n}.xlsx", tmp_path / f"{n}.pev"
        workbook.save(source)
        assert main(["import", str(source), "-o", str(out)]) == 0
        assert load_pev(out).template == "shanghai"


def test_flat_json_with_a_typed_rate_and_score_that_disagree(
    tmp_path: Path, seed1_flat: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    seed1_flat["budget_execution"].update(rate_percent="95.00", score="9.5")
    source, out = tmp_path / "表.json", tmp_path / "表.pev"
    source.write_text(json.dumps(seed1_flat, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "perfeval: 警告：表.json：“budget_execution.rate_percent”写的执行率 95% "
        "与按项目资金计算的 100% 不同，以计算值为准",
        "perfeval: 警告：表.json：“budget_execution.score”写的预算执行率得分 9.5 "
        "与按项目资金计算的 10 不同，以计算值为准",
    ]
    assert load_pev(out) == form_from_flat(seed1_flat)


def test_flat_json_that_agrees_gives_no_warning(
    tmp_path: Path, seed2_flat: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "表.json", tmp_path / "表.pev"
    source.write_text(json.dumps(seed2_flat, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(source), "-o", str(out), "--template", "hubei"]) == 0
    assert capsys.readouterr().err == ""
    assert load_pev(out).template == "hubei"
