"""Worst time and peak memory of ``perfeval`` on hostile inputs, one class per row.

Each input is generated in a temporary folder (the repository stays small), then the command
runs as its own process under the limits a red team uses — 20 s of CPU and 3 GB of address
space (``resource.setrlimit`` in the child) — and a wall-clock timeout of 60 s. The table
gives, per input class, the worst over ``--runs`` runs (default 3) of the wall time and of the
peak resident memory (``ru_maxrss`` from ``os.wait4``), the exit status and the first line
the command printed on stderr.

Run from the repository root: ``python benchmarks/bench_hostile.py [--runs N] [--markdown]``
(POSIX only: it uses ``resource``, ``os.wait4``, FIFOs and ``/dev/zero``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CPU_SECONDS = 20
MEMORY_BYTES = 3 * 1024**3
WALL_TIMEOUT = 60


@dataclass
class Case:
    name: str  # the input class, in the README's words
    make: Callable[[Path], list[str]]  # writes the input into a folder, returns the arguments


def _file(name: str, data: Callable[[], bytes], *command: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data())
        return [*command, str(path)] if command else ["check", str(path)]

    return make


def _with_output(
    name: str, data: Callable[[], bytes], command: str, output: str
) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data())
        return [command, str(path), "-o", str(folder / output)]

    return make


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "fifo.xlsx")
    return ["check", str(folder / "fifo.xlsx")]


def _dev_zero(folder: Path) -> list[str]:
    (folder / "zero.xlsx").symlink_to("/dev/zero")
    return ["check", str(folder / "zero.xlsx")]


def _long_name(folder: Path) -> list[str]:
    return ["import", str(folder / ("长" * 90 + ".xlsx")), "-o", str(folder / "out.pev")]


def _cases() -> list[Case]:
    """The input classes. Imported here, in the generating process only: the measuring
    process stays small, because Linux carries a parent's peak resident size into the
    ``ru_maxrss`` of a child it spawns."""
    sys.path.insert(0, str(ROOT))  # tests.hostile_inputs, shared with the regression tests
    from tests import hostile_inputs as hostile
    from tests.io import xlsx_hostile

    def big_valid_form() -> bytes:
        """9,000 filled 三级 rows: about 90,000 values, near the 100,000 limit."""
        document = hostile.example_document()
        row = document["form"]["level1"][0]["children"][0]["indicators"][0]
        document["form"]["level1"][0]["children"][0]["indicators"] = [dict(row)] * 9_000
        return hostile.pev_bytes(document)

    def kmsg_font() -> bytes:
        document = hostile.example_document()
        document["form"]["print_options"]["font_path"] = "/proc/kmsg"
        return hostile.pev_bytes(document)

    def kmsg_render(folder: Path) -> list[str]:
        (folder / "font.pev").write_bytes(kmsg_font())
        return ["render", str(folder / "font.pev"), "-o", str(folder / "out.pdf")]

    weight = hostile.pev_with_weight
    return [
        Case(".pev 分值 2.5e-2147483648", _file("tiny.pev", lambda: weight("2.5e-2147483648"))),
        Case(
            ".pev 分值 1E-100000000, check --json",
            _file("tiny2.pev", lambda: weight("1E-100000000"), "check", "--json"),
        ),
        Case(".pev 1E+999999999", _file("huge.pev", lambda: weight("1E+999999999"))),
        Case(".pev 18 MB, 6 million wrong items", _file("many.pev", hostile.pev_many_items)),
        Case(
            ".pev 99,000 wrong items (under the limit)",
            _file("99k.pev", lambda: hostile.pev_many_items(99_000)),
        ),
        Case(".pev 9,000 valid 三级 rows (near the limit)", _file("rows.pev", big_valid_form)),
        Case(".pev nested 200,000 deep", _file("deep.pev", hostile.pev_deep)),
        Case(
            ".pev lone surrogate, export",
            _with_output("sur.pev", hostile.pev_surrogate, "export", "out.xlsx"),
        ),
        Case(".xlsx mergeCell A1000:XFD1048576", _file("merge.xlsx", hostile.xlsx_merge_bomb)),
        Case(".xlsx 1,000,000 rows", _file("rows.xlsx", hostile.xlsx_many_rows)),
        Case(".xlsx 2,000,000 empty rows", _file("empty.xlsx", hostile.xlsx_empty_rows)),
        Case(
            ".xlsx 49,000 rows (under the limit), import",
            _with_output(
                "rows49k.xlsx", lambda: hostile.xlsx_many_rows(49_000), "import", "out.pev"
            ),
        ),
        Case(".xlsx 得分 1e30", _file("score.xlsx", hostile.xlsx_huge_score)),
        Case(".xlsx zip bomb", _file("bomb.xlsx", xlsx_hostile.zip_bomb)),
        Case(".xlsx billion laughs", _file("laughs.xlsx", xlsx_hostile.entity_bomb)),
        Case(".xlsx symlink to /dev/zero", _dev_zero),
        Case(".xlsx FIFO", _fifo),
        Case("font_path /proc/kmsg, render", kmsg_render),
        Case("file name of 270 bytes, import", _long_name),
    ]


def generate(folder: Path) -> None:
    """Write every input into ``folder``; print the plan (name, arguments) as JSON."""
    plan = [(case.name, case.make(folder)) for case in _cases()]
    print(json.dumps(plan, ensure_ascii=False))


#: Run in the child: set the limits, then run ``perfeval`` as ``python -m`` would. (Not a
#: ``preexec_fn``: that forks this process, whose resident size would count as the child's.)
_CHILD = f"""
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_CPU, ({CPU_SECONDS}, {CPU_SECONDS}))
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_BYTES}, {MEMORY_BYTES}))
sys.argv = ["perfeval", *sys.argv[1:]]
runpy.run_module("perfeval_gui.cli", run_name="__main__")
"""


def run_once(args: list[str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS in MiB, exit status and first stderr line of one run."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        timer = threading.Timer(WALL_TIMEOUT, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)  # reaps it: rusage of this child alone
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        err.seek(0)
        first = err.read().decode("utf-8", "replace").strip().splitlines()[:1]
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, code, (first[0] if first else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="a table for README")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.generate:
        generate(options.generate)
        return
    with tempfile.TemporaryDirectory() as folder:
        made = subprocess.run(
            [sys.executable, __file__, "--generate", folder],
            capture_output=True,
            text=True,
            check=True,
        )
        plan: list[tuple[str, list[str]]] = json.loads(made.stdout)
        rows = []
        for name, args in plan:
            runs = [run_once(args) for _ in range(options.runs)]
            seconds = max(r[0] for r in runs)
            mib = max(r[1] for r in runs)
            code, said = runs[-1][2], runs[-1][3]
            rows.append((name, seconds, mib, code))
            if not options.markdown:
                print(f"{name:45} {seconds:6.2f} s {mib:6d} MiB  exit {code}  {said[:90]}")
    if options.markdown:
        print("| 输入 | 最长用时 | 峰值内存 | 退出码 |")
        print("|---|---:|---:|---:|")
        for name, seconds, mib, code in rows:
            print(f"| {name} | {seconds:.1f} s | {mib} MiB | {code} |")


if __name__ == "__main__":
    main()
