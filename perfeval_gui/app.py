"""The ``perfeval-gui`` command: set up Qt (names, Chinese, fonts, icon) and show the editor.

Start-up is kept lean on purpose: only what the first paint needs is imported here; the PDF
renderer, QtPdf and openpyxl are imported by the actions that use them.
"""

from __future__ import annotations

import gc

# Start-up creates a few hundred thousand objects (modules, classes, pydantic schemas) that live
# as long as the process; collecting while they are made finds nothing and cost ~12 ms, and
# scanning them again at exit ~30 ms.
gc.disable()
try:
    import argparse
    import sys
    from collections.abc import Sequence
    from pathlib import Path
    from types import TracebackType
    from typing import TYPE_CHECKING, NoReturn

    # isort: split
    # The model and file layers come before PySide6 on purpose: once loaded, PySide6 reads the
    # source of every module imported after it (its ``__feature__`` import hook), which cost
    # ~20 ms of start-up for pydantic and the model alone.
    import perfeval_gui.io.pev
    import perfeval_gui.model.checks  # noqa: F401
    from perfeval_gui.resources_path import example_form_path, resource_path

    # isort: split
    from PySide6.QtCore import (
        QCoreApplication,
        QEvent,
        QLibraryInfo,
        QLocale,
        QObject,
        Qt,
        QTimer,
        QTranslator,
    )
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from perfeval_gui.ui.fonts import ensure_cjk_font
    from perfeval_gui.ui.qt_compat import guard_singleton_refcounts
finally:
    # Frozen as well: the collector would otherwise take all of it for young objects at its
    # next run, and again at exit.
    gc.freeze()
    gc.enable()

if TYPE_CHECKING:
    from perfeval_gui.ui.main_window import MainWindow

ORGANIZATION = "perfeval"
APPLICATION = "perfeval"
#: --quit-after-show gives up (status 1) when no paint came within this many milliseconds.
PAINT_TIMEOUT_MS = 60_000
ICON_SIZES = (16, 32, 48, 64, 128, 256)
_CONFIGURED = "perfeval-configured"


#: argparse's own error phrases (not translatable through gettext without a catalogue).
_ARGPARSE_PHRASES = (
    ("unrecognized arguments", "无法识别的参数"),
    ("not allowed with argument", "不能同时使用"),
    ("expected one argument", "需要一个值"),
    ("argument ", "参数 "),
)


class _ChineseHelpFormatter(argparse.HelpFormatter):
    """Help text whose ``usage:`` line is said in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # reimplements HelpFormatter.add_usage
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _VersionAction(argparse.Action):
    """``--version``: the package version, looked up only when asked for (start-up skips it)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from perfeval_gui import __version__  # noqa: PLC0415

        sys.stdout.write(f"perfeval-gui {__version__}\n")
        parser.exit(0)


class _ChineseParser(argparse.ArgumentParser):
    """argparse with its fixed English phrases said in Chinese."""

    def error(self, message: str) -> NoReturn:  # reimplements ArgumentParser.error
        self.print_usage(sys.stderr)
        for english, chinese in _ARGPARSE_PHRASES:
            message = message.replace(english, chinese)
        self.exit(2, f"{self.prog}: 参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``perfeval-gui``."""
    parser = _ChineseParser(
        prog="perfeval-gui",
        description="财政项目支出绩效自评表编辑器。",
        add_help=False,
        formatter_class=_ChineseHelpFormatter,
    )
    # argparse offers no public setter for its two section headings.
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("--version", action=_VersionAction, help="显示版本号并退出")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="文件",
        help="要打开的 .pev 文件（.json、.xlsx 文件作为未命名的新表导入），或文件夹（项目库）",
    )
    source.add_argument("--example", action="store_true", help="打开内置的示例自评表")
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="主窗口显示完成后立即退出（用于测量启动时间）",
    )
    return parser


def app_icon() -> QIcon:
    """The application icon, at every size that is bundled."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"perfeval-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def _install_translations(app: QApplication) -> None:
    """Qt's own strings (standard dialog buttons 保存/取消, context menus) in Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)  # parented: lives as long as the application
    if translator.load("qtbase_zh_CN", directory):
        app.installTranslator(translator)


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with names, Chinese translations, a CJK font and the icon."""
    guard_singleton_refcounts()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scale factors (150 %) as they are; Qt 6's default, said here on purpose.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv))
    if app.property(_CONFIGURED):  # tests call this for the one QApplication they share
        return app
    app.setProperty(_CONFIGURED, True)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setDesktopFileName("perfeval")  # matches packaging/linux/perfeval.desktop
    _install_translations(app)
    ensure_cjk_font(app)
    app.setWindowIcon(app_icon())
    return app


def open_start_document(window: MainWindow, args: argparse.Namespace) -> bool:
    """Open what the command line asked for; False when it failed and the empty form stays.

    ``MainWindow.open_file`` shows the reason (missing, unreadable, unsupported file) itself.
    """
    if args.example:  # untitled: the bundled file inside the installation stays as shipped
        return bool(window.open_file(example_form_path(), as_copy=True))
    if args.file is None:
        return True
    if Path(args.file).is_dir():  # perfeval-gui 自评表/: the 项目库 of that folder
        return bool(window.open_folder(args.file))
    return bool(window.open_file(args.file))


class _QuitAfterPaint(QObject):
    """Quits the application once the watched window has painted (for start-up timing)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # reimplements QObject
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)  # one-shot
            # Quit after the current paint pass, so the children (tables) are painted too.
            # exit(0), not quit(): Qt 6's quit() first closes the windows, and closing an
            # unsaved form (an imported .json or .xlsx) would ask whether to save it.
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


def quit_after_show(window: QWidget) -> None:
    """Quit with status 0 right after ``window`` has painted, or 1 when it never does."""
    _QuitAfterPaint(window)
    QTimer.singleShot(PAINT_TIMEOUT_MS, lambda: QCoreApplication.exit(1))


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors: the traceback to stderr, a Chinese message to the user."""
    import traceback  # noqa: PLC0415 - only when something went wrong

    if sys.stderr is not None:  # None in a windowed (no console) Windows build
        traceback.print_exception(kind, value, tb)
    if QApplication.instance() is not None:
        QMessageBox.critical(
            QApplication.activeWindow(),
            "程序内部错误",
            "发生了意外错误，当前操作未完成。请保存文件后重新启动程序。"
            f"\n\n{kind.__name__}: {value}",
        )


def create_main_window(args: argparse.Namespace) -> MainWindow:
    """The editor window with the document the command line asked for (not yet shown)."""
    # Imported here so that `perfeval-gui --help` answers without loading the editor.
    from perfeval_gui.ui.main_window import MainWindow  # noqa: PLC0415

    window = MainWindow()
    open_start_document(window, args)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``perfeval-gui``; returns the exit status."""
    args = build_parser().parse_args(argv)
    app = create_application([sys.argv[0]])
    gc.disable()  # as while importing (see the top): the window's objects live until exit
    try:
        window = create_main_window(args)
    except Exception as exc:  # a broken install: say so instead of vanishing silently
        import traceback  # noqa: PLC0415 - only when something went wrong

        if sys.stderr is not None:
            traceback.print_exc()
        if not args.quit_after_show:
            QMessageBox.critical(None, "无法启动", f"绩效自评表编辑器无法启动：\n\n{exc}")
        return 1
    finally:
        gc.freeze()
        gc.enable()
    sys.excepthook = _excepthook
    window.show()
    if window.library is not None:  # opened on a folder: its 项目库 in front
        window.library.activateWindow()
    if args.quit_after_show:
        quit_after_show(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
