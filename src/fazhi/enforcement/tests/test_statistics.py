"""Annual enforcement statistics (SZ-4): prepared from the records, published by 31 January
with the clock stopped, frozen when published, shown publicly; and the public procedure guide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core import clocks
from fazhi.core.indicators import evaluate
from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.factories import SYSTEM, org, user
from fazhi.core.tests.signin import sign_in

from ..models import AnnualStatistics
from ..services import catalogue, history
from ..services import statistics as svc
from .casefactories import Bureau

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def b(db):
    bureau = Bureau()
    for n, (fine, closed) in enumerate([(500, D(2019, 4, 25)), (1200, D(2019, 11, 2))], start=1):
        history.case_import_closed(
            actor=SYSTEM,
            body=bureau.body,
            number=f"芙执案〔2019〕{n}号",
            field=bureau.field,
            item=bureau.item,
            source="patrol",
            procedure="general",
            party_kind="person",
            party_name=f"当事人{n}",
            received_on=D(2019, 3, 1),
            outcome="penalty",
            decision_number=f"芙执罚决〔2019〕{n}号",
            decided_on=D(2019, 4, 10),
            fine=Decimal(fine),
            basis="《城市市容和环境卫生管理条例》第三十六条",
            closed_on=closed,
        )
    return bureau


def _figure(stats, code):
    return next(f["text"] for f in stats.figures if f["code"] == code)


def test_prepared_from_the_records_published_on_time_and_frozen(b):
    stats = svc.statistics_prepare(actor=b.leader, body=b.body, year=2019, on=D(2020, 1, 6))
    assert _figure(stats, "ENF-CASES-CLOSED") == "2起"
    assert _figure(stats, "ENF-FINES") == "1700元"
    assert _figure(stats, "ENF-REVIEW-COVERAGE") == "—（无此类事项）"  # no major decision
    assert _figure(stats, "ENF-CERT-COVERAGE") == "100.00%"
    assert stats.by_field == [["城市管理", 2, "1700.00"]]
    [clock] = clocks.for_subject(stats)
    assert (clock.rule.code, clock.started_on, clock.due_on) == (
        "SZ-4",
        D(2019, 12, 31),
        D(2020, 1, 31),
    )
    svc.statistics_publish(actor=b.leader, stats=stats, on=D(2020, 1, 20), summary="总体平稳。")
    stats.refresh_from_db()
    clock.refresh_from_db()
    assert (stats.published_on, clock.stopped_on) == (D(2020, 1, 20), D(2020, 1, 20))
    assert (
        LedgerEvent.objects.filter(action="enf.stats.publish", subject_id=str(stats.pk)).count()
        == 1
    )
    # a case imported afterwards changes the records, not the published snapshot
    history.case_import_closed(
        actor=SYSTEM,
        body=b.body,
        number="芙执案〔2019〕9号",
        field=b.field,
        source="patrol",
        procedure="general",
        party_kind="person",
        party_name="当事人9",
        received_on=D(2019, 3, 1),
        outcome="penalty",
        decision_number="芙执罚决〔2019〕9号",
        decided_on=D(2019, 4, 10),
        fine=Decimal(1),
        basis="同上",
        closed_on=D(2019, 5, 1),
    )
    stats.refresh_from_db()
    assert _figure(stats, "ENF-CASES-CLOSED") == "2起"
    assert evaluate("ENF-STATS-ON-TIME", year=2019).value == Decimal(1)
    assert evaluate("ENF-STATS-PUBLISHED", year=2019).value == 1
    with pytest.raises(ValidationError) as exc:
        svc.statistics_publish(actor=b.leader, stats=stats, on=D(2020, 1, 21))
    assert exc.value.messages == ["测试区行政执法局2019年度行政执法数据已于 2020-01-20 公开。"]


def test_late_publication_is_allowed_and_counted_late(b):
    other_org = org("测试区卫生健康局", parent=b.d.gov)
    health = catalogue.body_save(actor=SYSTEM, org=other_org, kind="department", fields=[b.field])
    on_time = svc.statistics_prepare(actor=SYSTEM, body=b.body, year=2019, on=D(2020, 1, 6))
    svc.statistics_publish(actor=SYSTEM, stats=on_time, on=D(2020, 1, 31))
    late = svc.statistics_prepare(actor=SYSTEM, body=health, year=2019, on=D(2020, 1, 6))
    svc.statistics_publish(actor=SYSTEM, stats=late, on=D(2020, 2, 3))
    assert evaluate("ENF-STATS-ON-TIME", year=2019).value == Decimal("0.5")
    assert evaluate("ENF-STATS-ON-TIME", year=2019).text == "50.00%"
    [clock] = clocks.for_subject(late)
    assert clocks.card(clock).status == "late"


def test_refusals_change_nothing(b):
    with pytest.raises(ValidationError) as exc:
        svc.statistics_prepare(actor=b.leader, body=b.body, year=2019, on=D(2019, 12, 31))
    assert exc.value.messages == ["2019年尚未结束，不能编制该年度的执法数据。"]
    with pytest.raises(PermissionDenied):
        svc.statistics_prepare(actor=b.clerk, body=b.body, year=2019, on=D(2020, 1, 6))
    assert AnnualStatistics.objects.count() == 0
    assert not LedgerEvent.objects.filter(action__startswith="enf.stats").exists()


def test_pages_staff_public_and_another_organisation(b, client):
    sign_in(client, b.leader)
    page = client.get(reverse("enforcement:statistics"), {"year": "2019"})
    assert page.status_code == 200 and "2020-01-31" in page.content.decode()
    resp = client.post(reverse("enforcement:statistics_prepare", args=[b.body.pk, 2019]))
    stats = AnnualStatistics.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/statistics/{stats.pk}/")
    # not public until published
    assert (
        client.get(reverse("enforcement_public:statistics_one", args=[stats.pk])).status_code == 404
    )
    stranger = user("street_leader_x", org=b.d.street_a, role=Role.LEADER)
    sign_in(client, stranger)
    assert client.get(reverse("enforcement:statistics_detail", args=[stats.pk])).status_code == 404
    assert (
        client.post(reverse("enforcement:statistics_prepare", args=[b.body.pk, 2018])).status_code
        == 404
    )
    sign_in(client, b.leader)
    resp = client.post(
        reverse("enforcement:statistics_detail", args=[stats.pk]), {"summary": "平稳"}
    )
    assert resp.status_code == 302
    client.logout()
    public = client.get(
        reverse("enforcement_public:statistics_one", args=[stats.pk])
    ).content.decode()
    assert "测试区行政执法局2019年度行政执法数据" in public and "平稳" in public
    assert "办结行政处罚案件数" in public and "2起" in public
    listing = client.get(reverse("enforcement_public:statistics")).content.decode()
    assert "测试区行政执法局" in listing


def test_public_guide_lists_the_rules_in_force_with_their_basis(client):
    html = client.get(reverse("enforcement_public:guide")).content.decode()
    assert "行政处罚普通程序办案期限" in html and "90自然日" in html
    assert "行政处罚听证申请期限" in html and "5工作日" in html
    assert "直接起诉期限" in html and "6个月" in html
    assert "每年 01-31 前" in html
