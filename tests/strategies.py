"""Hypothesis strategies for whole forms, shared by every layer's property tests.

``forms()`` draws any valid :class:`Form`: unicode text (CJK, full-width punctuation, emoji,
control characters), empty values, decimals with 0–2 places (and sometimes none at all),
qualitative grades, both amount units, both scoring profiles and varied print options.
Sizes stay small so tests remain fast; pass ``max_level1`` etc. for bigger trees.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from perfeval_gui.model.form import (
    Amounts,
    AmountUnit,
    Form,
    Funds,
    Goals,
    Indicator,
    Level1,
    Level2,
    PrintOptions,
    QualitativeGrade,
)
from perfeval_gui.model.glossary import LEVEL1_NAMES, LEVEL2_NAMES

#: Scoring profile keys every build has (docs/architecture.md).
PROFILE_KEYS = ("default", "linear-reverse")

#: Values as users type them in 年度指标值/实际完成值 (FORM-SPEC §4).
TYPICAL_VALUES = (
    "=3 万条/月",
    "<=1 次",
    ">=30 人次/场",
    "≥95%",
    "全年≤5次",
    "<=20 万元/场",
    "121980 元",
    "及时",
    "完整",
    "提升",
    "2023 年 10 月底",
    "无",
)

# Any printable or control character except lone surrogates (they cannot be UTF-8 encoded).
_CHARS = st.characters(exclude_categories=("Cs",))
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """Short text: empty, CJK, or arbitrary unicode."""
    return st.one_of(
        st.just(""),
        st.text(_CJK, min_size=1, max_size=max_size),
        st.text(_CHARS, max_size=max_size),
    )


def decimals(max_digits: int = 9, *, min_value: int = 0) -> st.SearchStrategy[Decimal]:
    """A decimal with 0, 1 or 2 places (``5``, ``4.5``, ``152919.80``), exact."""
    return st.builds(
        lambda units, places: Decimal(units).scaleb(-places),
        st.integers(min_value=min_value, max_value=10**max_digits),
        st.integers(min_value=0, max_value=2),
    )


def optional_decimals(max_digits: int = 9) -> st.SearchStrategy[Decimal | None]:
    """A decimal or ``None`` (an empty cell)."""
    return st.none() | decimals(max_digits)


def amounts() -> st.SearchStrategy[Amounts]:
    """One fund row, any cell possibly empty."""
    cell = optional_decimals(11)
    return st.builds(Amounts, initial=cell, adjusted=cell, executed=cell)


def indicators() -> st.SearchStrategy[Indicator]:
    """A 三级 row: typical or random target/actual, small weights and scores, maybe a grade."""
    value = st.sampled_from(TYPICAL_VALUES) | texts()
    return st.builds(
        Indicator,
        name=texts(),
        target=value,
        actual=value,
        weight=optional_decimals(4),
        score=optional_decimals(4),
        deviation_note=texts(30),
        grade=st.none() | st.sampled_from(QualitativeGrade),
    )


def level2s(max_indicators: int = 4) -> st.SearchStrategy[Level2]:
    """A 二级指标 with 0..``max_indicators`` rows."""
    name = st.sampled_from(LEVEL2_NAMES) | texts()
    return st.builds(Level2, name=name, indicators=st.lists(indicators(), max_size=max_indicators))


def level1s(max_children: int = 3, max_indicators: int = 4) -> st.SearchStrategy[Level1]:
    """A 一级指标 with 0..``max_children`` 二级 children."""
    name = st.sampled_from(LEVEL1_NAMES) | texts()
    return st.builds(
        Level1,
        name=name,
        children=st.lists(level2s(max_indicators), max_size=max_children),
    )


def print_options() -> st.SearchStrategy[PrintOptions]:
    """Print settings: page numbers from 0, signature block and labels, font, orientation."""
    return st.builds(
        PrintOptions,
        first_page_number=st.integers(min_value=0, max_value=99999),
        signature_block=st.booleans(),
        signature_labels=st.lists(texts(8), max_size=6),
        font_path=st.none() | st.sampled_from(("C:\\Windows\\Fonts\\simsun.ttc", "/tmp/宋体.ttf")),
        landscape=st.booleans(),
    )


def forms(
    *, max_level1: int = 3, max_children: int = 3, max_indicators: int = 4
) -> st.SearchStrategy[Form]:
    """Any valid form (not necessarily one that passes the reviewer's checks)."""
    return st.builds(
        Form,
        title=st.just("财政项目支出绩效自评表") | texts(20),
        year=st.integers(min_value=1900, max_value=9999),
        project_name=texts(20),
        department=texts(),
        implementing_unit=texts(),
        amount_unit=st.sampled_from(AmountUnit),
        funds=st.builds(
            Funds,
            total=amounts(),
            current_year_appropriation=amounts(),
            carried_over=amounts(),
            other=amounts(),
        ),
        budget_weight=decimals(4),
        goals=st.builds(Goals, expected=texts(60), actual=texts(60)),
        level1=st.lists(level1s(max_children, max_indicators), max_size=max_level1),
        scoring_profile=st.sampled_from(PROFILE_KEYS),
        print_options=print_options(),
    )
