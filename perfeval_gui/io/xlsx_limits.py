"""Sheet sizes read from the XML, before openpyxl builds a single cell object.

A 12 KB workbook can declare ``<mergeCell ref="A1000:XFD1048576"/>``: openpyxl makes one
object per merged cell (17 billion of them). A sheet of a million rows takes a minute and
gigabytes to load. So the worksheet parts are scanned as bytes first — stored cells, merged
ranges (by their area) and shared strings are counted — and a workbook over any limit is
refused with a Chinese reason. (A stray cell far away, ``XFD1048576``, costs nothing: cells
are stored sparsely.) The limits are far above any real 自评表 (a few hundred cells).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

from perfeval_gui.io.errors import FormFileError

#: Most stored cells in the whole workbook (a form has a few hundred; a flat sheet of 100
#: projects about 25,000). openpyxl reads about 15,000 cells a second on a slow machine.
MAX_SHEET_CELLS = 50_000
#: Most cells covered by merged ranges in one sheet.
MAX_MERGED_CELLS = 100_000
#: Most shared strings in a workbook.
MAX_SHARED_STRINGS = 100_000
_CHUNK = 1024 * 1024
_CARRY_LIMIT = 64 * 1024
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SHARED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")


def check_sheet_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse a workbook whose sheets or shared strings pass the limits (see module doc)."""
    cells = 0
    for info in archive.infolist():
        name = info.filename
        lower = name.lower()
        if lower.startswith("xl/worksheets/") and lower.endswith(".xml"):
            cells = _check_sheet(archive, info, path, cells)
        elif lower == "xl/sharedstrings.xml":
            count = sum(len(_SHARED.findall(piece)) for piece in _pieces(archive, info, path))
            if count > MAX_SHARED_STRINGS:
                raise FormFileError(
                    f"工作簿中的文字过多（{count} 条，上限 {MAX_SHARED_STRINGS}），"
                    "不像是一张自评表",
                    path,
                )


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, cells: int) -> int:
    """Check one sheet part; ``cells`` counts the cells of the sheets before it (returned
    with this sheet's added)."""
    merged = 0
    where = f"工作表文件“{info.filename}”"
    for piece in _pieces(archive, info, path):
        cells += len(_CELL.findall(piece))
        if cells > MAX_SHEET_CELLS:
            raise FormFileError(
                f"工作簿的单元格过多（超过 {MAX_SHEET_CELLS} 个），不像是自评表", path
            )
        for ref in _MERGE.findall(piece):
            merged += _area(ref)
            if merged > MAX_MERGED_CELLS:
                shown = ref.decode("ascii", "replace")
                raise FormFileError(
                    f"{where}的合并单元格过大（“{shown}”等，共超过 {MAX_MERGED_CELLS} 格），"
                    "不像是一张自评表",
                    path,
                )
    return cells


def _area(ref: bytes) -> int:
    """Cells in a merged range (``A1:C3`` → 9); an unreadable range counts as one cell
    (openpyxl then refuses the file)."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
    except (ValueError, TypeError, UnicodeDecodeError):
        return 1
    if None in (min_col, min_row, max_col, max_row):  # whole rows or columns: A:C, 1:3
        return MAX_MERGED_CELLS + 1
    width = abs(int(max_col) - int(min_col)) + 1
    return width * (abs(int(max_row) - int(min_row)) + 1)


def _pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> Iterator[bytes]:
    """The part in pieces that each end just after a ``>``, so no tag is cut in two."""
    carry = b""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                data = carry + chunk
                cut = data.rfind(b">") + 1
                if cut == 0 and len(data) < _CARRY_LIMIT:
                    carry = data
                    continue
                cut = cut or len(data)
                yield data[:cut]
                carry = data[cut:]
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        raise FormFileError(f"文件已损坏或不完整（“{info.filename}”无法解压）", path) from None
    if carry:
        yield carry
