"""``perfeval summary FILE|DIR... [-o 汇总.xlsx|汇总.pdf] [--json] [--group-by 主管部门|实施单位]``.

One row per form, exact totals, grade counts, mean and median 得分 (``model.summary``);
written as a workbook with native charts (``io.summary_xlsx``), an A4 PDF report with vector
charts (``render.summary_pdf``), JSON for other tools, or a few lines of totals on screen.
Exit status as ``check``: 0, 1 when some form has an error finding, 2 when some file could
not be read or the output could not be written (2 wins); the readable forms are summarised.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfeval_gui.commands.check import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, _fit_stdout
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.folder import FailedFile, LoadedForm, load_paths
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.formatting import (
    format_amount,
    format_decimal,
    format_percent,
    format_score_as_typed,
)
from perfeval_gui.model.rounding import round_half_up
from perfeval_gui.model.summary import (
    GroupBy,
    Summary,
    SummaryRow,
    Totals,
    choose_unit,
    grade_label,
    summarize,
    summary_row,
)

_OUTPUTS = (".xlsx", ".pdf")


def _fail(message: str) -> int:
    print(f"perfeval summary: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def build_summary(
    forms: list[LoadedForm], *, unit: AmountUnit | None = None, group_by: GroupBy | None = None
) -> Summary:
    """The 汇总表 of ``forms``; the unit is chosen from the forms when not given."""
    chosen = unit or choose_unit(item.form for item in forms)
    rows = [summary_row(item.form, item.label, chosen) for item in forms]
    return summarize(rows, chosen, group_by)


def run(args: argparse.Namespace) -> int:
    """Summarise ``args.files``; write ``args.output`` and/or print; return the exit status."""
    output: Path | None = args.output
    if output is not None and output.suffix.lower() not in _OUTPUTS:
        return _fail(f"输出文件应以 .xlsx 或 .pdf 结尾：{output}")
    if output is not None and any(f.resolve() == output.resolve() for f in args.files):
        return _fail(f"输出文件不能是要汇总的文件本身：{output}")
    loaded = load_paths(args.files, every_form=True, skip=[output] if output else [])
    failed = [item for item in loaded if isinstance(item, FailedFile)]
    for item in failed:
        print(f"perfeval summary: {item.reason}", file=sys.stderr)
    forms = [item for item in loaded if isinstance(item, LoadedForm)]
    unit = AmountUnit(args.unit) if args.unit else None
    group_by = GroupBy(args.group_by) if args.group_by else None
    summary = build_summary(forms, unit=unit, group_by=group_by)
    status = EXIT_BAD_INPUT if failed else EXIT_OK
    if status == EXIT_OK and summary.totals.errors:
        status = EXIT_FINDINGS
    if output is not None:
        try:
            write_output(summary, failed, output)
        except FormFileError as exc:
            return _fail(str(exc))
        if not args.json:
            print(f"已汇总 {summary.totals.count} 张自评表：{output}")
    if args.json:
        print(_fit_stdout(json.dumps(summary_json(summary, failed), ensure_ascii=False, indent=2)))
    elif output is None:
        print(text_summary(summary, failed))
    return status


def write_output(summary: Summary, failed: list[FailedFile], output: Path) -> None:
    """Write the 汇总表 to ``output`` (.xlsx or .pdf) atomically; FormFileError on failure."""
    from perfeval_gui.io.atomic import atomic_write_bytes  # noqa: PLC0415

    if output.suffix.lower() == ".xlsx":
        from perfeval_gui.io.summary_xlsx import summary_workbook_bytes  # noqa: PLC0415

        data = summary_workbook_bytes(summary, failed)
    else:
        from perfeval_gui.render.errors import RenderError  # noqa: PLC0415
        from perfeval_gui.render.summary_pdf import summary_pdf_bytes  # noqa: PLC0415

        try:
            data = summary_pdf_bytes(summary, [(str(f.path), f.reason) for f in failed])
        except RenderError as exc:
            raise FormFileError(str(exc), output) from exc
    atomic_write_bytes(output, data, backup=False)


def _score(value: Decimal | None) -> str | None:
    """A 得分 figure with 2 decimals (half-up) as JSON text."""
    return None if value is None else str(round_half_up(value))


def _percent(rate: Decimal | None) -> str | None:
    return None if rate is None else format_percent(rate).removesuffix("%")


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def _row_json(row: SummaryRow) -> dict[str, Any]:
    return {
        "file": row.file,
        "project_name": row.project_name,
        "department": row.department,
        "implementing_unit": row.implementing_unit,
        "template": row.template,
        "form_unit": str(row.form_unit),
        "initial": _amount(row.initial),
        "adjusted": _amount(row.adjusted),
        "executed": _amount(row.executed),
        "execution_rate_percent": _percent(row.execution_rate),
        "weight_total": format_score_as_typed(row.weight_total),
        "score_total": format_score_as_typed(row.score_total),
        "grade": row.grade,
        "errors": row.errors,
        "warnings": row.warnings,
    }


def _totals_json(totals: Totals) -> dict[str, Any]:
    return {
        "count": totals.count,
        "initial": format_decimal(totals.initial),
        "adjusted": format_decimal(totals.adjusted),
        "executed": format_decimal(totals.executed),
        "execution_rate_percent": _percent(totals.execution_rate),
        "grades": [
            {"grade": g.grade, "count": g.count, "share_percent": _percent(g.share)}
            for g in totals.grades
        ],
        "score_mean": _score(totals.score_mean),
        "score_median": _score(totals.score_median),
        "errors": totals.errors,
        "warnings": totals.warnings,
    }


def summary_json(summary: Summary, failed: list[FailedFile]) -> dict[str, Any]:
    """The ``--json`` object: amounts exact in ``unit``, percentages and means to 2 decimals."""
    return {
        "unit": str(summary.unit),
        "rows": [_row_json(row) for row in summary.rows],
        "totals": _totals_json(summary.totals),
        "group_by": str(summary.group_by) if summary.group_by else None,
        "groups": [
            {"name": g.name, "files": [r.file for r in g.rows], "totals": _totals_json(g.totals)}
            for g in summary.groups
        ],
        "failed": [{"file": str(f.path), "message": f.reason} for f in failed],
    }


def _totals_lines(totals: Totals, unit: AmountUnit, indent: str) -> list[str]:
    rate = format_percent(totals.execution_rate) or "—"
    grades = "，".join(
        f"{grade_label(g.grade)} {g.count}"
        + (f"（{format_percent(g.share)}）" if g.share is not None else "")
        for g in totals.grades
    )
    mean = _score(totals.score_mean) or "—"
    median = _score(totals.score_median) or "—"
    return [
        f"{indent}年初预算数：{format_amount(totals.initial)}　全年预算数："
        f"{format_amount(totals.adjusted)}　全年执行数：{format_amount(totals.executed)}"
        f"（{unit}）",
        f"{indent}总体执行率：{rate}　等级：{grades}",
        f"{indent}得分：平均 {mean}，中位数 {median}　审核：错误 {totals.errors}，"
        f"警告 {totals.warnings}",
    ]


def text_summary(summary: Summary, failed: list[FailedFile]) -> str:
    """The on-screen totals (without ``-o``), in Chinese."""
    lines = [f"汇总 {summary.totals.count} 张自评表（金额单位：{summary.unit}）"]
    lines += _totals_lines(summary.totals, summary.unit, "  ")
    for group in summary.groups:
        lines.append(f"{summary.group_by}：{group.name or '（未填写）'}（{group.totals.count} 张）")
        lines += _totals_lines(group.totals, summary.unit, "  ")
    if failed:
        lines.append(f"无法读取 {len(failed)} 个文件（原因见上）")
    return "\n".join(lines)
