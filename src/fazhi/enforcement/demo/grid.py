"""数字城管 in the demo year: the grid (cells and categories, through the services) and the
year's 76,200 reports with their history (bulk).

Each report goes 上报 → 派遣 (the handling clock of its category's rule starts) → 处置完毕 →
核查通过结案 (the clock stops); about 3 in 100 fail verification once (核查不通过退回 → 重新处置);
1,531 are not accepted (不予立案). One ledger event per step at its business date.

Seed figures: 74,669 reports accepted; 5,046 city-appearance reports supervised to
rectification (5000余条) — each through a 督办整改任务 (numbered in the district's series,
芙督〔2019〕N号, as ``core.supervision.task_create`` numbers them) signed, reported and
accepted in 2019; 24 more accepted in January 2020 and 15 cancelled, which do not count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from fazhi.core import rules as core_rules
from fazhi.core.models import Organisation, SupervisionTask
from fazhi.core.states import TaskStatus
from fazhi.core.supervision import TASK_CREATE, district_of

from .. import actions
from ..indicators import APPEARANCE_MAJORS, GRID_SUBJECT, GRID_TASK_SOURCE
from ..models import GridCategory, GridCell, GridLevel, GridReport, GridStatus
from ..services import grid as grid_services
from ..services.grid import GRID_SUPERVISE
from .base import ACTOR, YEAR, Year, _d, _iso

G, T = GridStatus, TaskStatus
GRID_ACCEPTED, GRID_INVALID = 74_669, 1_531
GRID_SUPERVISED = 5_046  # 5000余条
TASK_SUBJECT = "core.supervisiontask"
# Demo share of each grid category (codes of grid_categories.CATEGORIES); others get 0.5.
GRID_WEIGHTS = {
    "BJ0101": 1.0, "BJ0102": 1.2, "BJ0103": 1.2, "BJ0108": 1.8, "BJ0201": 1.5, "BJ0202": 0.9,
    "BJ0302": 1.8, "BJ0401": 1.4, "BJ0402": 1.0, "SJ0101": 1.0, "SJ0102": 12, "SJ0103": 5,
    "SJ0104": 5, "SJ0107": 0.8, "SJ0201": 8, "SJ0202": 1.2, "SJ0203": 1.5, "SJ0303": 1.4,
    "SJ0304": 1.2, "SJ0501": 12, "SJ0502": 10, "SJ0503": 2, "SJ0504": 1.2, "SJ0505": 5,
    "SJ0506": 3,
}  # fmt: skip
REPORTERS = {"grid_officer": 70, "public": 12, "patrol": 10, "hotline": 8}
REPORTER_LABELS = {
    "grid_officer": "网格员",
    "public": "市民",
    "patrol": "巡查员",
    "hotline": "热线",
}
RESULTS = {
    "BJ": ["已维修完毕，设施恢复正常。", "已更换损坏部件。", "已联系权属单位修复。"],
    "SJ": ["已清理完毕，现场恢复整洁。", "已责令当事人整改，现场已规范。", "已劝离并清理现场。"],
}
RETURN_REASON = "现场复核仍未整改到位，请重新处置。"
INVALID_REASONS = ["经核实，不属于数字城管受理范围。", "重复上报，已并入在办案卷。"]


def grid_setup(y: Year) -> None:
    grid_services.categories_load(actor=ACTOR)
    gov = y.orgs["区政府"]
    district = grid_services.cell_save(
        actor=ACTOR, code="FR", name="芙蓉区", level=GridLevel.DISTRICT, org=gov
    )
    y.cells: list[GridCell] = []
    for i, street in enumerate(y.streets, start=1):
        sc = grid_services.cell_save(
            actor=ACTOR,
            code=f"FR-{i:02d}",
            name=street.short_name,
            level=GridLevel.STREET,
            org=street,
            parent=district,
        )
        communities = Organisation.objects.filter(parent=street).order_by("pk")
        for j, comm in enumerate(communities, start=1):
            y.cells.append(
                grid_services.cell_save(
                    actor=ACTOR,
                    code=f"FR-{i:02d}-{j:02d}",
                    name=comm.short_name,
                    level=GridLevel.COMMUNITY,
                    org=comm,
                    parent=sc,
                )
            )
    y.categories = list(GridCategory.objects.order_by("code"))
    y.grid_root = gov


def _grid_limit(code: str) -> tuple[int, bool]:
    """(length, counted in working days) of a category's handling rule in the demo year."""
    version = core_rules.version_on(core_rules.resolve(code), dt.date(YEAR, 7, 1))
    if version.unit not in ("WD", "CD"):
        raise ValueError(f"grid rule {code} is not in days")
    return version.length, version.unit == "WD"


