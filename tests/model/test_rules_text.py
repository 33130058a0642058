"""The scoring rules in plain words are written from the profiles and templates themselves."""

from __future__ import annotations

from perfeval_gui.model.profiles import PROFILES
from perfeval_gui.model.rules_text import all_rule_sections, profile_rules, template_rules
from perfeval_gui.model.template_catalog import templates


def test_every_profile_and_template_is_described() -> None:
    titles = [s.title for s in all_rule_sections()]
    for profile in PROFILES.values():
        assert any(profile.label in t for t in titles)
    for template in templates().values():
        assert any(template.name in t for t in titles)


def test_reverse_formula_examples_are_the_programs_own_scores() -> None:
    ratio = " ".join(profile_rules(PROFILES["default"]).lines)
    linear = " ".join(profile_rules(PROFILES["linear-reverse"]).lines)
    # 分值 10, ≤10 天, actual 15 天: 10 × 10 ÷ 15 = 6.67 against 10 × (20 − 15) ÷ 10 = 5
    assert "实际 15 天 → 建议得分 6.67 分" in ratio
    assert "实际 15 天 → 建议得分 5 分" in linear
    assert "实际 90 人 → 建议得分 9 分" in ratio


def test_grades_and_bands_come_from_the_profile() -> None:
    text = " ".join(profile_rules(PROFILES["default"]).lines)
    assert "优 ≥ 90 分，良 ≥ 80 分，中 ≥ 60 分，其余为差" in text
    assert "分值的 80%–100%" in text


def test_template_budget_rule_and_labels() -> None:
    all_templates = templates()
    sichuan = " ".join(template_rules(all_templates["sichuan"]).lines)
    assert "预算执行率一行权重 10" in sichuan
    assert "低于 90% 时须说明原因" in sichuan
    hubei = all_templates.get("hubei")
    if hubei is not None:
        assert f"分值 {hubei.budget_weight.normalize():f}" in " ".join(template_rules(hubei).lines)
