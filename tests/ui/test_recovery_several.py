"""Two editors crashed together (a power cut): neither form is lost at the next starts."""

from __future__ import annotations

from typing import Any

from perfeval_gui.model.form import Form
from perfeval_gui.ui import operations
from perfeval_gui.ui.document import Document
from perfeval_gui.ui.main_window import MainWindow


def _crash(qtbot: Any, form: Form, name: str) -> None:
    crashed = MainWindow(Document(form.model_copy(deep=True)))
    qtbot.addWidget(crashed)
    operations.set_value(crashed.document, path=None, field="project_name", value=name)
    crashed.autosaver.write_now()
    crashed.autosaver._lock.unlock()  # the process is gone: the OS released its lock


def test_a_second_crashed_form_is_kept_for_the_next_start(
    qtbot: Any, seed1_form: Form, isolated: Any
) -> None:
    _crash(qtbot, seed1_form, "表格甲")
    _crash(qtbot, seed1_form, "表格乙")
    first = MainWindow(Document())
    qtbot.addWidget(first)
    assert first.offer_recovery()
    restored_first = first.document.form.project_name
    assert restored_first in {"表格甲", "表格乙"}
    assert any("再启动一次" in message for _title, message in isolated.infos)
    # The first editor is still running (its own recovery file is locked) when the user
    # starts the program again.

    second = MainWindow(Document())
    qtbot.addWidget(second)
    assert second.offer_recovery()
    assert {restored_first, second.document.form.project_name} == {"表格甲", "表格乙"}
