"""Work-arounds for defects of the Qt binding that the whole ui/ layer needs.

Imported (and applied) by ``perfeval_gui.ui.__init__``, so every process that touches the
editor — the application and the tests alike — is protected before its first Qt call.
"""

from __future__ import annotations

import sys

#: References added to None/True/False on Python 3.11 (see guard_singleton_refcounts).
_SINGLETON_RESERVE = 1 << 40


def guard_singleton_refcounts() -> None:
    """Keep PySide6 6.12.0 from crashing Python 3.11 after a few thousand Qt calls.

    That release returns ``None`` from void methods (``update()``, ``setText()``,
    ``processEvents()``) and ``True`` from ``Signal.emit()`` without taking a reference,
    so each call lowers the singleton's reference count by one; at zero CPython aborts
    ("deallocating None"), in a real session within minutes. Python 3.12+ makes these
    objects immortal, so only older interpreters get a reserve of references that no
    session can use up. The singletons are never freed anyway, so the reserve is harmless.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes  # noqa: PLC0415 - only on the interpreters that need it

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _SINGLETON_RESERVE:
            refcount.value += _SINGLETON_RESERVE
