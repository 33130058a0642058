"""``perfeval import`` / ``export`` / ``new`` for flat JSON and ``.pev`` files.

The ``.xlsx`` variants live in ``commands/xlsx.py``. Every write is atomic: on failure the
command prints one Chinese line on stderr, exits 2 and leaves no output file behind.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from perfeval_gui.io.atomic import describe_os_error
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import load_flat, save_flat
from perfeval_gui.io.load import load_form
from perfeval_gui.io.pev import save_pev
from perfeval_gui.model.form import Form, PrintOptions, default_year
from perfeval_gui.model.template_catalog import (
    DEFAULT_TEMPLATE_KEY,
    UnknownTemplateError,
    get_template,
)
from perfeval_gui.model.templates import blank_form

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def run_import(args: argparse.Namespace) -> int:
    """``perfeval import SRC.json (-o OUT.pev | --outdir DIR)``: flat JSON → ``.pev``."""
    source: Path = args.source
    output: Path = args.output if args.output is not None else args.outdir / f"{source.stem}.pev"
    if source.suffix.lower() != ".json":
        return _fail(f"只能导入扁平 .json 或 .xlsx 文件，而不是“{source.name}”")
    if problem := _expect_suffix(output, ".pev"):
        return _fail(problem)
    try:
        if not source.is_file():
            reason = "这是一个文件夹，不是文件" if source.is_dir() else "文件不存在"
            raise FormFileError(reason, source)
        notes: list[str] = []
        form = load_flat(source, notes)
        if template := getattr(args, "template", None):
            form = form.model_copy(update={"template": get_template(template).key})
        if args.outdir is not None:  # made as for a workbook (``commands/xlsx.py``)
            make_folder(args.outdir)
        save_pev(form, output)
    except FormFileError as exc:
        return _fail(str(exc))
    except UnknownTemplateError as exc:
        return _fail(str(exc))
    for note in notes:
        print(f"perfeval: 警告：{source.name}：{note}", file=sys.stderr)
    print(f"已导入：{source} → {output}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``perfeval export FILE.pev -o OUT.json``: ``.pev`` (or any readable form) → flat JSON."""
    source: Path = args.source
    output: Path = args.output
    if problem := _expect_suffix(output, ".json"):
        return _fail(f"{problem}（或 .xlsx）")
    try:
        form = load_form(source)
        save_flat(form, output)
    except FormFileError as exc:
        return _fail(str(exc))
    print(f"已导出：{source} → {output}")
    for note in not_kept_in_flat(form):
        print(f"perfeval: 提示：{note}", file=sys.stderr)
    return EXIT_OK


def make_folder(folder: Path) -> None:
    """Create the ``--outdir`` folder (and its parents) unless it exists."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:  # a file where a folder should be
        raise FormFileError("无法创建文件夹：路径中有同名的文件", folder) from exc
    except OSError as exc:
        raise FormFileError(describe_os_error(exc, writing=True), folder) from exc


def not_kept_in_flat(form: Form) -> list[str]:
    """What flat JSON cannot hold (it has one row per 三级), said so rather than lost silently."""
    empty: list[str] = []
    for l1 in form.level1:
        if not any(l2.indicators for l2 in l1.children):
            empty.append(l1.name or "（未命名一级指标）")
            continue
        empty += [
            f"{l1.name} / {l2.name or '（未命名二级指标）'}"
            for l2 in l1.children
            if not l2.indicators
        ]
    notes = []
    if empty:
        notes.append(
            f"扁平 JSON 只保存有三级指标的行，以下没有三级指标的指标未导出：{'、'.join(empty)}"
        )
    if form.print_options != PrintOptions():
        notes.append("扁平 JSON 不保存打印设置（起始页码、签字栏、字体、横向），未导出")
    return notes


def run_new(args: argparse.Namespace) -> int:
    """``perfeval new -o OUT.pev [--year N] [--template KEY]``: a blank form of a template,
    with its standard 一级/二级 catalogue."""
    output: Path = args.output
    year: int = args.year if args.year is not None else default_year()
    if problem := _expect_suffix(output, ".pev"):
        return _fail(problem)
    try:
        template = get_template(args.template or DEFAULT_TEMPLATE_KEY)
    except UnknownTemplateError as exc:
        return _fail(str(exc))
    try:
        form = blank_form(template, year)
    except ValidationError:  # the model bounds the year
        return _fail(f"年度 {year} 无效，应为 1900 至 9999 之间的四位数")
    try:
        save_pev(form, output)
    except FormFileError as exc:
        return _fail(str(exc))
    print(f"已新建 {year} 年度自评表（{template.name}表样）：{output}")
    return EXIT_OK


def _expect_suffix(path: Path, suffix: str) -> str | None:
    if path.suffix.lower() == suffix:
        return None
    return f"输出文件“{path.name}”应以 {suffix} 结尾"


def _fail(message: str) -> int:
    print(f"perfeval: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
