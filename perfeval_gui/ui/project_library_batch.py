"""The 项目库's batch actions: 检查, 打印为 PDF (all forms in one PDF, pages numbered on) and
导出汇总表 (.xlsx or .pdf), on the selected rows or on every row shown.

Printing and exporting run on a worker thread; the result (or the Chinese reason it failed)
comes back to the window's status bar and a message box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.folder import FailedFile, LoadedForm, load_one
from perfeval_gui.model.form import AmountUnit
from perfeval_gui.model.summary import row_in_unit, summarize
from perfeval_gui.render.errors import RenderError
from perfeval_gui.ui import dialogs
from perfeval_gui.ui.project_library_loader import LIBRARY_UNIT, LibraryEntry

if TYPE_CHECKING:
    from perfeval_gui.ui.project_library import ProjectLibraryWindow

SUMMARY_FILTER = "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)"
PDF_FILTER = "PDF 文件 (*.pdf)"


def ask_path(parent: QWidget, suggested: str, file_filter: str, title: str) -> Path | None:
    """Where to write; a name without a known suffix gets the chosen type's suffix."""
    suffix = ".pdf" if file_filter == PDF_FILTER else ".xlsx"
    dialog = dialogs.save_dialog(parent, suggested, file_filter, suffix)
    dialog.setWindowTitle(title)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    if path.suffix.lower() in (".xlsx", ".pdf"):
        return path
    chosen = ".pdf" if "pdf" in dialog.selectedNameFilter() else suffix
    return path.with_name(path.name + chosen)


class _TaskSignals(QObject):
    done = Signal(str)
    failed = Signal(str)


