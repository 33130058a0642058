"""The operation functions behind every action: TSV text, values typed or pasted, nodes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.io.flat import form_from_flat
from perfeval_gui.model.form import Form, QualitativeGrade
from perfeval_gui.model.values import DecimalInputError
from perfeval_gui.ui import operations, paste
from perfeval_gui.ui.document import Document
from tests.conftest import load_fixture_json

_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=80, deadline=None)
@given(lines=st.lists(st.lists(_cells, min_size=1, max_size=5), min_size=1, max_size=6))
def test_tsv_round_trip(lines: list[list[str]]) -> None:
    # A line of one empty cell is an empty line, which Excel does not copy either.
    lines = [line for line in lines if line != [""]] or [["x"]]
    normalised = [[c.replace("\r\n", "\n").replace("\r", "\n") for c in line] for line in lines]
    assert paste.parse_tsv(paste.to_tsv(lines)) == normalised


def test_parse_tsv_reads_excel_quoting_and_windows_line_ends() -> None:
    text = 'a\t"two\nlines"\t"say ""hi"""\r\nb\t\tc\r\n'
    assert paste.parse_tsv(text) == [["a", "two\nlines", 'say "hi"'], ["b", "", "c"]]


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("weight", "１０", Decimal(10)),
        ("score", " 4.5 ", Decimal("4.5")),
        ("score", "", None),
        ("grade", "部分", QualitativeGrade.PARTIAL),
        ("grade", "达成年度指标", QualitativeGrade.ACHIEVED),
        ("name", "  名称  ", "名称"),
        ("target", " ≥95% ", " ≥95% "),  # targets are kept verbatim
    ],
)
def test_values_from_text(field: str, text: str, value: object) -> None:
    assert operations.indicator_value_from_text(field, text) == value


@pytest.mark.parametrize(("field", "text"), [("score", "四"), ("weight", "1,23"), ("grade", "好")])
def test_bad_text_raises_with_a_chinese_message(field: str, text: str) -> None:
    with pytest.raises(DecimalInputError) as error:
        operations.indicator_value_from_text(field, text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


def test_deleting_a_node_and_its_child_together_deletes_once(seed1_form: Form) -> None:
    doc = Document(seed1_form)
    operations.delete_nodes(doc, paths=[(0, 1, 2), (0, 1), (0, 3, 0)])
    assert [l2.name for l2 in doc.form.level1[0].children] == ["数量指标", "时效指标", "成本指标"]
    assert len(doc.form.level1[0].children[2].indicators) == 2
    assert doc.undo_stack.count() == 1


def test_moving_to_a_parent_of_the_wrong_level_is_refused(seed1_form: Form) -> None:
    doc = Document(seed1_form)
    assert operations.move_node_to(doc, path=(0, 0, 0), new_parent=(1,), new_row=0) is None
    assert operations.move_node(doc, path=(2,), delta=1) is None  # the last 一级
    assert operations.move_node(doc, path=(0, 0), delta=-1) is None  # nothing before it
    assert doc.undo_stack.count() == 0


def test_unchanged_value_pushes_nothing(seed1_form: Form) -> None:
    doc = Document(seed1_form)
    assert not operations.set_value(doc, path=None, field="project_name", value="项目服务管理")
    assert doc.undo_stack.count() == 0


def test_new_level1_names_come_from_the_catalogue() -> None:
    doc = Document()
    path = operations.add_node(doc, parent=())
    assert doc.form.level1[path[0]].name == "成本指标"  # the 2021 regional 一级
    path = operations.add_node(doc, parent=())
    assert doc.form.level1[path[0]].name == ""  # catalogue used up: the user names it


def test_a_refused_value_inside_a_macro_leaves_the_stack_usable(seed1_form: Form) -> None:
    doc = Document(seed1_form)
    # pydantic refuses a year out of range, before anything reaches the undo stack
    with pytest.raises(ValueError), doc.macro("坏的宏"):
        operations.set_value(doc, path=None, field="project_name", value="甲")
        operations.set_value(doc, path=None, field="year", value=123)
    assert doc.form.year == 2023
    operations.set_value(doc, path=None, field="department", value="乙")
    assert doc.undo_stack.count() == 2  # the macro was closed; the next edit is its own step
    doc.undo()
    assert doc.form.department == "上海市松江区科学技术委员会"
    doc.undo()  # the macro holds only the edit that worked
    assert doc.form == form_from_flat(load_fixture_json(1))
    assert doc.undo_stack.isClean()


def test_printing_actions_go_through_the_operations(window: Any, monkeypatch: Any) -> None:
    """打印预览 / 打印 / 导出 PDF call ``ui/operations.py`` like every other intent."""
    calls: list[tuple[str, object, object]] = []
    for name in ("show_print_preview", "print_form", "export_pdf"):
        monkeypatch.setattr(
            operations, name, lambda doc, *, parent, n=name: calls.append((n, doc, parent))
        )
    for action in ("print_preview", "print", "export_pdf"):
        window.actions_by_name[action].trigger()
    assert calls == [
        ("show_print_preview", window.document, window),
        ("print_form", window.document, window),
        ("export_pdf", window.document, window),
    ]


@pytest.mark.parametrize(
    ("path", "field", "typed"),
    [(None, "project_name", ["科", "科技", "科"]), ((0, 0, 0), "score", [Decimal(1), Decimal(2)])],
)
def test_typing_back_the_original_leaves_nothing_to_undo(
    path: tuple[int, ...] | None, field: str, typed: list[object]
) -> None:
    document = Document(form_from_flat(load_fixture_json(1)))
    owner, attr = operations.resolve_owner(document.form, path, field)
    original = getattr(owner, attr)
    for value in [*typed, original]:
        operations.set_value(document, path=path, field=field, value=value, merge=True)
    assert getattr(owner, attr) == original
    assert not document.undo_stack.canUndo()
    assert document.undo_stack.isClean()
