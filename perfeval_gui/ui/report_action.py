"""文件 → 生成自评报告…: the form's 项目支出绩效自评报告 as a Word draft (.docx).

The same code path as ``perfeval report``: ``model.report_content.build_report`` and
``io.report_docx.write_report_docx`` (atomic). The user is told where the report went and how
many placeholders are left to fill, or why it could not be written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QWidget

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.report_docx import write_report_docx
from perfeval_gui.model.report_content import PLACEHOLDER_PATTERN, build_report
from perfeval_gui.ui import dialogs
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.file_actions import commit_open_editor
from perfeval_gui.ui.printing import document_title

DOCX_FILTER = "Word 文档 (*.docx)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_action", text)


def default_report_path(document: Document) -> Path:
    """Beside the .pev (or in Documents), named ``<项目名称>自评报告.docx``."""
    if document.path is not None:
        folder = Path(document.path).parent
    else:
        location = QStandardPaths.StandardLocation.DocumentsLocation
        folder = Path(QStandardPaths.writableLocation(location) or Path.home())
    return folder / f"{document_title(document)}自评报告.docx"


def generate_report(document: Document, parent: QWidget | None) -> Path | None:
    """Ask where to save, write the report of the open form; the path, or None."""
    commit_open_editor()
    path = dialogs.ask_save_path(
        parent,
        str(default_report_path(document)),
        DOCX_FILTER,
        ".docx",
        title=_tr("生成自评报告"),
    )
    if path is None:
        return None
    report = build_report(document.form)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_report_docx(report, path)
    except FormFileError as error:
        QApplication.restoreOverrideCursor()
        dialogs.show_error(parent, _tr("无法生成自评报告"), str(error))
        return None
    QApplication.restoreOverrideCursor()
    gaps = sum(len(PLACEHOLDER_PATTERN.findall(text)) for text in report.texts())
    message = _tr("已生成自评报告：{path}").format(path=path)
    if gaps:
        message += "\n\n" + _tr(
            "报告中有 {n} 处以黄色标出的【请补充：…】或【请核实：…】，"
            "请在 Word 或 WPS 中补充、核实后定稿。"
        ).format(n=gaps)
    dialogs.show_info(parent, _tr("生成自评报告"), message)
    return path
