"""Every write service of open government, called by every role inside and outside the
body that owns the request; and the request's transition table walked move by move."""

import datetime as dt

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f
from fazhi.core.tests.harness import (
    Expect,
    MatrixWorld,
    ServiceMatrixTests,
    WorkflowTableTests,
)

from .. import duties, excessive, proactive, reports, services
from ..models import ConsultationKind, DisclosureRequest, ReplyType, ReportKind, RequestStatus
from . import factories
from .factories import SYSTEM

D = dt.date
S = RequestStatus
STAFF = (Role.CLERK, Role.LEADER)


class _W:
    """What ``factories.request`` needs of a world: the owning body."""

    def __init__(self, body):
        self.body = body


def _request(world, status=S.RECEIVED):
    req = factories.request(_W(world.org), on=D(2019, 9, 2))
    if status == S.CORRECTION:
        req = services.request_notify_correction(
            actor=SYSTEM, request=req, items="请写明文件名称", on=D(2019, 9, 4)
        )
    elif status == S.CONSULTING:
        services.request_consult(
            actor=SYSTEM,
            request=req,
            kind=ConsultationKind.THIRD_PARTY,
            consulted="长沙市芙蓉区某物业服务有限公司",
            on=D(2019, 9, 16),
        )
        req.refresh_from_db()
    elif status == S.ANSWERED:
        req = services.request_answer(
            actor=SYSTEM, request=req, reply_type=ReplyType.DISCLOSED, on=D(2019, 9, 20)
        )
    elif status == S.WITHDRAWN:
        req = services.request_withdraw(
            actor=SYSTEM, request=req, reason="申请人书面撤回", on=D(2019, 9, 20)
        )
    return req


def _world():
    gov = f.org("矩阵区人民政府", kind=OrgKind.DISTRICT)
    return MatrixWorld(
        f.org("矩阵区住建局", parent=gov, short_name="矩阵住建局"),
        f.org("矩阵区财政局", parent=gov, short_name="矩阵财政局"),
    )


