"""Campaigns, their operations, inspections and sampling, linked to the cases they produced."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from python_calamine import CalamineWorkbook

from fazhi.core import identity
from fazhi.core.models import LedgerEvent, OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, District, org, user
from fazhi.core.tests.signin import sign_in

from ..models import Inspection, InspectionResult, SamplingBatch
from ..services import campaigns as svc
from ..services import cases as case_services
from ..services import catalogue

pytestmark = pytest.mark.django_db

D = dt.date
VALID_CODE = identity.generate_credit_code("91430102MA4L0001")
BAD_CODE = VALID_CODE[:-1] + ("0" if VALID_CODE[-1] != "0" else "1")


class Bodies:
    """Two enforcement bodies of a district, the city-management field, their staff."""

    def __init__(self) -> None:
        self.d = d = District()
        self.field = catalogue.field_save(actor=SYSTEM, code="city", name="城市管理")
        self.food = catalogue.field_save(actor=SYSTEM, code="food", name="食品安全")
        self.bureau = catalogue.body_save(
            actor=SYSTEM, org=d.bureau, kind="centralised", fields=[self.field]
        )
        self.market_org = org("测试区市场监督管理局", kind=OrgKind.BUREAU, parent=d.gov)
        self.market = catalogue.body_save(
            actor=SYSTEM, org=self.market_org, kind="department", fields=[self.food]
        )
        self.market.doc_prefix = "芙市监罚决"  # case numbers differ from the bureau's
        self.market.save(update_fields=["doc_prefix"])
        self.market_officer = user("market_officer", org=self.market_org, role=Role.OFFICER)
        self.market_leader = user("market_leader", org=self.market_org, role=Role.LEADER)

    def campaign(self, **kw):
        args = dict(
            actor=self.d.leader,
            name="2019年蓝天保卫战",
            kind="campaign",
            field=self.field,
            lead=self.bureau,
            bodies=[self.market],
            starts_on=D(2019, 3, 1),
            ends_on=D(2019, 11, 30),
            description="扬尘、露天烧烤专项整治",
        )
        args.update(kw)
        return svc.campaign_create(**args)

    def case(self, body=None, field=None, **kw):
        body = body or self.bureau
        actor = self.d.clerk if body == self.bureau else self.market_officer
        return case_services.case_open(
            actor=actor,
            body=body,
            field=field or (self.field if body == self.bureau else self.food),
            source="inspection",
            party_kind="org",
            party_name="测试餐饮有限公司",
            received_on=D(2019, 5, 20),
            **kw,
        )


@pytest.fixture
def b(db):
    return Bodies()


def test_campaign_has_a_lead_bodies_and_a_period(b):
    c = b.campaign()
    assert set(c.bodies.all()) == {b.bureau, b.market}
    ev = LedgerEvent.objects.get(action="enf.campaign", subject_id=str(c.pk))
    assert ev.data["after"]["name"] == "2019年蓝天保卫战"
    with pytest.raises(ValidationError) as exc:
        b.campaign(starts_on=D(2019, 12, 1), ends_on=D(2019, 1, 1))
    assert "结束日期不能早于开始日期" in str(exc.value)
    with pytest.raises(PermissionDenied):
        b.campaign(actor=b.d.officer)


def test_update_records_the_change_and_guards_the_period(b):
    c = b.campaign()
    svc.operation_create(actor=b.d.officer, campaign=c, on=D(2019, 6, 1), person_times=40)
    c = svc.campaign_update(actor=b.d.leader, campaign=c, name="蓝天保卫战（2019）", bodies=[])
    assert c.name == "蓝天保卫战（2019）" and list(c.bodies.all()) == [b.bureau]
    ev = LedgerEvent.objects.filter(action="enf.campaign", subject_id=str(c.pk)).latest("seq")
    assert ev.data["after"]["name"] == "蓝天保卫战（2019）" and "bodies" in ev.data
    with pytest.raises(ValidationError) as exc:
        svc.campaign_update(actor=b.d.leader, campaign=c, starts_on=D(2019, 7, 1))
    assert "不在新的期间内" in str(exc.value)


def test_operations_count_person_times_and_joint_actions(b):
    c = b.campaign()
    svc.operation_create(actor=b.d.officer, campaign=c, on=D(2019, 6, 1), person_times=40)
    svc.operation_create(
        actor=b.market_officer, campaign=c, on=D(2019, 6, 2), person_times=25, joint=True
    )
    with pytest.raises(ValidationError) as exc:
        svc.operation_create(actor=b.d.officer, campaign=c, on=D(2019, 12, 2), person_times=5)
    assert "不在专项行动期间" in str(exc.value)
    with pytest.raises(ValidationError):
        svc.operation_create(actor=b.d.officer, campaign=c, on=D(2019, 6, 3), person_times=0)
    solo = b.campaign(name="单独行动", bodies=[])
    with pytest.raises(ValidationError) as exc:
        svc.operation_create(
            actor=b.d.officer, campaign=solo, on=D(2019, 6, 3), person_times=3, joint=True
        )
    assert "两个以上执法主体" in str(exc.value)
    outsider = user("outsider", org=b.d.street_a, role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        svc.operation_create(actor=outsider, campaign=c, on=D(2019, 6, 3), person_times=3)
    t = svc.totals(c)
    assert (t.operations, t.joint_operations, t.person_times) == (2, 1, 65)


def test_inspection_checks_the_credit_code_and_findings(b):
    c = b.campaign()
    ins = svc.inspection_create(
        actor=b.d.officer,
        body=b.bureau,
        unit_name="某建筑工地",
        unit_credit_code=VALID_CODE.lower(),
        inspected_on=D(2019, 6, 5),
        result="issues",
        findings="工地未覆盖裸土",
        campaign=c,
    )
    assert ins.unit_credit_code == VALID_CODE
    with pytest.raises(ValidationError) as exc:
        svc.inspection_create(
            actor=b.d.officer,
            body=b.bureau,
            unit_name="某工地",
            unit_credit_code=BAD_CODE,
            inspected_on=D(2019, 6, 5),
            result="clean",
        )
    assert "统一社会信用代码无效" in str(exc.value) and "校验码" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        svc.inspection_create(
            actor=b.d.officer,
            body=b.bureau,
            unit_name="某工地",
            inspected_on=D(2019, 6, 5),
            result="issues",
        )
    assert "findings" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        svc.inspection_create(
            actor=b.d.officer,
            body=b.bureau,
            unit_name="某工地",
            inspected_on=D(2018, 6, 5),
            result="clean",
            campaign=c,
        )
    assert "campaign" in exc.value.message_dict
    assert Inspection.objects.count() == 1


def test_inspections_and_sampling_link_to_the_cases_they_produced(b):
    c = b.campaign()
    ins = svc.inspection_create(
        actor=b.d.officer,
        body=b.bureau,
        unit_name="某烧烤店",
        inspected_on=D(2019, 6, 5),
        result="issues",
        findings="露天烧烤",
        campaign=c,
    )
    case = b.case()
    ins = svc.link_case(actor=b.d.officer, record=ins, case=case)
    assert (ins.case, ins.result) == (case, InspectionResult.CASE)
    batch = svc.sampling_create(
        actor=b.market_officer,
        body=b.market,
        product="散装大米",
        unit_name="某超市",
        sampled_on=D(2019, 6, 6),
        result="fail",
        campaign=c,
    )
    market_case = b.case(body=b.market)
    with pytest.raises(ValidationError) as exc:
        svc.link_case(actor=b.market_officer, record=batch, case=case)  # another body's case
    assert "不属于" in str(exc.value)
    svc.link_case(actor=b.market_officer, record=batch, case=market_case)
    opened_under = b.case(campaign=c)
    assert set(svc.linked_cases(c)) == {case, market_case, opened_under}
    t = svc.totals(c)
    assert (t.inspections, t.inspections_with_findings) == (1, 1)
    assert (t.sampling_batches, t.failed_batches, t.cases) == (1, 1, 3)
    assert LedgerEvent.objects.filter(action="enf.campaign.link_case").count() == 2


def test_sampling_needs_product_and_result(b):
    with pytest.raises(ValidationError) as exc:
        svc.sampling_create(
            actor=b.market_officer,
            body=b.market,
            product="",
            unit_name="某超市",
            sampled_on=D(2019, 6, 6),
            result="maybe",
        )
    assert set(exc.value.message_dict) == {"product", "result"}
    with pytest.raises(PermissionDenied):
        svc.sampling_create(
            actor=b.d.officer,
            body=b.market,
            product="大米",
            unit_name="某超市",
            sampled_on=D(2019, 6, 6),
            result="pass",
        )
    assert SamplingBatch.objects.count() == 0


def test_campaigns_are_seen_by_the_lead_and_the_participants_only(b):
    c = b.campaign()
    assert list(svc.campaigns(b.market_leader)) == [c]
    assert list(svc.campaigns(b.d.street_a_leader)) == []
    assert list(svc.campaigns(b.d.supervisor)) == [c]


# ---------------------------------------------------------------- pages


def _rows(resp):
    return (
        CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0).to_python()
    )


def test_campaign_pages_list_detail_export_and_operation(b, client):
    c = b.campaign()
    sign_in(client, b.d.leader)
    body = client.get("/workspace/enforcement/campaigns/?field=city").content.decode()
    assert "2019年蓝天保卫战" in body
    body = client.get("/workspace/enforcement/campaigns/?year=2018").content.decode()
    assert "2019年蓝天保卫战" not in body
    resp = client.post(
        f"/workspace/enforcement/campaigns/{c.pk}/operations/new/",
        {"on": "2019-06-01", "person_times": "30", "joint": "on", "place": "五一大道"},
    )
    assert resp.status_code == 302
    body = client.get(f"/workspace/enforcement/campaigns/{c.pk}/").content.decode()
    assert "<strong>30</strong>" in body and "登记执法行动" in body and "保存专项行动" in body
    rows = _rows(client.get("/workspace/enforcement/campaigns/?export=xlsx"))
    assert rows[1][0] == "2019年蓝天保卫战" and rows[1][8] == 30
    sign_in(client, b.market_leader)  # a participating body sees it, cannot change it
    assert client.get(f"/workspace/enforcement/campaigns/{c.pk}/").status_code == 200
    resp = client.post(
        f"/workspace/enforcement/campaigns/{c.pk}/edit/",
        {
            "name": "改名",
            "kind": "campaign",
            "field": b.field.pk,
            "starts_on": "2019-03-01",
            "ends_on": "2019-11-30",
        },
    )
    assert resp.status_code == 200 and "只有牵头单位负责人" in resp.content.decode()
    sign_in(client, b.d.street_a_leader)
    assert client.get(f"/workspace/enforcement/campaigns/{c.pk}/").status_code == 404


def test_new_campaign_form_reports_bad_period(b, client):
    sign_in(client, b.d.leader)
    resp = client.post(
        "/workspace/enforcement/campaigns/new/",
        {
            "name": "食品安全整治",
            "kind": "rectification",
            "field": b.field.pk,
            "lead": b.bureau.pk,
            "starts_on": "2019-06-01",
            "ends_on": "2019-05-01",
        },
    )
    assert resp.status_code == 200 and "结束日期不能早于开始日期" in resp.content.decode()


def test_inspection_pages_register_filter_export_and_link(b, client):
    sign_in(client, b.d.leader)
    resp = client.post(
        "/workspace/enforcement/inspections/new/",
        {
            "body": b.bureau.pk,
            "unit_name": "某工地",
            "unit_credit_code": BAD_CODE,
            "inspected_on": "2019-06-05",
            "result": "clean",
        },
    )
    assert resp.status_code == 200 and "统一社会信用代码无效" in resp.content.decode()
    resp = client.post(
        "/workspace/enforcement/inspections/new/",
        {
            "body": b.bureau.pk,
            "unit_name": "某工地",
            "unit_credit_code": VALID_CODE,
            "inspected_on": "2019-06-05",
            "result": "issues",
            "findings": "未覆盖",
        },
    )
    ins = Inspection.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/inspections/{ins.pk}/")
    case = b.case()
    resp = client.post(
        f"/workspace/enforcement/inspections/{ins.pk}/link/",
        {"case_number": case.number},
        follow=True,
    )
    assert "已关联案件" in resp.content.decode()
    assert Inspection.objects.get().case == case
    body = client.get("/workspace/enforcement/inspections/?result=case").content.decode()
    assert "某工地" in body
    body = client.get("/workspace/enforcement/inspections/?result=clean").content.decode()
    assert "某工地" not in body
    rows = _rows(client.get("/workspace/enforcement/inspections/?export=xlsx"))
    assert rows[1][:3] == ["测试区行政执法局", "某工地", VALID_CODE] and rows[1][7] == case.number


def test_sampling_pages(b, client):
    svc.sampling_create(
        actor=b.market_officer,
        body=b.market,
        product="散装大米",
        unit_name="某超市",
        sampled_on=D(2019, 6, 6),
        result="fail",
    )
    sign_in(client, b.market_officer)
    body = client.get("/workspace/enforcement/sampling/?result=fail").content.decode()
    assert "散装大米" in body
    rows = _rows(client.get("/workspace/enforcement/sampling/?export=xlsx"))
    assert rows[1][1] == "散装大米" and rows[1][4] == "不合格"
    sign_in(client, b.d.officer)  # another body's records are not listed
    assert "散装大米" not in client.get("/workspace/enforcement/sampling/").content.decode()
