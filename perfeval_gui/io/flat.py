"""The flat JSON interchange of ``shared/fixtures`` (FORM-SPEC §7).

One flat row per 三级指标 (``level1``, ``level2``, ``name``, ``target``, ``actual``,
``weight``, ``score``, ``deviation``, optional ``grade``), amounts and scores as decimal
strings, a missing amount as ``null``. ``budget_execution.rate_percent``/``score`` and
``total`` are derived: ignored on import, computed on export. The rows are grouped into the
tree by first-seen 一级/二级 name, keeping row order within each group; a 二级 without
三级 rows has no flat row and so does not survive the trip (nor do print options).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from perfeval_gui.io.atomic import atomic_write_bytes
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.json_limits import check_json_shape
from perfeval_gui.io.locations import describe_location
from perfeval_gui.io.paths import read_regular_file
from perfeval_gui.model.form import (
    Amounts,
    AmountUnit,
    Form,
    FundColumn,
    FundRow,
    Funds,
    Goals,
    Indicator,
    Level1,
    Level2,
    QualitativeGrade,
    UnknownGradeError,
    grade_from_text,
)
from perfeval_gui.model.formatting import (
    format_decimal,
    format_percent,
    format_score,
    format_scores_apart,
)
from perfeval_gui.model.limits import length_problems
from perfeval_gui.model.rounding import agrees_as_typed, same_when_printed
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.template_catalog import DEFAULT_TEMPLATE_KEY, form_template
from perfeval_gui.model.values import DecimalInputError, parse_decimal_input

#: Largest flat JSON file read (bytes): far above any real form, small enough to refuse junk.
MAX_FLAT_BYTES = 20 * 1024 * 1024

_TOP_KEYS = frozenset(
    {
        "title", "year", "project_name", "department", "implementing_unit", "amount_unit",
        "funds", "budget_execution", "goals", "indicators", "total", "scoring_profile",
        "template", "funds_note", "texts",
    }
)  # fmt: skip
_MAX_EXPONENT = 20
#: The fund rows of the fixtures' shape, always written; others only when used.
_CLASSIC_ROWS = (
    FundRow.TOTAL,
    FundRow.CURRENT_YEAR_APPROPRIATION,
    FundRow.CARRIED_OVER,
    FundRow.OTHER,
)
_ROW_KEYS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
_SPLIT_TARGET_KEYS = ("target_nature", "target_unit")
_HEADER_KEYS = ("title", "project_name", "department", "implementing_unit")


class _BadDataError(Exception):
    """A reason (Chinese) why the flat data is refused; becomes a FormFileError."""


def _show(value: Any) -> str:
    """A short rendering of a bad JSON value for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # an integer of thousands of digits
        return "超长的数字"
    return text if len(text) <= 40 else text[:40] + "…"


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _BadDataError(f"{where}应为文字，实际是 {_show(value)}")
    return value


