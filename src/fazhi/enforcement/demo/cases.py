"""The demo year's cases, planned: who closes how many cases, under which items, with which
fines, outcomes and dates. Nothing here writes; ``history.py`` writes each plan as a case
with its steps.

Every enforcement figure of the seed report comes out of these plans exactly (the module
docstring of ``fazhi.enforcement.demo`` lists them): counts by construction, fines by
``_fit`` — integers within each case's discretion band summing to the seed's total. Around
them, records that must *not* count: cases not filed (不予立案), cases received in December
2019 and decided in 2020, market-order cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from .base import DEC31, JAN1, YEAR, Year, _d

BUREAU_FINES = 2_591_350  # 259万余元: any total in (2,590,000, 2,600,000) reads so
ENV_FINES = 7_678_821
SAFETY_FINES = 5_330_300
HEALTH_FINES = 253_500


@dataclass(frozen=True)
class Sector:
    key: str
    body: str  # the demo organisation's short name
    counts: tuple[tuple[str, str, str, int], ...]  # (procedure, outcome, party, n) counted
    general: dict[str, float]  # item code → weight, general procedure
    parties: dict[str, float]  # party kind → weight for general cases
    sources: dict[str, float]
    summary_person: dict[str, float] | None = None
    summary_org: dict[str, float] | None = None
    fines: int | None = None  # the exact total of the counted cases' fines
    dropped: int = 0  # 不予立案, closed in 2019, not counted
    tail: int = 0  # received in December 2019, closed in 2020, not counted
    campaign: str = ""  # every case belongs to this campaign
    bias: tuple[float, ...] = (0.65, 0.28, 0.07)  # choice of discretion band, lowest first


_BUREAU_OTHER = {
    code: 0.05
    for code in [
        "ZF-MZ-001", "ZF-ZJ-001", "ZF-ZJ-002", "ZF-ZY-001", "ZF-RF-001", "ZF-WH-001",
        "ZF-LY-001", "ZF-TY-001", "ZF-JY-001", "ZF-RS-001", "ZF-RS-002", "ZF-MZ-101",
        "ZF-SL-001", "ZF-NY-001", "ZF-SW-001", "ZF-TJ-001", "ZF-FG-001", "ZF-GX-001",
        "ZF-JT-001", "ZF-TY-101", "ZF-DA-001", "ZF-LS-001", "ZF-SF-001", "ZF-CZ-001",
        "ZF-KJ-001",
    ]
}  # fmt: skip

SECTORS = [
    Sector(
        "bureau",
        "区行政执法局",
        counts=(
            ("summary", "fine", "person", 2600),
            ("summary", "fine", "business", 1300),
            ("summary", "fine", "org", 300),
            ("summary", "warning", "person", 150),
            ("general", "fine", "", 2700),
            ("general", "warning", "", 250),
            ("general", "no_penalty", "", 650),
            ("general", "first_offence", "", 180),
        ),
        general={
            "ZF-CG-001": 14, "ZF-CG-003": 8, "ZF-CG-004": 24, "ZF-CG-005": 10, "ZF-CG-006": 8,
            "ZF-CG-007": 4, "ZF-CG-008": 6, "ZF-CG-009": 6, "ZF-CG-010": 2, **_BUREAU_OTHER,
        },
        parties={"person": 0.2, "business": 0.5, "org": 0.3},
        sources={"patrol": 45, "complaint": 20, "grid": 15, "hotline": 15, "referral": 5},
        bias=(0.75, 0.22, 0.03),
        summary_person={"ZF-CG-004": 35, "ZF-CG-001": 20, "ZF-CG-003": 15, "ZF-CG-002": 30},
        summary_org={"ZF-CG-004": 40, "ZF-CG-001": 25, "ZF-CG-003": 15, "ZF-CG-005": 15,
                     "ZF-WH-002": 5},
        fines=BUREAU_FINES,
        dropped=160,
        tail=110,
    ),
    Sector(
        "env",
        "芙蓉生态环境分局",
        counts=(
            ("summary", "warning", "person", 300),
            ("summary", "fine", "business", 280),
            ("summary", "fine", "org", 120),
            ("general", "fine", "", 3150),
            ("general", "warning", "", 900),
            ("general", "no_penalty", "", 1060),
        ),
        general={"HJ-DQ-001": 4, "HJ-DQ-002": 50, "HJ-DQ-003": 22, "HJ-DQ-004": 6,
                 "HJ-ZS-001": 18},
        bias=(0.8, 0.2),
        parties={"person": 0.1, "business": 0.4, "org": 0.5},
        sources={"campaign": 70, "complaint": 15, "hotline": 10, "patrol": 5},
        summary_person={"HJ-DQ-002": 1},
        summary_org={"HJ-DQ-002": 60, "HJ-DQ-003": 40},
        fines=ENV_FINES,
        dropped=90,
        tail=60,
        campaign="蓝天保卫战",
    ),
    Sector(
        "food",
        "区市场监管局",
        counts=(
            ("general", "fine", "", 200),
            ("general", "warning", "", 15),
            ("general", "no_penalty", "", 23),
        ),
        general={"SJ-SP-001": 10, "SJ-SP-002": 10, "SJ-SP-003": 50, "SJ-SP-004": 30},
        parties={"business": 0.7, "org": 0.3},
        sources={"inspection": 40, "sampling": 20, "complaint": 30, "hotline": 10},
        tail=8,
    ),
    Sector(
        "drugs",
        "区市场监管局",
        counts=(
            ("general", "fine", "", 50),
            ("general", "warning", "", 5),
            ("general", "no_penalty", "", 2),
        ),
        general={"SJ-YP-001": 70, "SJ-YP-002": 30},
        parties={"business": 0.6, "org": 0.4},
        sources={"inspection": 60, "complaint": 40},
        tail=2,
    ),
    Sector(
        "market-order",
        "区市场监管局",
        counts=(
            ("summary", "fine", "business", 30),
            ("general", "fine", "", 100),
            ("general", "no_penalty", "", 10),
        ),
        general={"SJ-SC-001": 50, "SJ-SC-002": 50},
        parties={"business": 0.8, "org": 0.2},
        sources={"inspection": 30, "complaint": 50, "hotline": 20},
        summary_org={"SJ-SC-001": 1},
        dropped=6,
    ),
    Sector(
        "safety",
        "区应急管理局",
        counts=(("general", "fine", "", 178), ("general", "no_penalty", "", 8)),
        general={"YJ-AQ-001": 35, "YJ-AQ-002": 30, "YJ-AQ-003": 30, "YJ-WH-001": 5},
        parties={"org": 0.8, "business": 0.2},
        sources={"inspection": 1},
        fines=SAFETY_FINES,
        dropped=5,
        tail=6,
        bias=(0.7, 0.3),
    ),
    Sector(
        "health",
        "区卫生健康局",
        counts=(("general", "fine", "", 76), ("general", "warning", "", 4)),
        general={"WJ-YL-001": 20, "WJ-YL-002": 20, "WJ-YL-003": 20, "WJ-GW-001": 20,
                 "WJ-GW-002": 20},
        parties={"business": 0.5, "org": 0.5},
        sources={"inspection": 60, "complaint": 40},
        fines=HEALTH_FINES,
        tail=3,
    ),
]  # fmt: skip


def plan_cases(y: Year, sector: Sector) -> None:
    plans = _plans(y, sector)
    _fit_fines(y, sector, plans)
    _dates(y, sector, plans)
    for p, source in zip(plans, y.pick(sector.sources, len(plans)), strict=True):
        p.sector = sector
        p.source = source
        if p.procedure == "summary":
            p.source = "campaign" if sector.campaign else "patrol"
    y.by_sector[sector.key] = plans


def _plans(y: Year, s: Sector) -> list[_Plan]:
    plans: list[_Plan] = []
    for procedure, outcome, party, n in s.counts:
        if procedure == "summary":
            weights = s.summary_person if party == "person" else s.summary_org
            if weights is None:
                raise ValueError(f"{s.key}: summary cases without summary weights")
            for code in y.pick(weights, n):
                plans.append(_Plan(code, "summary", outcome, party, counted=True))
        else:
            for code, kind in zip(y.pick(s.general, n), y.pick(s.parties, n), strict=True):
                plans.append(_Plan(code, "general", outcome, kind, counted=True))
    for code, kind in zip(y.pick(s.general, s.dropped), y.pick(s.parties, s.dropped), strict=True):
        plans.append(_Plan(code, "general", "dropped", kind))
    for code, kind in zip(y.pick(s.general, s.tail), y.pick(s.parties, s.tail), strict=True):
        outcome = "fine" if y.py.random() < 0.8 else "no_penalty"
        plans.append(_Plan(code, "general", outcome, kind, tail=True))
    for p in plans:
        bands = y.bands[p.item]
        if p.outcome != "fine":
            continue
        if p.procedure == "summary":
            cap = 50 if p.party == "person" else 1000
            choices = [20, 50, 50] if cap == 50 else [100, 200, 300, 500, 1000]
            for band in bands:
                ok = [c for c in choices if band.fine_min <= c <= min(band.fine_max, cap)]
                if ok:
                    break
            p.band, p.fine = band, y.py.choice(ok)
        else:
            usable = [b for b in bands if b.fine_max > 50]
            w = list(s.bias[: len(usable)]) or [1.0]
            w += [w[-1]] * (len(usable) - len(w))
            p.band = y.py.choices(usable, weights=w)[0]
    return plans


def _fit_fines(y: Year, s: Sector, plans: list[_Plan]) -> None:
    """General-procedure fines within their bands, summing exactly to the sector's total
    (with the summary fines) where the seed states one."""
    fit = [p for p in plans if p.procedure == "general" and p.outcome == "fine"]
    counted = [p for p in fit if p.counted]
    rest = [p for p in fit if not p.counted]
    fixed = sum(p.fine for p in plans if p.counted and p.procedure == "summary")
    target = None if s.fines is None else s.fines - fixed
    for group, goal in ((counted, target), (rest, None)):
        if not group:
            continue
        lo = np.array([int(p.band.fine_min) for p in group], dtype=np.int64)
        hi = np.array([int(p.band.fine_max) for p in group], dtype=np.int64)
        for p, f in zip(group, _fit(lo, hi, goal, y.rng), strict=True):
            p.fine = int(f)
    for p in plans:
        if p.outcome == "fine" and Decimal(p.fine) >= y.major_fine:
            p.major = True
            p.discussion = p.fine >= 50_000


def _dates(y: Year, s: Sector, plans: list[_Plan]) -> None:
    general = [p for p in plans if p.procedure == "general" and p.outcome != "dropped"]
    closing = [p for p in general if not p.tail]
    _general_dates(y, closing, JAN1, dt.date(YEAR, 11, 22))
    _general_dates(y, [p for p in general if p.tail], dt.date(YEAR, 12, 2), DEC31)
    summary = [p for p in plans if p.procedure == "summary"]
    if summary:
        recv = y.workdays_between(JAN1, dt.date(YEAR, 12, 27), len(summary))
        for _try in range(20):
            paid = recv + y.rng.integers(0, 4, len(recv)).astype("timedelta64[D]")
            closed = y.wd_add(paid, y.wd(0, 2, len(recv)))
            late = closed > np.datetime64(DEC31)
            if not late.any():
                break
            recv[late] = y.workdays_between(JAN1, dt.date(YEAR, 12, 20), int(late.sum()))
        for p, r, pd, c in zip(summary, _d(recv), _d(paid), _d(closed), strict=True):
            p.received = p.decided = p.served = r
            p.paid = pd if p.fine else None
            p.closed = c
    dropped = [p for p in plans if p.outcome == "dropped"]
    if dropped:
        recv = y.workdays_between(JAN1, dt.date(YEAR, 12, 20), len(dropped))
        closed = y.wd_add(recv, y.wd(1, 5, len(recv)))
        for p, r, c in zip(dropped, _d(recv), _d(closed), strict=True):
            p.received, p.closed = r, c
    for p in plans:  # every closed case is archived within a month (some in January 2020)
        if p.closed and p.outcome != "dropped":
            p.archived = p.closed + dt.timedelta(days=y.py.randrange(7, 30))


def _general_dates(y: Year, plans: list[_Plan], first: dt.date, last: dt.date) -> None:
    if not plans:
        return
    n = len(plans)
    tail = first.month == 12
    recv = y.workdays_between(first, last, n)
    major = np.array([p.major for p in plans])
    disc = np.array([p.discussion for p in plans])
    fine = np.array([p.fine > 0 for p in plans])
    for _try in range(30):
        reg = y.wd_add(recv, y.wd(0, 2, n))
        notified = y.wd_add(reg, y.wd(5, 20, n))
        submitted = y.wd_add(notified, y.wd(4, 5, n))
        reviewed = y.wd_add(submitted, y.wd(1, 3, n))
        discussed = y.wd_add(reviewed, 1)
        decided = y.wd_add(notified, y.wd(4, 8, n))
        decided = np.where(major, y.wd_add(reviewed, y.wd(1, 2, n)), decided)
        decided = np.where(disc, y.wd_add(discussed, 1), decided)
        if tail:
            floor = y.wd_add(np.full(n, np.datetime64(DEC31)), y.wd(1, 12, n))
            decided = np.maximum(decided, floor)
        served = y.wd_add(decided, y.wd(0, 2, n))
        paid = served + y.rng.integers(1, 15, n).astype("timedelta64[D]")
        done = np.where(fine, paid, served)
        closed = y.wd_add(done, y.wd(1, 5, n))
        published = y.wd_add(decided, _publish_delay(y.rng, n))
        if tail:
            break
        late = closed > np.datetime64(DEC31)
        if not late.any():
            break
        recv[late] = y.workdays_between(first, dt.date(YEAR, 9, 30), int(late.sum()))
    cols = [_d(a) for a in (recv, reg, notified, submitted, reviewed, discussed)]
    cols += [_d(a) for a in (decided, served, paid, closed, published)]
    for p, row in zip(plans, zip(*cols, strict=True), strict=True):
        (p.received, p.registered, p.notified, p.submitted, p.reviewed, p.discussed) = row[:6]
        p.decided, p.served, paid_on, p.closed, p.published = row[6:]
        p.paid = paid_on if p.fine else None
        if not p.major:
            p.submitted = p.reviewed = None
        if not p.discussion:
            p.discussed = None


class _Plan:
    """One case before it is written."""

    __slots__ = (
        "item", "procedure", "outcome", "party", "counted", "tail", "band", "fine", "major",
        "discussion", "received", "registered", "notified", "submitted", "reviewed",
        "discussed", "decided", "served", "paid", "closed", "published", "archived",
        "case_id", "decision_no", "notice_no", "sector", "source", "who",
    )  # fmt: skip

    def __init__(self, item, procedure, outcome, party, *, counted=False, tail=False):
        self.item, self.procedure, self.outcome, self.party = item, procedure, outcome, party
        self.counted, self.tail = counted, tail
        self.band = None
        self.fine = 0
        self.major = self.discussion = False
        self.received = self.registered = self.notified = self.submitted = None
        self.reviewed = self.discussed = self.decided = self.served = self.paid = None
        self.closed = self.published = self.archived = None
        self.case_id = None
        self.decision_no: Any = None
        self.notice_no: Any = None
        self.sector: Any = None
        self.source = ""
        self.who: dict[str, str] = {}


def _publish_delay(rng: np.random.Generator, n: int) -> np.ndarray:
    """Working days from decision to publication: almost always within SZ-1's 7."""
    return rng.choice(
        np.arange(1, 11), n, p=[0.25, 0.25, 0.2, 0.12, 0.08, 0.05, 0.03, 0.012, 0.005, 0.003]
    )


