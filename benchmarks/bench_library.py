"""The 项目库 on a folder of 1,000 generated forms: time to the first row, time to the last,
and the longest the GUI thread went without handling events meanwhile (a 10 ms timer's
largest gap: what a user would feel as a freeze).

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_library.py [COUNT]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402

from perfeval_gui.app import create_application  # noqa: E402
from perfeval_gui.ui.project_library import ProjectLibraryWindow  # noqa: E402
from tests.summary_folder import make_specs, write_folder  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    app = create_application([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "自评表"
        write_folder(folder, make_specs(count))
        window = ProjectLibraryWindow()
        window.show()
        app.processEvents()
        marks: dict[str, float] = {}
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now
            if "first" not in marks and window.model.rowCount():
                marks["first"] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        window.loading_finished.connect(lambda: marks.setdefault("all", time.perf_counter()))
        window.loading_finished.connect(app.quit)
        start = time.perf_counter()
        window.open_folder(folder)
        opened = time.perf_counter()
        last[0] = opened
        timer.start()
        app.exec()
        rows = window.model.rowCount()
        window.close()
    print(f"{count} generated forms in the 项目库 (offscreen)")
    print(f"open_folder() returned after   {1000 * (opened - start):7.0f} ms")
    print(f"first row shown after          {1000 * (marks['first'] - start):7.0f} ms")
    print(f"all {rows} rows after            {1000 * (marks['all'] - start):7.0f} ms")
    print(f"longest GUI-thread stall       {1000 * max(gaps, default=0):7.0f} ms")


if __name__ == "__main__":
    main()
