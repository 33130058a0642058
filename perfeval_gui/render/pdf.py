"""Forms → one PDF that reproduces the official 财政项目支出绩效自评表 (FORM-SPEC §2).

Each form starts on a new page and page numbers run on from the first; options left as
``None`` come from each form's ``print_options``. PDFs are built with reportlab's
``invariant`` mode, so the same forms give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import BinaryIO

from perfeval_gui.files import os_error_reason
from perfeval_gui.model.form import Form
from perfeval_gui.render.errors import RenderError
from perfeval_gui.render.fonts import LoadedFont, load_font, resolve_font
from perfeval_gui.render.layout import Page, Style
from perfeval_gui.render.text import printable

__all__ = ["RenderError", "render_pdf", "render_pdf_bytes"]


def _creator() -> str:
    from perfeval_gui import __version__  # noqa: PLC0415

    return f"perfeval {__version__}"


def _metadata(forms: Sequence[Form]) -> tuple[str, str]:
    """PDF title (the project name) and author (the 实施单位)."""
    names = [printable(f.project_name).strip() or printable(f.title) for f in forms]
    title = names[0] if len(names) == 1 else f"{names[0]}等 {len(names)} 个项目"
    units = dict.fromkeys(printable(f.implementing_unit).strip() for f in forms)
    return title, "、".join(u for u in units if u)


def _layout(
    forms: Sequence[Form],
    *,
    first_page: int | None,
    signature: bool | None,
    font_path: Path | None,
    landscape: bool | None,
) -> list[tuple[Page, LoadedFont]]:
    from perfeval_gui.render.compose import layout_form  # noqa: PLC0415

    if not forms:
        raise RenderError("没有要打印的自评表")
    number = forms[0].print_options.first_page_number if first_page is None else first_page
    if number < 0:
        raise RenderError(f"起始页码不能为负数：{number}")
    pages: list[tuple[Page, LoadedFont]] = []
    for form in forms:
        options = form.print_options
        font = load_font(resolve_font(font_path if font_path is not None else options.font_path))
        style = Style(landscape=options.landscape if landscape is None else landscape)
        form_pages = layout_form(
            form,
            style,
            font,
            first_number=number,
            signature=options.signature_block if signature is None else signature,
        )
        number += len(form_pages)
        pages += [(page, font) for page in form_pages]
    return pages


def _render(
    forms: Sequence[Form],
    *,
    first_page: int | None,
    signature: bool | None,
    font_path: Path | None,
    landscape: bool | None,
) -> tuple[bytes, int]:
    """The PDF of ``forms`` and its number of pages."""
    from reportlab.pdfgen.canvas import Canvas  # noqa: PLC0415

    from perfeval_gui.render.draw import draw_page  # noqa: PLC0415

    pages = _layout(
        forms, first_page=first_page, signature=signature, font_path=font_path, landscape=landscape
    )
    from reportlab import rl_config  # noqa: PLC0415

    buffer = io.BytesIO()
    # The initial font would otherwise be Helvetica, listed in the PDF without being embedded.
    canvas = Canvas(
        buffer, invariant=1, pageCompression=1, lang="zh-CN", initialFontName=pages[0][1].name
    )
    title, author = _metadata(forms)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(printable(forms[0].title))
    canvas.setCreator(_creator())
    # Binary (not ASCII85) streams: smaller files, and much faster without reportlab's
    # optional C accelerator.
    use_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        for page, font in pages:
            draw_page(canvas, page, font)
        canvas.save()
    finally:
        rl_config.useA85 = use_a85
    return buffer.getvalue(), len(pages)


def render_pdf_bytes(
    forms: Sequence[Form],
    *,
    first_page: int | None = None,
    signature: bool | None = None,
    font_path: Path | None = None,
    landscape: bool | None = None,
) -> bytes:
    """The PDF of ``forms`` as bytes (see :func:`render_pdf` for the options)."""
    return _render(
        forms, first_page=first_page, signature=signature, font_path=font_path, landscape=landscape
    )[0]


def render_pdf(
    forms: Sequence[Form],
    out: str | PathLike[str] | BinaryIO,
    *,
    first_page: int | None = None,
    signature: bool | None = None,
    font_path: Path | None = None,
    landscape: bool | None = None,
) -> int:
    """Print ``forms`` to ``out`` (a path or a binary stream); return the number of pages.

    The whole PDF is made before anything is written, so a form that cannot be printed
    leaves ``out`` untouched. Raises :class:`RenderError` with a Chinese message.
    """
    data, pages = _render(
        forms, first_page=first_page, signature=signature, font_path=font_path, landscape=landscape
    )
    if isinstance(out, str | PathLike):
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise RenderError(
                f"无法写入 PDF 文件“{out}”：{os_error_reason(exc, writing=True)}"
            ) from exc
    else:
        out.write(data)
    return pages
