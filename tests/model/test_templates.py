"""Form templates: every shipped template is valid and drives the rules; user templates."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfeval_gui.model.checks import run_checks
from perfeval_gui.model.form import Amounts, Form, Funds, Indicator, Level1, Level2, target_text
from perfeval_gui.model.profiles import DEFAULT_PROFILE
from perfeval_gui.model.scoring import compute_totals, suggest_score
from perfeval_gui.model.template_catalog import (
    DEFAULT_TEMPLATE_KEY,
    UnknownTemplateError,
    get_template,
    read_template_file,
    reload_templates,
    template_problems,
    templates,
)
from perfeval_gui.model.templates import IndicatorColumn

SHIPPED = ("shanghai", "sichuan", "yunnan", "hubei", "ningxia")


@pytest.fixture
def user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PERFEVAL_TEMPLATE_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    reload_templates()
    yield tmp_path
    monkeypatch.undo()
    reload_templates()


def test_every_required_template_is_shipped() -> None:
    assert set(SHIPPED) <= set(templates())
    assert next(iter(templates())) == DEFAULT_TEMPLATE_KEY


def test_twenty_point_budget_row_template_adds_up_to_100() -> None:
    hubei = get_template("hubei")
    assert hubei.budget_weight == 20
    assert hubei.budget_weight + sum(hubei.level1_weights.values()) == 100


@pytest.mark.parametrize("key", SHIPPED)
def test_shipped_weights_add_up_to_the_total(key: str) -> None:
    template = get_template(key)
    assert template.budget_weight + sum(template.level1_weights.values()) == template.weight_total


def test_yunnan_splits_the_target_into_three_columns() -> None:
    keys = [c.key for c in get_template("yunnan").indicator_columns]
    i = keys.index(IndicatorColumn.TARGET_NATURE)
    assert keys[i : i + 3] == [
        IndicatorColumn.TARGET_NATURE,
        IndicatorColumn.TARGET,
        IndicatorColumn.TARGET_UNIT,
    ]
    assert get_template("yunnan").split_target
    assert not get_template("shanghai").split_target


def test_sichuan_labels() -> None:
    sichuan = get_template("sichuan")
    assert sichuan.label("weight") == "权重"
    assert sichuan.label("deviation_note") == "未完成原因分析"
    assert sichuan.label("special_account") == "财政专户管理资金"
    assert sichuan.label("weight_total") == "合计"
    assert [b.label for b in sichuan.blocks] == ["评价结论", "存在问题", "改进措施"]
    assert sichuan.report_code == "510000_0013zp"


@pytest.mark.parametrize(
    ("nature", "value", "unit", "text"),
    [
        ("≧", "735", "人次", "≥735人次"),
        ("≦", "5", "%", "≤5%"),
        ("＝", "100", "%", "=100%"),
        ("═", "1", "项", "=1项"),
        ("定性", "优", "", "优"),
        ("", "≥90", "%", "≥90%"),
        ("大于等于", "12", "次", "≥12次"),
    ],
)
def test_split_target_reads_as_one_text(nature: str, value: str, unit: str, text: str) -> None:
    ind = Indicator(target_nature=nature, target=value, target_unit=unit)
    assert target_text(ind) == text


def test_split_target_is_scored_like_the_single_text() -> None:
    split = Indicator(target_nature="≧", target="735", target_unit="人次", actual="700人次")
    split = split.model_copy(update={"weight": Decimal(10)})
    single = Indicator(target="≥735人次", actual="700人次", weight=Decimal(10))
    assert suggest_score(split, DEFAULT_PROFILE) == suggest_score(single, DEFAULT_PROFILE)
    suggestion = suggest_score(split, DEFAULT_PROFILE)
    assert suggestion is not None
    assert suggestion.met is False


def _form(template: str, level1: dict[str, Decimal], budget_weight: Decimal) -> Form:
    return Form(
        template=template,
        project_name="p",
        department="d",
        implementing_unit="u",
        budget_weight=budget_weight,
        funds=Funds(total=Amounts(adjusted=Decimal(100), executed=Decimal(80))),
        level1=[
            Level1(
                name=name,
                children=[
                    Level2(
                        name="x",
                        indicators=[Indicator(name=f"{name}1", weight=w, score=w, target="t")],
                    )
                ],
            )
            for name, w in level1.items()
        ],
    )


def _codes(form: Form) -> set[str]:
    return {f.code for f in run_checks(form)}


def test_level1_weights_follow_the_template() -> None:
    split = {"产出指标": Decimal(40), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
    assert "level1-weight-unusual" not in _codes(_form("hubei", split, Decimal(20)))
    codes = _codes(_form("shanghai", split, Decimal(20)))
    assert {"level1-weight-unusual", "budget-weight-unusual"} <= codes


def test_level1_labels_with_score_suffix_and_line_breaks_are_checked() -> None:
    split = {"产出指标(50分)": Decimal(40), "效益指标": Decimal(30), "满意度\n指标": Decimal(20)}
    found = [f for f in run_checks(_form("shanghai", split, Decimal(10))) if f.path == (0,)]
    assert [f.code for f in found] == ["level1-weight-unusual"]
    assert "level1-nonstandard" not in _codes(_form("shanghai", split, Decimal(10)))


def test_sichuan_low_rate_needs_a_reason() -> None:
    split = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
    form = _form("sichuan", split, Decimal(10))  # 执行率 80 %
    assert "low-rate-no-reason" in _codes(form)
    assert "low-rate-no-reason" not in _codes(form.model_copy(update={"funds_note": "项目延期"}))
    assert "low-rate-no-reason" not in _codes(form.model_copy(update={"template": "shanghai"}))


def test_unknown_template_is_an_error_finding() -> None:
    form = Form(template="atlantis")
    assert "template-unknown" in _codes(form)
    with pytest.raises(UnknownTemplateError, match="未知的表样模板“atlantis”"):
        get_template("atlantis")


def test_budget_score_uses_the_form_weight() -> None:
    split = {"产出指标": Decimal(40), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
    totals = compute_totals(_form("hubei", split, Decimal(20)))
    assert totals.budget_score == Decimal(16)
    assert totals.weight_total == 100


def test_user_template_is_found(user_templates: Path) -> None:
    text = (Path(__file__).parents[2] / "resources" / "templates" / "hubei.toml").read_text(
        encoding="utf-8"
    )
    text = text.replace('key = "hubei"', 'key = "my-county"').replace(
        'name = "湖北（预算执行率 20 分）"', 'name = "本县"'
    )
    (user_templates / "mine.toml").write_text(text, encoding="utf-8")
    reload_templates()
    assert get_template("my-county").name == "本县"
    assert template_problems() == ()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("key = ", "TOML 格式有误"),
        ('key = "x"\nname = "x"\n', "fund_rows"),
        (b"\xff\xfe", "UTF-8"),
        (
            'key = "x"\nname = "x"\nfund_rows = [{ key = "other", label = "a" }]\n'
            "fund_columns = []\nindicator_columns = []\n",
            "资金总额",
        ),
    ],
)
def test_malformed_user_template_is_reported(
    user_templates: Path, content: str | bytes, reason: str
) -> None:
    path = user_templates / "bad.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    reload_templates()
    problems = template_problems()
    assert len(problems) == 1
    assert "bad.toml" in problems[0]
    assert reason in problems[0]
    assert set(SHIPPED) <= set(templates())  # the others still work
    with pytest.raises(ValueError, match="无法使用"):
        read_template_file(path)


def test_findings_speak_the_template_words() -> None:
    from tests.template_forms import filled_form

    messages = [f.message for f in run_checks(filled_form("sichuan"))]
    assert any("未完成原因分析只写了“无”" in m for m in messages)
    assert not any("偏差原因分析" in m for m in messages)
    shanghai = [f.message for f in run_checks(filled_form("shanghai"))]
    assert any("偏差原因分析只写了“无”" in m for m in shanghai)
