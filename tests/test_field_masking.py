"""Field-level masking (issue 20, item 2): a party's ID number and phone in full only for the
roles that need them over the record (``fazhi.core.masking``), masked for everyone else — on
the staff pages, in every export and in the API. Factories, not the demo."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from fazhi.core import masking
from fazhi.core.dataexchange import exporting, registry
from fazhi.core.models import Role
from fazhi.core.tests.factories import SYSTEM, user
from fazhi.core.tests.signin import sign_in

pytestmark = pytest.mark.django_db

D = dt.date
ID = "430102198507180317"  # valid under GB 11643
ID_MASKED = "4301**********0317"
PHONE = "13812345678"
PHONE_MASKED = "138****5678"


def _page(client, who, url: str) -> str:
    client.logout()
    sign_in(client, who)
    resp = client.get(url)
    assert resp.status_code == 200, (who.username, url, resp.status_code)
    return resp.content.decode()


def _cells(data: bytes) -> str:
    """Every text part of a workbook (shared strings, inline strings, numbers)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


# -- the policy itself -------------------------------------------------------------------------


def test_the_masks():
    assert masking.mask_id(ID) == ID_MASKED
    assert masking.mask_id("43010219850718031X") == "4301**********031X"
    assert masking.mask_id("430102850718031") == "4301*******8031"
    assert masking.mask_phone(PHONE) == PHONE_MASKED
    assert masking.mask_phone("138 1234 5678") == PHONE_MASKED
    assert masking.mask_phone("+86 13812345678") == "+86138****5678"
    assert masking.mask_phone("0731-84567890") == "0731-****7890"
    assert masking.mask_phone("(0731)84567890") == "(0731)****7890"
    assert masking.mask_phone("84567890") == "****7890"
    assert masking.mask_phone("") == masking.mask_id("") == ""
    # what is not shaped like a number keeps only its last 4 characters
    assert masking.mask_id("XYZ-12345") == "*****2345"
    assert masking.mask_phone("tel") == "***"


def test_every_masked_field_exists_and_has_a_rule():
    from django.apps import apps

    assert len(masking.FIELDS) == 11
    assert masking.FIELDS.keys() == masking.FULL_ROLES.keys()
    for label, fields in masking.FIELDS.items():
        model = apps.get_model(label)
        for name in fields:
            model._meta.get_field(name)  # raises if the field is gone or renamed
        assert Role.LEADER not in masking.FULL_ROLES[label]
        assert Role.SUPERVISOR not in masking.FULL_ROLES[label]
        assert Role.ADMIN not in masking.FULL_ROLES[label]


# -- enforcement: the case page, the API, the past-cases export --------------------------------


@pytest.fixture
def bureau(db):
    from fazhi.enforcement.tests.casefactories import Bureau

    return Bureau()


def _case(b):
    from fazhi.enforcement.services import cases

    return cases.case_open(
        actor=b.clerk,
        body=b.body,
        field=b.field,
        item=b.item,
        source="complaint",
        party_kind="person",
        party_name="当事人甲",
        party_id_number=ID,
        party_phone=PHONE,
        facts="在五一大道占道经营。",
        received_on=D(2024, 3, 4),
    )


def _closed_case(b, number="芙执罚〔2018〕1号"):
    from fazhi.enforcement.services import history

    return history.case_import_closed(
        actor=SYSTEM,
        body=b.body,
        number=number,
        field=b.field,
        source="complaint",
        procedure="general",
        party_kind="person",
        party_name="当事人乙",
        party_id_number=ID,
        received_on=D(2018, 3, 1),
        registered_on=D(2018, 3, 2),
        closed_on=D(2018, 5, 10),
        outcome="dropped",
    )


