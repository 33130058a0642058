"""The Qt editor (PySide6): document, undo commands, item models, widgets and dialogs."""

from perfeval_gui.ui.qt_compat import guard_singleton_refcounts

# Before any Qt call from this layer: PySide6 6.12.0 on Python 3.11 leaks references to None
# and True (the guard applies only while the installed PySide6 is measured to leak).
guard_singleton_refcounts()
