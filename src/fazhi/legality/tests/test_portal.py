"""The public library: a published document is found by a Chinese phrase from its text,
an unpublished draft never shows, a repealed document says so at the top, and the page
shows no personal number."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from ..services import normative as svc
from ..services import reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def published(w):
    doc = w.draft(needs_consultation=False, consultation_waiver="内部工作程序")
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    req = doc.reviews.get()
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 4, 15))
    doc = svc.deliberate(
        actor=w.office_clerk, document=doc.__class__.objects.get(pk=doc.pk), on=D(2019, 4, 25),
        meeting="第12次常务会议",
    )  # fmt: skip
    return svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 5, 6))


def test_the_public_finds_a_document_by_a_phrase_and_sees_its_end(client, w):
    doc = published(w)
    draft = w.draft(title="测试区尚未发布的草案")
    home = reverse("legality_public:home")
    hits = client.get(home, {"q": "依法平等保护民营企业"}).content.decode()
    assert doc.title in hits and draft.title not in hits
    assert doc.title not in client.get(home, {"q": "不存在的短语甲乙丙"}).content.decode()
    assert client.get(reverse("legality_public:document", args=[draft.pk])).status_code == 404
    page = client.get(reverse("legality_public:document", args=[doc.pk])).content.decode()
    assert "测政发〔2019〕1号" in page and 'id="doc-ended"' not in page
    svc.end_life(
        actor=w.office_clerk, document=doc, to="repealed", on=D(2019, 12, 2), reason="被取代"
    )
    page = client.get(reverse("legality_public:document", args=[doc.pk])).content.decode()
    assert "本文件已废止（2019-12-02）。" in page
    assert page.index('id="doc-ended"') < page.index("<h1")
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", page)
