"""How the main window fits the screen, and the parts of it a user can hide (视图 menu).

Office screens are small: 1366×768, or 1920×1080 at 150 % (1280×720 logical pixels). A first
start on such a screen opens maximised; the window is never larger than the screen's
available area; the 项目信息与资金 area, the indicator tree and the 检查结果 panel can be
hidden to give the 三级 table the room. All of it is remembered between sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QScrollArea, QWidget

from perfeval_gui.ui import settings

if TYPE_CHECKING:
    from perfeval_gui.ui.main_window import MainWindow

#: A screen whose available area is at most this (logical pixels) starts maximised.
SMALL_SCREEN = QSize(1366, 768)
SPLITTERS = ("mainSplitter", "leftSplitter", "centreSplitter")
#: The parts of the window the 视图 menu shows and hides: (key, label, shortcut).
PANES = (
    ("header", "项目信息、资金与目标", "Ctrl+1"),
    ("tree", "指标树与合计", "Ctrl+2"),
    ("findings", "检查结果", "Ctrl+3"),
)


def available_area(widget: QWidget) -> QRect | None:
    """The available geometry of the screen ``widget`` is on (without task bars)."""
    screen = widget.screen()
    if screen is None:
        return None
    area = screen.availableGeometry()
    return None if area.isEmpty() else area


def is_small_screen(area: QRect) -> bool:
    """Whether a screen area is an office laptop's or smaller (maximise on first start)."""
    return area.width() <= SMALL_SCREEN.width() or area.height() <= SMALL_SCREEN.height()


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that it lies inside its screen's available area."""
    area = available_area(window)
    if area is None or window.isMaximized() or window.isFullScreen():
        return
    frame = window.frameGeometry()
    extra = frame.size() - window.geometry().size()  # the title bar and borders
    width = min(window.width(), area.width() - extra.width())
    height = min(window.height(), area.height() - extra.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def first_start_geometry(window: MainWindow) -> None:
    """A first start: maximised on a small screen, most of a large one otherwise."""
    area = available_area(window)
    if area is None:
        window.resize(1280, 760)
        return
    if is_small_screen(area):
        # The window state is honoured by the window manager; the geometry makes it fill
        # the screen also where there is none to honour it.
        window.setGeometry(area)
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    width = min(1600, int(area.width() * 0.92))
    window.resize(width, min(1000, int(area.height() * 0.9)))
    fit_to_screen(window)


def first_start_panes(window: MainWindow) -> None:
    """Share the room out on a first start, once the window is laid out.

    The 三级 table gets most of it: on a small screen the tree and the findings are narrower,
    and the header area is as tall as its fields and the 项目资金 table need, at most 45 %.
    """
    small = is_small_screen(available_area(window) or QRect(0, 0, 1600, 1000))
    dock = max(200, window.width() // 6) if small else max(260, window.width() // 5)
    window.resizeDocks([window.findings_dock], [dock], Qt.Orientation.Horizontal)
    main = window.splitters["mainSplitter"]
    total = sum(main.sizes())
    left = min(340, max(280, total * 22 // 100)) if small else 340
    main.setSizes([left, total - left])
    centre = window.splitters["centreSplitter"]
    height = sum(centre.sizes())
    info = window.tabs.widget(0)
    inner = info.widget() if isinstance(info, QScrollArea) else None
    wanted = (inner or window.tabs).sizeHint().height() + window.tabs.tabBar().sizeHint().height()
    top = min(wanted + 12, height * 45 // 100)
    centre.setSizes([top, height - top])


def restore_layout(window: MainWindow) -> bool:
    """Restore what :func:`save_layout` remembered; False on a first start."""
    store = settings.app_settings()
    geometry = store.value("window/geometry")
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    if restored:
        state = store.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for name in SPLITTERS:
            saved = store.value(f"window/{name}")
            if isinstance(saved, QByteArray):
                window.splitters[name].restoreState(saved)
        fit_to_screen(window)  # remembered from a larger screen than this one
    else:
        first_start_geometry(window)
    for key, _label, _keys in PANES:
        if key == "findings":
            continue  # the dock's visibility is part of the window state
        shown = store.value(f"window/show_{key}", True)
        set_pane_visible(window, key, shown not in (False, "false", 0, "0"))
    return restored


def save_layout(window: MainWindow) -> None:
    """Remember window geometry, docks, splitters and which panes are shown."""
    store = settings.app_settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    for name, splitter in window.splitters.items():
        store.setValue(f"window/{name}", splitter.saveState())
    for key, _label, _keys in PANES:
        if key != "findings":
            store.setValue(f"window/show_{key}", pane_visible(window, key))


def _pane(window: MainWindow, key: str) -> QWidget:
    return {"header": window.tabs, "tree": window.left_pane, "findings": window.findings_dock}[key]


def pane_visible(window: MainWindow, key: str) -> bool:
    """Whether the pane ``key`` of :data:`PANES` is shown (not hidden by the user)."""
    return not _pane(window, key).isHidden()


def set_pane_visible(window: MainWindow, key: str, shown: bool) -> None:
    """Show or hide the pane ``key``; the 视图 menu's check mark follows."""
    _pane(window, key).setVisible(shown)
    action = window.view_actions.get(key)
    if action is not None and action.isChecked() != shown:
        action.setChecked(shown)


def make_view_actions(window: MainWindow) -> dict[str, QAction]:
    """The checkable actions of the 视图 menu, one per pane, with Ctrl+1/2/3."""
    actions: dict[str, QAction] = {}
    for key, label, keys in PANES:
        if key == "findings":
            action = window.findings_dock.toggleViewAction()
            action.setText(window.tr(label))
        else:
            action = QAction(window.tr(label), window)
            action.setCheckable(True)
            action.setChecked(pane_visible(window, key))
            action.toggled.connect(lambda shown, k=key: set_pane_visible(window, k, shown))
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(
            window.tr("显示或隐藏“{label}”，让三级指标表格更大").format(label=label)
        )
        window.addAction(action)
        actions[key] = action
    return actions
