"""The work point's transition table walked by role (every listed move for each of its
roles, refused to the others, every unlisted move invalid), and the to-do of the office and
of the lead body."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import todo
from fazhi.core.models import Role
from fazhi.core.tests.factories import SYSTEM, user
from fazhi.core.tests.harness import WorkflowTableTests

from ..models import WorkPoint
from ..services import points
from .world import Council, at

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2019, 6, 3)


@pytest.fixture
def c(db):
    with at(D(2019, 3, 12)):
        yield Council()


class TestPointTable(WorkflowTableTests):
    model = WorkPoint

    @pytest.fixture(autouse=True)
    def _setup(self, db):
        with at(D(2019, 3, 12)):
            self.c = c = Council()
        self.org = c.lead
        self.users = {}
        self.plan = None
        with at(D(2019, 6, 10)):  # the moves are made on this day (``satisfy``)
            yield

    def actor(self, role):
        if role not in self.users:
            scope = "all" if role == Role.SUPERVISOR else ("org" if role == Role.OFFICER else None)
            self.users[role] = user(org=self.org, role=role, scope=scope)
        return self.users[role]

    def make(self, status):
        with at(D(2019, 3, 12)):
            if self.plan is None:
                self.plan = self.c.plan()
            p = self.c.point(plan=self.plan)
        with at(D(2019, 3, 15)):
            p = points.point_issue(actor=SYSTEM, point=p, on=D(2019, 3, 15))
        with at(DAY):
            points.progress_report(actor=SYSTEM, point=p, org=p.org, text="进展")
        # the table is walked by the lead body's roles: the office is the lead body here
        WorkPoint.objects.filter(pk=p.pk).update(
            status=status, office=self.org, issued_on=D(2019, 3, 15), reported_on=DAY
        )
        return WorkPoint.objects.get(pk=p.pk)


def test_the_to_do_of_the_office_and_of_the_lead_body(c):
    with at(D(2019, 3, 12)):
        plan = c.plan()
        draft = c.point(plan=plan)
        other = c.plan(year=2018)
        c.point(plan=other)
    with at(D(2019, 3, 15)):
        issued = points.point_issue(actor=c.secretary, point=other.points.get())

    def waiting(u):
        with at(D(2019, 3, 20)):
            return {(w.matter.pk, tuple(str(m.to) for m in w.moves)) for w in todo.waiting_for(u)}

    assert waiting(c.secretary) == {(draft.pk, ("assigned",))}
    assert waiting(c.lead_clerk) == {(issued.pk, ("reported",))}
    assert waiting(c.support_clerk) == set()
