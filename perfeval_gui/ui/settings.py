"""Where the editor keeps its preferences (QSettings): recent files, window layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "perfeval"
APPLICATION = "perfeval-gui"
MAX_RECENT = 8
_RECENT_KEY = "files/recent"


def app_settings() -> QSettings:
    """The user's settings (an INI file, so tests can redirect it with ``QSettings.setPath``)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def recent_files() -> list[Path]:
    """Recently opened or saved files, newest first."""
    value = app_settings().value(_RECENT_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(v)) for v in value if v]


def add_recent_file(path: Path) -> list[Path]:
    """Put ``path`` first in the recent files; returns the new list."""
    path = path.resolve()
    files = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
    app_settings().setValue(_RECENT_KEY, [str(p) for p in files])
    return files


def remove_recent_file(path: Path) -> list[Path]:
    """Forget ``path`` (it could not be opened); returns the new list."""
    files = [p for p in recent_files() if p != path]
    app_settings().setValue(_RECENT_KEY, [str(p) for p in files])
    return files
