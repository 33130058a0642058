"""The ``perfeval`` command: check, convert, create and print forms without the editor.

This module only builds the argument parser and dispatches; each sub-command lives in
``perfeval_gui.commands``. Help texts are in Simplified Chinese, the product's language.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from perfeval_gui import __version__
from perfeval_gui.files import path_problem

#: Exit statuses shared by all sub-commands.
EXIT_OK = 0
EXIT_FINDINGS = 1  # `check`: some file has an error finding
EXIT_BAD_INPUT = 2  # a file could not be read or written, or the arguments are wrong
#: The start of the one line printed for an unexpected failure (a bug).
INTERNAL_ERROR = "内部错误"


#: argparse's fixed English phrases in error messages (Python 3.11–3.13) → Chinese.
_ERROR_PHRASES = (
    ("the following arguments are required: ", "缺少必需的参数："),
    ("one of the arguments ", "以下参数必须给出一个："),
    (" is required", ""),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的选项："),
    ("(choose from ", "（可选："),
    ("invalid int value: ", "不是整数："),
    ("expected one argument", "需要一个值"),
    ("not allowed with argument ", "不能与此参数同时使用："),
    ("argument ", "参数 "),
)
#: … and in help texts.
_HELP_PHRASES = (
    ("usage: ", "用法："),
    ("\npositional arguments:\n", "\n位置参数：\n"),
    ("\noptions:\n", "\n选项：\n"),
)


def _translate(text: str, phrases: tuple[tuple[str, str], ...]) -> str:
    for english, chinese in phrases:
        text = text.replace(english, chinese)
    return text


class _ChineseHelpFormatter(argparse.HelpFormatter):
    """Help text with the usage line and section titles in Chinese."""

    def format_help(self) -> str:  # reimplements HelpFormatter.format_help
        return _translate(super().format_help(), _HELP_PHRASES)


class _ChineseParser(argparse.ArgumentParser):
    """argparse with its fixed English phrases said in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # reimplements ArgumentParser.error
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 参数错误：{_translate(message, _ERROR_PHRASES)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``perfeval`` and all its sub-commands."""
    parser = _ChineseParser(
        prog="perfeval",
        description="财政项目支出绩效自评表：检查、转换、新建与打印（无需打开编辑器）。",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument(
        "--version", action="version", version=f"perfeval {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_ChineseParser)
    sub.required = True

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, add_help=False)
        p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        return p

    check = add("check", "检查自评表：分值、得分、执行率与审核规则发现的问题")
    check.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="文件",
        help=".pev、扁平 .json 或 .xlsx 文件，或文件夹（其中及子文件夹中的全部自评表）",
    )
    check.add_argument("--json", action="store_true", help="以 JSON 数组输出，每个文件一个对象")

    imp = add("import", "导入扁平 JSON 或 Excel（.xlsx）为 .pev 文件")
    imp.add_argument("source", type=Path, metavar="源文件", help="扁平 .json 或 .xlsx 文件")
    dest = imp.add_mutually_exclusive_group(required=True)
    dest.add_argument("-o", "--output", type=Path, metavar="输出.pev", help="输出的 .pev 文件")
    dest.add_argument(
        "--outdir",
        type=Path,
        metavar="目录",
        help="工作簿含多张表时，每张表输出一个 .pev 文件到此目录",
    )
    imp.add_argument(
        "--template",
        default=None,
        metavar="模板",
        help="按此表样模板读取（默认按表中的栏目自动识别）；perfeval templates 列出全部模板",
    )

    exp = add("export", "把 .pev 文件导出为扁平 JSON（.json）或 Excel（.xlsx）")
    exp.add_argument("source", type=Path, metavar="文件.pev", help="要导出的 .pev 文件")
    exp.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="输出",
        help="以 .json 或 .xlsx 结尾的输出文件",
    )

    new = add("new", "新建一张含标准一级、二级指标的空白自评表")
    new.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出.pev", help="输出的 .pev 文件"
    )
    new.add_argument("--year", type=int, default=None, metavar="年度", help="年度，默认为上一年")
    new.add_argument(
        "--template",
        default=None,
        metavar="模板",
        help="表样模板（默认 shanghai，即上海/中央表样）；perfeval templates 列出全部模板",
    )

    add("templates", "列出可用的表样模板（各省份的自评表版本）")

    render = add("render", "把一个或多个自评表打印为 PDF（每张表另起一页，页码连续）")
    render.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="文件.pev",
        help="要打印的 .pev（或 .json、.xlsx）文件，或文件夹（其中的全部自评表）",
    )
    render.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出.pdf", help="输出的 PDF 文件"
    )
    render.add_argument(
        "--first-page", type=int, default=None, metavar="N", help="起始页码（默认取表单设置）"
    )
    render.add_argument("--signature", action="store_true", help="在表格下方加签字栏")
    render.add_argument(
        "--font", type=Path, default=None, metavar="字体文件", help="TrueType 字体（.ttf/.ttc）"
    )
    render.add_argument("--landscape", action="store_true", help="A4 横向打印")

    summary = add("summary", "汇总多个自评表：每个项目一行，金额合计、总体执行率、等级分布与得分")
    summary.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="文件或文件夹",
        help=".pev、扁平 .json、.xlsx 文件，或文件夹（其中及子文件夹中的全部自评表）",
    )
    summary.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="汇总.xlsx|汇总.pdf",
        help="输出的汇总表：.xlsx（含图表）或 .pdf（A4 报告）；不给出时在屏幕上列出合计",
    )
    summary.add_argument("--json", action="store_true", help="以 JSON 输出汇总数据")
    summary.add_argument(
        "--group-by",
        choices=["主管部门", "实施单位"],
        default=None,
        metavar="主管部门|实施单位",
        help="按主管部门或实施单位分组小计",
    )
    summary.add_argument(
        "--unit",
        choices=["元", "万元"],
        default=None,
        metavar="元|万元",
        help="金额单位（默认：全部表以万元填报时为万元，否则为元）",
    )

    report = add("report", "由自评表生成项目支出绩效自评报告（Word .docx 初稿）")
    report.add_argument("source", type=Path, metavar="文件", help=".pev、扁平 .json 或 .xlsx 文件")
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar="报告.docx", help="输出的 Word 文件"
    )
    report.add_argument(
        "--title",
        default=None,
        metavar="标题",
        help="报告标题（默认：某年度某项目支出绩效自评报告）",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``perfeval`` with ``argv`` (default: the process arguments); return the exit status."""
    _tolerate_narrow_encodings()
    args = build_parser().parse_args(argv)
    problem = _path_problem(args)
    if problem:
        print(f"perfeval: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return _dispatch(args)
    except BrokenPipeError:
        # The reader went away (`perfeval check … | head`): stop quietly, as Unix tools do,
        # and keep Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BAD_INPUT
    except Exception as exc:
        # A bug, never the user's fault: one Chinese line instead of a traceback (the fuzz
        # tests fail on this line). PERFEVAL_DEBUG=1 shows the traceback.
        if os.environ.get("PERFEVAL_DEBUG"):
            raise
        print(
            f"perfeval: {INTERNAL_ERROR}（{type(exc).__name__}），请把所用的文件和命令告知开发者",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


def _path_problem(args: argparse.Namespace) -> str | None:
    """Why a path on the command line cannot name a file (too long, …), before any is used."""
    paths: list[Path] = []
    for name in ("source", "output", "outdir", "font", "files"):
        value = getattr(args, name, None)
        paths += value if isinstance(value, list) else [value] if value is not None else []
    for path in paths:
        problem = path_problem(path)
        if problem:
            return f"无法处理文件“{path}”：{problem}"
    return None


def _tolerate_narrow_encodings() -> None:
    """Never crash on a character the terminal's encoding lacks (GBK consoles, redirects).

    Such a character prints as ``?`` in text reports; ``check --json`` escapes non-ASCII
    instead, so its output stays valid JSON.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _dispatch(args: argparse.Namespace) -> int:
    """Run the sub-command ``args.command``.

    Each command module is imported only when used, so ``perfeval check`` does not pay for
    importing openpyxl or reportlab.
    """
    command: str = args.command
    if command == "check":
        from perfeval_gui.commands import check as check_cmd  # noqa: PLC0415

        return check_cmd.run(args)
    if command == "import":
        if args.source.suffix.lower() == ".xlsx":
            from perfeval_gui.commands import xlsx as xlsx_cmd  # noqa: PLC0415

            return xlsx_cmd.run_import(args)
        from perfeval_gui.commands import convert  # noqa: PLC0415

        return convert.run_import(args)
    if command == "export":
        if args.output.suffix.lower() == ".xlsx":
            from perfeval_gui.commands import xlsx as xlsx_cmd  # noqa: PLC0415

            return xlsx_cmd.run_export(args)
        from perfeval_gui.commands import convert  # noqa: PLC0415

        return convert.run_export(args)
    if command == "templates":
        from perfeval_gui.commands import templates as templates_cmd  # noqa: PLC0415

        return templates_cmd.run(args)
    if command == "new":
        from perfeval_gui.commands import convert  # noqa: PLC0415

        return convert.run_new(args)
    if command == "summary":
        from perfeval_gui.commands import summary as summary_cmd  # noqa: PLC0415

        return summary_cmd.run(args)
    if command == "report":
        from perfeval_gui.commands import report as report_cmd  # noqa: PLC0415

        return report_cmd.run(args)
    from perfeval_gui.commands import render as render_cmd  # noqa: PLC0415

    return render_cmd.run(args)


if __name__ == "__main__":
    sys.exit(main())
