"""Small workbooks that once cost gigabytes, and broken ones that once ended in a traceback or
English: refused from the XML before openpyxl builds anything, in one Chinese line (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.io.xlsx_limits import MAX_MERGED_CELLS, MAX_SHEET_CELLS, MAX_XML_TAGS
from tests.hostile_inputs import (
    SHEET,
    edit_sheet,
    example_xlsx,
    xlsx_empty_rows,
    xlsx_many_rows,
    xlsx_merge_bomb,
    zip_bytes,
    zip_parts,
)


def _write(tmp_path: Path, data: bytes, name: str = "hostile.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _one_chinese_line(err: str) -> str:
    (line,) = err.strip().splitlines()
    assert re.search("[\u4e00-\u9fff]", line)
    said = line.split(": ", 1)[1]  # after the program's name
    assert not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", said), line  # no English phrase
    return line


def test_a_merge_of_billions_of_cells_is_refused_from_the_xml(tmp_path: Path) -> None:
    data = xlsx_merge_bomb()
    assert len(data) < 20_000
    with pytest.raises(FormFileError, match="合并单元格过大（“A1000:XFD1048576”等"):
        read_workbook(_write(tmp_path, data))


def test_merged_whole_columns_are_refused(tmp_path: Path) -> None:
    data = edit_sheet(
        example_xlsx(),
        lambda xml: xml.replace(
            b"</sheetData>", b'</sheetData><mergeCells><mergeCell ref="A:C"/></mergeCells>', 1
        ),
    )
    with pytest.raises(FormFileError, match=f"共超过 {MAX_MERGED_CELLS} 格"):
        read_workbook(_write(tmp_path, data))


@pytest.mark.slow
def test_two_million_empty_rows_are_refused_from_the_xml(tmp_path: Path) -> None:
    """Rows without cells: once 160 s and 2.3 GB in openpyxl."""
    with pytest.raises(FormFileError, match=f"XML 内容过多（超过 {MAX_XML_TAGS} 个标记）"):
        read_workbook(_write(tmp_path, xlsx_empty_rows()))


@pytest.mark.slow
def test_a_million_rows_are_refused_from_the_xml(tmp_path: Path) -> None:
    with pytest.raises(FormFileError, match=f"单元格过多（超过 {MAX_SHEET_CELLS} 个）"):
        read_workbook(_write(tmp_path, xlsx_many_rows(1_000_000)))


def test_rows_just_under_the_limit_still_import_with_few_warning_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, xlsx_many_rows(2_000))
    assert main(["import", str(path), "-o", str(tmp_path / "out.pev")]) == 0
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 31
    assert lines[-1].endswith("另有 1971 条警告未显示（请在编辑器中导入以查看全部）")
    assert all(line.startswith("perfeval: 警告：") for line in lines)


def _corrupt_deflate(data: bytes) -> bytes:
    """The sheet's compressed bytes scrambled in the middle: zlib fails while inflating."""
    start = data.index(SHEET.encode()) + len(SHEET)
    middle = start + 200
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 64]) + data[middle + 64 :]


def _negative_offset(data: bytes) -> bytes:
    """A central directory entry whose local header offset points before the file."""
    directory = data.index(b"PK\x01\x02")
    offset_at = directory + 42
    return data[:offset_at] + b"\xff\xff\xff\x7f" + data[offset_at + 4 :]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_corrupt_deflate, "文件已损坏或不完整"),
        (_negative_offset, "文件已损坏或不完整"),
        (lambda d: d[: len(d) // 2], "文件已损坏或不完整"),
        (
            lambda d: zip_bytes({**zip_parts(d), "xl/workbook.xml": b"<workbook><sheets>"}),
            "无法读取工作簿内容（XML 格式错误）",
        ),
        (
            lambda d: zip_bytes({**zip_parts(d), SHEET: b"<worksheet><sheetData><row r='x'>"}),
            "无法读取工作簿内容",
        ),
    ],
)
def test_broken_workbooks_are_one_chinese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, words: str
) -> None:
    assert callable(make)
    path = _write(tmp_path, make(example_xlsx()))
    assert main(["check", "--json", str(path)]) == 2
    out, err = capsys.readouterr()
    assert words in _one_chinese_line(err)
    assert out.strip() in ("", "[]")


def test_check_of_a_huge_score_cell_names_no_missing_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.hostile_inputs import xlsx_huge_score

    path = _write(tmp_path, xlsx_huge_score())
    assert main(["check", str(path)]) in (0, 1)
    out, _ = capsys.readouterr()
    assert "得分合计：89" in out