def grid(y: Year) -> None:
    total = GRID_ACCEPTED + GRID_INVALID
    w = np.where(y.cal.is_workday_vec(y.days), 1.0, 0.55)
    received = np.sort(y.rng.choice(y.days, total, p=w / w.sum()))
    invalid = np.zeros(total, dtype=bool)
    invalid[y.rng.choice(total, GRID_INVALID, replace=False)] = True
    # Handling time in steps of the category's own limit (CG-1…CG-4): k fifths of it,
    # so most reports finish inside the limit and about one in ten runs over.
    k = y.rng.choice(9, total, p=[0.18, 0.30, 0.22, 0.12, 0.08, 0.05, 0.025, 0.015, 0.01])
    returns = y.rng.random(total) < 0.03
    cat_w = np.array([GRID_WEIGHTS.get(c.code, 0.5) for c in y.categories])
    cats = y.rng.choice(len(y.categories), total, p=cat_w / cat_w.sum())
    limits = [_grid_limit(c.rule_code) for c in y.categories]
    length = np.array([n for n, _wd in limits])[cats]
    in_workdays = np.array([wd for _n, wd in limits])[cats]
    steps = np.rint((k + 2 * returns) * length / 5).astype(np.int64)
    handled = np.where(
        in_workdays, y.wd_add(received, steps), received + steps.astype("timedelta64[D]")
    )
    closed = handled + (y.rng.random(total) < 0.3).astype("timedelta64[D]")
    invalid_closed = received + y.rng.integers(0, 2, total).astype("timedelta64[D]")
    cell_w = y.rng.lognormal(0, 0.5, len(y.cells))
    cells = y.rng.choice(len(y.cells), total, p=cell_w / cell_w.sum())
    reporter = y.pick(REPORTERS, total)
    supervised = _supervised(y, received, closed, invalid, cats)
    tasks = _task_numbers(y, supervised, received, closed)
    days = [_d(a) for a in (received, handled, closed, invalid_closed)]
    cat_rows = [(c.pk, c.code, c.name, c.rule_code, c) for c in y.categories]
    cell_rows = []
    for c in y.cells:
        org = y.org_by_id[c.org_id]
        cell_rows.append((c.pk, c.code, c.name, org))
    kind, prefix = grid_services.NUMBER_KIND, grid_services.NUMBER_PREFIX
    pattern = grid_services.NUMBER_PATTERN
    for i, (recv, hand, clo, inv_clo) in enumerate(zip(*days, strict=True)):
        cat_id, cat_code, cat_name, rule_code, cat = cat_rows[cats[i]]
        cell_id, cell_code, cell_name, org = cell_rows[cells[i]]
        series, n, number = y.next_number(y.grid_root, kind, YEAR, prefix, pattern)
        location = y.names.spot(cell_name)
        report = _Report(y, i, number, org, cat, cell_id, cell_code, location, reporter[i], recv)
        if invalid[i]:
            report.refuse(inv_clo)
        else:
            report.handle(rule_code, hand, clo, bool(returns[i]), tasks.get(i))
        report.write(series, n, cat_id)


