"""The one error every reader and writer raises for bad input: a Chinese message for the user."""

from __future__ import annotations

from pathlib import Path


class FormFileError(Exception):
    """A file could not be read or written; ``str()`` is a complete Chinese message."""

    def __init__(self, reason: str, path: Path | str | None = None) -> None:
        self.reason = reason
        self.path = Path(path) if path is not None else None
        super().__init__(f"无法处理文件“{self.path.name}”：{reason}" if self.path else reason)
