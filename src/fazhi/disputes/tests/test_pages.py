"""Staff pages, the API and the public pages: each mechanism's main step through its page,
scoping (another organisation gets 404 on pages and the API; the respondent's staff take part
in a reconsideration of the justice bureau), documents, and the public pages free of personal
data."""

import datetime as dt
import json
import re

import pytest

from fazhi.core import ledger
from fazhi.core.redaction import find_personal_data
from fazhi.core.tests.signin import sign_in

from ..models import Dispute, Petition, ReconStatus
from ..services import mediation, petitions
from .factories import ID_B, World, other_org_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db):
    return World()


def _post(client, url, **data):
    return client.post(url, data, follow=True)


def test_reconsideration_through_its_pages(client, w):
    sign_in(client, w.reviewer)
    body = client.get("/workspace/disputes/reconsiderations/new/").content.decode()
    assert "收到行政复议申请" in body
    resp = _post(
        client,
        "/workspace/disputes/reconsiderations/new/",
        channel="written",
        received_on="2019-09-26",
        applicant_kind="person",
        applicant_name="张建国",
        applicant_id_number="430102198001010011",
        respondent=w.bureau.pk,
        act_kind="penalty",
        act_description="罚款决定",
        act_known_on="2019-09-10",
    )
    assert resp.status_code == 200
    case = w.body.cases.get()
    url = f"/workspace/disputes/reconsiderations/{case.pk}/"
    page = client.get(url).content.decode()
    assert "芙政复收〔2019〕1号" in page and 'data-op="accept"' in page
    assert 'id="deemed"' in page  # the 5 WD of 2019 are long past: 视为受理 is what is left
    resp = _post(client, url + "act/", op="accept", on="2019-10-10", procedure="ordinary",
                 version=case.version)  # fmt: skip
    assert "已办理：受理" in resp.content.decode()
    case.refresh_from_db()
    assert (case.status, case.accept_mode) == (ReconStatus.ACCEPTED, "deemed")
    # a stale form is refused with the kernel's message
    resp = _post(client, url + "act/", op="send", on="2019-10-10", version=1)
    assert "该事项已被他人修改" in resp.content.decode()
    _post(client, url + "act/", op="send", on="2019-10-10", version=case.version)
    # the respondent's leader sees the case (a participant) and answers it
    sign_in(client, w.leader)
    page = client.get(url).content.decode()
    assert 'data-op="answer"' in page and 'data-op="decide"' not in page
    _post(
        client,
        url + "act/",
        op="answer",
        on="2019-10-18",
        evidence="答复书",
        version=case.version + 1,
    )
    case.refresh_from_db()
    assert case.status == ReconStatus.REVIEWING
    # a leader of another street is outside: 404, on the page and the API
    sign_in(client, w.d.street_b_leader)
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/disputes/reconsiderations/{case.pk}").status_code == 404
    # back to the office: decide, and the decision document downloads
    sign_in(client, w.reviewer)
    _post(client, url + "act/", op="decide", on="2019-11-15", decision_type="revoke",
          summary="撤销", approved_by="副区长", version=case.version)  # fmt: skip
    case.refresh_from_db()
    assert case.decision_number == "芙政复决〔2019〕1号"
    doc = client.get(url).content.decode()
    m = re.search(r'href="(/workspace/disputes/documents/\d+\.docx)"', doc)
    resp = client.get(m.group(1))
    assert resp.status_code == 200 and resp["Content-Type"].endswith("document")
    assert resp.content[:2] == b"PK"


