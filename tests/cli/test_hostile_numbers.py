"""Numbers that cost gigabytes to print or sum are refused at the door, in Chinese (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perfeval_gui.cli import main
from perfeval_gui.io.pev import load_pev
from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.resources_path import example_form_path


def _example_with(tmp_path: Path, number: str) -> Path:
    document = json.loads(example_form_path().read_text(encoding="utf-8"))
    document["form"]["level1"][0]["children"][0]["indicators"][0]["weight"] = number
    path = tmp_path / "hostile.pev"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("2.5e-2147483648", "小数位数过多（最多 10 位小数）"),
        ("1E-100000000", "小数位数过多（最多 10 位小数）"),
        ("1E+999999999", "数值过大（不能超过 20 位整数）"),
        ("9" * 5000, "数字过长"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_check_refuses_an_unbounded_number_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, reason: str, as_json: bool
) -> None:
    path = _example_with(tmp_path, number)
    status = main(["check", *(["--json"] if as_json else []), str(path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert len(out) < 10_000  # not 100 MB of zeros
    (line,) = err.splitlines()
    assert "一级“产出指标” › 二级“数量指标” › 第 1 行“每月发送量” › 分值" in line
    assert reason in line


def test_a_huge_score_cell_in_xlsx_is_named_not_hidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "example.xlsx"
    export_xlsx(load_pev(example_form_path()), exported)
    workbook = load_workbook(exported)
    del workbook["perfeval"]  # the visible table only
    sheet = workbook.worksheets[0]
    assert sheet["H12"].value == "得分" and sheet["H13"].value == 5
    sheet["H13"] = 1e30
    workbook.save(exported)

    status = main(["import", str(exported), "-o", str(tmp_path / "out.pev")])
    _, err = capsys.readouterr()
    assert status == 0
    assert "第 13 行 H 列：得分：数值过大（不能超过 20 位整数），未导入该值" in err
    assert load_pev(tmp_path / "out.pev").level1[0].children[0].indicators[0].score is None

    status = main(["check", "--json", str(exported)])
    out, _ = capsys.readouterr()
    assert status in (0, 1)
    (report,) = json.loads(out)
    assert "没有找到自评表" not in out
    assert report["score_total"] == "89"  # 94 less the refused 5
