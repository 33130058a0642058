"""Target and actual text → a parsed value (FORM-SPEC §4).

Users type 年度指标值 and 实际完成值 as on paper: ``=3 万条/月``, ``<=1 次``, ``全年≤5次``,
``≥95%``, ``121980 元``, ``及时``, ``2023 年 10 月底``. :func:`parse_value` turns such text into
a :class:`Quantity` (operator, number with scale words applied, unit) or a
:class:`Qualitative` text. The original text is never changed; the parse only feeds scoring
and checks, so it never raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from perfeval_gui.model.numbers import DecimalBoundError, bounded


class Operator(StrEnum):
    """The comparison a target asks for; an absent operator means ``=``."""

    EQ = "="
    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: ``<=20 万元/场`` is ``≤ 200000 元/场``."""

    operator: Operator
    number: Decimal  # scale words applied
    unit: str  # normalised, scale word removed; ``%`` is a unit; ``""`` for a bare number
    explicit_operator: bool  # False when the text had no operator (``=`` was assumed)


@dataclass(frozen=True)
class Qualitative:
    """A text value: ``及时``, ``完整``, ``2023 年 10 月底``."""

    text: str


ParsedValue = Quantity | Qualitative

# Operator spellings, longest first so that ``>=`` wins over ``>`` and ``大于等于`` over ``大于``.
_OPERATOR_WORDS: dict[str, Operator] = {
    ">=": Operator.GE, "=>": Operator.GE, "≥": Operator.GE, "≧": Operator.GE, "⩾": Operator.GE,
    "≮": Operator.GE, "<=": Operator.LE, "=<": Operator.LE, "≤": Operator.LE, "≦": Operator.LE,
    "⩽": Operator.LE, "≯": Operator.LE, ">": Operator.GT, "<": Operator.LT, "=": Operator.EQ,
    "大于或等于": Operator.GE, "大于等于": Operator.GE, "不低于": Operator.GE,
    "不少于": Operator.GE, "不小于": Operator.GE, "达到": Operator.GE,
    "小于或等于": Operator.LE, "小于等于": Operator.LE, "不高于": Operator.LE,
    "不超过": Operator.LE, "不多于": Operator.LE, "不大于": Operator.LE,
    "大于": Operator.GT, "高于": Operator.GT, "多于": Operator.GT, "超过": Operator.GT,
    "小于": Operator.LT, "低于": Operator.LT, "少于": Operator.LT, "等于": Operator.EQ,
}  # fmt: skip
# Operators written after the number: ``95%以上``, ``5 次以内``.
_SUFFIX_WORDS: dict[str, Operator] = {
    "及以上": Operator.GE, "以上": Operator.GE, "及以下": Operator.LE, "以下": Operator.LE,
    "以内": Operator.LE, "之内": Operator.LE, "内": Operator.LE,
}  # fmt: skip
# A suffix may repeat the operator's direction (``≥95%以上``, ``不超过 5 次以内``).
_DIRECTION: dict[Operator, Operator] = {
    Operator.GE: Operator.GE, Operator.GT: Operator.GE, Operator.LE: Operator.LE,
    Operator.LT: Operator.LE, Operator.EQ: Operator.EQ,
}  # fmt: skip
_SCALES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
    "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4, "千": Decimal(10) ** 3,
}  # fmt: skip
# Characters that look like operators but NFKC leaves alone.
_CHAR_MAP = str.maketrans({"﹥": ">", "﹤": "<", "﹦": "=", "〉": ">", "〈": "<", "−": "-"})
# Units that mark a date or a point in time, not an amount: ``10 月底``, ``3 月上旬``.
_DATE_UNIT = re.compile(r"(底|初|末|上旬|中旬|下旬|之前|以前|前)$")
# Words around a unit that do not change what is counted: ``100余人``, ``100多万元``,
# ``100人左右``, ``100%完成``.
_UNIT_WORDS = re.compile(r"^(?:余|多)|(?:左右|完成)$")

