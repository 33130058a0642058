"""A workbook holding several forms (one sheet per project, as a 主管部门 collects them):
``check`` and ``render`` take every form, as ``summary`` does, and ``report`` refuses rather
than silently writing about the first sheet only (found on a QA pass)."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from openpyxl import Workbook, load_workbook

from perfeval_gui.cli import main
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.xlsx_export import export_xlsx_many
from tests.conftest import load_fixture_json


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "各项目.xlsx"
    export_xlsx_many([form_from_flat(load_fixture_json(n)) for n in (1, 2)], path)
    return path


def test_check_reports_every_form_of_a_workbook(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    assert main(["check", str(workbook), "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    names = [form_from_flat(load_fixture_json(n)).project_name for n in (1, 2)]
    assert [r["project_name"] for r in reports] == names
    assert all(r["file"].startswith(f"{workbook}#") for r in reports)


def test_render_prints_every_form_of_a_workbook(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "全部.pdf"
    assert main(["render", str(workbook), "-o", str(out)]) == 0
    assert "已打印 2 张自评表" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    for n in (1, 2):
        assert form_from_flat(load_fixture_json(n)).project_name in text


def test_report_refuses_a_workbook_of_several_forms(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "报告.docx"
    assert main(["report", str(workbook), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "工作簿中有 2 张自评表" in err and "--outdir" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_import_to_one_file_names_the_forms_by_project(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Two forms one under the other on one sheet: naming them by sheet said “自评表1”、“自评表1”.
    source = tmp_path / "两表.xlsx"
    export_xlsx_many([form_from_flat(load_fixture_json(n)) for n in (1, 2)], source)
    book = load_workbook(source)
    merged = Workbook()
    target = merged.active
    assert target is not None
    row = 0
    for ws in book.worksheets[:2]:
        for values in ws.iter_rows(values_only=True):
            row += 1
            for col, value in enumerate(values, start=1):
                target.cell(row, col, value)
        row += 2
    merged.save(source)
    assert main(["import", str(source), "-o", str(tmp_path / "x.pev")]) == 2
    err = capsys.readouterr().err
    names = [form_from_flat(load_fixture_json(n)).project_name for n in (1, 2)]
    assert f"“{names[0]}”、“{names[1]}”" in err, err


def test_check_names_the_cells_an_excel_form_could_not_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 分值 typed 五十: the finding says 未填写分值, the note says what the cell holds.
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["2023年度项目支出绩效自评表"])
    ws.append(["项目名称", "文字分值"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "采购数量", "10台", "10台", "五十", 50])
    path = tmp_path / "表.xlsx"
    book.save(path)
    assert main(["check", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert "weight-missing" in [f["code"] for f in json.loads(out)[0]["findings"]]
    assert f"perfeval check: 警告：{path}：" in err and "“五十”不是数字" in err
