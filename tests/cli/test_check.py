"""`perfeval check`: totals, findings, --json shape and exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.pev import load_pev, save_pev
from perfeval_gui.model.form import Indicator, standard_form
from perfeval_gui.resources_path import example_form_path, resource_path

REPORT_KEYS = {
    "file",
    "project_name",
    "template",
    "weight_total",
    "score_total",
    "grade",
    "execution_rate_percent",
    "budget_score",
    "findings",
}
FINDING_KEYS = {"severity", "code", "indicator", "field", "message"}


@pytest.fixture
def erroneous(tmp_path: Path) -> Path:
    """A form whose 分值 total is 60, not 100 (an error finding)."""
    form = standard_form(2023)
    form.project_name = "测试项目"
    form.level1[0].children[0].indicators.append(
        Indicator(name="数量", target="≥1 次", actual="1 次", weight=Decimal(50), score=Decimal(50))
    )
    path = tmp_path / "erroneous.pev"
    save_pev(form, path)
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[Any], str]:
    status = main(argv)
    out, err = capsys.readouterr()
    reports: list[Any] = json.loads(out)
    return status, reports, err


def test_text_report_of_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", str(example_form_path())])
    out, err = capsys.readouterr()
    assert status == 0
    assert err == ""
    assert "项目名称：项目服务管理" in out
    assert "分值合计：100" in out
    assert "得分合计：94" in out
    assert "等级：优" in out
    assert "执行率：100.00%" in out
    assert "预算执行率得分：10" in out
    assert "[警告]" in out
    # The finding FORM-SPEC §6 names: 3 of 4 trainings held, yet full 6 points and no note.
    assert any("科技政策培训" in line and "[警告]" in line for line in out.splitlines())


def test_json_report_keys_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(example_form_path())
    status, reports, err = _json(capsys, ["check", "--json", example])
    assert status == 0
    assert err == ""
    assert len(reports) == 1
    report = reports[0]
    assert set(report) == REPORT_KEYS
    assert report["file"] == example
    assert report["project_name"] == "项目服务管理"
    assert report["template"] == "上海/中央"
    assert report["weight_total"] == "100"
    assert report["score_total"] == "94"
    assert report["grade"] == "优"
    assert report["execution_rate_percent"] == "100.00"
    assert report["budget_score"] == "10"
    assert report["findings"]
    for finding in report["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in {"warning", "info"}
        assert isinstance(finding["message"], str)
        assert finding["message"]
        assert finding["indicator"] is None or isinstance(finding["indicator"], str)
    indicators = {f["indicator"] for f in report["findings"]}
    assert "科技政策培训、银企对接沙龙组织场次" in indicators


def test_json_for_several_files_is_one_array(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(example_form_path()), str(resource_path("examples", "example-2.pev"))]
    status, reports, _ = _json(capsys, ["check", *files, "--json"])
    assert status == 0
    assert [r["file"] for r in reports] == files
    assert reports[1]["project_name"] == "市民服务"
    assert reports[1]["score_total"] == "100"


def test_flat_json_is_checked_too(capsys: pytest.CaptureFixture[str]) -> None:
    seed = Path(__file__).parents[1] / "data" / "seed-form-1.json"
    status, reports, _ = _json(capsys, ["check", "--json", str(seed)])
    assert status == 0
    assert reports[0]["score_total"] == "94"


def test_error_finding_exits_1(erroneous: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", str(erroneous)])
    out, _ = capsys.readouterr()
    assert status == 1
    assert "[错误]" in out
    assert "分值合计：60" in out


def test_error_finding_in_json(erroneous: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, reports, _ = _json(capsys, ["check", "--json", str(erroneous)])
    assert status == 1
    assert reports[0]["weight_total"] == "60"
    errors = [f for f in reports[0]["findings"] if f["severity"] == "error"]
    assert errors
    assert all(set(f) == FINDING_KEYS for f in errors)


def test_missing_execution_rate_is_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.pev"
    save_pev(standard_form(2023), path)
    _, reports, _ = _json(capsys, ["check", "--json", str(path)])
    assert reports[0]["execution_rate_percent"] is None
    assert reports[0]["budget_score"] is None


def test_unreadable_file_among_good_ones_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "损坏.pev"
    bad.write_bytes(b'{"format": "perfeval-form", "schema_')
    missing = tmp_path / "missing.pev"
    good = str(example_form_path())
    status, reports, err = _json(capsys, ["check", "--json", good, str(bad), str(missing), good])
    assert status == 2
    assert [r["file"] for r in reports] == [good, good]
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "损坏.pev" in lines[0]
    assert "文件不完整" in lines[0]
    assert "missing.pev" in lines[1]
    assert "文件不存在" in lines[1]
    assert "Traceback" not in err


@pytest.mark.parametrize("unreadable_first", [False, True])
def test_unreadable_beats_error_findings(
    erroneous: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unreadable_first: bool
) -> None:
    # Exit 2 wins over 1 whichever file comes first (1 must not overwrite an earlier 2).
    other = tmp_path / "a.txt"
    other.write_text("x", encoding="utf-8")
    files = [str(other), str(erroneous)] if unreadable_first else [str(erroneous), str(other)]
    status = main(["check", *files])
    out, err = capsys.readouterr()
    assert status == 2
    assert "[错误]" in out
    assert "不支持的文件类型" in err


def test_text_report_separates_files(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["check", str(example_form_path()), str(resource_path("examples", "example-2.pev"))]
    )
    out, _ = capsys.readouterr()
    assert status == 0
    assert out.count("文件：") == 2
    assert "项目名称：市民服务" in out


def test_installed_entry_point(tmp_path: Path) -> None:
    perfeval = Path(sys.executable).with_name("perfeval")
    assert perfeval.exists(), "the perfeval console script is installed with the package"
    result = subprocess.run(
        [str(perfeval), "check", "--json", str(example_form_path()), str(tmp_path / "nope.pev")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 2
    reports = json.loads(result.stdout)
    assert reports[0]["score_total"] == "94"
    assert "nope.pev" in result.stderr
    assert "Traceback" not in result.stderr


def test_reader_closing_the_pipe_is_no_traceback() -> None:
    perfeval = Path(sys.executable).with_name("perfeval")
    many = [str(example_form_path())] * 300  # far more output than a pipe buffer holds
    with subprocess.Popen(
        [str(perfeval), "check", *many], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait()
    assert first.decode("utf-8").startswith("文件：")
    assert b"Traceback" not in err
    assert status == 2


def test_workbook_is_checked_from_its_first_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from perfeval_gui.io.pev import load_pev
    from perfeval_gui.io.xlsx_export import export_xlsx

    path = tmp_path / "example.xlsx"
    export_xlsx(load_pev(example_form_path()), path)
    status, reports, _ = _json(capsys, ["check", "--json", str(path)])
    assert status == 0
    assert reports[0]["score_total"] == "94"
    assert reports[0]["project_name"] == "项目服务管理"


def test_gbk_console_gets_valid_json_and_no_traceback(tmp_path: Path) -> None:
    form = standard_form(2023)
    form.project_name = "项目😀䶮"  # an emoji and a rare character GBK lacks
    path = tmp_path / "emoji.pev"
    save_pev(form, path)
    perfeval = str(Path(sys.executable).with_name("perfeval"))
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    as_json = subprocess.run(
        [perfeval, "check", "--json", str(path)], capture_output=True, env=env, check=False
    )
    assert json.loads(as_json.stdout.decode("gbk"))[0]["project_name"] == "项目😀䶮"
    as_text = subprocess.run(
        [perfeval, "check", str(path)], capture_output=True, env=env, check=False
    )
    assert as_text.returncode == 1  # a blank form has error findings; what matters is no crash
    assert "项目名称：项目?" in as_text.stdout.decode("gbk")
    assert b"Traceback" not in as_text.stderr


def test_an_empty_folder_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder stands for the forms inside it; one without any is an error, not silence.
    folder = tmp_path / "自评表"
    folder.mkdir()
    assert main(["check", str(folder), str(example_form_path())]) == 2
    captured = capsys.readouterr()
    assert "文件夹中没有自评表文件" in captured.err
    assert "项目服务管理" in captured.out


@pytest.mark.parametrize("name", ["表.json", "表.xlsx"])
def test_importing_a_folder_says_folder(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / name).mkdir()
    assert main(["import", str(tmp_path / name), "-o", str(tmp_path / "o.pev")]) == 2
    assert "这是一个文件夹" in capsys.readouterr().err
    assert not (tmp_path / "o.pev").exists()


def test_text_report_keeps_one_finding_on_two_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Names typed with Alt+Enter in Excel, or only spaces, must not break the report's layout.
    form = standard_form(2023)
    form.project_name = "　 "
    form.level1[0].children[0].indicators = [
        Indicator(name="大型宣传活\n动举办场次", target=">=4 次", actual="3 次", weight=Decimal(6)),
        Indicator(name=" ", target="及时", actual="及时", weight=Decimal(2), score=Decimal(2)),
    ]
    save_pev(form, tmp_path / "a.pev")
    main(["check", str(tmp_path / "a.pev")])
    lines = capsys.readouterr().out.splitlines()
    assert "  项目名称：（未填写）" in lines
    assert any(line.startswith("    [") and "大型宣传活 动举办场次 · " in line for line in lines)
    assert "    [错误] 产出指标 / 数量指标 / 第 2 行三级指标 · 三级指标" in lines
    assert all(line.startswith(("文件", "  ")) for line in lines)


def test_new_with_a_template_then_check_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "四川.pev"
    assert main(["new", "-o", str(out), "--template", "sichuan", "--year", "2024"]) == 0
    assert "四川" in capsys.readouterr().out
    form = load_pev(out)
    assert form.template == "sichuan"
    assert form.amount_unit.value == "万元"
    assert form.print_options.signature_labels[:2] == ["项目负责人", "财务负责人"]
    main(["check", str(out)])
    assert "表样：四川" in capsys.readouterr().out


def test_new_with_an_unknown_template_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pev"
    assert main(["new", "-o", str(out), "--template", "atlantis"]) == 2
    assert "未知的表样模板“atlantis”" in capsys.readouterr().err
    assert not out.exists()


def test_templates_lists_every_shipped_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    for key in ("shanghai", "sichuan", "yunnan", "hubei", "ningxia"):
        assert f"{key}：" in out


def test_where_speaks_the_template_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.template_forms import filled_form

    path = tmp_path / "四川.pev"
    save_pev(filled_form("sichuan"), path)
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "· 未完成原因分析" in out
    assert "· 偏差原因分析及改进措施" not in out
