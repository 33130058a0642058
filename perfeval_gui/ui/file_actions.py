"""File intents of the editor: new, open, save, save as, recent files, Excel in and out.

Every failure reaches the user as a dialog with the Chinese reason, never a traceback.
Unsaved changes are never dropped without asking 保存 / 不保存 / 取消.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from perfeval_gui.io import lockfile
from perfeval_gui.io.disk_stamp import DiskStamp, marked_read_only, read_only_lifted, stamp_of
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.load import load_form
from perfeval_gui.io.pev import save_pev
from perfeval_gui.model.form import Form, default_year, standard_form
from perfeval_gui.model.template_catalog import get_template
from perfeval_gui.model.templates import blank_form
from perfeval_gui.ui import dialogs, settings
from perfeval_gui.ui.delegates import CellDelegate
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.file_guard import Claim, FileGuard, OpenMode
from perfeval_gui.ui.lock_dialogs import ConflictChoice, describe_holder


def commit_open_editor() -> bool:
    """Commit what is being typed in a table cell, as leaving the cell would.

    Saving with Ctrl+S while a cell editor is open must save what the user sees. Returns
    False when the typed text was refused (not a number): it is shown again to correct.
    """
    widget = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, QAbstractItemView):
        widget = widget.parentWidget()
    if widget is not None and widget.state() == QAbstractItemView.State.EditingState:
        widget.setFocus()  # the editor loses the focus: its delegate commits and closes it
        delegate = widget.itemDelegate()
        if isinstance(delegate, CellDelegate) and delegate.has_refused_text():
            return False
    return True


class FileController(QObject):
    """Carries out the file actions for one window and its document."""

    #: The list of recent files changed.
    recent_changed = Signal()
    #: A message for the status bar.
    status_message = Signal(str)

    def __init__(self, document: Document, window: QWidget) -> None:
        super().__init__(window)
        self._document = document
        self._window = window
        self.guard = FileGuard(window)

    # ------------------------------------------------------------ asking
    def maybe_save(self) -> bool:
        """Before the form is dropped: True when it may go (saved, discarded or unchanged)."""
        if not commit_open_editor():
            return False  # closing would silently drop the refused text being corrected
        if not self._document.is_modified():
            return True
        choice = dialogs.ask_save_changes(self._window, self._document.display_name())
        if choice == dialogs.SaveChoice.SAVE:
            return self.save()
        return choice == dialogs.SaveChoice.DISCARD

    def _directory(self) -> str:
        if self._document.path is not None:
            return str(self._document.path.parent)
        recent = settings.recent_files()
        return str(recent[0].parent) if recent else ""

    # ------------------------------------------------------------ new / open
    def new_file(self, template: str | None = None) -> bool:
        """Start an empty form of ``template`` (the default Shanghai/central one if ``None``)."""
        if not self.maybe_save():
            return False
        form = (
            standard_form()
            if template is None
            else blank_form(get_template(template), default_year())
        )
        self._document.replace_form(form, None)
        self.guard.release()
        return True

    def open_dialog(self) -> bool:
        """Ask for a file and open it."""
        if not self.maybe_save():
            return False
        path = dialogs.ask_open_path(self._window, self._directory())
        return path is not None and self.open_file(path, ask=False)

    def open_file(self, path: Path, *, ask: bool = True, as_copy: bool = False) -> bool:
        """Open ``path``; a workbook goes through the Excel import (sheet choice, notes).

        ``as_copy`` opens the form untitled (保存 asks where): for the bundled example, which
        must never be overwritten inside the installation.
        """
        if ask and not self.maybe_save():
            return False
        if path.suffix.lower() == ".xlsx":
            return self.import_workbook(path, ask=False)
        is_pev = path.suffix.lower() == ".pev"
        claim = self.guard.claim(path) if is_pev and not as_copy else Claim(OpenMode.COPY)
        if claim.mode == OpenMode.CANCEL:
            return False
        stamp = stamp_of(path)
        try:
            form = load_form(path)
        except FormFileError as error:
            self.guard.drop(claim)
            dialogs.show_error(self._window, self.tr("无法打开文件"), str(error))
            if path.resolve() in settings.recent_files():
                settings.remove_recent_file(path.resolve())
                self.recent_changed.emit()
            return False
        if is_pev and claim.mode in (OpenMode.EDIT, OpenMode.READ_ONLY):
            self._document.replace_form(form, path)
            self.guard.adopt(claim, path, stamp)
            self._document.set_read_only(claim.mode == OpenMode.READ_ONLY)
            self._remember(path)
        else:
            # A flat JSON is interchange, not the project file (and a copy is not the
            # original): saving asks where, suggesting a .pev of the same name.
            self._document.replace_form(form, None)
            self.guard.adopt(claim, None)
            copy_of_locked = is_pev and not as_copy
            self._document.suggested_name = (
                self.tr("{stem}（副本）.pev").format(stem=path.stem)
                if copy_of_locked
                else path.with_suffix(".pev").name
            )
            if as_copy or copy_of_locked:
                self._document.undo_stack.setClean()  # nothing typed yet: nothing to lose
            else:
                self._document.undo_stack.resetClean()  # unsaved until it is a .pev
            self._document.path_changed.emit(None)
        if claim.took_over:
            message = self.tr("已打开 {name}（接管了上次未正常关闭时留下的锁定）")
        elif claim.mode == OpenMode.READ_ONLY:
            message = self.tr("已以只读方式打开 {name}")
        else:
            message = self.tr("已打开 {name}")
        self.status_message.emit(message.format(name=path.name))
        return True

    def restore(
        self,
        form: Form,
        *,
        path: Path | None,
        suggested_name: str | None = None,
        stamp: DiskStamp | None = None,
    ) -> None:
        """Show a form recovered after a crash as the file it belongs to, unsaved."""
        claim = self.guard.claim(path, ask=False) if path is not None else Claim(OpenMode.COPY)
        self._document.replace_form(form, path)
        self.guard.adopt(claim, path, stamp)
        if path is None:
            self._document.suggested_name = suggested_name
            self._document.path_changed.emit(None)
        elif claim.mode == OpenMode.READ_ONLY:
            self._document.set_read_only(True)
            held = lockfile.read_lock(path)
            dialogs.show_info(
                self._window,
                self.tr("恢复"),
                self.tr(
                    "“{name}”正在编辑中：{who}。恢复的内容以只读方式打开，请用“另存为”保存。"
                ).format(name=path.name, who=describe_holder(held) if held else self.tr("其他人")),
            )
        self._document.undo_stack.resetClean()  # restored work is unsaved work

    # ------------------------------------------------------------ save
    def save(self) -> bool:
        """Save to the current file, or ask where when there is none."""
        commit_open_editor()
        if self._document.path is None or self._document.read_only:
            return self.save_as()
        return self._save_to(self._document.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        commit_open_editor()
        suggested = self._document.path or Path(self._directory(), self._suggested_name())
        path = dialogs.ask_save_path(self._window, str(suggested))
        return path is not None and self._save_to(path)

    def _suggested_name(self) -> str:
        if self._document.suggested_name:
            return self._document.suggested_name
        name = self._document.form.project_name.strip() or self.tr("未命名")
        return f"{name}.pev"

    def _save_to(self, path: Path) -> bool:
        choice = self.guard.check_save(path, self._document.path)
        if choice == ConflictChoice.SAVE_AS:
            return self.save_as()
        if choice == ConflictChoice.CANCEL:
            return False
        try:
            if marked_read_only(path):  # the user chose to overwrite it (asked above)
                with read_only_lifted(path):
                    save_pev(self._document.form, path)
            else:
                save_pev(self._document.form, path)
        except (FormFileError, OSError) as error:
            dialogs.show_error(self._window, self.tr("无法保存文件"), str(error))
            return False
        self._document.undo_stack.setClean()
        self.guard.saved(path)
        if path != self._document.path:
            self._document.set_path(path)
        self._document.set_read_only(False)
        self._remember(path)
        self.status_message.emit(self.tr("已保存到 {path}").format(path=path))
        return True

    def _remember(self, path: Path) -> None:
        settings.add_recent_file(path)
        self.recent_changed.emit()

    # ------------------------------------------------------------ Excel
    def import_dialog(self) -> bool:
        """Ask for a workbook and import it as a new, unsaved form."""
        if not self.maybe_save():
            return False
        path = dialogs.ask_import_path(self._window, self._directory())
        return path is not None and self.import_workbook(path, ask=False)

    def import_workbook(self, path: Path, *, ask: bool = True) -> bool:
        """Import a workbook; with several sheets the user picks one; notes are shown."""
        from perfeval_gui.io.xlsx_import import read_workbook  # noqa: PLC0415 - openpyxl is slow to import

        if ask and not self.maybe_save():
            return False
        try:
            sheets = read_workbook(path)
        except FormFileError as error:
            dialogs.show_error(self._window, self.tr("无法导入工作簿"), str(error))
            return False
        if not sheets:
            dialogs.show_error(
                self._window, self.tr("无法导入工作簿"), self.tr("工作簿中没有可导入的自评表")
            )
            return False
        chosen = 0
        if len(sheets) > 1:
            picked = dialogs.choose_sheet(self._window, [s.sheet_name for s in sheets])
            if picked is None:
                return False
            chosen = picked
        sheet = sheets[chosen]
        self._document.replace_form(sheet.form, None)
        self.guard.release()
        self._document.suggested_name = f"{path.stem}.pev"
        self._document.undo_stack.resetClean()  # imported, not yet saved as a form file
        self._document.path_changed.emit(None)
        dialogs.show_import_notes(self._window, sheet.notes)
        self.status_message.emit(self.tr("已导入 {name}").format(name=path.name))
        return True

    def export_dialog(self) -> bool:
        """Ask for a file name and export the form as a workbook."""
        from perfeval_gui.io.xlsx_export import export_xlsx  # noqa: PLC0415 - openpyxl is slow to import

        commit_open_editor()

        stem = (
            self._document.path.stem if self._document.path else Path(self._suggested_name()).stem
        )
        path = dialogs.ask_save_path(
            self._window,
            str(Path(self._directory(), f"{stem}.xlsx")),
            dialogs.XLSX_FILTER,
            ".xlsx",
            title=self.tr("导出 Excel"),
        )
        if path is None:
            return False
        try:
            export_xlsx(self._document.form, path)
        except (FormFileError, OSError) as error:
            dialogs.show_error(self._window, self.tr("无法导出 Excel"), str(error))
            return False
        self.status_message.emit(self.tr("已导出到 {path}").format(path=path))
        return True
