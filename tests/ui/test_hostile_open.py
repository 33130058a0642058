"""The editor given a hostile file: one Chinese message and an empty form, at once — once the
editor was still unpainted after 120 s at 4 GB on a 分值 of ``1E-100000000`` (issue 13)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from perfeval_gui import app as app_module
from tests import hostile_inputs as hostile
from tests.ui.conftest import DialogLog


def _write(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data())
        return path

    return make


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "管道.xlsx")
    return folder / "管道.xlsx"


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "tiny-exponent": (
        _write("小数.pev", lambda: hostile.pev_with_weight("1E-100000000")),
        "小数位数过多",
    ),
    "huge": (_write("大数.pev", lambda: hostile.pev_with_weight("1E+999999999")), "数值过大"),
    "surrogate": (_write("代理项.pev", hostile.pev_surrogate), "不成对的 UTF-16 代理项"),
    "many-items": (_write("很多.pev", lambda: hostile.pev_many_items(200_000)), "数据项过多"),
    "merge-bomb": (_write("合并.xlsx", hostile.xlsx_merge_bomb), "合并单元格过大"),
}
if os.name != "nt":
    CASES["fifo"] = (_fifo, "管道（FIFO）")


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_gives_one_message_and_an_empty_form(
    qtbot: Any, tmp_path: Path, isolated: DialogLog, case: str
) -> None:
    make, words = CASES[case]
    path = make(tmp_path)
    app_module.create_application(["perfeval-gui"])
    window = app_module.create_main_window(app_module.build_parser().parse_args([str(path)]))
    qtbot.addWidget(window)
    assert len(isolated.errors) == 1
    assert path.name in isolated.errors[0][1]
    assert words in isolated.errors[0][1]
    assert window.document.form.iter_indicators() == []
    assert window.document.path is None
