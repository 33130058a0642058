"""Upgrading the ``form`` object of older ``.pev`` files, one schema version at a time.

Each step is a pure function taking the ``form`` object of version N (plain JSON data) and
returning that of version N + 1; :data:`MIGRATIONS` maps N to its step. A file of version N is
upgraded by running every step from N up to :data:`CURRENT_SCHEMA_VERSION`, then validated as
the current :class:`~perfeval_gui.model.form.Form`. The shapes of every version are described in
``docs/pev-format.md``.

Steps never raise on a malformed file: whatever they do not recognise they pass through, and
the validation after them reports it with its field path.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

#: The schema version written by this release.
CURRENT_SCHEMA_VERSION = 3

#: The oldest schema version a ``.pev`` file may have.
FIRST_SCHEMA_VERSION = 1

#: The keys every object of a current-version file has, by model class. A file missing one
#: is damaged and refused. Frozen with the schema version on purpose: a field added to the
#: model later (with a default) does not make existing files unreadable.
REQUIRED_KEYS: dict[str, frozenset[str]] = {
    "Form": frozenset(
        {
            "title",
            "year",
            "project_name",
            "department",
            "implementing_unit",
            "amount_unit",
            "funds",
            "budget_weight",
            "goals",
            "level1",
            "scoring_profile",
            "print_options",
            "template",
            "funds_note",
            "texts",
        }
    ),
    "Funds": frozenset(
        {
            "total",
            "current_year_appropriation",
            "special_account",
            "unit_funds",
            "carried_over",
            "other",
        }
    ),
    "Amounts": frozenset({"initial", "adjusted", "executed"}),
    "Goals": frozenset({"expected", "actual"}),
    "Level1": frozenset({"name", "children"}),
    "Level2": frozenset({"name", "indicators"}),
    "Indicator": frozenset(
        {
            "name",
            "target",
            "target_nature",
            "target_unit",
            "actual",
            "weight",
            "score",
            "deviation_note",
            "grade",
        }
    ),
    "PrintOptions": frozenset(
        {"first_page_number", "signature_block", "signature_labels", "font_path", "landscape"}
    ),
}

FormData = dict[str, Any]
Migration = Callable[[FormData], FormData]


def _v1_to_v2(form: FormData) -> FormData:
    """Version 1 → 2.

    Version 1 (perfeval 0.0.x) named the 偏差原因分析及改进措施 of a 三级 row ``deviation``
    (as the flat interchange JSON still does), had no qualitative ``grade`` per row, no
    per-file ``scoring_profile`` (the Shanghai rules were fixed) and no ``print_options``
    (printing always used the defaults). Version 2 renames the note to ``deviation_note`` and
    adds the three with the values version 1 implied.
    """
    out = copy.deepcopy(form)
    for level1 in _dicts(out.get("level1")):
        for level2 in _dicts(level1.get("children")):
            for indicator in _dicts(level2.get("indicators")):
                if "deviation" in indicator and "deviation_note" not in indicator:
                    indicator["deviation_note"] = indicator.pop("deviation")
                indicator.setdefault("grade", None)
    out.setdefault("scoring_profile", "default")
    out.setdefault(
        "print_options",
        {
            "first_page_number": 1,
            "signature_block": False,
            "signature_labels": [
                "填报人",
                "联系电话",
                "单位负责人（签字）",
                "填报日期",
                "（单位盖章）",
            ],
            "font_path": None,
            "landscape": False,
        },
    )
    return out


def _v2_to_v3(form: FormData) -> FormData:
    """Version 2 → 3.

    Version 3 (templates) names the form's template (``template``; every earlier file is the
    Shanghai / central layout, ``"shanghai"``), adds the 四川 fund sources ``special_account``
    (财政专户管理资金) and ``unit_funds`` (单位资金), the funds block's reason
    (``funds_note``), the template's extra text blocks (``texts``) and, per 三级 row, the
    指标性质 and 度量单位 of a split target (``target_nature``, ``target_unit``), all empty.
    """
    out = copy.deepcopy(form)
    out.setdefault("template", "shanghai")
    out.setdefault("funds_note", "")
    out.setdefault("texts", {})
    funds = out.get("funds")
    if isinstance(funds, dict):
        for row in ("special_account", "unit_funds"):
            funds.setdefault(row, {"initial": None, "adjusted": None, "executed": None})
    for level1 in _dicts(out.get("level1")):
        for level2 in _dicts(level1.get("children")):
            for indicator in _dicts(level2.get("indicators")):
                indicator.setdefault("target_nature", "")
                indicator.setdefault("target_unit", "")
    return out


#: schema version N → the step that turns a version-N ``form`` object into version N + 1.
MIGRATIONS: dict[int, Migration] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
}


def migrate(form: FormData, version: int) -> FormData:
    """Upgrade the ``form`` object of a version-``version`` file to the current version.

    ``version`` must lie between :data:`FIRST_SCHEMA_VERSION` and
    :data:`CURRENT_SCHEMA_VERSION` (the caller refuses other versions with a message).
    """
    if not FIRST_SCHEMA_VERSION <= version <= CURRENT_SCHEMA_VERSION:
        raise ValueError(f"schema version {version} out of range")
    for step_from in range(version, CURRENT_SCHEMA_VERSION):
        form = MIGRATIONS[step_from](form)
    return form


def _dicts(value: object) -> list[dict[str, Any]]:
    """The JSON objects in ``value`` if it is a list, else none (validation reports the rest)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]
