"""The ``.pev`` file: one form as UTF-8 JSON, versioned, validated completely on load.

A file is ``{"format": "perfeval-form", "schema_version": N, "form": {...}}`` where ``form`` is
``Form.model_dump(mode="json")`` (decimals as strings). Loading either returns a whole valid
form or raises :class:`FormFileError` with a Chinese reason — never a traceback, never half a
form. The format is documented in ``docs/pev-format.md``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from perfeval_gui.io.atomic import atomic_write_bytes
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.json_limits import check_json_shape
from perfeval_gui.io.locations import describe_location
from perfeval_gui.io.migrations import (
    CURRENT_SCHEMA_VERSION,
    FIRST_SCHEMA_VERSION,
    REQUIRED_KEYS,
    migrate,
)
from perfeval_gui.io.paths import read_regular_file
from perfeval_gui.model.form import Form
from perfeval_gui.model.limits import length_problems
from perfeval_gui.model.numbers import ERROR_TYPE
from perfeval_gui.model.profiles import PROFILES

#: The value of the ``format`` key that marks a perfeval form file.
FORMAT_MARKER = "perfeval-form"

#: Files larger than this are refused before being read (a real form is a few tens of KiB).
MAX_FILE_BYTES = 20 * 1024 * 1024

_ENVELOPE_KEYS = frozenset({"format", "schema_version", "form"})
_MAX_REPORTED_ERRORS = 3
#: A file whose bytes are not UTF-8 text, in a clerk's words (a .pev is always UTF-8).
NOT_UTF8 = (
    "文件不是 perfeval 保存的表格，或已损坏（文字编码不对）。"
    "如果它是用其他软件另存的，请在原软件中导出为 Excel（.xlsx）后用“导入 Excel”打开"
)
_TOO_DEEP = "文件嵌套层次过深，不是 perfeval 保存的 .pev 文件"


def dumps_pev(form: Form) -> str:
    """The text of a ``.pev`` file holding ``form`` (current schema version, trailing newline)."""
    document = {
        "format": FORMAT_MARKER,
        "schema_version": CURRENT_SCHEMA_VERSION,
        "form": form.model_dump(mode="json"),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def save_pev(form: Form, path: Path) -> None:
    """Save ``form`` to ``path`` atomically, keeping the previous file as ``NAME.pev.bak``."""
    try:
        data = dumps_pev(form).encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate pasted from elsewhere
        raise FormFileError("表中含有无法保存的字符，请删除后重试", path) from exc
    atomic_write_bytes(Path(path), data, backup=True)


def load_pev(path: Path) -> Form:
    """Read and validate the ``.pev`` file at ``path``."""
    path = Path(path)
    raw = read_regular_file(path, MAX_FILE_BYTES, _too_large)
    return _loads_bytes(raw, path)


def loads_pev(text: str, *, source: str | Path = "") -> Form:
    """Validate the text of a ``.pev`` file; ``source`` names it in error messages."""
    named = source if isinstance(source, Path) or source else None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise FormFileError(_too_large(size), named)
    return _loads_text(text, named)


def _loads_bytes(raw: bytes, source: Path) -> Form:
    if raw.startswith(b"PK\x03\x04"):
        raise FormFileError(
            "这是 Excel（.xlsx）或其他压缩文件，不是 .pev 文件；请使用“导入”", source
        )
    if b"\x00" in raw:
        raise FormFileError("文件内容是二进制数据，不是 perfeval 保存的 .pev 文件", source)
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as exc:
        raise FormFileError(NOT_UTF8, source) from exc
    return _loads_text(text, source)


def _loads_text(text: str, source: Path | str | None) -> Form:
    document = _parse_json(text, source)
    check_json_shape(document, source)
    form_data, version = _unwrap(document, source)
    form_data = migrate(form_data, version)
    try:
        form = Form.model_validate(form_data)
    except ValidationError as exc:
        raise FormFileError(describe_validation_error(exc, form_data), source) from exc
    missing = _missing_fields(form, ())
    if missing:
        problems = [f"{describe_location(loc, form_data)}：缺少此项" for loc in missing]
        raise FormFileError(_list_problems(problems), source)
    if form.scoring_profile not in PROFILES:
        known = "、".join(f"{key}（{p.label}）" for key, p in PROFILES.items())
        raise FormFileError(
            f"评分规则“{form.scoring_profile}”未知（本软件支持：{known}），"
            "可能由更新版本的 perfeval 保存",
            source,
        )
    if too_long := length_problems(form):
        raise FormFileError(_list_problems(too_long), source)
    return form


def _parse_json(text: str, source: Path | str | None) -> Any:
    def reject_constant(name: str) -> Any:
        raise _BadNumberError(name)

    def reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _DuplicateKeyError(key)
            result[key] = value
        return result

    try:
        # Numbers typed by hand become exact decimals, never binary floats.
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=reject_constant,
            object_pairs_hook=reject_duplicates,
        )
    except _DuplicateKeyError as exc:
        raise FormFileError(f"文件中键“{exc.key}”重复出现", source) from exc
    except json.JSONDecodeError as exc:
        where = f"第 {exc.lineno} 行第 {exc.colno} 列"
        if not text.strip():
            reason = "文件是空的"
        elif exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            reason = f"文件不完整（在{where}意外结束），可能保存时被中断"
        else:
            reason = f"文件不是有效的 JSON（{where}）"
        raise FormFileError(reason, source) from exc
    except _BadNumberError as exc:
        raise FormFileError(f"文件含有无效的数值“{exc}”", source) from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise FormFileError("文件含有无效的数值", source) from exc
    except RecursionError as exc:
        raise FormFileError(_TOO_DEEP, source) from exc


class _BadNumberError(ValueError):
    """``NaN``/``Infinity``: Python's json accepts them, JSON and exact decimals do not."""


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unwrap(document: Any, source: Path | str | None) -> tuple[dict[str, Any], int]:
    """The ``form`` object and schema version of a parsed file, after checking the envelope."""
    if isinstance(document, dict) and "indicators" in document and "format" not in document:
        raise FormFileError("这是扁平 JSON（交换格式），不是 .pev 文件；请使用“导入”", source)
    if not isinstance(document, dict) or document.get("format") != FORMAT_MARKER:
        raise FormFileError('不是 perfeval 自评表文件（缺少格式标记 "perfeval-form"）', source)
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormFileError("文件缺少有效的格式版本号（schema_version）", source)
    if version > CURRENT_SCHEMA_VERSION:
        raise FormFileError(
            f"此文件由更新版本的 perfeval 保存（格式版本 {version}），请升级软件后再打开", source
        )
    if version < FIRST_SCHEMA_VERSION:
        raise FormFileError(f"格式版本 {version} 无效", source)
    unknown = sorted(set(document) - _ENVELOPE_KEYS)
    if unknown:
        raise FormFileError(f"文件含有不认识的顶层键：{'、'.join(unknown)}", source)
    form_data = document.get("form")
    if not isinstance(form_data, dict):
        raise FormFileError("文件缺少表单内容（form），或其不是对象", source)
    return form_data, version


