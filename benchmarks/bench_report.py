"""How fast `perfeval report` is: the whole process on fixture 1, and a 2,000-row form in-process.

Two figures:
- the whole ``perfeval report`` process on ``resources/examples/example.pev``: wall time
  (median and best of N runs), CPU time (user + system, steadier on a busy machine) and peak
  memory (max RSS), both from ``os.wait4``, byte-code cached;
- the report of a 2,000-indicator form in-process (content and .docx; modules imported).

Goal: 2,000 rows < 3 s (python-docx's own cell lookups are quadratic; the writer avoids them).

Run: ``python benchmarks/bench_report.py [RUNS]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from perfeval_gui.io.report_docx import report_docx_bytes
from perfeval_gui.model.form import Form, Indicator, Level1, Level2
from perfeval_gui.model.report_content import build_report
from perfeval_gui.resources_path import example_form_path

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def _process(out: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one process."""
    argv = [sys.executable, "-m", "perfeval_gui.cli", "report", str(example_form_path())]
    start = time.perf_counter()
    proc = subprocess.Popen([*argv, "-o", str(out)], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    assert status == 0, status
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _big_form(rows: int) -> Form:
    per_level2 = 50
    level2 = [
        Level2(
            name=f"二级{j}",
            indicators=[
                Indicator(
                    name=f"指标{j}-{k}",
                    target=">=95%",
                    actual="93%" if k % 7 == 0 else "96%",
                    weight=Decimal("0.5"),
                    score=Decimal("0.45") if k % 7 == 0 else Decimal("0.5"),
                    deviation_note="无" if k % 2 else "受天气影响，部分工作延后",
                )
                for k in range(per_level2)
            ],
        )
        for j in range(rows // per_level2)
    ]
    return Form(project_name="大型项目", level1=[Level1(name="产出指标", children=level2)])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(tmp, "pycache"))}
        out = Path(tmp, "报告.docx")
        _process(out, env)  # warm-up: byte-code cache
        runs = [_process(out, env) for _ in range(RUNS)]
    walls = [w for w, _, _ in runs]
    cpu = statistics.median(c for _, c, _ in runs)
    print(
        f"perfeval report example.pev: wall median {statistics.median(walls):.3f} s, "
        f"best {min(walls):.3f} s; CPU median {cpu:.3f} s; "
        f"peak {max(m for _, _, m in runs):.1f} MiB ({RUNS} runs)"
    )
    form = _big_form(2000)
    start = time.perf_counter()
    data = report_docx_bytes(build_report(form))
    print(
        f"2,000-indicator form in-process: {time.perf_counter() - start:.2f} s, "
        f"{len(data) / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