def test_the_case_page_shows_the_number_to_its_handlers_only(bureau, client):
    b = bureau
    case = _case(b)
    url = f"/workspace/enforcement/cases/{case.pk}/"
    supervisor = user("enf_supervisor", org=b.d.gov, role=Role.SUPERVISOR, scope="all")
    for who in (b.clerk, b.officer_user, b.reviewer):
        html = _page(client, who, url)
        assert f'<dd class="col-sm-9" id="party-id-number">{ID}</dd>' in html, who.username
    for who in (b.leader, supervisor):
        html = _page(client, who, url)
        assert f'<dd class="col-sm-9" id="party-id-number">{ID_MASKED}</dd>' in html, who.username
        assert ID not in html, who.username


def test_the_case_api_masks_by_role(bureau, client):
    b = bureau
    case = _case(b)
    url = f"/api/v1/enforcement/cases/{case.pk}"
    supervisor = user("enf_supervisor", org=b.d.gov, role=Role.SUPERVISOR, scope="all")
    seen = {}
    for who in (b.clerk, b.officer_user, b.reviewer, b.leader, supervisor):
        client.logout()
        sign_in(client, who)
        one = client.get(url)
        listed = client.get("/api/v1/enforcement/cases")
        assert one.status_code == listed.status_code == 200
        row = next(r for r in listed.json() if r["id"] == case.pk)
        assert (row["party_id_number"], row["party_phone"]) == (
            one.json()["party_id_number"],
            one.json()["party_phone"],
        )
        seen[who.username] = (row["party_id_number"], row["party_phone"])
        if who in (b.leader, supervisor):
            assert ID not in listed.content.decode() and PHONE not in one.content.decode()
    assert seen == {
        b.clerk.username: (ID, PHONE),
        b.officer_user.username: (ID, PHONE),
        b.reviewer.username: (ID, PHONE),
        b.leader.username: (ID_MASKED, PHONE_MASKED),
        "enf_supervisor": (ID_MASKED, PHONE_MASKED),
    }


def test_a_self_scoped_officer_sees_in_full_only_the_cases_he_handles(bureau):
    from fazhi.enforcement.services import cases

    b = bureau
    mine, other = _case(b), _case(b)
    own = user("own_officer", org=b.d.bureau, role=Role.OFFICER, scope="self")
    b.officer1.user = own
    b.officer1.save(update_fields=["user"])
    cases.register(actor=b.leader, case=mine, on=D(2024, 3, 5))
    cases.assign_officer(actor=b.leader, case=mine, officer=b.officer1, lead=True)
    assert masking.shown(own, mine, "party_id_number") == ID
    assert masking.shown(own, other, "party_id_number") == ID_MASKED
    assert masking.fields_for(SYSTEM, other) == {"party_id_number": ID, "party_phone": PHONE}


def test_the_past_cases_export_masks_for_leaders_and_supervisors(bureau):
    b = bureau
    _closed_case(b)
    supervisor = user("enf_supervisor", org=b.d.gov, role=Role.SUPERVISOR, scope="all")
    for who in (b.leader, supervisor):
        text = _cells(exporting.export("past-cases", actor=who))
        assert ID_MASKED in text and ID not in text, who.username
    for who in (b.officer_user, b.clerk, SYSTEM):
        assert ID in _cells(exporting.export("past-cases", actor=who))
    # the leader's masked file imports back unchanged: the mask is never stored
    from fazhi.core.dataexchange import runner
    from fazhi.enforcement.models import Case

    masked = exporting.export("past-cases", actor=b.leader)
    again = runner.run("past-cases", actor=b.leader, data=masked, filename="导出.xlsx")
    assert (again.error_count, again.added, again.updated, again.unchanged) == (0, 0, 0, 1)
    assert list(Case.objects.values_list("party_id_number", flat=True)) == [ID]
    # without an actor the hook fails closed
    reg = registry.get("past-cases")
    qs = reg.records(actor=SYSTEM, org=None, year=None)
    assert ID not in _cells(exporting.workbook(reg, qs))


# -- the other domains' staff pages ------------------------------------------------------------


