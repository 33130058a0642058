"""``perfeval summary`` against ``perfeval check`` on the same folder of 1,000 forms.

The forms are generated (``tests/summary_folder.py``: three 主管部门, five 实施单位, a third
in 万元, every seventh with an error, a fifth in a subfolder) into a temporary folder. Each
command runs as a whole process, interleaved with the others, RUNS times; the median wall
time is printed, and each summary's ratio to ``check``. Goal: summary ≤ 2 × check.

Run: ``python benchmarks/bench_summary.py [COUNT]`` (uses the ``perfeval`` script next to the
running interpreter).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.summary_folder import make_specs, write_folder  # noqa: E402

RUNS = 5


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    perfeval = str(Path(sys.executable).with_name("perfeval"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "自评表"
        write_folder(folder, make_specs(count))
        out = Path(tmp)
        commands = {
            "check": [perfeval, "check", str(folder)],
            "check --json": [perfeval, "check", "--json", str(folder)],
            "summary --json": [perfeval, "summary", "--json", str(folder)],
            "summary -o .xlsx": [perfeval, "summary", str(folder), "-o", str(out / "汇总.xlsx")],
            "summary -o .pdf": [perfeval, "summary", str(folder), "-o", str(out / "汇总.pdf")],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, argv in commands.items():
                start = time.perf_counter()
                result = subprocess.run(argv, capture_output=True, check=False)
                times[name].append(time.perf_counter() - start)
                if result.returncode not in (0, 1):
                    sys.exit(f"{name} failed: {result.stderr.decode()}")
        pages = _pages(out / "汇总.pdf")
    base = statistics.median(times["check"])
    print(f"{count} generated forms, {RUNS} interleaved process runs each, median wall time")
    print(f"{'command':<18} {'seconds':>8} {'vs check':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<18} {median:>8.2f} {median / base:>8.2f}×")
    print(f"(the summary PDF has {pages} pages)")


def _pages(pdf: Path) -> int:
    try:
        import pypdf
    except ImportError:
        return 0
    return len(pypdf.PdfReader(pdf).pages)


if __name__ == "__main__":
    main()
