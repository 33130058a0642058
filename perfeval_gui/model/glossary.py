"""The one glossary: domain names in code ↔ the Chinese words users see (FORM-SPEC §2–§3)."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

DEFAULT_TITLE: Final = "财政项目支出绩效自评表"

#: Field name → label, for the header, funds, goals and indicator columns.
LABELS: Final[dict[str, str]] = {
    "title": "标题",
    "year": "年度",
    "project_name": "项目名称",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "amount_unit": "金额单位",
    "funds": "项目资金",
    "goals": "年度总体目标",
    "indicators": "绩效指标",
    # fund rows
    "total": "年度资金总额",
    "current_year_appropriation": "其中：当年财政拨款",
    "special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "carried_over": "上年结转资金",
    "other": "其他资金",
    # fund columns
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "全年执行数",
    "budget_weight": "分值",
    "execution_rate": "执行率",
    "budget_score": "得分",
    # goals
    "expected": "预期目标",
    "actual_goals": "实际完成情况",
    # indicator tree and row
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "target_nature": "指标性质",
    "target_unit": "度量单位",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "suggested_score": "建议得分",
    "deviation_note": "偏差原因分析及改进措施",
    "grade": "完成等级",
    "weight_total": "总分",
    "template": "表样",
    "funds_note": "资金执行原因",
    "texts": "文字栏目",
    # print options (``print_options.<field>``)
    "first_page_number": "起始页码",
    "signature_block": "签字栏",
    "signature_labels": "签字栏文字",
    "font_path": "打印字体",
    "landscape": "横向打印",
}

_NAME_LABELS: Final[dict[int, str]] = {1: "一级指标名称", 2: "二级指标名称", 3: "三级指标名称"}
_LEVEL_FIELDS: Final[dict[str, int]] = {"level1": 1, "level2": 2}
_FORM_FIELD_LABELS: Final[dict[str, str]] = {
    "scoring_profile": "评分规则",
    "goals.expected": LABELS["expected"],
    "goals.actual": LABELS["actual_goals"],
    "budget_weight": "预算执行率分值",
}


def field_label(field: str, level: int = 0) -> str:
    """The words a user knows a field by, for undo steps and messages.

    ``level`` is the depth of the node holding the field (0: the form itself, 1 一级, 2 二级,
    3 三级): a 二级's ``name`` is 二级指标名称, the form's ``goals.actual`` is 实际完成情况
    (not a 三级 row's 实际完成值), ``funds.carried_over.executed`` is 上年结转资金·全年执行数.
    """
    if field == "name" and level in _NAME_LABELS:
        return _NAME_LABELS[level]
    if level == 0:
        if field in _FORM_FIELD_LABELS:
            return _FORM_FIELD_LABELS[field]
        parts = field.split(".")
        if len(parts) == 3 and parts[0] == "funds":
            row = LABELS.get(parts[1], parts[1]).removeprefix("其中：")
            return f"{row}·{LABELS.get(parts[2], parts[2])}"
        if len(parts) == 2 and parts[0] in _LEVEL_FIELDS:  # a finding's ``level1.weight``
            level = _LEVEL_FIELDS[parts[0]]
            if parts[1] == "name":
                return _NAME_LABELS[level]
            return LABELS[parts[0]] + LABELS.get(parts[1], parts[1])
    return LABELS.get(field.rsplit(".", 1)[-1], field)


#: The standard catalogue: 一级指标 → its 二级指标.
LEVEL1_CATALOGUE: Final[dict[str, tuple[str, ...]]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

#: Since 2021 some regions make 成本指标 a 一级指标 of its own.
COST_LEVEL1_CATALOGUE: Final[dict[str, tuple[str, ...]]] = {
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}

#: All 二级 names users are offered, in catalogue order.
LEVEL2_NAMES: Final[tuple[str, ...]] = tuple(
    name
    for cat in (LEVEL1_CATALOGUE, COST_LEVEL1_CATALOGUE)
    for names in cat.values()
    for name in names
)

#: All 一级 names users are offered.
LEVEL1_NAMES: Final[tuple[str, ...]] = (*LEVEL1_CATALOGUE, *COST_LEVEL1_CATALOGUE)

DEFAULT_SIGNATURE_LABELS: Final[tuple[str, ...]] = (
    "填报人",
    "联系电话",
    "单位负责人（签字）",
    "填报日期",
    "（单位盖章）",
)

#: Grades of the 总分 (FORM-SPEC §5).
GRADE_EXCELLENT: Final = "优"
GRADE_GOOD: Final = "良"
GRADE_FAIR: Final = "中"
GRADE_POOR: Final = "差"


#: A score suffix written into a 一级/二级 label: ``产出指标(50分)``, ``满意度指标（10 分）``.
_SCORE_SUFFIX = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def level_name_key(name: str) -> str:
    """A 一级/二级 name as compared with the catalogue: widths folded, spaces and line breaks
    dropped, a ``(50分)`` suffix removed (``满意度\n指标`` and ``满意度指标（10分）`` are
    ``满意度指标``)."""
    text = "".join(unicodedata.normalize("NFKC", name).split())
    return _SCORE_SUFFIX.sub("", text)
