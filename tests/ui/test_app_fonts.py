"""Chinese text never shows as boxes: the bundled font fills in when the system has none."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from perfeval_gui import app as app_module
from perfeval_gui.ui import fonts

BUNDLED_FAMILY = "AR PL UMing CN"


def test_bundled_font_registers_and_shows_chinese(qapp: QApplication) -> None:
    family = fonts.register_bundled_font()
    assert family == BUNDLED_FAMILY
    assert BUNDLED_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    metrics = QFontMetrics(QFont(BUNDLED_FAMILY))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "财政项目支出绩效自评表")


def test_without_a_system_cjk_font_the_bundled_one_backs_the_app_font(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "system_cjk_families", list)
    saved = QFont(qapp.font())
    try:
        setup = fonts.ensure_cjk_font(qapp)
        assert setup is not None
        assert setup.bundled
        assert setup.family == BUNDLED_FAMILY
        families = qapp.font().families()
        assert families[-1] == BUNDLED_FAMILY
        assert families[0] == saved.family()  # Latin text keeps the system look
        assert BUNDLED_FAMILY.lower() in QFont.substitutes("Sans Serif")  # Qt keeps it lower-case
    finally:
        qapp.setFont(saved)


def test_a_system_cjk_font_is_used_as_it_is(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered: list[Any] = []
    monkeypatch.setattr(fonts, "system_cjk_families", lambda: ["SimSun"])
    monkeypatch.setattr(fonts, "register_bundled_font", lambda *a: registered.append(a))
    saved = QFont(qapp.font())
    setup = fonts.ensure_cjk_font(qapp)
    assert setup == fonts.FontSetup(family="SimSun", bundled=False)
    assert registered == []  # the 20 MB font is not loaded when it is not needed
    assert qapp.font() == saved


def test_unreadable_font_file_is_refused(qapp: QApplication, tmp_path: Any) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    assert fonts.register_bundled_font(bad) is None


def test_unexpected_error_is_reported_in_chinese(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda _p, title, text: shown.append((title, text))
    )
    try:
        raise KeyError("x")
    except KeyError as exc:
        app_module._excepthook(KeyError, exc, exc.__traceback__)
    assert shown[0][0] == "程序内部错误"
    assert "当前操作未完成" in shown[0][1]
    assert "Traceback" in capsys.readouterr().err  # kept for a bug report
