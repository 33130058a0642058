"""Numbers in and out of files: one parser for import, amounts keep their digits in the
Excel export and the PDF (issue 13 §3, issue 9 #12)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.xlsx_export import workbook_bytes
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.model.form import AmountUnit, Form
from perfeval_gui.render.pdf import render_pdf_bytes
from tests.conftest import load_fixture_json

D = Decimal


def wan_yuan_form() -> Form:
    form = form_from_flat(load_fixture_json(1))
    form.amount_unit = AmountUnit.WAN_YUAN
    form.funds.current_year_appropriation.adjusted = D("967.7812")
    form.funds.current_year_appropriation.executed = D("15.2919")
    form.funds.carried_over.adjusted = D("0.005")
    return form


def test_flat_import_reads_numbers_as_a_cell_does() -> None:
    data: dict[str, Any] = load_fixture_json(1)
    data["indicators"][0]["weight"] = "１０分"
    data["indicators"][0]["score"] = "4.5 分"
    row = form_from_flat(data).level1[0].children[0].indicators[0]
    assert (row.weight, row.score) == (D(10), D("4.5"))


def test_flat_import_refuses_in_the_same_words_as_a_cell() -> None:
    data: dict[str, Any] = load_fixture_json(1)
    data["indicators"][0]["weight"] = "5分钟"
    with pytest.raises(FormFileError, match="“5分钟”不是数字"):
        form_from_flat(data)


def test_excel_export_shows_every_decimal_of_an_amount(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes([wan_yuan_form()]))).worksheets[0]
    formats = {
        cell.value: cell.number_format
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, float)
    }
    assert formats[967.7812] == "#,##0.0000"
    assert formats[0.005] == "#,##0.000"
    assert formats[15.2919] == "#,##0.0000"
    path = tmp_path / "form.xlsx"
    path.write_bytes(workbook_bytes([wan_yuan_form()]))
    funds = read_workbook(path)[0].form.funds
    assert funds.current_year_appropriation.adjusted == D("967.7812")
    assert funds.carried_over.adjusted == D("0.005")


def test_excel_import_takes_a_number_with_its_unit(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(workbook_bytes([form_from_flat(load_fixture_json(1))]))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = next(c.row for c in sheet["H"] if c.value == "得分" and c.row > 8)
    sheet.cell(header + 1, 8).value = "４.２５分"  # the first 三级 row's 得分
    book.save(path)
    imported = read_workbook(path)[0]
    assert imported.form.level1[0].children[0].indicators[0].score == D("4.25")


def test_pdf_prints_wan_yuan_amounts_with_their_digits() -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_pdf_bytes([wan_yuan_form()]))) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "967.7812" in text
    assert "0.005" in text


def test_negative_figures_survive_flat_json_and_excel(tmp_path: Path) -> None:
    # Negative 分值 and amounts are errors/warnings of the checks, never lost on the way.
    from perfeval_gui.io.flat import form_to_flat

    form = form_from_flat(load_fixture_json(1))
    form.level1[0].children[0].indicators[0].weight = D("-5")
    form.funds.other.executed = D("-1234.5678")
    again = form_from_flat(form_to_flat(form))
    assert again.level1[0].children[0].indicators[0].weight == D("-5")
    assert again.funds.other.executed == D("-1234.5678")
    path = tmp_path / "negative.xlsx"
    path.write_bytes(workbook_bytes([form]))
    imported = read_workbook(path)[0].form
    assert imported.level1[0].children[0].indicators[0].weight == D("-5")
    assert imported.funds.other.executed == D("-1234.5678")


def test_summary_sheet_shows_every_decimal_of_an_amount(tmp_path: Path) -> None:
    from perfeval_gui.commands.summary import build_summary
    from perfeval_gui.io.folder import LoadedForm
    from perfeval_gui.io.summary_xlsx import summary_workbook_bytes

    yuan = form_from_flat(load_fixture_json(1))  # 152,919.80 元 … shown in 万元: 15.29198
    forms = [
        LoadedForm(tmp_path / "a.pev", "a.pev", wan_yuan_form()),
        LoadedForm(tmp_path / "b.pev", "b.pev", yuan),
    ]
    summary = build_summary(forms, unit=AmountUnit.WAN_YUAN)
    book = openpyxl.load_workbook(io.BytesIO(summary_workbook_bytes(summary, [])))
    shown = {
        (cell.value, cell.number_format)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, float) and cell.number_format.startswith("#,##0")
    }
    for value, number_format in shown:
        places = len(number_format.partition(".")[2])
        assert round(value, places) == pytest.approx(value, abs=1e-9), (value, number_format)
    assert (15.29198, "#,##0.00000") in shown  # 152,919.80 元 in 万元, not 15.29
