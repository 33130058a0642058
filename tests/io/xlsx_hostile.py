"""Hostile and broken files, built in the tests: zip bomb, XML entity bomb, renamed .docx, …"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from perfeval_gui.io.xlsx_export import workbook_bytes
from perfeval_gui.model.form import Form

_BOMB_ENTITIES = "\n".join(
    f'  <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
)
DOCTYPE = f'<!DOCTYPE workbook [\n  <!ENTITY lol0 "lol">\n{_BOMB_ENTITIES}\n]>\n'


def valid_xlsx() -> bytes:
    """A small genuine workbook."""
    return workbook_bytes([Form(project_name="示例")])


def replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """``data`` (a zip) with some parts replaced or added."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents.update(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A workbook-looking zip with a 60 MiB part of zeros that compresses ~1000:1."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * (1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(60):
                part.write(chunk)
    return out.getvalue()


def entity_bomb() -> bytes:
    """A genuine workbook whose workbook part declares billion-laughs entities and uses them."""
    data = valid_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/workbook.xml").decode()
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    body = body.replace(
        "</workbook>",
        '<definedNames><definedName name="x">&lol9;</definedName></definedNames></workbook>',
    )
    bomb = '<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE + body
    return replace_parts(data, {"xl/workbook.xml": bomb.encode()})


def docx() -> bytes:
    """A minimal Word document (what a renamed .docx really is)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def plain_zip() -> bytes:
    """An ordinary zip archive of a text file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("说明.txt", "不是工作簿")
    return out.getvalue()


def truncated() -> bytes:
    """The first half of a genuine workbook, as an interrupted download leaves it."""
    data = valid_xlsx()
    return data[: len(data) // 2]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
