"""The 汇总表's amount columns fit their widest figure, the 合计 included (found on a QA pass:
a 合计 of 111,047,681.4321 showed as ### in Excel and LibreOffice)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from perfeval_gui.io.summary_xlsx import summary_workbook_bytes
from perfeval_gui.model.form import Amounts, AmountUnit, standard_form
from perfeval_gui.model.formatting import format_amount
from perfeval_gui.model.summary import summarize, summary_row


def test_amount_columns_are_wide_enough_for_the_totals() -> None:
    rows = []
    for n in range(12):
        form = standard_form(2023)
        form.project_name = f"项目{n}"
        amount = Decimal("9253973.4321")  # 元 with four decimals, as some units type them
        form.funds.current_year_appropriation = Amounts(
            initial=amount, adjusted=amount, executed=amount
        )
        rows.append(summary_row(form, f"{n}.pev"))
    summary = summarize(rows, AmountUnit.YUAN, None)
    ws = load_workbook(io.BytesIO(summary_workbook_bytes(summary)))["汇总表"]
    total = format_amount(summary.totals.executed)
    assert total == "111,047,681.1852"
    for column in "EFG":
        assert (ws.column_dimensions[column].width or 0) >= len(total) + 1
