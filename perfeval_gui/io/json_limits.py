"""A cheap, bounded look at parsed JSON before anything expensive (migrations, validation).

A file under the size limit can still hold a million list items (validating and describing
each bad one costs gigabytes), nest thousands of levels (validation recurses), carry one
string of megabytes or a lone UTF-16 surrogate (``"\\ud800"``: it loads, but can never be
saved as UTF-8 nor exported). :func:`check_json_shape` walks the data once, without
recursion, and stops at the first value over a limit; the limits are far above any real form.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from perfeval_gui.io.errors import FormFileError

#: Deepest nesting: a form needs 9 levels (envelope, form, level1, [i], children, [j], …).
MAX_DEPTH = 32
#: Most values (objects, lists, strings, numbers) in one file; a big form has a few thousand.
MAX_VALUES = 100_000
#: Longest string, in characters (a long 年度总体目标 is a few thousand).
MAX_STRING = 100_000

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_json_shape(document: Any, source: Path | str | None) -> None:
    """Raise :class:`FormFileError` (Chinese reason) when ``document`` passes a limit."""
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(document, 1, ())]
    seen = 1  # values walked or waiting on the stack
    while stack:
        value, depth, at = stack.pop()
        if isinstance(value, dict | list):
            seen += len(value)  # counted before the items are stacked
            if seen > MAX_VALUES:
                raise FormFileError(
                    f"文件中的数据项过多（超过 {MAX_VALUES} 个），不像是一张自评表",
                    source,
                )
        if depth > MAX_DEPTH:
            raise FormFileError("文件嵌套层次过深，不像是一张自评表", source)
        if isinstance(value, str):
            _check_string(value, at, source)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_string(key, at, source)
                stack.append((item, depth + 1, (*at, key)))
        elif isinstance(value, list):
            stack.extend((item, depth + 1, (*at, i)) for i, item in enumerate(value))


def _check_string(text: str, at: tuple[str | int, ...], source: Path | str | None) -> None:
    if len(text) > MAX_STRING:
        raise FormFileError(
            f"{_where(at)}的文字过长（{len(text)} 个字符，上限 {MAX_STRING}）", source
        )
    found = _SURROGATE.search(text)
    if found:
        code = f"\\u{ord(found.group()):04x}"
        raise FormFileError(
            f"{_where(at)}含有无效的字符（不成对的 UTF-16 代理项 {code}），"
            "无法保存或导出；请用文本编辑器删除后再打开",
            source,
        )


def _where(at: tuple[str | int, ...]) -> str:
    """``("form", "level1", 0, "name")`` → ``form.level1[0].name``."""
    text = ""
    for part in at:
        text = f"{text}[{part}]" if isinstance(part, int) else f"{text}.{part}" if text else part
    return f"“{text}”" if text else "文件"