class _Task(QRunnable):
    """Runs ``work`` (which returns a Chinese message) on the pool's thread."""

    def __init__(self, work: Callable[[], str], signals: _TaskSignals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:  # reimplements QRunnable.run
        try:
            message = self.work()
        except (FormFileError, RenderError) as exc:
            self.signals.failed.emit(str(exc))
        else:
            self.signals.done.emit(message)


def print_forms(entries: list[LibraryEntry], output: Path) -> str:
    """Print the forms of ``entries`` (in that order) into one PDF at ``output``."""
    from perfeval_gui.io.atomic import atomic_write_bytes  # noqa: PLC0415
    from perfeval_gui.render.pdf import render_pdf_bytes  # noqa: PLC0415

    wanted = {e.label for e in entries if e.row is not None}
    forms = []
    loaded: dict[Path, list[LoadedForm | FailedFile]] = {}
    for entry in entries:
        if entry.row is None:
            continue
        if entry.path not in loaded:
            loaded[entry.path] = list(load_one(entry.path, every_form=True))
        for item in loaded[entry.path]:
            if isinstance(item, FailedFile):
                raise FormFileError(item.reason)
            if item.label == entry.label and item.label in wanted:
                forms.append(item.form)
    if not forms:
        raise FormFileError("没有可打印的自评表")
    atomic_write_bytes(output, render_pdf_bytes(forms), backup=False)
    return f"已打印 {len(forms)} 张自评表：{output}"


def export_summary(entries: list[LibraryEntry], output: Path) -> str:
    """Write the 汇总表 of ``entries`` to ``output`` (.xlsx or .pdf)."""
    from perfeval_gui.commands.summary import write_output  # noqa: PLC0415

    rows = [e.row for e in entries if e.row is not None]
    units = {row.form_unit for row in rows}
    unit = AmountUnit.WAN_YUAN if units == {AmountUnit.WAN_YUAN} else AmountUnit.YUAN
    summary = summarize([row_in_unit(r, unit, LIBRARY_UNIT) for r in rows], unit)
    failed = [FailedFile(e.path, e.error) for e in entries if e.row is None]
    write_output(summary, failed, output)
    return f"已导出 {summary.totals.count} 个项目的汇总表：{output}"


class BatchActions(QObject):
    """The three actions, their texts naming how many rows they act on."""

    def __init__(self, window: ProjectLibraryWindow) -> None:
        super().__init__(window)
        self.window = window
        tr = self.tr
        self.check_action = QAction(tr("检查"), window)
        self.check_action.triggered.connect(lambda _c=False: self.check())
        self.print_action = QAction(tr("打印为 PDF…"), window)
        self.print_action.triggered.connect(lambda _c=False: self.print_pdf())
        self.export_action = QAction(tr("导出汇总表…"), window)
        self.export_action.triggered.connect(lambda _c=False: self.export())
        self.actions = [self.check_action, self.print_action, self.export_action]
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _TaskSignals(self)
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.last_report = ""
        self._texts_timer = QTimer(self)
        self._texts_timer.setSingleShot(True)
        self._texts_timer.setInterval(50)
        self._texts_timer.timeout.connect(self._update_texts_now)

    def update_texts(self, *_: Any) -> None:
        """Say on each action (soon) whether it takes the selection or every row shown.

        Rows arrive by the hundred while a folder loads: the texts are updated once after a
        burst of changes, not once per row."""
        self._texts_timer.start()

    def _update_texts_now(self) -> None:
        count = self.window.action_row_count()
        scope = self.tr("选中的") if self.window.has_selection() else self.tr("全部")
        tip = self.tr("（%1 %2 个）").replace("%1", scope).replace("%2", str(count))
        for action, text in zip(
            self.actions,
            (self.tr("检查"), self.tr("打印为 PDF…"), self.tr("导出汇总表…")),
            strict=True,
        ):
            action.setToolTip(text.rstrip("…") + tip)
            action.setStatusTip(text.rstrip("…") + tip)
            action.setEnabled(count > 0)

    def check(self) -> str:
        """The check report of the rows, shown in a dialog; returns its text."""
        entries = self.window.selected_entries()
        reports = [e.report if e.row is not None else e.error for e in entries]
        errors = sum(e.row.errors for e in entries if e.row is not None)
        warnings = sum(e.row.warnings for e in entries if e.row is not None)
        failed = sum(1 for e in entries if e.row is None)
        head = self.tr("检查 %1 张自评表：错误 %2，警告 %3；无法读取的文件 %4 个")
        for n, value in enumerate((len(entries) - failed, errors, warnings, failed), start=1):
            head = head.replace(f"%{n}", str(value))
        self.last_report = head + "\n\n" + "\n\n".join(reports)
        show_report(self.window, self.tr("检查结果"), self.last_report)
        return self.last_report

    def print_pdf(self) -> bool:
        entries = self.window.selected_entries()
        output = ask_path(self.window, "项目库.pdf", PDF_FILTER, self.tr("打印为 PDF"))
        return output is not None and self._run(lambda: print_forms(entries, output))

    def export(self) -> bool:
        entries = self.window.selected_entries()
        output = ask_path(self.window, "汇总表.xlsx", SUMMARY_FILTER, self.tr("导出汇总表"))
        return output is not None and self._run(lambda: export_summary(entries, output))

    def _run(self, work: Callable[[], str]) -> bool:
        self.window.statusBar().showMessage(self.tr("正在处理…"))
        self.pool.start(_Task(work, self.signals))
        return True

    def wait(self) -> None:
        """Wait for a print or export still running (the window is closing)."""
        self.pool.waitForDone()

    def _done(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10000)
        dialogs.show_info(self.window, self.tr("完成"), message)

    def _failed(self, message: str) -> None:
        self.window.statusBar().clearMessage()
        dialogs.show_error(self.window, self.tr("未能完成"), message)


def show_report(parent: QWidget, title: str, text: str) -> None:
    """A read-only text window with the check report."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    edit = QPlainTextEdit(dialog)
    edit.setReadOnly(True)
    edit.setPlainText(text)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    layout.addWidget(edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(900, 600)
    dialog.setModal(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
