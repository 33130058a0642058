"""Opening a spreadsheet that came by e-mail from anyone, safely.

Checks happen on the raw bytes before openpyxl sees them: a size limit, the file type
(a renamed .xls, .docx or PDF gets a message that names what it really is), the zip
directory (entry count, declared uncompressed sizes and compression ratios, so a zip bomb is
refused before anything is inflated) and a scan of every XML part for DTDs (entity bombs,
external entities). openpyxl then parses through defusedxml (it picks it up when installed),
never evaluates formulas (``data_only=True`` gives the values Excel cached) and drops macros
(``keep_vba=False``). Every refusal is a :class:`FormFileError` with a Chinese reason.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.paths import read_regular_file
from perfeval_gui.io.xlsx_grid import stored_cells
from perfeval_gui.io.xlsx_limits import MAX_SHEET_CELLS, check_sheet_sizes

#: Largest file accepted (a form with pictures is well under 1 MiB).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Largest sum of the declared uncompressed sizes of all zip entries.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
#: Entries larger than this must not be compressed more than MAX_RATIO : 1.
RATIO_CHECK_BYTES = 2 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 5000

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SCAN_CHUNK = 1024 * 1024
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E\x00")


@dataclass(frozen=True)
class OpenedWorkbook:
    """The workbook twice: with cached values, and with formulas (to tell which cells had one)."""

    values: Workbook
    formulas: Workbook
    has_macros: bool


def read_checked_bytes(path: Path) -> bytes:
    """The bytes of ``path`` once it passed the size, type, zip and XML checks."""
    path = Path(path)
    data = read_regular_file(path, MAX_FILE_BYTES, _too_large)
    _check_file_type(data, path)
    with _open_zip(data, path) as archive:
        _check_zip_directory(archive, path)
        _check_parts(archive, path)
        check_sheet_sizes(archive, path)
    return data


def _too_large(size: int) -> str:
    return (
        f"文件过大（{size / 1024 / 1024:.1f} MB，"
        f"上限 {MAX_FILE_BYTES // 1024 // 1024} MB），不像是一张自评表"
    )


def open_workbook(data: bytes, path: Path) -> OpenedWorkbook:
    """Parse checked bytes with openpyxl; any parse failure becomes a :class:`FormFileError`."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns in English about parts it drops (data validation extensions,
            # unknown styles, impossible dates); none of that is the user's to act on.
            warnings.simplefilter("ignore")
            values = openpyxl.load_workbook(
                io.BytesIO(data), data_only=True, keep_vba=False, keep_links=False
            )
            formulas = openpyxl.load_workbook(
                io.BytesIO(data), data_only=False, keep_vba=False, keep_links=False
            )
    except zipfile.BadZipFile as exc:
        raise FormFileError("文件已损坏或不完整（压缩数据校验失败）", path) from exc
    except Exception as exc:  # openpyxl raises many kinds for malformed parts
        if _caused_by_defusedxml(exc):
            raise FormFileError(
                "工作簿含有不安全的 XML（实体或外部引用声明，可能是“XML 炸弹”），已拒绝", path
            ) from exc
        raise FormFileError(f"无法读取工作簿内容（{_describe(exc)}）", path) from exc
    for sheet in values.worksheets:
        count = len(stored_cells(sheet)) if isinstance(sheet, Worksheet) else 0
        if count > MAX_SHEET_CELLS:
            raise FormFileError(
                f"工作表“{sheet.title}”过大（{count} 个单元格），不像是一张自评表",
                path,
            )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        has_macros = any(n.lower().endswith("vbaproject.bin") for n in archive.namelist())
    return OpenedWorkbook(values=values, formulas=formulas, has_macros=has_macros)


