"""Every finding code is listed once, with its severity, and docs/findings.md is that list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from hypothesis import given, settings

import perfeval_gui
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.checks_common import Severity
from perfeval_gui.model.finding_codes import FINDING_CODES, findings_markdown
from perfeval_gui.model.form import Form
from tests.strategies import forms

MODEL = Path(perfeval_gui.__file__).parent / "model"
DOC = Path(__file__).parents[2] / "docs" / "findings.md"
_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
#: Helpers that report a fixed severity without naming it at the call.
_FIXED_SEVERITY = {"_node_finding": Severity.WARNING}


def _reported_in_source() -> dict[str, set[Severity]]:
    """Each code a check module passes to a call, with the severities named in that call."""
    found: dict[str, set[Severity]] = {}
    for path in sorted(MODEL.glob("checks*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values = [*node.args, *(k.value for k in node.keywords)]
            codes = [
                v.value
                for v in values
                if isinstance(v, ast.Constant)
                and isinstance(v.value, str)
                and _KEBAB.match(v.value)
            ]
            severities = {
                Severity[v.attr]
                for v in values
                if isinstance(v, ast.Attribute)
                and isinstance(v.value, ast.Name)
                and v.value.id == "Severity"
            }
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name in _FIXED_SEVERITY:
                severities.add(_FIXED_SEVERITY[name])
            for code in codes:
                found.setdefault(code, set()).update(severities)
    return found


def test_every_code_in_the_checks_is_listed_with_its_severity() -> None:
    reported = _reported_in_source()
    assert len(reported) >= 35  # the scan itself still finds the checks
    assert sorted(reported) == sorted(FINDING_CODES)
    for code, severities in reported.items():
        assert severities == {FINDING_CODES[code].severity}, code


@settings(max_examples=60, deadline=None)
@given(forms())
def test_what_the_checks_report_is_listed(form: Form) -> None:
    for finding in run_checks(form):
        assert FINDING_CODES[finding.code].severity is finding.severity


def test_docs_page_is_the_current_list() -> None:
    # Rewrite with `bash dev/findings-doc` when a code is added or its meaning changes.
    assert DOC.read_text(encoding="utf-8") == findings_markdown()
    for code in FINDING_CODES:
        assert f"| `{code}` |" in DOC.read_text(encoding="utf-8")
