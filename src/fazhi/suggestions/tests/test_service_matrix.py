"""Every write service of 人大建议/政协提案, by role, inside and outside the organisation.

``world.org`` plays the part the service checks: the 交办机关 for the office's services,
the lead body for the body's, the co-handling body for an opinion."""

from __future__ import annotations

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, org
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests

from ..services import handling, promises, talks

C, L, OFF = Role.CLERK, Role.LEADER, Role.OFFICER


class World(MatrixWorld):
    def __init__(self) -> None:
        root = org("矩阵区人民政府", kind=OrgKind.DISTRICT)
        super().__init__(org("矩阵甲单位", parent=root), org("矩阵乙单位", parent=root))
        self.side = org("矩阵区政府办", kind=OrgKind.OFFICE, parent=root)
        self.body = org("矩阵丙单位", parent=root)
        self.n = 0

    def registered(self, *, office=None):
        self.n += 1
        return handling.suggestion_create(
            actor=SYSTEM,
            office=office or self.side,
            kind="npc",
            session="矩阵区人代会",
            serial=str(self.n),
            author="刘建华",
            title="关于增设路灯的建议",
            text="建议增设路灯",
        )

    def assigned(self, *, office=None, body=None, cohandlers=()):
        return handling.suggestion_assign(
            actor=SYSTEM,
            suggestion=self.registered(office=office),
            body=body or self.org,
            cohandlers=list(cohandlers),
        )

    def talked(self, **kw):
        s = self.assigned(**kw)
        talks.suggestion_contact(actor=SYSTEM, suggestion=s, way="phone", note="电话沟通")
        return s

    def replied(self, **kw):
        return handling.suggestion_reply(
            actor=SYSTEM, suggestion=self.talked(**kw), reply="已增设", result_class="A"
        )


EXPECT = {
    "fazhi.suggestions.services.handling:suggestion_create": Expect.of(
        C,
        L,
        call=lambda w, a, s: handling.suggestion_create(
            actor=a,
            office=w.org,
            kind="cppcc",
            session="矩阵区政协全会",
            serial="1",
            author="陈秀英",
            title="关于公园增设健身器材的提案",
            text="建议增设",
        ),
    ),
    "fazhi.suggestions.services.handling:suggestion_assign": Expect.of(
        C,
        L,
        call=lambda w, a, s: handling.suggestion_assign(
            actor=a, suggestion=w.registered(office=w.org), body=w.body
        ),
    ),
    "fazhi.suggestions.services.handling:suggestion_return": Expect.of(
        C,
        L,
        call=lambda w, a, s: handling.suggestion_return(
            actor=a, suggestion=w.assigned(), reason="非本单位职责"
        ),
    ),
    "fazhi.suggestions.services.handling:suggestion_reply": Expect.of(
        C,
        L,
        call=lambda w, a, s: handling.suggestion_reply(
            actor=a, suggestion=w.talked(), reply="已办理", result_class="B"
        ),
    ),
    "fazhi.suggestions.services.handling:suggestion_evaluate": Expect.of(
        C,
        L,
        call=lambda w, a, s: handling.suggestion_evaluate(
            actor=a, suggestion=w.replied(office=w.org, body=w.body), evaluation="satisfied"
        ),
    ),
    "fazhi.suggestions.services.promises:suggestion_follow_up": Expect.of(
        C,
        L,
        call=lambda w, a, s: promises.suggestion_follow_up(
            actor=a,
            suggestion=handling.suggestion_reply(
                actor=SYSTEM, suggestion=w.talked(), reply="列入计划", result_class="B"
            ),
            reply="已落实",
            result_class="A",
        ),
    ),
    "fazhi.suggestions.services.talks:suggestion_contact": Expect.of(
        C,
        L,
        call=lambda w, a, s: talks.suggestion_contact(
            actor=a, suggestion=w.assigned(), way="meeting", note="面商"
        ),
    ),
    "fazhi.suggestions.services.talks:suggestion_opinion": Expect.of(
        OFF,
        C,
        L,
        call=lambda w, a, s: talks.suggestion_opinion(
            actor=a,
            suggestion=w.assigned(body=w.body, cohandlers=[w.org]),
            org=w.org,
            opinion="同意",
        ),
    ),
}


@pytest.mark.django_db
class TestSuggestionServices(ServiceMatrixTests):
    MODULES = (
        "fazhi.suggestions.services.handling",
        "fazhi.suggestions.services.promises",
        "fazhi.suggestions.services.talks",
    )
    EXPECT = EXPECT

    def world(self):
        return World()
