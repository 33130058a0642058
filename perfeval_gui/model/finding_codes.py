"""Every finding code the checks can report, with its severity and what it means.

The codes are stable (``perfeval check --json`` prints them; scripts filter on them), so
they are listed once here. ``docs/findings.md`` is :func:`findings_markdown`, and a test
fails when a check reports a code not listed here, with another severity, or when the page
is not the current list (``dev/findings-doc`` rewrites it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from perfeval_gui.model.checks_common import Severity


@dataclass(frozen=True)
class FindingCode:
    """One code: how bad it is, where it points, and what a user should know about it."""

    severity: Severity
    area: str  # Chinese: where on the form
    meaning: str  # Chinese: what is wrong and what to do


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

FINDING_CODES: Final[dict[str, FindingCode]] = {
    # The form as a whole
    "template-unknown": FindingCode(_E, "全表", "文件指定的表样模板本软件不认识，已按默认表样处理"),
    "profile-unknown": FindingCode(_E, "全表", "文件指定的计分规则本软件不认识，已按通用规则计分"),
    "header-missing": FindingCode(_W, "表头", "标题、项目名称、主管部门或实施单位未填写"),
    "template-text-left": FindingCode(
        _W, "文字栏", "文字栏中保留了表样的填写说明（如“请填写……”），应改为实际内容"
    ),
    "goals-missing": FindingCode(_W, "年度总体目标", "预期目标或实际完成情况未填写"),
    "goals-number-only": FindingCode(
        _W, "年度总体目标", "预期目标或实际完成情况只写了一个数字，应用文字写明"
    ),
    # 项目资金
    "funds-total-mismatch": FindingCode(
        _W, "项目资金", "填写的年度资金总额与各项资金来源之和不一致（以各项之和为准）"
    ),
    "amount-negative": FindingCode(_W, "项目资金", "某项金额为负数"),
    "executed-above-budget": FindingCode(_W, "项目资金", "全年执行数超过全年预算数"),
    "budget-missing": FindingCode(
        _W,
        "项目资金",
        "年度资金总额的全年预算数为空或为 0，无法计算执行率，预算执行率得分按 0 分计",
    ),
    "executed-missing": FindingCode(
        _W, "项目资金", "年度资金总额的全年执行数为空，无法计算执行率，预算执行率得分按 0 分计"
    ),
    "low-rate-no-reason": FindingCode(
        _W, "项目资金", "执行率低于表样规定的比例，而表样要求说明原因的栏目为空"
    ),
    "budget-weight-unusual": FindingCode(
        _W, "项目资金", "预算执行率的分值与表样规定的不同（通常为 10 分）"
    ),
    "rounded-in-print": FindingCode(
        _I,
        "分值、得分",
        "分值或得分的小数超过两位：编辑器和合计按原数计算，打印的自评表只印两位小数（四舍五入）",
    ),
    # The indicator tree
    "weight-total-not-100": FindingCode(
        _E, "总分", "分值合计（含预算执行率）不等于表样规定的总分（通常为 100）"
    ),
    "level1-weight-unusual": FindingCode(
        _W, "一级指标", "一级指标的分值合计与通常的分配（产出 50、效益 30、满意度 10）不同"
    ),
    "level1-nonstandard": FindingCode(
        _I, "一级指标", "一级指标不是标准的三项，未核对各一级指标的分值分配"
    ),
    "level1-name-missing": FindingCode(_W, "一级指标", "一级指标未填写名称"),
    "level1-name-duplicate": FindingCode(_W, "一级指标", "两个一级指标同名，应合并为一个"),
    "level2-name-missing": FindingCode(_W, "二级指标", "二级指标未填写名称"),
    "level2-name-duplicate": FindingCode(
        _W, "二级指标", "同一一级指标下两个二级指标同名，应合并为一个"
    ),
    # A 三级 row
    "indicator-name-missing": FindingCode(_E, "三级指标", "三级指标未填写名称"),
    "indicator-name-placeholder": FindingCode(
        _W, "三级指标", "三级指标名称仍是表样的占位文字（如“指标1”“……”）"
    ),
    "duplicate-name": FindingCode(_W, "三级指标", "与另一行三级指标重名"),
    "weight-missing": FindingCode(_E, "分值", "三级指标未填写分值"),
    "weight-negative": FindingCode(_E, "分值", "分值为负数"),
    "score-missing": FindingCode(_W, "得分", "未填写得分，合计时按 0 分计"),
    "score-negative": FindingCode(_E, "得分", "得分为负数"),
    "score-above-weight": FindingCode(_E, "得分", "得分超过分值"),
    "target-missing": FindingCode(_W, "年度指标值", "未填写年度指标值"),
    "actual-missing": FindingCode(_W, "实际完成值", "未填写实际完成值，无法核对得分"),
    "units-incompatible": FindingCode(
        _W,
        "实际完成值",
        "实际完成值与年度指标值的单位不同（或百分数写成了小数），无法比较，也无法给出建议得分",
    ),
    "actual-not-quantitative": FindingCode(
        _W, "实际完成值", "年度指标值是数量，实际完成值中却读不出可比较的数量"
    ),
    "target-too-low": FindingCode(
        _W,
        "年度指标值",
        "实际完成值远超年度指标值（如达到 130% 以上），且没有说明原因：指标值可能定得偏低",
    ),
    "grade-missing": FindingCode(
        _I, "完成等级", "定性指标的实际完成值与年度指标值表述不同，需要选择完成等级才能核对得分"
    ),
    "target-missed-full-score": FindingCode(
        _W, "得分", "实际完成值未达到年度指标值（或晚于规定日期），却得了满分"
    ),
    "score-differs-from-suggestion": FindingCode(
        _W, "偏差原因分析", "得分与按计分规则算出的建议得分不同，偏差原因分析却没有说明"
    ),
    "score-outside-band": FindingCode(
        _W, "得分", "定性指标的得分不在所选（或视为）完成等级对应的分数段内"
    ),
    "deduction-without-note": FindingCode(
        _W, "偏差原因分析", "得分低于分值，偏差原因分析却为空或只写了“无”"
    ),
}

_SEVERITY_WORDS: Final = {_E: "错误", _W: "提醒", _I: "提示"}


def findings_markdown() -> str:
    """The page ``docs/findings.md``: every code, in Chinese, grouped by severity."""
    lines = [
        "# 审核结果代码一览",
        "",
        "“审核”（编辑器的审核面板、`perfeval check`）发现的每个问题都有一个固定的代码，",
        "`perfeval check --json` 在 `code` 字段中输出它，便于脚本筛选。",
        "“错误”使自评表不成立（`perfeval check` 退出码 1）；“提醒”需要填报人核对；",
        "“提示”只是说明。",
        "",
        "本页由 `dev/findings-doc` 根据程序中的代码表生成，测试保证二者一致。",
    ]
    for severity, word in _SEVERITY_WORDS.items():
        lines += ["", f"## {word}", "", "| 代码 | 位置 | 含义 |", "| --- | --- | --- |"]
        lines += [
            f"| `{code}` | {c.area} | {c.meaning} |"
            for code, c in FINDING_CODES.items()
            if c.severity is severity
        ]
    return "\n".join(lines) + "\n"
