"""Hostile inputs of issue 13, generated (never stored): for the regression tests and for
``benchmarks/bench_hostile.py``. Each returns the bytes of a small file that once cost
seconds to minutes and gigabytes."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import Any

from perfeval_gui.io.pev import load_pev
from perfeval_gui.io.xlsx_export import workbook_bytes
from perfeval_gui.resources_path import example_form_path

SHEET = "xl/worksheets/sheet1.xml"


def example_document() -> dict[str, Any]:
    """The bundled example .pev as parsed JSON."""
    document: dict[str, Any] = json.loads(example_form_path().read_text(encoding="utf-8"))
    return document


def pev_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def pev_with_weight(number: str) -> bytes:
    """The example with the first 三级's 分值 replaced by ``number`` (a JSON string)."""
    document = example_document()
    document["form"]["level1"][0]["children"][0]["indicators"][0]["weight"] = number
    return pev_bytes(document)


def pev_many_items(count: int = 6_000_000) -> bytes:
    """A list of ``count`` wrong-typed items: 6 million is 18 MB, under the 20 MiB cap."""
    document = example_document()
    document["form"]["level1"] = [1] * count
    return json.dumps(document, separators=(",", ":")).encode()


def pev_deep(levels: int = 200_000) -> bytes:
    return b"[" * levels + b"]" * levels


def pev_surrogate() -> bytes:
    document = example_document()
    document["form"]["project_name"] = "项目\ud800"
    return json.dumps(document, ensure_ascii=True).encode()


def example_xlsx() -> bytes:
    """The example form exported (with its hidden perfeval sheet)."""
    return workbook_bytes([load_pev(example_form_path())])


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def edit_sheet(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """``data`` with the first sheet's XML changed by ``edit``."""
    parts = zip_parts(data)
    parts[SHEET] = edit(parts[SHEET])
    return zip_bytes(parts)


def xlsx_merge_bomb() -> bytes:
    """One merged range of 16 billion cells (12.6 KB; once 12 GB and 107 s)."""

    def add_merge(xml: bytes) -> bytes:
        merge = b'<mergeCell ref="A1000:XFD1048576"/>'
        if b"</mergeCells>" in xml:
            return re.sub(rb'<mergeCells count="\d+">', b"<mergeCells>", xml).replace(
                b"</mergeCells>", merge + b"</mergeCells>"
            )
        return xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merge + b"</mergeCells>")

    return edit_sheet(example_xlsx(), add_merge)


def xlsx_many_rows(rows: int = 1_000_000) -> bytes:
    """A sheet of ``rows`` rows of one number each (once 40 s, 1.4 GB, a million warnings)."""

    def add_rows(xml: bytes) -> bytes:
        body = b"".join(
            b'<row r="%d"><c r="Z%d"><v>1</v></c></row>' % (r, r) for r in range(100, rows + 100)
        )
        end = xml.index(b"</sheetData>")
        return xml[:end] + body + xml[end:]

    return edit_sheet(example_xlsx(), add_rows)


def xlsx_huge_score() -> bytes:
    """The example's first 得分 cell (H13) set to 1e30, the hidden sheet removed."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(example_xlsx()))
    del workbook["perfeval"]
    workbook.worksheets[0]["H13"] = 1e30
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_empty_rows(rows: int = 2_000_000) -> bytes:
    """Rows without cells, varied so that they compress too poorly for the ratio check."""

    def add_rows(xml: bytes) -> bytes:
        body = b"".join(b'<row r="%d" ht="%d"/>' % (r, r % 409) for r in range(100, rows + 100))
        end = xml.index(b"</sheetData>")
        return xml[:end] + body + xml[end:]

    return edit_sheet(example_xlsx(), add_rows)
