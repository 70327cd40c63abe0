"""The staff pages and the public pages: a clerk receives, accepts, decides and closes through
the pages; another body's clerk gets 404; the public guide, search, status lookup (wrong
code: no information, rate-limited) and rating; no applicant's personal data on any public
page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from fazhi.core import clock
from fazhi.core.redaction import find_personal_data
from fazhi.core.tests.signin import sign_in

from .. import queries
from ..models import Application, AppStatus, Rating
from ..services import applications as svc
from ..services import decisions
from .factories import PERSON_ID, SYSTEM, World, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db):
    cache.clear()
    return World()


def _post(client, app, op, **data):
    return client.post(
        f"/workspace/govservices/applications/{app.pk}/act/",
        {"op": op, "version": app.version, **data},
    )


def test_a_clerk_carries_an_application_through_the_pages(w, client):
    sign_in(client, w.clerk)
    body = client.get("/workspace/govservices/applications/new/?q=spjy").content.decode()
    assert "食品经营许可" in body and "企业设立登记" not in body  # pinyin initials
    mats = list(w.licence.materials.order_by("sort_order").values_list("pk", flat=True))
    resp = client.post(
        f"/workspace/govservices/applications/new/?entry={w.entry.pk}",
        {
            "channel": "window",
            "window": w.window.pk,
            "at": "2019-11-04T10:00",
            "received": mats[:2],
            "applicant_kind": "person",
            "applicant_name": "刘志强",
            "applicant_id_number": PERSON_ID,
        },
    )
    app = Application.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/applications/{app.pk}/")
    page = client.get(resp["Location"]).content.decode()
    assert "尚缺材料：法定代表人身份证明、场所平面图" in page
    assert "受理" in page and "申请材料不齐全，不能受理" in page  # the blocked move says why
    _post(client, app, "notify", on="2019-11-05")
    app.refresh_from_db()
    assert app.status == AppStatus.SUPPLEMENT
    _post(client, app, "materials", on="2019-11-06", materials=mats[2:])
    _post(client, app, "accept", at="2019-11-06T09:30")
    app.refresh_from_db()
    assert app.status == AppStatus.ACCEPTED and app.accepted_on == D(2019, 11, 6)
    # a refusal without reasons: the message, nothing changed
    resp = _post(client, app, "decide", on="2019-11-08", outcome="refused")
    follow = client.get(resp["Location"]).content.decode()
    assert "不予许可的，应当说明理由" in follow
    app.refresh_from_db()
    assert app.status == AppStatus.ACCEPTED
    _post(client, app, "decide", on="2019-11-08", outcome="granted")
    app.refresh_from_db()
    _post(client, app, "close", at="2019-11-08T15:00", certificate_number="JY24301020000001")
    app.refresh_from_db()
    assert app.status == AppStatus.CLOSED and app.certificate_number == "JY24301020000001"
    # every notice prints
    for n in app.notices.all():
        resp = client.get(f"/workspace/govservices/applications/{app.pk}/notices/{n.pk}.docx")
        assert resp.status_code == 200 and resp.content[:2] == b"PK"
    # the list and its export
    assert (
        app.number
        in client.get("/workspace/govservices/applications/?status=closed").content.decode()
    )
    resp = client.get("/workspace/govservices/applications/?export=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_another_bodys_clerk_gets_404(w, client):
    app = svc.receive(
        actor=w.clerk, entry=w.entry, channel="window", at=at(2019, 11, 4), **w.person()
    )
    sign_in(client, w.other_clerk)
    assert client.get(f"/workspace/govservices/applications/{app.pk}/").status_code == 404
    assert _post(client, app, "accept", at="2019-11-04T10:00").status_code == 404
    assert (
        client.get(f"/workspace/govservices/applications/{app.pk}/notices/1.docx").status_code
        == 404
    )
    assert app.number not in client.get("/workspace/govservices/applications/").content.decode()


def test_catalogue_and_supervision_pages(w, client):
    sign_in(client, w.supervisor)
    assert "食品经营许可" in client.get("/workspace/govservices/items/?q=食品").content.decode()
    body = client.get(
        f"/workspace/govservices/items/{w.licence.pk}/?on=2019-01-02"
    ).content.decode()
    assert "施行的是第" in body
    assert client.get("/workspace/govservices/windows/").status_code == 200
    assert client.get("/workspace/govservices/supervision/").status_code == 200
    resp = client.get("/workspace/govservices/supervision/late-week.xlsx?week=2019-11-04")
    assert resp.status_code == 200
    sign_in(client, w.clerk)
    assert client.get("/workspace/govservices/supervision/").status_code == 403


def _closed(w):
    app = svc.receive(
        actor=w.clerk,
        entry=w.entry,
        channel="window",
        at=at(2019, 11, 4),
        received=list(w.licence.materials.all()),
        window=w.window,
        **w.person(applicant_address="长沙市芙蓉区韶山北路88号3栋201室"),
    )
    app = svc.accept(actor=w.clerk, application=app, at=at(2019, 11, 4))
    app = decisions.decide(actor=w.clerk, application=app, outcome="granted", on=D(2019, 11, 5))
    return decisions.close(
        actor=w.clerk, application=app, at=at(2019, 11, 5, 15), certificate_number="JY1"
    )


def test_red_and_yellow_cards_by_body_and_window(w, client):
    """Tuesday 3 December 2019 (no holiday from November on; the yellow window is 3 working
    days): a decision clock past due is red, a notice clock due within three days is
    yellow, a closed application has no card, and another body's head sees none of them."""
    mats = list(w.licence.materials.all())
    with clock.frozen(at(2019, 12, 3, 9)):
        late = svc.receive(
            actor=w.clerk,
            entry=w.entry,
            channel="window",
            at=at(2019, 11, 4),
            received=mats,
            window=w.window,
            **w.person(),
        )
        # XK-3: 20 working days from Tue 5 Nov: 5-8, 11-15, 18-22, 25-29 (19), Mon 2 Dec
        late = svc.accept(actor=w.clerk, application=late, at=at(2019, 11, 4))
        near = svc.receive(
            actor=w.clerk,
            entry=w.entry,
            channel="window",
            at=at(2019, 11, 28),
            received=mats,
            window=w.window,
            **w.person(),
        )  # XK-1: 5 working days from Fri 29 Nov: 29, 2, 3, 4, Thu 5 Dec
        done = _closed(w)
        assert queries.cards(w.supervisor) == ({late.pk}, {near.pk})
        assert queries.supervision_counts(w.supervisor) == [
            {"org": w.bureau.name, "window": w.window.name, "red": 1, "yellow": 1}
        ]
        assert list(queries.supervision(w.supervisor, card="red")) == [late]
        assert list(queries.supervision(w.supervisor, card="yellow")) == [near]
        assert queries.cards(w.dept_leader) == (set(), set())
        sign_in(client, w.supervisor)
        page = client.get("/workspace/govservices/supervision/?card=yellow").content.decode()
    assert near.number in page and late.number not in page and done.number not in page