def test_simplified_procedure_and_its_switch_through_the_page(client, w):
    case = w.recon(received_on=D(2024, 6, 3), act_known_on=D(2024, 5, 27))
    url = f"/workspace/disputes/reconsiderations/{case.pk}/"
    sign_in(client, w.reviewer)
    resp = _post(client, url + "act/", op="accept", on="2024-06-04", procedure="simplified",
                 simplified_ground="", version=case.version)  # fmt: skip
    assert "适用简易程序须符合FY-6规定的情形" in resp.content.decode()
    case.refresh_from_db()
    assert case.status == ReconStatus.RECEIVED
    _post(client, url + "act/", op="accept", on="2024-06-04", procedure="simplified",
          simplified_ground="small_amount", version=case.version)  # fmt: skip
    case.refresh_from_db()
    assert (case.status, case.procedure) == (ReconStatus.ACCEPTED, "simplified")
    assert 'data-op="switch"' in client.get(url).content.decode()
    resp = _post(client, url + "act/", op="switch", on="2024-06-20", approver="",
                 reason="案情复杂")  # fmt: skip
    assert "已办理" not in resp.content.decode()
    case.refresh_from_db()
    assert case.procedure == "simplified"  # the approver is required: nothing changed
    _post(client, url + "act/", op="switch", on="2024-06-20", approver="复议机构负责人",
          reason="案情复杂")  # fmt: skip
    case.refresh_from_db()
    assert case.procedure == "ordinary"
    assert 'data-op="switch"' not in client.get(url).content.decode()


