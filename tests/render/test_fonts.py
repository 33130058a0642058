"""Fonts: the bundled default, installed 宋体/仿宋 by name, .ttc faces, and refusals."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pypdf
import pytest
import reportlab

from perfeval_gui.render import fonts
from perfeval_gui.render.fonts import FontChoice, find_installed, load_font, resolve_font
from perfeval_gui.render.pdf import RenderError, render_pdf_bytes
from perfeval_gui.resources_path import bundled_font_path
from tests.render.helpers import seed_form

LATIN_TTF = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def _make_ttc(ttf: Path, out: Path, faces: int = 2) -> Path:
    """A TrueType collection holding ``faces`` copies of one font (sharing its tables)."""
    data = ttf.read_bytes()
    num_tables = struct.unpack(">H", data[4:6])[0]
    directory_len = 12 + 16 * num_tables
    header_len = 12 + 4 * faces
    tables_start = header_len + faces * directory_len
    shift = tables_start - directory_len  # table data moves from after one directory to here
    directory = bytearray(data[:directory_len])
    for i in range(num_tables):
        at = 12 + 16 * i + 8
        (offset,) = struct.unpack(">I", directory[at : at + 4])
        directory[at : at + 4] = struct.pack(">I", offset + shift)
    offsets = [header_len + k * directory_len for k in range(faces)]
    header = (
        b"ttcf" + struct.pack(">HHI", 1, 0, faces) + b"".join(struct.pack(">I", o) for o in offsets)
    )
    out.write_bytes(header + bytes(directory) * faces + data[directory_len:])
    return out


def test_no_setting_means_the_bundled_font() -> None:
    assert resolve_font(None) == FontChoice(bundled_font_path())
    assert resolve_font("  ") == FontChoice(bundled_font_path())
    assert (bundled_font_path().parent / "LICENSE-ARPHIC.txt").is_file()


def test_a_file_path_and_a_ttc_face(tmp_path: Path) -> None:
    ttc = _make_ttc(bundled_font_path(), tmp_path / "两种字形.ttc")
    assert resolve_font(str(ttc)) == FontChoice(ttc, 0)
    assert resolve_font(f"{ttc}#1") == FontChoice(ttc, 1)
    data = render_pdf_bytes([seed_form(2)], font_path=Path(f"{ttc}#1"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert "市民服务" in reader.pages[0].extract_text()


def test_installed_fonts_are_found_by_name(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    simsun = _make_ttc(bundled_font_path(), tmp_path / "sub" / "SIMSUN.TTC")
    simfang = tmp_path / "simfang.ttf"
    simfang.symlink_to(bundled_font_path())
    assert find_installed("宋体", [tmp_path]) == FontChoice(simsun, 0)
    assert find_installed("SimSun", [tmp_path]) == FontChoice(simsun, 0)
    assert find_installed("仿宋", [tmp_path]) == FontChoice(simfang, 0)
    assert find_installed("FangSong", [tmp_path]) == FontChoice(simfang, 0)
    assert find_installed("黑体", [tmp_path]) is None


def test_a_named_font_that_is_not_installed_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "font_dirs", list)
    with pytest.raises(RenderError, match="未在本机字体文件夹中找到“仿宋”"):
        resolve_font("仿宋")
    with pytest.raises(RenderError, match="字体文件不存在"):
        resolve_font("/no/such/font.ttf")


def test_unusable_fonts_are_refused_in_chinese(tmp_path: Path) -> None:
    cff = tmp_path / "思源宋体.otf"
    cff.write_bytes(b"OTTO" + bytes(200))
    with pytest.raises(RenderError, match="PostScript"):
        load_font(FontChoice(cff))
    text = tmp_path / "note.ttf"
    text.write_text("not a font")
    with pytest.raises(RenderError, match="不是可用的 TrueType 字体"):
        load_font(FontChoice(text))
    with pytest.raises(RenderError, match="不含中文字形"):
        load_font(FontChoice(LATIN_TTF))
    ttc = _make_ttc(bundled_font_path(), tmp_path / "a.ttc")
    with pytest.raises(RenderError, match="没有指定序号"):
        load_font(FontChoice(ttc, 5))


def test_the_form_setting_chooses_the_font_and_a_bad_one_stops_printing(tmp_path: Path) -> None:
    form = seed_form(2)
    form.print_options.font_path = str(tmp_path / "missing.ttf")
    with pytest.raises(RenderError, match="字体文件不存在"):
        render_pdf_bytes([form])
    # An explicit font overrides the form's setting.
    assert render_pdf_bytes([form], font_path=bundled_font_path()).startswith(b"%PDF")


def test_subsets_made_in_place_equal_reportlabs_own() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFace

    plain = TTFontFace(str(bundled_font_path()))
    shared = TTFontFace(str(bundled_font_path()))
    fonts._share_glyf_table(shared)
    # Latin letters with accents are composite glyphs: their references get renumbered.
    text = "财政项目支出绩效自评表（2023 年度）：，。≥≤—︵︶偏差原因分析及改进措施ÀÉÎõüçij"
    subset = sorted({ord(ch) for ch in text})
    assert shared.makeSubset(subset) == plain.makeSubset(subset)


def test_a_collection_without_the_expected_face_name_uses_its_first_face(tmp_path: Path) -> None:
    ttc = _make_ttc(bundled_font_path(), tmp_path / "Songti.ttc")
    loaded = load_font(FontChoice(ttc, "STSongti-SC-Regular"))
    assert loaded.char_width("表") > 0
