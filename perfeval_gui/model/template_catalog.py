"""The catalogue of form templates: the TOML files shipped with perfeval and the user's own.

Shipped templates live in the package's ``resources/templates``; a user drops more into
``templates/`` under perfeval's data folder (:func:`user_template_dir`), or names a folder in
the ``PERFEVAL_TEMPLATE_DIR`` environment variable. A user template with a key of a shipped
one replaces it. A malformed user file never stops the program: it is left out and
:func:`template_problems` says why, in Chinese. The catalogue is read once, on first use.
"""

from __future__ import annotations

import os
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from pydantic import ValidationError

from perfeval_gui.model.templates import FormTemplate
from perfeval_gui.resources_path import resource_path

if TYPE_CHECKING:
    from collections.abc import Mapping

    from perfeval_gui.model.form import Form

#: The template of the Shanghai / central form, what every form had before templates.
DEFAULT_TEMPLATE_KEY: Final = "shanghai"

#: A template file larger than this is not read (a template is a few KB).
_MAX_TEMPLATE_BYTES: Final = 256 * 1024


def user_template_dir() -> Path:
    """Where a user's own templates are looked for (Qt's AppDataLocation + ``templates``)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "perfeval" / "perfeval" / "templates"


def _template_dirs() -> list[Path]:
    dirs = [user_template_dir()]
    extra = os.environ.get("PERFEVAL_TEMPLATE_DIR")
    if extra:
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    return dirs


def read_template_file(path: Path) -> FormTemplate:
    """Read and validate one template file; raises :class:`TemplateFileError` (Chinese)."""
    try:
        if not path.is_file():
            raise TemplateFileError(path, "不是普通文件")
        if path.stat().st_size > _MAX_TEMPLATE_BYTES:
            raise TemplateFileError(path, "文件过大，不像是模板文件")
        with path.open("rb") as stream:
            data = tomllib.loads(stream.read(_MAX_TEMPLATE_BYTES).decode("utf-8"))
    except TemplateFileError:
        raise
    except UnicodeDecodeError:
        raise TemplateFileError(path, "文字编码不是 UTF-8，请用 UTF-8 保存") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateFileError(path, f"TOML 格式有误（{exc}）") from None
    except OSError as exc:
        raise TemplateFileError(path, f"无法读取（{exc.strerror or exc}）") from None
    try:
        return FormTemplate.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "（顶层）"
        raise TemplateFileError(path, f"{where}：{_message(first['msg'])}") from None


def _message(text: str) -> str:
    """pydantic's English message, made readable ("Value error, …" prefixes dropped)."""
    for prefix in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(prefix)
    return text


class TemplateFileError(ValueError):
    """A template file that cannot be used; ``str()`` is a Chinese message naming the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"模板文件“{path}”无法使用：{reason}")
        self.path = path


class UnknownTemplateError(KeyError):
    """No template has this key; ``str()`` is a Chinese message listing the known ones."""

    def __init__(self, key: str) -> None:
        known = "、".join(f"{k}（{t.name}）" for k, t in templates().items())
        super().__init__(f"未知的表样模板“{key}”（可用：{known}）")

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def _catalogue() -> tuple[dict[str, FormTemplate], tuple[str, ...]]:
    found: dict[str, FormTemplate] = {}
    for path in sorted(resource_path("templates").glob("*.toml")):
        template = read_template_file(path)  # a broken shipped template is a bug: raise
        found[template.key] = template
    problems: list[str] = []
    for folder in _template_dirs():
        try:
            paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        except OSError:
            paths = []
        for path in paths:
            try:
                template = read_template_file(path)
            except TemplateFileError as exc:
                problems.append(str(exc))
                continue
            found[template.key] = template
    ordered = dict(sorted(found.items(), key=lambda kv: kv[0] != DEFAULT_TEMPLATE_KEY))
    return ordered, tuple(problems)


def templates() -> Mapping[str, FormTemplate]:
    """Every usable template by key, the default first."""
    return _catalogue()[0]


def template_problems() -> tuple[str, ...]:
    """Why user template files were left out (Chinese, one sentence each)."""
    return _catalogue()[1]


def reload_templates() -> None:
    """Forget the catalogue, so the next use reads the files again (new user templates)."""
    _catalogue.cache_clear()


def get_template(key: str) -> FormTemplate:
    """The template ``key``; raises :class:`UnknownTemplateError`."""
    try:
        return templates()[key]
    except KeyError:
        raise UnknownTemplateError(key) from None


def default_template() -> FormTemplate:
    """The Shanghai / central template."""
    return templates()[DEFAULT_TEMPLATE_KEY]


def form_template(form: Form) -> FormTemplate:
    """The form's template, or the default one when its key is unknown (a check says so)."""
    return templates().get(form.template) or default_template()
