"""Filled forms of every shipped template, as a unit of that province would fill them.

Seed form 1's real content moved to each template (split targets for 云南, the 四川 sources
and blocks…) plus what only that template has: a 原因 for the funds, text blocks, 万元
amounts with four decimals. Every layer's template tests start from these.
"""

from __future__ import annotations

from decimal import Decimal

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import Amounts, AmountUnit, Form
from perfeval_gui.model.template_catalog import get_template, templates
from perfeval_gui.model.template_switch import switch_template
from tests.conftest import load_fixture_json

SHIPPED_TEMPLATES = tuple(templates())

#: Realistic block texts by block key.
_BLOCK_TEXTS = {
    "conclusion": "项目总体完成年度绩效目标，自评得分 94 分，评价等级为“优”。",
    "problems": "部分培训场次因场地原因延期，宣传品单价核算不够精细。",
    "improvements": "提前落实培训场地；完善宣传品成本测算，严格执行政府采购。",
    "other_notes": "无其他需要说明的事项。",
}


def filled_form(key: str) -> Form:
    """Seed form 1 as a form of template ``key``, every field of that template filled."""
    template = get_template(key)
    form, _ = switch_template(form_from_flat(load_fixture_json(1)), template)
    update: dict[str, object] = {
        "texts": {b.key: _BLOCK_TEXTS.get(b.key, f"{b.label}的内容。") for b in template.blocks}
    }
    if template.funds_reason_label:
        update["funds_note"] = "年中追加预算，部分合同尚未结算。"
    if template.amount_unit == AmountUnit.WAN_YUAN.value:
        funds = form.funds.model_copy(
            update={
                "total": Amounts(),
                "current_year_appropriation": Amounts(
                    initial=Decimal("15.2920"),
                    adjusted=Decimal("15.2920"),
                    executed=Decimal("15.2919"),
                ),
                "carried_over": Amounts(),
                "other": Amounts(),
            }
        )
        update |= {"funds": funds, "amount_unit": AmountUnit.WAN_YUAN}
    return form.model_copy(update=update)
