"""Wording helpers of the 自评报告: labels, figures with their units, long texts."""

from __future__ import annotations

import re
from decimal import Decimal

from perfeval_gui.model.form import Form
from perfeval_gui.model.formatting import format_amount, format_score
from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.report_blocks import Paragraph, placeholder
from perfeval_gui.model.template_catalog import form_template

#: An enumeration inside a long text (``… 2、科技金融宣传活动费``) where a line break was lost.
_ENUMERATION = re.compile(r"\s+(?=(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.．](?!\d))")


#: A note in a label for the form's columns only: 全年预算数（A）, 执行率（B/A）.
_COLUMN_NOTE = re.compile(r"（[A-Za-z/ ]+）|\([A-Za-z/ ]+\)")


class Words:
    """The labels of a form's template (四川 says 权重, 完成值, 未完成原因分析 …).

    ``words(key)`` is the label for prose, ``words.heading(key)`` as a table column says it.
    """

    def __init__(self, form: Form) -> None:
        self.template = form_template(form)

    def heading(self, key: str) -> str:
        """The template's label of ``key`` as its column header."""
        if key == "target" and self.template.split_target:
            return LABELS["target"]  # the report shows the three parts as one 年度指标值
        return self.template.label(key)

    def __call__(self, key: str) -> str:
        """The label of ``key`` in a sentence (column notes such as ``（B/A）`` dropped)."""
        return _COLUMN_NOTE.sub("", self.heading(key)).strip() or self.heading(key)


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
