"""load_form: one entry point for every file a user may open, chosen by extension."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.load import load_form
from perfeval_gui.io.pev import save_pev
from perfeval_gui.model.form import Form, standard_form


def test_pev_by_extension(tmp_path: Path) -> None:
    save_pev(standard_form(2021), tmp_path / "a.pev")
    assert load_form(tmp_path / "a.pev").year == 2021


def test_extension_case_does_not_matter(tmp_path: Path) -> None:
    save_pev(standard_form(2021), tmp_path / "A.PEV")
    assert load_form(tmp_path / "A.PEV").year == 2021


def test_flat_json_by_extension(seed1_flat: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed1_flat, ensure_ascii=False), encoding="utf-8")
    assert load_form(path) == form_from_flat(seed1_flat)


def test_pev_content_in_a_json_file_is_refused(tmp_path: Path) -> None:
    save_pev(standard_form(2021), tmp_path / "a.pev")
    wrong = tmp_path / "a.json"
    wrong.write_bytes((tmp_path / "a.pev").read_bytes())
    with pytest.raises(FormFileError):
        load_form(wrong)


@dataclass
class _Sheet:
    sheet_name: str
    form: Form
    notes: list[object] = field(default_factory=list)


def test_xlsx_opens_the_first_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def read_workbook(path: Path) -> list[_Sheet]:
        seen.append(path)
        return [_Sheet("表1", standard_form(2020)), _Sheet("表2", standard_form(2019))]

    fake = types.ModuleType("perfeval_gui.io.xlsx_import")
    fake.read_workbook = read_workbook  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "perfeval_gui.io.xlsx_import", fake)
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK")
    assert load_form(path).year == 2020
    assert seen == [path]


def test_xlsx_without_sheets_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("perfeval_gui.io.xlsx_import")
    fake.read_workbook = lambda path: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "perfeval_gui.io.xlsx_import", fake)
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(FormFileError, match="没有可导入的自评表"):
        load_form(path)


@pytest.mark.parametrize("name", ["form.txt", "form.pdf", "form", "form.xls"])
def test_unsupported_extension_is_refused_in_chinese(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(FormFileError, match="不支持的文件类型") as info:
        load_form(path)
    assert name in str(info.value)


@pytest.mark.parametrize("name", ["nope.pev", "nope.json", "nope.xlsx"])
def test_missing_file_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(FormFileError, match="文件不存在"):
        load_form(tmp_path / name)


def test_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.pev").mkdir()
    with pytest.raises(FormFileError, match="文件夹"):
        load_form(tmp_path / "dir.pev")


def test_real_workbook_opens_as_the_form(tmp_path: Path) -> None:
    from perfeval_gui.io.xlsx_export import export_xlsx
    from perfeval_gui.resources_path import example_form_path

    form = load_form(example_form_path())
    path = tmp_path / "项目服务管理.xlsx"
    export_xlsx(form, path)
    assert load_form(path) == form


def test_garbage_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(FormFileError) as info:
        load_form(path)
    assert "fake.xlsx" in str(info.value)
