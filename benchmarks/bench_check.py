"""How long ``perfeval check`` takes on the two seed forms.

Two figures per file:
- the wall time of the whole ``perfeval check`` process (start-up, imports, load, totals,
  checks, output), median of 10 runs, as a user at a terminal or a batch script sees it;
- the in-process time of load + totals + checks (no interpreter start-up), median of 200 runs.

Run: ``.venv/bin/python benchmarks/bench_check.py`` (uses the ``perfeval`` script next to
the running interpreter).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from perfeval_gui.io.load import load_form
from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.scoring import compute_totals
from perfeval_gui.resources_path import resource_path

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    resource_path("examples", "example.pev"),
    resource_path("examples", "example-2.pev"),
    ROOT / "tests" / "data" / "seed-form-1.json",
    ROOT / "tests" / "data" / "seed-form-2.json",
]
PROCESS_RUNS = 10
IN_PROCESS_RUNS = 200


def process_time(perfeval: Path, path: Path) -> float:
    """Median wall time in seconds of ``perfeval check --json PATH``."""
    times = []
    for _ in range(PROCESS_RUNS):
        start = time.perf_counter()
        subprocess.run(
            [str(perfeval), "check", "--json", str(path)], capture_output=True, check=False
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_time(path: Path) -> float:
    """Median time in seconds of load + totals + checks, with modules already imported."""
    times = []
    for _ in range(IN_PROCESS_RUNS):
        start = time.perf_counter()
        form = load_form(path)
        compute_totals(form)
        run_checks(form)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    perfeval = Path(sys.executable).with_name("perfeval")
    print(
        f"perfeval check: {PROCESS_RUNS} process runs / {IN_PROCESS_RUNS} in-process runs, median"
    )
    print(f"{'file':<20} {'process (ms)':>13} {'in-process (ms)':>16}")
    for path in FILES:
        whole = process_time(perfeval, path) * 1000
        inner = in_process_time(path) * 1000
        print(f"{path.name:<20} {whole:>13.1f} {inner:>16.2f}")


if __name__ == "__main__":
    main()
