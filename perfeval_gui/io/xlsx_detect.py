"""Which template a sheet was filled in: scored by the words and the structure it shows.

Each template of the catalogue (shipped or the user's) is scored against the labels of the
sheet: a ``detect`` word only that template has counts 3, any other of its labels (fund
rows and columns, indicator columns, 合计/总分, block labels) that not every template shares
counts 1. Structure counts too: a split target (指标性质 | 指标值 | 度量单位) for templates
that have it (and against those that do not), the budget row's 分值 (20 points: 湖北), a
grade in the 总分 row. The best score wins; a tie goes to the default template (上海/中央).
No province is named in the code: a new template file is recognised by its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from perfeval_gui.io.xlsx_grid import Grid, normalise_label
from perfeval_gui.io.xlsx_words import key
from perfeval_gui.model.template_catalog import templates

if TYPE_CHECKING:
    from perfeval_gui.model.templates import FormTemplate

_MAX_LABEL = 40  # longer cells are texts (goals, notes), not labels
_UNIQUE_WORD, _SHARED_LABEL, _SPLIT, _BUDGET, _GRADE = 3, 1, 4, 3, 1


@dataclass(frozen=True)
class SheetCues:
    """What a sheet shows that tells templates apart."""

    labels: frozenset[str]  # normalised texts of its short cells
    split_target: bool
    budget_weight: Decimal | None
    total_grade: bool
    indicator_table: bool = True  # whether the sheet has a 三级 table at all


def sheet_cues(
    grid: Grid, columns: set[str], budget_weight: Decimal | None, total_grade: bool
) -> SheetCues:
    """The cues of ``grid`` whose indicator table has ``columns``."""
    labels = {grid.label(r, c) for r, c in grid.occupied()}
    return SheetCues(
        frozenset(t for t in labels if t and len(t) <= _MAX_LABEL),
        {"target_nature", "target_unit"} <= columns,
        budget_weight,
        total_grade,
        "name" in columns,
    )


def _labels(template: FormTemplate) -> set[str]:
    texts = [
        *(r.label for r in template.fund_rows),
        *(c.label for c in template.fund_columns),
        *(c.label for c in template.indicator_columns),
        *(b.label for b in template.blocks),
        template.rate_label,
        template.budget_weight_label,
        template.budget_score_label,
        template.total_label,
        template.funds_reason_label or "",
        template.goals_label,
        template.goals_expected_label,
        template.goals_actual_label,
        template.report_code,
    ]
    return {normalise_label(t) for t in texts if t.strip()}


def _found(feature: str, labels: frozenset[str], keys: frozenset[str]) -> bool:
    return feature in labels or key(feature) in keys


def _contains(word: str, labels: frozenset[str]) -> bool:
    return any(word in label for label in labels)


def score_templates(cues: SheetCues) -> list[tuple[int, FormTemplate]]:
    """Every template with its score for the sheet, best first (ties keep catalogue order)."""
    catalogue = list(templates().values())
    own = {t.key: _labels(t) for t in catalogue}
    common = set.intersection(*own.values()) if own else set()
    keys = frozenset(key(label) for label in cues.labels)
    scored: list[tuple[int, FormTemplate]] = []
    for template in catalogue:
        others = set().union(*(v for k, v in own.items() if k != template.key))
        score = 0
        for word in {normalise_label(w) for w in template.detect}:
            if word not in others and _contains(word, cues.labels):
                score += _UNIQUE_WORD
        for label in own[template.key] - common:
            if _found(label, cues.labels, keys):
                score += _SHARED_LABEL
        if cues.split_target:
            score += _SPLIT if template.split_target else -_SPLIT
        elif template.split_target and cues.indicator_table:
            # One 指标值 column: not the split layout, whatever words it shares with it.
            score -= _SPLIT
        if cues.budget_weight is not None:
            score += _BUDGET if cues.budget_weight == template.budget_weight else -_BUDGET
        if cues.total_grade and template.total_shows_grade:
            score += _GRADE
        scored.append((score, template))
    return sorted(scored, key=lambda pair: -pair[0])  # stable: the default first on a tie


def detect_template(cues: SheetCues) -> FormTemplate:
    """The template the sheet most likely follows."""
    return score_templates(cues)[0][1]
