"""会商 pages (the waiting 问题工单, the meeting, its minutes, its decisions and the DOCX report
to the executive meeting) and the knowledge base (articles, search, 直接办结 with one)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.core.models import SupervisionTask
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.signin import sign_in

from ..models import Consultation, Knowledge, Order, OrderStatus
from ..services import catalogue, orders
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date
S = OrderStatus
DAY = D(2019, 6, 3)
LATER = D(2019, 6, 10)


@pytest.fixture
def h(db):
    with at(DAY):
        yield Hotline()


def _in(client, user, day=DAY):
    with at(day):
        sign_in(client, user)
    return client


def _bounced_three_times(h):
    o = h.take(text="建筑垃圾乱倒，多次反映无人处理")
    for _i in range(3):
        o = orders.order_assign(actor=h.agent, order=o, body=h.body)
        o = orders.order_return(actor=h.body_clerk, order=o, reason="不属于本单位职责")
    return o


def test_a_problem_order_goes_to_a_meeting_whose_report_is_a_docx(h, client):
    with at(DAY):
        problem = _bounced_three_times(h)
        plain = h.take(text="普通工单")
    assert problem.problem and problem.returns == 3
    _in(client, h.chief, LATER)
    with at(LATER):
        page = client.get("/workspace/hotline/consultations/").content.decode()
    assert f'data-problem="{problem.pk}"' in page and f'data-problem="{plain.pk}"' not in page
    with at(LATER):
        bad = client.post(
            "/workspace/hotline/consultations/",
            {"topic": " ", "orders": [problem.pk], "held_on": "2019-06-10"},
            follow=True,
        ).content.decode()
    assert "请填写会商议题。" in bad and Consultation.objects.count() == 0
    with at(LATER):
        resp = client.post(
            "/workspace/hotline/consultations/",
            {"topic": "建筑垃圾乱倒职责不清", "orders": [problem.pk], "held_on": "2019-06-10"},
        )
    m = Consultation.objects.get()
    assert resp["Location"] == f"/workspace/hotline/consultations/{m.pk}/"
    assert (m.held_on, m.topic, list(m.orders.all())) == (LATER, "建筑垃圾乱倒职责不清", [problem])
    with at(LATER):
        page = client.get("/workspace/hotline/consultations/").content.decode()
        # on a meeting's agenda, the order waits no more; without minutes, no report yet
        assert f'data-problem="{problem.pk}"' not in page
        assert client.get(f"/workspace/hotline/consultations/{m.pk}/docx/").status_code == 404
        client.post(
            f"/workspace/hotline/consultations/{m.pk}/",
            {
                "step": "minutes",
                "minutes": "明确由区城管执法局牵头处置。\n街道配合清运。",
                "report_no": "测热线〔2019〕5号",
            },
        )
    m.refresh_from_db()
    assert (m.report_no, m.minutes) == (
        "测热线〔2019〕5号",
        "明确由区城管执法局牵头处置。\n街道配合清运。",
    )
    # the decision is a supervision task, given by a supervisor
    _in(client, h.d.supervisor, LATER)
    with at(LATER):
        client.post(
            f"/workspace/hotline/consultations/{m.pk}/",
            {
                "step": "decide",
                "org": h.body.pk,
                "title": "建筑垃圾乱倒整治",
                "description": "十个工作日内清运并建立巡查机制",
            },
        )
    task = SupervisionTask.objects.get(source="hotline")
    assert (task.org, task.title, task.source_ref) == (h.body, "建筑垃圾乱倒整治", f"会商{m.pk}")
    _in(client, h.chief, LATER)
    with at(LATER):
        page = client.get(f"/workspace/hotline/consultations/{m.pk}/").content.decode()
        docx = client.get(f"/workspace/hotline/consultations/{m.pk}/docx/")
    assert "建筑垃圾乱倒整治" in page and 'id="meeting-docx"' in page
    assert docx.status_code == 200
    doc = Document(io.BytesIO(docx.content))
    text = [p.text for p in doc.paragraphs if p.text]
    assert text[:5] == [
        "测试区12345市民热线办公室",
        "测热线〔2019〕5号",
        "关于12345市民热线会商情况的报告",
        "区人民政府常务会议：",
        "2019年6月10日，测试区12345市民热线办公室召开“12345”市民热线会商会议，"
        "研究建筑垃圾乱倒职责不清。现将有关情况报告如下。",
    ]
    assert "本次会商问题工单1件（重办三次或退单三次以上的工单）：" in text
    assert "明确由区城管执法局牵头处置。" in text and "街道配合清运。" in text
    assert [r.cells[0].text for r in doc.tables[0].rows] == ["工单编号", problem.number]
    assert any(t.startswith("1. 测试区行政执法局：建筑垃圾乱倒整治，") for t in text)
    assert text[-2:] == ["测试区12345市民热线办公室", "2019年6月10日"]


def test_only_the_office_leader_holds_a_meeting_and_outsiders_see_none(h, client):
    with at(DAY):
        problem = _bounced_three_times(h)
    _in(client, h.agent)
    with at(DAY):
        page = client.get("/workspace/hotline/consultations/").content.decode()
        assert 'id="meeting-form"' in page and 'name="topic"' not in page
        resp = client.post(
            "/workspace/hotline/consultations/",
            {"topic": "职责不清", "orders": [problem.pk]},
            follow=True,
        ).content.decode()
    assert "只有12345热线办负责人可以召开会商会议。" in resp
    assert Consultation.objects.count() == 0
    _in(client, h.body_clerk)
    with at(DAY):
        assert client.get("/workspace/hotline/consultations/").status_code == 403
        m = Consultation.objects.create(office=h.office, held_on=DAY, topic="x")
        assert client.get(f"/workspace/hotline/consultations/{m.pk}/").status_code == 404
        assert client.get(f"/workspace/hotline/consultations/{m.pk}/docx/").status_code == 404


def test_the_knowledge_base_from_a_closed_order_and_a_direct_answer_with_it(h, client):
    with at(DAY):
        o = h.take(kind="enquiry", category=h.policy, text="灵活就业人员医保怎么缴费")
        o = orders.order_assign(actor=h.agent, order=o, body=h.body)
        o = orders.order_sign(actor=h.body_clerk, order=o)
        o = orders.order_reply(
            actor=h.body_clerk, order=o, reply="持身份证到街道社保窗口办理，或在线上缴费。"
        )
        o = orders.order_close(actor=h.agent, order=o)
    _in(client, h.agent)
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
        assert f'href="/workspace/hotline/knowledge/?from={o.pk}"' in page
        form = client.get("/workspace/hotline/knowledge/", {"from": o.pk}).content.decode()
        assert "持身份证到街道社保窗口办理，或在线上缴费。</textarea>" in form
        bad = client.post(
            "/workspace/hotline/knowledge/",
            {"from": o.pk, "category": h.policy.pk, "question": "", "answer": "x"},
        ).content.decode()
        assert "请填写问题和答复口径。" in bad and Knowledge.objects.count() == 0
        client.post(
            "/workspace/hotline/knowledge/",
            {
                "from": o.pk,
                "category": h.policy.pk,
                "question": "灵活就业人员医保怎么缴费",
                "answer": "持身份证到街道社保窗口办理，或在线上缴费。",
            },
        )
        catalogue.knowledge_save(
            actor=SYSTEM,
            office=h.office,
            category=h.noise,
            question="噪声投诉时段",
            answer="夜间22时至次日6时",
        )
    k = Knowledge.objects.get(question="灵活就业人员医保怎么缴费")
    assert (k.source_order, k.category, k.office) == (o, h.policy, h.office)
    # corrected later; an empty answer is refused and changes nothing
    with at(DAY):
        bad = client.post(
            f"/workspace/hotline/knowledge/{k.pk}/",
            {"category": h.policy.pk, "question": k.question, "answer": " "},
        ).content.decode()
        assert "请填写问题和答复口径。" in bad
        client.post(
            f"/workspace/hotline/knowledge/{k.pk}/",
            {
                "category": h.policy.pk,
                "question": k.question,
                "answer": "持身份证到街道社保窗口办理，或通过“湘税社保”线上缴费。",
            },
        )
    k.refresh_from_db()
    assert k.answer == "持身份证到街道社保窗口办理，或通过“湘税社保”线上缴费。"
    with at(DAY):
        found = client.get("/workspace/hotline/knowledge/", {"q": "医保 缴费"}).content.decode()
        assert f'data-article="{k.pk}"' in found and "噪声投诉时段" not in found
        # the agent's form searches the same articles
        intake = client.get("/workspace/hotline/intake/", {"q": "医保"}).content.decode()
        assert "灵活就业人员医保怎么缴费" in intake
        # a new enquiry is answered on the spot with the article's words
        new = h.take(kind="enquiry", category=h.policy, text="医保缴费渠道")
        page = client.get(f"/workspace/hotline/orders/{new.pk}/").content.decode()
        assert f'data-article="{k.pk}"' in page
        client.post(
            f"/workspace/hotline/orders/{new.pk}/answer/",
            {"article": k.pk, "version": new.version},
        )
    new.refresh_from_db()
    assert (new.status, new.direct, new.reply) == (
        S.CLOSED,
        True,
        "持身份证到街道社保窗口办理，或通过“湘税社保”线上缴费。",
    )
    # a complaint cannot be closed on the spot
    with at(DAY):
        complaint = h.take()
        resp = client.post(
            f"/workspace/hotline/orders/{complaint.pk}/answer/",
            {"article": k.pk, "version": complaint.version},
            follow=True,
        ).content.decode()
    assert "只有咨询类工单可以直接办结，其他工单须派单办理。" in resp
    assert Order.objects.get(pk=complaint.pk).status == S.RECEIVED


OFFICE_PAGES = {
    "会商": "/workspace/hotline/consultations/",
    "知识库": "/workspace/hotline/knowledge/",
    "受理工单": "/workspace/hotline/intake/",
}


def _nav(html: str) -> str:
    start = html.index('id="hotline-sections"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.parametrize("who", ["body_clerk", "body_leader"])
def test_body_staff_are_neither_shown_nor_let_into_the_office_pages(h, client, who):
    _in(client, getattr(h, who))
    with at(DAY):
        page = client.get("/workspace/hotline/inbox/")
        assert page.status_code == 200
        nav = _nav(page.content.decode())
        assert "待办工单" in nav and "热点诉求" in nav
        for label, url in OFFICE_PAGES.items():
            assert f'href="{url}"' not in nav and f">{label}<" not in nav
            assert client.get(url).status_code == 403


def test_the_office_staff_are_shown_the_office_pages_and_open_them(h, client):
    _in(client, h.agent)
    with at(DAY):
        nav = _nav(client.get("/workspace/hotline/inbox/").content.decode())
        for label, url in OFFICE_PAGES.items():
            assert f'href="{url}">{label}</a>' in nav
            assert client.get(url).status_code == 200
