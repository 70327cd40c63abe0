"""The filing review (备案审查) of a street's and a department's own normative documents on
the staff pages — 有件必备、有备必审、有错必纠: the Justice Bureau receives a filing (one
filed after the limit is red-carded on the list and its page), records a problem and the
correction required, concludes; the street reports the correction; the bureau confirms it.
Bad input gets its message and changes nothing; another department sees none of it."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.tests.signin import sign_in

from ..models import FiledDocument, FilingProblem
from .factories import District
from .test_staff_life import at

pytestmark = pytest.mark.django_db
D = dt.date
TEXT = "第一条 为加强辖区物业管理，制定本办法。\n第三条 违反本办法的，处以五百元罚款。"


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def receive(client, w, **kw):
    form = {
        "review_org": w.justice.pk,
        "org": w.street.pk,
        "title": "测试街道物业管理办法",
        "doc_number": "测街发〔2019〕3号",
        "published_on": "2019-03-01",
        "received_on": "2019-03-25",
        "text": TEXT,
        **kw,
    }
    return client.post(reverse("legality:filed_new"), form, follow=True)


def test_a_late_filing_reviewed_and_corrected_on_its_pages(client, w):
    sign_in(client, w.reviewer)
    # bad input: filed before it was published — the message, nothing stored
    r = receive(client, w, received_on="2019-02-20")
    assert "报备日期2019年2月20日早于公布日期2019年3月1日。" in r.content.decode()
    # a type other than DOCX or PDF is refused before anything is stored
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("办法.exe", b"MZ", content_type="application/octet-stream")
    r = receive(client, w, upload=exe)
    assert "只能上传 DOCX 或 PDF 文件，办法.exe 的类型（.exe）不允许。" in r.content.decode()
    assert not FiledDocument.objects.exists()
    # 15 days from 1 March end on Saturday the 16th, so on Monday the 18th; filed on the
    # 25th it is red-carded on arrival
    r = receive(client, w)
    fd = FiledDocument.objects.get()
    assert r.redirect_chain[-1][0] == reverse("legality:filed", args=[fd.pk])
    assert (fd.late, fd.filing_due, fd.status) == (True, D(2019, 3, 18), "received")
    page = r.content.decode()
    assert f"已接收报备：{fd.number}。报备期限为2019年3月18日，逾期报备，记红牌。" in page
    assert 'id="filed-late"' in page and "逾期报备（红牌）" in page
    # one filed on time beside it, from a department
    receive(client, w, org=w.dept.pk, title="测试区发展和改革局行政许可办理规定",
            doc_number="测发改发〔2019〕1号", received_on="2019-03-10")  # fmt: skip
    ok = FiledDocument.objects.exclude(pk=fd.pk).get()
    assert ok.late is False
    with at(D(2019, 3, 27)):
        listing = client.get(reverse("legality:filings")).content.decode()
        assert listing.count("fz-red") == 1 and f'id="filed-{ok.pk}"' in listing
        red = client.get(reverse("legality:filings"), {"late": "1"}).content.decode()
        assert f'id="filed-{fd.pk}"' in red and f'id="filed-{ok.pk}"' not in red
        by_dept = client.get(reverse("legality:filings"), {"org": w.dept.pk}).content.decode()
        assert f'id="filed-{ok.pk}"' in by_dept and f'id="filed-{fd.pk}"' not in by_dept
        by_no = client.get(reverse("legality:filings"), {"q": "测街发"}).content.decode()
        assert f'id="filed-{fd.pk}"' in by_no and f'id="filed-{ok.pk}"' not in by_no

    url = reverse("legality:filed", args=[fd.pk])
    act = reverse("legality:filed_act", args=[fd.pk])
    # a correction deadline on the filing day is refused
    r = client.post(act, {"op": "problem", "description": "第三条设定罚款，无上位法依据",
                          "requirement": "删除第三条", "due_on": "2019-03-25"}, follow=True)  # fmt: skip
    assert "纠正期限应晚于报备日期。" in r.content.decode()
    assert not FilingProblem.objects.exists()
    client.post(act, {"op": "problem", "description": "第三条设定罚款，无上位法依据",
                      "requirement": "删除第三条", "due_on": "2019-04-30"})  # fmt: skip
    p = FilingProblem.objects.get()
    r = client.post(act, {"op": "review", "on": "2019-04-03", "opinion": "发现问题，通知纠正"},
                    follow=True)  # fmt: skip
    assert "已办理：作出审查结论" in r.content.decode()
    fd.refresh_from_db()
    assert (fd.status, fd.reviewed_on, fd.reviewer) == ("correcting", D(2019, 4, 3), w.reviewer)
    # the bureau cannot confirm before the street has corrected
    page = client.get(url).content.decode()
    assert "确认纠正完毕：还有 1 个问题未纠正。" in page.replace("</strong>", "")
    assert 'data-op="correction"' not in page  # the correction is the street's to report
    client.logout()

    # the street reports its correction (not before the review, with its message)
    sign_in(client, w.street_clerk)
    page = client.get(url).content.decode()
    assert 'data-op="correction"' in page and 'data-op="close"' not in page
    r = client.post(act, {"op": "correction", "problem": p.pk, "on": "2019-04-01",
                          "correction": "已删除第三条"}, follow=True)  # fmt: skip
    assert "纠正日期2019年4月1日早于审查日期2019年4月3日。" in r.content.decode()
    r = client.post(act, {"op": "correction", "problem": p.pk, "on": "2019-04-20",
                          "correction": "已删除第三条并重新公布"}, follow=True)  # fmt: skip
    assert "已办理：报告纠正情况" in r.content.decode()
    assert client.post(act, {"op": "close", "on": "2019-04-22"}).status_code == 400
    client.logout()

    sign_in(client, w.justice_leader)
    r = client.post(act, {"op": "close", "on": "2019-04-22"}, follow=True)
    assert "已办理：确认纠正完毕" in r.content.decode()
    fd.refresh_from_db()
    assert (fd.status, fd.closed_on) == ("corrected", D(2019, 4, 22))
    # the document filed on time, no problem found: accepted
    ok_act = reverse("legality:filed_act", args=[ok.pk])
    client.post(ok_act, {"op": "review", "on": "2019-03-20", "opinion": "符合规定，予以备案"})
    ok.refresh_from_db()
    assert (ok.status, ok.reviewed_on) == ("accepted", D(2019, 3, 20))
    client.logout()

    # another department sees neither filing and can do nothing to them
    sign_in(client, w.outsider)
    assert client.get(url).status_code == 404
    assert client.post(act, {"op": "close", "on": "2019-04-22"}).status_code == 404
    listing = client.get(reverse("legality:filings")).content.decode()
    assert "没有备案审查记录。" in listing and 'id="filed-new"' not in listing
