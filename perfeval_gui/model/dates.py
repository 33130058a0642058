"""Dates typed as 时效 targets and actuals: ``2023 年 10 月底``, ``11月底前``, ``2023-12-15``.

A date is not a quantity (``values.parse_value`` keeps it qualitative), but a reviewer still
compares a completion date with its deadline. :func:`parse_deadline` reads the latest day a
text allows; a missing year is taken from the other value or the form's year.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@dataclass(frozen=True)
class DayText:
    """A date read from text: the latest day it allows (``10 月底`` → 31 October)."""

    year: int | None  # None when the text has no year
    month: int
    day: int | None  # None: the latest day of the month (``10 月``, ``10 月底``)

    def resolve(self, default_year: int) -> date | None:
        """The day itself, the year taken from ``default_year`` when the text has none."""
        year = self.year if self.year is not None else default_year
        try:
            last = calendar.monthrange(year, self.month)[1]
            return date(year, self.month, self.day if self.day is not None else last)
        except ValueError:  # 2 月 30 日, month 13
            return None


# Words of a part of the month → the latest day it allows (None: the month's last day).
_PARTS: dict[str, int | None] = {
    "底": None, "末": None, "下旬": None, "中旬": 20, "上旬": 10, "初": 10, "": None,
}  # fmt: skip
_DATE = re.compile(
    r"(?:[\u4e00-\u9fff]{0,4}?)"  # 于, 截至, 在 …
    r"(?:(?P<year>\d{4})(?:年|[-/.])(?=\d|底|末))?"
    r"(?P<month>\d{1,2})(?:月|[-/.](?=\d))"
    r"(?:(?P<day>\d{1,2})[日号]?|(?P<part>底|末|初|上旬|中旬|下旬))?"
    r"(?:前|之前|以前|内)?(?:完成|完工|办结|结束)?[。.]?"
)
_YEAR_END = re.compile(r"[\u4e00-\u9fff]{0,4}?(?P<year>\d{4})年(?:底|末)(?:前|之前|以前)?"
                       r"(?:完成|完工|办结|结束)?[。.]?")  # fmt: skip
# ``年底前完成``, ``年内完成`` without a year: the end of the year of the other value (or the
# form's); only "this year" words may precede, so ``明年年底`` stays unread.
_YEARLESS_END = re.compile(r"(?:当年|今年|本年度?)?年(?:底|末|度?内)(?:前|之前|以前)?"
                           r"(?:完成|完工|办结|结束)?[。.]?")  # fmt: skip


@lru_cache(maxsize=4096)
def parse_deadline(text: str) -> DayText | None:
    """The date in ``text`` (the whole text must be one date), or ``None``."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    m = _YEAR_END.fullmatch(s)
    if m is not None:
        return DayText(int(m["year"]), 12, 31)
    if _YEARLESS_END.fullmatch(s):
        return DayText(None, 12, 31)
    m = _DATE.fullmatch(s)
    if m is None or (m["year"] is None and "月" not in s):
        return None  # ``12.5`` is a number, ``12/5`` too vague without a year
    month = int(m["month"])
    if not 1 <= month <= 12:
        return None
    year = int(m["year"]) if m["year"] else None
    day = int(m["day"]) if m["day"] else _PARTS[m["part"] or ""]
    return DayText(year, month, day)


def deadline_met(target: str, actual: str, default_year: int) -> tuple[bool, int] | None:
    """Whether the actual date is on or before the target date, and the days late (≥ 0).

    ``None`` when either text is not a date.
    """
    t, a = parse_deadline(target), parse_deadline(actual)
    if t is None or a is None:
        return None
    year = t.year or a.year or default_year
    t_day, a_day = t.resolve(year), a.resolve(a.year or year)
    if t_day is None or a_day is None:
        return None
    late = (a_day - t_day).days
    return late <= 0, max(late, 0)
