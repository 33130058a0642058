"""The main window: indicator tree and totals on the left, the form's tables in the middle,
the findings of the checks on the right; menus, shortcuts, status bar and remembered layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.pev import loads_pev
from perfeval_gui.model.checks import Finding, Severity
from perfeval_gui.model.template_catalog import template_problems
from perfeval_gui.ui import autosave, dialogs, help_window, window_layout
from perfeval_gui.ui.document import Change, ChangeKind, Document
from perfeval_gui.ui.file_actions import FileController
from perfeval_gui.ui.findings_model import FINDING_ROLE, FindingsModel
from perfeval_gui.ui.form_fields import FormFieldsPanel
from perfeval_gui.ui.funds_model import FundsTableModel
from perfeval_gui.ui.funds_table import FundsTableView
from perfeval_gui.ui.indicator_model import IndicatorTableModel
from perfeval_gui.ui.indicator_table import IndicatorTableView
from perfeval_gui.ui.menus import build_menus
from perfeval_gui.ui.navigation import go_to_finding
from perfeval_gui.ui.totals_panel import TotalsPanel
from perfeval_gui.ui.tree_panel import IndicatorTreePanel

if TYPE_CHECKING:
    from perfeval_gui.ui.project_library import ProjectLibraryWindow


class MainWindow(QMainWindow):
    """The editor window for one form."""

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.recent_menu: QMenu | None = None
        self.library: ProjectLibraryWindow | None = None
        self.document = document if document is not None else Document(parent=self)
        if self.document.parent() is None:
            self.document.setParent(self)  # the window owns the form it edits
        self.files = FileController(self.document, self)
        self._build_widgets()
        self.autosaver = autosave.Autosaver(self.document, self)
        self.view_actions = window_layout.make_view_actions(self)
        self.autosaver.stamp_source = lambda: self.files.guard.stamp
        self.actions_by_name = build_menus(self)
        self.actions_by_name.update(help_window.install_help_menu(self))
        self.files.status_message.connect(self.show_message)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.read_only_changed.connect(self._read_only_changed)
        self.document.changed.connect(self._document_changed)
        self._first_show = True
        self._update_title()
        self._document_changed(Change(ChangeKind.RESET))
        self.restore_layout()

    # ------------------------------------------------------------ widgets
    def _build_widgets(self) -> None:
        doc = self.document
        self.tree_panel = IndicatorTreePanel(doc, self)
        self.totals_panel = TotalsPanel(doc, self)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.setObjectName("leftSplitter")
        left.addWidget(self.tree_panel)
        left.addWidget(self.totals_panel)
        left.setStretchFactor(0, 3)

        self.fields = FormFieldsPanel(doc, self)
        self.fields.status_message.connect(self.show_message)
        self.funds_model = FundsTableModel(doc, self)
        self.funds_table = FundsTableView(doc, self.funds_model, self)
        self.funds_table.status_message.connect(self.show_message)
        info = QWidget(self)
        info_layout = QVBoxLayout(info)
        info_layout.addWidget(self.fields.header_widget)
        self.funds_label = QLabel(self)
        info_layout.addWidget(self.funds_label)
        info_layout.addWidget(self.funds_table)
        info_layout.addStretch(1)
        # On a small screen the header and funds scroll inside their tab instead of making
        # the window taller than the screen.
        info_scroll = QScrollArea(self)
        info_scroll.setObjectName("infoScroll")
        info_scroll.setWidget(info)
        info_scroll.setWidgetResizable(True)
        info_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("formTabs")
        self.tabs.addTab(info_scroll, self.tr("项目信息与资金"))
        self.tabs.addTab(self.fields.goals_widget, self.tr("年度总体目标"))

        self.indicator_model = IndicatorTableModel(doc, self)
        self.indicator_table = IndicatorTableView(doc, self.indicator_model, self)
        self.indicator_table.status_message.connect(self.show_message)
        self.scope_label = QLabel(self)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_label, 1)
        for name in ("insert_row", "delete_rows"):
            button = QToolButton(self)
            button.setDefaultAction(self.indicator_table.actions_by_name[name])
            scope_row.addWidget(button)
        table_layout.addLayout(scope_row)
        table_layout.addWidget(self.indicator_table, 1)
        centre = QSplitter(Qt.Orientation.Vertical, self)
        centre.setObjectName("centreSplitter")
        centre.addWidget(self.tabs)
        centre.addWidget(table_box)
        centre.setStretchFactor(1, 3)
        centre.setCollapsible(0, True)  # drag the header area away: the 三级 table gets it all
        centre.setCollapsible(1, False)
        centre.setSizes([290, 520])

        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.setObjectName("mainSplitter")
        main.addWidget(left)
        main.addWidget(centre)
        main.setStretchFactor(1, 3)
        main.setSizes([340, 860])
        main.setCollapsible(1, False)
        self.left_pane = left
        self.setCentralWidget(main)
        self.splitters = {s.objectName(): s for s in (main, left, centre)}

        self.findings_model = FindingsModel(doc, self)
        self.findings_list = QListView(self)
        self.findings_list.setObjectName("findingsList")
        self.findings_list.setModel(self.findings_model)
        self.findings_list.setWordWrap(True)
        self.findings_list.setMinimumWidth(140)  # readable even after a cramped session
        self.findings_list.setUniformItemSizes(False)
        # Long lists are laid out a batch at a time, so an edit never waits for all of them.
        self.findings_list.setLayoutMode(QListView.LayoutMode.Batched)
        self.findings_list.setBatchSize(40)
        self.findings_list.activated.connect(self._finding_activated)
        self.findings_list.clicked.connect(self._finding_activated)
        self._first_paint = True
        self.findings_dock = QDockWidget(self.tr("检查结果"), self)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setWidget(self.findings_list)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)

        self.tree_panel.node_selected.connect(self._scope_changed)
        # Enter on a tree node goes on to its rows, so the keyboard alone gets everywhere.
        self.tree_panel.view.activated.connect(self._enter_table)
        self._scope_changed(())
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)

    # ------------------------------------------------------------ public API
    def open_file(self, path: Path, *, as_copy: bool = False) -> bool:
        """Open ``path`` (.pev, .json, .xlsx); on failure show the reason and return False.

        ``as_copy``: open untitled, so 保存 asks where instead of overwriting ``path``.
        """
        return self.files.open_file(Path(path), as_copy=as_copy)

    def open_folder(self, folder: Path) -> bool:
        """Show the 项目库 of ``folder`` (its own window, one per editor window)."""
        from perfeval_gui.ui.project_library import ProjectLibraryWindow  # noqa: PLC0415

        if self.library is None:
            self.library = ProjectLibraryWindow(self)
            self.library.open_requested.connect(self._open_from_library)
        if not self.library.open_folder(Path(folder)):
            return False
        self.library.show()
        self.library.activateWindow()
        return True

    def open_folder_dialog(self) -> bool:
        """文件 → 打开文件夹…: choose a folder and show its 项目库."""
        from perfeval_gui.ui.project_library import ask_folder  # noqa: PLC0415

        folder = ask_folder(self)
        return folder is not None and self.open_folder(folder)

    def _open_from_library(self, path: Path) -> None:
        self.activateWindow()
        self.open_file(path)

    def show_message(self, text: str) -> None:
        """Show ``text`` in the status bar for a while."""
        self.statusBar().showMessage(text, 8000)

    def go_to_finding(self, finding: Finding) -> None:
        """Select the row and field a finding names."""
        go_to_finding(self, finding)

    def offer_recovery(self) -> bool:
        """Offer to restore forms left behind by a crash; True when one was restored."""
        restored = False
        kept = 0
        for recovery in autosave.find_recoveries():
            if restored:
                # This window edits one form: another crashed form waits for the next start
                # (two editors open at a power cut), it is never dropped unasked.
                recovery.lock.unlock()
                kept += 1
                continue
            if not dialogs.ask_restore(self, recovery.saved_at, recovery.describe()):
                recovery.discard()
                continue
            try:
                form = loads_pev(recovery.text(), source=recovery.describe())
            except (FormFileError, OSError) as error:
                dialogs.show_error(self, self.tr("无法恢复"), str(error))
                recovery.discard()
                continue
            self.files.restore(
                form,
                path=recovery.original_path,
                suggested_name=recovery.suggested_name,
                stamp=recovery.stamp,
            )
            self._update_title()
            recovery.discard()
            self.autosaver.write_now()
            restored = True
        if kept:
            dialogs.show_info(
                self,
                self.tr("恢复"),
                self.tr("另有 {n} 份未保存的表格，再启动一次本程序即可恢复。").format(n=kept),
            )
        return restored

    # ------------------------------------------------------------ events
    def showEvent(self, event: QShowEvent) -> None:
        """Reimplements QWidget.showEvent: a first start sizes the findings dock."""
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            # The window manager's frame is known once shown: keep the whole of it on screen.
            QTimer.singleShot(0, lambda: window_layout.fit_to_screen(self))
            if not self._layout_restored:
                # Sized once laid out: before that the dock would take what is left over.
                QTimer.singleShot(0, self._size_findings_dock)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Reimplements QWidget.paintEvent: what the first frame can do without comes next."""
        super().paintEvent(event)
        if self._first_paint:
            self._first_paint = False
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        # The form is on screen by now: the icons of the findings, then crash recovery
        # (a question about restoring work reads better over a window that is there).
        self.findings_model.show_icons()
        self.offer_recovery()
        self.report_template_problems()

    def report_template_problems(self) -> None:
        """Say which of the user's template files could not be used, and why."""
        problems = template_problems()
        if not problems:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("表样模板"),
            self.tr("有 {n} 个自定义表样模板文件无法使用，已跳过：").format(n=len(problems))
            + "\n\n"
            + "\n".join(problems),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("templateProblems")
        box.setModal(False)  # starting work is not held up by it
        box.show()

    def _size_findings_dock(self) -> None:
        window_layout.first_start_panes(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Reimplements QWidget.closeEvent: ask before unsaved changes are lost."""
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.autosaver.close()
        self.files.guard.release()
        event.accept()

    # ------------------------------------------------------------ layout memory
    def save_layout(self) -> None:
        """Remember window geometry, docks, splitters and the panes shown."""
        window_layout.save_layout(self)

    def restore_layout(self) -> None:
        """Restore what :meth:`save_layout` remembered (a first start fits the screen)."""
        self._layout_restored = window_layout.restore_layout(self)

    # ------------------------------------------------------------ slots
    def _scope_changed(self, path: tuple[int, ...]) -> None:
        form = self.document.form
        if path and (
            path[0] >= len(form.level1)
            or (len(path) > 1 and path[1] >= len(form.level1[path[0]].children))
        ):
            path = ()
        self.indicator_model.set_scope(path)
        if not path:
            text = self.tr("全部三级指标")
        else:
            names = [form.level1[path[0]].name]
            if len(path) > 1:
                names.append(form.level1[path[0]].children[path[1]].name)
            text = self.tr("{where} 下的三级指标").format(where=" › ".join(names))
        self.scope_label.setText(text)
        row = self.indicator_model.row_of(path) if len(path) == 3 else None
        if row is not None:
            self.indicator_table.setCurrentIndex(self.indicator_model.index(row, 0))

    def _enter_table(self, _index: QModelIndex) -> None:
        table = self.indicator_table
        if self.indicator_model.rowCount() and not table.currentIndex().isValid():
            table.setCurrentIndex(self.indicator_model.index(0, 0))
        table.setFocus()

    def _finding_activated(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.go_to_finding(finding)

    def _update_title(self, *_: object) -> None:
        if not shiboken6.isValid(self.document.undo_stack):
            return  # the stack announces its own destruction; nothing to show any more
        star = "*" if self.document.is_modified() else ""
        mode = self.tr("（只读）") if self.document.read_only else ""
        self.setWindowTitle(
            f"{self.document.display_name()}{star}{mode} — {self.tr('绩效自评表编辑器')}"
        )

    def _read_only_changed(self, read_only: bool) -> None:
        # Saving over a file someone else has open is what the lock is there to prevent.
        self.actions_by_name["save"].setEnabled(not read_only)
        self._update_title()

    def _document_changed(self, change: Change) -> None:
        self.funds_label.setText(
            self.tr("项目资金（{unit}）").format(unit=self.document.form.amount_unit.value)
        )
        if change.kind != ChangeKind.FIELD or change.field == "name":
            # Inserted/removed nodes shift paths: the table follows the tree's selection.
            self._scope_changed(self.tree_panel.current_path())
        self._update_status()

    def _update_status(self, *_: object) -> None:
        counts = self.findings_model.counts()
        self.status_counts.setText(
            self.tr("{summary}　|　{e} 个错误，{w} 个提醒").format(
                summary=self.totals_panel.summary(),
                e=counts[Severity.ERROR],
                w=counts[Severity.WARNING],
            )
        )
        self.findings_dock.setWindowTitle(self.tr("检查结果（{n}）").format(n=sum(counts.values())))
