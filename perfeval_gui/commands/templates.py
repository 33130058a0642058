"""``perfeval templates``: the form templates this installation knows, and where to add more."""

from __future__ import annotations

import argparse
import sys

from perfeval_gui.model.formatting import format_score
from perfeval_gui.model.template_catalog import template_problems, templates, user_template_dir


def warn_template_problems(prog: str = "perfeval") -> None:
    """Print why user template files were left out (stderr), once per command."""
    for problem in template_problems():
        print(f"{prog}: 警告：{problem}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """List every template: key, name, the budget row's 分值, the 一级 split, the source."""
    warn_template_problems()
    for key, template in templates().items():
        split = "、".join(f"{n} {format_score(w)}" for n, w in template.level1_weights.items())
        print(f"{key}：{template.name}")
        print(
            f"    {template.title}；金额单位 {template.amount_unit}；预算执行率 "
            f"{format_score(template.budget_weight)} 分；{split or '一级指标分值不限'}"
        )
        if template.description:
            print(f"    {template.description}")
        if template.source:
            print(f"    依据：{template.source}")
    print(f"自定义模板：把 .toml 文件放入 {user_template_dir()}")
    return 0
