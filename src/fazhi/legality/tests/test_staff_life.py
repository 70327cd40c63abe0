"""After issue, on the staff pages: the registering office amends a document and records its
repeal (the staff and public pages say so at the top, the lists show the status); a
document's validity period coming to its end is on the to-do of the office and the
drafting department, and nobody else's."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clock, todo
from fazhi.core.tests.signin import sign_in

from ..models import DocStatus, DocumentEvent, NormativeDocument
from ..services import normative as svc
from ..services import reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def issued(w, valid_until=None, **kw) -> NormativeDocument:
    doc = w.draft(needs_consultation=False, consultation_waiver="仅涉及内部工作程序", **kw)
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    req = doc.reviews.get()
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 4, 15))
    doc = svc.deliberate(
        actor=w.office_clerk, document=NormativeDocument.objects.get(pk=doc.pk),
        on=D(2019, 4, 25), meeting="第12次常务会议",
    )  # fmt: skip
    return svc.publish(
        actor=w.office_clerk, document=doc, on=D(2019, 5, 6), valid_until=valid_until
    )


def at(day: dt.date):
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 4, tzinfo=dt.UTC))


def test_the_office_amends_then_repeals_on_the_page(client, w):
    doc = issued(w)
    url = reverse("legality:document", args=[doc.pk])
    act = reverse("legality:document_act", args=[doc.pk])
    # the drafting department sees the document but is offered neither move
    sign_in(client, w.drafter)
    page = client.get(url).content.decode()
    assert 'data-op="amend"' not in page and 'data-op="end"' not in page
    assert client.post(act, {"op": "end"}).status_code == 400
    client.logout()
    sign_in(client, w.office_clerk)
    page = client.get(url).content.decode()
    assert 'data-op="amend"' in page and 'data-op="end"' in page
    new_text = doc.body_text.replace("五十万元", "一百万元")
    r = client.post(
        act,
        {"op": "amend", "on": "2019-09-02", "ref": "测政发〔2019〕9号", "text": new_text,
         "note": "提高奖励标准"},
        follow=True,
    )  # fmt: skip
    assert "已办理：登记修改" in r.content.decode()
    doc.refresh_from_db()
    assert doc.status == DocStatus.ISSUED and "一百万元" in doc.body_text
    assert doc.versions.order_by("-n").first().note == "提高奖励标准"
    # bad input: an end without a reason — the form's message, nothing changed
    r = client.post(act, {"op": "end", "to": "repealed", "on": "2019-12-02"}, follow=True)
    assert "理由：这个字段是必填项。" in r.content.decode()
    # a repeal dated before the amendment it follows is refused too
    r = client.post(
        act, {"op": "end", "to": "repealed", "on": "2019-05-01", "reason": "被新规定取代"},
        follow=True,
    )  # fmt: skip
    assert NormativeDocument.objects.get(pk=doc.pk).status == DocStatus.ISSUED
    r = client.post(
        act,
        {"op": "end", "to": "repealed", "on": "2019-12-02", "reason": "被新规定取代",
         "ref": "测政发〔2019〕20号"},
        follow=True,
    )  # fmt: skip
    html = r.content.decode()
    assert "已办理：登记废止或失效" in html
    assert "本文件已废止（2019-12-02）。 被新规定取代" in html
    doc.refresh_from_db()
    assert (doc.status, doc.ended_on, doc.end_reason) == (
        "repealed",
        D(2019, 12, 2),
        "被新规定取代",
    )
    assert list(DocumentEvent.objects.filter(document=doc).values_list("kind", "ref")) == [
        ("published", "测政发〔2019〕1号"),
        ("amended", "测政发〔2019〕9号"),
        ("repealed", "测政发〔2019〕20号"),
    ]
    # no more moves on a repealed document
    assert 'data-op="end"' not in html and 'data-op="amend"' not in html
    # the staff list shows the status; the public page says so at the top
    listing = client.get(reverse("legality:documents")).content.decode()
    assert "<td>已废止</td>" in listing
    public = client.get(reverse("legality_public:document", args=[doc.pk])).content.decode()
    assert public.index('id="doc-ended"') < public.index("<h1")
    assert "本文件已废止（2019-12-02）。" in public
    # the review request that shows the document shows its status too
    client.logout()
    sign_in(client, w.drafter)
    review = client.get(reverse("legality:review", args=[doc.reviews.get().pk])).content.decode()
    assert '<span class="badge bg-secondary" id="review-doc-status">已废止</span>' in review


def test_the_validity_period_comes_due_on_the_right_to_do(w):
    doc = issued(w, valid_until=D(2024, 6, 4))
    other = issued(w, title="测试区关于规范行政执法裁量权的办法")  # no validity period

    def mine(user, day):
        with at(day):
            return [(r.title, r.detail, r.days_left) for r in todo.reminders_for(user)
                    if "有效期" in r.title]  # fmt: skip

    assert mine(w.office_clerk, D(2024, 3, 5)) == []  # 91 days before: not yet
    expected = [
        (f"规范性文件有效期即将届满：{doc.title}", "测政发〔2019〕1号 · 有效期至 2024-06-04", 90)
    ]
    assert mine(w.office_clerk, D(2024, 3, 6)) == expected
    assert mine(w.drafter, D(2024, 3, 6)) == expected
    for nobody in (w.outsider, w.street_clerk, w.reviewer):
        assert mine(nobody, D(2024, 3, 6)) == []
    # past the date and still recorded as issued: red, until the lapse is recorded
    with at(D(2024, 6, 6)):
        (r,) = [r for r in todo.reminders_for(w.office_clerk) if "有效期" in r.title]
    assert (r.title, r.status, r.label) == (
        f"规范性文件有效期已届满，尚未登记失效：{doc.title}",
        "red",
        "已过期 2 天",
    )
    svc.end_life(
        actor=w.office_clerk, document=doc, to="expired", on=D(2024, 6, 5), reason="有效期届满"
    )
    assert mine(w.office_clerk, D(2024, 6, 6)) == []
    assert other.valid_until is None
