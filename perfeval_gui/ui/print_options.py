"""How the print options (起始页码, 签字栏, 字体, 横向) are shown and typed.

Changing one is ``operations.set_print_option``: the same undo command as any other field,
so typing in 起始页码 merges into one step and typing back the original leaves none.
"""

from __future__ import annotations

from pathlib import Path

#: Separator between signature labels in the one-line editor (as FORM-SPEC writes them).
LABEL_SEPARATOR = " / "


def parse_signature_labels(text: str) -> list[str]:
    """The labels typed in one line, separated by ``/`` (half- or full-width)."""
    parts = text.replace("／", "/").split("/")
    return [part.strip() for part in parts if part.strip()]


def format_signature_labels(labels: list[str]) -> str:
    """The labels as one line for editing."""
    return LABEL_SEPARATOR.join(labels)


def font_label(font_path: str | None) -> str:
    """How the chosen print font is named in the dialog."""
    if font_path is None:
        return "内置宋体（AR PL UMing CN）"
    return Path(font_path).name
