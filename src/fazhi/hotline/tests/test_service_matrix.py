"""Every write service of the hotline, by role, inside and outside the organisation.

``world.org`` plays the part the service checks: the hotline office for the office's
services, the lead body for the body's, the co-handling body for an opinion."""

from __future__ import annotations

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, org
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests

from ..services import aftercare, catalogue, meetings, orders, reshape

C, L, OFF, SUP, ADMIN = Role.CLERK, Role.LEADER, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN


class World(MatrixWorld):
    def __init__(self) -> None:
        root = org("矩阵区人民政府", kind=OrgKind.DISTRICT)
        super().__init__(org("矩阵甲单位", parent=root), org("矩阵乙单位", parent=root))
        self.side = org("矩阵热线办", kind=OrgKind.OFFICE, parent=root)
        self.body = org("矩阵丙单位", parent=root)
        self.cat = catalogue.category_save(actor=SYSTEM, code="M01", major="城市管理", name="占道")

    def order(self, *, office, kind="complaint"):
        return orders.order_create(
            actor=SYSTEM,
            office=office,
            kind=kind,
            category=self.cat,
            caller_phone="13807318826",
            text="占道经营",
        )

    def at_office(self, **kw):
        """An order of the office ``org`` (as received)."""
        return self.order(office=self.org, **kw)

    def assigned(self, *, body=None, office=None, cohandlers=()):
        o = self.order(office=office or self.side)
        return orders.order_assign(
            actor=SYSTEM, order=o, body=body or self.org, cohandlers=list(cohandlers)
        )

    def signed(self, **kw):
        return orders.order_sign(actor=SYSTEM, order=self.assigned(**kw))

    def replied(self, **kw):
        return orders.order_reply(actor=SYSTEM, order=self.signed(**kw), reply="已处理")

    def closed(self, **kw):
        return orders.order_close(actor=SYSTEM, order=self.replied(**kw))


def _office_assigned(w):
    return w.assigned(office=w.org, body=w.body)


