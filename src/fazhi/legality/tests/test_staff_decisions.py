"""A major decision through its staff pages, step by step: the department starts it from
the year's catalogue, consults, records expert argument and risk assessment, sends it for
legality review; the meeting is refused with each missing step named, then the office
records the meeting, the district head decides (refused while the Justice Bureau's head is
not recorded present), the office publishes it, and the public catalogue shows it."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.tests.signin import sign_in

from ..models import MajorDecision
from ..services import consultation as cons
from ..services import decisions, reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def blocked(html: str) -> str:
    return (
        html.split('id="blocked-moves"')[1].split("</section>")[0]
        if "blocked-moves" in html
        else ""
    )


def test_a_decision_through_its_pages_and_the_public_catalogue(client, w):
    cat = decisions.catalogue_save(
        actor=w.gov_leader, org=w.gov, year=2019, title="测试区2019年度重大行政决策事项目录",
        items=[("测试区老旧小区提质改造三年行动计划", w.dept, "国务院令第713号第三条", "第四季度"),
               ("测试区农贸市场提质改造实施方案", w.other, "国务院令第713号第三条", "第三季度")],
    )  # fmt: skip
    decisions.catalogue_publish(actor=w.gov_leader, catalogue=cat, agreed_on=D(2019, 3, 1),
                                on=D(2019, 3, 8))  # fmt: skip
    item = cat.items.get(seq=1)
    sign_in(client, w.drafter)
    r = client.post(reverse("legality:decision_new"), {
        "org": w.dept.pk, "issuer": w.issuer.pk, "item": item.pk,
        "title": "测试区老旧小区提质改造三年行动计划", "received_on": "2019-09-02",
        "description": "第一条 目标任务。\n第二条 实施范围。", "needs_expert": "on",
        "needs_risk": "on"})  # fmt: skip
    dec = MajorDecision.objects.get()
    assert r.url == reverse("legality:decision", args=[dec.pk])
    assert (dec.decision_body, dec.registrar_org, dec.review_org, dec.item) == (
        w.gov,
        w.office,
        w.justice,
        item,
    )
    url = reverse("legality:decision", args=[dec.pk])
    act = reverse("legality:decision_act", args=[dec.pk])
    # every step missing: putting it to the meeting is not offered, each reason is named
    page = client.get(url).content.decode()
    assert 'data-op="submit"' not in page
    assert (
        "提交集体讨论</strong>：公众参与：本件须向社会公开征求意见，或写明不公开征求意见的理由。"
        in page
    )
    # public participation (JC-1: at least to Tue 10-08), then expert argument and risk
    r = client.post(act, {"op": "consult", "opens_on": "2019-09-03", "closes_on": "2019-10-03"},
                    follow=True)  # fmt: skip
    assert "征求意见期限至少到2019年10月8日" in r.content.decode()
    client.post(act, {"op": "consult", "opens_on": "2019-09-03", "closes_on": "2019-10-08"})
    c = dec.consultations.get()
    cons.consultation_close(actor=w.drafter, consultation=c, on=D(2019, 10, 8))
    cons.summary_publish(actor=w.drafter, consultation=c, on=D(2019, 10, 9), summary="未收到意见")
    assert "专业性、技术性较强的决策事项须组织专家论证" in blocked(client.get(url).content.decode())
    for kind, by in (("expert", "湖南大学法学院专家组"), ("risk", "区委政法委")):
        client.post(act, {"op": "step", "kind": kind, "on": "2019-10-10", "by": by,
                          "summary": "可行"})  # fmt: skip
    assert list(dec.steps.values_list("kind", "by")) == [
        ("expert", "湖南大学法学院专家组"),
        ("risk", "区委政法委"),
    ]
    assert blocked(client.get(url).content.decode()) == (
        '><h3 class="h6 mb-1">暂不能办理</h3><ul class="mb-0"><li><strong>提交集体讨论</strong>：'
        "合法性审查：未经合法性审查或者经审查不合法的，不得提交决策机关讨论。</li></ul>"
    )
    client.post(act, {"op": "review", "on": "2019-10-11"})
    req = dec.reviews.get()
    assert req.kind == "decision" and req.status == "submitted"
    assert 'data-op="review"' not in client.get(url).content.decode()  # one review at a time
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 10, 11))
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 10, 18))
    page = client.get(url).content.decode()
    assert 'data-op="submit"' in page and "blocked-moves" not in page
    client.post(act, {"op": "submit", "on": "2019-10-21", "version": dec.version})
    assert MajorDecision.objects.get(pk=dec.pk).status == "discussion"
    # the office records the meeting, without the Justice Bureau's head at first
    client.logout()
    sign_in(client, w.office_clerk)
    client.post(act, {"op": "meeting", "on": "2019-10-24", "meeting": "区人民政府第30次常务会议",
                      "attendees": "区长、副区长", "outcome": "原则通过"})  # fmt: skip
    client.logout()
    sign_in(client, w.gov_leader)
    page = client.get(url).content.decode()
    assert "作出决定</strong>：提交区政府常务会议审议的议题，司法行政机关负责人须全程参与；" in page
    client.logout()
    sign_in(client, w.office_clerk)
    r = client.post(act, {"op": "meeting", "on": "2019-10-24"}, follow=True)
    assert "会议：这个字段是必填项。" in r.content.decode()
    # decisions.meeting_record may be corrected only while under discussion: record again
    client.post(act, {"op": "meeting", "on": "2019-10-24", "meeting": "区人民政府第30次常务会议",
                      "attendees": "区长、副区长、区司法局局长", "justice_head_present": "on",
                      "outcome": "原则通过"})  # fmt: skip
    client.logout()
    sign_in(client, w.gov_leader)
    dec.refresh_from_db()
    client.post(act, {"op": "decide", "on": "2019-10-24", "version": dec.version})
    dec.refresh_from_db()
    assert (dec.status, dec.decided_on) == ("decided", D(2019, 10, 24))
    client.logout()
    sign_in(client, w.office_clerk)
    r = client.post(act, {"op": "publish", "on": "2019-10-30",
                          "explanation": "征求意见期间未收到意见；专家论证意见均予采纳。"},
                    follow=True)  # fmt: skip
    assert "已办理：公布决策" in r.content.decode()
    # the public catalogue: both items, the first with its published decision
    client.logout()
    html = client.get(reverse("legality_public:decisions")).content.decode()
    assert "测试区2019年度重大行政决策事项目录" in html
    assert "测试区农贸市场提质改造实施方案" in html and "尚未作出决策" in html
    assert "2019-10-30公布" in html and "专家论证意见均予采纳。" in html
    assert (
        client.get(reverse("legality_public:decisions"), {"year": "2018"})
        .content.decode()
        .count("尚未公布决策事项目录。")
        == 1
    )
    # another department sees neither the decision nor its moves
    sign_in(client, w.outsider)
    assert client.get(url).status_code == 404
    assert client.post(act, {"op": "step"}).status_code == 404
