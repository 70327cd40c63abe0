"""The staff pages and the to-do: a reviewer finds the request assigned to them on 我的待办,
opens it and gives the opinion through the page; nobody outside the sending department and
the reviewing body sees it (scoping, with a participant of another organisation)."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import todo
from fazhi.core.models import Role
from fazhi.core.tests import factories as f
from fazhi.core.tests.signin import sign_in

from ..models import DocStatus, NormativeDocument, ReviewRequest
from ..services import normative as svc
from ..services import reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def submitted(w):
    doc = w.draft(needs_consultation=False, consultation_waiver="内部工作程序")
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    return doc, doc.reviews.get()


def queue(user):
    return [(type(x.matter).__name__, x.matter.pk) for x in todo.waiting_for(user)]


def test_the_review_waits_on_the_right_desk(w):
    doc, req = submitted(w)
    # unassigned: on the Justice Bureau's leader and reviewers (who may assign), not the drafter
    assert ("ReviewRequest", req.pk) in queue(w.justice_leader)
    assert ("ReviewRequest", req.pk) in queue(w.reviewer)
    assert ("ReviewRequest", req.pk) not in queue(w.drafter)
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    # assigned: the assigned reviewer alone
    assert ("ReviewRequest", req.pk) in queue(w.reviewer)
    assert ("ReviewRequest", req.pk) not in queue(w.reviewer2)
    assert ("ReviewRequest", req.pk) not in queue(w.justice_leader)


def test_the_reviewer_gives_the_opinion_on_the_page(client, w):
    doc, req = submitted(w)
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    sign_in(client, w.reviewer)
    home = client.get(reverse("legality:home") + "?mine=1")
    assert home.status_code == 200 and req.number in home.content.decode()
    page = client.get(reverse("legality:review", args=[req.pk]))
    assert 'id="opinion-form"' in page.content.decode()
    act = reverse("legality:review_act", args=[req.pk])
    # bad input: "pass after changes" without the changes — a message, nothing changed
    r = client.post(act, {"act": "opinion", "opinion": "changes", "on": "2019-04-15"}, follow=True)
    assert "修改后通过或不予通过的，请写明理由和修改意见。" in r.content.decode()
    assert ReviewRequest.objects.get(pk=req.pk).status == "assigned"
    # a date in the future is refused by the kernel's date check
    r = client.post(act, {"act": "opinion", "opinion": "pass", "on": "2099-01-01"}, follow=True)
    assert ReviewRequest.objects.get(pk=req.pk).status == "assigned"
    client.post(act, {"act": "opinion", "opinion": "pass", "on": "2019-04-15"})
    req.refresh_from_db()
    assert (req.status, req.opinion_on) == ("passed", D(2019, 4, 15))
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocStatus.REVIEWED


def test_pages_are_scoped(client, w):
    doc, req = submitted(w)
    urls = [
        reverse("legality:review", args=[req.pk]),
        reverse("legality:document", args=[doc.pk]),
    ]
    # the sending department and the reviewing body (a participant of another org) see it
    for who in (w.drafter, w.reviewer2):
        client.logout()
        sign_in(client, who)
        assert [client.get(u).status_code for u in urls] == [200, 200], who
    # another department, a street, a reviewer of another body: not found
    elsewhere = f.org("另一区司法局")
    stranger = f.user(org=elsewhere, role=Role.REVIEWER, full_name="他处审核人员")
    for who in (w.outsider, w.street_clerk, stranger):
        client.logout()
        sign_in(client, who)
        assert [client.get(u).status_code for u in urls] == [404, 404], who
        assert req.number not in client.get(reverse("legality:home")).content.decode()


def test_two_drafts_compared_on_the_page(w, client):
    doc = w.draft()
    svc.version_add(
        actor=w.drafter, document=doc, on=D(2019, 3, 20), note="吸收征求意见",
        text=doc.versions.get().text.replace("三个工作日", "两个工作日")
        + "\n第五条 本措施由区发展和改革局负责解释。",
    )  # fmt: skip
    other = w.draft(title="测试区关于规范行政执法裁量权的办法")
    sign_in(client, w.drafter)
    page = client.get(reverse("legality:document", args=[doc.pk])).content.decode()
    assert reverse("legality:document_diff", args=[doc.pk]) in page
    html = client.get(reverse("legality:document_diff", args=[doc.pk])).content.decode()
    assert "相同 4 段，修改 1 段，删除 0 段，新增 1 段。" in html
    assert '<del class="bg-danger-subtle">三</del>' in html
    assert '<ins class="bg-success-subtle">两</ins>' in html
    assert '<ins class="bg-success-subtle">第五条 本措施由区发展和改革局负责解释。</ins>' in html
    # a draft number of another document (or none) is refused, never compared
    url = reverse("legality:document_diff", args=[doc.pk])
    html = client.get(url, {"a": 1, "b": other.versions.get().n + 5}).content.decode()
    assert "所选稿本不属于本文件，不能比对。" in html and "diff-table" not in html
    client.logout()
    sign_in(client, w.outsider)
    assert client.get(url).status_code == 404
