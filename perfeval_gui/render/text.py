"""Line breaking for table cells: Chinese text breaks between any two characters.

Latin runs (numbers such as ``152,919.80``, ``>=30``) stay whole when they fit on a line,
closing punctuation never starts a line and opening punctuation never ends one (the
usual 避头尾 rules), and a run wider than the cell is broken character by character so
that nothing is ever drawn outside its cell.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

#: Printed in place of a character the font has no glyph for.
MISSING_GLYPH = "□"
#: May not begin a line (closing punctuation, attached to the character before it).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’,.;:?!)]}%…—·～")
#: May not end a line (opening punctuation, attached to the character after it).
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")


def _is_latin(ch: str) -> bool:
    """Characters that join into an unbreakable run (digits, Latin letters, ASCII signs)."""
    return ch.isascii() and not ch.isspace()


def printable(text: str) -> str:
    """``text`` without control and invisible format characters (a tab prints as a space);
    a lone surrogate (possible in a hand-edited file), which UTF-8 cannot hold, becomes U+FFFD.
    """
    if text.isprintable():
        return text
    text = text.replace("\t", " ")
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            out.append("\ufffd")
        elif category not in {"Cc", "Cf"}:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Line:
    """One wrapped line; ``soft`` when the paragraph continues on the next line (justify it)."""

    text: str
    soft: bool


def _tokens(paragraph: str) -> list[str]:
    """Split a paragraph into break units: CJK characters, Latin runs, spaces, kinsoku glue."""
    tokens: list[str] = []
    for ch in paragraph:
        if tokens:
            prev = tokens[-1]
            if (_is_latin(ch) and _is_latin(prev[-1])) or ch in _NO_LINE_START:
                tokens[-1] = prev + ch
                continue
            if prev[-1] in _NO_LINE_END and not ch.isspace():
                tokens[-1] = prev + ch
                continue
        tokens.append(ch)
    return tokens


class Wrapper:
    """Breaks text into lines no wider than a width, for one font and size."""

    def __init__(
        self, char_width: Callable[[str], float], has_glyph: Callable[[str], bool] | None = None
    ) -> None:
        self._char_width = char_width
        self._has_glyph = has_glyph
        self._cache: dict[str, float] = {}

    def _drawable(self, text: str) -> str:
        """``text`` with characters the font lacks shown as □ (else they would print blank or
        as the font's .notdef glyph, and copy out of the PDF as NUL)."""
        has = self._has_glyph
        if has is None or all(has(ch) for ch in text):
            return text
        box = MISSING_GLYPH if has(MISSING_GLYPH) else "?"
        return "".join(ch if ch == " " or has(ch) else box for ch in text)

    def width(self, text: str) -> float:
        """The advance width of ``text`` (sum of its characters' widths)."""
        cache = self._cache
        total = 0.0
        for ch in text:
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = self._char_width(ch)
            total += w
        return total

    def wrap(self, text: str, max_width: float) -> list[Line]:
        """``text`` as lines at most ``max_width`` wide; hard line breaks are kept."""
        lines: list[Line] = []
        for paragraph in text.splitlines() or [""]:
            lines.extend(
                self._wrap_paragraph(self._drawable(printable(paragraph)).rstrip(), max_width)
            )
        return lines

    def _wrap_paragraph(self, paragraph: str, max_width: float) -> list[Line]:
        if not paragraph:
            return [Line("", soft=False)]
        lines: list[Line] = []
        current = ""
        current_w = 0.0
        for token in _tokens(paragraph):
            if token.isspace() and not current and lines:
                continue  # no leading space on a continuation line
            token_w = self.width(token)
            if current_w + token_w <= max_width:
                current += token
                current_w += token_w
                continue
            if token.isspace():  # a space at a break point is dropped, as in any word processor
                lines.append(Line(current, soft=True))
                current, current_w = "", 0.0
                continue
            if current and token_w <= max_width:
                lines.append(Line(current.rstrip(), soft=True))
                current, current_w = token, token_w
                continue
            # The token alone is wider than the line: break it between characters.
            for ch in token:
                ch_w = self.width(ch)
                if current and current_w + ch_w > max_width:
                    lines.append(Line(current.rstrip(), soft=True))
                    current, current_w = "", 0.0
                current += ch
                current_w += ch_w
        lines.append(Line(current.rstrip(), soft=False))
        return lines
