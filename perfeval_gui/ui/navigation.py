"""Jumping from a finding to the row and field it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from perfeval_gui.model.checks import Finding
from perfeval_gui.ui.funds_model import AMOUNT_COLUMNS, WEIGHT_COLUMN, fund_rows
from perfeval_gui.ui.operations import INDICATOR_FIELDS
from perfeval_gui.ui.tree_model import NAME_COLUMN
from perfeval_gui.ui.tree_model import WEIGHT_COLUMN as TREE_WEIGHT_COLUMN

if TYPE_CHECKING:
    from perfeval_gui.ui.main_window import MainWindow


def go_to_finding(window: MainWindow, finding: Finding) -> None:
    """Select, scroll to and focus the cell or field ``finding`` names."""
    path, field = finding.path, finding.field
    if path is not None and len(path) == 3:
        _go_to_indicator(window, path, field)
    elif path is not None:
        window.tree_panel.select(path)
        column = TREE_WEIGHT_COLUMN if field.endswith(".weight") else NAME_COLUMN
        index = window.tree_panel.model.index_of(path, column)
        window.tree_panel.view.setCurrentIndex(index)
        window.tree_panel.view.setFocus()
    elif field.startswith("funds.") or field == "budget_weight":
        _go_to_funds(window, field)
    elif field.startswith("goals."):
        window.tabs.setCurrentIndex(1)
        window.fields.focus_field(field)
    elif window.fields.focus_field(field):
        window.tabs.setCurrentIndex(0)
        window.fields.focus_field(field)
    else:
        # Form-wide findings (总分, profile): the totals panel shows them.
        window.totals_panel.setFocus()
    window.show_message(finding.message)


def _go_to_indicator(window: MainWindow, path: tuple[int, ...], field: str) -> None:
    window.tree_panel.select(path[:2])
    model = window.indicator_model
    if model.row_of(path) is None:
        model.set_scope(path[:2])
    row = model.row_of(path)
    if row is None:
        return
    column = INDICATOR_FIELDS.index(field) if field in INDICATOR_FIELDS else 0
    index = model.index(row, column)
    table = window.indicator_table
    table.setCurrentIndex(index)
    table.scrollTo(index)
    table.setFocus()


def _go_to_funds(window: MainWindow, field: str) -> None:
    window.tabs.setCurrentIndex(0)
    if field == "budget_weight":
        row, column = 0, WEIGHT_COLUMN
    else:
        _, row_name, column_name = field.split(".")
        rows = [r.value for r in fund_rows(window.document.form)]
        row = rows.index(row_name) if row_name in rows else 0
        column = [c.value for c in AMOUNT_COLUMNS].index(column_name)
    model = window.funds_model
    table = window.funds_table
    index = model.index(row, column)
    if not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
        # 年度资金总额 is computed: go to the sources it adds up, where the amounts are typed.
        sources = [
            model.index(r, column)
            for r in range(model.rowCount())
            if model.flags(model.index(r, column)) & Qt.ItemFlag.ItemIsEditable
        ]
        if sources:
            table.setCurrentIndex(sources[0])
            selection = QItemSelection(sources[0], sources[-1])
            table.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            table.scrollTo(sources[0])
            table.setFocus()
            return
    table.setCurrentIndex(index)
    table.scrollTo(index)
    table.setFocus()