_MONTHS = frozenset(Decimal(m) for m in range(1, 13))
_NUMBER = r"-?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"  # ``-3%``: a fall
_OPERATOR = "|".join(re.escape(w) for w in sorted(_OPERATOR_WORDS, key=len, reverse=True))
_SUFFIX = "|".join(re.escape(w) for w in sorted(_SUFFIX_WORDS, key=len, reverse=True))
_UNIT = r"[^\d\s,;:!?，。；：、！？()（）\[\]【】<>=≤≥]{0,12}?"
_TAIL = re.compile(rf"(?P<unit>{_UNIT})(?P<suffix>{_SUFFIX})?[。.;；]?")
_WITH_OPERATOR = re.compile(rf"(?P<op>{_OPERATOR})(?P<num>{_NUMBER})")
# A bare number may follow a short word (``共 3 次``, ``每场 50 人次``, ``累计 56850 份``).
_BARE = re.compile(rf"(?P<word>[\u4e00-\u9fff]{{0,6}})(?P<num>{_NUMBER})")
# A remark in brackets at the end (``3 次（因故取消 1 次）``) does not change the value.
_REMARK = re.compile(r"\([^()]*\)$")
_HAS_OPERATOR = re.compile(_OPERATOR)


#: Area and volume units written with a superscript (``520㎡``, ``m³``; NFKC makes them
#: ``m2``/``m3``, whose digit would end the unit): their Chinese names.
_POWER_UNITS = re.compile(r"(?<=[\d万千百亿])(k?m)([23])(?![\d.])", re.IGNORECASE)
_POWER_NAMES = {("m", "2"): "平方米", ("m", "3"): "立方米", ("km", "2"): "平方公里"}


def _normalise(text: str) -> str:
    """Full-width to half-width (NFKC), look-alike operators mapped, all whitespace removed,
    ``㎡``/``m²``/``m2`` after a number read as 平方米 (``m³`` 立方米, ``km²`` 平方公里)."""
    plain = "".join(unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).split())
    return _POWER_UNITS.sub(lambda m: _POWER_NAMES.get((m[1].lower(), m[2]), m[0]), plain)


def _scale(unit: str) -> tuple[Decimal, str]:
    """Split a leading scale word off ``unit``: ``万元/场`` → ``(10000, "元/场")``."""
    for word, factor in _SCALES.items():
        if unit.startswith(word):
            return factor, unit[len(word) :]
    return Decimal(1), unit


def _quantity(
    number: str, tail: str, operator: Operator | None, *, text: str
) -> Quantity | Qualitative:
    """Build the quantity of ``number`` + ``tail`` (unit, suffix), or fall back to text."""
    m = _TAIL.fullmatch(tail)
    if m is None:
        return Qualitative(text)
    suffix = m["suffix"]
    if suffix and operator is None:
        operator = _SUFFIX_WORDS[suffix]
    elif suffix and operator is not None and _SUFFIX_WORDS[suffix] is not _DIRECTION[operator]:
        return Qualitative(text)  # ``≤5 次以上``: two operators that disagree; do not guess
    raw_unit = _UNIT_WORDS.sub("", m["unit"])
    if _DATE_UNIT.search(raw_unit):
        return Qualitative(text)
    value = Decimal(number.replace(",", ""))
    factor, unit = _scale(raw_unit)
    unit = _UNIT_WORDS.sub("", unit)  # ``5万余元``: the 余 follows the scale word
    if (
        unit == "年"
        and factor == 1
        and value == value.to_integral_value()
        and (1900 <= value <= 2100)
    ):
        return Qualitative(text)  # ``2023 年`` is a year, not 2023 years
    if unit == "月" and operator is None and value in _MONTHS:
        return Qualitative(text)  # ``10 月`` is October; 10 months are ``10 个月``
    return Quantity(
        operator=operator or Operator.EQ,
        number=value * factor,
        unit=unit,
        explicit_operator=operator is not None,
    )


