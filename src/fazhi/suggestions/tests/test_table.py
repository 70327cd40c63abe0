"""The suggestion's transition table walked by role; scoping: another organisation sees
nothing, a co-handler of another organisation sees it and gives its opinion; the pages and
the to-do of the office and of the lead body."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.core import todo
from fazhi.core.models import Role
from fazhi.core.tests.factories import user
from fazhi.core.tests.harness import WorkflowTableTests
from fazhi.core.tests.signin import sign_in

from .. import queries
from ..models import Suggestion
from ..models import SuggestionStatus as S
from ..services import talks
from .world import Chamber, at

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2019, 2, 20)


@pytest.fixture
def c(db):
    with at(DAY):
        yield Chamber()


class TestSuggestionTable(WorkflowTableTests):
    model = Suggestion

    @pytest.fixture(autouse=True)
    def _setup(self, c):
        self.c = c
        self.org = c.body
        self.users = {}
        self.n = 0

    def actor(self, role):
        if role not in self.users:
            scope = "all" if role == Role.SUPERVISOR else ("org" if role == Role.OFFICER else None)
            self.users[role] = user(org=self.org, role=role, scope=scope)
        return self.users[role]

    def make(self, status):
        self.n += 1
        with at(DAY):
            s = self.c.talked(serial=str(100 + self.n))
        Suggestion.objects.filter(pk=s.pk).update(
            status=status, org=self.org, reply="已答复", result_class="A"
        )
        return Suggestion.objects.get(pk=s.pk)


def test_another_organisation_sees_nothing_a_co_handler_sees_and_gives_its_opinion(c, client):
    with at(DAY):
        s = c.assigned()
    assert not queries.suggestions(c.outsider).filter(pk=s.pk).exists()
    with pytest.raises(Http404):
        queries.suggestion(c.outsider, s.pk)
    with at(DAY):
        sign_in(client, c.outsider)
        assert client.get(f"/workspace/suggestions/{s.pk}/").status_code == 404
    assert queries.suggestion(c.co_clerk, s.pk) == s  # 甲街道, through the visibility hook
    with at(DAY):
        ch = talks.suggestion_opinion(actor=c.co_clerk, suggestion=s, org=c.co, opinion="配合")
        assert ch.opinion == "配合"
        with pytest.raises(PermissionDenied):
            talks.suggestion_opinion(actor=c.outsider, suggestion=s, org=c.co, opinion="x")
        sign_in(client, c.co_clerk)
        page = client.get(f"/workspace/suggestions/{s.pk}/").content.decode()
    assert s.number in page and "配合" in page and 'data-move="' not in page


def test_the_pages_hand_out_talk_reply_and_evaluate(c, client):
    with at(DAY):
        s = c.register()
        sign_in(client, c.secretary)
        assert s.number in client.get("/workspace/suggestions/").content.decode()
        url = f"/workspace/suggestions/{s.pk}/move/"
        client.post(url, {"to": "assigned", "version": s.version, "body": c.body.pk})
        s.refresh_from_db()
        assert (s.status, s.org) == (S.ASSIGNED, c.body)
        sign_in(client, c.body_clerk)
        assert s.number in client.get("/workspace/suggestions/").content.decode()
        page = client.get(f"/workspace/suggestions/{s.pk}/").content.decode()
        assert 'data-move="replied"' in page and 'data-move="contact"' in page
        resp = client.post(
            url,
            {"to": "replied", "version": s.version, "reply": "已办理", "result_class": "A"},
            follow=True,
        )
        assert "答复前须与领衔代表（委员）面商或沟通" in resp.content.decode()
        client.post(url, {"to": "contact", "way": "meeting", "note": "上门面商"})
        client.post(
            url, {"to": "replied", "version": s.version, "reply": "已办理", "result_class": "A"}
        )
        s.refresh_from_db()
        assert (s.status, s.result_class) == (S.REPLIED, "A")
        sign_in(client, c.secretary)
        client.post(url, {"to": "closed", "version": s.version, "evaluation": "basic"})
    s.refresh_from_db()
    assert (s.status, s.evaluation, s.closed_on) == (S.CLOSED, "basic", DAY)


def test_the_to_do_of_the_office_and_of_the_lead_body(c):
    with at(DAY):
        waiting_office = c.register(serial="1")
        at_body = c.assigned(serial="2")

        def waiting(u):
            return {(w.matter.pk, tuple(str(m.to) for m in w.moves)) for w in todo.waiting_for(u)}

        assert waiting(c.secretary) == {(waiting_office.pk, ("assigned",))}
        assert waiting(c.body_clerk) == {(at_body.pk, ("replied",))}
        assert waiting(c.co_clerk) == set()
