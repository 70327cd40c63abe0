"""The issuers of normative documents, a setting of the 三统一 system: set through the
service by the registering office's leader (or an administrator), checked, and on the
record; a change applies to the next document numbered."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import LedgerEvent

from ..models import Issuer
from ..services import issuers, normative, reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def test_an_issuer_is_set_checked_and_recorded(w):
    kw = dict(org=w.office, registrar_org=w.office, review_org=w.justice,
              filing_bodies=[w.city_gov, w.congress])  # fmt: skip
    with pytest.raises(PermissionDenied) as exc:
        issuers.issuer_save(actor=w.office_clerk, doc_prefix="测政办发", registration_prefix="CSPR",
                            **kw)  # fmt: skip
    assert str(exc.value) == "只有登记机构（政府办公室）负责人或系统管理员可以设置发文机关。"
    with pytest.raises(ValidationError) as exc:
        issuers.issuer_save(actor=w.office_leader, doc_prefix="测政发", registration_prefix="cs-1",
                            **kw)  # fmt: skip
    assert exc.value.messages == [
        "发文机关代字“测政发”已由其他制定机关使用。",
        "登记号代码应为2至20位大写字母或数字，以字母开头（如：FRPR）。",
    ]
    assert Issuer.objects.count() == 1
    before = LedgerEvent.objects.filter(action="leg.issuer.save").count()
    office = issuers.issuer_save(
        actor=w.office_leader, doc_prefix=" 测政办发 ", registration_prefix="cspr", **kw
    )
    assert (office.doc_prefix, office.registration_prefix) == ("测政办发", "CSPR")
    assert sorted(b.name for b in office.filing_bodies.all()) == [
        "测试区人大常委会",
        "测试市人民政府",
    ]
    ev = LedgerEvent.objects.filter(action="leg.issuer.save").latest("seq")
    assert ev.data["prefix"] == "测政办发" and ev.data["created"] is True
    assert ev.data["filing_bodies"] == ["测试区人大常委会", "测试市人民政府"]
    assert LedgerEvent.objects.filter(action="leg.issuer.save").count() == before + 1

    # a changed prefix numbers the next document
    issuers.issuer_save(actor=w.office_leader, org=w.gov, doc_prefix="测政规",
                        registration_prefix="CSPR", registrar_org=w.office, review_org=w.justice,
                        filing_bodies=[w.city_gov])  # fmt: skip
    assert Issuer.objects.count() == 2
    doc = w.draft(needs_consultation=False, consultation_waiver="仅涉及内部工作程序")
    doc = normative.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    req = doc.reviews.get()
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 4, 15))
    doc = normative.deliberate(actor=w.office_clerk, document=doc, on=D(2019, 4, 25),
                               meeting="第12次常务会议")  # fmt: skip
    doc = normative.publish(actor=w.office_clerk, document=doc, on=D(2019, 4, 28))
    assert doc.doc_number == "测政规〔2019〕1号"
    assert [f.body.name for f in doc.filings.all()] == ["测试市人民政府"]
