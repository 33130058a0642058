"""`perfeval import` / `export` / `new` for flat JSON and .pev files."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.flat import form_from_flat, form_to_flat
from perfeval_gui.io.pev import load_pev, save_pev
from perfeval_gui.model.form import standard_form
from perfeval_gui.resources_path import example_form_path

DATA = Path(__file__).parents[1] / "data"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("n", [1, 2])
def test_import_then_export_is_lossless(
    n: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / f"seed-form-{n}.json"
    seed: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    pev = tmp_path / "form.pev"
    flat = tmp_path / "form.json"
    assert main(["import", str(source), "-o", str(pev)]) == 0
    assert load_pev(pev) == form_from_flat(seed)
    assert main(["export", str(pev), "-o", str(flat)]) == 0
    exported = json.loads(flat.read_text(encoding="utf-8"))
    assert exported == form_to_flat(form_from_flat(seed))
    for key in ("title", "year", "project_name", "funds", "goals", "indicators"):
        assert exported[key] == seed[key], key
    out, err = capsys.readouterr()
    assert "已导入" in out
    assert "已导出" in out
    assert err == ""


def test_import_into_outdir(tmp_path: Path) -> None:
    source = tmp_path / "项目服务管理.json"
    shutil.copy(DATA / "seed-form-1.json", source)
    outdir = tmp_path / "out"
    outdir.mkdir()
    assert main(["import", str(source), "--outdir", str(outdir)]) == 0
    assert load_pev(outdir / "项目服务管理.pev").project_name == "项目服务管理"


def test_import_of_bad_json_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"project_name": ', encoding="utf-8")
    out = tmp_path / "out.pev"
    assert main(["import", str(source), "-o", str(out)]) == 2
    _, err = capsys.readouterr()
    assert "bad.json" in err
    assert "Traceback" not in err
    assert _files(tmp_path) == ["bad.json"]


def test_import_of_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.pev")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    ("source_name", "output_name", "message"),
    [("a.txt", "o.pev", "只能导入"), ("a.json", "o.json", "应以 .pev 结尾")],
)
def test_import_refuses_wrong_extensions(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source_name: str,
    output_name: str,
    message: str,
) -> None:
    source = tmp_path / source_name
    shutil.copy(DATA / "seed-form-1.json", source)
    assert main(["import", str(source), "-o", str(tmp_path / output_name)]) == 2
    assert message in capsys.readouterr().err
    assert _files(tmp_path) == [source_name]


def test_import_over_an_existing_form_keeps_a_backup(tmp_path: Path) -> None:
    out = tmp_path / "form.pev"
    save_pev(standard_form(2019), out)
    assert main(["import", str(DATA / "seed-form-2.json"), "-o", str(out)]) == 0
    assert load_pev(out).project_name == "市民服务"
    assert load_pev(tmp_path / "form.pev.bak").year == 2019


def test_export_into_a_missing_folder_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "无此目录" / "out.json"
    assert main(["export", str(example_form_path()), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "不存在" in err
    assert _files(tmp_path) == []


def test_export_of_a_broken_pev(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.pev"
    source.write_bytes(b"\x00\x01garbage")
    assert main(["export", str(source), "-o", str(tmp_path / "o.json")]) == 2
    assert "二进制数据" in capsys.readouterr().err
    assert _files(tmp_path) == ["broken.pev"]


def test_export_refuses_other_extensions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example_form_path()), "-o", str(tmp_path / "o.csv")]) == 2
    assert "应以 .json 结尾" in capsys.readouterr().err
    assert _files(tmp_path) == []


def test_new_defaults_to_last_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "新表.pev"
    assert main(["new", "-o", str(out)]) == 0
    form = load_pev(out)
    assert form.year == datetime.now().astimezone().year - 1
    assert form == standard_form(form.year)
    assert [l1.name for l1 in form.level1] == ["产出指标", "效益指标", "满意度指标"]
    assert "已新建" in capsys.readouterr().out


def test_new_with_year(tmp_path: Path) -> None:
    assert main(["new", "-o", str(tmp_path / "a.pev"), "--year", "2030"]) == 0
    assert load_pev(tmp_path / "a.pev").year == 2030


def test_new_with_bad_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-o", str(tmp_path / "a.pev"), "--year", "23"]) == 2
    assert "年度 23 无效" in capsys.readouterr().err
    assert _files(tmp_path) == []


def test_new_refuses_other_extensions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-o", str(tmp_path / "a.json")]) == 2
    assert "应以 .pev 结尾" in capsys.readouterr().err
    assert _files(tmp_path) == []


def test_failed_write_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full)
    assert main(["new", "-o", str(tmp_path / "a.pev")]) == 2
    assert "磁盘空间不足" in capsys.readouterr().err
    assert _files(tmp_path) == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("perfeval ")


def test_bad_arguments_exit_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["new"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "参数错误：缺少必需的参数：-o/--output" in err
    assert err.startswith("用法：perfeval new")


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：perfeval check")
    assert "位置参数：" in out
    assert "选项：" in out
    assert "usage" not in out


def test_export_says_what_flat_json_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = load_pev(example_form_path())
    form.level1[0].children[1].indicators.clear()  # 质量指标 without rows
    form.level1[1].children.clear()  # 效益指标 without 二级
    form.print_options.first_page_number = 4
    save_pev(form, tmp_path / "a.pev")
    assert main(["export", str(tmp_path / "a.pev"), "-o", str(tmp_path / "a.json")]) == 0
    err = capsys.readouterr().err
    assert "未导出：产出指标 / 质量指标、效益指标" in err
    assert "不保存打印设置" in err


def test_export_of_a_complete_form_notes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example_form_path()), "-o", str(tmp_path / "a.json")]) == 0
    assert capsys.readouterr().err == ""


def test_import_into_a_new_outdir_creates_it_as_for_a_workbook(tmp_path: Path) -> None:
    source = tmp_path / "去年.json"
    source.write_text(json.dumps(form_to_flat(load_pev(example_form_path()))), encoding="utf-8")
    assert main(["import", str(source), "--outdir", str(tmp_path / "自评表" / "2024")]) == 0
    assert (tmp_path / "自评表" / "2024" / "去年.pev").is_file()


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_outdir_under_a_file_is_refused_in_chinese(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / f"表{suffix}"
    main(["export", str(example_form_path()), "-o", str(source)])
    (tmp_path / "文件").write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(source), "--outdir", str(tmp_path / "文件" / "d")]) == 2
    assert "无法创建文件夹：路径中有同名的文件" in capsys.readouterr().err
