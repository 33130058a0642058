"""Where the bundled resources (fonts, examples) are: in a source tree, an editable or a wheel."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The file system path of a bundled resource, e.g. ``resource_path("fonts", "x.ttf")``."""
    ref = files("perfeval_gui.resources").joinpath(*parts)
    with as_file(ref) as path:  # resources are plain files in every supported install
        return Path(path)


def example_form_path() -> Path:
    """The bundled example form (fixture 1): what ``perfeval-gui --example`` opens."""
    return resource_path("examples", "example.pev")


def bundled_font_path() -> Path:
    """The bundled Song-style TrueType font (AR PL UMing CN, Arphic Public License)."""
    return resource_path("fonts", "uming-cn.ttf")