EXPECT = {
    "fazhi.hotline.services.orders:order_create": Expect.of(
        C,
        L,
        call=lambda w, a, s: orders.order_create(
            actor=a,
            office=w.org,
            kind="help",
            category=w.cat,
            caller_phone="84123456",
            text="路灯不亮",
        ),
    ),
    "fazhi.hotline.services.orders:order_answer": Expect.of(
        C,
        L,
        call=lambda w, a, s: orders.order_answer(
            actor=a, order=w.at_office(kind="enquiry"), answer="见知识库"
        ),
    ),
    "fazhi.hotline.services.orders:order_assign": Expect.of(
        C, L, call=lambda w, a, s: orders.order_assign(actor=a, order=w.at_office(), body=w.body)
    ),
    "fazhi.hotline.services.orders:order_sign": Expect.of(
        C, L, call=lambda w, a, s: orders.order_sign(actor=a, order=w.assigned())
    ),
    "fazhi.hotline.services.orders:order_return": Expect.of(
        C, L, call=lambda w, a, s: orders.order_return(actor=a, order=w.assigned(), reason="误派")
    ),
    "fazhi.hotline.services.orders:order_reply": Expect.of(
        C, L, call=lambda w, a, s: orders.order_reply(actor=a, order=w.signed(), reply="已处理")
    ),
    "fazhi.hotline.services.orders:order_close": Expect.of(
        C,
        L,
        call=lambda w, a, s: orders.order_close(
            actor=a, order=w.replied(office=w.org, body=w.body)
        ),
    ),
    "fazhi.hotline.services.orders:order_send_back": Expect.of(
        C,
        L,
        call=lambda w, a, s: orders.order_send_back(
            actor=a, order=w.replied(office=w.org, body=w.body), reason="答非所问"
        ),
    ),
    "fazhi.hotline.services.orders:order_merge": Expect.of(
        C,
        L,
        call=lambda w, a, s: orders.order_merge(actor=a, order=w.at_office(), into=w.at_office()),
    ),
    "fazhi.hotline.services.orders:order_opinion": Expect.of(
        OFF,
        C,
        L,
        call=lambda w, a, s: orders.order_opinion(
            actor=a, order=w.signed(body=w.body, cohandlers=[w.org]), org=w.org, opinion="同意"
        ),
    ),
    "fazhi.hotline.services.aftercare:order_callback": Expect.of(
        C,
        L,
        call=lambda w, a, s: aftercare.order_callback(
            actor=a, order=w.closed(office=w.org, body=w.body), result="satisfied"
        ),
    ),
    "fazhi.hotline.services.aftercare:order_extend": Expect.of(
        L,
        call=lambda w, a, s: aftercare.order_extend(
            actor=a, order=_office_assigned(w), days=3, reason="需现场核实"
        ),
    ),
    "fazhi.hotline.services.aftercare:order_urge": Expect.of(
        C, L, call=lambda w, a, s: aftercare.order_urge(actor=a, order=_office_assigned(w))
    ),
    "fazhi.hotline.services.aftercare:order_link": Expect.of(
        C,
        L,
        call=lambda w, a, s: aftercare.order_link(
            actor=a,
            order=w.signed(),
            subject_type="hotline.order",
            subject_id=str(w.at_office().pk),
            label="转为另一工单",
        ),
    ),
    "fazhi.hotline.services.meetings:meeting_hold": Expect.of(
        L,
        call=lambda w, a, s: meetings.meeting_hold(
            actor=a, office=w.org, topic="占道经营反复投诉", minutes="责成城管加强巡查"
        ),
    ),
    "fazhi.hotline.services.meetings:meeting_decide": Expect.of(
        SUP,
        call=lambda w, a, s: meetings.meeting_decide(
            actor=a,
            meeting=meetings.meeting_hold(actor=SYSTEM, office=w.side, topic="占道", minutes="x"),
            org=w.org,
            title="占道经营整治",
            description="十个工作日内整改",
        ),
    ),
    "fazhi.hotline.services.meetings:meeting_minutes": Expect.of(
        L,
        call=lambda w, a, s: meetings.meeting_minutes(
            actor=a,
            meeting=meetings.meeting_hold(actor=SYSTEM, office=w.org, topic="占道", minutes=""),
            minutes="责成城管加强巡查",
            report_no="热线会商〔2019〕3号",
        ),
    ),
    "fazhi.hotline.services.reshape:order_split": Expect.of(
        C,
        L,
        call=lambda w, a, s: reshape.order_split(
            actor=a, order=w.at_office(), parts=[(w.cat, "另反映路灯不亮")]
        ),
    ),
    "fazhi.hotline.services.reshape:extension_ask": Expect.of(
        C,
        L,
        call=lambda w, a, s: reshape.extension_ask(
            actor=a, order=w.signed(), days=3, reason="需现场核实"
        ),
    ),
    "fazhi.hotline.services.reshape:extension_decide": Expect.of(
        L,
        call=lambda w, a, s: reshape.extension_decide(
            actor=a,
            extension=reshape.extension_ask(
                actor=SYSTEM, order=_office_assigned(w), days=3, reason="需现场核实"
            ),
            approve=True,
        ),
    ),
    "fazhi.hotline.services.catalogue:category_save": Expect.of(
        ADMIN,
        L,
        outside=[ADMIN],
        call=lambda w, a, s: catalogue.category_save(
            actor=a, code="M02", major="城市管理", name="噪声", office=w.org
        ),
    ),
    "fazhi.hotline.services.catalogue:dispatch_save": Expect.of(
        ADMIN,
        L,
        outside=[ADMIN],
        call=lambda w, a, s: catalogue.dispatch_save(
            actor=a, category=w.cat, body=w.body, office=w.org
        ),
    ),
    "fazhi.hotline.services.catalogue:catalogue_row_save": Expect.of(
        ADMIN,
        L,
        outside=[ADMIN],
        call=lambda w, a, s: catalogue.catalogue_row_save(
            actor=a, code="M03", major="城市管理", name="渣土", body=w.body, office=w.org
        ),
    ),
    "fazhi.hotline.services.catalogue:knowledge_save": Expect.of(
        C,
        L,
        call=lambda w, a, s: catalogue.knowledge_save(
            actor=a, office=w.org, category=w.cat, question="占道如何投诉", answer="拨打12345"
        ),
    ),
    "fazhi.hotline.services.catalogue:knowledge_update": Expect.of(
        C,
        L,
        call=lambda w, a, s: catalogue.knowledge_update(
            actor=a,
            article=catalogue.knowledge_save(
                actor=SYSTEM, office=w.org, category=w.cat, question="占道", answer="拨打12345"
            ),
            category=w.cat,
            question="占道经营如何投诉",
            answer="拨打12345或网上提交",
        ),
    ),
}


@pytest.mark.django_db
class TestHotlineServices(ServiceMatrixTests):
    MODULES = (
        "fazhi.hotline.services.orders",
        "fazhi.hotline.services.aftercare",
        "fazhi.hotline.services.meetings",
        "fazhi.hotline.services.catalogue",
        "fazhi.hotline.services.reshape",
    )
    EXPECT = EXPECT

    def world(self):
        return World()
