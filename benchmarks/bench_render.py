"""How fast `perfeval render` is, beside the floor any reportlab printer of this font pays.

Three figures:
- the whole ``perfeval render`` process on fixture 1 (``resources/examples/example.pev``):
  wall time (median and best of N runs) and peak memory (max RSS of the process);
- the floor: a bare Python process (``render_floor.py``) that registers the same bundled font
  with reportlab and writes one line of Chinese to a PDF, measured the same way;
- in-process render time of a 2,000-indicator form (modules imported, font registered).

Both processes run with byte-code caching on (in a temporary ``PYTHONPYCACHEPREFIX``, after
one warm-up run each), as an installed package would; peak memory comes from ``os.wait4``.
Goals: wall time ≤ 2 × the floor's, peak memory ≤ the floor's + 40 MiB, 2,000 rows < 3 s.

Run: ``.venv/bin/python benchmarks/bench_render.py [RUNS]``.
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

from perfeval_gui.model.form import Form, Goals, Indicator, Level1, Level2
from perfeval_gui.resources_path import example_form_path

HERE = Path(__file__).resolve().parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def _measure(commands: dict[str, list[str]], env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Median/best wall time and peak memory of each command, runs interleaved.

    Interleaving keeps a burst of load on a shared machine from favouring one side.
    """
    for argv in commands.values():
        _run(argv, env)  # warm-up: byte-code written, files in the page cache
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, argv in commands.items():
            wall, peak = _run(argv, env)
            walls[name].append(wall)
            peaks[name].append(peak)
    return {
        name: {
            "median": statistics.median(walls[name]),
            "best": min(walls[name]),
            "peak": max(peaks[name]),
        }
        for name in commands
    }


def big_form(rows: int) -> Form:
    """A form of ``rows`` indicators, 10 to a 二级, 3 二级 to a 一级, with short texts."""
    level1 = []
    for i in range(0, rows, 30):
        children = []
        for j in range(i, min(rows, i + 30), 10):
            inds = [
                Indicator(
                    name=f"指标{k}号",
                    target=">=95%",
                    actual="96%",
                    weight=Decimal(1),
                    score=Decimal(1),
                    deviation_note="按计划完成，无偏差",
                )
                for k in range(j, min(rows, j + 10))
            ]
            children.append(Level2(name=f"二级{j}", indicators=inds))
        level1.append(Level1(name=f"一级{i}", children=children))
    return Form(
        project_name="基准测试",
        goals=Goals(expected="目标" * 200, actual="完成" * 200),
        level1=level1,
    )


def in_process(rows: int, runs: int = 3) -> tuple[float, int]:
    """Median seconds to render a ``rows``-indicator form in-process, and its page count."""
    import io

    from perfeval_gui.render.pdf import render_pdf

    form = big_form(rows)
    render_pdf([big_form(5)], io.BytesIO())  # font registered, modules imported
    times = []
    pages = 0
    for _ in range(runs):
        start = time.perf_counter()
        pages = render_pdf([form], io.BytesIO())
        times.append(time.perf_counter() - start)
    return statistics.median(times), pages


def main() -> None:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        out = str(Path(tmp) / "out.pdf")
        perfeval = Path(sys.executable).with_name("perfeval")
        command = (
            [str(perfeval)] if perfeval.exists() else [sys.executable, "-m", "perfeval_gui.cli"]
        )
        figures = _measure(
            {
                "render": [*command, "render", str(example_form_path()), "-o", out],
                "floor": [sys.executable, str(HERE / "render_floor.py"), out],
            },
            env,
        )
    render, floor = figures["render"], figures["floor"]
    rows, pages = in_process(2000)
    ratio = render["median"] / floor["median"]
    extra = render["peak"] - floor["peak"]
    print(
        f"perfeval render fixture 1: median {render['median']:.3f} s, best {render['best']:.3f} s, "
        f"peak {render['peak']:.1f} MiB  ({RUNS} runs)"
    )
    print(
        f"floor (font + one line):   median {floor['median']:.3f} s, best {floor['best']:.3f} s, "
        f"peak {floor['peak']:.1f} MiB"
    )
    print(f"ratio {ratio:.2f}× (goal ≤ 2×), extra memory {extra:.1f} MiB (goal ≤ 40 MiB)")
    print(f"2,000 indicators in-process: {rows:.3f} s, {pages} pages (goal < 3 s)")


if __name__ == "__main__":
    main()
