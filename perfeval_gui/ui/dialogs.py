"""The small dialogs of the editor, one function each (tests replace them with monkeypatch)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from perfeval_gui.io.xlsx_import import ImportNote

PEV_FILTER = "绩效自评表 (*.pev)"
OPEN_FILTER = (
    "绩效自评表 (*.pev *.json *.xlsx);;绩效自评表文件 (*.pev);;Excel 工作簿 (*.xlsx);;JSON (*.json)"
)
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


Answer = TypeVar("Answer", bound=Hashable)
Role = QMessageBox.ButtonRole


def choose(
    parent: QWidget | None,
    *,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    buttons: Sequence[tuple[Answer, str, QMessageBox.ButtonRole]],
    default: Answer,
    dismissed: Answer,
    tooltip: str = "",
) -> Answer:
    """A question with its buttons ``(answer, label, role)``; the answer of the button
    clicked, or ``dismissed`` when the box is closed some other way (Esc, the close button)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if tooltip:
        box.setToolTip(tooltip)
    made = [(answer, box.addButton(label, role)) for answer, label, role in buttons]
    box.setDefaultButton(next(button for answer, button in made if answer == default))
    box.exec()
    clicked = box.clickedButton()
    return next((answer for answer, button in made if button is clicked), dismissed)


class SaveChoice(StrEnum):
    """The answer to “save changes?”."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Ask whether to save the changes to ``name``: 保存 / 不保存 / 取消."""
    return choose(
        parent,
        icon=QMessageBox.Icon.Warning,
        title=_tr("保存修改"),
        text=_tr("“{name}”有未保存的修改。是否保存？").format(name=name),
        informative=_tr("不保存，则本次修改将会丢失。"),
        buttons=[
            (SaveChoice.SAVE, _tr("保存(&S)"), Role.AcceptRole),
            (SaveChoice.DISCARD, _tr("不保存(&N)"), Role.DestructiveRole),
            (SaveChoice.CANCEL, _tr("取消(&C)"), Role.RejectRole),
        ],
        default=SaveChoice.SAVE,
        dismissed=SaveChoice.CANCEL,
    )


def ask_delete(parent: QWidget | None, what: str) -> bool:
    """Ask before deleting indicators that hold others; ``what`` says what goes."""
    return choose(
        parent,
        icon=QMessageBox.Icon.Warning,
        title=_tr("删除指标"),
        text=_tr("确定{what}？").format(what=what),
        informative=_tr("删除后可用“撤销”（Ctrl+Z）恢复。"),
        buttons=[
            (True, _tr("删除(&D)"), Role.DestructiveRole),
            (False, _tr("取消(&C)"), Role.RejectRole),
        ],
        default=False,
        dismissed=False,
    )


class ConvertChoice(StrEnum):
    """The answer to “convert the amounts to the new 金额单位?”."""

    CONVERT = "convert"
    LABEL_ONLY = "label"
    CANCEL = "cancel"


def ask_convert_amounts(parent: QWidget | None, old: str, new: str) -> ConvertChoice:
    """Ask whether switching 金额单位 from ``old`` to ``new`` converts the amounts."""
    factor = "÷ 10000" if new == "万元" else "× 10000"
    return choose(
        parent,
        icon=QMessageBox.Icon.Question,
        title=_tr("更改金额单位"),
        text=_tr("金额单位由“{old}”改为“{new}”。是否把已填的金额换算为{new}（{factor}）？").format(
            old=old, new=new, factor=factor
        ),
        informative=_tr("只改单位，则数字保持不变、含义随之改变。换算可撤销。"),
        buttons=[
            (ConvertChoice.CONVERT, _tr("换算金额(&V)"), Role.AcceptRole),
            (ConvertChoice.LABEL_ONLY, _tr("只改单位(&L)"), Role.DestructiveRole),
            (ConvertChoice.CANCEL, _tr("取消(&C)"), Role.RejectRole),
        ],
        default=ConvertChoice.CONVERT,
        dismissed=ConvertChoice.CANCEL,
    )


def show_exported(parent: QWidget | None, path: Path) -> None:
    """Confirm a finished export, naming the file, and offer to open its folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_tr("导出完成"))
    box.setText(_tr("已导出到：\n{path}").format(path=path))
    folder = box.addButton(_tr("打开所在文件夹(&O)"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_tr("确定(&K)"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user why something failed."""
    QMessageBox.critical(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """An informational message, with optional details (e.g. import notes)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def ask_open_path(parent: QWidget | None, directory: str = "") -> Path | None:
    """Choose a form file to open."""
    return _chosen_file(open_dialog(parent, _tr("打开"), directory, OPEN_FILTER))


def ask_save_path(
    parent: QWidget | None,
    suggested: str,
    file_filter: str = PEV_FILTER,
    suffix: str = ".pev",
    *,
    title: str | None = None,
) -> Path | None:
    """Choose where to save; the suffix is added when the user left it out."""
    dialog = save_dialog(parent, suggested, file_filter, suffix)
    if title:
        dialog.setWindowTitle(title)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def save_dialog(
    parent: QWidget | None, suggested: str, file_filter: str, suffix: str
) -> QFileDialog:
    """The 另存为 dialog: it adds ``suffix`` itself, so a typed ``项目A`` that would replace an
    existing ``项目A.pev`` is asked about before it is overwritten, not after."""
    dialog = QFileDialog(parent, _tr("另存为"), suggested, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    # Qt's own Chinese translation leaves these two labels of its dialog in English.
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _tr("保存位置："))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, _tr("保存类型："))
    return dialog


def ask_import_path(parent: QWidget | None, directory: str = "") -> Path | None:
    """Choose an Excel workbook to import."""
    return _chosen_file(open_dialog(parent, _tr("导入 Excel"), directory, XLSX_FILTER))


def open_dialog(
    parent: QWidget | None, title: str, directory: str, file_filter: str
) -> QFileDialog:
    """A dialog choosing one existing file, its labels all in Chinese."""
    dialog = QFileDialog(parent, title, directory, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _tr("查找范围："))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, _tr("文件类型："))
    return dialog


def _chosen_file(dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choose_sheet(parent: QWidget | None, names: list[str]) -> int | None:
    """Pick one sheet of a workbook holding several forms; ``None`` when cancelled."""
    name, ok = QInputDialog.getItem(
        parent, _tr("选择工作表"), _tr("该工作簿有多张表，请选择要导入的一张："), names, 0, False
    )
    return names.index(name) if ok and name in names else None


def show_import_notes(parent: QWidget | None, notes: list[ImportNote]) -> None:
    """List what the import adjusted or could not read."""
    if not notes:
        return
    lines = [
        _tr("{sheet} 第 {row} 行 {column}：{message}").format(
            sheet=n.sheet, row=n.row, column=n.column or "", message=n.message
        )
        for n in notes
    ]
    show_info(
        parent,
        _tr("导入说明"),
        _tr("已导入，有 {n} 条说明，请核对：").format(n=len(notes)) + "\n" + "\n".join(lines[:8]),
        "\n".join(lines),
    )


def ask_restore(parent: QWidget | None, when: str, name: str) -> bool:
    """Offer to restore a form recovered after a crash; ``name`` is quoted by the caller
    (“D:\\共享\\项目.pev”, or 尚未保存过的表格“项目名称”)."""
    answer = QMessageBox.question(
        parent,
        _tr("恢复未保存的工作"),
        _tr("上次异常退出时，{name}有未保存的修改（自动保存于 {when}）。是否恢复？").format(
            name=name, when=when
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
