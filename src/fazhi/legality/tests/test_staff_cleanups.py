"""Cleanups (清理) and legal advisers on the staff pages: the Justice Bureau starts a special
cleanup, decides each document's outcome, finishes it (the repealed document's pages say
so) and gets the result as a page and a workbook; the advisers' register, an engagement of
a community through the street's desk, its coverage and its lapse on the to-do."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from fazhi.core import todo
from fazhi.core.tests import factories as f
from fazhi.core.tests.signin import sign_in

from ..models import Adviser, Cleanup, Engagement, NormativeDocument
from ..services import advisers
from .factories import District
from .test_staff_life import at, issued

pytestmark = pytest.mark.django_db
D = dt.date
LICENCE = "14301201910123456"


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def test_a_special_cleanup_on_its_pages(client, w):
    keep = issued(w)
    gone = issued(w, title="测试区关于民营企业证明材料的若干规定", topics=["证明材料"])
    sign_in(client, w.drafter)  # only the Justice Bureau organises a cleanup
    assert 'id="cleanup-form"' not in client.get(reverse("legality:cleanups")).content.decode()
    client.logout()
    sign_in(client, w.justice_leader)
    new = {"org": w.justice.pk, "title": "涉及民营经济的规范性文件专项清理", "kind": "special",
           "started_on": "2019-10-08", "topics": "民营经济、证明材料"}  # fmt: skip
    # bad input: a scope with nothing in force — the message, no cleanup
    r = client.post(reverse("legality:cleanups"), {**new, "topics": "外商投资"})
    assert "按该范围没有现行有效的规范性文件。" in r.content.decode()
    assert not Cleanup.objects.exists()
    r = client.post(reverse("legality:cleanups"), new)
    c = Cleanup.objects.get()
    assert r.url == reverse("legality:cleanup", args=[c.pk])
    assert list(c.items.values_list("document_id", flat=True)) == [keep.pk, gone.pk]
    act = reverse("legality:cleanup_act", args=[c.pk])
    it_keep, it_gone = c.items.order_by("document_id")
    # a repeal without reasons is refused with its message
    r = client.post(act, {"op": "outcome", "item": it_gone.pk, "outcome": "repeal",
                          "on": "2019-10-20"}, follow=True)  # fmt: skip
    assert "修改、废止或宣布失效的，请写明理由。" in r.content.decode()
    r = client.post(act, {"op": "finish", "on": "2019-10-21", "report": "清理完毕。"}, follow=True)
    assert "还有 2 件文件没有确定清理结果。" in r.content.decode()
    client.post(act, {"op": "outcome", "item": it_keep.pk, "outcome": "keep", "on": "2019-10-20"})
    client.post(act, {"op": "outcome", "item": it_gone.pk, "outcome": "repeal",
                      "on": "2019-10-20", "reasons": "证明事项已取消"})  # fmt: skip
    page = client.get(reverse("legality:cleanup", args=[c.pk])).content.decode()
    assert "继续有效 1 · 修改 0 · 废止 1 · 宣布失效 0" in page
    r = client.post(act, {"op": "finish", "on": "2019-10-25", "report": "共清理2件，废止1件。"},
                    follow=True)  # fmt: skip
    assert "已办理：完成清理" in r.content.decode()
    assert NormativeDocument.objects.get(pk=gone.pk).status == "repealed"
    assert NormativeDocument.objects.get(pk=keep.pk).status == "issued"
    doc_page = client.get(reverse("legality:document", args=[gone.pk])).content.decode()
    assert (
        "本文件已废止（2019-10-25）。 涉及民营经济的规范性文件专项清理：证明事项已取消" in doc_page
    )
    # finished: no more outcomes, and the result as a page and a workbook
    page = client.get(reverse("legality:cleanup", args=[c.pk])).content.decode()
    assert 'data-op="outcome"' not in page and 'data-op="finish"' not in page
    report = client.get(reverse("legality:cleanup_report", args=[c.pk])).content.decode()
    assert (
        "继续有效 1 · 修改 0 · 废止 1 · 宣布失效 0" in report and "共清理2件，废止1件。" in report
    )
    x = client.get(reverse("legality:cleanup_report", args=[c.pk]), {"export": "xlsx"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(x.content)).get_sheet_by_index(0).to_python()
    assert rows[0][:6] == ["序号", "文件名称", "发文字号", "起草单位", "发布日期", "清理结果"]
    assert [(r[0], r[2], r[5], r[6]) for r in rows[1:]] == [
        (1, "测政发〔2019〕1号", "继续有效", ""),
        (2, "测政发〔2019〕2号", "废止", "证明事项已取消"),
    ]
    # the numbered result report (GB/T 9704), opened and read back
    assert Cleanup.objects.get(pk=c.pk).number == "规清〔2019〕1号"
    assert 'id="report-docx"' in report
    r = client.get(reverse("legality:cleanup_report", args=[c.pk]), {"export": "docx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    docx = Document(io.BytesIO(r.content))
    assert [p.text for p in docx.paragraphs if p.text.strip()] == DOCX_TEXT
    assert [[cell.text for cell in row.cells] for row in docx.tables[0].rows] == [
        ["序号", "文件名称", "发文字号", "清理结果", "理由"],
        ["1", "测试区关于促进民营经济高质量发展的若干措施", "测政发〔2019〕1号", "继续有效", "—"],
        ["2", "测试区关于民营企业证明材料的若干规定", "测政发〔2019〕2号", "废止", "证明事项已取消"],
    ]  # fmt: skip
    # another department sees neither the cleanup nor its report
    client.logout()
    sign_in(client, w.outsider)
    for name in ("legality:cleanup", "legality:cleanup_report"):
        assert client.get(reverse(name, args=[c.pk])).status_code == 404
    url = reverse("legality:cleanup_report", args=[c.pk])
    assert client.get(url, {"export": "docx"}).status_code == 404


DOCX_TEXT = [
    "测试区司法局",
    "规清〔2019〕1号",
    "关于涉及民营经济的规范性文件专项清理结果的报告",
    "测试区人民政府：",
    "测试区司法局于2019年10月8日至2019年10月25日组织开展涉及民营经济的规范性文件专项清理（专项清理，清理范围：民营经济、证明材料），共清理规范性文件2件，其中继续有效1件、修改0件、废止1件、宣布失效0件。现将有关情况报告如下：",
    "一、清理情况",
    "共清理2件，废止1件。",
    "二、清理结果",
    "各件文件的清理结果如下表。",
    "测试区司法局",
    "2019年10月25日",
]


def test_advisers_engaged_per_unit_and_their_lapse_on_the_to_do(client, w):
    sign_in(client, w.reviewer)
    form = {"org": w.justice.pk, "kind": "lawyer", "name": "周明远", "licence_no": "1430",
            "firm": "湖南星城律师事务所"}  # fmt: skip
    r = client.post(reverse("legality:advisers"), form)
    assert "执业证号应为17位数字：1430" in r.content.decode()
    assert not Adviser.objects.exists()
    r = client.post(reverse("legality:advisers"), {**form, "licence_no": LICENCE})
    a = Adviser.objects.get()
    assert r.url == reverse("legality:adviser", args=[a.pk])
    client.logout()
    # the street's desk (本部门及以下) engages the adviser for its community
    desk = f.user(org=w.street, role="clerk", scope="subtree", full_name="街道司法所人员")
    sign_in(client, desk)
    act = reverse("legality:adviser_act", args=[a.pk])
    engage = {
        "op": "engage",
        "org": w.community.pk,
        "starts_on": "2019-01-01",
        "ends_on": "2019-12-31",
        "procurement_ref": "FRCG-2019-017",
        "fee": "20000",
    }
    r = client.post(act, {**engage, "ends_on": "2018-12-31"}, follow=True)  # fmt: skip
    assert "聘期终止日期应晚于起始日期。" in r.content.decode()
    client.post(act, engage)
    e = Engagement.objects.get()
    assert (e.org, e.ends_on, e.procurement_ref) == (w.community, D(2019, 12, 31), "FRCG-2019-017")
    with at(D(2019, 12, 10)):
        page = client.get(reverse("legality:advisers")).content.decode()
        assert "2019-12-10：2 个村（社区）中 1 个有法律顾问。" in page
        assert "测试街道 / 测试社区：周明远" in page or "测试社区：周明远" in page

        def lapsing(user):
            return [(r.title, r.detail, r.days_left) for r in todo.reminders_for(user)
                    if "聘期" in r.title]  # fmt: skip

        expected = [
            ("法律顾问聘期即将届满：" + w.community.label, "周明远 · 聘期至 2019-12-31", 21)
        ]
        assert lapsing(desk) == expected
        assert lapsing(w.reviewer) == expected  # the body keeping the register
        assert lapsing(w.outsider) == []
    with at(D(2019, 11, 30)):  # 31 days before: not yet
        assert lapsing(desk) == []
    # renewed for next year: no longer lapsing
    advisers.engagement_save(
        actor=desk, adviser=a, org=w.community, starts_on=D(2020, 1, 1),
        ends_on=D(2020, 12, 31), fee=20000,
    )  # fmt: skip
    with at(D(2019, 12, 10)):
        assert lapsing(desk) == []
    # another street's clerk finds the adviser in the register, not this street's engagements
    other = f.org("另一街道", kind="street", parent=w.gov)
    stranger = f.user(org=other, role="clerk", full_name="他街道人员")
    client.logout()
    sign_in(client, stranger)
    page = client.get(reverse("legality:adviser", args=[a.pk])).content.decode()
    assert "周明远" in page and "FRCG-2019-017" not in page
    assert "FRCG-2019-017" not in client.get(reverse("legality:advisers")).content.decode()
    # once off the register, only the units it served and the register's body see it
    advisers.adviser_save(
        actor=w.reviewer, adviser=a, org=w.justice, kind="lawyer", name="周明远",
        licence_no=LICENCE, is_active=False,
    )  # fmt: skip
    assert client.get(reverse("legality:adviser", args=[a.pk])).status_code == 404
