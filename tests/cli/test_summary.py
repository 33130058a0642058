"""`perfeval summary` of a generated folder: every figure recomputed here from the specs, the
broken file reported, exit statuses as for `check`; `check` and `render` of folders."""

from __future__ import annotations

import json
import statistics
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pypdf
import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.formatting import format_amount
from tests.summary_folder import Spec, make_form, make_specs, write_folder

COUNT = 14
CENT = Decimal("0.01")


@pytest.fixture
def specs() -> list[Spec]:
    return make_specs(COUNT, seed=7)


@pytest.fixture
def folder(tmp_path: Path, specs: list[Spec]) -> Path:
    """The generated forms (one as an .xlsx in the subfolder), a broken file, a text file."""
    root = tmp_path / "项目库"
    as_xlsx = specs[-1]
    write_folder(root, specs[:-1])
    (root / "子目录").mkdir(exist_ok=True)
    export_xlsx(make_form(as_xlsx), root / "子目录" / "表格.xlsx")
    (root / "损坏.pev").write_text('{"format": "perfeval-form", "schem', encoding="utf-8")
    (root / "说明.txt").write_text("不是自评表", encoding="utf-8")
    (root / ".~lock.项目0000.pev#").write_text(",张三,PC-1,2026-11-29T10:00,;", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def pct(rate: Decimal) -> str:
    return str((rate * 100).quantize(CENT, rounding=ROUND_HALF_UP))


def expected_order(specs: list[Spec]) -> list[str]:
    return [
        s.project_name
        for s in sorted(specs, key=lambda s: (s.department, s.implementing_unit, s.project_name))
    ]


def test_json_figures_equal_those_computed_from_the_specs(
    capsys: pytest.CaptureFixture[str], folder: Path, specs: list[Spec]
) -> None:
    status, out, err = run(capsys, "summary", str(folder), "--json")
    assert status == 2  # the broken file; the rest is summarised anyway
    assert "损坏.pev" in err and len(err.strip().splitlines()) == 1
    data: dict[str, Any] = json.loads(out)
    assert data["unit"] == "元"  # forms in 元 and 万元: everything in 元
    assert {s.unit for s in specs} == {AmountUnit.YUAN, AmountUnit.WAN_YUAN}
    assert [r["project_name"] for r in data["rows"]] == expected_order(specs)
    by_name = {r["project_name"]: r for r in data["rows"]}
    for spec in specs:
        row = by_name[spec.project_name]
        assert Decimal(row["adjusted"]) == spec.in_yuan(spec.adjusted)
        assert Decimal(row["executed"]) == spec.in_yuan(spec.executed)
        assert row["execution_rate_percent"] == pct(spec.rate)
        # The 总分 as the form prints it (the budget 得分 is proportional, with many digits).
        assert Decimal(row["score_total"]) == spec.score_total.quantize(CENT, ROUND_HALF_UP)
        assert row["grade"] == spec.grade
        assert (row["errors"] > 0) == spec.error
    totals = data["totals"]
    adjusted = sum(s.in_yuan(s.adjusted) for s in specs)
    executed = sum(s.in_yuan(s.executed) for s in specs)
    assert totals["count"] == COUNT
    assert Decimal(totals["initial"]) == sum(s.in_yuan(s.initial) for s in specs)
    assert Decimal(totals["adjusted"]) == adjusted
    assert Decimal(totals["executed"]) == executed
    # Σ执行数 ÷ Σ预算数, which differs from the mean of the forms' rates here.
    assert totals["execution_rate_percent"] == pct(executed / adjusted)
    assert totals["execution_rate_percent"] != pct(sum(s.rate for s in specs) / COUNT)
    grades = {g["grade"]: (g["count"], g["share_percent"]) for g in totals["grades"]}
    for grade in ("优", "良", "中", "差"):
        n = sum(1 for s in specs if s.grade == grade)
        assert grades[grade] == (n, pct(Decimal(n) / COUNT))
    scores = [s.score_total.quantize(CENT, ROUND_HALF_UP) for s in specs]  # as printed
    assert totals["score_mean"] == str((sum(scores) / COUNT).quantize(CENT, ROUND_HALF_UP))
    assert totals["score_median"] == str(statistics.median(scores).quantize(CENT, ROUND_HALF_UP))
    assert [f["file"] for f in data["failed"]] == [str(folder / "损坏.pev")]


def test_exit_status_is_one_for_error_findings_and_zero_without(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    specs = make_specs(8, seed=3)
    write_folder(tmp_path / "a", specs)
    assert any(s.error for s in specs)
    assert run(capsys, "summary", str(tmp_path / "a"))[0] == 1
    clean = [s for s in specs if not s.error]
    write_folder(tmp_path / "b", clean)
    status, out, _ = run(capsys, "summary", str(tmp_path / "b"))
    assert status == 0
    assert f"汇总 {len(clean)} 张自评表" in out


def test_unit_wan_yuan_and_group_by_department(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, specs: list[Spec]
) -> None:
    write_folder(tmp_path, specs)
    status, out, _ = run(
        capsys, "summary", str(tmp_path), "--json", "--unit", "万元", "--group-by", "主管部门"
    )
    assert status == 1
    data = json.loads(out)
    assert data["unit"] == "万元"
    assert Decimal(data["totals"]["adjusted"]) == sum(s.in_yuan(s.adjusted) for s in specs) / 10000
    groups = {g["name"]: g["totals"] for g in data["groups"]}
    assert set(groups) == {s.department for s in specs}
    for name, totals in groups.items():
        members = [s for s in specs if s.department == name]
        assert totals["count"] == len(members)
        assert Decimal(totals["executed"]) == sum(s.in_yuan(s.executed) for s in members) / 10000


def test_xlsx_has_the_table_totals_and_native_charts(
    capsys: pytest.CaptureFixture[str], folder: Path, specs: list[Spec], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    status, _, _ = run(capsys, "summary", str(folder), "-o", str(out))
    assert status == 2 and out.is_file()
    workbook = load_workbook(out)
    table = workbook["汇总表"]
    assert table.freeze_panes == "C4"
    assert table.auto_filter.ref == f"A3:N{3 + COUNT}"
    names = [table.cell(r, 2).value for r in range(4, 4 + COUNT)]
    assert names == expected_order(specs)
    assert table.cell(4, 6).number_format == "#,##0.00"
    assert table.cell(4, 8).number_format == "0.00%"
    total_row = 4 + COUNT
    assert str(table.cell(total_row, 2).value).startswith("合计")
    assert Decimal(str(table.cell(total_row, 7).value)) == sum(s.in_yuan(s.executed) for s in specs)
    assert len(workbook["统计"]._charts) == 3
    assert "损坏.pev" in str(workbook["无法读取"].cell(2, 1).value)
    # A second run over the same folder does not take the 汇总表 for a form.
    status, _, err = run(capsys, "summary", str(folder), "--json")
    assert "汇总.xlsx" not in err


def test_pdf_holds_every_name_and_the_totals(
    capsys: pytest.CaptureFixture[str], folder: Path, specs: list[Spec], tmp_path: Path
) -> None:
    out = tmp_path / "汇总.pdf"
    status, _, _ = run(capsys, "summary", str(folder), "-o", str(out), "--group-by", "实施单位")
    assert status == 2
    reader = pypdf.PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    for spec in specs:
        assert spec.project_name in text
    adjusted = sum(s.in_yuan(s.adjusted) for s in specs)
    executed = sum(s.in_yuan(s.executed) for s in specs)
    assert format_amount(adjusted) in text
    assert format_amount(executed) in text
    assert pct(executed / adjusted) + "%" in text
    assert "小计：" in text and "损坏.pev" in text
    assert text.count("得分为平均分") >= 2  # 合计 and 小计 rows give the mean 得分, not a sum
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"] or "/DescendantFonts" in font


def test_output_is_refused_without_a_known_extension(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    status, _, err = run(capsys, "summary", str(folder), "-o", str(tmp_path / "汇总.docx"))
    assert status == 2 and "应以 .xlsx 或 .pdf 结尾" in err
    assert not (tmp_path / "汇总.docx").exists()


def test_check_and_render_take_a_folder_in_the_stable_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    specs = [s for s in make_specs(6, seed=5) if not s.error]
    write_folder(tmp_path / "库", specs)
    status, out, _ = run(capsys, "check", str(tmp_path / "库"), "--json")
    assert status == 0
    assert [r["project_name"] for r in json.loads(out)] == expected_order(specs)
    pdf = tmp_path / "全部.pdf"
    status, out, _ = run(capsys, "render", str(tmp_path / "库"), "-o", str(pdf))
    assert status == 0
    pages = [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
    firsts = [next(n for n in expected_order(specs) if n in p) for p in pages if "项目名称" in p]
    assert firsts == expected_order(specs)


def test_an_empty_folder_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()
    status, _, err = run(capsys, "check", str(tmp_path / "空"))
    assert status == 2 and "没有自评表文件" in err


def test_render_of_a_folder_with_a_broken_file_writes_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "全部.pdf"
    status, _, err = run(capsys, "render", str(folder), "-o", str(pdf))
    assert status == 2 and "损坏.pev" in err
    assert not pdf.exists()


def test_pdf_names_a_form_without_a_project_name_by_its_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "表"
    folder.mkdir()
    assert run(capsys, "new", "-o", str(folder / "空白表.pev"))[0] == 0
    out = tmp_path / "汇总.pdf"
    run(capsys, "summary", str(folder), "-o", str(out))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages).replace("\n", "")
    assert "（未填写）空白表.pev" in text
