"""The .pev file: lossless round trips, and every kind of bad file refused in Chinese."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui.io.errors import FormFileError
from perfeval_gui.io.flat import form_from_flat, form_to_flat
from perfeval_gui.io.pev import MAX_FILE_BYTES, dumps_pev, load_pev, loads_pev, save_pev
from perfeval_gui.model.form import Form, Indicator, QualitativeGrade, standard_form
from tests.strategies import forms


def _document(form: Form) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps_pev(form))
    return data


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ round trips


def test_file_shape_and_decimals_as_strings(seed1_flat: dict[str, Any]) -> None:
    document = _document(form_from_flat(seed1_flat))
    assert list(document) == ["format", "schema_version", "form"]
    assert document["format"] == "perfeval-form"
    assert document["schema_version"] == 3
    first = document["form"]["level1"][0]["children"][0]["indicators"][0]
    assert first["name"] == "每月发送量"
    assert first["weight"] == "5"
    assert document["form"]["funds"]["total"]["adjusted"] == "152919.80"
    assert document["form"]["funds"]["carried_over"]["executed"] is None


def test_text_is_readable_utf8_not_escaped() -> None:
    text = dumps_pev(standard_form(2024))
    assert "产出指标" in text
    assert "\\u" not in text
    assert text.endswith("\n")


def test_seed_forms_round_trip_flat_pev_flat(seed_flat: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "seed.pev"
    save_pev(form_from_flat(seed_flat), path)
    assert form_to_flat(load_pev(path)) == form_to_flat(form_from_flat(seed_flat))
    # Every typed value survives, verbatim, including the trailing zeros of amounts.
    again = form_to_flat(load_pev(path))
    for key in ("project_name", "funds", "goals", "indicators"):
        assert again[key] == seed_flat[key]


@settings(max_examples=60, deadline=None)
@given(form=forms())
def test_any_form_survives_save_and_load(form: Form) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "表单.pev"
        save_pev(form, path)
        loaded = load_pev(path)
    assert loaded == form
    assert dumps_pev(loaded) == dumps_pev(form)  # same digits, not just equal numbers


def test_qualitative_grade_and_print_options_survive(tmp_path: Path) -> None:
    form = standard_form(2023)
    form.level1[2].children[0].indicators.append(
        Indicator(name="满意度", target="≥90%", actual="良好", grade=QualitativeGrade.PARTIAL)
    )
    form.print_options.first_page_number = 10
    form.print_options.signature_block = True
    form.budget_weight = Decimal("10.50")
    save_pev(form, tmp_path / "a.pev")
    loaded = load_pev(tmp_path / "a.pev")
    assert loaded.level1[2].children[0].indicators[0].grade is QualitativeGrade.PARTIAL
    assert loaded.print_options.first_page_number == 10
    assert loaded.print_options.signature_block
    assert str(loaded.budget_weight) == "10.50"


def test_save_keeps_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "项目.pev"
    first = standard_form(2022)
    second = standard_form(2023)
    save_pev(first, path)
    save_pev(second, path)
    assert load_pev(path).year == 2023
    assert load_pev(tmp_path / "项目.pev.bak").year == 2022


def test_save_failing_half_way_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "form.pev"
    save_pev(standard_form(2022), path)
    before = path.read_bytes()

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(FormFileError, match="磁盘空间不足"):
        save_pev(standard_form(2023), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_pev(path).year == 2022
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.pev"]


@pytest.mark.parametrize(
    ("failing_write", "bak_year"),
    [(1, 2021), (2, 2022)],
    ids=["while-making-the-backup", "while-writing-the-form"],
)
def test_save_failing_during_write_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_write: int, bak_year: int
) -> None:
    path = tmp_path / "form.pev"
    save_pev(standard_form(2021), path)
    save_pev(standard_form(2022), path)
    real_fdopen = os.fdopen
    writes: list[int] = []

    class HalfWriter:
        """A temp file stream whose n-th ``write`` stops half-way with an I/O error."""

        def __init__(self, fd: int, mode: str) -> None:
            self._stream = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self._stream.close()

        def write(self, data: bytes) -> int:
            writes.append(1)
            if len(writes) < failing_write:
                return self._stream.write(data)
            self._stream.write(data[: len(data) // 2])
            raise OSError(5, "Input/output error")

        def flush(self) -> None:
            self._stream.flush()

        def fileno(self) -> int:
            return self._stream.fileno()

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with pytest.raises(FormFileError, match="写入失败"):
        save_pev(standard_form(2023), path)
    monkeypatch.undo()
    assert load_pev(path).year == 2022
    assert load_pev(tmp_path / "form.pev.bak").year == bak_year
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.pev", "form.pev.bak"]


def test_unencodable_text_is_refused_before_touching_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.pev"
    save_pev(standard_form(2022), path)
    form = standard_form(2023)
    form.project_name = "坏\udc80字符"
    with pytest.raises(FormFileError, match="无法保存的字符"):
        save_pev(form, path)
    assert load_pev(path).year == 2022


# ------------------------------------------------------------------ bad files


def _valid_document() -> dict[str, Any]:
    return _document(standard_form(2023))


def _with_indicator(**fields: object) -> dict[str, Any]:
    document = _valid_document()
    row = {**Indicator(name="行").model_dump(mode="json"), **fields}
    document["form"]["level1"][0]["children"][1]["indicators"] = [
        Indicator().model_dump(mode="json"),
        row,
    ]
    return document


BAD_DOCUMENTS: list[tuple[str, object, str]] = [
    ("not-an-object", [1, 2, 3], "不是 perfeval 自评表文件"),
    ("wrong-marker", {**_valid_document(), "format": "other"}, "格式标记"),
    ("flat-json", {"project_name": "x", "indicators": []}, "扁平 JSON"),
    (
        "newer-version",
        {**_valid_document(), "schema_version": 4},
        "此文件由更新版本的 perfeval 保存（格式版本 4），请升级软件后再打开",
    ),
    ("version-as-text", {**_valid_document(), "schema_version": "2"}, "格式版本号"),
    ("version-zero", {**_valid_document(), "schema_version": 0}, "格式版本 0 无效"),
    ("missing-form", {"format": "perfeval-form", "schema_version": 2}, "缺少表单内容"),
    ("extra-envelope-key", {**_valid_document(), "extra": 1}, "不认识的顶层键：extra"),
    (
        "wrong-weight-type",
        _with_indicator(weight="五分"),
        "一级“产出指标” › 二级“质量指标” › 第 2 行“行” › 分值：应为数字（文件中为“五分”）",
    ),
    (
        "wrong-name-type",
        _with_indicator(name=3),
        "一级“产出指标” › 二级“质量指标” › 第 2 行 › 三级指标名称：应为文本（文件中为“3”）",
    ),
    ("bad-grade", _with_indicator(grade="优"), "第 2 行“行” › 完成等级：应为以下之一"),
    ("unknown-field", _with_indicator(colour="red"), "第 2 行“行” › colour：不认识的字段"),
    ("infinite-score", _with_indicator(score="Infinity"), "第 2 行“行” › 得分：应为有限的数字"),
]


@pytest.mark.parametrize(
    ("document", "message"),
    [(d, m) for _, d, m in BAD_DOCUMENTS],
    ids=[i for i, _, _ in BAD_DOCUMENTS],
)
def test_bad_content_is_refused(tmp_path: Path, document: object, message: str) -> None:
    path = _write(tmp_path / "bad.pev", document)
    with pytest.raises(FormFileError) as info:
        load_pev(path)
    assert message in str(info.value)
    assert "bad.pev" in str(info.value)


def test_missing_keys_are_named() -> None:
    document = _valid_document()
    del document["form"]["goals"]
    del document["form"]["level1"][1]["children"][2]["name"]
    with pytest.raises(FormFileError) as info:
        loads_pev(json.dumps(document), source="x.pev")
    assert "年度总体目标：缺少此项" in str(info.value)
    assert "一级“效益指标” › 第 3 个二级指标 › 名称：缺少此项" in str(info.value)


def test_unknown_scoring_profile_is_refused() -> None:
    document = _valid_document()
    document["form"]["scoring_profile"] = "beijing-2030"
    with pytest.raises(FormFileError, match="评分规则“beijing-2030”未知"):
        loads_pev(json.dumps(document))


def test_out_of_range_year_names_the_bound() -> None:
    document = _valid_document()
    document["form"]["year"] = 10000
    with pytest.raises(FormFileError, match="年度：不能大于 9999"):
        loads_pev(json.dumps(document))


def test_many_errors_are_summarised() -> None:
    document = _valid_document()
    for key in ("title", "project_name", "department", "implementing_unit", "amount_unit"):
        document["form"][key] = []
    with pytest.raises(FormFileError, match="另有 2 处问题"):
        loads_pev(json.dumps(document))


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.pev"
    save_pev(standard_form(2023), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormFileError, match="文件不完整"):
        load_pev(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 4, "二进制数据"),
        (b"PK\x03\x04" + bytes(100), "Excel"),
        ('{"项目": 1}'.encode("gbk"), "不是 perfeval 保存的表格，或已损坏（文字编码不对）"),
        (b"", "文件是空的"),
        (b"   \n", "文件是空的"),
        (b'{"format": "perfeval-form"', "文件不完整"),
        (b'{"a": 1, "a": 2}', "键“a”重复出现"),
        (b'{"x": NaN}', "无效的数值“NaN”"),
        (b"[" * 100_000, "嵌套层次过深"),
        (b"not json at all", "不是有效的 JSON"),
    ],
    ids=["binary", "zip", "gbk", "empty", "blank", "cut", "dup-key", "nan", "deep", "text"],
)
def test_garbage_is_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "garbage.pev"
    path.write_bytes(data)
    with pytest.raises(FormFileError, match=message):
        load_pev(path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.pev"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_pev(standard_form(2023)).encode())
    assert load_pev(path) == standard_form(2023)


def test_huge_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.pev"
    with path.open("wb") as stream:  # sparse: 4 GiB that use no disk space
        stream.truncate(4 * 1024**3)
    bytes_read: list[int] = []
    real_open = Path.open

    def recording_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        stream = real_open(self, *args, **kwargs)
        real_read = stream.read

        def read(size: int = -1) -> bytes:
            data: bytes = real_read(size)
            bytes_read.append(len(data))
            return data

        stream.read = read
        return stream

    monkeypatch.setattr(Path, "open", recording_open)
    with pytest.raises(FormFileError, match=r"文件过大（4096\.0 MiB，上限 20 MiB）"):
        load_pev(path)
    assert sum(bytes_read) == 0


def test_huge_text_is_refused() -> None:
    with pytest.raises(FormFileError, match="文件过大"):
        loads_pev(" " * (MAX_FILE_BYTES + 1))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FormFileError, match="不存在"):
        load_pev(tmp_path / "nope.pev")
    with pytest.raises(FormFileError, match="文件夹"):
        load_pev(tmp_path)


def test_loads_names_the_source() -> None:
    with pytest.raises(FormFileError, match=r"无法处理文件“来源\.pev”"):
        loads_pev("{", source="来源.pev")


# ------------------------------------------------------------------ never a traceback

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.sampled_from(["5", "4.50", "-1", "1e400", "NaN", "", "达成年度指标", "万元"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(document: object) -> list[tuple[str | int, ...]]:
    """Every position in a JSON document, as a key/index path."""
    found: list[tuple[str | int, ...]] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        found.append(path)
        if isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return found


_SEED_DOCUMENT = json.loads(
    (Path(__file__).parents[1] / "data" / "v1-seed-form-1.pev").read_text(encoding="utf-8")
)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), version=st.sampled_from([1, 2]))
def test_any_damaged_document_loads_or_is_refused_cleanly(
    data: st.DataObject, version: int
) -> None:
    document = copy.deepcopy(_SEED_DOCUMENT)
    if version == 2:
        document = _document(loads_pev(json.dumps(document)))
    path = data.draw(st.sampled_from(_paths(document)))
    replacement = data.draw(_JSON_VALUES)
    if path:
        parent: Any = document
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = replacement
    else:
        document = replacement
    try:
        form = loads_pev(json.dumps(document, ensure_ascii=False), source="damaged.pev")
    except FormFileError as exc:
        assert "damaged.pev" in str(exc)
    else:
        assert isinstance(form, Form)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_load_or_are_refused_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.pev"
        path.write_bytes(data)
        with pytest.raises(FormFileError):
            load_pev(path)


@pytest.mark.parametrize("version", [1, 2])
def test_deeply_nested_values_are_refused(version: int) -> None:
    nested = "[" * 900 + "]" * 900
    text = (
        f'{{"format": "perfeval-form", "schema_version": {version}, "form": {{"title": {nested}}}}}'
    )
    with pytest.raises(FormFileError, match="嵌套层次过深"):
        loads_pev(text)


@pytest.mark.parametrize("value", ["1e999999", "123456789012345678901", "-1E+25"])
def test_absurdly_large_numbers_are_refused(value: str) -> None:
    # A finite decimal that no sum or rounding can handle: refused, not a traceback later.
    document = _valid_document()
    indicator = {"name": "x", "target": "", "actual": "", "weight": "5", "score": value}
    indicator |= {"deviation_note": "", "grade": None, "target_nature": "", "target_unit": ""}
    document["form"]["level1"][0]["children"][0]["indicators"] = [indicator]
    with pytest.raises(FormFileError, match="第 1 行“x” › 得分：数值过大"):
        loads_pev(json.dumps(document))


def test_twenty_digit_amounts_still_load() -> None:
    document = _valid_document()
    document["form"]["funds"]["other"]["executed"] = "99999999999999999999.99"
    form = loads_pev(json.dumps(document))
    assert form.funds.other.executed == Decimal("99999999999999999999.99")
