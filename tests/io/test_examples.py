"""The bundled example forms are the seed fixtures, saved as current .pev files."""

from __future__ import annotations

from typing import Any

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.io.pev import dumps_pev, load_pev
from perfeval_gui.resources_path import example_form_path, resource_path


def test_example_is_seed_form_1(seed1_flat: dict[str, Any]) -> None:
    form = load_pev(example_form_path())
    assert form == form_from_flat(seed1_flat)
    assert form.project_name == "项目服务管理"


def test_example_2_is_seed_form_2(seed2_flat: dict[str, Any]) -> None:
    assert load_pev(resource_path("examples", "example-2.pev")) == form_from_flat(seed2_flat)


def test_examples_are_saved_in_the_current_format() -> None:
    for name in ("example.pev", "example-2.pev"):
        path = resource_path("examples", name)
        assert path.read_text(encoding="utf-8") == dumps_pev(load_pev(path)), name
