"""The 帮助 menu: the guide opens with F1, offline, with its pictures, rules and legend that
match the program; 关于 names the version and every licence."""

from __future__ import annotations

from decimal import Decimal
from importlib import metadata
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from perfeval_gui import __version__
from perfeval_gui.model.profiles import PROFILES
from perfeval_gui.model.template_catalog import templates
from perfeval_gui.ui import help_content, operations
from perfeval_gui.ui.help_window import AboutDialog, HelpWindow
from perfeval_gui.ui.indicator_model import PATH_ROLE
from perfeval_gui.ui.main_window import MainWindow


def _guide(window: MainWindow) -> HelpWindow:
    guide = window.findChild(HelpWindow, "helpWindow")
    assert guide is not None
    return guide


def test_f1_opens_the_guide_beside_the_form(qtbot: Any, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.actions_by_name["help_guide"].shortcut().toString() == "F1"
    window.actions_by_name["help_guide"].trigger()
    guide = _guide(window)
    qtbot.addWidget(guide)
    assert guide.isVisible() and not guide.isModal()
    text = guide.browser.toPlainText()
    assert "多人共用一个文件" in text and "快捷键" in text
    for profile in PROFILES.values():
        assert profile.label in text
    for template in templates().values():
        assert template.name in text
    # the screenshots are shipped and load offline
    for name in ("main.png", "table.png"):
        data = guide.browser.loadResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(name)
        )
        assert QImage.fromData(data).width() > 600
    window.actions_by_name["help_guide"].trigger()  # a second F1 brings back the same window
    assert len(window.findChildren(HelpWindow)) == 1


def test_rules_and_legend_entries_open_their_sections(qtbot: Any, window: MainWindow) -> None:
    window.actions_by_name["help_rules"].trigger()
    guide = _guide(window)
    qtbot.addWidget(guide)
    assert guide.browser.verticalScrollBar().value() > 0
    window.actions_by_name["help_guide"].trigger()
    assert guide.browser.verticalScrollBar().value() == 0


def test_legend_shows_the_colours_the_tables_really_use(window: MainWindow) -> None:
    model = window.indicator_model
    # make row 0 an error (得分 above 分值) and read the colours the table paints
    path = model.index(0, 0).data(PATH_ROLE)
    assert path is not None
    operations.set_value(window.document, path=path, field="score", value=Decimal(999))
    legend = help_content.legend_html()
    fields = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    score = model.index(0, fields.index("得分"))
    suggested = model.index(0, fields.index("建议得分"))
    error_colour = score.data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert error_colour in legend
    assert suggested.data(Qt.ItemDataRole.BackgroundRole).color().name() in legend
    assert suggested.data(Qt.ItemDataRole.ForegroundRole).color().name() in legend
    assert suggested.data(Qt.ItemDataRole.FontRole).italic() and "<i>" in legend
    assert QColor(error_colour) != QColor("#ffffff")


def test_about_names_version_font_and_library_licences(qtbot: Any) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    text = about.browser.toPlainText()
    assert __version__ in text
    assert "ARPHIC PUBLIC LICENSE" in text.upper()
    assert "LGPL" in text
    for name in ("pydantic", "reportlab", "openpyxl", "defusedxml"):
        version = metadata.version(name)
        assert name in text and version in text
    rows = {n.lower(): lic for n, _v, lic in help_content.bundled_libraries()}
    assert rows["pydantic"] == "MIT" and rows["openpyxl"] == "MIT"
    assert rows["reportlab"].startswith("BSD") and rows["defusedxml"].startswith("PSF")


def test_about_from_the_menu(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.actions_by_name["help_about"].trigger()
    assert len(shown) == 1
    qtbot.addWidget(shown[0])


def test_a_bad_file_names_the_cell_as_the_user_sees_it(
    qtbot: Any, tmp_path: Any, isolated: Any
) -> None:
    import json

    from perfeval_gui.io.pev import dumps_pev, load_pev
    from perfeval_gui.resources_path import example_form_path
    from perfeval_gui.ui.document import Document

    data = json.loads(dumps_pev(load_pev(example_form_path())))
    data["form"]["level1"][0]["children"][0]["indicators"][1]["weight"] = "五分"
    bad = tmp_path / "坏表.pev"
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    window = MainWindow(Document())
    qtbot.addWidget(window)
    assert not window.open_file(bad)
    ((_title, message),) = isolated.errors
    assert "一级“产出指标” › 二级“数量指标” › 第 2 行“大型宣传活动举办场次” › 分值" in message
    assert "level1[" not in message