def test_public_guide_search_status_and_rating(w, client):
    app = _closed(w)
    home = client.get("/govservices/?q=qysl").content.decode()
    assert "企业设立登记" in home and "食品经营许可" not in home
    guide = client.get(f"/govservices/items/{w.licence.pk}/").content.decode()
    for text in ("食品经营许可申请书", "5个工作日", "商事登记综合窗", "13:30-17:30", "不收费"):
        assert text in guide
    assert client.get(f"/govservices/items/{w.licence.pk}/?print=1").status_code == 200
    wrong = "000000" if app.check_code != "000000" else "111111"
    bad = client.post(
        "/govservices/status/", {"number": app.number, "code": wrong}
    ).content.decode()
    unknown = client.post(
        "/govservices/status/", {"number": "430102-2019-999", "code": wrong}
    ).content.decode()
    assert "办件编号或查询码不正确" in bad and "食品经营许可" not in bad
    assert re.sub(r'value="[^"]*"', "", bad).replace(app.number, "") == re.sub(
        r'value="[^"]*"', "", unknown
    ).replace("430102-2019-999", "")
    ok = client.post(
        "/govservices/status/", {"number": app.number, "code": app.check_code}
    ).content.decode()
    assert "已办结" in ok and "提交评价" in ok
    # rating: someone else's ID number is refused, the applicant's accepted
    data = {"number": app.number, "code": app.check_code, "score": 5, "comment": "很方便"}
    resp = client.post("/govservices/rate/", {**data, "rater_code": "430102199001011237"})
    assert "只有申请人" in resp.content.decode() and not Rating.objects.exists()
    resp = client.post("/govservices/rate/", {**data, "rater_code": PERSON_ID})
    assert "评价已提交" in resp.content.decode() and Rating.objects.get().score == 5
    # no applicant's data on any public page
    for page in (home, guide, ok):
        text = re.sub(r"<[^>]+>", " ", page)
        assert PERSON_ID not in text and "13974851234" not in text and "韶山北路88号" not in text
        kinds = {h.kind for h in find_personal_data(text)}
        assert "id_number" not in kinds, page