def test_the_hotline_order_page(db, client):
    from fazhi.hotline.tests.world import Hotline, at

    h = Hotline()
    with at(D(2019, 6, 3)):
        o = h.take(caller_phone=PHONE)
        url = f"/workspace/hotline/orders/{o.pk}/"
        full = _page(client, h.agent, url)
        masked = _page(client, h.chief, url)
    assert f'<span id="caller-phone">{PHONE}</span>' in full
    assert f'<span id="caller-phone">{PHONE_MASKED}</span>' in masked and PHONE not in masked


def test_the_govservices_application_page(db, client):
    from fazhi.govservices.services import applications as svc
    from fazhi.govservices.tests.factories import World, at

    w = World()
    app = svc.receive(
        actor=w.clerk,
        entry=w.entry,
        channel="window",
        at=at(2019, 11, 4),
        **w.person(applicant_id_number=ID, applicant_phone=PHONE),
    )
    url = f"/workspace/govservices/applications/{app.pk}/"
    assert f'<span id="applicant-id-number">{ID}</span>' in _page(client, w.clerk, url)
    for who in (w.leader, w.supervisor):
        html = _page(client, who, url)
        assert f'<span id="applicant-id-number">{ID_MASKED}</span>' in html, who.username
        assert ID not in html


def test_the_disputes_pages(db, client):
    from fazhi.disputes.tests.factories import World

    w = World()
    recon = w.recon(applicant_id_number=ID, applicant_phone=PHONE)
    petition = w.petition(persons=[dict(name="赵淑华", id_number=ID, phone=PHONE)])
    pages = {
        f"/workspace/disputes/reconsiderations/{recon.pk}/": (w.reviewer, w.justice_leader),
        f"/workspace/disputes/petitions/{petition.pk}/": (w.xf_clerk, w.xf_leader),
    }
    for url, (handler, leader) in pages.items():
        full = _page(client, handler, url)
        assert ID in full and PHONE in full, url
        masked = _page(client, leader, url)
        assert ID_MASKED in masked and PHONE_MASKED in masked, url
        assert ID not in masked and PHONE not in masked, url


def test_the_opengov_api(db, client):
    from fazhi.opengov.tests import factories

    w = factories.World()
    req = factories.request(w, applicant_id_number=ID, applicant_phone=PHONE)
    url = f"/api/v1/opengov/requests/{req.pk}"
    sign_in(client, w.clerk)
    out = client.get(url).json()
    assert (out["applicant_id_number"], out["applicant_phone"]) == (ID, PHONE)
    client.logout()
    sign_in(client, w.head)
    resp = client.get(url)
    assert (resp.json()["applicant_id_number"], resp.json()["applicant_phone"]) == (
        ID_MASKED,
        PHONE_MASKED,
    )
    assert ID not in resp.content.decode()


# -- every export, scanned ---------------------------------------------------------------------


def _export_all(actor) -> dict[str, str]:
    out = {}
    for reg in registry.all_registers():
        if reg.exportable:
            out[reg.name] = _cells(exporting.export(reg.name, actor=actor))
    return out


def _enforcement_world():
    """Enforcement (an open case, a closed past case) and a hotline order, in one district."""
    from fazhi.enforcement.tests.casefactories import Bureau
    from fazhi.hotline.services import catalogue as hl_catalogue
    from fazhi.hotline.services import orders

    b = Bureau()
    _case(b)
    _closed_case(b)
    noise = hl_catalogue.category_save(
        actor=SYSTEM, code="HJ01", major="环境保护", name="噪声扰民", rule_code="RX-1"
    )
    orders.order_create(
        actor=SYSTEM,
        office=b.d.gov,
        kind="complaint",
        category=noise,
        caller_name="刘建华",
        caller_phone=PHONE,
        address="芙蓉中路二段98号",
        text="夜间施工噪声扰民",
        received_on=D(2019, 6, 3),
    )
    return b.d.gov, ["past-cases"]


