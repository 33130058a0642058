"""Where in a form a problem is, in the words of the form a user sees.

A validation error's location ``("level1", 0, "children", 1, "indicators", 1, "weight")``
becomes ``一级“产出指标” › 二级“数量指标” › 第 2 行“政策宣传品制作数量” › 分值``, read from the
file's own data (the names as typed there) and the form template's labels (四川 says 权重).
The editor and the ``perfeval`` command show the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perfeval_gui.model.glossary import LABELS
from perfeval_gui.model.template_catalog import templates
from perfeval_gui.model.templates import FormTemplate

SEPARATOR = " › "

_FORM_LABELS = {
    "scoring_profile": "评分规则",
    "template": "表样",
    "budget_weight": "预算执行率分值",
    "funds_note": "资金原因说明",
    "texts": "说明文字",
    "print_options": "打印设置",
    "schema_version": "格式版本",
}
_PRINT_LABELS = {
    "first_page_number": "起始页码",
    "signature_block": "签字栏",
    "signature_labels": "签字栏文字",
    "font_path": "字体",
    "landscape": "横向打印",
}
_LEVEL_WORDS = {"level1": "一级", "children": "二级"}


def _template(data: Any) -> FormTemplate | None:
    key = data.get("template") if isinstance(data, dict) else None
    return templates().get(key) if isinstance(key, str) else None


def _label(field: str, template: FormTemplate | None) -> str:
    if template is not None:
        return template.label(field)
    return LABELS.get(field, field)


def _name_of(node: Any) -> str:
    name = node.get("name") if isinstance(node, dict) else None
    if not isinstance(name, str):
        return ""
    name = " ".join(name.split())
    return name if len(name) <= 30 else name[:29] + "…"


def _child(container: Any, key: int | str) -> Any:
    try:
        return container[key]
    except (KeyError, IndexError, TypeError):
        return None


def describe_location(loc: Sequence[int | str], data: Any) -> str:
    """The place ``loc`` (a pydantic error location inside the ``form`` object) names."""
    template = _template(data)
    parts: list[str] = []
    node: Any = data
    depth = 0  # 0 form, 1 一级, 2 二级, 3 三级 row
    i = 0
    while i < len(loc):
        key = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if key in ("level1", "children", "indicators") and isinstance(nxt, int):
            node = _child(_child(node, key), nxt)
            name = _name_of(node)
            if key == "indicators":
                parts.append(f"第 {nxt + 1} 行" + (f"“{name}”" if name else ""))
                depth = 3
            else:
                word = _LEVEL_WORDS[str(key)]
                parts.append(f"{word}“{name}”" if name else f"第 {nxt + 1} 个{word}指标")
                depth = 1 if key == "level1" else 2
            i += 2
            continue
        parts.append(_field_words(str(key), depth, template))
        if key in ("funds", "goals", "print_options", "texts"):
            parts.extend(_nested_words(str(key), loc[i + 1 :], template))
            break
        node = _child(node, key)
        i += 1
    return SEPARATOR.join(p for p in parts if p) or "表格"


def _field_words(key: str, depth: int, template: FormTemplate | None) -> str:
    if key == "name":
        return {1: "名称", 2: "名称", 3: "三级指标名称"}.get(depth, "名称")
    if key == "children":
        return "二级指标列表"
    if key == "indicators":
        return "三级指标列表"
    if key == "level1":
        return "一级指标列表"
    if key == "weight" and depth in (1, 2):
        return _label("weight", template)
    if depth == 0 and key in _FORM_LABELS:
        return _FORM_LABELS[key]
    return _label(key, template)


def _nested_words(key: str, rest: Sequence[int | str], template: FormTemplate | None) -> list[str]:
    words: list[str] = []
    for part in rest:
        if isinstance(part, int):
            words.append(f"第 {part + 1} 项")
        elif key == "print_options":
            words.append(_PRINT_LABELS.get(part, part))
        elif key == "goals" and part == "actual":
            words.append(_label("actual_goals", template))
        elif key == "texts":
            words.append(_label(part, template))
        else:
            words.append(_label(part, template))
    return words
