"""``perfeval render FILE.pev [MORE.pev ...] -o OUT.pdf``: print forms into one PDF.

A folder stands for every form file inside it (subfolders too), in the order 主管部门,
实施单位, 项目名称. Each form starts on a new page and page numbers run on. Flags override
the print options kept in each form for this run only. On any problem one Chinese line goes
to stderr, the exit status is 2, and no output file is left behind (the PDF is written
atomically).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from perfeval_gui.io.atomic import atomic_write_bytes
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.folder import FailedFile, LoadedForm, load_paths
from perfeval_gui.model.form import Form
from perfeval_gui.render.pdf import RenderError, render_pdf

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _fail(message: str) -> int:
    print(f"perfeval render: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    """Render ``args.files`` to ``args.output``; return the exit status."""
    output: Path = args.output
    files: list[Path] = args.files
    if output.suffix.lower() != ".pdf":
        return _fail(f"输出文件应以 .pdf 结尾：{output}")
    if args.first_page is not None and args.first_page < 0:
        return _fail(f"起始页码不能为负数：{args.first_page}")
    if any(f.resolve() == output.resolve() for f in files):
        return _fail(f"输出文件不能是要打印的文件本身：{output}")
    # Every form of a workbook (one per sheet or several on a sheet), as summary counts them.
    loaded = load_paths(files, every_form=True, skip=[output])
    for item in loaded:
        if isinstance(item, FailedFile):
            return _fail(item.reason)
    forms: list[Form] = [item.form for item in loaded if isinstance(item, LoadedForm)]
    files = [item.path for item in loaded if isinstance(item, LoadedForm)]
    buffer = io.BytesIO()
    try:
        pages = render_pdf(
            forms,
            buffer,
            first_page=args.first_page,
            signature=True if args.signature else None,
            font_path=args.font,
            landscape=True if args.landscape else None,
        )
        atomic_write_bytes(output, buffer.getvalue(), backup=False)
    except RenderError as exc:
        return _fail(str(exc) + _font_hint(args.font, files, forms))
    except FormFileError as exc:
        return _fail(str(exc))
    print(f"已打印 {len(forms)} 张自评表，共 {pages} 页：{output}")
    return EXIT_OK


def _font_hint(flag: Path | None, files: list[Path], forms: list[Form]) -> str:
    """Where a font came from when no ``--font`` was given: a form's print settings, often
    saved on another computer whose fonts this one lacks."""
    if flag is not None:
        return ""
    for path, form in zip(files, forms, strict=True):
        if form.print_options.font_path:
            return f"（此字体取自“{path.name}”的打印设置；可用 --font 指定本机的字体）"
    return ""
