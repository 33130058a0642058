"""Work-arounds for defects of the Qt binding that the whole ui/ layer needs.

Imported (and applied) by ``perfeval_gui.ui.__init__``, so every process that touches the
editor — the application and the tests alike — is protected before its first Qt call.
"""

from __future__ import annotations

import sys

#: References added to None/True/False on Python 3.11 (see guard_singleton_refcounts).
_SINGLETON_RESERVE = 1 << 40
#: Calls of the probe: each leaking call drops exactly one reference, other noise is smaller.
_PROBE_CALLS = 32


def singletons_leak() -> bool:
    """Whether the installed PySide6 drops a reference to ``None`` on a void method call or
    to ``True`` on ``Signal.emit()`` (measured: PySide6 6.12.0 does both).

    The probe costs a few microseconds and a few dozen references, which the singletons have.
    """
    from PySide6.QtCore import QObject, Signal  # noqa: PLC0415 - Qt only when measuring

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a void method: returns None
        probe.fired.emit()  # returns True
    none_lost = none_before - sys.getrefcount(None)
    true_lost = true_before - sys.getrefcount(True)
    return none_lost >= _PROBE_CALLS or true_lost >= _PROBE_CALLS


def guard_needed() -> bool:
    """Whether this interpreter and this PySide6 need :func:`guard_singleton_refcounts`.

    Not on Python 3.12+ (immortal singletons), not on other implementations, not on debug
    builds with ``sys.getobjects`` (their object header is larger, so the count is not at
    ``id(obj)``), and not once PySide6 stops leaking: the guard goes away with the bug.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if hasattr(sys, "getobjects"):
        return False
    return singletons_leak()


def guard_singleton_refcounts() -> bool:
    """Keep PySide6 6.12.0 from crashing Python 3.11 after a few thousand Qt calls; returns
    whether the guard was applied.

    That release returns ``None`` from void methods (``update()``, ``setText()``,
    ``processEvents()``) and ``True`` from ``Signal.emit()`` without taking a reference,
    so each call lowers the singleton's reference count by one; at zero CPython aborts
    ("deallocating None"), in a real session within minutes. Where :func:`guard_needed`,
    the singletons get a reserve of references that no session can use up. They are never
    freed anyway, so the reserve is harmless.
    """
    if not guard_needed():
        return False
    import ctypes  # noqa: PLC0415 - only on the interpreters that need it

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _SINGLETON_RESERVE:
            refcount.value += _SINGLETON_RESERVE
    return True
