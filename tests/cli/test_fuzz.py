"""Seeded fuzz test of the .pev and .xlsx readers, through ``perfeval check --json``.

Inputs are mutations of the bundled examples, of the flat JSON fixtures and of an exported
workbook: bytes flipped,
spans cut or repeated, hostile values dropped into the JSON tree or into a sheet's XML. The
oracle is the CLI contract: exit 0/1 with a valid JSON report, or exit 2 with one Chinese
line on stderr — never a traceback, never the internal-error line. Most cases run in-process
(fast); a sample runs as a subprocess, with a timeout as hang guard.

``PERFEVAL_FUZZ_CASES`` sets the number of cases per format (default 150);
``PERFEVAL_FUZZ_SEED`` the seed (default 13). A failing case names its seed and index, and
its input is kept in pytest's tmp folder.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui.cli import INTERNAL_ERROR, main
from perfeval_gui.resources_path import resource_path
from tests.conftest import DATA
from tests.hostile_inputs import example_xlsx, zip_bytes, zip_parts

CASES = int(os.environ.get("PERFEVAL_FUZZ_CASES", "150"))
SEED = int(os.environ.get("PERFEVAL_FUZZ_SEED", "13"))
SUBPROCESS_EVERY = 25

HOSTILE_VALUES: list[Any] = [
    "2.5e-2147483648", "1E-100000000", "1e999999999", "-0", "NaN", "Infinity", "1" * 70,
    "\ud800", "", " ", None, True, 0, -1, 10**30, 1.5, [], {}, [[[[[]]]]], "9" * 25,
    "0.00000000001", "１２３", "1,000", "≥95%", "\x00", "a" * 1000, 2**63, -(2**63),
]  # fmt: skip
HOSTILE_TOKENS = [
    b'"2.5e-2147483648"', b"1e999999", b"[" * 40, b'"\\ud800"', b"null", b"-", b"{}",
    b"\x00", b"\xff\xfe", b'"', b",", b"99999999999999999999999", b"NaN", b"\\u0000",
]  # fmt: skip
XML_TOKENS = [
    b'<mergeCell ref="A1:XFD1048576"/>', b"<v>1e30</v>", b"<v>-1e308</v>", b"<v>NaN</v>",
    b'<c r="XFD1048576"><v>1</v></c>', b"<v>2.5e-300</v>", b'<c r="A0"/>', b'r="-1"',
    b"</row>", b"<row>", b'<c t="s"><v>999999</v></c>', b'<c t="d"><v>99999-99-99</v></c>',
    b'<c t="b"><v>7</v></c>', b"&amp;", b"<f>1/0</f>", b'<c t="e"><v>#DIV/0!</v></c>',
]  # fmt: skip


def _mutate_bytes(data: bytes, rng: random.Random, tokens: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            break
        kind = rng.randrange(5)
        at = rng.randrange(len(buf))
        if kind == 0:
            buf[at] = rng.randrange(256)
        elif kind == 1:
            del buf[at : at + rng.randint(1, 64)]
        elif kind == 2:
            span = bytes(buf[at : at + rng.randint(1, 64)])
            buf[at:at] = span * rng.randint(1, 8)
        elif kind == 3:
            buf[at:at] = rng.choice(tokens)
        else:
            del buf[at:]
    return bytes(buf)


def _mutate_tree(document: Any, rng: random.Random) -> Any:
    """Replace a random node of the JSON tree by a hostile value."""
    for _ in range(rng.randint(1, 3)):
        node: Any = document
        target: tuple[Any, Any] | None = None  # (container, key) of the node to replace
        for _ in range(rng.randint(1, 9)):
            if not isinstance(node, dict | list) or not node:
                break
            key = rng.choice(list(node) if isinstance(node, dict) else range(len(node)))
            target = (node, key)
            node = node[key]
            if rng.random() < 0.25:
                break
        if target is None:
            continue
        container, key = target
        value = copy.deepcopy(rng.choice(HOSTILE_VALUES))
        repeat = isinstance(container, list) and rng.random() < 0.2
        container[key] = [value] * rng.randint(2, 3000) if repeat else value
    return document


def _pev_case(rng: random.Random) -> bytes:
    name = rng.choice(["example.pev", "example-2.pev"])
    data = resource_path("examples", name).read_bytes()
    if rng.random() < 0.5:
        document = _mutate_tree(json.loads(data), rng)
        return json.dumps(document, ensure_ascii=rng.random() < 0.5).encode(
            "utf-8", "surrogatepass"
        )
    return _mutate_bytes(data, rng, HOSTILE_TOKENS)


def _flat_case(rng: random.Random) -> bytes:
    data = (DATA / rng.choice(["seed-form-1.json", "seed-form-2.json"])).read_bytes()
    if rng.random() < 0.5:
        text = json.dumps(_mutate_tree(json.loads(data), rng), ensure_ascii=rng.random() < 0.5)
        return text.encode("utf-8", "surrogatepass")
    return _mutate_bytes(data, rng, HOSTILE_TOKENS)


_WORKBOOK: list[bytes] = []


def _xlsx_case(rng: random.Random) -> bytes:
    if not _WORKBOOK:
        _WORKBOOK.append(example_xlsx())
    data = _WORKBOOK[0]
    if rng.random() < 0.3:  # the zip itself: headers, deflate streams, directory
        return _mutate_bytes(data, rng, [b"PK\x03\x04", b"PK\x01\x02", b"\x00" * 8])
    parts = zip_parts(data)
    names = [n for n in parts if n.endswith(".xml")]
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(["xl/worksheets/sheet1.xml", *names])
        parts[name] = _mutate_bytes(parts[name], rng, XML_TOKENS)
    if rng.random() < 0.3:
        del parts["xl/worksheets/sheet2.xml"]  # no hidden sheet: the visible cells count
    return zip_bytes(parts)


def _check_contract(status: int, out: str, err: str, case: str) -> None:
    assert "Traceback" not in err, f"{case}: traceback\n{err}"
    assert INTERNAL_ERROR not in err, f"{case}: {err}"
    if status in (0, 1):
        reports = json.loads(out)
        assert isinstance(reports, list) and len(reports) == 1, case
        assert err == "", f"{case}: {err}"
        return
    assert status == 2, f"{case}: exit {status}"
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"{case}: {len(lines)} lines\n{err}"
    assert re.search("[\u4e00-\u9fff]", lines[0]), f"{case}: {lines[0]}"
    assert out.strip() in ("", "[]"), case  # --json prints the reports of the files it read


def _run_cases(
    make: Callable[[random.Random], bytes],
    suffix: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    statuses: dict[int, int] = {}
    for index in range(CASES):
        rng = random.Random(f"{SEED}-{suffix}-{index}")
        path = tmp_path / f"case-{index}{suffix}"
        path.write_bytes(make(rng))
        case = f"seed {SEED} case {index} ({path})"
        if index % SUBPROCESS_EVERY == 0:
            run = subprocess.run(
                [sys.executable, "-m", "perfeval_gui.cli", "check", "--json", str(path)],
                capture_output=True,
                text=True,
                timeout=60,  # a hang guard, not a measurement
                check=False,
                env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            )
            _check_contract(run.returncode, run.stdout, run.stderr, case)
            status = run.returncode
        else:
            status = main(["check", "--json", str(path)])
            out, err = capsys.readouterr()
            _check_contract(status, out, err, case)
        statuses[status] = statuses.get(status, 0) + 1
        path.unlink()
    # The mutations reach both sides of the contract: readable forms and refusals.
    assert statuses.get(2, 0) > 0 and statuses.get(0, 0) + statuses.get(1, 0) > 0, statuses


def test_fuzz_pev(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run_cases(_pev_case, ".pev", tmp_path, capsys)


def test_fuzz_flat_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run_cases(_flat_case, ".json", tmp_path, capsys)


@pytest.mark.slow
def test_fuzz_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run_cases(_xlsx_case, ".xlsx", tmp_path, capsys)
