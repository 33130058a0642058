"""Clipboard text from Excel, WPS or a text editor: quotes only unquote whole cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.ui.paste import parse_tsv, to_tsv


def test_a_quote_inside_the_text_is_kept() -> None:
    assert parse_tsv('"优秀"评价\t5\n第二行\t3\n') == [['"优秀"评价', "5"], ["第二行", "3"]]


def test_an_unclosed_quote_does_not_swallow_the_other_rows() -> None:
    # Copied from a text editor: before, all four cells ended up in the first one.
    assert parse_tsv('"及时\t5\n第二行\t3\n') == [['"及时', "5"], ["第二行", "3"]]


def test_excel_quoted_cells_with_breaks_tabs_and_quotes() -> None:
    text = '"第一行\r\n第二行"\t"a\tb"\t"说""好"""\r\n'
    assert parse_tsv(text) == [["第一行\n第二行", "a\tb", '说"好"']]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet='ab"\t\n 优', max_size=6), min_size=2, max_size=4),
        min_size=1,
        max_size=4,
    )
)
def test_what_the_editor_copies_pastes_back_unchanged(lines: list[list[str]]) -> None:
    assert parse_tsv(to_tsv(lines)) == lines
