"""The deadline calculator against a hand-counted table covering every rule code.

The table and the hand counts behind each expected date are in ``deadline_cases.py``. Here:
the table itself, a check that it names every code of ``time_rules.toml`` (so a new rule
without a case fails), what the explanation says for a handful of cases, and the CLI.
"""

from __future__ import annotations

import importlib
import re

import pytest

from fazhi.core.data.check_time_rules import load_rules
from fazhi.core.deadlines import DeadlineInputError, calculate

from .deadline_cases import CASES

pytestmark = pytest.mark.django_db

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize(("code", "start", "kwargs", "expected"), CASES)
def test_deadline(code, start, kwargs, expected):
    if ISO.match(expected.removesuffix(" 待公布")):
        ans = calculate(code, start, **kwargs)
        shown = ans.due.isoformat() + (" 待公布" if ans.provisional else "")
        assert shown == expected
    else:
        with pytest.raises(DeadlineInputError) as exc:
            calculate(code, start, **kwargs)
        assert str(exc.value) == expected


def test_every_rule_code_has_a_case():
    table = {p.values[0] for p in CASES}
    codes = {r["code"] for r in load_rules()}
    assert len(codes) >= 105
    assert sorted(codes - table) == []


def test_every_rule_code_has_a_computed_case():
    """Every rule whose version has a period has at least one case with a due date."""
    computed = {p.values[0] for p in CASES if ISO.match(p.values[3])}
    periodic = {r["code"] for r in load_rules() if any(v["unit"] != "NONE" for v in r["version"])}
    assert sorted(periodic - computed) == []


# -- what the explanation says ------------------------------------------------------------------

LINES = [
    pytest.param(
        "GK-4",
        "2019-09-27",
        {},
        [
            "规则：GK-4 ",
            "适用自 2019-05-15 起施行的版本",
            "起算事件日为2019年9月27日（星期五），当日不计入，自次日起计算20个工作日"
            "（《中华人民共和国民法总则》第二百零一条）",
            "2019年9月29日（星期日）为调休上班日（国庆节），计为工作日",
            "经过国庆节放假（2019年10月1日至2019年10月7日，共7天），放假日不计为工作日"
            "（期间内7天，其中周一至周五5天）",
            "2019年10月12日（星期六）为调休上班日（国庆节），计为工作日",
            "期限届满日：2019年10月30日（星期三）",
        ],
        id="GK-4-natday2019",
    ),
    pytest.param(
        "GK-4",
        "2019-05-10",
        {},
        [
            "期限：15个工作日",
            "适用自 2008-05-01 起施行的版本",
            "期限届满日：2019年5月31日（星期五）",
        ],
        id="GK-4-2007-version",
    ),
    pytest.param(
        "XK-4",
        "2020-01-10",
        {},
        [
            "2020年1月19日（星期日）为调休上班日（春节），计为工作日",
            "经过春节放假（2020年1月24日至2020年2月2日，共10天），放假日不计为工作日"
            "（期间内10天，其中周一至周五6天）",
        ],
        id="XK-4-spring2020-covid",
    ),
    pytest.param(
        "QZ-2",
        "2020-09-25",
        {},
        [
            "2020年9月27日（星期日）为调休上班日（国庆节、中秋节），计为工作日",
            "经过国庆节、中秋节放假（2020年10月1日至2020年10月8日，共8天）",
            "2020年10月10日（星期六）为调休上班日（国庆节、中秋节），计为工作日",
        ],
        id="QZ-2-natday2020-merged",
    ),
    pytest.param(
        "XK-8",
        "2019-09-26",
        {},
        [
            "经过国庆节放假（2019年10月1日至2019年10月7日，共7天），按自然日计算，"
            "放假日照常计入期间",
            "期间最后一日2019年10月1日（星期二）为国庆节放假日，顺延至其后第一个工作日"
            "2019年10月8日（星期二）（《中华人民共和国民法总则》第二百零三条）",
        ],
        id="XK-8-cd-roll",
    ),
    pytest.param(
        "CF-2",
        "2023-07-04",
        {},
        [
            "期间最后一日2023年10月2日（星期一）为中秋节、国庆节放假日，顺延至其后第一个工作日"
            "2023年10月7日（星期六）（《中华人民共和国民法典》第二百零三条）",
        ],
        id="CF-2-civil-code-2023",
    ),
    pytest.param(
        "RD-1",
        "2019-11-30",
        {},
        [
            "期间最后一日2020年2月29日（星期六）为休息日，顺延至其后第一个工作日"
            "2020年3月2日（星期一）",
            "期限届满日：2020年3月2日（星期一）（《中华人民共和国民法总则》第二百零二条）",
        ],
        id="RD-1-month-roll",
    ),
    pytest.param(
        "GK-4",
        "2019-09-27",
        {"pauses": ["2019-10-14..2019-10-18"]},
        ["中止：2019年10月14日至2019年10月18日，不计入期限5个工作日"],
        id="GK-4-pause",
    ),
    pytest.param(
        "GK-4",
        "2019-09-27",
        {"extend": 20},
        ["期限经批准延长20个工作日，自同一起算日共计40个工作日"],
        id="GK-4-extend",
    ),
    pytest.param(
        "GK-4",
        "2019-09-27",
        {"restart": "2019-10-10"},
        ["自2019年10月10日（星期四）重新起算，当日不计入，此前经过的期间不再计算"],
        id="GK-4-restart",
    ),
    pytest.param(
        "XK-10",
        "2019-10-31",
        {},
        [
            "期间最后一日2019年10月1日（星期二）为国庆节放假日，提前至其前最后一个工作日"
            "2019年9月30日（星期一）（本平台做法：事前期限不因休息日缩短）",
            "最迟应于2019年9月30日（星期一）完成",
        ],
        id="XK-10-backward",
    ),
    pytest.param(
        "GK-8",
        "2019-12-31",
        {},
        ["2019年度事项，按固定日期计算：次年1月31日前", "期限届满日：2020年1月31日（星期五）"],
        id="GK-8-annual",
    ),
    pytest.param(
        "RX-1",
        "2019-04-30",
        {},
        ["⚠ 该规则未经确认，仅供参考，不作为法律依据。"],
        id="RX-1-unconfirmed",
    ),
]


