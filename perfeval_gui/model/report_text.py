"""Wording helpers of the 自评报告: labels, figures with their units, long texts."""

from __future__ import annotations

import re
from decimal import Decimal

from perfeval_gui.model.formatting import format_amount, format_score
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.report_blocks import Paragraph, placeholder

#: An enumeration inside a long text (``… 2、科技金融宣传活动费``) where a line break was lost.
_ENUMERATION = re.compile(r"\s+(?=(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．](?!\d))")


def label(key: str) -> str:
    """The form's label for a field (``weight`` → 分值)."""
    return LABELS.get(key, key)


def text_paragraphs(text: str, lead: str, missing: str) -> list[Paragraph]:
    """A long free text as paragraphs, the first one led by ``lead：``.

    Lines stay lines; an enumeration run into one line (``1、… 2、…``) starts a new
    paragraph at each number. An empty text gives the placeholder ``missing``.
    """
    parts = [
        piece.strip()
        for line in text.splitlines()
        for piece in _ENUMERATION.split(line)
        if piece.strip()
    ]
    if not parts:
        return [Paragraph(f"{lead}：{placeholder(missing)}")]
    return [Paragraph(f"{lead}：{parts[0]}"), *(Paragraph(p) for p in parts[1:])]


def amount_text(value: Decimal | None, unit: str) -> str:
    """``152,919.80元``, or ``【请补充：金额】元`` when the cell is empty."""
    return f"{placeholder('金额') if value is None else format_amount(value)}{unit}"


def score_text(value: Decimal | None) -> str:
    """``94分``, or ``（未填写）`` for an empty cell."""
    return "（未填写）" if value is None else f"{format_score(value)}分"


def end_sentence(text: str) -> str:
    """``text`` ending in exactly one 。 (a trailing ；;,，. replaced)."""
    return text.strip().rstrip("。；;，,.") + "。"
