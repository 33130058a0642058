"""Words of the published forms the importer knows, across every template in the catalogue.

The readers look for labels of all templates at once (and the common synonyms units type),
so a sheet is read whole before its template is chosen (:mod:`perfeval_gui.io.xlsx_detect`).
"""

from __future__ import annotations

import re
from functools import cache

from perfeval_gui.io.xlsx_grid import normalise_label
from perfeval_gui.model.checks_common import is_placeholder_name
from perfeval_gui.model.glossary import LEVEL1_NAMES, LEVEL2_NAMES, level_name_key
from perfeval_gui.model.template_catalog import templates

#: Text blocks of published forms (label → block key), besides those of the templates.
_GENERIC_BLOCKS: dict[str, str] = {
    "其他需要说明事项": "other_notes",
    "其他需要说明的事项": "other_notes",
    "其他说明事项": "other_notes",
    "评价结论": "conclusion",
    "自评结论": "conclusion",
    "结论": "conclusion",
    "绩效自评结论": "conclusion",
    "存在问题": "problems",
    "存在的问题": "problems",
    "主要问题": "problems",
    "存在的问题及原因": "problems",
    "存在问题及原因": "problems",
    "改进措施": "improvements",
    "改进措施及建议": "improvements",
    "整改措施": "improvements",
    "下一步改进措施": "improvements",
    "改进建议": "improvements",
}
#: Lines under the table that name who signs: not indicators.
SIGNATURE_PREFIXES = (
    "填报人", "联系电话", "单位负责人", "填报日期", "(单位盖章)", "单位盖章", "项目负责人",
    "财务负责人", "填表人", "审核人", "分管领导", "经办人", "填报单位", "填表日期", "联系人",
)  # fmt: skip
TOTAL_LABELS = frozenset({"总分", "合计", "总计", "得分合计", "总得分", "分值合计"})
#: Cells a template leaves in its empty rows: 指标1, 指标2, ……, 等.
_PLACEHOLDER = re.compile(
    r"^(?:(?:三级)?指标[0-9一二三四五六七八九十]{0,3}|[.。…·、,，\-—_]+|等|……)$"
)
_SUFFIX = re.compile(r"\((?:[A-Za-z/]{1,5}|分|%|万元|元|[0-9.]+分)\)$")
_CATALOGUE_NAMES = {level_name_key(n): n for n in (*LEVEL1_NAMES, *LEVEL2_NAMES)}
_GRADE = re.compile(r"^(?:(?:评价|自评|绩效)?等级[:：]?)?[(（]?(优|良|中|差)(?:秀|好|等)?[)）]?$")


def key(label: str) -> str:
    """A label compared with a template's: normalised, a ``(A)``/``(分)``/``(万元)`` suffix
    and a ``其中:`` prefix dropped."""
    return _SUFFIX.sub("", normalise_label(label).removeprefix("其中:"))


def is_placeholder(text: str) -> bool:
    """Whether a 三级 cell holds what a blank template put there (``指标2``, ``……``)."""
    return is_placeholder_name(text) or bool(_PLACEHOLDER.match(normalise_label(text)))


def group_name(text: str) -> str:
    """A 一级/二级 name as the catalogue writes it when the cell is one written with a line
    break, spaces or a ``(50分)`` suffix (``满意度\\n指标`` → ``满意度指标``); else as typed."""
    key_ = level_name_key(text)
    found = _CATALOGUE_NAMES.get(key_) or _CATALOGUE_NAMES.get(_NUMBERING.sub("", key_))
    return found or text


#: A numbering before a name: ``一、``, ``(一)``, ``1.``, ``1、``.
_NUMBERING = re.compile(r"^(?:\(?[一二三四五六七八九十]+[)、.]|\(?\d+[)、.])")
#: A template's numbering kept before a filled-in 三级 name: ``指标1：培训人次``.
_NUMBERED_NAME = re.compile(
    r"^\s*(?:三级)?指标\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[:：]\s*(\S.*)$", re.S
)


def strip_numbering(name: str) -> str | None:
    """The name without a template's ``指标1：`` before it, or ``None`` when there is none."""
    match = _NUMBERED_NAME.match(name)
    return match.group(1).strip() if match else None


def grade_in(text: str) -> str | None:
    """The grade a 总分 row cell states (``优``, ``等级：良``, ``（中）``), or ``None``."""
    match = _GRADE.match(normalise_label(text))
    return match.group(1) if match else None


@cache
def block_labels() -> dict[str, str]:
    """Every known text block label (as :func:`key`) → block key."""
    found = {key(label): block for label, block in _GENERIC_BLOCKS.items()}
    for template in templates().values():
        for block in template.blocks:
            found.setdefault(key(block.label), block.key)
    return found


def block_of(label: str) -> str | None:
    """The block key when a cell (its normalised label) starts a text block: ``评价结论``,
    ``其他需要说明事项：无`` (label and text in one cell)."""
    return block_labels().get(key(label.partition(":")[0]))


def after_colon(text: str) -> str:
    """What follows the first colon of a cell's text (``其他需要说明事项：无`` → ``无``)."""
    parts = re.split(r"[:：]", text.strip(), maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


@cache
def goals_labels() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(年度总体目标 labels, 预期目标 labels, 实际完成情况 labels) of every template."""
    blocks = {"年度总体目标", "总体目标", "年度目标完成情况", "绩效目标", "年度总体目标完成情况"}
    expected = {"预期目标", "年度预期目标"}
    actual = {"实际完成情况", "年度实际完成情况", "实际完成", "实际完成目标"}
    for template in templates().values():
        blocks.add(normalise_label(template.goals_label))
        expected.add(normalise_label(template.goals_expected_label))
        actual.add(normalise_label(template.goals_actual_label))
    return frozenset(blocks), frozenset(expected), frozenset(actual)


_REPORT_CODE = re.compile(
    r"^(?:报表编号|表号|编号)?:?(?:公开\d+表|\d{6}_\w+|[A-Za-z]*\d+[A-Za-z]*表)$"
)


def is_report_code(label: str) -> bool:
    """Whether a cell above the form is a 报表编号 (``510000_0013zp``, ``公开14表``)."""
    codes = {normalise_label(t.report_code) for t in templates().values() if t.report_code}
    return label in codes or bool(_REPORT_CODE.match(label))


@cache
def section_labels() -> frozenset[str]:
    """Labels of the 绩效指标 section (the stacked label left of the table)."""
    found = {"绩效指标", "指标", "绩效指标完成情况", "年度绩效指标完成情况"}
    found.update(normalise_label(t.indicators_label) for t in templates().values())
    return frozenset(found)


_GRADE_LABELS = frozenset(
    {"等级", "评价等级", "自评等级", "绩效等级", "综合评价等级", "绩效评价等级", "自评结果等级"}
)


def is_grade_label(label: str) -> bool:
    """Whether a cell names the grade that follows it (``自评等级``)."""
    return key(label) in _GRADE_LABELS
