"""The hidden sheet ``perfeval``: what the printed layout cannot show, for a lossless round trip.

It holds each exported form as .pev JSON (split over cells: a cell holds at most 32,767
characters), keyed by the sheet name. On import the visible cells are the truth for
everything they show: when they are exactly what perfeval wrote, the stored form is taken
whole (exact digits, empty rows, control characters); when a user edited them, the visible
form is kept and the hidden one only adds what is invisible (scoring profile, print options,
qualitative grades of rows whose name is unchanged, a typed 年度资金总额 that the visible
computed total still agrees with).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.pev import dumps_pev, loads_pev
from perfeval_gui.model.form import (
    Amounts,
    Form,
    FundColumn,
    Funds,
    PrintOptions,
    QualitativeGrade,
)
from perfeval_gui.model.scoring import funds_total

HIDDEN_SHEET = "perfeval"
_NOTICE = (
    "本表由 perfeval 生成并隐藏，保存自评表中打印版式上看不到的信息（评分规则、打印设置、"
    "定性指标完成等级、精确数字等），供再次导入时使用。请勿修改；删除本表不影响可见的表格内容。"
)
_HEADERS = ("工作表", "序号", "数据（.pev JSON）")
_CHUNK = 16000  # Excel allows 32,767 UTF-16 units a cell; a character outside the BMP is two


def write_hidden(workbook: Workbook, entries: list[tuple[str, Form]]) -> None:
    """Add the hidden sheet holding each (sheet title, form) as chunks of .pev JSON."""
    ws = workbook.create_sheet(HIDDEN_SHEET)
    ws.sheet_state = "hidden"
    ws.cell(row=1, column=1, value=_NOTICE).alignment = Alignment(wrap_text=False)
    for col, header in enumerate(_HEADERS, start=1):
        ws.cell(row=2, column=col, value=header)
    row = 3
    for title, form in entries:
        text = dumps_pev(form)
        for index, start in enumerate(range(0, len(text), _CHUNK), start=1):
            ws.cell(row=row, column=1, value=title).data_type = "s"
            ws.cell(row=row, column=2, value=index)
            cell = ws.cell(row=row, column=3, value=text[start : start + _CHUNK])
            cell.data_type = "s"  # JSON starts with "{", but never let a cell be a formula
            row += 1


def read_hidden(workbook: Workbook) -> tuple[dict[str, Form], str | None]:
    """The stored forms by sheet title, and a Chinese problem description (or ``None``)."""
    if HIDDEN_SHEET not in workbook.sheetnames:
        return {}, None
    ws = workbook[HIDDEN_SHEET]
    parts: dict[str, list[tuple[int, str]]] = {}
    for title, index, chunk in ws.iter_rows(min_row=3, max_col=3, values_only=True):
        if not isinstance(title, str) or not isinstance(chunk, str):
            continue
        order = index if isinstance(index, int) else 0
        parts.setdefault(title, []).append((order, chunk))
    forms: dict[str, Form] = {}
    problems: list[str] = []
    for title, chunks in parts.items():
        text = "".join(chunk for _, chunk in sorted(chunks))
        try:
            forms[title] = loads_pev(text, source=f"{HIDDEN_SHEET}!{title}")
        except FormFileError as exc:
            problems.append(f"“{title}”：{exc}")
    problem = None
    if problems:
        problem = (
            "隐藏表 perfeval 中的数据无法读取，已忽略，只按可见表格导入（"
            + "；".join(problems)
            + "）"
        )
    return forms, problem


def add_invisible(visible: Form, stored: Form) -> Form:
    """``visible`` (edited by a user) plus what only the stored form knows."""
    grades: dict[tuple[str, str, str], QualitativeGrade] = {}
    for _, _, _, l1, l2, indicator in stored.iter_indicators():
        if indicator.grade is not None:
            grades.setdefault((l1.name, l2.name, indicator.name), indicator.grade)
    level1 = [l1.model_copy(deep=True) for l1 in visible.level1]
    for l1 in level1:
        for l2 in l1.children:
            for indicator in l2.indicators:
                grade = grades.get((l1.name, l2.name, indicator.name))
                if grade is not None:
                    indicator.grade = grade
    return visible.model_copy(
        update={
            "level1": level1,
            "scoring_profile": stored.scoring_profile,
            "template": stored.template,
            "print_options": _print_options(visible.print_options, stored.print_options),
            "funds": _typed_total(visible.funds, stored.funds),
        }
    )


def _print_options(visible: PrintOptions, stored: PrintOptions) -> PrintOptions:
    """Stored settings, except the signature block, which the sheet shows (or not)."""
    if not visible.signature_block:
        return stored.model_copy(update={"signature_block": False})
    return stored.model_copy(
        update={"signature_block": True, "signature_labels": list(visible.signature_labels)}
    )


def _typed_total(visible: Funds, stored: Funds) -> Funds:
    """Keep the stored typed 年度资金总额 where the sheet shows the same computed total."""
    sources = visible.model_copy(update={"total": Amounts()})
    computed = funds_total(sources)
    stored_computed = funds_total(stored)
    total: dict[str, object] = {}
    for column in FundColumn:
        shown = getattr(visible.total, column)
        if shown is not None and shown == getattr(computed, column) == getattr(
            stored_computed, column
        ):
            total[column.value] = getattr(stored.total, column)
        else:
            total[column.value] = shown
    return visible.model_copy(update={"total": Amounts.model_validate(total)})
