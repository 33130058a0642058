"""The menu bar and toolbar of the main window, with the standard shortcuts.

文件: 新建 Ctrl+N, 打开 Ctrl+O, 打开文件夹 Ctrl+Shift+O (项目库), recent files, 保存 Ctrl+S,
另存为 Ctrl+Shift+S, Excel import and export, 打印预览 Ctrl+F2, 打印 Ctrl+P, 导出 PDF, 生成自评报告,
退出 Ctrl+Q. 编辑: 撤销 Ctrl+Z, 重做 Ctrl+Y and Ctrl+Shift+Z. 指标: the tree's actions.
视图: the findings panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from perfeval_gui.model.template_catalog import templates
from perfeval_gui.ui import operations, settings
from perfeval_gui.ui.file_actions import commit_open_editor

if TYPE_CHECKING:
    from perfeval_gui.ui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: Any, keys: Any = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if keys is not None:
        if isinstance(keys, list):
            action.setShortcuts(keys)
        else:
            action.setShortcut(QKeySequence(keys))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _set_text(action: QAction, verb: str, what: str) -> None:
    """Name the step an undo/redo action would take (the stack may outlive the window)."""
    if shiboken6.isValid(action):
        action.setText(f"{verb} {what}".strip())


def _committed_first(step: Any) -> Any:
    """``step`` after committing the cell being typed in, so its text is an undoable step.

    The toolbar's 撤销/重做 take no focus: without this, an undo that resets the table
    would drop what was typed and leave the keyboard focus nowhere.
    """

    def run() -> None:
        if commit_open_editor():  # a refused number stays open to correct, not reset away
            step()

    return run


def _print_call(window: MainWindow, intent: Any) -> None:
    """Run a printing operation (``operations.print_form`` …) on what was typed so far."""
    commit_open_editor()
    intent(window.document, parent=window)


def _report_call(window: MainWindow) -> None:
    """文件 → 生成自评报告… (python-docx is loaded on first use)."""
    from perfeval_gui.ui.report_action import generate_report  # noqa: PLC0415

    generate_report(window.document, window)


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the menus and toolbar of ``window``; returns its actions by name."""
    tr = window.tr
    files = window.files
    stack = window.document.undo_stack
    key = QKeySequence.StandardKey
    a: dict[str, QAction] = {
        "new": _action(window, tr("新建"), files.new_file, key.New, tr("新建一张标准自评表")),
        "open": _action(window, tr("打开…"), files.open_dialog, key.Open, tr("打开自评表文件")),
        "open_folder": _action(
            window,
            tr("打开文件夹…"),
            window.open_folder_dialog,
            "Ctrl+Shift+O",
            tr("项目库：列出文件夹（含子文件夹）中的全部自评表"),
        ),
        "save": _action(window, tr("保存"), files.save, key.Save, tr("保存到当前文件")),
        "save_as": _action(window, tr("另存为…"), files.save_as, "Ctrl+Shift+S"),
        "import_xlsx": _action(window, tr("导入 Excel…"), files.import_dialog),
        "export_xlsx": _action(window, tr("导出 Excel…"), files.export_dialog),
        "print_preview": _action(
            window,
            tr("打印预览…"),
            lambda: _print_call(window, operations.show_print_preview),
            "Ctrl+F2",  # Word's and WPS's print-preview key
        ),
        "print": _action(
            window, tr("打印…"), lambda: _print_call(window, operations.print_form), key.Print
        ),
        "export_pdf": _action(
            window, tr("导出 PDF…"), lambda: _print_call(window, operations.export_pdf)
        ),
        "report": _action(
            window,
            tr("生成自评报告…"),
            lambda: _report_call(window),
            tip=tr("由本表生成项目支出绩效自评报告（Word 初稿）"),
        ),
        "quit": _action(window, tr("退出"), window.close, "Ctrl+Q"),
    }
    document = window.document
    undo = _action(window, tr("撤销"), _committed_first(document.undo), key.Undo)
    redo = _action(
        window,
        tr("重做"),
        _committed_first(document.redo),
        [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")],
    )
    undo.setEnabled(stack.canUndo())
    redo.setEnabled(stack.canRedo())
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: _set_text(undo, tr("撤销"), text))
    stack.redoTextChanged.connect(lambda text: _set_text(redo, tr("重做"), text))
    a["undo"], a["redo"] = undo, redo

    bar = window.menuBar()
    file_menu = bar.addMenu(tr("文件(&F)"))
    file_menu.addAction(a["new"])
    new_menu = QMenu(tr("按表样新建"), window)
    new_menu.setObjectName("newFromTemplateMenu")
    for template_key, template in templates().items():
        action = new_menu.addAction(template.name)
        action.setToolTip(template.description)
        action.triggered.connect(lambda *_, k=template_key: files.new_file(k))
    file_menu.addMenu(new_menu)
    file_menu.addActions([a["open"], a["open_folder"]])
    recent = QMenu(tr("最近打开的文件"), window)
    recent.setObjectName("recentMenu")
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    file_menu.addActions([a["save"], a["save_as"]])
    file_menu.addSeparator()
    file_menu.addActions([a["import_xlsx"], a["export_xlsx"]])
    file_menu.addSeparator()
    file_menu.addActions([a["print_preview"], a["print"], a["export_pdf"]])
    file_menu.addAction(a["report"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])

    def fill_recent() -> None:
        recent.clear()
        paths = settings.recent_files()
        for n, path in enumerate(paths, start=1):
            item = recent.addAction(f"&{n} {path.name}")
            item.setToolTip(str(path))
            item.setStatusTip(str(path))
            item.triggered.connect(lambda _c=False, p=path: window.open_file(Path(p)))
        recent.setEnabled(bool(paths))

    fill_recent()
    window.files.recent_changed.connect(fill_recent)
    window.recent_menu = recent

    edit_menu = bar.addMenu(tr("编辑(&E)"))
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    table = window.indicator_table.actions_by_name
    edit_menu.addActions(
        [table[n] for n in ("cut", "copy", "paste", "clear", "insert_row", "delete_rows")]
    )

    tree_menu = bar.addMenu(tr("指标(&I)"))
    tree = window.tree_panel.actions_by_name
    tree_menu.addActions([tree[n] for n in ("add_sibling", "add_child", "rename", "delete")])
    tree_menu.addSeparator()
    tree_menu.addActions([tree["move_up"], tree["move_down"]])

    view_menu = bar.addMenu(tr("视图(&V)"))
    view_menu.addActions(list(window.view_actions.values()))

    toolbar = QToolBar(tr("常用"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.addActions([a["new"], a["open"], a["save"]])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    toolbar.addSeparator()
    toolbar.addActions([a["print_preview"], a["export_pdf"]])
    window.addToolBar(toolbar)
    for action in (*a.values(),):
        window.addAction(action)
    return a
