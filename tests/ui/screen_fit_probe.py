"""Run the editor on one simulated screen and report, as JSON, how it fits.

``python -m tests.ui.screen_fit_probe`` under ``QT_QPA_PLATFORM=offscreen:configfile=…`` (the
screen's size) and ``QT_SCALE_FACTOR`` (150 %), with ``XDG_CONFIG_HOME`` pointing at an empty
folder (a first start). For each bundled example it reports the window's and the screen's
geometry and every amount, score or rate whose text is wider than the room its cell gives it.
Used by ``test_screen_fit.py``; a separate process because the scale factor is fixed when the
QApplication starts.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from perfeval_gui.app import create_application
from perfeval_gui.resources_path import resource_path
from perfeval_gui.ui.main_window import MainWindow
from perfeval_gui.ui.operations import INDICATOR_FIELDS

NUMBER_FIELDS = ("weight", "score", "suggested_score")


def cut_cells(view: QTableView, columns: list[int]) -> list[str]:
    """Cells of ``columns`` whose text is wider than the column leaves for text."""
    model: QAbstractItemModel = view.model()
    metrics = view.fontMetrics()
    # QStyledItemDelegate's text margin on each side, and the grid line.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    cut = []
    for row in range(model.rowCount()):
        for column in columns:
            text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            room = view.columnWidth(column) - 2 * margin - 1
            if text and metrics.horizontalAdvance(text) > room:
                cut.append(f"{row},{column}:{text} ({metrics.horizontalAdvance(text)}>{room})")
    return cut


def probe(window: MainWindow) -> dict[str, Any]:
    """What fits and what does not, for the form ``window`` shows."""
    funds = window.funds_table
    table = window.indicator_table
    window.indicator_model.set_scope(())
    # Rows are sized as they come into view: look at every one, as a user scrolling would.
    for row in range(table.model().rowCount()):
        table.scrollTo(table.model().index(row, 0))
        QApplication.processEvents()
    numbers = [INDICATOR_FIELDS.index(f) for f in NUMBER_FIELDS]
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    return {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "window": [frame.x(), frame.y(), frame.width(), frame.height()],
        "maximized": window.isMaximized(),
        "amount_cells": funds.model().rowCount() * funds.model().columnCount(),
        "funds_cut": cut_cells(funds, list(range(funds.model().columnCount()))),
        "table_cut": cut_cells(table, numbers),
        "score_cells": table.model().rowCount() * len(numbers),
        "funds_elide": int(funds.textElideMode().value),
    }


def main() -> int:
    """Open each bundled example in a first-start window and print the findings."""
    app = create_application(sys.argv[:1])
    results = []
    for name in ("example.pev", "example-2.pev"):
        window = MainWindow()
        window.open_file(resource_path("examples", name), as_copy=True)
        window.show()
        for _ in range(5):
            QApplication.processEvents()
        results.append({"example": name, **probe(window)})
        window.document.undo_stack.setClean()
        window.close()
    print(json.dumps(results, ensure_ascii=False))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
