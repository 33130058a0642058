"""Speed of the model core on a big form: compute_totals + run_checks on 2,000 三级 rows.

Run: ``.venv/bin/python benchmarks/bench_model.py``. Prints the median of 50 runs
(``time.perf_counter``):
- "one edit then recompute", the figure that matters: what the editor does after each edit
  (one 三级 得分 assigned in place, as its undo commands do, then compute_totals + run_checks),
  a different row and a score never seen before each time, so the edited row always misses
  the caches while the other 1,999 rows may hit them. Goal: ≤ 4 ms.
- a full recompute with the caches warm and nothing changed;
- a full recompute with every cache cleared before each run (a freshly opened form).
"""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import Amounts, Form, Funds, Goals, Indicator, Level1, Level2
from perfeval_gui.model.glossary import LEVEL1_CATALOGUE
from perfeval_gui.model.memo import clear_caches
from perfeval_gui.model.scoring import compute_totals

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
            clear_caches()
        start = time.perf_counter()
        compute_totals(form)
        run_checks(form)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def edit_median_ms(form: Form) -> float:
    """Median milliseconds of one in-place 得分 edit followed by compute_totals + run_checks."""
    rows = [ind for *_, ind in form.iter_indicators()]
    compute_totals(form)
    run_checks(form)  # the editor has shown the form once before the first edit
    times = []
    for n in range(RUNS):
        ind = rows[(n * 797) % len(rows)]  # spread over the tree
        score = Decimal(n + 1).scaleb(-4)  # 0.0001 … 0.0050: never a score seen before
        start = time.perf_counter()
        ind.score = score
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
    edit = edit_median_ms(big_form())
    print(f"{rows} 个三级指标，{findings} 条审核意见，{RUNS} 次取中位数：")
    print(f"  改一个得分后 compute_totals + run_checks：{edit:.1f} ms（目标 ≤ 4 ms）")
    print(f"  compute_totals + run_checks：{warm:.1f} ms（缓存已热，未改动）")
    print(f"  compute_totals + run_checks：{cold:.1f} ms（每次清空全部缓存）")


if __name__ == "__main__":
    main()
