"""The 汇总表 workbook opens in LibreOffice (headless) and converts to PDF without error; the
printed text holds every project name and the totals. Needs ``soffice`` (see
``test_xlsx_libreoffice``)."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from perfeval_gui.commands.summary import build_summary
from perfeval_gui.io.folder import LoadedForm
from perfeval_gui.io.summary_xlsx import summary_workbook_bytes
from perfeval_gui.model.formatting import format_amount
from perfeval_gui.model.summary import GroupBy
from tests.io.test_xlsx_libreoffice import SOFFICE, _convert
from tests.summary_folder import make_form, make_specs

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def test_libreoffice_converts_the_summary_and_prints_every_name(tmp_path: Path) -> None:
    specs = make_specs(30, seed=11)
    forms = [LoadedForm(tmp_path / s.file, s.file, make_form(s)) for s in specs]
    summary = build_summary(forms, group_by=GroupBy.DEPARTMENT)
    xlsx = tmp_path / "汇总.xlsx"
    xlsx.write_bytes(summary_workbook_bytes(summary))
    pdf = _convert(xlsx, tmp_path, "pdf", tmp_path)
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    for spec in specs:
        assert spec.project_name in text
    assert format_amount(summary.totals.executed) in text
    assert "财政项目支出绩效自评汇总表" in text and "等级" in text
