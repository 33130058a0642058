"""Open any file a user may hand to perfeval, chosen by its extension."""

from __future__ import annotations

from pathlib import Path

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import load_flat
from perfeval_gui.io.paths import check_path, exists, is_dir
from perfeval_gui.io.pev import load_pev
from perfeval_gui.model.form import Form

#: The extensions :func:`load_form` understands, for messages and file dialogs.
LOADABLE_SUFFIXES = (".pev", ".json", ".xlsx")


def load_form(path: Path) -> Form:
    """The form in ``path``: a ``.pev`` file, a flat ``.json`` or an ``.xlsx`` (first sheet).

    Raises :class:`FormFileError` with a Chinese reason for a missing, unreadable or
    unsupported file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    check_path(path)
    if is_dir(path):  # before the extension: ``perfeval check 自评表/`` names a folder
        raise FormFileError("这是一个文件夹，不是文件；请给出其中的文件（如 文件夹/*.pev）", path)
    if suffix not in LOADABLE_SUFFIXES:
        shown = f"“{path.suffix}”" if path.suffix else "无扩展名"
        raise FormFileError(
            f"不支持的文件类型（{shown}）；可打开的类型：.pev、扁平 .json、.xlsx", path
        )
    if not exists(path):
        raise FormFileError("文件不存在", path)
    if suffix == ".pev":
        return load_pev(path)
    if suffix == ".json":
        return load_flat(path)
    # Imported lazily: openpyxl is slow to import and only needed for workbooks.
    from perfeval_gui.io.xlsx_import import read_workbook  # noqa: PLC0415

    sheets = read_workbook(path)
    if not sheets:
        raise FormFileError("工作簿中没有可导入的自评表", path)
    form: Form = sheets[0].form
    return form
