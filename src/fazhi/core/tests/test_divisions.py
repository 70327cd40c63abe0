"""Tests for :mod:`fazhi.core.divisions` (GB/T 2260, standards.md §3.4)."""

from __future__ import annotations

import pytest

from fazhi.core import divisions


def test_demo_chain() -> None:
    assert divisions.division_name("430000") == "湖南省"
    assert divisions.division_name("430100") == "长沙市"
    assert divisions.division_name("430102") == "芙蓉区"
    assert divisions.parent("430102") == "430100"
    assert divisions.parent("430100") == "430000"
    assert divisions.parent("430000") is None
    assert divisions.full_name("430102") == "湖南省长沙市芙蓉区"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("430103", "天心区"),
        ("430104", "岳麓区"),
        ("430105", "开福区"),
        ("430111", "雨花区"),
        ("430112", "望城区"),
        ("430121", "长沙县"),
        ("430181", "浏阳市"),
        ("430182", "宁乡市"),
    ],
)
def test_siblings(code: str, name: str) -> None:
    assert divisions.division_name(code) == name
    assert divisions.is_known(code)
    assert divisions.is_current(code)
    assert divisions.parent(code) == "430100"


def test_former_codes_known_but_not_current() -> None:
    for code, name, new in (("430122", "望城县", "430112"), ("430124", "宁乡县", "430182")):
        assert divisions.is_known(code)
        assert not divisions.is_current(code)
        assert divisions.division_name(code) == name
        assert divisions.successor(code) == new
        assert divisions.parent(code) == "430100"
    assert divisions.successor("430102") is None


def test_children() -> None:
    current = divisions.children("430100")
    assert "430102" in current and "430122" not in current
    assert len(current) == 9
    assert "430124" in divisions.children("430100", include_former=True)


def test_unknown_and_malformed() -> None:
    assert not divisions.is_known("999999")
    assert divisions.division_name("110105") is None
    assert divisions.province_name("110105") == "北京市"
    assert divisions.full_name("110105") is None
    assert not divisions.is_known("43010")
    assert not divisions.is_known("43O102")
    assert not divisions.is_current("abc")
    with pytest.raises(ValueError):
        divisions.division_name("4301020")


def test_structural_parent_for_unknown_codes() -> None:
    assert divisions.parent("110105") == "110100"
    assert divisions.parent("110100") == "110000"
    assert divisions.parent("429004") == "420000"  # 省直辖县级行政区划
    assert divisions.level_of("430000") == "province"
    assert divisions.level_of("430100") == "prefecture"
    assert divisions.level_of("430102") == "county"


def test_every_province_named() -> None:
    assert divisions.province_name("430102") == "湖南省"
    for prefix in ("11", "31", "44", "65", "71", "81", "82"):
        assert divisions.province_name(prefix + "0101") is not None