def test_the_lookup_is_rate_limited(w, client):
    app = _closed(w)
    for _i in range(10):
        assert (
            client.post(
                "/govservices/status/", {"number": app.number, "code": "123456"}
            ).status_code
            == 200
        )
    resp = client.post("/govservices/status/", {"number": app.number, "code": app.check_code})
    assert resp.status_code == 429 and app.item.name not in resp.content.decode()


def test_catalogue_import_round_trip_and_bad_rows(w):
    from .. import imports
    from ..models import Item

    rows = imports.export_rows(Item.objects.filter(code="LIC-001"))
    rows[0][0] = "LIC-100"
    dup = list(rows[0])
    unknown = list(rows[0])
    unknown[0], unknown[6] = "LIC-101", "不存在的局"
    longer = list(rows[0])
    longer[0], longer[11] = "LIC-102", "30"
    data = imports.xlsx([rows[0], dup, unknown, longer])
    result = imports.catalogue_import(actor=SYSTEM, data=data)
    assert not result.ok and not Item.objects.filter(code__startswith="LIC-1").exists()
    messages = [str(e) for e in result.errors]
    # the same row and column; the wording is the kernel's, for every register
    assert messages[0] == "第3行 事项编码：与本文件第2行重复。"
    assert messages[1] == "第4行 上报部门：“不存在的局”不存在或不在您的数据范围内。"
    assert "第5行：承诺时限（30.00个工作日）不能长于法定时限（20个工作日）。" in messages
    # a clean file imports and exports back the same
    result = imports.catalogue_import(actor=SYSTEM, data=imports.xlsx([rows[0]]))
    assert result.ok
    again = imports.export_rows(Item.objects.filter(code="LIC-100"))
    assert again == [rows[0]]


def test_catalogue_actions_through_the_pages(w, client):
    from ..models import Delegation, ItemDispute, MaterialCut, ProofItem, Window

    sign_in(client, w.dept_leader)
    m = w.licence.materials.order_by("sort_order").last()
    url = f"/workspace/govservices/items/{w.licence.pk}/act/"
    client.post(
        url,
        {
            "op": "cut",
            "material": m.pk,
            "method": "shared",
            "basis": "数据共享",
            "on": "2019-05-06",
        },
    )
    assert MaterialCut.objects.get().material == m
    client.post(
        url,
        {"op": "dispute", "raised_by": w.dept.pk, "on": "2019-05-07", "question": "实施部门有误"},
    )
    client.post(
        url,
        {
            "op": "decide",
            "outcome": "kept",
            "decided_by": "区审改办",
            "decision": "维持",
            "on": "2019-05-08",
        },
    )
    assert ItemDispute.objects.get().outcome == "kept"
    page = client.get(f"/workspace/govservices/items/{w.licence.pk}/").content.decode()
    assert "数据共享免提交" in page and "维持" in page
    # delegation by the bureau's head; a refusal is shown, nothing changes
    sign_in(client, w.leader)
    resp = client.post(
        url,
        {
            "op": "delegate",
            "to_org": w.street.pk,
            "new_days": "9",
            "basis": "x",
            "on": "2019-05-09",
        },
    )
    assert "不能长于原办理时限" in client.get(resp["Location"]).content.decode()
    assert not Delegation.objects.exists()
    client.post(
        url,
        {
            "op": "delegate",
            "to_org": w.street.pk,
            "new_days": "0.5",
            "basis": "芙政发〔2019〕8号",
            "on": "2019-05-09",
        },
    )
    assert Delegation.objects.get().new_days == Decimal("0.50")
    # the proof register
    resp = client.post(
        "/workspace/govservices/proofs/",
        {
            "name": "居住证明",
            "issuer": "社区居委会",
            "demanded_by": w.bureau.pk,
            "used_for": "食品经营许可",
            "status": "cancelled",
            "basis": "芙政办函〔2019〕20号",
            "on": "2019-06-03",
        },
    )
    assert resp.status_code == 302 and ProofItem.objects.get().status == "cancelled"
    # merging a department window into the comprehensive one
    from ..services import catalogue as cat

    old = cat.window_save(
        actor=SYSTEM,
        org=w.bureau,
        name="原市场监管局窗口",
        kind="department",
        hours=w.hours,
        opened_on=D(2017, 7, 1),
    )
    client.post(
        f"/workspace/govservices/windows/{old.pk}/merge/", {"into": w.window.pk, "on": "2019-03-01"}
    )
    old.refresh_from_db()
    assert old.merged_into == w.window and old.closed_on == D(2019, 3, 1)
    assert Window.objects.filter(merged_into__isnull=False).count() == 1
