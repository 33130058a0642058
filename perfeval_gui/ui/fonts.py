"""Make sure Chinese text never shows as boxes: use the bundled font when the system has none.

Office PCs in China always have a CJK font (宋体, 微软雅黑), so registering the 20 MB bundled
font there would only cost start-up time; it is registered only when Qt finds no family that
supports Simplified Chinese (minimal Linux installs, containers, CI).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from perfeval_gui.resources_path import bundled_font_path

#: Generic families that widgets may ask for; each falls back to the bundled font.
_GENERIC_FAMILIES = ("Sans Serif", "Serif", "Monospace", "SansSerif", "Helvetica", "Arial")


@dataclass(frozen=True)
class FontSetup:
    """What :func:`ensure_cjk_font` found or did."""

    family: str  # the family that renders Chinese text
    bundled: bool  # True when the bundled font had to be registered


def system_cjk_families() -> list[str]:
    """Installed font families that can show Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def register_bundled_font(path: Path | None = None) -> str | None:
    """Register the bundled font with Qt; its family name, or None when Qt refuses the file."""
    font_id = QFontDatabase.addApplicationFont(str(path or bundled_font_path()))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def ensure_cjk_font(app: QApplication) -> FontSetup | None:
    """Give the application a font that shows Chinese; None when none could be found.

    The system's own CJK font is preferred. Otherwise the bundled font is registered and
    added behind the default family (Latin text keeps the system look) and behind the
    generic families, so widgets that pick another family fall back to it too.
    """
    installed = system_cjk_families()
    if installed:
        return FontSetup(family=installed[0], bundled=False)
    family = register_bundled_font()
    if family is None:
        return None
    font = QFont(app.font())
    font.setFamilies([font.family(), family])
    app.setFont(font)
    for generic in _GENERIC_FAMILIES:
        QFont.insertSubstitution(generic, family)
    return FontSetup(family=family, bundled=True)
