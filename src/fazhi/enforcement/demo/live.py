"""The live present: a few dozen matters open in the weeks before today, made through the
real services by the demo logins themselves, so every login finds work on 我的待办 at first
sign-in — and each matter's timeline and clocks are exactly what the services write.

Dates count back in working days from today (``fazhi.core.clock.today()``), never later than
today; clocks reaching into a year whose holidays are not announced carry their provisional
due date (待公布), as they would. Each matter is written as a generator that yields the date of
its next step; the steps of all matters run in the order of their dates (``_in_date_order``),
as they happened, so every series (芙执案, 芙执罚决, 芙督, the grid's numbers) runs with
the dates: a later number is never dated before an earlier one. Who finds what:

- ``leader`` (区行政执法局): clues to approve (批准立案), proposals to approve and notify, cases
  whose statement period is over (作出决定) or still running, a major case back from legality
  review for collective discussion, a grid report handed to the bureau, a task to sign;
- ``officer`` / ``officer2``: cases under investigation (提出处理意见), a hearing request to
  accept, decisions to serve, cases to close and to archive;
- ``reviewer``: a major case waiting for its legality review (the review reminder);
- ``clerk`` (区行政审批服务局): two rectification tasks addressed to the bureau, to sign;
- ``street`` (定王台街道): grid reports to dispatch and to handle, an overdue report's task;
- ``supervisor``: handled grid reports to verify, reported tasks to accept;
- ``admin``: new staff accounts waiting for their post, next year's calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import tomllib
from collections.abc import Generator, Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from pypinyin import lazy_pinyin

from fazhi.core import clock, supervision
from fazhi.core import demo as core_demo
from fazhi.core import services as core_services
from fazhi.core.calendar import get_calendar
from fazhi.core.models import DataScope, Organisation, Role, User
from fazhi.core.workcal import UnknownYearError

from ..models import EnforcementBody, EnforcementItem, GridCategory, GridCell, Officer
from ..services import cases as case_services
from ..services import decisions, grid_flow, publicity
from ..services import grid as grid_services
from . import catalogue
from .names import Names, trade_of

ACTOR = core_demo.ACTOR
SEED = 2026
REVIEW_PASSED = "事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意。"
GRID_LOGIN = ("dwt_wgy", "定王台街道", Role.OFFICER)  # the street's grid officer (网格员)


def load() -> None:
    with transaction.atomic():
        _Present().run()


Steps = Generator[dt.date, None, Any]
"""A matter's steps: yields the date of each step before taking it; returns the matter."""


def _in_date_order(matters: Iterable[Steps]) -> None:
    """Take the steps of all ``matters`` in the order of their dates (on one day, in the order
    the matters are given), each matter's own steps in its order."""
    heap: list[tuple[dt.date, int, Steps]] = []

    def advance(i: int, matter: Steps) -> None:
        try:
            heapq.heappush(heap, (next(matter), i, matter))
        except StopIteration:
            pass

    for i, matter in enumerate(matters):
        advance(i, matter)
    while heap:
        _day, i, matter = heapq.heappop(heap)
        advance(i, matter)


