"""The demo district's disputes: its 2019 year, reproducing every figure of the seed's 一(七)
exactly through the records the indicators count (``fazhi.disputes.indicators``), and a few
dozen live matters dated in the weeks before today, through the services, so that each demo
login has real work on its to-do.

=====================  ========================================================================
reconsideration        115 accepted (+3 in January 2020, 7 refused, 2 abandoned)
respondent             173 lawsuits and 44 reconsiderations against 区政府; 68 departments'
                       lawsuits; 4 区政府 lawsuits of January 2020
mediation              3611 settled, agreements 63,091,100.00 yuan (6309.11万元), 88 major all
                       performed; 380 failed, 40 refused, 25 settled only in January 2020
petitions              1180 petitions; 75 petition disputes settled (+10 failed); 12 backlog
                       cases, 10 (11 persons) resolved; provincial batches 8–11 (54 items),
                       central team 35 batches (143 items), one city batch — all on time
=====================  ========================================================================

People, shops and companies come from ``names.py`` (plausible, generated with a fixed seed;
identity numbers and credit codes with valid check characters). The year's records are
written through the bulk path (``fazhi.core.bulk``) with one ledger event per step carrying
its business date; the offices, committees, letters and the live matters through the services.
"""

from __future__ import annotations

import time

from django.db import transaction

from fazhi.core import demo as core_demo
from fazhi.core.models import Role

from . import litigation, live, mediation, petitions, recon, setup
from .base import Year

STEP = "矛盾化解（2019年度）"


def register() -> None:
    """Called from the app's ``ready()``: ``fazhi demo`` runs this after the kernel's demo."""
    core_demo.register_demo_step(STEP, load)
    for username, label, _org, role, _scope in setup.LOGINS:
        core_demo.register_login(username, label, Role(role))


def load(*, timings: dict[str, float] | None = None) -> None:
    """Load the disputes year; ``timings`` receives the seconds each phase took."""
    tick = time.perf_counter
    last = tick()

    def phase(name: str) -> None:
        nonlocal last
        if timings is not None:
            now = tick()
            timings[name] = round(now - last, 3)
            last = now

    with transaction.atomic():
        y = Year()
        offices = setup.build(y.names)
        phase("offices and committees (services)")
        recon.load(y, offices)
        litigation.load(y, offices)
        mediation.load(y, offices)
        petitions.load(y, offices)
        phase("2019 records (build)")
        y.queue_series()
        written = y.loader.flush()
        y.finish_numbers()
        phase("bulk write")
        live.letters(offices)
        live.load(offices)
        phase("letters and live matters (services)")
    phase("commit")
    if timings is not None:
        timings["rows"] = sum(written.values())
