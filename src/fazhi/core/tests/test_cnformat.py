"""Tests for :mod:`fazhi.core.cnformat`: every figure style in the seed report.

Seed: the 芙蓉区 2019 法治政府建设 report (docs/reference/seed-figures.md).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.core.cnformat import (
    count,
    fmt_approx,
    fmt_cn_int,
    fmt_count,
    fmt_counts,
    fmt_date,
    fmt_month,
    fmt_percent,
    fmt_quantity,
    fmt_rmb_upper,
    fmt_share,
    fmt_wan,
    fmt_wan_yuan,
    fmt_workdays,
    fmt_yi_yuan,
    fmt_yuan,
    yuan_from_fen,
)

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "furong-2019-report.txt"

# Every plain count in the seed, written in full (no 万, no separators).
PLAIN_COUNTS = [
    (8130, "起"),
    (330, "项"),
    (1004, "项"),
    (96, "个"),
    (227, "项"),
    (1049, "件"),
    (175, "份"),
    (79, "个"),
    (47, "件"),
    (121947, "人次"),
    (1202, "次"),
    (5810, "起"),
    (310, "次"),
    (295, "起"),
    (13051, "批次"),
    (74669, "条"),
    (8132, "家"),
    (260, "家"),
    (80, "起"),
    (155, "件"),
    (268, "个"),
    (130, "件"),
    (115, "件"),
    (173, "件"),
    (44, "件"),
    (3611, "件"),
    (88, "件"),
    (54, "件"),
    (143, "件"),
]


@pytest.mark.parametrize(("n", "unit"), PLAIN_COUNTS)
def test_plain_counts(n: int, unit: str) -> None:
    assert fmt_count(n, unit) == f"{n}{unit}"
    assert count(n, unit) == f"{n}{unit}"


def test_named_counts() -> None:
    assert fmt_count(8130, "起") == "8130起"
    assert fmt_count(121947, "人次") == "121947人次"
    assert fmt_count(13051, "批次") == "13051批次"
    assert fmt_count(1049) == "1049件"


def test_wan_only_when_asked() -> None:
    assert fmt_count(24000, "件", wan=True) == "2.4万件"
    assert fmt_wan(24000, places=1, unit="件") == "2.4万件"
    assert fmt_wan(24321, places=1, unit="件") == "2.4万件"
    assert fmt_wan(24500, places=1) == "2.5万件"  # half-up
    assert fmt_wan(20000) == "2万件"
    assert fmt_wan(20000, strip_zeros=False) == "2.0万件"
    assert fmt_count(24000, "件") == "24000件"


def test_money_in_wan_yuan_exact() -> None:
    assert fmt_wan_yuan(Decimal("7678821")) == "767.8821万元"
    assert fmt_wan_yuan(Decimal("5330300")) == "533.03万元"
    assert fmt_wan_yuan(Decimal("253500")) == "25.35万元"
    assert fmt_wan_yuan(Decimal("63091100")) == "6309.11万元"
    assert fmt_wan_yuan(7678821) == "767.8821万元"
    assert fmt_wan_yuan(fen=767882100) == "767.8821万元"
    assert fmt_wan_yuan(Decimal("7678821.00")) == "767.8821万元"
    assert fmt_wan_yuan(Decimal("10000")) == "1万元"
    assert fmt_wan_yuan(Decimal("0")) == "0万元"


def test_money_approx_with_yu() -> None:
    assert fmt_wan_yuan(Decimal("2593456.78"), approx=True) == "259万余元"
    assert fmt_wan_yuan(2590001, approx=True) == "259万余元"
    assert fmt_wan_yuan(2599999, approx=True) == "259万余元"
    assert fmt_wan_yuan(2590000, approx=True) == "259万元"  # nothing cut off → no 余
    assert fmt_wan_yuan(Decimal("5330300"), places=0) == "533万元"
    assert fmt_wan_yuan(Decimal("5335300"), places=1) == "533.5万元"


def test_money_in_yi_yuan() -> None:
    assert fmt_yi_yuan(Decimal("260000000")) == "2.6亿元"
    assert fmt_yi_yuan(Decimal("259800000"), places=1) == "2.6亿元"
    assert fmt_yi_yuan(Decimal("263000000"), places=1, approx=True) == "2.6亿余元"
    assert fmt_yi_yuan(Decimal("260000000"), places=1, approx=True) == "2.6亿元"
    assert fmt_yuan(Decimal("7678821")) == "7678821元"
    assert yuan_from_fen(12345) == Decimal("123.45")


def test_percentages() -> None:
    assert fmt_percent(Decimal("0.975"), places=2) == "97.50%"
    assert fmt_percent(0.77, places=0) == "77%"
    assert fmt_percent(Decimal("0.9"), places=0, at_least=True) == "90%以上"
    assert fmt_percent(Decimal("0.12345"), places=2) == "12.35%"  # half-up
    assert fmt_share(39, 40) == "97.50%"
    assert fmt_share(447, 580, places=0) == "77%"
    with pytest.raises(ValueError):
        fmt_share(1, 0)


def test_other_figures() -> None:
    assert fmt_approx(5000, "条") == "5000余条"
    assert fmt_approx(5123, "条", step=1000) == "5000余条"
    assert fmt_approx(5000, "条", step=1000) == "5000条"
    assert fmt_counts((10, "件"), (11, "人")) == "10件11人"
    assert fmt_workdays(Decimal("1.5")) == "1.5个工作日"
    assert fmt_workdays(3) == "3个工作日"
    assert fmt_quantity(Decimal("1.50"), "天") == "1.5天"


def test_dates() -> None:
    assert fmt_date(date(2020, 3, 17)) == "2020年3月17日"
    assert fmt_date(datetime(2020, 3, 7, 9, 30)) == "2020年3月7日"
    assert fmt_month(2019, 11) == "2019年11月"
    assert fmt_month(2020, 1) == "2020年1月"
    with pytest.raises(ValueError):
        fmt_month(2020, 13)
    with pytest.raises(TypeError):
        fmt_date("2020-03-17")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "upper"),
    [
        ("0", "零元整"),
        ("0.07", "柒分"),
        ("0.5", "伍角整"),
        ("0.55", "伍角伍分"),
        ("1.20", "壹元贰角整"),
        ("10", "壹拾元整"),
        ("10.05", "壹拾元零伍分"),
        ("10.5", "壹拾元伍角整"),
        ("110", "壹佰壹拾元整"),
        ("1001", "壹仟零壹元整"),
        ("100000", "壹拾万元整"),
        ("105000", "壹拾万零伍仟元整"),
        ("1000100", "壹佰万零壹佰元整"),
        ("1010000", "壹佰零壹万元整"),
        ("2590000.07", "贰佰伍拾玖万元零柒分"),
        ("7678821", "柒佰陆拾柒万捌仟捌佰贰拾壹元整"),
        ("100000000", "壹亿元整"),
        ("100005000", "壹亿零伍仟元整"),
        ("100010000", "壹亿零壹万元整"),
    ],
)
def test_rmb_upper(amount: str, upper: str) -> None:
    assert fmt_rmb_upper(Decimal(amount)) == upper


def test_rmb_upper_inputs() -> None:
    assert fmt_rmb_upper(150) == "壹佰伍拾元整"
    assert fmt_rmb_upper(fen=259000007) == "贰佰伍拾玖万元零柒分"
    with pytest.raises(ValueError):
        fmt_rmb_upper(Decimal("0.005"))  # never rounded
    with pytest.raises(ValueError):
        fmt_rmb_upper(Decimal("-1"))
    with pytest.raises(TypeError):
        fmt_rmb_upper(0.5)  # type: ignore[arg-type]


def test_cn_int() -> None:
    cases = {0: "零", 3: "三", 10: "十", 15: "十五", 60: "六十", 105: "一百零五", 110: "一百一十"}
    assert {n: fmt_cn_int(n) for n in cases} == cases
    assert fmt_cn_int(2019) == "二千零一十九"
    with pytest.raises(ValueError):
        fmt_cn_int(10_000)


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        fmt_count(-1)
    with pytest.raises(ValueError):
        fmt_wan_yuan(Decimal("-1"))
    with pytest.raises(TypeError):
        fmt_wan_yuan(7678821.0)  # type: ignore[arg-type]  # never float money
    with pytest.raises(TypeError):
        fmt_count(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fmt_count(True)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fmt_wan_yuan()
    with pytest.raises(TypeError):
        fmt_wan_yuan(1, fen=100)
    with pytest.raises(ValueError):
        fmt_approx(-5, "条")
    with pytest.raises(ValueError):
        fmt_wan_yuan(1, approx=True, places=1)


def test_every_seed_figure_is_reproduced() -> None:
    """Each figure style the seed writes, produced by this module and found in the seed text."""
    figures = [fmt_count(n, unit) for n, unit in PLAIN_COUNTS] + [
        fmt_wan_yuan(Decimal("2593000"), approx=True),  # 259万余元
        fmt_percent(0.77, places=0),  # 77%
        fmt_percent(Decimal("0.9"), places=0, at_least=True),  # 90%以上
        fmt_wan_yuan(Decimal("7678821")),
        fmt_approx(5000, "条"),
        fmt_wan_yuan(Decimal("5330300")),
        fmt_wan_yuan(Decimal("253500")),
        fmt_wan(24000, places=1, unit="件"),
        fmt_percent(Decimal("0.975"), places=2),
        fmt_yi_yuan(Decimal("260000000")),
        fmt_wan_yuan(Decimal("63091100")),
        fmt_counts((10, "件"), (11, "人")),
        fmt_workdays(Decimal("1.5")),
        fmt_date(date(2020, 3, 17)),
    ]
    expected = [
        "8130起",
        "259万余元",
        "330项",
        "1004项",
        "77%",
        "96个",
        "227项",
        "90%以上",
        "1049件",
        "175份",
        "79个",
        "47件",
        "121947人次",
        "1202次",
        "5810起",
        "767.8821万元",
        "310次",
        "295起",
        "13051批次",
        "74669条",
        "5000余条",
        "8132家",
        "533.03万元",
        "260家",
        "80起",
        "25.35万元",
        "155件",
        "2.4万件",
        "97.50%",
        "268个",
        "2.6亿元",
        "130件",
        "115件",
        "173件",
        "44件",
        "3611件",
        "6309.11万元",
        "88件",
        "10件11人",
        "54件",
        "143件",
        "1.5个工作日",
        "2020年3月17日",
    ]
    assert sorted(figures) == sorted(expected)
    seed = SEED.read_text(encoding="utf-8")
    for figure in figures:
        assert figure in seed, figure