@lru_cache(maxsize=8192)
def parse_value(text: str) -> ParsedValue | None:
    """Parse a 年度指标值 / 实际完成值; ``None`` for blank text. Never raises.

    A quantity is an optional leading phrase (``全年``, ``全年稳定运行率``), an operator, a
    number and a short unit (``全年≤5次``); without an operator it is a number and a unit after
    at most a short word (``121980 元``, ``100%``, ``0``, ``共 3 次``), or carries a suffix
    operator (``95%以上``). A remark in brackets at the end is ignored (``3 次（取消 1 次）``).
    Text with no number after its operator (``当年等保测评分≥上一期分数``), dates
    (``2023 年 10 月底``) and anything longer are qualitative.
    """
    stripped = text.strip()
    if not stripped:
        return None
    try:
        s = _normalise(stripped)
        value = _parse(s, stripped)
        remark = _REMARK.search(s)
        if isinstance(value, Qualitative) and remark is not None and remark.start() > 0:
            value = _parse(s[: remark.start()], stripped)
    except (InvalidOperation, ValueError, ArithmeticError):
        value = Qualitative(stripped)
    return value


def _parse(s: str, text: str) -> ParsedValue:
    """Parse normalised text ``s``; ``text`` is the original, kept for qualitative values."""
    m = _WITH_OPERATOR.search(s)
    if m is not None:
        if _HAS_OPERATOR.search(s, 0, m.start()):
            return Qualitative(text)  # two comparisons: a condition, not one target
        return _quantity(m["num"], s[m.end() :], _OPERATOR_WORDS[m["op"]], text=text)
    m = _BARE.match(s)
    if m is not None and not m["word"].endswith("第"):  # ``第 3 季度`` is a point, not 3 of them
        return _quantity(m["num"], s[m.end() :], None, text=text)
    return Qualitative(text)


def units_compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can be compared.

    Units compare after scale words are removed (``20 万元/场`` and ``121980 元`` are both in
    元). An empty unit is compatible with any unit (``0`` against ``>=101 人次/场``). A composite
    unit whose numerator equals a plain unit is comparable with it: ``121980 元`` is read as
    the amount for one 场 of ``<=20 万元/场``, because actuals are usually typed without the
    ``/场`` the target spells out. Two composite units must match in full.
    """
    if not a.unit or not b.unit or a.unit == b.unit:
        return True
    a_num, a_slash, _ = a.unit.partition("/")
    b_num, b_slash, _ = b.unit.partition("/")
    if a_slash and b_slash:
        return False
    return a_num == b_num


def fraction_for_percent(target: Quantity, actual: Quantity) -> bool:
    """Whether ``actual`` looks like a fraction typed for a percentage: ``0.98`` against
    ``≥95%`` (what a spreadsheet cell formatted as ``98%`` holds). Such a pair is not compared:
    reading it as 0.98% would turn a met target into a missed one."""
    return target.unit == "%" and not actual.unit and 0 < actual.number <= 1 < target.number


class DecimalInputError(ValueError):
    """What a user typed in a number cell is not a number; ``str()`` is a Chinese message."""


_INPUT_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_MAX_DIGITS = 20
# The unit a number cell may repeat after the number: ``5分``, ``5,000元`` (not ``5万元``).
_CELL_UNIT = re.compile(r"(?<=[\d.])(?:分|元)$")


def parse_decimal_input(text: str) -> Decimal:
    """Read a number typed in a cell or imported (flat JSON, Excel): the one number parser.

    Full-width digits (``１２,３４５.６``), ``,``/``，`` separators, spaces and a trailing
    ``分`` or ``元`` (``5分``, ``5,000 元``) are allowed. Raises :class:`DecimalInputError`
    (a Chinese message) for blank text, for anything that is not a plain decimal number,
    for more than 20 digits and for more than 10 decimals (``numbers.bounded``).
    """
    s = _CELL_UNIT.sub("", _normalise(text).replace("。", "."))
    if not s:
        raise DecimalInputError("请输入数字")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise DecimalInputError(f"“{text.strip()}”中的千位分隔符位置不对")
        s = s.replace(",", "")
    if not _INPUT_NUMBER.fullmatch(s):
        raise DecimalInputError(f"“{text.strip()}”不是数字")
    if sum(c.isdigit() for c in s) > _MAX_DIGITS:
        raise DecimalInputError(f"“{text.strip()}”位数太多（最多 {_MAX_DIGITS} 位）")
    try:
        return bounded(Decimal(s))
    except DecimalBoundError as exc:
        raise DecimalInputError(f"“{text.strip()}”{exc}") from None
