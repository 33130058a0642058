"""Bounded memo caches for the per-row work of scoring and checks.

The editor recomputes totals and findings after every edit; on a 2,000-row form almost every
row is unchanged, so its findings and suggestion are looked up instead of recomputed. Keys are
immutable tuples of everything a result depends on (the row's cell values, the profile), never
the row object itself: the form is edited in place, so an identity key would go stale. Values
are immutable (tuples of frozen dataclasses), so no caller can corrupt a cached result.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Generic, TypeVar

from perfeval_gui.model.dates import parse_deadline
from perfeval_gui.model.profiles import PROFILES
from perfeval_gui.model.values import parse_value

if TYPE_CHECKING:
    from perfeval_gui.model.profiles import ScoringProfile

V = TypeVar("V")

#: Entries per cache: several big forms' rows, a few MiB at most.
MAXSIZE = 16384


class MemoCache(Generic[V]):
    """A mapping of at most ``maxsize`` entries that keeps the recently used ones.

    Two generations instead of a strict LRU order: a hit in the young dict costs one lookup
    (an ``OrderedDict.move_to_end`` would hash the key a second time, and a 二级's key holds
    all its rows). When the young dict holds ``maxsize // 2`` entries it becomes the old one
    and the previous old one is dropped; a hit in the old dict moves the entry back to the
    young one. So whatever was used since the last turnover survives the next one.
    ``get`` returns ``None`` for a miss, so values must never be ``None`` (wrap them).
    Safe to share between threads under the GIL: each step is one atomic dict operation, and
    an entry dropped by another thread meanwhile is simply a miss.
    """

    def __init__(self, maxsize: int = MAXSIZE) -> None:
        self.maxsize = maxsize
        self._half = max(1, maxsize // 2)
        self._young: dict[Hashable, V] = {}
        self._old: dict[Hashable, V] = {}

    def get(self, key: Hashable) -> V | None:
        """The value stored under ``key``, or ``None``."""
        value = self._young.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: Hashable, value: V) -> None:
        """Store ``value`` under ``key``; may drop the entries unused since the last turnover."""
        young = self._young
        young[key] = value
        if len(young) >= self._half:
            self._old, self._young = young, {}

    def clear(self) -> None:
        """Forget every entry."""
        self._young, self._old = {}, {}

    def __len__(self) -> int:
        return len(self._young) + len(self._old)


_CACHES: list[MemoCache[object]] = []


def new_cache(maxsize: int = MAXSIZE) -> MemoCache[V]:
    """A fresh cache of at most ``maxsize`` entries that :func:`clear_caches` empties too."""
    cache: MemoCache[V] = MemoCache(maxsize)
    _CACHES.append(cache)  # type: ignore[arg-type]  # only cleared, never read through here
    return cache


def clear_caches() -> None:
    """Empty every memo cache of the model, the value and date parse caches included."""
    for cache in _CACHES:
        cache.clear()
    parse_value.cache_clear()
    parse_deadline.cache_clear()


def profile_key(profile: ScoringProfile) -> str | None:
    """A cache key part for a profile: its key when it is one of :data:`PROFILES`.

    ``None`` for any other profile (one built in a test, say): two of them may share a key
    with different rules, so results under them are computed, never cached.
    """
    return profile.key if PROFILES.get(profile.key) is profile else None