def _decimal(value: Any, where: str) -> Decimal | None:
    """A JSON number or decimal string; at most 20 digits, like a number typed in a cell."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _BadDataError(f"{where}应为数字，实际是 {_show(value)}")
    if isinstance(value, str):
        text = value
    else:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        # Check the size before printing it: 1e999999999 would be a billion digits.
        if not number.is_finite() or not -_MAX_EXPONENT <= number.adjusted() <= _MAX_EXPONENT:
            raise _BadDataError(f"{where}不是合理的数字：{_show(value)}")
        text = format(number, "f")
    try:
        return parse_decimal_input(text)
    except DecimalInputError as exc:
        raise _BadDataError(f"{where}：{exc}") from None


def _object(value: Any, where: str, keys: tuple[str, ...] | frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _BadDataError(f"{where}应为 JSON 对象")
    unknown = [k for k in value if k not in keys]
    if unknown:
        raise _BadDataError(f"{where}含有未知的键“{'”“'.join(map(str, unknown))}”")
    return value


def _funds(value: Any) -> Funds:
    data = _object(value, "“funds”", tuple(FundRow))
    rows: dict[str, Amounts] = {}
    for row, amounts in data.items():
        cells = _object(amounts, f"“funds.{row}”", tuple(FundColumn))
        rows[row] = Amounts(
            **{col: _decimal(v, f"“funds.{row}.{col}”") for col, v in cells.items()}
        )
    return Funds(**rows)


def _indicator(row: Any, n: int) -> tuple[str, str, Indicator]:
    where = f"第 {n} 个指标（indicators[{n - 1}]）"
    data = _object(row, where, (*_ROW_KEYS, *_SPLIT_TARGET_KEYS, "grade"))
    for key in ("level1", "level2"):
        if key not in data:
            raise _BadDataError(f"{where}缺少键“{key}”")
    grade: QualitativeGrade | None = None
    if data.get("grade") is not None:
        try:
            grade = grade_from_text(_text(data["grade"], f"{where}的“grade”"))
        except UnknownGradeError as exc:
            raise _BadDataError(f"{where}的“grade”：{exc}") from None
    indicator = Indicator(
        name=_text(data.get("name"), f"{where}的“name”"),
        target=_text(data.get("target"), f"{where}的“target”"),
        target_nature=_text(data.get("target_nature"), f"{where}的“target_nature”"),
        target_unit=_text(data.get("target_unit"), f"{where}的“target_unit”"),
        actual=_text(data.get("actual"), f"{where}的“actual”"),
        weight=_decimal(data.get("weight"), f"{where}的“weight”"),
        score=_decimal(data.get("score"), f"{where}的“score”"),
        deviation_note=_text(data.get("deviation"), f"{where}的“deviation”"),
        grade=grade,
    )
    level1 = _text(data["level1"], f"{where}的“level1”")
    return level1, _text(data["level2"], f"{where}的“level2”"), indicator


def _tree(rows: Any) -> list[Level1]:
    if not isinstance(rows, list):
        raise _BadDataError("“indicators”应为 JSON 数组")
    level1: dict[str, Level1] = {}
    level2: dict[tuple[str, str], Level2] = {}
    for n, row in enumerate(rows, start=1):
        name1, name2, indicator = _indicator(row, n)
        if name1 not in level1:
            level1[name1] = Level1(name=name1)
        if (name1, name2) not in level2:
            level2[name1, name2] = Level2(name=name2)
            level1[name1].children.append(level2[name1, name2])
        level2[name1, name2].indicators.append(indicator)
    return list(level1.values())


def _form(data: Any) -> Form:
    top = _object(data, "文件内容", _TOP_KEYS)
    if "indicators" not in top:
        raise _BadDataError("缺少键“indicators”（绩效指标列表），不是扁平格式的自评表")
    fields: dict[str, Any] = {k: _text(top[k], f"“{k}”") for k in _HEADER_KEYS if k in top}
    if "year" in top:
        year = top["year"]
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
            raise _BadDataError(f"“year”应为 1900–9999 之间的年份，实际是“{top['year']}”")
        fields["year"] = year
    if "amount_unit" in top:
        unit = top["amount_unit"]
        if unit not in tuple(AmountUnit):
            raise _BadDataError(f"“amount_unit”应为“元”或“万元”，实际是“{unit}”")
        fields["amount_unit"] = AmountUnit(unit)
    if "scoring_profile" in top:
        fields["scoring_profile"] = _text(top["scoring_profile"], "“scoring_profile”") or "default"
    if "template" in top:
        fields["template"] = _text(top["template"], "“template”") or DEFAULT_TEMPLATE_KEY
    if "funds_note" in top:
        fields["funds_note"] = _text(top["funds_note"], "“funds_note”")
    if "texts" in top:
        texts = top["texts"]
        if not isinstance(texts, dict):
            raise _BadDataError("“texts”应为 JSON 对象")
        fields["texts"] = {str(k): _text(v, f"“texts.{k}”") for k, v in texts.items()}
    if "funds" in top:
        fields["funds"] = _funds(top["funds"])
    if "budget_execution" in top:
        budget = _object(
            top["budget_execution"], "“budget_execution”", ("weight", "rate_percent", "score")
        )
        weight = _decimal(budget.get("weight"), "“budget_execution.weight”")
        if weight is not None:
            fields["budget_weight"] = weight
    if "goals" in top:
        goals = _object(top["goals"], "“goals”", ("expected", "actual"))
        fields["goals"] = Goals(**{k: _text(v, f"“goals.{k}”") for k, v in goals.items()})
    fields["level1"] = _tree(top["indicators"])
    return Form(**fields)


def form_from_flat(data: Any, *, source: str = "", notes: list[str] | None = None) -> Form:
    """The form in flat JSON ``data`` (already parsed); ``source`` names the file in messages.

    Raises :class:`FormFileError` naming the row and key of anything wrong. The derived
    ``budget_execution.rate_percent`` and ``score`` are recomputed; where they disagree with
    the arithmetic a Chinese sentence is appended to ``notes`` (when given).
    """
    try:
        form = _form(data)
        if notes is not None:
            notes.extend(
                _derived_notes(data["budget_execution"], form) if "budget_execution" in data else []
            )
    except _BadDataError as exc:
        raise FormFileError(str(exc), source or None) from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = describe_location(first["loc"], None) if first["loc"] else "文件内容"
        raise FormFileError(f"{where}的值不符合要求", source or None) from None
    if too_long := length_problems(form):
        raise FormFileError("内容有误：" + "；".join(too_long[:5]), source or None)
    return form


def _derived_notes(budget: dict[str, Any], form: Form) -> list[str]:
    """A typed 执行率 or budget 得分 that is not what the funds give."""
    totals = compute_totals(form)
    notes: list[str] = []
    checks = (
        ("rate_percent", totals.execution_rate and totals.execution_rate * 100, "%"),
        ("score", totals.budget_score, ""),
    )
    for key, computed, suffix in checks:
        where = f"“budget_execution.{key}”"
        try:
            shown = _decimal(budget.get(key), where)
        except _BadDataError:
            notes.append(f"{where}的值“{_show(budget.get(key))}”不是数字，已忽略（该值由计算得出）")
            continue
        if shown is None:
            continue
        if computed is None:
            notes.append(f"{where}为 {format_decimal(shown)}{suffix}，但项目资金不足以计算，已忽略")
        elif not same_when_printed(shown, computed) and not (
            key == "rate_percent" and agrees_as_typed(shown, computed, 1)  # 98.5 for 98.506
        ):
            what = "执行率" if key == "rate_percent" else "预算执行率得分"
            shown_text, computed_text = format_scores_apart(shown, computed)
            notes.append(
                f"{where}写的{what} {shown_text}{suffix} 与按项目资金计算的 "
                f"{computed_text}{suffix} 不同，以计算值为准"
            )
    return notes


def _row(level1: Level1, level2: Level2, ind: Indicator) -> dict[str, Any]:
    row: dict[str, Any] = {
        "level1": level1.name,
        "level2": level2.name,
        "name": ind.name,
        "target": ind.target,
        "actual": ind.actual,
        "weight": None if ind.weight is None else format_decimal(ind.weight),
        "score": None if ind.score is None else format_decimal(ind.score),
        "deviation": ind.deviation_note,
    }
    for key in _SPLIT_TARGET_KEYS:
        if getattr(ind, key):
            row[key] = getattr(ind, key)
    if ind.grade is not None:
        row["grade"] = ind.grade.value
    return row


def form_to_flat(form: Form) -> dict[str, Any]:
    """``form`` as flat JSON data, with 执行率, budget 得分 and totals computed."""
    totals = compute_totals(form)
    rate = totals.execution_rate
    shown = form_template(form).fund_row_keys()
    funds = {
        row.value: {
            col.value: (
                None if (v := getattr(getattr(form.funds, row), col)) is None else format_decimal(v)
            )
            for col in FundColumn
        }
        for row in FundRow
        if row in _CLASSIC_ROWS or row in shown or getattr(form.funds, row) != Amounts()
    }
    data: dict[str, Any] = {
        "title": form.title,
        "year": form.year,
        "project_name": form.project_name,
        "department": form.department,
        "implementing_unit": form.implementing_unit,
        "amount_unit": form.amount_unit.value,
        "funds": funds,
        "budget_execution": {
            "weight": format_decimal(form.budget_weight),
            "rate_percent": None if rate is None else format_percent(rate).removesuffix("%"),
            "score": None if totals.budget_score is None else format_score(totals.budget_score),
        },
        "goals": {"expected": form.goals.expected, "actual": form.goals.actual},
        "indicators": [_row(l1, l2, ind) for _, _, _, l1, l2, ind in form.iter_indicators()],
        "total": {
            "weight": format_score(totals.weight_total, totals.places),
            "score": format_score(totals.score_total, totals.places),
        },
    }
    if form.scoring_profile != "default":
        data["scoring_profile"] = form.scoring_profile
    if form.template != DEFAULT_TEMPLATE_KEY:
        data["template"] = form.template
    if form.funds_note:
        data["funds_note"] = form.funds_note
    if form.texts:
        data["texts"] = dict(form.texts)
    return data


def load_flat(path: Path | str, notes: list[str] | None = None) -> Form:
    """Read a flat JSON file (UTF-8, at most 20 MiB); raises :class:`FormFileError`.
    Derived values that disagree with the arithmetic are told in ``notes`` (when given)."""
    path = Path(path)
    raw = read_regular_file(path, MAX_FLAT_BYTES, lambda _size: "文件超过 20 MiB，不像是一张自评表")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormFileError(
            "文件不是 perfeval 导出的 JSON 交换文件，或已损坏（文字编码不对）", path
        ) from None
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        why = next((zh for en, zh in _JSON_ERRORS.items() if exc.msg.startswith(en)), "")
        where = f"第 {exc.lineno} 行第 {exc.colno} 列"
        raise FormFileError(
            f"不是有效的 JSON（{where}{'：' + why if why else ''}）", path
        ) from None
    except _BadDataError as exc:
        raise FormFileError(str(exc), path) from None
    except RecursionError:
        raise FormFileError("JSON 嵌套过深", path) from None
    except ValueError:  # an integer literal of thousands of digits
        raise FormFileError("JSON 中有位数过多的数字", path) from None
    check_json_shape(data, path)
    return form_from_flat(data, source=str(path), notes=notes)


#: json's messages, said in Chinese.
_JSON_ERRORS = {
    "Expecting value": "此处缺少值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "键名须用英文双引号括起",
    "Unterminated string": "字符串没有结束的引号",
    "Invalid control character": "字符串中有控制字符",
    "Invalid \\escape": "字符串中有无效的转义",
    "Extra data": "JSON 之后还有多余的内容",
}


def _refuse_constant(name: str) -> Any:
    raise _BadDataError(f"JSON 中不允许出现 {name}")


def dumps_flat(form: Form) -> str:
    """The flat JSON text of ``form`` (UTF-8 characters kept, 2-space indent)."""
    return json.dumps(form_to_flat(form), ensure_ascii=False, indent=2) + "\n"


def save_flat(form: Form, path: Path | str) -> None:
    """Write ``form`` as flat JSON, atomically; raises :class:`FormFileError`."""
    try:
        data = dumps_flat(form).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate pasted from elsewhere
        raise FormFileError("表中含有无法保存的字符，请删除后重试", path) from None
    atomic_write_bytes(Path(path), data, backup=False)
