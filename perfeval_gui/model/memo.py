"""Bounded memo caches for the per-row work of scoring and checks.

The editor recomputes totals and findings after every edit; on a 2,000-row form almost every
row is unchanged, so its findings and suggestion are looked up instead of recomputed. Keys are
immutable tuples of everything a result depends on (the row's cell values, the profile), never
the row object itself: the form is edited in place, so an identity key would go stale. Values
are immutable (tuples of frozen dataclasses), so no caller can corrupt a cached result.
"""

from __future__ import annotations

from collections import OrderedDict
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


class LruCache(Generic[V]):
    """A mapping of at most ``maxsize`` entries that forgets the least recently used one.

    ``get`` returns ``None`` for a miss, so values must never be ``None`` (wrap them).
    Safe to share between threads under the GIL: each step is one atomic dict operation, and
    an entry evicted or cleared by another thread in between is simply a miss.
    """

    def __init__(self, maxsize: int = MAXSIZE) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        """The value stored under ``key``, or ``None``; a hit becomes the most recent entry."""
        value = self._data.get(key)
        if value is not None:
            # Not contextlib.suppress: this runs once per row per recompute, suppress() costs more.
            try:  # noqa: SIM105
                self._data.move_to_end(key)
            except KeyError:  # evicted by another thread meanwhile; the value is still right
                pass
        return value

    def put(self, key: Hashable, value: V) -> None:
        """Store ``value`` under ``key``, evicting the least recently used entry when full."""
        self._data[key] = value
        while len(self._data) > self.maxsize:
            try:
                self._data.popitem(last=False)
            except KeyError:  # emptied by another thread
                break

    def clear(self) -> None:
        """Forget every entry."""
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


_CACHES: list[LruCache[object]] = []


def new_cache() -> LruCache[V]:
    """A fresh cache that :func:`clear_caches` empties too."""
    cache: LruCache[V] = LruCache()
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
