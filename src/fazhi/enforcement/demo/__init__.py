"""The demo district's enforcement: the 2019 year (bulk), its published statistics, and a live
present (services), loaded by ``fazhi demo`` after the kernel's demo.

The 2019 records reproduce every enforcement figure of the seed report (2019 法治政府建设
report, 一(二)2 and 一(五)1) exactly, through the same models and the indicators in
``fazhi.enforcement.indicators`` — nothing here writes a figure, only records:

=========================  =================================================================
区行政执法局               8130 cases closed, fines 2,591,350.00 yuan (→ 259万余元)
蓝天保卫战 (environment)   121,947 person-times, 1,202 joint operations, 5,810 cases,
                           fines 7,678,821.00 yuan (→ 767.8821万元)
market supervision         22 rectifications run 310 times, 295 food and drug cases,
                           13,051 sample batches
数字城管                   74,669 reports accepted; 5,046 city-appearance reports supervised
                           to rectification (→ 5000余条)
work safety                8,132 units inspected, fines 5,330,300.00 yuan (→ 533.03万元)
health                     260 medical institutions verified, 80 cases,
                           fines 253,500.00 yuan (→ 25.35万元)
=========================  =================================================================

Every case, grid report and supervision task carries its history: one ledger event per step
at the step's business date, and the clocks the services start and stop (``history.py``,
``grid.py``). People, shops and companies have plausible names, officers plausible names and
certificate numbers, parties valid identity numbers and credit codes (``names.py``); numbers
come from the series the services continue. Random choices use fixed seeds: every load is
the same.

The parts: ``base`` (shared state and history helpers), ``names``, ``catalogue`` (power list,
bodies, demo logins, officers), ``cases`` (the plans), ``history`` (cases written with their
steps), ``campaigns`` (campaigns, operations, inspections, sampling), ``grid``,
``statistics`` (each body's 2019 figures published, SZ-4) and ``live`` (open matters in the
weeks before today, through the services, so every demo login has work on its to-do).
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import transaction

from fazhi.core import demo as core_demo
from fazhi.core.bulk import BulkLoader
from fazhi.core.models import Role

from .. import actions
from ..services import evaluation as evaluation_services
from . import campaigns, catalogue, grid, history, live, statistics
from .base import ACTOR, YEAR, Year
from .cases import SECTORS, plan_cases

__all__ = ["load", "register"]


def register() -> None:
    """Called from the app's ``ready()``: ``fazhi demo`` runs these after the kernel's demo —
    the year, its published statistics, then the live present."""
    core_demo.register_demo_step("行政执法（2019年度）", load)
    core_demo.register_demo_step("年度执法数据公开（2019年度）", statistics.load)
    core_demo.register_demo_step("行政执法（近期在办）", live.load)
    core_demo.register_login("officer2", "演示执法人员二", Role.OFFICER)
    username, label, _org, role, _scope = catalogue.STREET_LOGIN
    core_demo.register_login(username, label, role)


def load(*, timings: dict[str, float] | None = None) -> None:
    """Load the 2019 enforcement year into the demo district (after the kernel's demo).
    ``timings``, when given, receives the seconds each phase took (for the benchmark)."""
    clock_ = time.perf_counter
    last = clock_()

    def phase(name: str) -> None:
        nonlocal last
        if timings is not None:
            now = clock_()
            timings[name] = round(now - last, 3)
            last = now

    with transaction.atomic():
        y = Year()
        catalogue.load_catalogue(y)
        catalogue.load_people(y)
        campaigns.campaigns(y)
        grid.grid_setup(y)
        phase("catalogue (services)")
        y.loader = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
        catalogue.load_officers(y)
        y.by_sector = {}
        for sector in SECTORS:
            plan_cases(y, sector)
        history.write_cases(y)
        phase("cases (build)")
        campaigns.operations(y)
        campaigns.inspections(y)
        campaigns.sampling(y)
        phase("campaigns (build)")
        grid.grid(y)
        phase("grid (build)")
        written = y.loader.flush()
        phase("bulk write")
        y.finish_numbers()
        evaluation(y)
        phase("evaluation (services)")
    phase("commit")
    if timings is not None:
        timings["rows"] = sum(written.values())


def evaluation(y: Year) -> None:
    """The 2019 case-file evaluation, through its services: five cases per body drawn with
    seed 2019 and scored by the supervisor."""
    rnd = evaluation_services.round_create(
        actor=ACTOR,
        org=y.orgs["区委依法治区办"],
        name="2019年度行政执法案卷评查",
        year=YEAR,
        sample_per_body=5,
        seed=YEAR,
        started_on=dt.date(YEAR, 11, 4),
    )
    sheets = evaluation_services.round_draw(actor=ACTOR, round=rnd)
    reasons = [
        ("documents", "0.5", "文书个别栏目填写不完整"),
        ("procedure", "2", "告知书送达回证日期填写不规范"),
        ("evidence", "1", "现场照片未标注拍摄时间和地点"),
        ("discretion", "1", "裁量理由说明不充分"),
        ("law", "1", "处罚依据未引用到项"),
    ]
    for k, sheet in enumerate(sheets):
        picks = [reasons[(k + j) % len(reasons)] for j in range(k % 4)]
        deductions = [{"dimension": d, "points": pt, "reason": r} for d, pt, r in picks]
        evaluation_services.sheet_score(
            actor=ACTOR, sheet=sheet, deductions=deductions, on=dt.date(YEAR, 12, 6)
        )
    evaluation_services.round_finish(actor=ACTOR, round=rnd, on=dt.date(YEAR, 12, 13))
