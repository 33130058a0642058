"""Start-up of the installed app (the .deb's PyInstaller bundle) against a wheel install.

``perfeval-gui EXAMPLE --quit-after-show`` (quits right after the window's first paint), as a
whole process, offscreen: the bundle's ``perfeval-gui`` against ``perfeval-gui`` of a fresh
virtual environment where the app's wheel was installed with pip (bytecode compiled by pip,
as for a user). Wall and CPU time, median of 7 runs each (interleaved, after one warm-up run
each), and peak RSS. Goal (issue 10): the installed bundle is no slower than the wheel.

Run (after ``bash packaging/build-deb``)::

    python benchmarks/bench_installed.py [--bundle PATH/TO/perfeval-gui] [--venv DIR]

``--bundle`` defaults to /usr/bin/perfeval-gui when the .deb is installed, else to the
bundle in build/packaging/linux/dist/perfeval/. ``--venv`` reuses a virtual environment that
already has the wheel; by default one is made in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "example.pev"
RUNS = 7
MIB = 1024 * 1024


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (bytes) of one child, which must exit 0."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} exited with {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def wheel_venv(folder: Path) -> Path:
    """A virtual environment in ``folder`` with the app's wheel (and its dependencies)."""
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
    pip = folder / "venv" / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", *map(str, wheels.glob("*.whl"))], check=True)
    return folder / "venv"


def default_bundle() -> Path:
    installed = Path("/usr/bin/perfeval-gui")
    if installed.exists():
        return installed
    return ROOT / "build" / "packaging" / "linux" / "dist" / "perfeval" / "perfeval-gui"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=default_bundle())
    parser.add_argument("--venv", type=Path)
    args = parser.parse_args()
    if not args.bundle.exists():
        raise SystemExit(f"no bundle at {args.bundle}: run bash packaging/build-deb first")
    with tempfile.TemporaryDirectory() as tmp:
        venv = args.venv or wheel_venv(Path(tmp))
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=tmp, XDG_CONFIG_HOME=tmp)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        wheel_gui = venv / "bin" / "perfeval-gui"
        commands = {
            "installed bundle": [str(args.bundle), str(EXAMPLE), "--quit-after-show"],
            "wheel in a venv": [str(wheel_gui), str(EXAMPLE), "--quit-after-show"],
        }
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for command in commands.values():  # warm-up: file cache, bytecode
            run_once(command, env)
        for _ in range(RUNS):
            for name, command in commands.items():
                runs[name].append(run_once(command, env))
    print(f"perfeval-gui {EXAMPLE.name} --quit-after-show, offscreen, median of {RUNS}:")
    for name, samples in runs.items():
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        rss = statistics.median(s[2] for s in samples) / MIB
        print(f"  {name:17s} wall {wall:5.2f} s   cpu {cpu:5.2f} s   peak RSS {rss:4.0f} MiB")
    ratio = statistics.median(s[0] for s in runs["installed bundle"]) / statistics.median(
        s[0] for s in runs["wheel in a venv"]
    )
    print(f"  installed / wheel wall time: {ratio:.2f} (goal: <= 1.0, up to noise)")


if __name__ == "__main__":
    main()
