"""``perfeval report FILE -o 报告.docx``: a Word draft of the 项目支出绩效自评报告.

The report tells the form's facts in the usual five sections; where the form is silent it
leaves ``【请补充：…】`` for the writer. On any problem one Chinese line goes to stderr, the
exit status is 2 and no output file is left behind (the .docx is written atomically).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.folder import load_forms_of
from perfeval_gui.io.report_docx import write_report_docx
from perfeval_gui.model.report_content import PLACEHOLDER_PATTERN, build_report

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _fail(message: str) -> int:
    print(f"perfeval report: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run(args: argparse.Namespace) -> int:
    """Write the report of ``args.source`` to ``args.output``; return the exit status."""
    source: Path = args.source
    output: Path = args.output
    if output.suffix.lower() != ".docx":
        return _fail(f"输出文件应以 .docx 结尾：{output}")
    if source.resolve() == output.resolve():
        return _fail(f"输出文件不能是自评表文件本身：{output}")
    title: str | None = args.title
    if title is not None and not title.strip():
        return _fail("报告标题不能为空")
    try:
        forms = load_forms_of(source, every_form=True)
        if len(forms) > 1:
            names = "、".join(f"“{f.form.project_name.strip() or f.label}”" for f in forms[:3])
            more = " 等" if len(forms) > 3 else ""
            return _fail(
                f"{source}：工作簿中有 {len(forms)} 张自评表（{names}{more}），一份报告只写一张表；"
                "请先用 perfeval import 工作簿 --outdir 目录 分开，再逐个生成报告"
            )
        form = forms[0].form
        report = build_report(form, title=title)
        write_report_docx(report, output)
    except FormFileError as exc:
        return _fail(str(exc))
    gaps = sum(len(PLACEHOLDER_PATTERN.findall(text)) for text in report.texts())
    print(f"已生成自评报告：{output}")
    if gaps:
        print(f"报告中有 {gaps} 处以【请补充：…】或【请核实：…】标出的内容，请补充、核实后定稿。")
    return EXIT_OK
