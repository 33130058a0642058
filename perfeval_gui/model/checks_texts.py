"""Checks of the form's free texts that real published forms fail: a template's instruction
left in a field, goals that are only a number, and (四川) a low 执行率 without its reason."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from perfeval_gui.model.checks_common import Finding, Severity, is_blank_note
from perfeval_gui.model.formatting import format_percent

if TYPE_CHECKING:
    from perfeval_gui.model.form import Form
    from perfeval_gui.model.scoring import FormTotals
    from perfeval_gui.model.templates import FormTemplate

#: What a blank template tells the filler, left in the cell: ``对照年度目标,说明…(100字以内)``,
#: ``请填写…``, ``（此处填写…）``.
_INSTRUCTION = re.compile(
    r"\d+\s*字(?:以内|以下|左右)"
    r"|^(?:请|须|需)?(?:对照|根据|按照)[^，,。]{0,12}(?:说明|填写|填报)"
    r"|请(?:填写|输入|简要|简述|在此|根据|按照|对照)"
    r"|此处填写|填写说明|^(?:示例|例如|如：)"
)

#: A text that is only a number (``100``, ``95%``, ``1,234.5``): not a goal.
_ONLY_NUMBER = re.compile(r"[-+]?[\d,，.]+\s*[%％]?")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _fields(form: Form, template: FormTemplate) -> list[tuple[str, str, str]]:
    """(field, label, text) of every free text a template instruction could be left in."""
    label = template.label
    found = [
        (f, label(f), getattr(form, f)) for f in ("project_name", "department", "implementing_unit")
    ]
    found += [
        ("goals.expected", label("expected"), form.goals.expected),
        ("goals.actual", label("actual_goals"), form.goals.actual),
    ]
    if template.funds_reason_label:
        found.append(("funds_note", template.funds_reason_label, form.funds_note))
    found += [(f"texts.{b.key}", b.label, form.texts.get(b.key, "")) for b in template.blocks]
    return found


def text_findings(form: Form, template: FormTemplate, totals: FormTotals) -> list[Finding]:
    """Instruction text left in a field, number-only goals, a low 执行率 left unexplained."""
    found = []
    for field, label, text in _fields(form, template):
        shown = _norm(text)
        if shown and _INSTRUCTION.search(shown):
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="template-text-left",
                    message=f"{label}中似乎保留了表样的填写说明“{shown[:40]}”；请改为实际内容",
                    field=field,
                )
            )
        elif field.startswith("goals.") and shown and _ONLY_NUMBER.fullmatch(shown):
            found.append(
                Finding(
                    severity=Severity.WARNING,
                    code="goals-number-only",
                    message=f"{template.goals_label}的{label}只写了数字“{shown}”；"
                    "请用文字写明年度目标及完成情况",
                    field=field,
                )
            )
    limit = template.low_rate_needs_reason
    rate = totals.execution_rate
    if limit is not None and rate is not None and rate < limit and is_blank_note(form.funds_note):
        reason = template.funds_reason_label or "原因"
        found.append(
            Finding(
                severity=Severity.WARNING,
                code="low-rate-no-reason",
                message=f"{template.rate_label} {format_percent(rate)} 低于 "
                f"{format_percent(limit)}，{template.name}表样要求在“{reason}”栏说明原因",
                field="funds_note",
            )
        )
    return found
