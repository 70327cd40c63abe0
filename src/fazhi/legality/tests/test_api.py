"""The legality API: a normative document drafted, reviewed, deliberated, published in one act
and filed through /api/v1/legality/ — each refusal a 400 or 403 with the service's message
and nothing changed; reads scoped (another department gets 404); the library searched by a
Chinese phrase without signing in."""

import datetime as dt
import json

import pytest

from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.factories import user
from fazhi.core.tests.signin import sign_in

from ..models import NormativeDocument
from ..services import advisers
from .factories import DRAFT, District

pytestmark = pytest.mark.django_db
API = "/api/v1/legality"


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def post(client, url, **data):
    return client.post(f"{API}{url}", json.dumps(data), content_type="application/json")


def test_a_document_through_the_api(client, w):
    sign_in(client, w.drafter)
    body = dict(org_id=w.dept.pk, title="测试区关于促进民营经济高质量发展的若干措施",
                received_on="2019-03-01", needs_consultation=False, text=DRAFT)  # fmt: skip
    r = post(client, "/documents", issuer_org_id=w.other.pk, **body)
    assert (r.status_code, r.json()["detail"]) == (400, "起草单位或制定机关不存在。")
    r = post(client, "/documents", issuer_org_id=w.gov.pk, **body)
    assert r.status_code == 400
    assert r.json()["detail"] == "不向社会公开征求意见的，请写明理由。"
    assert NormativeDocument.objects.count() == 0
    r = post(client, "/documents", issuer_org_id=w.gov.pk, consultation_waiver="仅涉及内部工作程序",
             **body)  # fmt: skip
    assert r.status_code == 201
    doc = r.json()
    assert (doc["number"], doc["status"], doc["drafts"]) == ("规草〔2019〕1号", "drafting", 1)
    pk = doc["id"]
    r = post(client, f"/documents/{pk}/publish", on="2019-03-02")
    assert r.status_code == 403
    assert r.json()["detail"] == "只有登记机构（政府办公室）可以统一登记、编号、发布。"
    r = post(client, f"/documents/{pk}/submit", on="2019-04-08")
    assert (r.status_code, r.json()["status"]) == (200, "reviewing")

    client.logout()
    sign_in(client, w.outsider)  # another department: neither the document nor its review
    assert client.get(f"{API}/documents/{pk}").status_code == 404
    assert client.get(f"{API}/documents").json() == []
    client.logout()

    sign_in(client, w.justice_leader)
    reviews = client.get(f"{API}/reviews").json()
    assert [(x["number"], x["status"]) for x in reviews] == [("合审〔2019〕1号", "submitted")]
    rid = reviews[0]["id"]
    r = post(client, f"/reviews/{rid}/assign", on="2019-04-08", reviewer_id=w.drafter.pk)
    assert (r.status_code, r.json()["detail"]) == (400, "起草人员 不是测试区司法局的法制审核人员。")
    r = post(client, f"/reviews/{rid}/assign", on="2019-04-08", reviewer_id=w.reviewer.pk)
    assert (r.status_code, r.json()["reviewer"]) == (200, "审核人员甲")
    client.logout()
    sign_in(client, w.reviewer)
    r = post(client, f"/reviews/{rid}/opinion", on="2019-04-15", opinion="pass",
             reasons="制定主体、权限、程序和内容合法。")  # fmt: skip
    assert (r.status_code, r.json()["status"], r.json()["opinion"]) == (200, "passed", "pass")
    client.logout()

    sign_in(client, w.office_clerk)
    r = post(client, f"/documents/{pk}/publish", on="2019-04-28")
    assert (r.status_code, r.json()["detail"]) == (400, "当前状态“待集体审议”不能变更为“已发布”。")
    assert NormativeDocument.objects.get().doc_number == ""
    r = post(client, f"/documents/{pk}/deliberate", on="2019-04-25", meeting="第12次常务会议")
    assert r.json()["status"] == "deliberated"
    r = post(client, f"/documents/{pk}/publish", on="2019-04-28")
    doc = r.json()
    assert (doc["doc_number"], doc["registration_number"]) == ("测政发〔2019〕1号", "CSPR-2019-1")
    assert (doc["published_on"], doc["effective_on"]) == ("2019-04-28", "2019-05-28")
    assert [(f["body"], f["due_on"]) for f in doc["filings"]] == [
        ("测试区人大常委会", "2019-05-13"),
        ("测试市人民政府", "2019-05-13"),
        ("测试市委", "2019-05-13"),
    ]
    r = post(client, f"/documents/{pk}/publish", on="2019-04-28")
    assert r.status_code == 400  # numbered once only
    first = doc["filings"][0]["id"]
    r = post(client, f"/documents/{pk}/filings/{first}", on="2019-05-20", receipt="人大备2019-7")
    assert r.status_code == 400
    assert r.json()["detail"].startswith("报备日期2019年5月20日已超过报备期限2019年5月13日")
    r = post(client, f"/documents/{pk}/filings/{first}", on="2019-05-06", receipt="人大备2019-7")
    filed = r.json()["filings"][0]
    assert (filed["filed_on"], filed["receipt"], filed["late"]) == (
        "2019-05-06",
        "人大备2019-7",
        False,
    )
    assert LedgerEvent.objects.filter(action="leg.filing").count() == 1
    client.logout()

    # the public library, without signing in
    r = client.get(f"{API}/public/documents", {"q": "一次性奖励"})
    assert [(x["doc_number"], x["status"]) for x in r.json()] == [("测政发〔2019〕1号", "issued")]
    assert client.get(f"{API}/public/documents", {"q": "重大行政决策程序"}).json() == []


def test_advisers_and_engagements_are_scoped(client, w):
    resident = user(org=w.community, role=Role.CLERK, full_name="社区工作人员")
    a = advisers.adviser_save(
        actor=w.justice_leader, org=w.justice, kind="lawyer", name="刘志强",
        licence_no="14301201910234567", firm="湖南湘江律师事务所",
    )  # fmt: skip
    advisers.engagement_save(
        actor=resident, adviser=a, org=w.community, starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2019, 12, 31), procurement_ref="芙采2019-015", fee=12000,
    )  # fmt: skip
    sign_in(client, w.justice_leader)
    assert [x["licence_no"] for x in client.get(f"{API}/advisers").json()] == ["14301201910234567"]
    client.logout()
    sign_in(client, resident)  # the community sees the adviser it engages
    eng = client.get(f"{API}/engagements").json()
    assert [(e["org"], e["ends_on"], e["fee"]) for e in eng] == [
        ("测试社区", "2019-12-31", "12000.00")
    ]
    assert [x["name"] for x in client.get(f"{API}/advisers").json()] == ["刘志强"]
    client.logout()
    sign_in(client, w.outsider)  # the register is the staff's directory; engagements are not
    assert [x["name"] for x in client.get(f"{API}/advisers").json()] == ["刘志强"]
    assert client.get(f"{API}/engagements").json() == []
    advisers.adviser_save(
        actor=w.justice_leader, adviser=a, org=w.justice, kind="lawyer", name="刘志强",
        licence_no="14301201910234567", firm="湖南湘江律师事务所", is_active=False,
    )  # fmt: skip
    assert client.get(f"{API}/advisers").json() == []  # off the register: its units only