def test_api_simplified_ground_and_switch(client, w):
    case = w.recon(received_on=D(2024, 6, 3), act_known_on=D(2024, 5, 27))
    sign_in(client, w.reviewer)
    api = f"/api/v1/disputes/reconsiderations/{case.pk}"
    r = client.post(f"{api}/accept", json.dumps({"on": "2024-06-04", "procedure": "simplified"}),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 400 and r.json()["detail"].startswith("适用简易程序须符合FY-6")
    r = client.post(f"{api}/accept", json.dumps({"on": "2024-06-04", "procedure": "simplified",
                    "simplified_ground": "warning"}), content_type="application/json")  # fmt: skip
    assert r.status_code == 200
    r = client.post(f"{api}/switch", json.dumps({"on": "2024-06-20", "approver": "复议机构负责人",
                    "reason": "案情复杂"}), content_type="application/json")  # fmt: skip
    assert r.status_code == 200
    case.refresh_from_db()
    assert case.procedure == "ordinary"


def test_lists_export_and_home(client, w):
    w.recon(received_on=D(2019, 9, 2))
    w.lawsuit()
    w.dispute()
    w.petition()
    w.batch()
    sign_in(client, w.supervisor)
    for path in ["", "reconsiderations/", "litigation/", "litigation/hearings/", "mediation/",
                 "mediation/committees/", "mediation/hot-spots/", "petitions/", "batches/",
                 "backlog/", "letters/"]:  # fmt: skip
        resp = client.get(f"/workspace/disputes/{path}")
        assert resp.status_code == 200, path
    resp = client.get("/workspace/disputes/reconsiderations/?export=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_lawsuit_answer_on_day_14_and_head_appearance_through_pages(client, w):
    case = w.lawsuit(received_on=D(2019, 6, 3))
    sign_in(client, w.leader)
    url = f"/workspace/disputes/litigation/{case.pk}/"
    _post(
        client, url + "act/", op="answer", on="2019-06-17", evidence_list="答辩状；证据", version=1
    )
    _post(client, url + "act/", op="hearing", held_on="2019-07-10", appeared="局长；法制科",
          head_appeared="on", head_name="局长王志刚")  # fmt: skip
    page = client.get(url).content.decode()
    assert "负责人出庭" in page and "局长王志刚" in page
    case.refresh_from_db()
    assert case.answered_on == D(2019, 6, 17)


def test_agreement_page_needs_every_signature(client, w):
    d = w.dispute()
    mediation.session_add(
        actor=w.med_clerk, dispute=d, held_on=D(2019, 5, 7), mediator=w.mediator, summary="调解"
    )
    sign_in(client, w.med_clerk)
    url = f"/workspace/disputes/mediation/{d.pk}/"
    first, second = d.parties.all()
    resp = _post(client, url + "act/", op="agreement", form="written", signed_on="2019-05-08",
                 amount="3000", terms="赔偿3000元", **{f"sign_{first.pk}": "2019-05-08"},
                 version=2)  # fmt: skip
    assert "周海波的签名尚未登记" in resp.content.decode()
    resp = _post(client, url + "act/", op="agreement", form="written", signed_on="2019-05-08",
                 amount="3000", terms="赔偿3000元", **{f"sign_{first.pk}": "2019-05-08",
                                                      f"sign_{second.pk}": "2019-05-08"},
                 version=2)  # fmt: skip
    assert Dispute.objects.get(pk=d.pk).status == "agreed"
    assert client.get(f"/workspace/disputes/mediation/{d.pk}/agreement.docx").status_code == 200


def test_api_creates_and_scopes(client, w):
    sign_in(client, w.xf_clerk)
    resp = client.post(
        "/api/v1/disputes/petitions",
        json.dumps({"channel": "visit", "category": "claim", "content": "反映问题",
                    "received_on": "2019-06-03",
                    "persons": [{"side": "applicant", "name": "赵淑华",
                                 "id_number": "430102198503150023"}]}),
        content_type="application/json",
    )  # fmt: skip
    assert resp.status_code == 400
    assert "信访人的身份证号码不正确" in resp.json()["detail"]
    assert Petition.objects.count() == 0
    resp = client.post(
        "/api/v1/disputes/petitions",
        json.dumps({"channel": "visit", "category": "claim", "content": "反映问题",
                    "received_on": "2019-06-03",
                    "persons": [{"side": "applicant", "name": "赵淑华", "id_number": ID_B}]}),
        content_type="application/json",
    )  # fmt: skip
    assert resp.status_code == 201
    pk = resp.json()["id"]
    sign_in(client, other_org_user())
    assert client.get("/api/v1/disputes/petitions").json() == []
    r = client.post(f"/api/v1/disputes/petitions/{pk}/accept", json.dumps({"on": "2019-06-04"}),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 404


def test_public_pages_show_no_personal_data(client, w):
    p = w.petition()
    petitions.accept(actor=w.xf_clerk, petition=p, on=D(2019, 6, 4))
    for path in ["/disputes/", "/disputes/committees/", "/disputes/petition/",
                 "/disputes/mediation/", "/disputes/track/",
                 f"/disputes/track/?kind=petition&number={p.number}&code={p.check_code}"]:  # fmt: skip
        body = client.get(path).content.decode()
        assert not find_personal_data(body), path
        assert "赵淑华" not in body and "13874112233" not in body
    tracked = client.get(
        f"/disputes/track/?kind=petition&number={p.number}&code={p.check_code}"
    ).content.decode()
    assert "已受理（办理中）" in tracked and "信访事项办理期限" in tracked
    wrong = client.get(f"/disputes/track/?kind=petition&number={p.number}&code=AAAAAA")
    assert "没有找到编号和查询码相符的事项" in wrong.content.decode()


def test_public_petition_form_files_through_the_services(client, w):
    resp = client.post(
        "/disputes/petition/",
        {"name": "赵淑华", "id_number": "430102198503150023", "phone": "13874112233",
         "address": "长沙市芙蓉区五一大道1号", "content": "反映问题"},
    )  # fmt: skip
    assert "公民身份号码第18位校验码应为2" in resp.content.decode()
    assert Petition.objects.count() == 0
    resp = client.post(
        "/disputes/petition/",
        {"name": "赵淑华", "id_number": ID_B, "phone": "13874112233",
         "address": "长沙市芙蓉区五一大道1号", "content": "反映问题"},
    )  # fmt: skip
    p = Petition.objects.get()
    body = resp.content.decode()
    assert p.number in body and p.check_code in body and p.channel == "online"
    assert ledger.verify().ok


def test_tracking_is_rate_limited_per_address(client, w, monkeypatch):
    """A check code is not to be guessed: 30 look-ups a minute per address, page and API
    counted together (settings.RATE_LIMITS["lookup"]); another address is counted apart."""
    import types

    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1.8e9))
    p = w.petition()
    api = f"/api/v1/disputes/public/track?kind=petition&number={p.number}&code=AAAAAA"
    page = f"/disputes/track/?kind=petition&number={p.number}&code=AAAAAA"
    codes = [client.get(api).status_code for _ in range(15)]
    codes += [client.get(page).status_code for _ in range(15)]
    assert codes == [404] * 15 + [200] * 15
    assert client.get(api).status_code == 429
    assert client.get(page).status_code == 429
    assert client.get(api, REMOTE_ADDR="10.0.0.9").status_code == 404
    assert not Petition.objects.exclude(pk=p.pk).exists()


def test_login_is_required(client, w):
    assert client.get("/workspace/disputes/").status_code == 302
    assert client.get("/api/v1/disputes/petitions").status_code == 401
