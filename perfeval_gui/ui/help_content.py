"""The user guide's HTML: the shipped text, with the parts that must match the program made
at run time — the scoring rules (from the profiles and templates) and the colour legend (from
``ui/palette.py``) — and the licences shown in 关于 (from the installed packages' metadata).
"""

from __future__ import annotations

import html
import re
import sys
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QImageReader

from perfeval_gui import __version__
from perfeval_gui.model.rules_text import all_rule_sections
from perfeval_gui.resources_path import resource_path
from perfeval_gui.ui import palette

RULES_MARK = "<!-- RULES -->"
LEGEND_MARK = "<!-- LEGEND -->"
VERSION_MARK = "<!-- VERSION -->"

#: The distribution whose requirements are the bundled libraries.
_OWN_DISTRIBUTION = "perfeval"
_KNOWN_LICENCES = {  # when a package's metadata does not say it plainly
    "reportlab": "BSD",
    "defusedxml": "PSF-2.0",
}


def help_dir() -> Path:
    """The folder of the guide and its screenshots."""
    return resource_path("help")


def guide_html(max_image_width: int | None = None) -> str:
    """The whole user guide, rules and legend included.

    ``max_image_width`` (logical pixels) shrinks wider screenshots to fit the window: on a
    150 % screen the 900-pixel pictures are then drawn at their own resolution.
    """
    text = (help_dir() / "guide.html").read_text(encoding="utf-8")
    if max_image_width is not None:
        text = re.sub(
            r'<img src="([^"]+)">',
            lambda m: _sized_image(m.group(1), max_image_width),
            text,
        )
    return (
        text.replace(RULES_MARK, rules_html())
        .replace(LEGEND_MARK, legend_html())
        .replace(VERSION_MARK, html.escape(__version__))
    )


def _sized_image(name: str, max_width: int) -> str:
    width = QImageReader(str(help_dir() / name)).size().width()
    if 0 < max_width < width:
        return f'<img src="{name}" width="{max_width}">'
    return f'<img src="{name}">'


def rules_html() -> str:
    """Every scoring profile and form template, in plain words."""
    parts = []
    for section in all_rule_sections():
        items = "".join(f"<li>{html.escape(line)}</li>" for line in section.lines)
        parts.append(f"<h3>{html.escape(section.title)}</h3><ul>{items}</ul>")
    return "\n".join(parts)


def _swatch(background: str, text: str, *, colour: str = "#000000", italic: bool = False) -> str:
    shown = f"<i>{text}</i>" if italic else text
    return (
        f'<td bgcolor="{background}" align="right" width="90">'
        f'<span style="color:{colour}">&nbsp;{shown}&nbsp;</span></td>'
    )


def legend_html() -> str:
    """What the colours and marks of the tables mean (the colours the tables really use)."""
    rows = [
        (
            _swatch(palette.ERROR_BACKGROUND, "120"),
            "粉红底：错误。这一格的内容不对或缺少，必须改正（例如分值合计不是 100、得分大于分值、"
            "必填项为空）。把鼠标停在格子上可看到原因。",
        ),
        (
            _swatch(palette.WARNING_BACKGROUND, "4.5"),
            "浅黄底：提醒。内容可能有问题，请再看一眼（例如未达标却得满分、偏差原因未填写）。",
        ),
        (
            _swatch(palette.COMPUTED_BACKGROUND, "9", colour=palette.SUGGESTION_TEXT, italic=True),
            "浅蓝底、蓝色斜体：建议得分，由程序按评分规则算出，只供参考，不会打印；"
            "把鼠标停在格子上可看到算法。",
        ),
        (
            _swatch(palette.COMPUTED_BACKGROUND, "98.50%"),
            "浅蓝底：程序计算的格子（年度资金总额、执行率、预算执行得分等），不能直接输入。",
        ),
        (
            _swatch("#ffffff", "（未命名）", colour=palette.PLACEHOLDER_TEXT),
            "灰字：指标树中尚未填写名称的指标。",
        ),
    ]
    table = "".join(f"<tr>{swatch}<td>{html.escape(text)}</td></tr>" for swatch, text in rows)
    return (
        f'<table cellspacing="4" cellpadding="3">{table}</table>'
        "<p>右侧“检查结果”列表中，红色图标为错误，黄色图标为提醒，蓝色图标为说明；"
        "单击一条即跳到对应的格子。左下“合计”中，分值合计为绿色表示正确，红色加粗表示不符。"
        "输入格中的数字无法识别时，格子加红框并说明原因，改正后才能离开。</p>"
    )


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta["License-Expression"]
    if expression:
        return str(expression)
    name = str(meta["Name"] or "").lower()
    if name in _KNOWN_LICENCES:
        return _KNOWN_LICENCES[name]
    text = str(meta["License"] or "").strip()
    if text and len(text) <= 60 and "\n" not in text:
        return text
    for classifier in meta.get_all("Classifier") or []:
        if str(classifier).startswith("License :: OSI Approved :: "):
            return str(classifier).rsplit("::", 1)[1].strip()
    return "见其发行包"


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        if "extra ==" in requirement:
            continue
        match = re.match(r"[A-Za-z0-9._-]+", requirement)
        if match:
            names.append(match.group(0))
    return names


def bundled_libraries() -> list[tuple[str, str, str]]:
    """(name, version, licence) of every library perfeval runs on, from installed metadata."""
    try:
        own = metadata.distribution(_OWN_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return []
    seen: dict[str, tuple[str, str, str]] = {}
    queue = _requirement_names(own)
    while queue:
        name = queue.pop(0)
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = (str(dist.metadata["Name"]), dist.version, _licence(dist))
        queue.extend(_requirement_names(dist))
    return sorted(seen.values(), key=lambda row: row[0].lower())


def about_html() -> str:
    """The 关于 page: version, what it runs on, and every licence."""
    rows = [
        ("Python", sys.version.split()[0], "PSF-2.0"),
        ("Qt", qVersion(), "LGPL-3.0-only"),
        *bundled_libraries(),
    ]
    if not any(name.lower().startswith("pyside6") for name, _v, _l in rows):
        rows.append(("PySide6", pyside_version, "LGPL-3.0-only"))
    table = "".join(
        f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td><td>{html.escape(lic)}</td></tr>"
        for n, v, lic in rows
    )
    font_licence = resource_path("fonts", "LICENSE-ARPHIC.txt").read_text(encoding="utf-8")
    return (
        f"<h2>绩效自评表编辑器 perfeval</h2><p>版本 {html.escape(__version__)}</p>"
        "<p>财政项目支出绩效自评表的填写、检查、打印与导出工具。</p>"
        "<h3>所用软件及其许可</h3>"
        '<table border="1" cellspacing="0" cellpadding="4">'
        f"<tr><th>组件</th><th>版本</th><th>许可</th></tr>{table}</table>"
        "<p>Qt 与 PySide6 按 GNU 宽通用公共许可证（LGPL）第 3 版使用，可替换为其他兼容版本。</p>"
        "<h3>内置字体</h3><p>AR PL UMing CN（文鼎 PL 明体），文鼎公众许可证（Arphic Public "
        "License），全文如下：</p>"
        f"<pre>{html.escape(font_licence)}</pre>"
    )
