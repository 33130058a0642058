"""Shared helpers of the render tests: seed forms, big forms, reading PDFs back by column."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pdfplumber

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import Form, Goals, Indicator, Level1, Level2
from perfeval_gui.render.blocks import Columns
from perfeval_gui.render.layout import Style
from perfeval_gui.render.pdf import render_pdf_bytes
from tests.conftest import load_fixture_json

#: The label of every section of FORM-SPEC §2, as printed on page 1.
SECTION_LABELS = (
    "项目名称",
    "主管部门",
    "实施单位",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "年度资金总额",
    "其中：当年财政拨款",
    "上年结转资金",
    "其他资金",
    "预期目标",
    "实际完成情况",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "偏差原因分析及改进措施",
)
#: Column of the 三级 row fields in the indicator block (index into Columns.indicator).
FIELD_COLUMNS = {
    "level1": 0,
    "level2": 1,
    "name": 2,
    "target": 3,
    "actual": 4,
    "weight": 5,
    "score": 6,
    "deviation_note": 7,
}


def seed_form(n: int) -> Form:
    """Seed form ``n`` (1 or 2) as a Form."""
    return form_from_flat(load_fixture_json(n))


def render(forms: Sequence[Form], **options: Any) -> bytes:
    """The PDF of ``forms``."""
    return render_pdf_bytes(list(forms), **options)


@contextmanager
def opened(data: bytes) -> Iterator[pdfplumber.PDF]:
    """The PDF read back with pdfplumber."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield pdf


def column_edges(field: str, *, landscape: bool = False) -> tuple[float, float]:
    """x-range of an indicator column (as laid out for the bundled font's style)."""
    cols = Columns.for_style(Style(landscape=landscape))
    i = FIELD_COLUMNS[field]
    return cols.indicator[i], cols.indicator[i + 1]


def narrow_column(*, landscape: bool = False) -> tuple[float, float]:
    """x-range of the narrow column of vertical section labels."""
    cols = Columns.for_style(Style(landscape=landscape))
    return cols.left, cols.label


def page_text(page: Any, x0: float, x1: float) -> str:
    """The characters of ``page`` whose centres lie in ``x0..x1``, in reading order, no spaces."""
    footer = page.height - Style().margin_bottom  # the page number lives below
    chars = [
        c
        for c in page.chars
        if x0 < (c["x0"] + c["x1"]) / 2 < x1 and c["text"].strip() and c["bottom"] < footer
    ]
    chars.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
    return "".join(c["text"] for c in chars)


def indicator_column_pages(
    pdf: pdfplumber.PDF, field: str, *, landscape: bool = False, header: str
) -> list[str]:
    """Per page, the text of one indicator column below its header ``header``."""
    x0, x1 = column_edges(field, landscape=landscape)
    out = []
    for page in pdf.pages:
        text = page_text(page, x0, x1)
        out.append(text.split(header, 1)[1] if header in text else "")
    return out


def big_form(n: int, *, note: str = "", goal_len: int = 0, per_level2: int = 10) -> Form:
    """A form with ``n`` indicators in groups of ``per_level2`` (unique names ``指标N号``)."""
    level1: list[Level1] = []
    for i in range(0, n, per_level2 * 3):
        children = []
        for j in range(i, min(n, i + per_level2 * 3), per_level2):
            rows = [
                Indicator(
                    name=f"指标{k}号",
                    target=">=95%",
                    actual="96%",
                    weight=Decimal(1),
                    score=Decimal(1),
                    deviation_note=note,
                )
                for k in range(j, min(n, j + per_level2))
            ]
            children.append(Level2(name=f"二级{j}", indicators=rows))
        level1.append(Level1(name=f"一级{i}", children=children))
    goal = ("目标" * goal_len)[:goal_len]
    return Form(
        project_name="压力测试项目",
        department="某局",
        implementing_unit="某中心",
        goals=Goals(expected=goal, actual=goal),
        level1=level1,
    )


def strip_ws(text: str) -> str:
    """``text`` without whitespace (line breaks drop spaces)."""
    return "".join(text.split())


def misplaced_chars(page: Any, eps: float = 0.01) -> list[str]:
    """Characters not wholly inside the smallest drawn cell around them (or cut by a cell).

    A character outside every cell (title, signature, page number) must not touch any cell.
    """
    rects = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects]
    bad = []
    for c in page.chars:
        if not c["text"].strip():
            continue
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        around = [r for r in rects if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]]
        if not around:
            if any(
                c["x0"] < r[2] and c["x1"] > r[0] and c["top"] < r[3] and c["bottom"] > r[1]
                for r in rects
            ):
                bad.append(c["text"])
            continue
        x0, top, x1, bottom = min(around, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
        if not (
            x0 - eps <= c["x0"]
            and c["x1"] <= x1 + eps
            and top - eps <= c["top"]
            and c["bottom"] <= bottom + eps
        ):
            bad.append(c["text"])
    return bad
