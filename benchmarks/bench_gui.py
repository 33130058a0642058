"""GUI figures for the README: start-up, opening a big form, and one edit.

(a) ``perfeval-gui FILE --quit-after-show`` as a whole process against the floor
    (``gui_floor.py``: bare PySide6, a QMainWindow with a QTableView, quit after paint):
    wall time, median of 5 runs each, and peak RSS of each child (``os.wait4``).
    Goals: within 2.5x the floor's time, and within the floor's memory + 80 MiB.
(b) in-process: a 2,000-indicator .pev opens in a new main window and paints: goal < 1 s.
(c) in-process: one 得分 edit through the undo stack until the totals panel and the findings
    list show it (``QApplication.processEvents``): goal < 16 ms, median of 50 edits.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [FILE]``.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_model import big_form  # type: ignore[import-not-found]
from PySide6.QtCore import QEvent, QObject, QStandardPaths
from PySide6.QtWidgets import QApplication, QWidget

from perfeval_gui.app import create_application
from perfeval_gui.io.pev import save_pev
from perfeval_gui.resources_path import example_form_path
from perfeval_gui.ui import operations
from perfeval_gui.ui.main_window import MainWindow

HERE = Path(__file__).resolve().parent
PROCESS_RUNS = 5
OPEN_RUNS = 5
EDITS = 50
MIB = 1024 * 1024


def _child_env(cache: Path) -> dict[str, str]:
    """The children's environment: offscreen, and bytecode cached as in an installed app.

    ``pip install`` compiles .pyc files; a source tree run with PYTHONDONTWRITEBYTECODE
    would compile every module at each start, which no user ever waits for.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS in bytes and CPU seconds of one child (which must exit 0)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not all children's
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{command} exited with {child.returncode}")
    # ru_maxrss is in KiB on Linux; CPU time is less disturbed by a busy machine than wall time.
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def startup(path: Path) -> None:
    """(a) the whole perfeval-gui process against the bare PySide6 floor."""
    gui = [str(Path(sys.executable).with_name("perfeval-gui")), str(path), "--quit-after-show"]
    floor = [sys.executable, str(HERE / "gui_floor.py")]
    with tempfile.TemporaryDirectory() as cache:
        env = _child_env(Path(cache))
        run_process(gui, env)  # warm-up: writes the bytecode cache, fills the file cache
        run_process(floor, env)
        runs: dict[str, list[tuple[float, int, float]]] = {"app": [], "floor": []}
        for _ in range(PROCESS_RUNS):  # interleaved, so a busy moment hits both alike
            runs["app"].append(run_process(gui, env))
            runs["floor"].append(run_process(floor, env))
    app_time, app_rss, app_cpu = _summary(runs["app"])
    floor_time, floor_rss, floor_cpu = _summary(runs["floor"])
    print(f"(a) start-up to first paint, {path.name}, median of {PROCESS_RUNS} processes")
    print(f"    {'':22}{'wall':>8}{'CPU':>9}{'peak RSS':>11}")
    for name, (wall, cpu, rss) in (
        ("floor (bare PySide6)", (floor_time, floor_cpu, floor_rss)),
        ("perfeval-gui", (app_time, app_cpu, app_rss)),
    ):
        print(f"    {name:22}{wall * 1000:6.0f}ms{cpu * 1000:7.0f}ms{rss / MIB:7.1f} MiB")
    ratio, extra = app_time / floor_time, (app_rss - floor_rss) / MIB
    print(f"    CPU ratio {app_cpu / floor_cpu:.2f}x")
    print(f"    ratio {ratio:.2f}x (goal <= 2.5x): {'met' if ratio <= 2.5 else 'MISSED'}")
    print(f"    extra memory {extra:.1f} MiB (goal <= 80): {'met' if extra <= 80 else 'MISSED'}")


def _summary(runs: list[tuple[float, int, float]]) -> tuple[float, int, float]:
    """Median wall time, largest peak RSS, median CPU time."""
    return (
        statistics.median(r[0] for r in runs),
        max(r[1] for r in runs),
        statistics.median(r[2] for r in runs),
    )


class _PaintWatch(QObject):
    """Notes when a widget has painted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def open_big_form(app: QApplication) -> None:
    """(b) a 2,000-indicator .pev: new window, open, show, first paint."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.pev"
        save_pev(big_form(2000), path)
        times = []
        for _ in range(OPEN_RUNS):
            start = time.perf_counter()
            window = MainWindow()
            if not window.open_file(path):
                raise SystemExit("the big form did not open")
            watch = _PaintWatch(window)
            window.show()
            while not watch.painted:
                app.processEvents()
            app.processEvents()  # the rest of the paint pass: tree and tables
            times.append(time.perf_counter() - start)
            window.document.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()
    best = statistics.median(times)
    print(f"(b) 2,000-indicator form: open + first paint, median of {OPEN_RUNS}")
    print(f"    {best * 1000:.0f} ms (goal < 1000 ms): {'met' if best < 1 else 'MISSED'}")


def edit_score(app: QApplication, path: Path) -> None:
    """(c) one 得分 edit until totals and findings have refreshed, median of EDITS."""
    window = MainWindow()
    window.open_file(path)
    window.show()
    app.processEvents()
    document = window.document
    rows = document.form.iter_indicators()
    i, j, k, *_ = rows[len(rows) // 2]
    weight = rows[len(rows) // 2][5].weight or Decimal(1)
    times = []
    for n in range(EDITS):
        score = weight if n % 2 else weight / 2  # each edit changes the shown 得分合计
        before = window.totals_panel.score_total.text()
        start = time.perf_counter()
        changed = operations.set_value(document, path=(i, j, k), field="score", value=score)
        app.processEvents()
        elapsed = time.perf_counter() - start
        if changed and window.totals_panel.score_total.text() == before:
            raise SystemExit("the totals panel did not refresh")
        if changed:
            times.append(elapsed)
    window.document.undo_stack.setClean()
    window.close()
    best = statistics.median(times)
    print(f"(c) one 得分 edit → totals + findings refreshed, {path.name}, median of {len(times)}")
    print(f"    {best * 1000:.2f} ms (goal < 16 ms): {'met' if best < 0.016 else 'MISSED'}")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else example_form_path()
    startup(path)
    QStandardPaths.setTestModeEnabled(True)  # autosave and settings away from the user's
    app = create_application(["bench_gui"])
    open_big_form(app)
    edit_score(app, path)
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.pev"
        save_pev(big_form(2000), big)
        edit_score(app, big)


if __name__ == "__main__":
    main()
