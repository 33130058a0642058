"""The floor for start-up: a bare PySide6 process that shows a QMainWindow with a QTableView.

It paints a small table and quits right after the first paint, exactly as
``perfeval-gui --quit-after-show`` does, so ``bench_gui.py`` can compare the two processes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class _QuitAfterPaint(QObject):
    """Quit once the window has painted (after the current paint pass)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    model = QStandardItemModel(30, 8, window)
    for row in range(30):
        for column in range(8):
            model.setItem(row, column, QStandardItem(f"{row}.{column}"))
    view = QTableView(window)
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1200, 800)
    window.show()
    _QuitAfterPaint(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