def _fit(
    lo: np.ndarray,
    hi: np.ndarray,
    target: int | None,
    rng: np.random.Generator,
    *,
    start: np.ndarray | None = None,
    step: int | None = None,
) -> np.ndarray:
    """Integers within [lo, hi] each, skewed towards lo, summing exactly to ``target``
    (``None``: no target). Amounts stay on round steps (10, 50 or 100 yuan by the band's
    width) except the last few yuan, which one record absorbs."""
    lo, hi = lo.astype(np.int64), hi.astype(np.int64)
    n = len(lo)
    if target is not None and not lo.sum() <= target <= hi.sum():
        raise ValueError(f"cannot reach {target} within [{lo.sum()}, {hi.sum()}]")
    steps = (
        np.full(n, step)
        if step
        else np.where(hi - lo >= 5000, 100, np.where(hi - lo >= 500, 50, 10))
    )
    if start is None:
        alpha = 0.2 if target is None else (target - lo.sum()) / max(1, hi.sum() - lo.sum())
        u = np.clip(alpha * rng.exponential(1.0, n), 0, 1)
        start = lo + np.round(u * (hi - lo) / steps).astype(np.int64) * steps
    f = np.clip(start.astype(np.int64), lo, hi)
    if target is None:
        return f
    diff = int(target - f.sum())
    order = rng.permutation(n)
    for cap in (0.1, 0.3, 1.0):
        for i in order:
            if diff == 0:
                break
            s = int(steps[i])
            room = int(hi[i] - f[i]) if diff > 0 else int(f[i] - lo[i])
            room = min(room, max(s, int(cap * (hi[i] - lo[i]))))
            k = min(abs(diff) // s, room // s)
            if k:
                d = k * s if diff > 0 else -k * s
                f[i] += d
                diff -= d
    for i in order:
        if diff == 0:
            break
        room = int(hi[i] - f[i]) if diff > 0 else int(f[i] - lo[i])
        d = min(abs(diff), room)
        f[i] += d if diff > 0 else -d
        diff -= d if diff > 0 else -d
    if diff:
        raise ValueError(f"could not reach {target}: {diff} left")
    return f