def _check_file_type(data: bytes, path: Path) -> None:
    """Refuse anything that is not a zip, naming what it most likely is."""
    head = data[:8]
    if not data:
        raise FormFileError("文件是空的", path)
    if head.startswith(_OLE_MAGIC):
        raise FormFileError(
            "这是旧版 Office 97-2003 文件（如 .xls），不是 .xlsx；"
            "请在 Excel 或 WPS 中“另存为 Excel 工作簿（.xlsx）”后再导入",
            path,
        )
    if head.startswith(b"%PDF"):
        raise FormFileError("这是 PDF 文件，不是 Excel 工作簿（.xlsx）", path)
    if head.startswith(_EMPTY_ZIP_MAGIC):
        raise FormFileError("这是一个空的压缩包，不是 Excel 工作簿（.xlsx）", path)
    if not head.startswith(_ZIP_MAGIC):
        stripped = data[:512].lstrip().lower()
        if stripped.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")):
            raise FormFileError(
                "这是网页或 XML 文本（有的系统导出的“.xls”其实是网页），不是 .xlsx；"
                "请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
                path,
            )
        raise FormFileError("不是 Excel 工作簿（.xlsx）文件", path)


def _open_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FormFileError(
            "文件已损坏或不完整（压缩包目录缺失，可能下载或复制时被截断）", path
        ) from exc


def _check_zip_directory(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse zip bombs from the declared sizes, and archives that are not a workbook."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise FormFileError(f"压缩包内文件过多（{len(entries)} 个），已拒绝", path)
    total = 0
    for info in entries:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECK_BYTES and ratio > MAX_RATIO:
            raise FormFileError(
                f"压缩包中“{info.filename}”的压缩比异常（{ratio:.0f} 倍），疑似“压缩炸弹”，已拒绝",
                path,
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise FormFileError(
            f"解压后过大（{total / 1024 / 1024:.0f} MB，上限 "
            f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB），疑似“压缩炸弹”，已拒绝",
            path,
        )
    names = {info.filename for info in entries}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise FormFileError("这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后再导入", path)
        return
    if "word/document.xml" in names:
        raise FormFileError("这是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）", path)
    if any(name.startswith("ppt/") for name in names):
        raise FormFileError("这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿（.xlsx）", path)
    if "content.xml" in names and "mimetype" in names:
        raise FormFileError(
            "这是 OpenDocument 文件（如 .ods），请另存为 Excel 工作簿（.xlsx）后再导入", path
        )
    raise FormFileError("这是一个压缩包，但不是 Excel 工作簿（.xlsx）", path)


def _check_parts(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse any XML part that declares a DTD: workbooks never do; entity bombs always do.

    Reading is bounded by the declared sizes checked above (zipfile stops at the declared
    size and checks the CRC), so a lying header cannot make this step inflate more.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as stream:
                tail = b""
                while chunk := stream.read(_SCAN_CHUNK):
                    window = tail + chunk
                    if any(marker in window for marker in _DTD_MARKERS):
                        raise FormFileError(
                            f"“{info.filename}”含有 XML 实体或文档类型声明（可能是“XML 炸弹”），"
                            "正常的 Excel 文件不会有，已拒绝",
                            path,
                        )
                    tail = chunk[-32:]
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            ValueError,  # a negative seek: a corrupt local header offset
            NotImplementedError,  # an unknown compression method
            RuntimeError,  # an encrypted entry
        ) as exc:
            raise FormFileError(
                f"文件已损坏或不完整（“{info.filename}”无法解压：{_describe(exc)}）", path
            ) from exc


def _caused_by_defusedxml(exc: BaseException) -> bool:
    """Whether the XML parser refused entities: defusedxml (openpyxl wraps its exception in a
    ValueError) or lxml (an XMLSyntaxError about entities or their amplification)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return True
        if type(seen).__name__ == "XMLSyntaxError" and "entit" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(exc: BaseException) -> str:
    """What went wrong, in Chinese: never openpyxl's or zlib's English (often several lines)."""
    if isinstance(exc, KeyError):
        return "缺少必要的组成部分"
    if type(exc).__name__ in {"XMLSyntaxError", "ParseError", "ExpatError"}:
        return "XML 格式错误"
    if isinstance(exc, zlib.error | zipfile.BadZipFile | EOFError):
        return "压缩数据损坏"
    return "文件结构有误"