def _missing_fields(model: BaseModel, prefix: tuple[int | str, ...]) -> list[tuple[int | str, ...]]:
    """Locations of the required keys absent from the file (a saved form has them all)."""
    required = REQUIRED_KEYS.get(type(model).__name__, frozenset())
    missing = [
        (*prefix, name)
        for name in type(model).model_fields  # model order, for a readable message
        if name in required and name not in model.model_fields_set
    ]
    for name in model.model_fields_set:  # defaults filled in above hold no further news
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            missing += _missing_fields(value, (*prefix, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    missing += _missing_fields(item, (*prefix, name, i))
    return missing


def describe_validation_error(exc: ValidationError, data: Any = None) -> str:
    """A short Chinese summary of a pydantic error: the first few places, named as the user
    sees them (一级“产出指标” › 二级“数量指标” › 第 2 行 › 分值), and what is wrong there."""
    problems = [
        f"{describe_location(err['loc'], data)}：{_problem(err)}"
        for err in exc.errors(include_url=False)[: _MAX_REPORTED_ERRORS + 1]
    ]
    return _list_problems(problems, total=exc.error_count())


def _list_problems(problems: list[str], *, total: int | None = None) -> str:
    shown = "；".join(problems[:_MAX_REPORTED_ERRORS])
    more = (len(problems) if total is None else total) - _MAX_REPORTED_ERRORS
    suffix = f"；另有 {more} 处问题" if more > 0 else ""
    return f"内容有误：{shown}{suffix}"


_PROBLEMS: dict[str, str] = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的字段（可能由更新版本的 perfeval 保存）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "none_required": "应为空（null）",
}


def _problem(err: Any) -> str:
    """What is wrong, and the value found where it helps (“应为数字（文件中为“五分”）”)."""
    text = _problem_words(err)
    found = err.get("input")
    if err["type"] in _SHOW_INPUT and isinstance(found, str | int) and not isinstance(found, bool):
        shown = str(found)
        if len(shown) <= 20:
            text += f"（文件中为“{shown}”）"
    return text


_SHOW_INPUT = frozenset(
    {"decimal_type", "decimal_parsing", "int_type", "int_parsing", "enum", "string_type"}
)


def _problem_words(err: Any) -> str:
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("' or '", "'、'").replace("', '", "'、'")
        return f"应为以下之一：{expected}"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    if kind == ERROR_TYPE:  # the model's bounded decimal says why in Chinese
        return str(err["msg"])
    if kind.startswith("decimal_"):
        return _PROBLEMS["decimal_parsing"]
    return _PROBLEMS.get(kind, "取值无效")


def _too_large(size: int) -> str:
    limit_mib = MAX_FILE_BYTES // (1024 * 1024)
    return (
        f"文件过大（{size / 1024 / 1024:.1f} MiB，上限 {limit_mib} MiB），"
        "不是 perfeval 保存的 .pev 文件"
    )
