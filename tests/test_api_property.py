"""A property-based run over the API (schemathesis): every operation of the OpenAPI schema
served at /api/openapi.json, with requests generated from the schema — valid ones, and
strings with control characters, huge numbers, odd dates —, sent by each of three roles (a
clerk, an officer limited to his records, the system administrator who sees no business
record) with its API token to the in-process app. No answer may be a server error, and every refusal
(4xx) says why in the caller's language.

Bounded: a few examples an operation for each role (derandomized: the same requests each run)
and a time budget; the figures are in docs/security.md."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings

from fazhi.core import services
from fazhi.enforcement.tests.casefactories import Bureau

pytestmark = pytest.mark.django_db

EXAMPLES = 2  # generated requests per operation and role (plus the schema's own examples)
BUDGET = 120  # seconds: no operation is started after this (the run takes ~40 s on 2 cores)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _call(client: Client, case, auth: str):
    path = case.formatted_path
    if case.query:
        path += "?" + urlencode(case.query, doseq=True)
    headers = {"HTTP_AUTHORIZATION": auth}
    for k, v in (case.headers or {}).items():
        if k.lower() != "authorization":  # the generated one would replace the role's token
            headers["HTTP_" + k.upper().replace("-", "_")] = v
    body = case.body
    if body is not None and type(body).__name__ != "NotSet":
        try:
            data = json.dumps(body)
        except (TypeError, ValueError):  # a multipart form: sent as JSON it is just refused
            data = "{}"
        return client.generic(
            case.method, path, data=data, content_type="application/json", **headers
        )
    return client.generic(case.method, path, **headers)


def _run(op, role: str, auth: str, record):
    """One operation's bounded hypothesis run for one role."""
    plain = Client(raise_request_exception=False)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=op.as_strategy())
    def run(case):
        record(role, op, case, _call(plain, case, auth))

    return run


def test_no_server_errors_for_any_role(client):
    b = Bureau()
    roles = {
        "clerk": b.clerk,
        "officer": b.officer_user,
        "admin": b.d.admin,
    }
    tokens = {}
    for name, user in roles.items():
        _t, key = services.token_create(actor=user, user=user, name="接口测试")
        tokens[name] = f"Bearer {key}"
    doc = client.get("/api/openapi.json", HTTP_AUTHORIZATION=tokens["clerk"]).json()
    schema = schemathesis.openapi.from_dict(doc)
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 90  # every operation of every router (96 at this writing)

    calls, errors, unexplained, covered = [], [], [], set()

    def record(role, op, case, resp):
        calls.append(1)
        covered.add(op.label)
        if resp.status_code >= 500:
            errors.append((role, op.label, resp.status_code, case.path_parameters, case.query))
        elif resp.status_code >= 400 and "json" in resp.get("Content-Type", ""):
            detail = resp.json().get("detail")
            if not (isinstance(detail, str) and CJK.search(detail)):
                unexplained.append((role, op.label, resp.status_code, detail))

    started = time.monotonic()
    for role, auth in tokens.items():
        for op in operations:
            if time.monotonic() - started > BUDGET:
                break

            _run(op, role, auth, record)()
    assert errors == []
    assert unexplained == []
    assert len(covered) == len(operations)
    assert len(calls) >= len(operations) * len(tokens)
