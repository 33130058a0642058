"""The exported workbook opens in a real spreadsheet program: LibreOffice converts it to PDF.

Needs ``soffice`` (Debian's ``libreoffice-calc-nogui``, installed by dev/test); skipped with
that reason only when it is absent. LibreOffice runs with its own profile and HOME in the
test's temp dir (so it never touches a user's settings), and the bundled Song-style font is
put in that HOME so Chinese text is drawn and extractable on machines without CJK fonts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import dumps_pev
from perfeval_gui.io.xlsx_export import export_xlsx_many
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.resources_path import bundled_font_path
from tests.conftest import load_fixture_json

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TIMEOUT_SECONDS = 240

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def _convert(xlsx: Path, workdir: Path, target: str, out_dir: Path) -> Path:
    """Run LibreOffice headless to convert ``xlsx`` to ``target`` (pdf, xlsx) in ``out_dir``."""
    home = workdir / "home"
    if not home.exists():
        (home / ".fonts").mkdir(parents=True)
        shutil.copy(bundled_font_path(), home / ".fonts" / "uming-cn.ttf")
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )
    converted = out_dir / f"{xlsx.stem}.{target.split(':', maxsplit=1)[0]}"
    assert result.returncode == 0, result.stderr
    assert converted.is_file(), f"LibreOffice wrote nothing: {result.stdout} {result.stderr}"
    return converted


def test_libreoffice_opens_the_export_and_prints_every_indicator(tmp_path: Path) -> None:
    datas: list[dict[str, Any]] = [load_fixture_json(1), load_fixture_json(2)]
    xlsx = tmp_path / "forms.xlsx"
    export_xlsx_many([form_from_flat(d) for d in datas], xlsx)
    pdf = _convert(xlsx, tmp_path, "pdf", tmp_path)
    reader = pypdf.PdfReader(pdf)
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for data in datas:
        for item in data["indicators"]:
            assert "".join(item["name"].split()) in text, item["name"]
        assert data["project_name"] in text
    assert "152,919.80" in text and "100.00%" in text
    assert "-1-" in text  # the footer page number, government style
    # The hidden perfeval sheet is not printed.
    assert "perfeval" not in text


def test_a_workbook_saved_again_by_libreoffice_still_round_trips_exactly(tmp_path: Path) -> None:
    forms = [form_from_flat(load_fixture_json(1)), form_from_flat(load_fixture_json(2))]
    xlsx = tmp_path / "forms.xlsx"
    export_xlsx_many(forms, xlsx)
    (tmp_path / "saved").mkdir()
    saved = _convert(xlsx, tmp_path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    sheets = read_workbook(saved)
    assert [dumps_pev(s.form) for s in sheets] == [dumps_pev(f) for f in forms]
    assert all(s.notes == [] for s in sheets)
