"""Switching a form to another template: one text ↔ split targets, sources, blocks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import Amounts, Funds, target_text
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import get_template
from perfeval_gui.model.template_switch import split_target_text, switch_template
from perfeval_gui.model.values import parse_value
from tests.conftest import load_fixture_json


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("≥95%", ("≥", "95", "%")),
        ("=3 万条/月", ("=", "3", "万条/月")),
        ("<=20 万元/场", ("≤", "20", "万元/场")),
        ("及时", ("定性", "及时", "")),
        ("全年≤5次", ("", "全年≤5次", "")),
        ("2023 年 10 月底", ("", "2023 年 10 月底", "")),
        ("", ("", "", "")),
    ],
)
def test_split_target_text(text: str, parts: tuple[str, str, str]) -> None:
    assert split_target_text(text) == parts


def test_switch_to_yunnan_and_back_keeps_meaning_and_totals() -> None:
    form = form_from_flat(load_fixture_json(1))
    yunnan, notes = switch_template(form, get_template("yunnan"))
    assert yunnan.template == "yunnan"
    assert any("拆分" in n for n in notes)
    rows = [ind for *_, ind in yunnan.iter_indicators()]
    assert any(ind.target_nature == "≥" for ind in rows)
    assert compute_totals(yunnan).score_total == compute_totals(form).score_total
    back, notes = switch_template(yunnan, get_template("shanghai"))
    assert back.title == form.title
    for (*_, a), (*_, b) in zip(back.iter_indicators(), form.iter_indicators(), strict=True):
        assert parse_value(a.target) == parse_value(b.target)
        assert target_text(a) == a.target


def test_sources_the_new_template_lacks_go_into_other_funds() -> None:
    form = form_from_flat(load_fixture_json(1))
    sichuan, _ = switch_template(form, get_template("sichuan"))
    sichuan = sichuan.model_copy(
        update={
            "funds": Funds(
                current_year_appropriation=Amounts(adjusted=Decimal(100)),
                unit_funds=Amounts(adjusted=Decimal("20.5"), executed=Decimal(20)),
                other=Amounts(adjusted=Decimal(1)),
            ),
            "funds_note": "预算调整",
            "texts": {"conclusion": "良好"},
        }
    )
    back, notes = switch_template(sichuan, get_template("shanghai"))
    assert back.funds.other == Amounts(adjusted=Decimal("21.5"), executed=Decimal(20))
    assert back.funds.unit_funds == Amounts()
    assert compute_totals(back).funds_total == compute_totals(sichuan).funds_total
    assert any("单位资金" in n and "其他资金" in n for n in notes)
    assert any("原因" in n for n in notes)
    assert any("评价结论" in n for n in notes)
    assert back.funds_note == "" and back.texts == {}


def test_budget_weight_follows_the_template_default() -> None:
    form = form_from_flat(load_fixture_json(1))
    hubei, notes = switch_template(form, get_template("hubei"))
    assert hubei.budget_weight == 20
    assert any("20" in n for n in notes)
