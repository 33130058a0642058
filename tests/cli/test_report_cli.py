"""`perfeval report`: the .docx draft; bad input gives a Chinese line, status 2 and no file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest

from perfeval_gui.cli import main
from perfeval_gui.io.pev import load_pev
from perfeval_gui.resources_path import bundled_font_path, resource_path

EXAMPLES = ("example.pev", "example-2.pev")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TIMEOUT_SECONDS = 240


def test_report_writes_a_docx_and_says_how_many_gaps_are_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "自评报告.docx"
    assert main(["report", str(resource_path("examples", "example.pev")), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"已生成自评报告：{out}" in printed
    assert "处以【请补充：…】或【请核实：…】标出的内容" in printed
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "2023年度项目服务管理项目\n支出绩效自评报告"


def test_title_option_replaces_the_default_title(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    source = str(resource_path("examples", "example-2.pev"))
    assert main(["report", source, "-o", str(out), "--title", "市民服务项目绩效自评报告"]) == 0
    assert docx.Document(str(out)).paragraphs[0].text == "市民服务项目绩效自评报告"


@pytest.mark.parametrize(
    ("setup", "output", "message"),
    [
        (lambda d: d / "没有.pev", "r.docx", "文件不存在"),
        (lambda d: _write(d / "坏.pev", "{not json"), "r.docx", "坏.pev"),
        (lambda d: _write(d / "a.txt", "x"), "r.docx", "不支持的文件类型"),
        (lambda d: resource_path("examples", "example.pev"), "r.pdf", "应以 .docx 结尾"),
        (lambda d: resource_path("examples", "example.pev"), "缺/r.docx", "不存在"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line_and_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: object,
    output: str,
    message: str,
) -> None:
    source = setup(tmp_path)  # type: ignore[operator]
    out = tmp_path / output
    assert main(["report", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".*tmp*"))


def test_a_failed_report_leaves_an_existing_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"earlier draft")
    assert main(["report", str(tmp_path / "没有.pev"), "-o", str(out)]) == 2
    assert out.read_bytes() == b"earlier draft"
    assert "文件不存在" in capsys.readouterr().err


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _to_pdf(docx_path: Path, workdir: Path) -> Path:
    """LibreOffice Writer headless, with its own profile and HOME (the bundled font in it)."""
    home = workdir / "home"
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy(bundled_font_path(), home / ".fonts" / "uming-cn.ttf")
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )
    pdf = workdir / f"{docx_path.stem}.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.is_file(), f"LibreOffice wrote nothing: {result.stdout} {result.stderr}"
    return pdf


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", EXAMPLES)
def test_libreoffice_converts_the_report_with_every_indicator(name: str, tmp_path: Path) -> None:
    source = resource_path("examples", name)
    out = tmp_path / "report.docx"
    assert main(["report", str(source), "-o", str(out)]) == 0
    pdf = _to_pdf(out, tmp_path)
    reader = pypdf.PdfReader(pdf)
    pages = ["".join(page.extract_text().split()) for page in reader.pages]
    text = "".join(pages)
    form = load_pev(source)
    assert form.project_name in text
    for *_, ind in form.iter_indicators():
        assert "".join(ind.name.split()) in text, ind.name
    assert len(pages) >= 3
    assert [p[-len(f"-{n}-") :] for n, p in enumerate(pages, 1)] == [
        f"-{n}-" for n in range(1, len(pages) + 1)
    ]
    assert pdf.read_bytes().startswith(b"%PDF")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
