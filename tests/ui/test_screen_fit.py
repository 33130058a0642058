"""The editor on office screens: 1366×768, 1920×1080 at 150 %, 1366×768 at 150 % (issue 9 §1).

Each screen is simulated by Qt's offscreen platform in a process of its own (the scale factor
is fixed when Qt starts): a first start opens maximised and inside the screen, and every
amount, score and rate of the bundled examples fits its cell (text width by QFontMetrics
against the column's width).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_probe(tmp_path: Path, width: int, height: int, scale: str) -> list[dict[str, Any]]:
    """The probe's report for a first start on a ``width``×``height`` screen at ``scale``."""
    config = tmp_path / "screen.json"
    screen = {"name": "office", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_fit_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1366, 768, "1"), (1920, 1080, "1.5"), (1366, 768, "1.5"), (1920, 1080, "1")],
    ids=["1366x768", "1920x1080@150%", "1366x768@150%", "1920x1080"],
)
def test_first_start_fits_the_screen_and_no_amount_is_cut(
    tmp_path: Path, width: int, height: int, scale: str
) -> None:
    for result in run_probe(tmp_path, width, height, scale):
        sx, sy, sw, sh = result["screen"]
        wx, wy, ww, wh = result["window"]
        assert sx <= wx and sy <= wy and wx + ww <= sx + sw and wy + wh <= sy + sh, result
        small = sw <= 1366 or sh <= 768
        assert result["maximized"] == small, result
        assert result["amount_cells"] == 24
        assert result["funds_cut"] == [], result["example"]
        assert result["score_cells"] > 40
        assert result["table_cut"] == [], result["example"]
        assert result["funds_elide"] == 3  # Qt.TextElideMode.ElideNone