@pytest.mark.parametrize(("code", "start", "kwargs", "expected"), LINES)
def test_explanation_lines(code, start, kwargs, expected):
    ans = calculate(code, start, **kwargs)
    text = "\n".join(ans.lines)
    for fragment in expected:
        assert fragment in text, f"{fragment!r} not in:\n{text}"


def test_annual_dates_are_never_rolled():
    """GK-8 2019 falls on a Spring Festival holiday, and the explanation does not move it."""
    ans = calculate("GK-8", "2019-12-31")
    assert [s["kind"] for s in ans.steps] == ["start", "due"]


# -- the CLI ----------------------------------------------------------------------------------


def _main():
    # Imported at run time: the kernel (fazhi.core) must not import the CLI module statically.
    return importlib.import_module("fazhi.cli").main


def test_cli_prints_the_due_date_first(capsys):
    assert _main()(["deadline", "GK-4", "2019-09-27"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2019-10-30"
    assert any("国庆节" in line for line in out[1:])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ZZ-9", "2019-09-27"], "未知的期限规则代码：ZZ-9（fazhi deadline --list 列出全部代码）"),
        (["GK-4", "2019-9-27x"], "起算日不是有效日期（应为 YYYY-MM-DD）：2019-9-27x"),
        (
            ["GK-4", "2019-09-27", "--pause", "2019-12-01..2019-12-05"],
            "中止期间2019年12月1日至2019年12月5日不在期限之内"
            "（自2019年9月27日次日起至2019年10月30日）。",
        ),
        (
            ["GK-4", "2019-09-27", "--extend", "21"],
            "延长期限超过上限：最多可延长20个工作日，申请延长21。",
        ),
        (
            ["GK-4", "2030-03-01"],
            "工作日历未收录 2030 年（国务院办公厅尚未发布或尚未录入该年放假安排），无法计算。",
        ),
    ],
    ids=["unknown-code", "not-a-date", "pause-outside", "extend-over-max", "year-2030"],
)
def test_cli_bad_input_is_one_line_and_exit_2(capsys, args, message):
    assert _main()(["deadline", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"fazhi deadline: {message}"]


def test_cli_gives_a_provisional_date_into_an_unannounced_year(capsys):
    """A clock never blocks the act: into 2027 (not announced) the calculator answers on
    plain weeks, marks the date 待公布 and says why — exit 0."""
    assert _main()(["deadline", "XK-3", "2026-12-20"]) == 0
    out = capsys.readouterr().out.splitlines()
    # 2026-12-20 (Sun): 12/21..25=1..5, 12/28..31=6..9, then plain weeks: 2027-01-01 (Fri)=10,
    # 1/4..8=11..15, 1/11..15=16..20
    assert out[0] == "2027-01-15 待公布"
    assert "2027年放假安排尚未公布，暂按周末推算，公布后自动重新计算（待公布）" in out
