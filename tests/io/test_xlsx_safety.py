"""Spreadsheets from anyone: hostile or broken files are refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfeval_gui.io import xlsx_safety
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.io.xlsx_safety import open_workbook
from tests.io.xlsx_hostile import (
    docx,
    entity_bomb,
    plain_zip,
    replace_parts,
    truncated,
    valid_xlsx,
    write,
    zip_bomb,
)

REFUSED = {
    "zip-bomb": (zip_bomb, "压缩炸弹"),
    "entity-bomb": (entity_bomb, "XML 实体"),
    "renamed-docx": (docx, "Word 文档"),
    "truncated": (truncated, "损坏或不完整"),
    "old-xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为"),
    "pdf": (lambda: b"%PDF-1.7\n%...", "PDF"),
    "html-as-xls": (lambda: b"<html><table><tr><td>1</td></tr></table></html>", "网页"),
    "text": (lambda: bytes("项目名称,示例\n", "utf-8"), "不是 Excel 工作簿"),
    "empty": (lambda: b"", "空的"),
    "other-zip": (plain_zip, "压缩包，但不是 Excel 工作簿"),
}


@pytest.mark.parametrize("kind", list(REFUSED))
def test_hostile_and_broken_files_are_refused_with_a_message(tmp_path: Path, kind: str) -> None:
    make, words = REFUSED[kind]
    path = write(tmp_path / "来信附件.xlsx", make())
    with pytest.raises(FormFileError) as caught:
        read_workbook(path)
    assert words in str(caught.value)
    assert "来信附件.xlsx" in str(caught.value)  # the message names the file


def test_entity_bomb_is_stopped_by_defusedxml_too(tmp_path: Path) -> None:
    """Even without the pre-scan, openpyxl parses through defusedxml and refuses the DTD."""
    with pytest.raises(FormFileError, match="不安全的 XML"):
        open_workbook(entity_bomb(), tmp_path / "bomb.xlsx")


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as stream:  # sparse: costs no disk
        stream.truncate(xlsx_safety.MAX_FILE_BYTES + 1)
    with pytest.raises(FormFileError, match="文件过大"):
        read_workbook(path)


def test_zip_bomb_is_refused_from_its_directory_without_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_inflating(*_: object, **__: object) -> None:
        raise AssertionError("the bomb was opened")

    monkeypatch.setattr(xlsx_safety, "_check_parts", no_inflating)
    with pytest.raises(FormFileError, match="压缩炸弹"):
        read_workbook(write(tmp_path / "bomb.xlsx", zip_bomb()))


def test_macros_are_never_run_and_said_so(tmp_path: Path) -> None:
    data = replace_parts(valid_xlsx(), {"xl/vbaProject.bin": b"\0" * 64})
    sheets = read_workbook(write(tmp_path / "macro.xlsx", data))
    assert any("宏" in str(note) for note in sheets[0].notes)


def test_a_genuine_file_with_any_extension_is_read(tmp_path: Path) -> None:
    """The check is on the content, not the name: a workbook saved as .XLSX or .bin reads."""
    sheets = read_workbook(write(tmp_path / "FORM.bin", valid_xlsx()))
    assert sheets[0].form.project_name == "示例"
