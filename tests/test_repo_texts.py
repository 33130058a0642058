"""What users read names only what they have: no paths of the machine the product was built
on, and only the virtual environment README tells them to create."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
_VENV = re.compile(r"(\S*venv[^\s/]*)/bin/")


def _texts() -> list[Path]:
    return [
        *ROOT.glob("benchmarks/*.py"),
        *ROOT.glob("docs/*.md"),
        ROOT / "README.md",
        *ROOT.glob("perfeval_gui/**/*.py"),
    ]


def test_no_build_machine_paths() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in _texts() if "/work/" in p.read_text("utf-8")]
    assert offenders == []


def test_benchmarks_run_from_the_venv_readme_creates() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    created = set(re.findall(r"-m venv (\S+)", readme))
    assert created, "README no longer says how to create the virtual environment"
    for path in ROOT.glob("benchmarks/*.py"):
        for venv in _VENV.findall(path.read_text("utf-8")):
            assert venv.strip("`") in created, (
                f"{path.name} runs {venv}, which README never creates"
            )
