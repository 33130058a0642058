"""Speed of Excel export and import per template, and of reading a sheet without the hidden
sheet (what a unit's own workbook is: every label read, the template detected).

Run: ``.venv/bin/python benchmarks/bench_xlsx.py``. Prints the median of 5 runs
(``time.perf_counter``) for seed form 1 (23 三级 rows) in each shipped template and for a
form of 920 三级 rows, export and import (exact, through the hidden sheet, and visible only).
"""

from __future__ import annotations

import io
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.xlsx_export import workbook_bytes
from perfeval_gui.io.xlsx_hidden import HIDDEN_SHEET
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.model.form import Form
from perfeval_gui.model.template_catalog import templates

RUNS = 5
SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed-form-1.json"


def _median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _in_template(form: Form, key: str) -> Form:
    template = templates()[key]
    update: dict[str, object] = {
        "template": key,
        "budget_weight": template.budget_weight,
        "texts": {b.key: f"{b.label}：按计划完成。" for b in template.blocks},
    }
    form = form.model_copy(update=update, deep=True)
    if template.split_target:
        for *_, ind in form.iter_indicators():
            ind.target_nature, ind.target, ind.target_unit = "≧", "735", "人次"
    return form


def _visible_only(data: bytes) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    del workbook[HIDDEN_SHEET]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _measure(name: str, form: Form, folder: Path) -> None:
    data = workbook_bytes([form])
    exact, visible = folder / "exact.xlsx", folder / "visible.xlsx"
    exact.write_bytes(data)
    visible.write_bytes(_visible_only(data))
    export_ms = _median_ms(lambda: workbook_bytes([form]))
    exact_ms = _median_ms(lambda: read_workbook(exact))
    visible_ms = _median_ms(lambda: read_workbook(visible))
    print(
        f"{name:<28} export {export_ms:7.1f} ms   import {exact_ms:7.1f} ms   "
        f"visible only {visible_ms:7.1f} ms   ({len(data) / 1024:.1f} KB)"
    )


def main() -> None:
    seed = form_from_flat(json.loads(SEED.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for key in templates():
            _measure(f"seed form 1 as {key}", _in_template(seed, key), folder)
        big = seed.model_copy(deep=True)
        for l1 in big.level1:
            for l2 in l1.children:
                l2.indicators = l2.indicators * 40
        rows = len(big.iter_indicators())
        for key in ("shanghai", "yunnan"):
            _measure(f"{rows} rows as {key}", _in_template(big, key), folder)


if __name__ == "__main__":
    main()
