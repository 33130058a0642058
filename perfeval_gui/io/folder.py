"""A folder of forms (项目库): finding every form file in it and loading them all.

A folder is searched with its subfolders for ``.pev``, flat ``.json`` and ``.xlsx`` files.
Hidden files and folders (``.git``, LibreOffice's ``.~lock.NAME#``), Office's owner files
(``~$NAME.xlsx``) and the 汇总表 workbooks perfeval itself writes are skipped. A file that
cannot be read never stops the others: it is returned with its Chinese reason.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.load import LOADABLE_SUFFIXES, load_form
from perfeval_gui.model.form import Form

#: Keyword in the document properties of a 汇总表 workbook, so a folder scan skips it.
SUMMARY_KEYWORD = "perfeval-summary"


@dataclass(frozen=True)
class LoadedForm:
    """A form read from ``path``; ``label`` names it (``path`` or ``path#工作表``)."""

    path: Path
    label: str
    form: Form
    notes: tuple[str, ...] = ()  # what an Excel import adjusted or could not read


@dataclass(frozen=True)
class FailedFile:
    """A file that could not be read, with the Chinese reason."""

    path: Path
    reason: str


Loaded = LoadedForm | FailedFile


def is_summary_workbook(path: Path) -> bool:
    """Whether ``path`` is a 汇总表 that perfeval wrote (not a form)."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml")[:20000]
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    return SUMMARY_KEYWORD.encode() in core


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def form_files(folder: Path, skip: Collection[Path] = ()) -> list[Path]:
    """Every form file under ``folder`` (subfolders included), sorted by their relative path."""
    skipped = {p.resolve() for p in skip}
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in files:
            path = Path(root) / name
            if _hidden(name) or path.suffix.lower() not in LOADABLE_SUFFIXES:
                continue
            if path.resolve() in skipped:
                continue
            if path.suffix.lower() == ".xlsx" and is_summary_workbook(path):
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def load_forms_of(path: Path, *, every_form: bool) -> list[LoadedForm]:
    """The form in ``path`` (with ``every_form``, each form of a workbook of several).

    Raises :class:`FormFileError` with a Chinese reason.
    """
    if not every_form or path.suffix.lower() != ".xlsx":
        return [LoadedForm(path, str(path), load_form(path))]
    from perfeval_gui.io.xlsx_import import read_workbook  # noqa: PLC0415  (slow import)

    sheets = read_workbook(path)
    if not sheets:
        raise FormFileError("工作簿中没有可导入的自评表", path)
    if len(sheets) == 1:
        return [LoadedForm(path, str(path), sheets[0].form, tuple(map(str, sheets[0].notes)))]
    seen: dict[str, int] = {}
    loaded: list[LoadedForm] = []
    for sheet in sheets:  # several forms on one sheet get #2, #3 after the sheet's name
        n = seen[sheet.sheet_name] = seen.get(sheet.sheet_name, 0) + 1
        label = f"{path}#{sheet.sheet_name}" + (f"#{n}" if n > 1 else "")
        loaded.append(LoadedForm(path, label, sheet.form, tuple(map(str, sheet.notes))))
    return loaded


def load_one(path: Path, *, every_form: bool = False) -> list[Loaded]:
    """``path`` loaded: its form(s), or a :class:`FailedFile` with the reason."""
    try:
        return list(load_forms_of(path, every_form=every_form))
    except FormFileError as exc:
        return [FailedFile(path, str(exc))]
    except OSError as exc:  # a file vanishing mid-scan, a permission change
        return [FailedFile(path, str(FormFileError(exc.strerror or str(exc), path)))]


def stable_order(items: Sequence[Loaded]) -> list[Loaded]:
    """Forms in the 汇总表's order (主管部门, 实施单位, 项目名称), then failed files by path."""
    forms = [i for i in items if isinstance(i, LoadedForm)]
    failed = [i for i in items if isinstance(i, FailedFile)]
    if len(forms) > 1:
        # Imported only to order several forms: it brings the checks and the summary model,
        # which `perfeval render` of one file never needs (≈ 5 ms of its start-up).
        from perfeval_gui.model.summary import form_order_key  # noqa: PLC0415

        forms.sort(key=lambda i: form_order_key(i.form, i.label))
    return [*forms, *failed]


def load_paths(
    paths: Sequence[Path], *, every_form: bool = False, skip: Collection[Path] = ()
) -> list[Loaded]:
    """Each file named, in the order given; each folder named expands to every form inside it,
    in the stable order. Nothing raises: unreadable files come back as :class:`FailedFile`."""
    result: list[Loaded] = []
    for path in paths:
        if Path(path).is_dir():
            inside: list[Loaded] = []
            for file in form_files(Path(path), skip):
                inside += load_one(file, every_form=every_form)
            if not inside:
                reason = "文件夹中没有自评表文件（.pev、扁平 .json、.xlsx）"
                inside.append(FailedFile(Path(path), str(FormFileError(reason, path))))
            result += stable_order(inside)
        else:
            result += load_one(Path(path), every_form=every_form)
    return result
