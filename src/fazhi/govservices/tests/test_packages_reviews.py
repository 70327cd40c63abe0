"""One thing once (a package spawns and closes its applications), approval on commitment with
its post-approval check, delegation to a street, and the applicant's rating."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from fazhi.core import clocks, scoping

from .. import queries
from ..models import (
    AppStatus,
    CreditRecord,
    MaterialKind,
    NoticeKind,
    Outcome,
    PackageStatus,
    RectStatus,
)
from ..services import applications as svc
from ..services import catalogue as cat
from ..services import decisions, packages, reviews
from .factories import PERSON_ID, World, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db):
    return World()


def _health_item(w):
    item = w.item(
        "LIC-003",
        "公共场所卫生许可",
        materials=[("营业执照复印件", MaterialKind.COPY), ("卫生检测报告", MaterialKind.ORIGINAL)],
        on=D(2019, 1, 2),
    )
    entry = w.filed(
        item, statutory=20, promised=Decimal("10"), on=D(2019, 1, 2), org=w.other, window=None
    )
    return item, entry


def test_a_package_spawns_its_applications_and_closes_with_the_last(w):
    health, health_entry = _health_item(w)
    package = cat.package_save(
        actor=w.leader,
        code="open-restaurant",
        name="我要开餐馆",
        org=w.bureau,
        items=[w.licence, health],
        on=D(2019, 3, 1),
    )
    names = packages.material_list(package)
    # 营业执照复印件 is required by both items and asked for once
    assert names.count("营业执照复印件") == 1
    assert names == [
        "食品经营许可申请书",
        "营业执照复印件",
        "法定代表人身份证明",
        "场所平面图",
        "卫生检测报告",
    ]
    pkg = packages.package_apply(
        actor=w.clerk,
        package=package,
        at=at(2019, 3, 4, 9, 30),
        channel="window",
        received=names,
        form={"经营场所": "芙蓉区韶山北路1号"},
        **w.company(),
    )
    subs = list(pkg.applications.order_by("item__code"))
    assert [(a.item.code, a.org) for a in subs] == [("LIC-001", w.bureau), ("LIC-003", w.other)]
    assert all(not a.materials.filter(received_on__isnull=True).exists() for a in subs)
    # the bureau's clerk sees the package, the health bureau's clerk too (a participant)
    assert queries.package_applications(w.other_clerk).filter(pk=pkg.pk).exists()
    for a in subs:
        clerk = w.clerk if a.org == w.bureau else w.other_clerk
        svc.accept(actor=clerk, application=a, at=at(2019, 3, 4, 10, 0))
    # the slowest clock decides: both XK-3 from 4 Mar, 20 working days → 1 Apr
    assert queries.package_due(pkg) == D(2019, 4, 1)
    first, second = subs
    first.refresh_from_db()
    first = decisions.decide(
        actor=w.clerk, application=first, outcome=Outcome.GRANTED, on=D(2019, 3, 8)
    )
    decisions.close(
        actor=w.clerk, application=first, at=at(2019, 3, 8, 15), certificate_number="JY001"
    )
    pkg.refresh_from_db()
    assert pkg.status == PackageStatus.OPEN
    second.refresh_from_db()
    second = decisions.decide(
        actor=w.other_clerk, application=second, outcome=Outcome.GRANTED, on=D(2019, 3, 11)
    )
    decisions.close(
        actor=w.other_clerk, application=second, at=at(2019, 3, 11, 11), certificate_number="WS002"
    )
    pkg.refresh_from_db()
    assert pkg.status == PackageStatus.CLOSED and pkg.closed_on == D(2019, 3, 11)


def test_a_package_needs_filed_items_and_known_materials(w):
    bare = w.item(
        "LIC-009", "未填报事项", materials=[("申请书", MaterialKind.FORM)], on=D(2019, 1, 2)
    )
    with pytest.raises(ValidationError, match="尚未填报实施清单"):
        cat.package_save(
            actor=w.leader,
            code="x",
            name="x",
            org=w.bureau,
            items=[w.licence, bare],
            on=D(2019, 3, 1),
        )
    package = cat.package_save(
        actor=w.leader,
        code="start",
        name="企业开办",
        org=w.bureau,
        items=[w.licence, w.startup],
        on=D(2019, 3, 1),
    )
    with pytest.raises(ValidationError, match="不在套餐材料清单中：身份证"):
        packages.package_apply(
            actor=w.clerk,
            package=package,
            at=at(2019, 3, 4),
            channel="window",
            received=["身份证"],
            **w.company(),
        )


def test_approval_on_commitment_check_and_revocation(w):
    item = w.item(
        "LIC-004", "小餐饮经营许可", materials=[("申请书", MaterialKind.FORM)], on=D(2019, 1, 2)
    )
    entry = w.filed(
        item,
        statutory=20,
        promised=0,
        on=D(2019, 1, 2),
        commitment=True,
        commitment_text="本人承诺经营场所符合食品安全要求，如有不实，愿承担撤销许可等法律责任。",
        post_check_days=30,
    )
    app = decisions.commitment_approve(
        actor=w.clerk,
        entry=entry,
        at=at(2019, 6, 3, 10, 0),
        received=list(item.materials.all()),
        certificate_number="JY2430102000123",
        **w.person(),
    )
    assert app.status == AppStatus.CLOSED and app.decided_on == D(2019, 6, 3)
    assert app.notices.filter(kind=NoticeKind.COMMITMENT).count() == 1
    # 30 days from 3 Jun is 3 Jul (a Wednesday)
    check = app.post_check
    assert check.due_on == D(2019, 7, 3)
    with pytest.raises(PermissionDenied):
        decisions.post_check_assign(actor=w.clerk, check=check, to=w.clerk2)
    decisions.post_check_assign(actor=w.leader, check=check, to=w.clerk2)
    with pytest.raises(PermissionDenied, match="已指派给"):
        decisions.post_check_record(
            actor=w.clerk, check=check, on=D(2019, 6, 20), result="false", note="x"
        )
    with pytest.raises(ValidationError, match="承诺不实的"):
        decisions.revoke(actor=w.leader, application=app, on=D(2019, 6, 21), reason="承诺不实")
    decisions.post_check_record(
        actor=w.clerk2,
        check=check,
        on=D(2019, 6, 20),
        result="false",
        note="现场无独立加工间，与承诺不符。",
    )
    app = decisions.revoke(
        actor=w.leader, application=app, on=D(2019, 6, 21), reason="承诺不实，撤销许可。"
    )
    assert app.status == AppStatus.REVOKED and app.revoked_on == D(2019, 6, 21)
    rec = CreditRecord.objects.get(application=app)
    assert rec.subject_code == PERSON_ID and rec.recorded_on == D(2019, 6, 21)


def test_delegated_items_run_in_the_streets_scope(w):
    d = cat.delegate(
        actor=w.leader,
        item=w.licence,
        to_org=w.street,
        on=D(2019, 4, 1),
        new_days="0.5",
        basis="芙政发〔2019〕5号",
    )
    assert d.original_days == Decimal("5.00") and d.reduction == Decimal("0.9")
    with pytest.raises(ValidationError, match="只能下放至街道或园区"):
        cat.delegate(
            actor=w.leader, item=w.licence, to_org=w.other, on=D(2019, 4, 1), new_days=1, basis="x"
        )
    app = svc.receive(
        actor=w.street_clerk,
        entry=w.entry,
        org=w.street,
        window=w.street_window,
        channel="window",
        at=at(2019, 4, 2, 9, 0),
        received=list(w.licence.materials.all()),
        **w.person(),
    )
    assert app.org == w.street and app.delegation == d
    app = svc.accept(actor=w.street_clerk, application=app, at=at(2019, 4, 2, 9, 0))
    # half a working day of 7 office hours from 09:00 → 12:00 and 30 min → 14:00
    assert app.promised_due_at == at(2019, 4, 2, 14, 0)
    assert scoping.get_for(w.street_clerk, queries.applications(w.street_clerk), app.pk) == app
    with pytest.raises(Http404):
        scoping.get_for(w.clerk, queries.applications(w.clerk), app.pk)
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=w.clerk, application=app, outcome=Outcome.GRANTED, on=D(2019, 4, 2))
    # the street cannot receive an item that was not delegated to it
    with pytest.raises(ValidationError, match="未下放至该单位"):
        svc.receive(
            actor=w.street_clerk,
            entry=w.startup_entry,
            org=w.street,
            channel="window",
            at=at(2019, 4, 2),
            **w.person(),
        )


def _closed(w):
    app = svc.receive(
        actor=w.clerk,
        entry=w.entry,
        channel="window",
        at=at(2019, 5, 6, 9, 0),
        received=list(w.licence.materials.all()),
        window=w.window,
        **w.person(),
    )
    app = svc.accept(actor=w.clerk, application=app, at=at(2019, 5, 6, 9, 0))
    app = decisions.decide(
        actor=w.clerk, application=app, outcome=Outcome.GRANTED, on=D(2019, 5, 8)
    )
    return app


def test_rating_only_closed_and_only_by_the_applicant(w):
    app = _closed(w)
    with pytest.raises(ValidationError, match="办结后才能评价"):
        reviews.rate(
            actor=w.clerk,
            application=app,
            score=5,
            channel="device",
            on=D(2019, 5, 8),
            rater_code=PERSON_ID,
        )
    app = decisions.close(
        actor=w.clerk, application=app, at=at(2019, 5, 9, 10), certificate_number="JY01"
    )
    with pytest.raises(PermissionDenied, match="只有申请人"):
        reviews.rate(
            actor=w.clerk,
            application=app,
            score=1,
            channel="device",
            on=D(2019, 5, 9),
            rater_code="430102199001011234",
        )
    with pytest.raises(PermissionDenied, match="只有申请人"):
        reviews.rate(
            actor=w.clerk,
            application=app,
            score=1,
            channel="online",
            on=D(2019, 5, 9),
            rater_code=PERSON_ID,
            check_code="000000" if app.check_code != "000000" else "111111",
        )
    r = reviews.rate(
        actor=w.clerk,
        application=app,
        score=2,
        channel="online",
        on=D(2019, 5, 10),
        rater_code=PERSON_ID,
        check_code=app.check_code,
        comment="窗口排队时间太长。",
    )
    rect = r.rectification
    assert rect.status == RectStatus.OPEN and rect.org == w.bureau
    # HP-1: 15 working days from Fri 10 May → 31 May
    c = clocks.for_subject(rect).get()
    assert c.due_on == D(2019, 5, 31)
    with pytest.raises(ValidationError, match="已经评价过"):
        reviews.rate(
            actor=w.clerk,
            application=app,
            score=5,
            channel="device",
            on=D(2019, 5, 10),
            rater_code=PERSON_ID,
        )
    with pytest.raises(ValidationError, match="整改措施"):
        reviews.rectification_reply(
            actor=w.leader, rectification=rect, measures="", reply="", on=D(2019, 5, 20)
        )
    rect = reviews.rectification_reply(
        actor=w.leader,
        rectification=rect,
        measures="增设自助取号机。",
        reply="已增设取号机，感谢监督。",
        on=D(2019, 5, 20),
    )
    assert rect.status == RectStatus.REPLIED
    assert clocks.for_subject(rect).get().stopped_on == D(2019, 5, 20)


def test_the_public_status_needs_the_check_code_and_says_nothing_otherwise(w):
    app = _closed(w)
    assert queries.public_status(app.number, app.check_code).status == "已决定（待送达）"
    wrong = "000000" if app.check_code != "000000" else "111111"
    assert queries.public_status(app.number, wrong) is None
    assert queries.public_status("430102-2019-999", wrong) is None


def test_post_checks_on_the_todo(w):
    from ..todo import post_check_reminders

    item = w.item(
        "LIC-005",
        "小餐饮经营许可（新办）",
        materials=[("申请书", MaterialKind.FORM)],
        on=D(2019, 1, 2),
    )
    entry = w.filed(
        item,
        statutory=20,
        promised=0,
        on=D(2019, 1, 2),
        commitment=True,
        commitment_text="承诺属实。",
        post_check_days=30,
    )
    app = decisions.commitment_approve(
        actor=w.clerk,
        entry=entry,
        at=at(2019, 6, 3, 10),
        received=list(item.materials.all()),
        certificate_number="C1",
        **w.person(),
    )
    # unassigned: on the head's list; assigned: on the checker's
    assert [r.title for r in post_check_reminders(w.leader, D(2019, 6, 20))] == [
        f"告知承诺事后核查：{app.number}"
    ]
    assert post_check_reminders(w.clerk2, D(2019, 6, 20)) == []
    decisions.post_check_assign(actor=w.leader, check=app.post_check, to=w.clerk2)
    r = post_check_reminders(w.clerk2, D(2019, 7, 5))[0]
    assert r.due_on == D(2019, 7, 3) and r.days_left == -2 and r.status == "red"
