"""Qt test set-up: offscreen, isolated settings and data folders, no modal dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import Form
from perfeval_gui.ui import autosave, dialogs, lock_dialogs
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow
from tests.conftest import load_fixture_json

QStandardPaths.setTestModeEnabled(True)


class DialogLog:
    """What the (monkeypatched) dialogs were asked; answers can be set per test."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.save_prompts: list[str] = []
        self.save_answer = dialogs.SaveChoice.DISCARD
        self.infos: list[tuple[str, str]] = []
        self.restore_answer = True
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.delete_prompts: list[str] = []
        self.delete_answer = True
        # The shared-file questions (ui/lock_dialogs.py): what was asked, what to answer.
        self.locked_prompts: list[tuple[Path, Any]] = []
        self.locked_answer = lock_dialogs.LockedChoice.CANCEL
        self.conflict_prompts: list[tuple[str, Path]] = []
        self.conflict_answer = lock_dialogs.ConflictChoice.CANCEL
        self.exported: list[Path] = []
        self.save_titles: list[str | None] = []
        self.convert_prompts: list[tuple[str, str]] = []
        self.convert_answer = dialogs.ConvertChoice.CONVERT


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Settings and recovery files under tmp_path; dialogs answered without a window."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setattr(autosave, "recovery_dir", lambda: tmp_path / "recovery")
    log = DialogLog()

    def ask_save_changes(_parent: Any, name: str) -> dialogs.SaveChoice:
        log.save_prompts.append(name)
        return log.save_answer

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save_changes)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, t, m: log.errors.append((t, m)))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, t, m, d="": log.infos.append((t, m)))
    monkeypatch.setattr(
        dialogs,
        "ask_delete",
        lambda _p, what: log.delete_prompts.append(what) or log.delete_answer,
    )
    monkeypatch.setattr(
        dialogs,
        "ask_convert_amounts",
        lambda _p, old, new: log.convert_prompts.append((old, new)) or log.convert_answer,
    )
    monkeypatch.setattr(dialogs, "show_exported", lambda _p, path: log.exported.append(path))
    monkeypatch.setattr(dialogs, "ask_restore", lambda _p, _w, _n: log.restore_answer)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda _p, _d="": log.open_path)

    def ask_save_path(
        _p: Any, _s: str, *_a: Any, title: str | None = None, **_k: Any
    ) -> Path | None:
        log.save_titles.append(title)
        return log.save_path

    monkeypatch.setattr(dialogs, "ask_save_path", ask_save_path)
    _answer_lock_dialogs(log, monkeypatch)
    return log


def _answer_lock_dialogs(log: DialogLog, monkeypatch: pytest.MonkeyPatch) -> None:
    def ask_locked(_parent: Any, path: Path, info: Any) -> lock_dialogs.LockedChoice:
        log.locked_prompts.append((path, info))
        return log.locked_answer

    def ask_changed(_parent: Any, path: Path) -> lock_dialogs.ConflictChoice:
        log.conflict_prompts.append(("changed", path))
        return log.conflict_answer

    def ask_read_only(
        _parent: Any, path: Path, *, can_overwrite: bool
    ) -> lock_dialogs.ConflictChoice:
        log.conflict_prompts.append(("read_only" if can_overwrite else "read_only_fixed", path))
        return log.conflict_answer

    monkeypatch.setattr(lock_dialogs, "ask_locked", ask_locked)
    monkeypatch.setattr(lock_dialogs, "ask_changed_on_disk", ask_changed)
    monkeypatch.setattr(lock_dialogs, "ask_read_only_file", ask_read_only)


@pytest.fixture
def seed1_form() -> Form:
    """Seed form 1 (signed off with 94 points)."""
    return form_from_flat(load_fixture_json(1))


@pytest.fixture
def window(qtbot: Any, seed1_form: Form) -> MainWindow:
    """A main window showing seed form 1."""
    win = MainWindow(Document(seed1_form))
    qtbot.addWidget(win)
    return win
