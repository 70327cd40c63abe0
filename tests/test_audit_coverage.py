"""Audit coverage (等保 8.1.4.3): a meta-test over the whole URLconf — every routed URL sent
a POST by a signed-in administrator and by an anonymous visitor leaves exactly one access
audit record with who, when, from where, what and the outcome —, refused authorizations
recorded whatever the method, and a run of requests whose every log line is captured and
searched for passwords, session ids and full ID numbers."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from fazhi.core import services
from fazhi.core.models import AuditRecord, LedgerEvent
from fazhi.core.tests.factories import PASSWORD, District
from fazhi.core.tests.signin import sign_in
from fazhi.enforcement.tests.casefactories import Bureau
from fazhi.govservices.tests.factories import PERSON_ID

from .test_surface import routed_paths

pytestmark = pytest.mark.django_db


def _expected(status: int, location: str, anonymous: bool) -> str:
    to_sign_in = status == 302 and location.split("?")[0].endswith("/login/")
    if status in (401, 403) or (anonymous and to_sign_in):
        return "refused"
    if status >= 500:
        return "failed"
    return "invalid" if status >= 400 else "done"


def _post_all(client: Client, paths, who: str, again=None) -> list[tuple]:
    """POST each path; the problems: (path, what is wrong)."""
    bad = []
    for path in paths:
        before = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
        resp = client.post(path, {}, HTTP_X_FORWARDED_FOR="203.0.113.9")
        rows = list(AuditRecord.objects.filter(id__gt=before))
        if len(rows) != 1:
            bad.append((path, f"{len(rows)} records"))
            continue
        r = rows[0]
        got = (r.username, r.address, r.method, r.path, r.status, r.outcome, bool(r.at))
        want = (
            who,
            "127.0.0.1",
            "POST",
            path,
            resp.status_code,
            _expected(resp.status_code, resp.get("Location", ""), not who),
            True,
        )
        if got != want or (resp.status_code != 404 and not r.route):
            bad.append((path, got, want, r.route))
        if again is not None:
            again()
    return bad


def test_every_mutating_request_leaves_exactly_one_audit_record():
    d = District()
    paths = [p for p in routed_paths() if not p.startswith("/static/") and "?" not in p]
    assert len(paths) >= 250
    client = Client(raise_request_exception=False)
    assert _post_all(client, paths, "") == []
    sign_in(client, d.admin)

    def stay_signed_in():
        if "_auth_user_id" not in client.session:  # the sign-out URL was among them
            sign_in(client, d.admin)

    assert _post_all(client, paths, "admin", again=stay_signed_in) == []


def test_the_record_names_the_ledger_events_the_request_committed(client):
    b = Bureau()
    _t, key = services.token_create(actor=b.clerk, user=b.clerk, name="对接系统")
    body = {"body_id": b.body.pk, "field_code": "city", "source": "patrol",
            "received_on": "2024-05-08", "party_kind": "person", "party_name": "王建国"}  # fmt: skip
    last = LedgerEvent.objects.order_by("-seq").first().seq
    resp = client.post("/api/v1/enforcement/cases", json.dumps(body),
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip
    assert resp.status_code == 201
    r = AuditRecord.objects.get()
    events = list(LedgerEvent.objects.filter(seq__gt=last).values_list("seq", flat=True))
    assert (r.username, r.route, r.outcome) == ("clerk", "api:case_create", "done")
    assert (r.ledger_from, r.ledger_to) == (min(events), max(events))
    # a refused create: the record, and no ledger event
    resp = client.post("/api/v1/enforcement/cases", json.dumps({**body, "field_code": "nope"}),
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip
    r = AuditRecord.objects.order_by("-id").first()
    assert (r.status, r.outcome, r.ledger_from) == (400, "invalid", None)


def test_refused_authorizations_are_recorded_whatever_the_method(client):
    b = Bureau()
    from fazhi.enforcement.services import cases as svc

    other_case = svc.case_open(actor=b.clerk, body=b.body, field=b.field, source="patrol",
                               received_on=__import__("datetime").date(2024, 5, 8),
                               party_kind="person", party_name="李红梅")  # fmt: skip
    outsider = b.d.street_a_leader  # a street's leader: the bureau's cases are not his
    sign_in(client, outsider)
    mark = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    resp = client.get(f"/workspace/enforcement/cases/{other_case.pk}/")
    assert resp.status_code == 404
    resp = client.get("/workspace/enforcement/cases/999999/")  # not there: not a refusal
    assert resp.status_code == 404
    resp = client.post("/workspace/online/logout/", {"session": "x"})  # administrators only
    assert resp.status_code == 403
    anon = Client()
    assert anon.get("/api/v1/orgs").status_code == 401
    rows = list(AuditRecord.objects.filter(id__gt=mark).order_by("id").values_list("username", "method", "path",
                                                                "status", "outcome"))  # fmt: skip
    assert rows == [
        ("street_a", "GET", f"/workspace/enforcement/cases/{other_case.pk}/", 404, "refused"),
        ("street_a", "POST", "/workspace/online/logout/", 403, "refused"),
        ("", "GET", "/api/v1/orgs", 401, "refused"),
    ]


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            text += record.exc_text
        self.lines.append(f"{record.name} {text}")


def test_the_logs_of_a_run_carry_no_password_session_id_or_id_number(client):
    b = Bureau()
    cap = _Capture()
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    saved = [(lg, lg.level) for lg in loggers]
    for lg in loggers:  # INFO and above: what an operator may turn on, beyond the default
        lg.addHandler(cap)
        lg.setLevel(min(lg.level or logging.INFO, logging.INFO))
    wrong = "Qz7!wrong-Passw0rd"
    try:
        client.post("/workspace/login/", {"username": "clerk", "password": wrong})
        client.post("/workspace/login/", {"username": "nobody", "password": PASSWORD})
        sign_in(client, b.clerk)
        session_id = client.cookies["sessionid"].value
        _t, key = services.token_create(actor=b.clerk, user=b.clerk, name="对接系统")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        body = {"body_id": b.body.pk, "field_code": "city", "source": "patrol",
                "received_on": "2024-05-08", "party_kind": "person", "party_name": "刘志强",
                "party_id_number": PERSON_ID}  # fmt: skip
        client.post("/api/v1/enforcement/cases", json.dumps(body),
                    content_type="application/json", **auth)  # fmt: skip
        bad = {**body, "party_id_number": PERSON_ID[:-1] + "0", "received_on": "2024-02-30"}
        client.post("/api/v1/enforcement/cases", json.dumps(bad),
                    content_type="application/json", **auth)  # fmt: skip
        client.get(f"/workspace/enforcement/cases/?q={PERSON_ID}")
        client.get(f"/api/v1/enforcement/cases?q={PERSON_ID}", **auth)
        client.get(f"/api/v1/enforcement/cases/{PERSON_ID}", **auth)
        client.post("/workspace/logout/")
        client.get("/workspace/", HTTP_COOKIE=f"sessionid={session_id}")
    finally:
        for lg, level in saved:
            lg.removeHandler(cap)
            lg.setLevel(level)
    assert len(cap.lines) >= 5  # the run was logged (requests refused, sign-ins)
    secrets = {"password": PASSWORD, "wrong password": wrong, "session id": session_id,
               "token": key, "ID number": PERSON_ID}  # fmt: skip
    found = [(what, line[:200]) for line in cap.lines for what, s in secrets.items() if s in line]
    assert found == []
    stored = " ".join(str(v) for row in AuditRecord.objects.values_list() for v in row)
    assert PERSON_ID not in stored and session_id not in stored and key not in stored
    assert AuditRecord.objects.get(route="web:logout").outcome == "done"
