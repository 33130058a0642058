"""The findings of the 三级 rows of one 二级, memoised so that re-checking after an edit is cheap.

The editor re-runs every check after every edit; on a 2,000-row form one row has changed and
the other 1,999 have not. Two memo levels (``memo``) serve them:

- per 二级: keyed on its place ``(i, j)`` and the cells of all its rows, the whole block of
  findings is one lookup when none of its rows changed (the usual case for all 二级 but one);
- per row: keyed on the row's cells but not its place, so in the one 二级 that changed, or
  after rows moved, only a changed row is checked again; a moved row only has the paths of
  its findings replaced.

Keys hold values, never the model objects: the form is edited in place, so an object (or
``id``) key would return stale findings. Cached values are tuples of frozen findings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from perfeval_gui.model.checks_common import SEVERITY_ORDER, Finding
from perfeval_gui.model.checks_indicators import indicator_findings
from perfeval_gui.model.memo import MemoCache, new_cache

if TYPE_CHECKING:
    from collections.abc import Mapping

    from perfeval_gui.model.form import Indicator, Level1, Level2
    from perfeval_gui.model.profiles import ScoringProfile

#: A row's findings (errors first) and its :func:`name_key`.
RowFindings = tuple[tuple[Finding, ...], str]


@dataclass(frozen=True)
class Level2Findings:
    """The findings of the rows of one 二级, in row order, each row's errors first."""

    findings: tuple[Finding, ...]  # all rows' findings, concatenated
    names: tuple[str, ...]  # each row's name_key, for the duplicate-name rule
    rows: tuple[tuple[Finding, ...], ...]  # each row's findings
    #: Each name_key (but "") → the path of the first row of this 二级 with it; read-only.
    first_paths: Mapping[str, tuple[int, int, int]]
    repeats_within: bool  # whether two rows of this 二级 share a name_key


_ROWS: MemoCache[RowFindings] = new_cache()
#: A block's key holds the keys of all its rows (~50 KB for a 二级 of 220 rows), so far fewer
#: blocks are kept than rows: a form's 二级 and recent edits (≤ ~7 MB); a block that was
#: dropped is rebuilt from the row cache.
_LEVEL2: MemoCache[Level2Findings] = new_cache(maxsize=128)


def name_key(ind: Indicator) -> str:
    """The 三级 name as compared for duplicates: all whitespace removed."""
    return "".join(ind.name.split())


def _row(
    path: tuple[int, int, int],
    key: tuple[object, ...],
    refs: tuple[Level1, Level2, Indicator],
    profile: ScoringProfile,
    cache: MemoCache[RowFindings] | None,
) -> RowFindings:
    cached = cache.get(key) if cache is not None else None
    if cached is None:
        found = indicator_findings(path, *refs, profile)
        found.sort(key=lambda f: SEVERITY_ORDER[f.severity])
        cached = (tuple(found), name_key(refs[2]))
        if cache is not None:
            cache.put(key, cached)
    elif cached[0] and cached[0][0].path != path:  # the row moved since it was checked
        assert cache is not None  # a hit comes from it
        cached = (tuple(replace(f, path=path) for f in cached[0]), cached[1])
        cache.put(key, cached)
    return cached


def level2_findings(
    i: int, j: int, l1: Level1, l2: Level2, *, profile: ScoringProfile, profile_key: str | None
) -> Level2Findings:
    """:func:`indicator_findings` of every row of ``l2`` (the ``j``-th 二级 of the ``i``-th
    一级), each row sorted errors first; memoised.

    ``profile_key`` is ``memo.profile_key(profile)``; ``None`` (a profile outside the
    catalogue) computes everything and caches nothing.
    """
    keys = []
    for k, ind in enumerate(l2.indicators):  # inline, not a call per row: runs for every row
        name, weight, score = ind.name, ind.weight, ind.score
        key: tuple[object, ...] = (
            name,
            ind.target,
            ind.target_nature,
            ind.target_unit,
            ind.actual,
            None if weight is None else str(weight),  # str: 1 and 1.0 print differently
            None if score is None else str(score),
            ind.deviation_note,
            ind.grade,
            profile_key,
        )
        if not name.strip():  # an unnamed row is named by its parents and place in messages
            key = (*key, l1.name, l2.name, k)
        keys.append(key)
    block_key = (i, j, tuple(keys))
    if profile_key is not None:
        block = _LEVEL2.get(block_key)
        if block is not None:
            return block
    cache = _ROWS if profile_key is not None else None
    rows = [
        _row((i, j, k), key, (l1, l2, ind), profile, cache)
        for k, (key, ind) in enumerate(zip(keys, l2.indicators, strict=True))
    ]
    first_paths: dict[str, tuple[int, int, int]] = {}
    for k, (_, name) in enumerate(rows):
        if name:
            first_paths.setdefault(name, (i, j, k))
    names = tuple(name for _, name in rows)
    block = Level2Findings(
        findings=tuple(f for found, _ in rows for f in found),
        names=names,
        rows=tuple(found for found, _ in rows),
        first_paths=MappingProxyType(first_paths),
        repeats_within=len(first_paths) < sum(1 for name in names if name),
    )
    if profile_key is not None:
        _LEVEL2.put(block_key, block)
    return block
