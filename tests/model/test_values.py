"""Parsing 年度指标值 / 实际完成值 text (FORM-SPEC §4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.model.formatting import format_decimal
from perfeval_gui.model.values import (
    DecimalInputError,
    Operator,
    Qualitative,
    Quantity,
    parse_decimal_input,
    parse_value,
    units_compatible,
)

D = Decimal
GE, LE, EQ, GT, LT = Operator.GE, Operator.LE, Operator.EQ, Operator.GT, Operator.LT


@pytest.mark.parametrize(
    ("text", "operator", "number", "unit", "explicit"),
    [
        ("=3 万条/月", EQ, "30000", "条/月", True),
        ("<=1 次", LE, "1", "次", True),
        (">=30 人次/场", GE, "30", "人次/场", True),
        ("≥95%", GE, "95", "%", True),
        ("＞５", GT, "5", "", True),
        ("≧3 个", GE, "3", "个", True),
        ("=<4", LE, "4", "", True),
        ("＜ 2 天", LT, "2", "天", True),
        ("全年≤5次", LE, "5", "次", True),
        ("全年稳定运行率≥95%", GE, "95", "%", True),
        ("152,919.8", EQ, "152919.8", "", False),
        ("１２３．５ 元", EQ, "123.5", "元", False),
        ("<=20 万元/场", LE, "200000", "元/场", True),
        ("121980 元", EQ, "121980", "元", False),
        ("100%", EQ, "100", "%", False),
        ("０％", EQ, "0", "%", False),
        ("0", EQ, "0", "", False),
        ("1.5 亿元", EQ, "150000000", "元", False),
        ("3 千册", EQ, "3000", "册", False),
        ("95%以上", GE, "95", "%", True),
        ("5 次以内", LE, "5", "次", True),
        ("不低于 90%", GE, "90", "%", True),
        ("不超过 3 天", LE, "3", "天", True),
        ("当年等保测评分≥80分", GE, "80", "分", True),
        ("共 3 次", EQ, "3", "次", False),
        ("每场50人次", EQ, "50", "人次", False),
        ("3次（因疫情取消1次）", EQ, "3", "次", False),
        ("≥95%（抽样调查）", GE, "95", "%", True),
        ("≤10个工作日", LE, "10", "个工作日", True),
        ("3 个月内", LE, "3", "个月", True),
        ("≤10 月", LE, "10", "月", True),
        ("18 月", EQ, "18", "月", False),
        # Approximations and a trailing 完成 keep the unit comparable with the target's.
        ("100余人", EQ, "100", "人", False),
        ("200多人次", EQ, "200", "人次", False),
        ("5万余元", EQ, "50000", "元", False),
        ("100人左右", EQ, "100", "人", False),
        ("100%完成", EQ, "100", "%", False),
        # Negative numbers: a fall or a cut (``-3%``), also with a typographic minus.
        ("-3%", EQ, "-3", "%", False),
        ("同比−2.5%", EQ, "-2.5", "%", False),
        ("≥-5%", GE, "-5", "%", True),
        # A suffix repeating the operator's direction is no second condition.
        ("≥95%以上", GE, "95", "%", True),
        ("不少于3次以上", GE, "3", "次", True),
        ("≤5 次以内", LE, "5", "次", True),
    ],
)
def test_quantities(text: str, operator: Operator, number: str, unit: str, explicit: bool) -> None:
    assert parse_value(text) == Quantity(operator, D(number), unit, explicit)


@pytest.mark.parametrize(
    "text",
    [
        "及时",
        "完整",
        "提升",
        "2023 年 10 月底",
        "2023年",
        "12 月底前",
        "测评标准未大幅修改时，当年等保测评分≥上一期分数",
        "小于预算申请数",
        "≥上一期分数且≤100分",
        "≥95%，且无重大投诉",
        "5-10 人",
        "第3季度",
        "10 月",
        "于2023年",
        "截至10月底",
        "12月31日前",
        "（见附件）",
        "1,2",
        "90-100%",
        "2023-12-31",
        "1-2 次",
        "≤5次以上",  # two operators that disagree
    ],
)
def test_qualitative(text: str) -> None:
    assert parse_value(text) == Qualitative(text.strip())


def test_blank_is_none_and_text_is_stripped() -> None:
    assert parse_value("") is None
    assert parse_value("  \u3000 ") is None
    assert parse_value(" 及时 ") == Qualitative("及时")


def _q(text: str) -> Quantity:
    value = parse_value(text)
    assert isinstance(value, Quantity)
    return value


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("<=20 万元/场", "121980 元", True),  # numerator 元 matches the plain 元
        (">=101 人次/场", "0", True),  # a bare number fits any unit
        (">=30 人次/场", "50 人次/场", True),
        ("=3 万条/月", "30000 条/月", True),
        ("<=50 元/册", "38 元/本", False),
        ("=700 元/月", "700 元/场", False),
        (">=85%", "100 人", False),
        ("<=3 分钟", "2 小时", False),
    ],
)
def test_units_compatible(a: str, b: str, compatible: bool) -> None:
    assert units_compatible(_q(a), _q(b)) is compatible
    assert units_compatible(_q(b), _q(a)) is compatible


_OPERATOR_SPELLINGS = {
    ">=": GE, "≥": GE, "≧": GE, "=>": GE, "<=": LE, "≤": LE, "=<": LE, "≦": LE,
    ">": GT, "＞": GT, "<": LT, "＜": LT, "=": EQ, "＝": EQ, "": EQ,
}  # fmt: skip
_UNITS = ["", "%", "次", "人次/场", "元/册", "条/月", "个", "分钟", "册"]
_SCALE = {"": 1, "万": 10**4, "亿": 10**8, "千": 10**3}


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(_OPERATOR_SPELLINGS)),
    st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False),
    st.tuples(st.sampled_from(["", "全年", "年均"]), st.sampled_from(["", " "])),
    st.sampled_from(sorted(_SCALE)),
    st.sampled_from(_UNITS),
)
def test_quantities_round_trip_through_formatting(
    spelling: str, number: Decimal, prefix_space: tuple[str, str], scale: str, unit: str
) -> None:
    prefix, space = prefix_space
    if not spelling:
        prefix = ""  # without an operator the whole text must be the number
    if unit in {"", "%"}:
        scale = ""  # ``3 万%`` is nobody's habit
    text = f"{prefix}{spelling}{space}{format_decimal(number)}{space}{scale}{unit}"
    assert parse_value(text) == Quantity(
        _OPERATOR_SPELLINGS[spelling], number * _SCALE[scale], unit, bool(spelling)
    )


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_parse_value_never_raises(text: str) -> None:
    value = parse_value(text)
    if not text.strip():
        assert value is None
    elif isinstance(value, Qualitative):
        assert value.text == text.strip()
    else:
        assert isinstance(value, Quantity)
        assert value.number.is_finite()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２３４５６７８９,，.%≥≤<>=万元次 全年及以上内", max_size=20))
def test_parse_value_never_raises_on_number_like_text(text: str) -> None:
    parse_value(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("152,919.80", "152919.80"), ("１２３", "123"), (" 1 234 ", "1234"),
     ("１，２３４．５", "1234.5"), ("-5", "-5"), ("0.50", "0.50"), ("3。5", "3.5"), (".5", "0.5"),
     # Issue 9 #12: a cell takes what import takes, the unit included.
     ("5分", "5"), ("10 分", "10"), ("5,000元", "5000"), ("１２,３４５.６", "12345.6"),
     ("４．５分", "4.5")],
)  # fmt: skip
def test_parse_decimal_input(text: str, value: str) -> None:
    assert parse_decimal_input(text) == D(value)
    assert str(parse_decimal_input(text)) == str(D(value))


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "请输入数字"), ("abc", "不是数字"), ("1e3", "不是数字"), ("NaN", "不是数字"),
     ("Infinity", "不是数字"), ("1,23", "千位分隔符"), ("1" * 21, "位数太多"),
     ("5万元", "不是数字"), ("分", "不是数字"), ("5分钟", "不是数字"), ("5 分 分", "不是数字")],
)  # fmt: skip
def test_parse_decimal_input_refuses(text: str, message: str) -> None:
    with pytest.raises(DecimalInputError, match=message):
        parse_decimal_input(text)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_parse_decimal_input_reads_formatted_decimals(d: Decimal) -> None:
    assert parse_decimal_input(format_decimal(d)) == d
    assert parse_decimal_input(f"{d:,}") == d
