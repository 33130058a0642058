"""``perfeval export … -o X.xlsx`` and ``perfeval import X.xlsx``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook

from perfeval_gui.cli import main
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import load_pev, save_pev
from tests.io.xlsx_builders import Habits, official_sheet
from tests.io.xlsx_hostile import docx, entity_bomb, truncated, zip_bomb


@pytest.fixture
def seed_pev(tmp_path: Path, seed1_flat: dict[str, Any]) -> Path:
    path = tmp_path / "项目服务管理.pev"
    save_pev(form_from_flat(seed1_flat), path)
    return path


def test_export_then_import_gives_back_the_same_file(
    tmp_path: Path, seed_pev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / "out.xlsx"
    assert main(["export", str(seed_pev), "-o", str(xlsx)]) == 0
    back = tmp_path / "back.pev"
    assert main(["import", str(xlsx), "-o", str(back)]) == 0
    assert back.read_bytes() == seed_pev.read_bytes()
    out = capsys.readouterr()
    assert "已导出" in out.out and "已导入" in out.out
    assert out.err == ""


def test_workbook_of_two_projects_gives_two_files_with_outdir(
    tmp_path: Path,
    seed1_flat: dict[str, Any],
    seed2_flat: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    official_sheet(first, seed1_flat, Habits())
    official_sheet(workbook.create_sheet("第二张"), seed2_flat, Habits(merged=False))
    source = tmp_path / "两个项目.xlsx"
    workbook.save(source)
    outdir = tmp_path / "导入结果"
    assert main(["import", str(source), "--outdir", str(outdir)]) == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["市民服务.pev", "项目服务管理.pev"]
    assert load_pev(outdir / "市民服务.pev").project_name == "市民服务"
    # With -o there is no single answer: refused, nothing written.
    single = tmp_path / "one.pev"
    assert main(["import", str(source), "-o", str(single)]) == 2
    assert "--outdir" in capsys.readouterr().err
    assert not single.exists()


def test_notes_are_warnings_with_sheet_row_and_column(
    tmp_path: Path, seed_pev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / "edited.xlsx"
    assert main(["export", str(seed_pev), "-o", str(xlsx)]) == 0
    workbook = openpyxl.load_workbook(xlsx)
    ws = workbook.worksheets[0]
    ws["K20"] = "另附说明"
    workbook.save(xlsx)
    capsys.readouterr()
    assert main(["import", str(xlsx), "-o", str(tmp_path / "x.pev")]) == 0
    err = capsys.readouterr().err
    assert "警告：工作表“项目服务管理”第 20 行 K 列" in err
    assert "另附说明" in err


@pytest.mark.parametrize(
    "make", [zip_bomb, entity_bomb, docx, truncated], ids=["zip-bomb", "xml-bomb", "docx", "cut"]
)
def test_refused_input_exits_2_and_writes_nothing(
    tmp_path: Path, make: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "附件.xlsx"
    source.write_bytes(make())
    output = tmp_path / "out.pev"
    outdir = tmp_path / "dir"
    assert main(["import", str(source), "-o", str(output)]) == 2
    assert main(["import", str(source), "--outdir", str(outdir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("perfeval: 无法处理文件“附件.xlsx”")
    assert "Traceback" not in err
    assert not output.exists() and not outdir.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["附件.xlsx"]


def test_missing_source_and_wrong_output_suffix(
    tmp_path: Path, seed_pev: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "nope.xlsx"), "-o", str(tmp_path / "a.pev")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    xlsx = tmp_path / "ok.xlsx"
    assert main(["export", str(seed_pev), "-o", str(xlsx)]) == 0
    assert main(["import", str(xlsx), "-o", str(tmp_path / "a.txt")]) == 2
    assert ".pev" in capsys.readouterr().err
