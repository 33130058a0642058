"""``perfeval import X.xlsx`` and ``perfeval export X.pev -o Y.xlsx``.

Refused or unreadable input: one Chinese line on stderr, exit status 2, nothing written.
What the importer could not understand is printed as warnings naming sheet, row and column;
the import still succeeds (exit 0) when a form was produced, because the user's next step is
to open it and fix those cells, which a refusal would not let them do.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from perfeval_gui.commands.convert import make_folder
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.load import load_form
from perfeval_gui.io.pev import save_pev
from perfeval_gui.io.xlsx_export import export_xlsx
from perfeval_gui.io.xlsx_import import ImportedSheet, read_workbook

EXIT_OK = 0
EXIT_BAD_INPUT = 2

_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_MAX_STEM = 60


def run_import(args: argparse.Namespace) -> int:
    """``perfeval import SRC.xlsx (-o OUT.pev | --outdir DIR)``: workbook → ``.pev`` file(s)."""
    source: Path = args.source
    output: Path | None = args.output
    outdir: Path | None = args.outdir
    if output is not None and output.suffix.lower() != ".pev":
        return _fail(f"输出文件“{output.name}”应以 .pev 结尾")
    if outdir is not None and outdir.exists() and not outdir.is_dir():
        return _fail(f"“{outdir}”不是文件夹")
    try:
        if not source.is_file():
            reason = "这是一个文件夹，不是文件" if source.is_dir() else "文件不存在"
            raise FormFileError(reason, source)
        sheets = read_workbook(source, getattr(args, "template", None))
    except FormFileError as exc:
        return _fail(str(exc))
    if output is not None and len(sheets) > 1:
        # Named by project (two forms on one sheet share the sheet's name), at most three.
        names = "、".join(f"“{s.form.project_name.strip() or s.sheet_name}”" for s in sheets[:3])
        names += " 等" if len(sheets) > 3 else ""
        return _fail(
            f"工作簿中有 {len(sheets)} 张自评表（{names}），"
            "请用 --outdir 目录 把每张表各导出为一个 .pev 文件"
        )
    targets = [output] if output is not None else _outdir_targets(sheets, outdir or Path())
    try:
        if outdir is not None:
            make_folder(outdir)
        for sheet, target in zip(sheets, targets, strict=True):
            _print_notes(sheet)
            save_pev(sheet.form, target)
            print(f"已导入：{source}（工作表“{sheet.sheet_name}”）→ {target}")
    except FormFileError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"无法创建文件夹“{outdir}”（{exc.strerror or type(exc).__name__}）")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``perfeval export FILE.pev -o OUT.xlsx``: a form → workbook in the printed layout."""
    source: Path = args.source
    output: Path = args.output
    try:
        form = load_form(source)
        export_xlsx(form, output)
    except FormFileError as exc:
        return _fail(str(exc))
    print(f"已导出：{source} → {output}")
    return EXIT_OK


def _outdir_targets(sheets: list[ImportedSheet], outdir: Path) -> list[Path]:
    """One ``.pev`` path per form, named after its 项目名称 (or sheet), never twice the same."""
    used: set[str] = set()
    targets = []
    for sheet in sheets:
        stem = _BAD_FILE_CHARS.sub("_", sheet.form.project_name).strip(" .")[:_MAX_STEM]
        stem = stem or _BAD_FILE_CHARS.sub("_", sheet.sheet_name).strip(" .") or "自评表"
        candidate, n = stem, 2
        while candidate.casefold() in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate.casefold())
        targets.append(outdir / f"{candidate}.pev")
    return targets


#: Most import warnings printed per sheet; the rest are counted in one line.
MAX_PRINTED_NOTES = 30


def _print_notes(sheet: ImportedSheet) -> None:
    for note in sheet.notes[:MAX_PRINTED_NOTES]:
        print(f"perfeval: 警告：{note}", file=sys.stderr)
    left_out = len(sheet.notes) - MAX_PRINTED_NOTES
    if left_out > 0:
        print(
            f"perfeval: 警告：工作表“{sheet.sheet_name}”另有 {left_out} 条警告未显示"
            "（请在编辑器中导入以查看全部）",
            file=sys.stderr,
        )


def _fail(message: str) -> int:
    print(f"perfeval: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
