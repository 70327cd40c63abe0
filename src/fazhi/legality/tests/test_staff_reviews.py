"""A contract sent for legality review from the staff pages, with its clock: refused with
a bad credit code, opened, returned by the reviewer, re-submitted (a new round, the clock
started again) and passed; another request withdrawn; the sending department and the
reviewing body alone see them."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clocks, identity
from fazhi.core.tests.signin import sign_in

from ..models import ReviewRequest
from ..services import reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def test_a_contract_reviewed_over_two_rounds_on_its_pages(client, w):
    code = identity.generate_credit_code("91430102MA4L1B2C")
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    sign_in(client, w.drafter)
    assert 'id="review-new"' in client.get(reverse("legality:home")).content.decode()
    form = {"kind": "contract", "org": w.dept.pk, "review_org": w.justice.pk,
            "title": "测试区智慧停车项目特许经营协议", "received_on": "2019-06-03",
            "text": "第一条 特许经营期限为二十年。", "counterparty": "湖南城泊停车管理有限公司",
            "counterparty_credit_code": bad, "amount": "12800000.00",
            "term_start": "2019-07-01", "term_end": "2039-06-30"}  # fmt: skip
    r = client.post(reverse("legality:review_new"), form)
    assert (
        "相对方统一社会信用代码：统一社会信用代码第18位校验码应为5，实际为0" in r.content.decode()
    )
    assert not ReviewRequest.objects.exists()
    r = client.post(reverse("legality:review_new"), {**form, "counterparty_credit_code": code})
    req = ReviewRequest.objects.get()
    assert r.url == reverse("legality:review", args=[req.pk])
    assert (req.kind, req.counterparty_credit_code, req.rounds) == ("contract", code, 1)
    # HS-3: 7 working days from Mon 2019-06-03 — Fri 06-07 is the Dragon Boat holiday
    clock = clocks.for_subject(req).get()
    assert clock.due_on == D(2019, 6, 13)
    page = client.get(reverse("legality:review", args=[req.pk])).content.decode()
    assert "到期日 2019-06-13" in page and 'id="withdraw-form"' in page
    assert 'id="round-diffs"' not in page  # one round: nothing to compare
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 6, 4))
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="fail", on=D(2019, 6, 10),
                         reasons="特许经营期限超过法定上限，须修改。")  # fmt: skip
    act = reverse("legality:review_act", args=[req.pk])
    page = client.get(reverse("legality:review", args=[req.pk])).content.decode()
    assert 'id="resubmit-form"' in page
    r = client.post(act, {"act": "resubmit", "on": "2019-06-12", "text": " "}, follow=True)
    assert "请填写修改后的送审文本。" in r.content.decode()
    assert ReviewRequest.objects.get(pk=req.pk).rounds == 1
    client.post(
        act, {"act": "resubmit", "on": "2019-06-12", "text": "第一条 特许经营期限为十五年。"}
    )
    req.refresh_from_db()
    assert (req.status, req.rounds) == ("assigned", 2)
    assert list(req.round_set.values_list("n", "text")) == [
        (1, "第一条 特许经营期限为二十年。"),
        (2, "第一条 特许经营期限为十五年。"),
    ]
    # the review page compares the two rounds' texts, paragraph by paragraph
    page = client.get(reverse("legality:review", args=[req.pk])).content.decode()
    assert page.count('class="diff-changed"') == 1 and 'id="round-diff-table-2"' in page
    assert "相同 0 段，修改 1 段，删除 0 段，新增 0 段。" in page
    assert '第一条 特许经营期限为<del class="bg-danger-subtle">二</del>十年。' in page
    assert '第一条 特许经营期限为十<ins class="bg-success-subtle">五</ins>年。' in page
    # the second round's clock: 7 working days from Wed 06-12 — Fri 06-21
    assert clocks.for_subject(req).filter(stopped_on__isnull=True).get().due_on == D(2019, 6, 21)
    client.logout()
    sign_in(client, w.reviewer)
    client.post(act, {"act": "opinion", "opinion": "pass", "on": "2019-06-17"})
    assert ReviewRequest.objects.get(pk=req.pk).status == "passed"
    # a second request, withdrawn by the department with its reason
    client.logout()
    sign_in(client, w.drafter)
    client.post(reverse("legality:review_new"), {**form, "kind": "document", "title": "关于做好防汛工作的通知",
                                                 "counterparty_credit_code": ""})  # fmt: skip
    other = ReviewRequest.objects.exclude(pk=req.pk).get()
    act2 = reverse("legality:review_act", args=[other.pk])
    r = client.post(act2, {"act": "withdraw", "on": "2019-06-04"}, follow=True)
    assert "请写明撤回理由。" in r.content.decode()
    client.post(act2, {"act": "withdraw", "on": "2019-06-04", "reason": "改由部门自行发文"})
    assert ReviewRequest.objects.get(pk=other.pk).status == "withdrawn"
    # another department sees neither
    client.logout()
    sign_in(client, w.outsider)
    assert client.get(reverse("legality:review", args=[req.pk])).status_code == 404
    assert client.post(act2, {"act": "withdraw"}).status_code == 404
