"""The questions about a shared file: open while someone else has it, saving over a file
changed on disk since it was opened, saving over a read-only file.

One function each, so tests replace them with monkeypatch (as ``ui/dialogs.py``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from perfeval_gui.io.lockfile import LockInfo, current_host
from perfeval_gui.ui.dialogs import Role, choose


def _tr(text: str) -> str:
    return QCoreApplication.translate("lock_dialogs", text)


class LockedChoice(StrEnum):
    """What to do with a form someone else has open."""

    READ_ONLY = "read_only"
    COPY = "copy"
    CANCEL = "cancel"


class ConflictChoice(StrEnum):
    """What to do when saving would replace a file that changed or is read-only."""

    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


def describe_holder(info: LockInfo) -> str:
    """Who has the form, in words: “张三（计算机 PC-07）自 2026-03-04 09:05 起”."""
    if info.by_perfeval and info.host.casefold() == current_host().casefold():
        who = _tr("本机的另一个窗口（用户 {user}）").format(user=info.user or _tr("未知"))
    else:
        who = _tr("{user}（计算机 {host}）").format(
            user=info.user or _tr("未知用户"), host=info.host or _tr("未知")
        )
    if info.time is not None:
        who += _tr("，自 {time} 起").format(time=info.time.strftime("%Y-%m-%d %H:%M"))
    if not info.by_perfeval:
        who += _tr("（由其他程序锁定，如 LibreOffice）")
    return who


def ask_locked(parent: QWidget | None, path: Path, info: LockInfo) -> LockedChoice:
    """The form at ``path`` is open elsewhere: 只读打开 / 打开副本 / 取消."""
    return choose(
        parent,
        icon=QMessageBox.Icon.Warning,
        title=_tr("文件正在使用"),
        text=_tr("“{name}”正在编辑中：\n{who}。").format(name=path.name, who=describe_holder(info)),
        informative=_tr(
            "同时保存会覆盖对方的修改。\n"
            "· 只读打开：可以查看、打印，不能保存到原文件（可另存为）。\n"
            "· 打开副本：内容相同的未命名表格，保存时另选文件名。\n"
            "若对方已不再使用（例如电脑已关机），请让对方重新打开再关闭本文件，"
            "或删除同一文件夹中的“{lock}”。"
        ).format(lock=f".~lock.{path.name}#"),
        tooltip=str(path),
        buttons=[
            (LockedChoice.READ_ONLY, _tr("只读打开(&R)"), Role.AcceptRole),
            (LockedChoice.COPY, _tr("打开副本(&C)"), Role.ActionRole),
            (LockedChoice.CANCEL, _tr("取消"), Role.RejectRole),
        ],
        default=LockedChoice.READ_ONLY,
        dismissed=LockedChoice.CANCEL,
    )


def ask_changed_on_disk(parent: QWidget | None, path: Path) -> ConflictChoice:
    """The file changed on disk since it was opened: 覆盖 / 另存为 / 取消."""
    return _ask_conflict(
        parent,
        _tr("文件已被修改"),
        _tr("“{name}”在您打开之后已被其他人或其他程序修改（或移走）。").format(name=path.name),
        _tr(
            "覆盖：用您的内容替换，对方的修改将丢失（原文件留作 .bak 备份）。\n"
            "另存为：保存为另一个文件，两份都保留。"
        ),
        overwrite=True,
    )


def ask_read_only_file(
    parent: QWidget | None, path: Path, *, can_overwrite: bool
) -> ConflictChoice:
    """The file is marked read-only: 另存为 / 取消 (/ 仍然覆盖 when the system allows it)."""
    return _ask_conflict(
        parent,
        _tr("文件为只读"),
        _tr("“{name}”是只读文件，通常表示不应修改它。").format(name=path.name),
        _tr("请另存为一个新文件。")
        + (_tr("如确需修改原文件，可选择“仍然覆盖”。") if can_overwrite else ""),
        overwrite=can_overwrite,
        overwrite_text=_tr("仍然覆盖(&O)"),
    )


def _ask_conflict(
    parent: QWidget | None,
    title: str,
    text: str,
    informative: str,
    *,
    overwrite: bool,
    overwrite_text: str | None = None,
) -> ConflictChoice:
    buttons = [(ConflictChoice.SAVE_AS, _tr("另存为(&A)…"), Role.AcceptRole)]
    if overwrite:
        label = overwrite_text or _tr("覆盖(&O)")
        buttons.append((ConflictChoice.OVERWRITE, label, Role.DestructiveRole))
    buttons.append((ConflictChoice.CANCEL, _tr("取消"), Role.RejectRole))
    return choose(
        parent,
        icon=QMessageBox.Icon.Warning,
        title=title,
        text=text,
        informative=informative,
        buttons=buttons,
        default=ConflictChoice.SAVE_AS,
        dismissed=ConflictChoice.CANCEL,
    )