def _disputes_world():
    """A reconsideration, a petition, a dispute, a lawsuit and an inspection batch."""
    from fazhi.disputes.tests.factories import World

    w = World()
    w.recon(applicant_id_number=ID, applicant_phone=PHONE)
    w.petition(persons=[dict(name="赵淑华", id_number=ID, phone=PHONE)])
    w.dispute(
        parties=[
            dict(side="applicant", name="陈桂兰", id_number=ID, phone=PHONE),
            dict(side="respondent", name="周海波", phone="13907311234"),
        ]
    )
    w.lawsuit(counterpart_id_number=ID)
    w.batch(
        n=1,
        items=[
            dict(unit=w.bureau, petitioner_name="信访人", petitioner_id_number=ID, content="问题")
        ],
    )
    return w.gov, []


def _govservices_world():
    from fazhi.govservices.services import applications as svc
    from fazhi.govservices.tests.factories import World, at

    w = World()
    svc.receive(
        actor=w.clerk,
        entry=w.entry,
        channel="window",
        at=at(2019, 11, 4),
        **w.person(applicant_id_number=ID, applicant_phone=PHONE),
    )
    return w.gov, []


def _opengov_world():
    from fazhi.opengov.tests import factories

    w = factories.World()
    factories.request(w, applicant_id_number=ID, applicant_phone=PHONE)
    return w.gov, []


@pytest.mark.parametrize(
    "world", [_enforcement_world, _disputes_world, _govservices_world, _opengov_world]
)
def test_no_export_carries_a_full_number_for_a_masked_role(db, world):
    """Records holding the ID number and the phone, exported by every registered export
    register as a supervisor and a leader of the district with the 全部 scope (so every
    record reaches them): the full number in 0 files. The system actor's exports carry it
    where a register has the column (past cases), so the scan can find it."""
    top, carrying = world()
    supervisor = user("all_supervisor", org=top, role=Role.SUPERVISOR, scope="all")
    leader = user("all_leader", org=top, role=Role.LEADER, scope="all")
    names = [r.name for r in registry.all_registers() if r.exportable]
    assert len(names) >= 43  # every register of the district today (43 on this branch)
    for who in (supervisor, leader):
        files = _export_all(who)
        assert sorted(files) == sorted(names)
        leaks = sorted(n for n, text in files.items() if ID in text or PHONE in text)
        assert leaks == [], who.username
        assert all(ID_MASKED in files[n] for n in carrying)
    full = _export_all(SYSTEM)
    assert sorted(n for n, text in full.items() if ID in text) == carrying


# -- no template prints a masked field directly ---------------------------------------------------

# the two that may: the phone the clerk has just typed into the intake search, and a service
# item's public enquiry phone on the public guide
_RAW_ALLOWED = {
    ("hotline/templates/hotline/intake.html", "request.GET.phone"),
    ("govservices/templates/govservices/portal/guide.html", "e.phone"),
}


def test_no_template_prints_an_id_number_or_a_phone_without_the_policy():
    """Every ``{{ x.…id_number }}``, ``{{ x.…_phone }}``, ``{{ x.phone }}`` and
    ``{{ x.contact }}`` in a template is a leak unless reviewed: the pages print them with
    ``{% pii obj "field" %}``."""
    import re
    from pathlib import Path

    import fazhi

    root = Path(fazhi.__file__).parent
    pattern = re.compile(r"\{\{\s*([\w.]+\.(?:\w*id_number|\w+_phone|phone|contact))\b")
    found = set()
    for path in root.glob("*/templates/**/*.html"):
        rel = str(path.relative_to(root))
        for var in pattern.findall(path.read_text(encoding="utf-8")):
            if not var.endswith("public_phone"):
                found.add((rel, var))
    assert found == _RAW_ALLOWED
    used = set()
    for path in root.glob("*/templates/**/*.html"):
        used.update(re.findall(r'\{% pii \w+ "(\w+)"', path.read_text(encoding="utf-8")))
    names = {f for fields in masking.FIELDS.values() for f in fields}
    # 9 of the policy's 12 field names are printed on staff pages, every one through it
    assert used <= names
    assert names - used == {"party_phone", "agent_phone", "counterpart_id_number"}