class _Report:
    """One report's row, events and clock."""

    def __init__(self, y, i, number, org, cat, cell_id, cell_code, location, who, recv):
        self.y, self.i, self.number, self.org, self.cat = y, i, number, org, cat
        self.cell_id, self.cell_code, self.location, self.who = cell_id, cell_code, location, who
        self.recv = recv
        self.id = y.loader.reserve(GridReport)
        self.title = f"{cat.name}：{location}"[:300]
        self.subject = (GRID_SUBJECT, self.id, f"{number} {self.title}", org)
        self.moves = 0
        self.row: dict[str, Any] = {}
        y.event(
            self.subject,
            actions.GRID_REPORT,
            {"number": number, "cell": cell_code, "category": cat.code, "location": location,
             "reporter_kind": who, "on": _iso(recv)},
        )  # fmt: skip

    def move(self, frm, to, on, **data) -> None:
        self.moves += 1
        self.y.move(self.subject, GridReport, frm, to, on, **data)

    def refuse(self, on: dt.date) -> None:
        self.move(G.REPORTED, G.INVALID, on, reason=INVALID_REASONS[self.i % 2])
        self.row = {"status": G.INVALID, "closed_on": on}

    def handle(self, rule_code, hand, clo, returned: bool, task) -> None:
        y, recv = self.y, self.recv
        handling = y.clock(
            subject_type=GRID_SUBJECT,
            subject_id=self.id,
            subject_label=f"{self.number} {self.title}",
            org_id=self.org.pk,
            code=rule_code,
            label="处置时限",
            start=recv,
            stop=clo,
        )
        self.move(G.REPORTED, G.DISPATCHED, recv, to_org=self.org.pk,
                  to_org_name=self.org.name, clock=handling)  # fmt: skip
        result = y.py.choice(RESULTS[self.cat.code[:2]])
        if returned:
            first = recv + (hand - recv) / 2
            self.move(G.DISPATCHED, G.HANDLED, first, result=result)
            self.move(G.HANDLED, G.RETURNED, first, reason=RETURN_REASON, verified=False)
            self.move(G.RETURNED, G.HANDLED, hand, result=result)
        else:
            self.move(G.DISPATCHED, G.HANDLED, hand, result=result)
        if task is not None:
            _task(y, self, task, clo)
        self.move(G.HANDLED, G.CLOSED, clo, verified=True, stopped=[rule_code])
        self.row = {
            "status": G.CLOSED,
            "closed_on": clo,
            "dispatched_on": recv,
            "handled_on": hand,
            "verified_on": clo,
            "returns": int(returned),
        }

    def write(self, series, n, cat_id) -> None:
        y = self.y
        y.loader.add(
            GridReport,
            id=self.id,
            number=self.number,
            org_id=self.org.pk,
            title=self.title,
            received_on=self.recv,
            version=1 + self.moves,
            cell_id=self.cell_id,
            category_id=cat_id,
            location=self.location,
            description=(
                f"{REPORTER_LABELS[self.who]}上报：{self.location}发现“{self.cat.name}”问题。"
            ),
            reporter_kind=self.who,
            **self.row,
        )
        y.issued(series, n, self.number, self.recv, GRID_SUBJECT, self.id)


def _supervised(y: Year, received, closed, invalid, cats) -> dict[int, str]:
    """Which reports get a 督办 task: 5,046 closed in 2019 (counted), 24 whose task is
    accepted in January 2020 and 15 cancelled (not counted)."""
    appearance = np.array([c.major in APPEARANCE_MAJORS for c in y.categories])[cats]
    ok = appearance & ~invalid
    early = np.flatnonzero(ok & (closed <= np.datetime64(f"{YEAR}-12-20")))
    late = np.flatnonzero(ok & (received >= np.datetime64(f"{YEAR}-12-23")))
    chosen = y.rng.choice(early, GRID_SUPERVISED + 15, replace=False)
    out = {int(i): "closed" for i in chosen[:GRID_SUPERVISED]}
    out.update({int(i): "cancelled" for i in chosen[GRID_SUPERVISED:]})
    out.update({int(i): "closed-2020" for i in y.rng.choice(late, 24, replace=False)})
    return out


