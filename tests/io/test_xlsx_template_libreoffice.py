"""A workbook of every template's form, saved again by LibreOffice, still imports exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.io.xlsx_export import export_xlsx_many
from perfeval_gui.io.xlsx_import import read_workbook
from tests.io.test_xlsx_libreoffice import SOFFICE, _convert
from tests.io.test_xlsx_template_export import DATA, filled

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def test_every_template_survives_a_save_in_libreoffice(tmp_path: Path) -> None:
    forms = [filled(key) for key in DATA]
    xlsx = tmp_path / "templates.xlsx"
    export_xlsx_many(forms, xlsx)
    (tmp_path / "saved").mkdir()
    saved = _convert(xlsx, tmp_path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    sheets = read_workbook(saved)
    assert [dumps_pev(s.form) for s in sheets] == [dumps_pev(f) for f in forms]
    assert all(s.notes == [] for s in sheets)