class _Present:
    def __init__(self) -> None:
        self.today = clock.today()
        self.cal = get_calendar()
        self.names = Names(SEED)
        users = {u.username: u for u in User.objects.all()}
        self.leader, self.officer, self.officer2 = (
            users["leader"],
            users["officer"],
            users["officer2"],
        )
        self.reviewer, self.supervisor = users["reviewer"], users["supervisor"]
        self.clerk, self.street, self.admin = users["clerk"], users["street"], users["admin"]
        self.bureau = EnforcementBody.objects.select_related("org").get(
            org__short_name="区行政执法局"
        )
        self.o1 = Officer.objects.get(user=self.officer)
        self.o2 = Officer.objects.get(user=self.officer2)
        # a colleague without a login, as second officer on some cases
        self.o3 = (
            Officer.objects.filter(body=self.bureau, is_active=True, user__isnull=True)
            .order_by("pk")
            .first()
        )
        self.items = {i.code: i for i in EnforcementItem.objects.filter(body=self.bureau)}
        self.orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}

    # -- dates --------------------------------------------------------------------------

    def _workday(self, d: dt.date) -> bool:
        try:
            return self.cal.is_workday(d)
        except UnknownYearError:  # a year not announced yet: weekdays
            return d.weekday() < 5

    def day(self, n: int) -> dt.date:
        """The ``n``-th working day before today (0: today, or the last working day)."""
        d = self.today
        while not self._workday(d):
            d -= dt.timedelta(days=1)
        for _ in range(n):
            d -= dt.timedelta(days=1)
            while not self._workday(d):
                d -= dt.timedelta(days=1)
        return d

    # -- the whole present ----------------------------------------------------------------

    def run(self) -> None:
        self.grid_officer = self.staff()
        _in_date_order([*self.cases(), *self.grid(), *self.tasks()])
        self.accounts()

    def staff(self) -> User:
        """The 定王台 grid officer who files reports in the cells of the street's communities
        (本部门及以下: a 网格员 files where the street's grid runs; not a demo login)."""
        username, org_name, role = GRID_LOGIN
        org = self.orgs[org_name]
        user = core_services.user_create(
            actor=ACTOR,
            username=username,
            password=core_demo.DEMO_PASSWORD,
            full_name=self.names.person_name(),
            primary_org=org,
        )
        core_services.membership_grant(
            actor=ACTOR, user=user, org=org, role=role, data_scope=DataScope.SUBTREE
        )
        return user

    # -- cases ----------------------------------------------------------------------------

    def cases(self) -> list[Steps]:
        """区行政执法局's open cases, each carried as far as its spec says."""
        o1, o2, o3 = self.o1, self.o2, self.o3
        specs: list[dict[str, Any]] = [
            # clues waiting for 批准立案
            dict(item="ZF-CG-004", kind="business", by=self.officer, source="patrol", recv=1),
            dict(item="ZF-CG-009", kind="business", by=self.officer2, source="complaint", recv=2),
            dict(item="ZF-CG-003", kind="business", by=self.leader, source="hotline", recv=3),
            # under investigation: 提出处理意见 (officer / officer2)
            dict(item="ZF-CG-004", kind="business", by=self.officer, recv=14, reg=13,
                 team=(o1, o2), evidence=(12, 9)),
            dict(item="ZF-CG-005", kind="org", by=self.officer2, recv=11, reg=10,
                 team=(o2, o1), evidence=(9, 7)),
            dict(item="ZF-CG-001", kind="org", by=self.leader, source="complaint", recv=9,
                 reg=8, team=(o1, o3), evidence=(6, 4)),
            # proposals waiting for 批准并告知 (leader)
            dict(item="ZF-CG-009", kind="business", by=self.officer, recv=16, reg=15,
                 team=(o1, o2), evidence=(14, 12), propose=(1200, 0)),
            dict(item="ZF-CG-006", kind="org", by=self.officer2, recv=13, reg=12,
                 team=(o2, o1), evidence=(11, 10), propose=(1500, 0)),
            # notified: the party's statement period still running / a hearing requested
            dict(item="ZF-CG-004", kind="business", by=self.officer, recv=20, reg=19,
                 team=(o1, o3), evidence=(18, 15), propose=(400, 0), notify=2),
            dict(item="ZF-CG-006", kind="org", by=self.officer2, recv=22, reg=21,
                 team=(o2, o1), evidence=(20, 17), propose=(4500, 1), notify=3, hearing=1),
            # notified, the period over: 作出决定 (leader)
            dict(item="ZF-CG-005", kind="org", by=self.officer, recv=25, reg=24,
                 team=(o1, o2), evidence=(23, 20), propose=(800, 0), notify=9),
            dict(item="ZF-CG-003", kind="business", by=self.officer2, recv=27, reg=26,
                 team=(o2, o3), evidence=(25, 22), propose=(300, 0), notify=8),
            # major cases: waiting for legality review; reviewed, for collective discussion
            dict(item="ZF-CG-010", kind="org", by=self.officer, recv=30, reg=29,
                 team=(o1, o2), evidence=(28, 24), propose=(20000, 1), notify=14, review=4),
            dict(item="ZF-CG-008", kind="org", by=self.officer2, recv=32, reg=31,
                 team=(o2, o1), evidence=(30, 26), propose=(15000, 1), discuss=True,
                 notify=16, review=8, opinion=5),
            # decided, to be served (officer / officer2)
            dict(item="ZF-CG-004", kind="business", by=self.officer, recv=26, reg=25,
                 team=(o1, o2), evidence=(24, 20), propose=(800, 1), notify=12, decide=2),
            dict(item="ZF-CG-001", kind="org", by=self.officer2, recv=24, reg=23,
                 team=(o2, o1), evidence=(22, 19), propose=(300, 1), notify=10, decide=1),
            # served: the party's payment period running; paid, to be closed
            dict(item="ZF-CG-009", kind="business", by=self.officer, recv=30, reg=29,
                 team=(o1, o3), evidence=(28, 24), propose=(1500, 0), notify=13, decide=6,
                 serve=5, publish=4),
            dict(item="ZF-CG-006", kind="org", by=self.officer2, recv=33, reg=32,
                 team=(o2, o1), evidence=(31, 27), propose=(2000, 1), notify=17, decide=10,
                 serve=9, publish=8, pay=4),
            # closed, to be archived
            dict(item="ZF-CG-005", kind="org", by=self.officer, recv=40, reg=39,
                 team=(o1, o2), evidence=(38, 33), propose=(1000, 0), notify=27, decide=20,
                 serve=19, publish=18, pay=15, close=6),
            dict(item="ZF-CG-004", kind="business", by=self.officer2, recv=35, reg=34,
                 team=(o2, o1), evidence=(33, 30), propose=(0, None), notify=24,
                 decide=18, outcome="first_offence", serve=17, close=12),
        ]  # fmt: skip
        return [*(self.case(**spec) for spec in specs), self.summary_case()]

    def party(self, kind: str, item: str) -> dict[str, str]:
        if kind == "person":
            return self.names.individual()
        trade = trade_of(item)
        return self.names.shop(trade) if kind == "business" else self.names.company(trade)

    def case(
        self,
        *,
        item: str,
        kind: str,
        by: User,
        recv: int,
        source: str = "patrol",
        reg: int | None = None,
        team: tuple = (),
        evidence: tuple = (),
        propose: tuple | None = None,
        discuss: bool = False,
        notify: int | None = None,
        hearing: int | None = None,
        review: int | None = None,
        opinion: int | None = None,
        decide: int | None = None,
        outcome: str = "penalty",
        serve: int | None = None,
        publish: int | None = None,
        pay: int | None = None,
        close: int | None = None,
        source_ref: str = "",
    ) -> Steps:
        it = self.items[item]
        who = self.party(kind, item)
        received = self.day(recv)
        yield received
        street = self.names.rnd.choice(
            list(Organisation.objects.filter(kind="street").values_list("short_name", flat=True))
        )
        case = case_services.case_open(
            actor=by,
            body=self.bureau,
            field=it.field,
            item=it,
            source=source,
            source_ref=source_ref,
            party_kind=kind,
            received_on=received,
            facts=(
                f"{received.year}年{received.month}月{received.day}日，"
                f"执法人员在芙蓉区{street}辖区{self.names.road()}检查发现，当事人{_act(it)}。"
            ),
            party_phone=self.names.mobile() if kind == "person" else "",
            title=f"{who['party_name']}{_act(it)}案",
            **who,
        )
        if reg is None:
            return case
        leader = self.leader
        yield self.day(reg)
        case_services.register(actor=leader, case=case, on=self.day(reg))
        for j, officer in enumerate(team):
            case_services.assign_officer(
                actor=leader, case=case, officer=officer, lead=j == 0, on=self.day(reg)
            )
        lead_user = team[0].user
        for k, (title, ek) in enumerate(
            [("现场检查（勘验）笔录", "scene"), ("询问笔录", "inquiry")][: len(evidence)]
        ):
            yield self.day(evidence[k])
            case_services.evidence_add(
                actor=lead_user,
                case=case,
                kind=ek,
                title=title,
                collected_on=self.day(evidence[k]),
                officer=team[k % len(team)],
            )
        if propose is None:
            return case
        fine, band_index = propose
        band = it.bands.order_by("fine_min")[band_index] if band_index is not None else None
        kinds = ["fine"] if fine else []
        case = case_services.propose(
            actor=lead_user,
            case=case,
            fine=Decimal(fine) if fine else None,
            band=band,
            kinds=kinds,
            needs_discussion=discuss,
        )
        if notify is None:
            return case
        yield self.day(notify)
        case = case_services.notify(actor=leader, case=case, on=self.day(notify))
        if hearing is not None:
            yield self.day(hearing)
            case_services.request_hearing(actor=lead_user, case=case, on=self.day(hearing))
            return case
        if review is not None:
            yield self.day(review)
            case = case_services.submit_review(actor=lead_user, case=case, on=self.day(review))
            if opinion is None:
                return case
            yield self.day(opinion)
            case_services.review_opinion(
                actor=self.reviewer,
                case=case,
                opinion="pass",
                reasons=REVIEW_PASSED,
                on=self.day(opinion),
            )
            return case
        if decide is None:
            return case
        yield self.day(decide)
        case.refresh_from_db()
        d = decisions.decide(
            actor=leader,
            case=case,
            on=self.day(decide),
            outcome=outcome,
            basis=it.penalty_basis or it.legal_basis,
            fine=Decimal(fine),
            band=band if fine else None,
            kinds=kinds,
        )
        case.refresh_from_db()
        if serve is None:
            return case
        yield self.day(serve)
        case = decisions.serve(actor=lead_user, case=case, on=self.day(serve), method="直接送达")
        if publish is not None:
            yield self.day(publish)
            publicity.publish(actor=lead_user, decision=d, on=self.day(publish))
        if pay is not None:
            yield self.day(pay)
            decisions.pay(
                actor=lead_user,
                case=case,
                on=self.day(pay),
                amount=Decimal(fine),
                receipt=f"FK{self.day(pay):%Y%m%d}{case.pk:05d}",
            )
        if close is None:
            return case
        yield self.day(close)
        return decisions.close(actor=lead_user, case=case, on=self.day(close))

    def summary_case(self) -> Steps:
        """当场处罚 by ``officer`` three working days ago, paid on the spot, closed: to archive."""
        it = self.items["ZF-CG-002"]
        on = self.day(3)
        yield on
        who = self.names.individual()
        case = case_services.case_open(
            actor=self.officer,
            body=self.bureau,
            field=it.field,
            item=it,
            source="patrol",
            procedure="summary",
            party_kind="person",
            received_on=on,
            facts=f"当事人在{self.names.road()}人行道上乱扔烟头、纸屑，经劝阻后承认。",
            title=f"{who['party_name']}{_act(it)}案",
            **who,
        )
        case_services.assign_officer(
            actor=self.officer, case=case, officer=self.o1, lead=True, on=on
        )
        band = it.bands.order_by("fine_min").first()
        decisions.decide(
            actor=self.officer,
            case=case,
            on=on,
            outcome="penalty",
            basis=it.penalty_basis or it.legal_basis,
            fine=Decimal(50),
            band=band,
            kinds=["fine"],
        )
        case.refresh_from_db()
        case = decisions.serve(actor=self.officer, case=case, on=on, method="当场交付")
        decisions.pay(actor=self.officer, case=case, on=on, amount=Decimal(50), receipt="当场收缴")
        yield self.day(2)
        decisions.close(actor=self.officer, case=case, on=self.day(2))

    # -- 数字城管 ----------------------------------------------------------------------------

    def grid(self) -> list[Steps]:
        street = self.orgs["定王台街道"]
        cells = list(
            GridCell.objects.filter(org__parent=street).select_related("org").order_by("code")
        )
        cats = {c.code: c for c in GridCategory.objects.all()}
        s, sup = self.street, self.supervisor

        def file(cell_i, code, n, who="grid_officer") -> Steps:
            yield self.day(n)
            cell = cells[cell_i % len(cells)]
            location = self.names.spot(cell.name)
            return grid_services.report_file(
                actor=self.grid_officer,
                cell=cell,
                category=cats[code],
                location=location,
                description=f"{location}发现“{cats[code].name}”问题，请处置。",
                reporter_kind=who,
                received_on=self.day(n),
            )

        def dispatched(cell_i, code, n) -> Steps:
            """Dispatched to the community the day it came in: to handle (street)."""
            r = yield from file(cell_i, code, n)
            grid_flow.report_dispatch(actor=s, report=r, on=self.day(n))
            return r

        def to_bureau() -> Steps:
            """Unlawful building, handed to the bureau (15 working days): a case (leader)."""
            r = yield from file(4, "SJ0101", 5)
            yield self.day(4)
            grid_flow.report_dispatch(actor=s, report=r, to_org=self.bureau.org, on=self.day(4))
            yield from self.case(item="ZF-CG-010", kind="person", by=self.leader, source="grid",
                                 recv=3, source_ref=r.number)  # fmt: skip

        def handled(cell_i, code, n) -> Steps:
            """Handled by the community: to verify (supervisor)."""
            r = yield from dispatched(cell_i, code, n)
            yield self.day(1)
            grid_flow.report_handle(
                actor=s, report=r, result="已清理完毕，现场恢复整洁。", on=self.day(1)
            )

        def supervised() -> Steps:
            """Overdue after dispatch, supervised: its task waits for the street to sign."""
            r = yield from dispatched(7, "SJ0201", 7)
            yield self.day(3)
            grid_services.report_supervise(actor=sup, report=r, on=self.day(3))

        return [
            file(0, "SJ0102", 0),  # waiting for dispatch (street)
            file(1, "SJ0505", 1),
            dispatched(2, "SJ0104", 1),  # to handle (street); one overdue
            dispatched(3, "SJ0502", 3),
            to_bureau(),
            handled(5, "SJ0201", 4),
            handled(6, "SJ0103", 3),
            supervised(),
        ]

    # -- supervision tasks --------------------------------------------------------------

    def tasks(self) -> list[Steps]:
        sup, approval = self.supervisor, self.orgs["区行政审批服务局"]

        def task(org, title, description, rule, n, source_ref="") -> Steps:
            yield self.day(n)
            return supervision.task_create(
                actor=sup,
                org=org,
                title=title,
                description=description,
                source="manual",
                source_ref=source_ref,
                rule_code=rule,
                received_on=self.day(n),
            )

        def reported(leader, result, signed, on, *args) -> Steps:
            t = yield from task(*args)
            yield self.day(signed)
            supervision.task_sign(actor=leader, task=t, on=self.day(signed))
            yield self.day(on)
            supervision.task_report(actor=leader, task=t, result=result, on=self.day(on))

        year = self.today.year
        return [
            # to 区行政审批服务局: to sign (clerk)
            task(
                approval,
                "行政许可决定“双公示”超期整改",
                "“双公示”专项检查发现：贵局本季度作出的7件行政许可决定未在作出决定之日起"
                "7个工作日内在门户网站公示（国办发〔2018〕118号）。请补充公示，查明原因，"
                "报送整改情况。",
                "GK-1",
                2,
            ),
            task(
                approval,
                "12345热线工单答复超期督办",
                f"12345热线转办的营业执照变更登记咨询工单（{year}年第4季度，共3件）超过办理期限"
                "未答复。请立即答复市民并报送整改情况。",
                "RX-1",
                4,
            ),
            # to 区行政执法局: to sign (leader); reported, to accept (supervisor)
            task(
                self.bureau.org,
                "执法决定公示信息更新不及时整改",
                "行政执法公示平台抽查发现：部分执法决定公示信息未在7个工作日内更新。"
                "请逐件核查并报送整改情况。",
                "GK-1",
                1,
            ),
            reported(
                self.leader,
                "已组织夜间专项整治3次，劝离占道经营摊点21处，立案查处2起，并建立常态化巡查机制。",
                11,
                3,
                self.bureau.org,
                "市民投诉五一商圈夜间占道经营督办",
                "12345热线多次反映五一商圈周边夜间占道经营、噪声扰民。请组织专项整治并报送整改情况。",
                "RX-1",
                12,
            ),
            # to 定王台街道: reported, to accept (supervisor)
            reported(
                self.street,
                "已联合社区、物业清理楼道杂物46处，劝导整改电动自行车飞线充电12处。",
                9,
                2,
                self.orgs["定王台街道"],
                "老旧小区楼道堆放杂物消防隐患整改",
                "专项检查发现辖区部分老旧小区楼道堆放杂物、电动自行车违规充电，存在消防安全隐患。"
                "请组织清理并报送整改情况。",
                "RX-1",
                10,
            ),
        ]

    # -- accounts -----------------------------------------------------------------------

    def accounts(self) -> None:
        """Two new staff accounts created by the administrator, waiting for their post."""
        for org_name in ("区行政执法局", "区市场监管局"):
            name = self.names.person_name()
            username = "".join(lazy_pinyin(name))
            core_services.user_create(
                actor=self.admin,
                username=username,
                password=core_demo.DEMO_PASSWORD,
                full_name=name,
                primary_org=self.orgs[org_name],
            )


@functools.cache
def _acts() -> dict[str, str]:
    """The power list's wording of each violation for case facts (``act``)."""
    data = tomllib.loads(catalogue.DATA.read_text(encoding="utf-8"))
    return {it["code"]: it.get("act", it["name"]) for it in data["item"]}


def _act(item: EnforcementItem) -> str:
    return _acts().get(item.code, item.name)