def _task_numbers(y: Year, supervised, received, closed) -> dict[int, tuple]:
    """Each supervised report's task: (kind, issued, number triple), numbered in the
    district's series in order of issue, as ``task_create`` would have."""
    plans = []
    for i, kind in supervised.items():
        recv, clo = _d(received[i : i + 1])[0], _d(closed[i : i + 1])[0]
        issued = min(clo, y.cal.add_workdays(recv, 1))
        plans.append((issued, i, kind))
    plans.sort()
    district = district_of(y.grid_root)
    return {
        i: (kind, issued, y.next_number(district, "supervision-task", issued.year, "芙督"))
        for issued, i, kind in plans
    }


def _task(y: Year, report: _Report, task, clo: dt.date) -> None:
    """The 督办整改任务 raised on a report by the 重点区域市容市貌专项督查: created, signed,
    reported and accepted (or cancelled), with its rectification clock (CG-5)."""
    kind, issued, (series, n, task_no) = task
    if kind == "closed-2020":
        closed = max(clo, dt.date(YEAR + 1, 1, 2)) + dt.timedelta(days=y.py.randrange(5))
    else:
        closed = clo
    org, number, cat = report.org, report.number, report.cat
    pk = y.loader.reserve(SupervisionTask)
    title = f"专项督查督办：{number} {report.title}"[:300]
    subject = (TASK_SUBJECT, pk, f"{task_no} {title}", org)
    cancelled = kind == "cancelled"
    signed = issued if cancelled else min(closed, y.cal.add_workdays(issued, 1))
    result = "" if cancelled else "已整改到位，经核查通过。"
    y.event(subject, TASK_CREATE, {"title": title, "source": GRID_TASK_SOURCE, "ref": number,
                                   "on": _iso(issued), "number": task_no})  # fmt: skip
    rectify = y.clock(
        subject_type=TASK_SUBJECT,
        subject_id=pk,
        subject_label=f"{task_no} {title}",
        org_id=org.pk,
        code=grid_services.SUPERVISION_RULE,
        label="整改期限",
        start=issued,
        stop=closed,
    )
    y.event(report.subject, GRID_SUPERVISE, {"task": task_no, "task_id": pk,
                                             "on": _iso(issued), "clock": rectify})  # fmt: skip
    if cancelled:
        y.move(subject, SupervisionTask, T.ASSIGNED, T.CANCELLED, closed,
               reason="该问题已在日常巡查中处置完毕，撤销督办。")  # fmt: skip
        moves = 1
    else:
        y.move(subject, SupervisionTask, T.ASSIGNED, T.RECTIFYING, signed)
        y.move(subject, SupervisionTask, T.RECTIFYING, T.SUBMITTED, closed, result=result)
        y.move(subject, SupervisionTask, T.SUBMITTED, T.CLOSED, closed,
               stopped=[grid_services.SUPERVISION_RULE])  # fmt: skip
        moves = 3
    y.loader.add(
        SupervisionTask,
        id=pk,
        number=task_no,
        org_id=org.pk,
        title=title,
        status=T.CANCELLED if cancelled else T.CLOSED,
        received_on=issued,
        closed_on=closed,
        handler_id=None,
        version=1 + moves,
        source=GRID_TASK_SOURCE,
        source_ref=number,
        description=(
            f"重点区域市容市貌专项督查发现：数字城管案卷 {number}（{cat.name}）。"
            "请立即整改并报送整改情况。"
        ),
        result=result,
        signed_on=None if cancelled else signed,
        reported_on=None if cancelled else closed,
    )
    y.issued(series, n, task_no, issued, TASK_SUBJECT, pk)
