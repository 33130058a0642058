"""The main window: indicator tree, tables, totals and findings around one Document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.load import load_form
from perfeval_gui.ui.document import Document


class MainWindow(QMainWindow):
    """The editor window for one form."""

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document if document is not None else Document(parent=self)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self._update_title()

    def open_file(self, path: Path) -> bool:
        """Open ``path`` (.pev, .json, .xlsx); on failure show the reason and return False."""
        try:
            form = load_form(path)
        except FormFileError as error:
            QMessageBox.critical(self, self.tr("无法打开文件"), str(error))
            return False
        self.document.replace_form(form, path if path.suffix.lower() == ".pev" else None)
        return True

    def _update_title(self) -> None:
        star = "*" if self.document.is_modified() else ""
        self.setWindowTitle(f"{self.document.display_name()}{star} — {self.tr('绩效自评表')}")
