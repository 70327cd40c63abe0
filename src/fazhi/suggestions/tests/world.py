"""A district with its government office (交办机关), two bodies and a co-handler."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import District, org, user

from ..services import handling, talks

D = dt.date


def at(day: dt.date):
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC))


class Chamber:
    def __init__(self) -> None:
        self.d = d = District()
        self.office = org("测试区人民政府办公室", kind=OrgKind.OFFICE, parent=d.gov)
        self.secretary = user("gov_clerk", org=self.office, role=Role.CLERK, full_name="督查员")
        self.body = d.bureau
        self.body_clerk = d.clerk
        self.co = d.street_a
        self.co_clerk = user("co_clerk", org=d.street_a, role=Role.CLERK)
        self.outsider = user("outsider", org=d.street_b, role=Role.CLERK)

    def register(self, **kw):
        args = dict(
            actor=self.secretary,
            office=self.office,
            kind="npc",
            session="测试区第十七届人民代表大会第四次会议",
            serial="12",
            author="刘建华",
            co_authors="陈秀英、王志明",
            title="关于规范夜间施工噪声管理的建议",
            text="夜间施工噪声扰民问题突出，建议加强审批和巡查。",
            received_on=D(2019, 1, 10),
        )
        args.update(kw)
        return handling.suggestion_create(**args)

    def assigned(self, **kw):
        s = self.register(**kw)
        return handling.suggestion_assign(
            actor=self.secretary, suggestion=s, body=self.body, cohandlers=[self.co]
        )

    def talked(self, **kw):
        s = self.assigned(**kw)
        talks.suggestion_contact(
            actor=self.body_clerk, suggestion=s, way="meeting", note="上门面商，代表认可办理思路"
        )
        return s
