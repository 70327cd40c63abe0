"""The printable documents: the 合法性审查意见书 of a review round and the published normative
document, as DOCX in the GB/T 9704-2012 layout, read back paragraph by paragraph; and their
downloads (scoped for staff; the public copy of a published document only)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from fazhi.core.tests.signin import sign_in

from .. import documents
from ..services import normative as svc
from ..services import reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def _reviewed(w, opinion="pass", reasons=""):
    doc = w.draft(needs_consultation=False, consultation_waiver="仅涉及内部工作程序")
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    req = doc.reviews.get()
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    reviews.give_opinion(
        actor=w.reviewer, request=req, opinion=opinion, on=D(2019, 4, 15), reasons=reasons
    )
    return doc.reviews.get()


def _published(w):
    req = _reviewed(w, reasons="制定主体、权限、程序和内容合法。")
    doc = svc.deliberate(
        actor=w.office_clerk, document=req.document, on=D(2019, 4, 25), meeting="第12次常务会议"
    )
    return svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 4, 28))


def test_the_review_opinion(w):
    req = _reviewed(
        w, opinion="changes", reasons="第三条奖励标准应明确资金来源。\n第四条有效期应写明起止日期。"
    )
    rnd = req.round_set.get()
    data = documents.opinion_docx(rnd)
    assert _texts(data) == [
        "测试区司法局",
        "合审〔2019〕1号",
        "关于《测试区关于促进民营经济高质量发展的若干措施》的合法性审查意见书",
        "测试区发展和改革局：",
        "你单位于2019年4月8日送请审查的《测试区关于促进民营经济高质量发展的若干措施》"
        "（第1次送审）收悉。经审查，现提出如下意见：",
        "一、审查结论",
        "按照本意见修改后通过。",
        "二、理由和修改意见",
        "第三条奖励标准应明确资金来源。",
        "第四条有效期应写明起止日期。",
        "测试区司法局",
        "2019年4月15日",
    ]
    doc = Document(io.BytesIO(data))
    sec = doc.sections[0]
    assert [round(m.mm) for m in (sec.top_margin, sec.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (sec.left_margin, sec.right_margin)] == [28, 26]
    mark = doc.paragraphs[0].runs[0]
    assert str(mark.font.color.rgb) == "FF0000" and mark.font.name == "方正小标宋简体"
    assert sec.footer.paragraphs[0].text == "— 1 —"
    with translation.override("en"):  # always in Chinese, the same bytes
        assert documents.opinion_docx(rnd) == data


def test_the_published_document(w):
    doc = _published(w)
    data = documents.normative_docx(doc)
    assert _texts(data) == [
        "登记号：CSPR-2019-1",
        "测试区人民政府",
        "测政发〔2019〕1号",
        "测试区关于促进民营经济高质量发展的若干措施",
        "第一条 为优化营商环境，依法平等保护民营企业合法权益，制定本措施。",
        "第二条 区人民政府各部门应当在三个工作日内办结民营企业提出的政务服务事项申请。",
        "第三条 对符合条件的民营企业给予不超过五十万元的一次性奖励。",
        "第四条 本措施自发布之日起施行，有效期五年。",
        "测试区人民政府",
        "2019年4月28日",
    ]
    d = Document(io.BytesIO(data))
    reg, mark = d.paragraphs[0].runs[0], d.paragraphs[1]
    assert reg.font.name == "黑体"
    # the registration line takes the first line: the masthead stays 35 mm below the top
    assert round(mark.paragraph_format.space_before.pt, 1) == round(35 / 25.4 * 72 - 2 * 29, 1)
    assert documents.normative_docx(doc) == data


def test_downloads(w, client):
    doc = _published(w)
    req = doc.reviews.get()
    sign_in(client, w.reviewer)
    r = client.get(reverse("legality:opinion_docx", args=[req.pk, 1]))
    assert r.status_code == 200 and r["Cache-Control"] == "private, no-store"
    assert _texts(r.content)[1] == "合审〔2019〕1号"
    assert client.get(reverse("legality:opinion_docx", args=[req.pk, 2])).status_code == 404
    client.logout()
    sign_in(client, w.outsider)  # another department's clerk sees neither
    assert client.get(reverse("legality:opinion_docx", args=[req.pk, 1])).status_code == 404
    assert client.get(reverse("legality:document_docx", args=[doc.pk])).status_code == 404
    client.logout()
    r = client.get(reverse("legality_public:document_docx", args=[doc.pk]))
    assert r.status_code == 200 and _texts(r.content)[2] == "测政发〔2019〕1号"
    draft = w.draft(title="测试区关于规范行政执法裁量权的办法")
    assert client.get(reverse("legality_public:document_docx", args=[draft.pk])).status_code == 404
