"""The one error the render layer raises for input it cannot print."""

from __future__ import annotations


class RenderError(Exception):
    """A form cannot be printed (e.g. an unusable font); ``str()`` is a Chinese message."""
