"""Files that are not what their name says, names the file system cannot hold, interrupted
saves: always a Chinese refusal at once, never a hang, a traceback or a save that cannot
be repeated (issue 13)."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.atomic import backup_path, describe_os_error
from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.load import load_form
from perfeval_gui.io.pev import load_pev, save_pev
from perfeval_gui.model.form import standard_form
from perfeval_gui.render.errors import RenderError
from perfeval_gui.render.pdf import render_pdf_bytes
from perfeval_gui.resources_path import example_form_path

posix_only = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev exist on POSIX only")


def _chinese_line(text: str) -> str:
    (line,) = text.strip().splitlines()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line)
    assert "Traceback" not in line and "Errno" not in line
    return line


@posix_only
@pytest.mark.parametrize("suffix", [".pev", ".json", ".xlsx"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"form{suffix}"
    os.mkfifo(fifo)
    # In a subprocess with a timeout: a reader that blocks on the FIFO would hang the tests.
    run = subprocess.run(
        [sys.executable, "-m", "perfeval_gui.cli", "check", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert "管道" in _chinese_line(run.stderr)


@posix_only
@pytest.mark.parametrize("suffix", [".pev", ".json", ".xlsx"])
def test_a_link_to_dev_zero_is_refused_before_reading(tmp_path: Path, suffix: str) -> None:
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    with pytest.raises(FormFileError, match="这是一个设备，不是普通文件"):
        load_form(link)


@posix_only
def test_a_font_that_is_a_device_or_an_empty_proc_file_is_refused(tmp_path: Path) -> None:
    form = load_pev(example_form_path())
    link = tmp_path / "font.ttf"
    link.symlink_to("/dev/zero")
    with pytest.raises(RenderError, match="这是一个设备，不是字体文件"):
        render_pdf_bytes([form], font_path=link)
    # /proc/kmsg is a "regular" file of size 0 whose read blocks: size 0 is refused.
    empty = tmp_path / "empty.ttf"
    empty.write_bytes(b"")
    with pytest.raises(RenderError, match="文件是空的"):
        render_pdf_bytes([form], font_path=empty)
    if Path("/proc/kmsg").exists():
        form.print_options.font_path = "/proc/kmsg"
        with pytest.raises(RenderError, match="无法使用字体"):
            render_pdf_bytes([form])


LONG = "长" * 90  # 270 bytes in UTF-8


@pytest.mark.parametrize(
    "argv",
    [
        ["check", f"{LONG}.pev"],
        ["check", "--json", f"{LONG}.xlsx"],
        ["import", f"{LONG}.xlsx", "-o", "out.pev"],
        ["import", f"{LONG}.json", "-o", "out.pev"],
        ["import", "in.xlsx", "-o", f"{LONG}.pev"],
        ["export", "in.pev", "-o", f"{LONG}.xlsx"],
        ["export", "in.pev", "-o", f"{LONG}.json"],
        ["new", "-o", f"{LONG}.pev"],
        ["render", "in.pev", "-o", f"{LONG}.pdf"],
        ["render", "in.pev", "--font", f"{LONG}.ttf", "-o", "out.pdf"],
        ["check", "/a" * 2100 + ".pev"],
        ["new", "-o", "/a" * 2100 + ".pev"],
    ],
)
def test_names_too_long_give_one_chinese_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    _, err = capsys.readouterr()
    assert "过长" in _chinese_line(err)


def test_a_long_font_path_stored_in_a_form_is_refused_in_chinese() -> None:
    form = load_pev(example_form_path())
    form.print_options.font_path = f"/tmp/{LONG}.ttf"
    with pytest.raises(RenderError, match="字体文件路径无效：文件名或文件夹名过长"):
        render_pdf_bytes([form])


@pytest.mark.parametrize("size", [251, 252, 253, 254, 255])
def test_a_name_near_the_limit_saves_again_and_again(tmp_path: Path, size: int) -> None:
    path = tmp_path / ("名" * ((size - 4) // 3) + "x" * ((size - 4) % 3) + ".pev")
    assert len(os.fsencode(path.name)) == size
    for n in range(3):
        form = standard_form()
        form.project_name = f"第 {n} 版"
        save_pev(form, path)
    assert load_pev(path).project_name == "第 2 版"
    backup = backup_path(path)
    assert len(os.fsencode(backup.name)) <= 255
    assert load_pev(backup).project_name == "第 1 版"


def test_long_backup_names_of_different_files_differ(tmp_path: Path) -> None:
    a = tmp_path / ("a" * 250 + "1.pev")
    b = tmp_path / ("a" * 250 + "2.pev")
    assert backup_path(a) != backup_path(b)
    assert backup_path(tmp_path / "f.pev").name == "f.pev.bak"


def _temp_of(path: Path, pid: int) -> Path:
    tag = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:8]
    temp = path.parent / f".perfeval-{tag}-{pid}-abcd1234.tmp"
    temp.write_bytes(b"x" * 1000)
    return temp


@pytest.mark.skipif(os.name == "nt", reason="dead processes are told by age on Windows")
def test_a_save_removes_what_an_interrupted_save_of_the_same_file_left(tmp_path: Path) -> None:
    path = tmp_path / "form.pev"
    other = tmp_path / "other.pev"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = _temp_of(path, int(dead.stdout))
    in_flight = _temp_of(path, os.getppid())  # a live process still writing
    not_ours = _temp_of(other, int(dead.stdout))
    save_pev(standard_form(), path)
    assert not stale.exists()
    assert in_flight.exists() and not_ours.exists()
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == sorted([in_flight.name, not_ours.name])


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EFBIG, "写入失败：文件超过了文件系统或系统设置允许的大小"),
        (errno.EIO, "写入失败：磁盘读写错误"),
        (errno.ENAMETOOLONG, "写入失败：文件名或路径过长"),
        (errno.ENOTSUP, "写入失败（系统错误 EOPNOTSUPP）"),
    ],
)
def test_os_errors_are_said_in_chinese_only(code: int, expected: str) -> None:
    message = describe_os_error(OSError(code, os.strerror(code)), writing=True)
    assert message == expected or message.startswith("写入失败（系统错误 ")
    assert os.strerror(code) not in message


@posix_only
def test_efbig_while_saving_is_one_chinese_line(tmp_path: Path) -> None:
    """A real EFBIG: the file size limit of the process (ulimit -f) is below the export."""
    script = (
        "import resource, signal, sys\n"
        "from perfeval_gui.cli import main\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    out = tmp_path / "out.xlsx"
    run = subprocess.run(
        [sys.executable, "-c", script, "export", str(example_form_path()), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    line = _chinese_line(run.stderr)
    assert "文件超过了文件系统或系统设置允许的大小" in line
    assert "File too large" not in line
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temp file left