class TestServiceMatrix(ServiceMatrixTests):
    MODULES = (
        "fazhi.opengov.services",
        "fazhi.opengov.reports",
        "fazhi.opengov.proactive",
        "fazhi.opengov.duties",
        "fazhi.opengov.excessive",
    )
    M = "fazhi.opengov.services:"
    EXPECT = {
        M + "request_receive": Expect.of(
            *STAFF,
            call=lambda w, a, s: factories.request(_W(w.org), actor=a),
        ),
        M + "request_notify_correction": Expect.of(
            *STAFF,
            call=lambda w, a, s: services.request_notify_correction(
                actor=a, request=_request(w), items="请写明文号", on=D(2019, 9, 4)
            ),
        ),
        M + "request_correction_received": Expect.of(
            *STAFF,
            call=lambda w, a, s: services.request_correction_received(
                actor=a, request=_request(w, S.CORRECTION), on=D(2019, 9, 9)
            ),
        ),
        M + "request_consult": Expect.of(
            *STAFF,
            call=lambda w, a, s: services.request_consult(
                actor=a,
                request=_request(w),
                kind=ConsultationKind.AGENCY,
                consulted="长沙市芙蓉区财政局",
                on=D(2019, 9, 16),
            ),
        ),
        M + "request_consult_answered": Expect.of(
            *STAFF,
            call=lambda w, a, s: services.request_consult_answered(
                actor=a, request=_request(w, S.CONSULTING), on=D(2019, 9, 20)
            ),
        ),
        M + "request_extend": Expect.of(
            Role.LEADER,
            call=lambda w, a, s: services.request_extend(
                actor=a, request=_request(w), days=10, reason="需调档", on=D(2019, 9, 20)
            ),
        ),
        M + "request_answer": Expect.of(
            *STAFF,
            call=lambda w, a, s: services.request_answer(
                actor=a, request=_request(w), reply_type=ReplyType.DISCLOSED, on=D(2019, 9, 20)
            ),
        ),
        M + "request_withdraw": Expect.of(
            *STAFF,
            call=lambda w, a, s: services.request_withdraw(
                actor=a, request=_request(w), reason="申请人书面撤回", on=D(2019, 9, 20)
            ),
        ),
        "fazhi.opengov.proactive:item_register": Expect.of(
            *STAFF,
            call=lambda w, a, s: proactive.item_register(
                actor=a, org=w.org, category="budget", title="部门预算", formed_on=D(2019, 9, 2)
            ),
        ),
        "fazhi.opengov.proactive:item_publish": Expect.of(
            *STAFF,
            call=lambda w, a, s: proactive.item_publish(
                actor=a,
                item=proactive.item_register(
                    actor=SYSTEM,
                    org=w.org,
                    category="budget",
                    title="部门预算",
                    formed_on=D(2019, 9, 2),
                ),
                on=D(2019, 9, 20),
            ),
        ),
        "fazhi.opengov.proactive:category_save": Expect.of(
            *STAFF,
            call=lambda w, a, s: proactive.category_save(
                actor=a, org=w.org, name="财政预决算", responsible=w.org
            ),
        ),
        "fazhi.opengov.duties:duty_save": Expect.of(
            *STAFF,
            call=lambda w, a, s: duties.duty_save(
                actor=a,
                org=w.org,
                column="通知公告",
                content="通知公告及时更新",
                effective_from=D(2019, 10, 8),
            ),
        ),
        "fazhi.opengov.duties:duty_check": Expect.of(
            *STAFF,
            call=lambda w, a, s: duties.duty_check(
                actor=a,
                duty=duties.duty_save(
                    actor=SYSTEM,
                    org=w.org,
                    column="通知公告",
                    content="通知公告及时更新",
                    effective_from=D(2019, 10, 8),
                ),
                month="2019-10",
                checked_on=D(2019, 10, 30),
                current=True,
            ),
        ),
        "fazhi.opengov.excessive:request_defer": Expect.of(
            Role.LEADER,
            call=lambda w, a, s: excessive.request_defer(
                actor=a,
                request=_request(w),
                reply_by=D(2019, 10, 31),
                reason="一个月内42件申请",
                on=D(2019, 9, 20),
            ),
        ),
        "fazhi.opengov.excessive:request_fee_notice": Expect.of(
            *STAFF,
            call=lambda w, a, s: excessive.request_fee_notice(
                actor=a,
                request=factories.request(_W(w.org), on=D(2021, 3, 1)),
                amount="1100",
                on=D(2021, 3, 3),
            ),
        ),
        "fazhi.opengov.proactive:suggestion_adopt": Expect.of(
            *STAFF,
            call=lambda w, a, s: proactive.suggestion_adopt(
                actor=a,
                org=w.org,
                description=[
                    factories.request(_W(w.org), description="2019年部门预算") for _i in range(3)
                ][0].description,
                category="budget",
                formed_on=D(2019, 9, 10),
            ),
        ),
        "fazhi.opengov.reports:report_generate": Expect.of(
            *STAFF,
            call=lambda w, a, s: reports.report_generate(
                actor=a, org=w.org, year=2019, kind=ReportKind.DEPARTMENT, on=D(2020, 1, 10)
            ),
        ),
        "fazhi.opengov.reports:report_publish": Expect.of(
            Role.LEADER,
            call=lambda w, a, s: reports.report_publish(
                actor=a,
                report=reports.report_generate(
                    actor=SYSTEM,
                    org=w.org,
                    year=2019,
                    kind=ReportKind.DEPARTMENT,
                    on=D(2020, 1, 10),
                ),
                on=D(2020, 1, 20),
            ),
        ),
    }

    def world(self):
        return _world()


ON = {
    S.CORRECTION: D(2019, 9, 4),
    S.CONSULTING: D(2019, 9, 16),
    S.ANSWERED: D(2019, 9, 20),
    S.WITHDRAWN: D(2019, 9, 20),
}


class TestRequestTable(WorkflowTableTests):
    model = DisclosureRequest

    @pytest.fixture(autouse=True)
    def _world(self, db):
        self.w = _world()

    def make(self, status):
        return _request(self.w, status)

    def actor(self, role):
        return self.w.actor(role)

    def satisfy(self, matter, to):
        if to == S.RECEIVED:
            on = D(2019, 9, 9) if matter.status == S.CORRECTION else D(2019, 9, 20)
        else:
            on = ON[to]
        return {"reason": "测试理由", "data": {"reply_type": ReplyType.DISCLOSED}, "on": on}
