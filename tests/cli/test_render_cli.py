"""`perfeval render`: forms into one PDF; bad input gives a Chinese message, status 2, no file."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import save_pev
from tests.conftest import load_fixture_json


@pytest.fixture
def pevs(tmp_path: Path) -> list[Path]:
    """Seed forms 1 and 2 as .pev files."""
    paths = []
    for n in (1, 2):
        path = tmp_path / f"表{n}.pev"
        save_pev(form_from_flat(load_fixture_json(n)), path)
        paths.append(path)
    return paths


def _footers(pdf: Path) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    return [page.extract_text().splitlines()[-1].strip() for page in reader.pages]


def test_several_forms_go_into_one_pdf_with_running_page_numbers(
    pevs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "打印.pdf"
    assert main(["render", *map(str, pevs), "-o", str(out), "--first-page", "4"]) == 0
    footers = _footers(out)
    assert footers == [f"- {4 + i} -" for i in range(len(footers))]
    assert len(footers) == 4
    assert "共 4 页" in capsys.readouterr().out


def test_flags_override_the_form_settings(pevs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert main(["render", str(pevs[1]), "-o", str(out), "--signature", "--landscape"]) == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert "单位负责人（签字）" in "".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--font", "/no/such/宋体.ttf"], "字体文件不存在"),
        (["--first-page", "-3"], "起始页码不能为负数"),
    ],
)
def test_bad_options_leave_no_file(
    pevs: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["render", str(pevs[0]), "-o", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_bad_input_file_leaves_an_existing_pdf_untouched(
    pevs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    broken = tmp_path / "坏.pev"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["render", str(pevs[0]), str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "坏.pev" in err
    assert "Traceback" not in err
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.pdf", "坏.pev", "表1.pev", "表2.pev"]
    )


def test_missing_file_and_wrong_output_suffix(
    pevs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(tmp_path / "无.pev"), "-o", str(tmp_path / "o.pdf")]) == 2
    assert "文件不存在" in capsys.readouterr().err
    assert main(["render", str(pevs[0]), "-o", str(tmp_path / "o.txt")]) == 2
    assert ".pdf" in capsys.readouterr().err
    assert (
        main(["render", str(pevs[0]), "-o", str(pevs[0].with_suffix(".pdf")), "--font", "x"]) == 2
    )
    assert not pevs[0].with_suffix(".pdf").exists()


def test_print_options_saved_in_the_form_apply_without_flags(tmp_path: Path) -> None:
    form = form_from_flat(load_fixture_json(2))
    form.print_options.first_page_number = 10
    form.print_options.signature_block = True
    form.print_options.landscape = True
    source = tmp_path / "带设置.pev"
    save_pev(form, source)
    out = tmp_path / "out.pdf"
    assert main(["render", str(source), "-o", str(out)]) == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert _footers(out)[0] == "- 10 -"
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert "（单位盖章）" in reader.pages[-1].extract_text()
    # A flag overrides the saved setting for this run only.
    assert main(["render", str(source), "-o", str(out), "--first-page", "3"]) == 0
    assert _footers(out)[0] == "- 3 -"


def test_a_font_from_the_form_settings_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A form saved on a Windows PC names C:/Windows/Fonts/simsun.ttc; say where it came from.
    form = form_from_flat(load_fixture_json(1))
    form.print_options.font_path = str(tmp_path / "simsun.ttc")
    save_pev(form, tmp_path / "单位表.pev")
    out = tmp_path / "out.pdf"
    assert main(["render", str(tmp_path / "单位表.pev"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "取自“单位表.pev”的打印设置" in err
    assert "--font" in err
    assert not out.exists()
