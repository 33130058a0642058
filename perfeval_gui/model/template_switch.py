"""Moving a form to another template: what changes, and what the new template cannot hold.

:func:`switch_template` is pure: it returns the converted form and, in Chinese, every value
that moves or goes, so the editor can name them before the user agrees (the switch is one
undo step there). Nothing is dropped silently:

- a split target (指标性质 | 指标值 | 度量单位) becomes one 年度指标值 and back, losslessly
  (``≥735人次`` ↔ ``≥ | 735 | 人次``; a text whose number is not at its start stays whole);
- the amounts of a fund source the new template has no row for are added to 其他资金;
- the funds block's 原因 and text blocks the new template has no place for are named as lost;
- the budget row's 分值, the title and the signature lines follow the new template where the
  form still had the old template's defaults.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfeval_gui.model.dates import parse_deadline
from perfeval_gui.model.form import (
    Amounts,
    Form,
    FundColumn,
    FundRow,
    Indicator,
    nature_operator,
    target_text,
)
from perfeval_gui.model.formatting import format_amount, format_score
from perfeval_gui.model.template_catalog import form_template
from perfeval_gui.model.templates import FormTemplate

#: A target that starts with its number: operator, number, unit (``=3 万条/月``, ``≥95%``).
_SPLITTABLE = re.compile(
    r"\s*(≥|≤|>=|<=|==|=|＝|═|>|<|＞|＜|≧|≦)?\s*([-+]?\d[\d,，.]*)\s*(.*?)\s*", re.DOTALL
)


def split_target_text(text: str) -> tuple[str, str, str]:
    """A one-text 年度指标值 as 指标性质 | 指标值 | 度量单位, read back the same by
    :func:`~perfeval_gui.model.form.target_text`: ``≥95%`` → ``("≥", "95", "%")``, ``及时`` →
    ``("定性", "及时", "")``; a date or a text whose number is not at its start
    (``全年≤5次``, ``2023 年 10 月底``) stays whole in 指标值."""
    stripped = text.strip()
    match = _SPLITTABLE.fullmatch(text)
    if match is None or parse_deadline(text) is not None:
        has_digit = any(ch.isdigit() for ch in stripped)
        return ("" if has_digit or not stripped else "定性", stripped, "")
    operator, number, unit = match.groups()
    return nature_operator(operator or "=") or "=", number, unit


def _indicator(ind: Indicator, split: bool) -> Indicator:
    if split and not (ind.target_nature or ind.target_unit):
        nature, value, unit = split_target_text(ind.target)
        return ind.model_copy(
            update={"target_nature": nature, "target": value, "target_unit": unit}
        )
    if not split and (ind.target_nature or ind.target_unit):
        return ind.model_copy(
            update={"target": target_text(ind), "target_nature": "", "target_unit": ""}
        )
    return ind


def _funds(
    form: Form, old: FormTemplate, new: FormTemplate, notes: list[str]
) -> dict[str, Amounts]:
    """Fund rows the new template does not show: their amounts are added to 其他资金."""
    shown = set(new.fund_row_keys())
    rows = {row.value: getattr(form.funds, row.value) for row in FundRow}
    for row in FundRow:
        amounts: Amounts = rows[row.value]
        if row in shown or amounts == Amounts():
            continue
        label = old.label(row.value)
        if row is FundRow.TOTAL:
            notes.append(f"“{label}”的手填金额不再保留（按各项来源自动合计）")
        elif FundRow.OTHER in shown:
            other = rows[FundRow.OTHER.value]
            merged = {
                col.value: _add(getattr(other, col.value), getattr(amounts, col.value))
                for col in FundColumn
            }
            rows[FundRow.OTHER.value] = Amounts(**merged)
            figures = "、".join(
                f"{old.label(col.value)} {format_amount(v)}"
                for col in FundColumn
                if (v := getattr(amounts, col.value)) is not None
            )
            notes.append(f"“{label}”（{figures}）并入“{new.label(FundRow.OTHER.value)}”")
        else:
            notes.append(f"“{label}”的金额将被清除：新表样没有这一行")
        rows[row.value] = Amounts()
    return rows


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def switch_template(form: Form, new: FormTemplate) -> tuple[Form, list[str]]:
    """``form`` moved to template ``new``, and what moved or went (Chinese, one per item)."""
    old = form_template(form)
    notes: list[str] = []
    split = new.split_target
    level1 = [
        l1.model_copy(
            update={
                "children": [
                    l2.model_copy(
                        update={"indicators": [_indicator(i, split) for i in l2.indicators]}
                    )
                    for l2 in l1.children
                ]
            }
        )
        for l1 in form.level1
    ]
    if split != old.split_target and any(i.target for *_, i in form.iter_indicators()):
        how = "拆分为“指标性质 | 指标值 | 度量单位”" if split else "合并为一栏“年度指标值”"
        notes.append(f"年度指标值{how}")
    funds = _funds(form, old, new, notes)
    funds_note = form.funds_note
    if funds_note.strip() and not new.funds_reason_label:
        notes.append(f"资金栏的“{old.funds_reason_label or '原因'}”将被清除：新表样没有这一栏")
        funds_note = ""
    keys = {b.key for b in new.blocks}
    texts = {}
    for key, text in form.texts.items():
        if key in keys:
            texts[key] = text
        elif text.strip():
            notes.append(f"“{old.label(key)}”的内容将被清除：新表样没有这一栏")
    update: dict[str, object] = {
        "template": new.key,
        "level1": level1,
        "funds": form.funds.model_copy(update=funds),
        "funds_note": funds_note,
        "texts": texts,
    }
    if form.budget_weight == old.budget_weight != new.budget_weight:
        update["budget_weight"] = new.budget_weight
        notes.append(
            f"预算执行率的分值由 {format_score(old.budget_weight)} 改为 "
            f"{format_score(new.budget_weight)}"
        )
    if form.title == old.title:
        update["title"] = new.title
    if list(form.print_options.signature_labels) == list(old.signature_labels):
        update["print_options"] = form.print_options.model_copy(
            update={"signature_labels": list(new.signature_labels)}
        )
    return form.model_copy(update=update), notes
