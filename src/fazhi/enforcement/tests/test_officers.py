"""Officers and certificates: the roster's filters and export, scoping, suspending with a
reason, the to-do reminder for lapsing certificates, and the legality-review register."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from fazhi.core import clock
from fazhi.core.models import LedgerEvent, OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, org, user
from fazhi.core.tests.signin import sign_in

from ..models import Case, Certificate, CertificateStatus, LegalReview
from ..services import cases as case_services
from ..services import catalogue, decisions
from ..services import officers as svc
from .casefactories import Bureau

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2024, 6, 3)  # a Monday
FROZEN = dt.datetime(2024, 6, 3, 2, tzinfo=dt.UTC)  # 10:00 in Changsha
URL = "/workspace/enforcement/officers/"
REVIEWS = "/workspace/enforcement/reviews/"


class World(Bureau):
    """The bureau of the case factories, two officers whose certificates lapse 30 and 31 days
    from TODAY, and a second bureau with its own officer and leader."""

    def __init__(self) -> None:
        super().__init__()
        self.ding = self._officer_until("执法人员丁", "湘执01004", TODAY + dt.timedelta(days=30))
        self.wu = self._officer_until("执法人员戊", "湘执01005", TODAY + dt.timedelta(days=31))
        self.other_org = org("测试区市场监督管理局", kind=OrgKind.BUREAU, parent=self.d.gov)
        self.other_body = catalogue.body_save(
            actor=SYSTEM, org=self.other_org, kind="department", fields=[self.field]
        )
        self.other_leader = user("market_leader", org=self.other_org, role=Role.LEADER)
        self.stranger = catalogue.officer_save(actor=SYSTEM, body=self.other_body, name="市监甲")
        catalogue.certificate_issue(
            actor=SYSTEM,
            officer=self.stranger,
            number="湘执09001",
            fields=[self.field],
            issuer="长沙市人民政府",
            valid_from=D(2020, 1, 1),
            valid_to=TODAY + dt.timedelta(days=3),
        )

    def _officer_until(self, name, number, valid_to):
        o = catalogue.officer_save(actor=SYSTEM, body=self.body, name=name)
        catalogue.certificate_issue(
            actor=SYSTEM,
            officer=o,
            number=number,
            fields=[self.field, self.other_field],
            issuer="芙蓉区人民政府",
            valid_from=D(2021, 7, 1),
            valid_to=valid_to,
        )
        return o

    def cert(self, officer) -> Certificate:
        return officer.certificates.get()


@pytest.fixture
def w(db):
    return World()


def _login(client, u):
    assert sign_in(client, u.username).status_code in (302, 200)


def _names(client, query: str = "") -> list[str]:
    with clock.frozen(FROZEN):
        resp = client.get(URL + query)
    assert resp.status_code == 200
    table = HTMLParser(resp.content.decode()).css_first("#officer-list tbody")
    return [a.text() for a in table.css("tr td:first-child a")]


def _sheet(resp) -> list[list]:
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    return (
        CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0).to_python()
    )


# --- the roster --------------------------------------------------------------------------------


def test_list_filters_give_exact_rows(client, w):
    svc.certificate_set_status(
        actor=w.leader, certificate=w.cert(w.officer2), to="suspended", reason="涉嫌违纪，接受调查"
    )
    svc.officer_deactivate(actor=w.leader, officer=w.uncertified, reason="调离执法岗位")
    _login(client, w.leader)
    everyone = ["执法人员甲", "执法人员乙", "执法人员丙", "执法人员丁", "执法人员戊"]
    assert _names(client) == everyone  # the leader's own bureau only, in registration order
    assert _names(client, "?field=env") == ["执法人员丙", "执法人员丁", "执法人员戊"]
    assert _names(client, "?status=suspended") == ["执法人员乙"]
    assert _names(client, "?status=valid&field=city") == ["执法人员甲", "执法人员丁", "执法人员戊"]
    assert _names(client, "?expiring=1") == ["执法人员丁"]  # 30 days yes, 31 days no
    assert _names(client, "?q=执法人员甲") == ["执法人员甲"]
    assert _names(client, "?q=01005") == ["执法人员戊"]  # by certificate number
    assert _names(client, "?active=0") == ["执法人员丙"]
    assert _names(client, f"?body={w.other_body.pk}") == []  # not the leader's to see
    client.logout()
    _login(client, w.d.supervisor)  # 全部: both bureaus
    assert _names(client, f"?body={w.other_body.pk}") == ["市监甲"]
    assert _names(client, "?expiring=1") == ["执法人员丁", "市监甲"]


def test_list_queries_do_not_grow_with_the_rows(client, w):
    _login(client, w.leader)
    with CaptureQueriesContext(connection) as five:
        assert len(_names(client)) == 5
    for n in range(5):
        w._officer_until(f"新增人员{n}", f"湘执0200{n}", D(2026, 1, 1))
    with CaptureQueriesContext(connection) as ten:
        assert len(_names(client)) == 10
    assert len(ten) == len(five)


def test_excel_export_has_exact_header_and_rows(client, w):
    svc.certificate_set_status(
        actor=w.leader, certificate=w.cert(w.officer2), to="suspended", reason="涉嫌违纪"
    )
    _login(client, w.leader)
    with clock.frozen(FROZEN):
        rows = _sheet(client.get(URL + "?field=env&export=xlsx"))
    assert rows == [
        [
            "姓名",
            "执法主体",
            "在岗状态",
            "执法证编号",
            "执法领域",
            "发证机关",
            "有效期起",
            "有效期至",
            "证件状态",
        ],
        ["执法人员丁", "测试区行政执法局", "在岗", "湘执01004", "城市管理、生态环境",
         "芙蓉区人民政府", "2021-07-01", "2024-07-03", "有效"],
        ["执法人员丙", "测试区行政执法局", "在岗", "湘执01003", "生态环境",
         "长沙市人民政府", "2018-01-01", "2030-12-31", "有效"],
        ["执法人员戊", "测试区行政执法局", "在岗", "湘执01005", "城市管理、生态环境",
         "芙蓉区人民政府", "2021-07-01", "2024-07-04", "有效"],
    ]  # fmt: skip
    rows = _sheet(client.get(URL + "?status=suspended&export=xlsx"))
    assert rows[1:] == [
        ["执法人员乙", "测试区行政执法局", "在岗", "湘执01002", "城市管理",
         "长沙市人民政府", "2018-01-01", "2030-12-31", "暂扣"],
    ]  # fmt: skip


def test_another_organisation_sees_none_of_them(client, w):
    _login(client, w.other_leader)
    assert _names(client) == ["市监甲"]
    assert _names(client, "?q=执法人员") == []
    rows = _sheet(client.get(URL + "?export=xlsx"))
    assert [r[0] for r in rows[1:]] == ["市监甲"]
    assert client.get(f"{URL}{w.officer1.pk}/").status_code == 404
    assert client.get(f"{URL}{w.officer1.pk}/certificates/new/").status_code == 404
    resp = client.post(
        f"/workspace/enforcement/certificates/{w.cert(w.officer1).pk}/status/",
        {"to": "revoked", "reason": "x"},
    )
    assert resp.status_code == 404
    assert w.cert(w.officer1).status == CertificateStatus.VALID
    with pytest.raises(PermissionDenied):  # the service refuses too
        svc.certificate_set_status(
            actor=w.other_leader, certificate=w.cert(w.officer1), to="revoked", reason="x"
        )


def test_officer_page_shows_certificates_cases_and_changes(client, w):
    case = case_services.case_open(
        actor=w.clerk,
        body=w.body,
        field=w.field,
        source="patrol",
        party_kind="person",
        party_name="当事人甲",
        received_on=D(2024, 3, 4),
    )
    case_services.assign_officer(actor=w.leader, case=case, officer=w.officer1, lead=True)
    svc.certificate_set_status(
        actor=w.leader, certificate=w.cert(w.officer1), to="suspended", reason="涉嫌违纪"
    )
    _login(client, w.leader)
    page = HTMLParser(client.get(f"{URL}{w.officer1.pk}/").content.decode())
    assert page.css_first("#certificates").text().count("湘执01001") == 1
    assert page.css_first(f'#officer-cases a[href="/workspace/enforcement/cases/{case.pk}/"]')
    assert "主办" in page.css_first("#officer-cases").text()
    timeline = page.css_first("#timeline").text()
    assert "变更执法证状态：涉嫌违纪" in timeline and "保存执法证" in timeline
    changes = [[td.text() for td in tr.css("td")] for tr in page.css("#status-changes tbody tr")]
    assert [row[1:] for row in changes] == [["leader", "湘执01001", "有效 → 暂扣", "涉嫌违纪"]]
    form = page.css_first(".fz-cert-status")
    assert [o.attributes["value"] for o in form.css("option")] == ["valid", "revoked"]
    assert page.css_first("#certificate-new") and page.css_first("#officer-active")
    client.logout()
    _login(client, w.clerk)  # may look, may not change
    page = HTMLParser(client.get(f"{URL}{w.officer1.pk}/").content.decode())
    assert page.css_first("#certificates") and not page.css(".fz-cert-status")
    assert not page.css_first("#certificate-new") and not page.css_first("#officer-active")
    assert client.get(f"{URL}{w.officer1.pk}/certificates/new/").status_code == 403
    assert client.get(URL + "new/").status_code == 403


def test_leader_adds_an_officer_and_issues_a_certificate_through_the_pages(client, w):
    _login(client, w.leader)
    resp = client.post(URL + "new/", {"body": w.body.pk, "name": "执法人员己"})
    new = w.body.officers.get(name="执法人员己")
    assert resp.status_code == 302 and resp["Location"] == f"{URL}{new.pk}/"
    form = {
        "number": "湘执01006",
        "fields": [w.field.pk],
        "issuer": "芙蓉区人民政府",
        "valid_from": "2024-01-01",
        "valid_to": "2023-12-31",
    }
    body = client.post(f"{URL}{new.pk}/certificates/new/", form).content.decode()
    assert "执法证有效期止早于有效期起。" in body and not new.certificates.exists()
    form["valid_to"] = "2029-12-31"
    assert client.post(f"{URL}{new.pk}/certificates/new/", form).status_code == 302
    cert = new.certificates.get()
    assert (cert.number, cert.valid_to, list(cert.fields.all())) == (
        "湘执01006",
        D(2029, 12, 31),
        [w.field],
    )


def test_every_page_renders_for_the_leader_and_none_for_the_system_administrator(client, w):
    """The register holds officers' personal data: a business register, closed to the system
    administrator (三权分立: 403 for a list or a form, 404 for an officer)."""
    paths = [
        URL,
        URL + "new/",
        f"{URL}{w.officer1.pk}/",
        f"{URL}{w.officer1.pk}/certificates/new/",
        REVIEWS,
    ]
    _login(client, w.leader)
    for path in paths:
        assert client.get(path).status_code == 200, path
    _login(client, w.d.admin)
    assert [client.get(p).status_code for p in paths] == [403, 403, 404, 404, 403]


# --- status changes ------------------------------------------------------------------------------


def test_suspend_without_reason_is_refused_and_changes_nothing(client, w):
    cert = w.cert(w.officer1)
    events = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.certificate_set_status(actor=w.leader, certificate=cert, to="suspended", reason="  ")
    assert exc.value.messages == ["请填写暂扣执法证的理由。"]
    _login(client, w.leader)
    resp = client.post(
        f"/workspace/enforcement/certificates/{cert.pk}/status/",
        {"to": "suspended", "reason": ""},
        follow=True,
    )
    assert "请填写暂扣执法证的理由。" in resp.content.decode()
    assert w.cert(w.officer1).status == CertificateStatus.VALID
    assert LedgerEvent.objects.count() == events


def test_status_moves_follow_the_table_and_the_roles(w):
    cert = w.cert(w.officer1)
    with pytest.raises(PermissionDenied):
        svc.certificate_set_status(actor=w.clerk, certificate=cert, to="suspended", reason="x")
    svc.certificate_set_status(actor=w.d.supervisor, certificate=cert, to="suspended", reason="a")
    svc.certificate_set_status(actor=w.leader, certificate=cert, to="valid", reason="调查结束")
    svc.certificate_set_status(actor=w.leader, certificate=cert, to="revoked", reason="违法办案")
    with pytest.raises(ValidationError) as exc:
        svc.certificate_set_status(actor=w.leader, certificate=cert, to="valid", reason="申请恢复")
    assert exc.value.messages == ["执法证 湘执01001 当前为“吊销”，不能改为“有效”。"]
    ev = LedgerEvent.objects.filter(action="enf.certificate.status").order_by("seq")
    assert [(e.data["after"]["status"], e.data["reason"]) for e in ev] == [
        ("suspended", "a"),
        ("valid", "调查结束"),
        ("revoked", "违法办案"),
    ]
    assert {e.subject_id for e in ev} == {str(w.officer1.pk)}


def test_suspended_certificate_can_no_longer_be_assigned(w):
    case = case_services.case_open(
        actor=w.clerk,
        body=w.body,
        field=w.field,
        source="patrol",
        party_kind="person",
        party_name="当事人甲",
        received_on=D(2024, 3, 4),
    )
    svc.certificate_set_status(
        actor=w.leader, certificate=w.cert(w.officer1), to="suspended", reason="涉嫌违纪"
    )
    with pytest.raises(ValidationError) as exc:
        case_services.assign_officer(actor=w.leader, case=case, officer=w.officer1)
    assert exc.value.messages == ["执法人员甲 没有“城市管理”领域的有效行政执法证，不能办理本案。"]
    assert not case.officers.exists()


def test_deactivating_needs_a_reason(w):
    with pytest.raises(ValidationError) as exc:
        svc.officer_deactivate(actor=w.leader, officer=w.officer1, reason="")
    assert exc.value.messages == ["请填写理由。"]
    with pytest.raises(PermissionDenied):
        svc.officer_deactivate(actor=w.clerk, officer=w.officer1, reason="退休")
    assert (
        svc.officer_deactivate(actor=w.leader, officer=w.officer1, reason="退休").is_active is False
    )


# --- the to-do -----------------------------------------------------------------------------------


def _todo(client, u) -> str:
    client.logout()
    _login(client, u)
    with clock.frozen(FROZEN):
        return client.get("/workspace/").content.decode()


def test_todo_shows_certificates_lapsing_within_30_days(client, w):
    body = _todo(client, w.d.supervisor)
    assert "执法人员丁 的执法证 湘执01004 即将到期" in body and "距今还有 30 天" in body
    assert f'href="{URL}{w.ding.pk}/"' in body
    assert "湘执01005" not in body  # 31 days
    assert "市监甲 的执法证 湘执09001 即将到期" in body  # the supervisor sees every bureau
    leader = _todo(client, w.leader)  # the holder's body leader
    assert "湘执01004" in leader and "湘执01005" not in leader and "湘执09001" not in leader
    other = _todo(client, w.other_leader)
    assert "湘执01004" not in other and "湘执09001" in other
    assert "湘执01004" not in _todo(client, w.clerk)  # neither supervisor nor leader


def test_todo_keeps_lapsed_valid_certificates_and_drops_suspended_ones(client, w):
    later = dt.datetime(2024, 7, 6, 2, tzinfo=dt.UTC)  # 丁 lapsed 3 days ago, 戊 2 days ago
    _login(client, w.leader)
    with clock.frozen(later):
        body = client.get("/workspace/").content.decode()
    assert "执法人员丁 的执法证 湘执01004 已过有效期" in body and "已过期 3 天" in body
    svc.certificate_set_status(
        actor=w.leader, certificate=w.cert(w.ding), to="suspended", reason="到期未换证"
    )
    with clock.frozen(later):
        body = client.get("/workspace/").content.decode()
    assert "湘执01004" not in body and "湘执01005" in body


# --- 法制审核登记 ----------------------------------------------------------------------------------


def _major_case(w, party: str, *, decide: bool = True) -> Case:
    """A major case (罚款两万元) through notice, legality review and, if asked, decision."""
    case = case_services.case_open(
        actor=w.clerk,
        body=w.body,
        field=w.field,
        item=w.item,
        source="complaint",
        party_kind="person",
        party_name=party,
        received_on=D(2024, 3, 4),
    )
    case = case_services.register(actor=w.leader, case=case, on=D(2024, 3, 5))
    on = D(2024, 3, 5)
    case_services.assign_officer(actor=w.leader, case=case, officer=w.officer1, lead=True, on=on)
    case_services.assign_officer(actor=w.leader, case=case, officer=w.officer2, on=on)
    case_services.evidence_add(
        actor=w.officer_user,
        case=case,
        kind="scene",
        title="现场笔录",
        collected_on=D(2024, 3, 6),
        officer=w.officer1,
    )
    case = case_services.propose(
        actor=w.officer_user, case=case, fine=Decimal(20000), band=w.heavy, kinds=["fine"]
    )
    case = case_services.notify(actor=w.leader, case=case, on=D(2024, 3, 8))
    case = case_services.submit_review(actor=w.officer_user, case=case, on=D(2024, 3, 18))
    if decide:
        case_services.review_opinion(
            actor=w.reviewer, case=case, opinion="pass", reasons="", on=D(2024, 3, 20)
        )
        decisions.decide(
            actor=w.leader,
            case=Case.objects.get(pk=case.pk),
            on=D(2024, 3, 21),
            outcome="penalty",
            fine=Decimal(20000),
            band=w.heavy,
            basis="《城市市容和环境卫生管理条例》第三十六条",
            kinds=["fine"],
        )
    return case


def test_review_register_rows_export_and_coverage(client, w):
    a = _major_case(w, "当事人甲")
    b = _major_case(w, "当事人乙")
    c = _major_case(w, "当事人丙", decide=False)
    assert LegalReview.objects.count() == 3
    _login(client, w.leader)
    page = HTMLParser(client.get(REVIEWS).content.decode())
    assert page.css_first("#review-coverage strong").text() == "100.00%"
    assert "决定作出前经法制审核通过 2 件 ÷ 重大执法决定 2 件" in page.css_first(
        "#review-coverage"
    ).text(separator="")
    links = [x.attributes["href"] for x in page.css("#review-list tbody a")]
    assert links == [f"/workspace/enforcement/cases/{k.pk}/" for k in (c, b, a)]
    header = [
        "案件编号",
        "当事人",
        "送审日期",
        "审核人员",
        "审核日期",
        "审核意见",
        "理由",
        "用时（日）",
    ]
    assert _sheet(client.get(REVIEWS + "?export=xlsx")) == [
        header,
        [a.number, "当事人甲", "2024-03-18", "enf_reviewer", "2024-03-20", "同意", "", 2.0],
        [b.number, "当事人乙", "2024-03-18", "enf_reviewer", "2024-03-20", "同意", "", 2.0],
        [c.number, "当事人丙", "2024-03-18", "", "", "待审核", "", ""],
    ]
    pending = _sheet(client.get(REVIEWS + "?state=pending&export=xlsx"))
    assert [r[0] for r in pending[1:]] == [c.number]
    passed = _sheet(client.get(REVIEWS + f"?opinion=pass&body={w.body.pk}&year=2024&export=xlsx"))
    assert [r[0] for r in passed[1:]] == [a.number, b.number]
    assert _sheet(client.get(REVIEWS + "?year=2023&export=xlsx")) == [header]
    page = HTMLParser(client.get(REVIEWS + "?year=2023").content.decode())
    assert page.css_first("#review-coverage strong").text() == "—"
    client.logout()
    _login(client, w.other_leader)
    page = HTMLParser(client.get(REVIEWS).content.decode())
    assert not page.css("#review-list tbody a")
    assert page.css_first("#review-coverage strong").text() == "—"
