"""The 帮助 menu: the user guide (F1), its scoring-rule and colour pages, and 关于.

The guide is shipped with the program and shown offline in a QTextBrowser; it opens beside
the form (not modal), so the user can read and type at the same time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from perfeval_gui.ui.main_window import MainWindow


class HelpWindow(QDialog):
    """The user guide (objectName ``helpWindow``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("用户指南 — 绩效自评表编辑器"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        # Imported on first use, not at start-up: the guide is rarely opened (≈ 5 ms saved).
        from perfeval_gui.ui import help_content  # noqa: PLC0415

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(help_content.help_dir())])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._size_to_screen()
        # Pictures no wider than the text area, so nothing scrolls sideways at 150 %.
        self.browser.setHtml(help_content.guide_html(max_image_width=self.width() - 80))

    def _size_to_screen(self) -> None:
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        if area is None or area.isEmpty():
            self.resize(900, 680)
            return
        self.resize(min(1000, int(area.width() * 0.7)), int(area.height() * 0.85))

    def show_section(self, anchor: str = "") -> None:
        """Show the window at ``anchor`` (``rules``, ``legend``…), or at the top."""
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.show()
        self.activateWindow()  # brings it forward when it was already open behind the form


class AboutDialog(QDialog):
    """关于: version, components and licences (objectName ``aboutDialog``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于 绩效自评表编辑器"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        from perfeval_gui.ui import help_content  # noqa: PLC0415 (see HelpWindow)

        self.browser = QTextBrowser(self)
        self.browser.setHtml(help_content.about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


def show_guide(window: MainWindow, anchor: str = "") -> HelpWindow:
    """Open (or bring back) the window's user guide at ``anchor``."""
    guide = window.findChild(HelpWindow, "helpWindow")
    if guide is None:
        guide = HelpWindow(window)
    guide.show_section(anchor)
    return guide


def show_about(window: MainWindow) -> None:
    """The modal 关于 dialog."""
    AboutDialog(window).exec()


def install_help_menu(window: MainWindow) -> dict[str, QAction]:
    """Add the 帮助 menu to ``window``'s menu bar; returns its actions by name."""
    tr = window.tr
    actions = {
        "help_guide": QAction(tr("用户指南"), window),
        "help_rules": QAction(tr("评分规则说明"), window),
        "help_legend": QAction(tr("颜色与标记说明"), window),
        "help_about": QAction(tr("关于 绩效自评表编辑器"), window),
    }
    actions["help_guide"].setShortcut(QKeySequence("F1"))
    actions["help_guide"].setStatusTip(tr("打开使用说明（不需联网）"))
    actions["help_guide"].triggered.connect(lambda _c=False: show_guide(window))
    actions["help_rules"].triggered.connect(lambda _c=False: show_guide(window, "rules"))
    actions["help_legend"].triggered.connect(lambda _c=False: show_guide(window, "legend"))
    actions["help_about"].triggered.connect(lambda _c=False: show_about(window))
    menu = window.menuBar().addMenu(tr("帮助(&H)"))
    menu.addActions([actions["help_guide"], actions["help_rules"], actions["help_legend"]])
    menu.addSeparator()
    menu.addAction(actions["help_about"])
    for action in actions.values():
        window.addAction(action)
    return actions
