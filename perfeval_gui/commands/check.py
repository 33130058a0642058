"""``perfeval check FILE... [--json]``: totals, grade, 执行率 and the reviewer's findings."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfeval_gui.commands.templates import warn_template_problems
from perfeval_gui.io.folder import FailedFile, load_paths
from perfeval_gui.model.checks import Finding, Severity, run_checks
from perfeval_gui.model.form import Form
from perfeval_gui.model.formatting import format_percent, format_score
from perfeval_gui.model.scoring import FormTotals, compute_totals
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.templates import template_field_label

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "错误",
    Severity.WARNING: "警告",
    Severity.INFO: "提示",
}

_EMPTY = "—"


def run(args: argparse.Namespace) -> int:
    """Check every file in ``args.files``; print a report (text or ``--json``).

    A folder stands for every form file inside it (subfolders too), in the order 主管部门,
    实施单位, 项目名称. Exit status: 0 no error finding, 1 some file has an error finding,
    2 some file could not be read (its reason on stderr; the other files are still checked).
    """
    files: list[Path] = args.files
    as_json: bool = args.json
    status = EXIT_OK
    warn_template_problems("perfeval check")
    reports: list[dict[str, Any]] = []
    printed = 0
    # Every form of a workbook, named 文件#工作表 as in the 汇总表 (not only the first sheet).
    for item in load_paths(files, every_form=True):
        if isinstance(item, FailedFile):
            print(f"perfeval check: {item.reason}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        path, form = Path(item.label), item.form
        _print_import_notes(item.path, item.notes)
        totals = compute_totals(form)
        findings = run_checks(form)
        if any(f.severity == Severity.ERROR for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
        if as_json:
            reports.append(json_report(path, form, totals, findings))
        else:
            if printed:
                print()
            print(text_report(path, form, totals, findings))
            printed += 1
    if as_json:
        print(_fit_stdout(json.dumps(reports, ensure_ascii=False, indent=2)))
    return status


#: Import notes printed per form, as ``perfeval import`` does.
MAX_PRINTED_NOTES = 30


def _print_import_notes(path: Path, notes: tuple[str, ...]) -> None:
    """What reading an Excel form adjusted or could not read (``分值“五十”不是数字``), on stderr:
    the findings alone would say 未填写分值 about a cell the sheet shows filled."""
    for note in notes[:MAX_PRINTED_NOTES]:
        print(f"perfeval check: 警告：{path}：{note}", file=sys.stderr)
    if len(notes) > MAX_PRINTED_NOTES:
        left = len(notes) - MAX_PRINTED_NOTES
        print(f"perfeval check: 警告：{path}：另有 {left} 条导入警告未显示", file=sys.stderr)


def _fit_stdout(text: str) -> str:
    """JSON text with the characters stdout cannot encode (e.g. on a GBK console) escaped.

    Non-ASCII characters only occur inside JSON strings, where a ``\\u`` escape means the same, so
    the output stays valid JSON that decodes to the same values.
    """
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "".join(ch if _encodable(ch, encoding) else json.dumps(ch)[1:-1] for ch in text)
    except LookupError:  # an encoding name Python does not know: escape everything
        return json.dumps(json.loads(text), indent=2)
    return text


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def json_report(
    path: Path, form: Form, totals: FormTotals, findings: list[Finding]
) -> dict[str, Any]:
    """One file's object of the ``--json`` array (decimals as strings, ``null`` when empty)."""
    return {
        "file": str(path),
        "project_name": form.project_name,
        "template": form_template(form).name,
        "weight_total": format_score(totals.weight_total, totals.places),
        "score_total": format_score(totals.score_total, totals.places),
        "grade": totals.grade,
        "execution_rate_percent": _percent_number(totals.execution_rate),
        "budget_score": (
            format_score(totals.budget_score) if totals.budget_score is not None else None
        ),
        "findings": [
            {
                "severity": str(f.severity),
                "code": f.code,
                "indicator": f.indicator,
                "field": f.field,
                "message": f.message,
            }
            for f in findings
        ],
    }


def text_report(path: Path, form: Form, totals: FormTotals, findings: list[Finding]) -> str:
    """The human-readable report of one file, in Chinese."""
    rate = format_percent(totals.execution_rate) if totals.execution_rate is not None else _EMPTY
    budget = format_score(totals.budget_score) if totals.budget_score is not None else _EMPTY
    lines = [
        f"文件：{path}",
        f"  项目名称：{_one_line(form.project_name) or '（未填写）'}",
        f"  表样：{form_template(form).name}",
        f"  分值合计：{format_score(totals.weight_total, totals.places)}　"
        f"得分合计：{format_score(totals.score_total, totals.places)}　等级：{totals.grade}",
        f"  执行率：{rate}　预算执行率得分：{budget}",
    ]
    if not findings:
        lines.append("  审核：未发现问题")
        return "\n".join(lines)
    counts = "，".join(
        f"{label} {sum(1 for f in findings if f.severity == severity)}"
        for severity, label in SEVERITY_LABELS.items()
    )
    lines.append(f"  审核发现 {len(findings)} 个问题（{counts}）：")
    for f in findings:
        # Where on its own line, then the message indented under it: messages are long.
        lines.append(f"    [{SEVERITY_LABELS[f.severity]}] {where(form, f) or '表头'}")
        lines.append(f"        {_one_line(f.message)}")
    return "\n".join(lines)


def where(form: Form, finding: Finding) -> str:
    """Where a finding points, in the words of the printed form (row, then column)."""
    row = _row_name(form, finding.path)
    column = template_field_label(form_template(form), finding.field)
    return " · ".join(part for part in (row, column) if part)


def _row_name(form: Form, path: tuple[int, ...] | None) -> str:
    if not path:
        return ""
    try:
        level1 = form.level1[path[0]]
        names = [_one_line(level1.name) or f"第 {path[0] + 1} 个一级指标"]
        if len(path) > 1:
            level2 = level1.children[path[1]]
            names.append(_one_line(level2.name) or f"第 {path[1] + 1} 个二级指标")
        if len(path) > 2:
            indicator = level1.children[path[1]].indicators[path[2]]
            names.append(_one_line(indicator.name) or f"第 {path[2] + 1} 行三级指标")
    except IndexError:  # a path from another version of the checks: show it as numbers
        return "-".join(str(i + 1) for i in path)
    return " / ".join(names)


def _one_line(text: str) -> str:
    """``text`` stripped, its line breaks (Alt+Enter in an Excel cell) as spaces, so each
    finding stays two lines of the report."""
    return " ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _percent_number(rate: Decimal | None) -> str | None:
    """A rate as a percentage number with 2 decimals and no ``%`` sign (``"100.00"``)."""
    if rate is None:
        return None
    return format_percent(rate).removesuffix("%")
