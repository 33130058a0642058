"""Speed of the model core on a big form: compute_totals + run_checks on 2,000 三级 rows.

Run: ``/work/venv/bin/python benchmarks/bench_model.py``. Prints the median of 50 runs
(``time.perf_counter``), with and without the parse caches warm, so the README can quote it.
"""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.dates import parse_deadline
from perfeval_gui.model.form import Amounts, Form, Funds, Goals, Indicator, Level1, Level2
from perfeval_gui.model.glossary import LEVEL1_CATALOGUE
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.model.values import parse_value

ROWS = 2000
RUNS = 50

# (target, actual, score as a fraction of 分值): real habits, hits every rule now and then.
_PATTERNS = [
    ("=3 万条/月", "=3 万条/月", "1"),
    ("<=200 册", "400 册", "1"),
    (">=4 次", "3 次", "0.75"),
    ("及时", "及时", "1"),
    ("<=20 万元/场", "121980 元", "1"),
    (">=30 人次/场", "50 人次/场", "1"),
    ("全年稳定运行率≥95%", "全年稳定运行率≥95%", "1"),
    ("提升", "明显提升", "0.8"),
    ("<=3 分钟", "2 小时", "0.5"),
    ("2023 年 10 月底", "2023 年 10 月 20 日", "1"),
]


def big_form(rows: int = ROWS) -> Form:
    """A form with ``rows`` 三级 rows spread over the standard catalogue, unique names."""
    level2 = [(l1, l2) for l1, names in LEVEL1_CATALOGUE.items() for l2 in names]
    per = rows // len(level2) + 1
    tree: dict[str, list[Level2]] = {l1: [] for l1 in LEVEL1_CATALOGUE}
    n = 0
    for l1, l2 in level2:
        indicators = []
        for _ in range(per):
            if n == rows:
                break
            target, actual, share = _PATTERNS[n % len(_PATTERNS)]
            weight = Decimal("0.045")
            indicators.append(
                Indicator(
                    name=f"指标{n}",
                    target=f"{target}" if n % 7 else f"全年{target}",
                    actual=actual,
                    weight=weight,
                    score=weight * Decimal(share),
                    deviation_note="无" if n % 3 else "按计划完成，个别延期",
                )
            )
            n += 1
        tree[l1].append(Level2(name=l2, indicators=indicators))
    money = Amounts(initial=Decimal("350000.00"), adjusted=Decimal("152919.80"),
                    executed=Decimal("152919.80"))  # fmt: skip
    return Form(
        project_name="基准测试项目",
        department="主管部门",
        implementing_unit="实施单位",
        funds=Funds(total=money, current_year_appropriation=money),
        goals=Goals(expected="预期", actual="实际"),
        level1=[Level1(name=l1, children=children) for l1, children in tree.items()],
    )


def median_ms(form: Form, *, cold: bool) -> float:
    """Median milliseconds of compute_totals + run_checks over RUNS runs."""
    times = []
    for _ in range(RUNS):
        if cold:
            parse_value.cache_clear()
            parse_deadline.cache_clear()
        start = time.perf_counter()
        compute_totals(form)
        run_checks(form)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    form = big_form()
    rows = len(form.iter_indicators())
    findings = len(run_checks(form))
    warm = median_ms(form, cold=False)
    cold = median_ms(form, cold=True)
    print(f"{rows} 个三级指标，{findings} 条审核意见，{RUNS} 次取中位数：")
    print(f"  compute_totals + run_checks：{warm:.1f} ms（解析缓存已热）")
    print(f"  compute_totals + run_checks：{cold:.1f} ms（每次清空解析缓存）")


if __name__ == "__main__":
    main()
