"""Demo steps by name: ``demo.load(steps=…)`` and ``fazhi demo --step``/``--list-steps``."""

import pytest

from fazhi.cli import main
from fazhi.core import demo
from fazhi.core.models import LedgerEvent, Organisation


@pytest.fixture
def two_steps(monkeypatch):
    """Two registered steps that only note that they ran (the real ones stay untouched)."""
    ran: list[str] = []
    monkeypatch.setattr(
        demo, "_steps", [("甲步骤", lambda: ran.append("甲")), ("乙步骤", lambda: ran.append("乙"))]
    )
    return ran


def test_the_real_steps_are_registered_in_order():
    names = demo.step_names()
    assert "网站监测" in names and "行政执法（2019年度）" in names
    # the statistics publish the year's cases, so they come after the enforcement year
    assert names.index("行政执法（2019年度）") < names.index("年度执法数据公开（2019年度）")


@pytest.mark.django_db
def test_only_the_named_steps_run_in_registration_order(two_steps):
    demo.load(steps=["乙步骤", "甲步骤"])
    assert two_steps == ["甲", "乙"]


@pytest.mark.django_db
def test_one_named_step_runs_after_the_kernels_demo(two_steps):
    seen = []
    demo.load(steps=["乙步骤"], verbose=seen.append)
    assert two_steps == ["乙"]
    assert seen[-1] == "载入演示数据：乙步骤" and Organisation.objects.count() == 118
    assert LedgerEvent.objects.filter(action="demo.load").count() == 1


@pytest.mark.django_db
def test_no_steps_is_the_kernels_demo_alone(two_steps):
    demo.load(steps=[])
    assert two_steps == [] and Organisation.objects.count() == 118


@pytest.mark.django_db
def test_an_unknown_step_is_named_and_nothing_is_loaded(two_steps):
    with pytest.raises(demo.UnknownStepError) as err:
        demo.load(steps=["甲步骤", "丙步骤"])
    assert str(err.value) == "没有这个演示数据步骤：丙步骤（已登记：甲步骤、乙步骤）"
    assert two_steps == [] and not Organisation.objects.exists()


def test_cli_lists_the_steps(two_steps, capsys):
    assert main(["demo", "--list-steps"]) == 0
    assert capsys.readouterr().out == "甲步骤\n乙步骤\n"


@pytest.mark.django_db
def test_cli_unknown_step_is_one_line(two_steps, capsys):
    assert main(["demo", "--step", "丙步骤"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "fazhi demo: 没有这个演示数据步骤：丙步骤（已登记：甲步骤、乙步骤）"
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_cli_loads_one_step(two_steps, capsys):
    assert main(["demo", "--step", "甲步骤"]) == 0
    out = capsys.readouterr().out
    assert "载入演示数据：甲步骤" in out and "乙步骤" not in out and two_steps == ["甲"]
