"""Fonts: the bundled Song-style font, installed 宋体/仿宋, and registration with reportlab.

A font setting (``PrintOptions.font_path`` or ``--font``) is one of
- empty: the bundled AR PL UMing CN (``resources/fonts``, Arphic Public License);
- a TrueType file, ``.ttf`` or ``.ttc`` (face 0), or ``FILE.ttc#N`` for face ``N``;
- a name — ``宋体``/``SimSun``/``Songti`` or ``仿宋``/``FangSong`` — looked up in the usual font
  folders of Windows, macOS and Linux.
reportlab embeds a subset of every TrueType font it draws with, so the PDF prints the same
everywhere; PostScript-outline (CFF) fonts cannot be embedded that way and are refused.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfeval_gui.files import file_kind, path_problem
from perfeval_gui.render.errors import RenderError
from perfeval_gui.resources_path import bundled_font_path

#: Font files of each known family, by file name (any case) and face (index or PostScript name).
_FAMILIES: dict[str, tuple[tuple[str, int | str], ...]] = {
    "宋体": (
        ("simsun.ttc", 0),
        ("simsun.ttf", 0),
        ("Songti.ttc", "STSongti-SC-Regular"),
        ("STSONG.TTF", 0),
        ("uming.ttc", 0),
        ("NotoSerifSC-Regular.ttf", 0),
    ),
    "仿宋": (
        ("simfang.ttf", 0),
        ("FangSong_GB2312.ttf", 0),
        ("STFANGSO.TTF", 0),
        ("Fangsong.ttf", 0),
        ("STFangsong.ttf", 0),
    ),
}
_ALIASES = {
    "宋体": "宋体",
    "simsun": "宋体",
    "songti": "宋体",
    "song": "宋体",
    "stsong": "宋体",
    "仿宋": "仿宋",
    "仿宋_gb2312": "仿宋",
    "fangsong": "仿宋",
    "simfang": "仿宋",
    "stfangsong": "仿宋",
}
#: Characters a font must have to print the form at all.
_REQUIRED = "财政项目支出绩效自评表年度得分"


@dataclass(frozen=True)
class FontChoice:
    """A TrueType file and the face in it to use."""

    path: Path
    face: int | str = 0


def font_dirs() -> list[Path]:
    """The usual font folders of this machine (Windows, macOS, Linux), existing ones only."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        dirs = [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        dirs = [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    else:
        data = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
        dirs = [
            data / "fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return [d for d in dirs if d.is_dir()]


def find_installed(family: str, dirs: list[Path] | None = None) -> FontChoice | None:
    """The first installed font file of ``family`` (宋体 or 仿宋, or an alias), or None."""
    key = _ALIASES.get(family.strip().casefold())
    if key is None:
        return None
    wanted = {name.casefold(): face for name, face in _FAMILIES[key]}
    order = [name.casefold() for name, _ in _FAMILIES[key]]
    found: dict[str, Path] = {}
    for folder in dirs if dirs is not None else font_dirs():
        for path in folder.rglob("*"):
            name = path.name.casefold()
            if name in wanted and name not in found and path.is_file():
                found[name] = path
    for name in order:
        if name in found:
            return FontChoice(found[name], wanted[name])
    return None


def _is_file(text: str) -> bool:
    """Whether ``text`` names an existing file; a name too long or otherwise impossible
    (``font_path`` comes from a file anyone may have edited) is refused in Chinese."""
    problem = path_problem(Path(text))
    if problem:
        raise RenderError(f"字体文件路径无效：{problem}")
    path = Path(text).expanduser()
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    kind = file_kind(mode)
    if kind:  # a FIFO or device would hang or flood the rendering
        raise RenderError(f"无法使用字体“{path.name}”：这是{kind}，不是字体文件")
    return True


def resolve_font(setting: str | Path | None) -> FontChoice:
    """The font a setting names (see the module docstring); RenderError when there is none."""
    if setting is None or not str(setting).strip():
        return FontChoice(bundled_font_path())
    text = str(setting).strip()
    path, _, face = text.rpartition("#")
    if path and face.isdigit() and _is_file(path):
        return FontChoice(Path(path).expanduser(), int(face))
    if _is_file(text):
        return FontChoice(Path(text).expanduser())
    if text.casefold() in _ALIASES:
        choice = find_installed(text)
        if choice is None:
            raise RenderError(f"未在本机字体文件夹中找到“{text}”字体，请改用字体文件路径")
        return choice
    raise RenderError(f"字体文件不存在：{text}")


@dataclass
class LoadedFont:
    """A font registered with reportlab under ``name``; widths for line breaking."""

    name: str
    descent: float  # below the baseline, in ems (negative), as PDF readers place glyph boxes
    font: Any  # the reportlab TTFont
    _widths: dict[str, float] = field(default_factory=dict)

    def char_width(self, ch: str) -> float:
        """Advance width of one character at 1 pt."""
        w = self._widths.get(ch)
        if w is None:
            w = self._widths[ch] = self.font.stringWidth(ch, 1)
        return float(w)

    def has_glyph(self, ch: str) -> bool:
        """Whether the font can draw ``ch``."""
        return ord(ch) in self.font.face.charToGlyph

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` pt."""
        return sum(self.char_width(ch) for ch in text) * size


class _TableSlices:
    """One table of a font file that copies only the slices asked for."""

    def __init__(self, data: bytes, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, item: slice) -> bytes:
        start = self._start + (item.start or 0)
        stop = self._start + (self._length if item.stop is None else item.stop)
        return self._data[start:stop]


def _share_glyf_table(face: Any) -> None:
    """Make reportlab read glyphs from the font file in place while it subsets.

    reportlab copies the whole ``glyf`` table (17 MB in the bundled font) for every subset
    of 256 characters it embeds, only to slice single glyphs out of it; a form of a few
    hundred different characters paid ~10 ms and 17 MB per subset for nothing.
    """
    data = getattr(face, "_ttf_data", None)
    if not isinstance(data, bytes) or not hasattr(face, "get_table_pos"):
        return  # another reportlab version: keep its own behaviour
    original = face.get_table

    def get_table(tag: str) -> Any:
        if tag != "glyf":
            return original(tag)
        start, length = face.get_table_pos(tag)
        return _TableSlices(data, start, length)

    face.get_table = get_table


def _reason(message: str) -> str:
    """reportlab's English reason for refusing a font, said in Chinese."""
    text = message.lower()
    if "postscript" in text:
        return "这是 PostScript（CFF）轮廓字体，无法嵌入 PDF；请选用 TrueType 字体（.ttf/.ttc）"
    if "embedding" in text:
        return "字体的授权不允许嵌入 PDF"
    if "subfontindex" in text:
        return "字体集（.ttc）中没有指定序号的字体"
    if "can't open" in text:
        return "文件无法打开"
    return "不是可用的 TrueType 字体"


_loaded: dict[tuple[str, int | str], LoadedFont] = {}

#: Larger font files are refused (the biggest CJK collections are about 100 MiB).
MAX_FONT_BYTES = 256 * 1024 * 1024


def _check_font_file(path: Path) -> None:
    """Only a regular, non-empty file of sane size is handed to reportlab, which reads it all:
    a FIFO, a device or ``/proc/kmsg`` (a "regular" file of size 0 whose read blocks) would
    hang the rendering, ``/dev/zero`` would fill the memory."""
    try:
        info = path.stat()
    except OSError as exc:
        raise RenderError(f"无法使用字体“{path.name}”：文件无法打开") from exc
    kind = file_kind(info.st_mode)
    if kind:
        raise RenderError(f"无法使用字体“{path.name}”：这是{kind}，不是字体文件")
    if info.st_size == 0:
        raise RenderError(f"无法使用字体“{path.name}”：文件是空的（或是系统的特殊文件）")
    if info.st_size > MAX_FONT_BYTES:
        raise RenderError(f"无法使用字体“{path.name}”：文件过大，不是可用的字体")


def load_font(choice: FontChoice) -> LoadedFont:
    """Register ``choice`` with reportlab once per process; RenderError if it is unusable."""
    key = (str(choice.path.resolve()), choice.face)
    if key in _loaded:
        return _loaded[key]
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFError, TTFont  # noqa: PLC0415

    _check_font_file(choice.path)
    name = f"PerfevalFont{len(_loaded)}"
    try:
        try:
            font = TTFont(name, str(choice.path), subfontIndex=choice.face)
        except (TTFError, ValueError):
            if not isinstance(choice.face, str):
                raise
            # A collection without the expected face name (another OS version): its first face.
            font = TTFont(name, str(choice.path), subfontIndex=0)
    except TTFError as exc:
        raise RenderError(f"无法使用字体“{choice.path.name}”：{_reason(str(exc))}") from exc
    except (OSError, ValueError, IndexError, KeyError) as exc:
        raise RenderError(f"无法使用字体“{choice.path.name}”：不是可用的 TrueType 字体") from exc
    missing = [ch for ch in _REQUIRED if ord(ch) not in font.face.charToGlyph]
    if missing:
        raise RenderError(
            f"字体“{choice.path.name}”不含中文字形（缺少“{''.join(missing)}”），无法打印自评表"
        )
    pdfmetrics.registerFont(font)
    _share_glyf_table(font.face)
    loaded = LoadedFont(name, font.face.descent / 1000, font)
    _loaded[key] = loaded
    return loaded
