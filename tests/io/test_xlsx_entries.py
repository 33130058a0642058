"""MAX_ENTRIES: a workbook whose zip lists more parts than any form has is refused from the
zip directory, before a part is read; at the limit it is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.xlsx_import import read_workbook
from perfeval_gui.io.xlsx_safety import MAX_ENTRIES
from tests.hostile_inputs import example_xlsx, zip_bytes, zip_parts


def _with_entries(total: int) -> bytes:
    parts = zip_parts(example_xlsx())
    extra = total - len(parts)
    assert extra > 0
    parts.update({f"customXml/item{n}.xml": b"<a/>" for n in range(extra)})
    return zip_bytes(parts)


def test_one_entry_over_the_limit_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    path.write_bytes(_with_entries(MAX_ENTRIES + 1))
    with pytest.raises(FormFileError, match=f"压缩包内文件过多（{MAX_ENTRIES + 1} 个）"):
        read_workbook(path)


def test_a_workbook_at_the_limit_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "at-limit.xlsx"
    path.write_bytes(_with_entries(MAX_ENTRIES))
    assert read_workbook(path)[0].form.project_name
