"""Sheet sizes read from the XML, before openpyxl builds a single cell object.

A 12 KB workbook can declare ``<mergeCell ref="A1000:XFD1048576"/>``: openpyxl makes one
object per merged cell (17 billion of them). A sheet of a million rows takes a minute and
gigabytes to load, two million empty rows 160 s and 2.3 GB. So the XML parts are scanned
as bytes first — stored cells, merged ranges (by their area), shared strings and all tags
are counted — and a workbook over any limit is refused with a Chinese reason. (A stray cell
far away, ``XFD1048576``, costs nothing: cells are stored sparsely.) The limits are far
above any real 自评表 (a few hundred cells).
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
#: Most XML tags (counted as ``<``, closing tags included) in all parts together: empty rows,
#: styles or names also cost openpyxl time. A 49,000-cell sheet has about 300,000.
MAX_XML_TAGS = 1_000_000
_CHUNK = 1024 * 1024
_CARRY_LIMIT = 64 * 1024
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SHARED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")


def check_sheet_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse a workbook whose XML passes the limits (see the module docstring)."""
    totals = {"cells": 0, "tags": 0}
    for info in archive.infolist():
        lower = info.filename.lower()
        if not lower.endswith((".xml", ".rels", ".vml")):
            continue
        sheet = lower.startswith("xl/worksheets/") and lower.endswith(".xml")
        shared = merged = 0
        for piece in _pieces(archive, info, path):
            totals["tags"] += piece.count(b"<")
            if totals["tags"] > MAX_XML_TAGS:
                raise FormFileError(
                    f"工作簿的 XML 内容过多（超过 {MAX_XML_TAGS} 个标记），不像是自评表", path
                )
            if sheet:
                merged = _check_sheet_piece(piece, info.filename, path, totals, merged)
            elif lower == "xl/sharedstrings.xml":
                shared += len(_SHARED.findall(piece))
                if shared > MAX_SHARED_STRINGS:
                    raise FormFileError(
                        f"工作簿中的文字过多（超过 {MAX_SHARED_STRINGS} 条），不像是一张自评表",
                        path,
                    )


def _check_sheet_piece(
    piece: bytes, name: str, path: Path, totals: dict[str, int], merged: int
) -> int:
    """Count the cells (workbook-wide, in ``totals``) and the merged area of the sheet so far
    (returned) in one piece of a sheet part."""
    totals["cells"] += len(_CELL.findall(piece))
    if totals["cells"] > MAX_SHEET_CELLS:
        raise FormFileError(f"工作簿的单元格过多（超过 {MAX_SHEET_CELLS} 个），不像是自评表", path)
    for ref in _MERGE.findall(piece):
        merged += _area(ref)
        if merged > MAX_MERGED_CELLS:
            shown = ref.decode("ascii", "replace")
            raise FormFileError(
                f"工作表文件“{name}”的合并单元格过大（“{shown}”等，共超过 {MAX_MERGED_CELLS} 格），"
                "不像是一张自评表",
                path,
            )
    return merged


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
