"""Stored XSS: a corpus of hostile text typed into the fields staff and systems fill —
a case's party and facts (through the API, as a connected system sends them), a services
item's name and its materials (the catalogue the public reads) — then rendered on the staff
pages (lists, details) and the public pages (guide, search). Every payload comes out
escaped: no tag, no attribute, no handler of the corpus reaches a page as markup.

And the templates and the code mark nothing safe but the one reviewed place (the enrolment
QR code, an SVG drawn by the server from the secret, no user text in it)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.utils.html import escape

from fazhi.core import services
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.signin import sign_in
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.casefactories import Bureau
from fazhi.govservices.models import MaterialKind
from fazhi.govservices.tests.factories import World

pytestmark = pytest.mark.django_db

CORPUS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "' onmouseover='alert(1)",
    '<a href="javascript:alert(1)">点此</a>',
    "</textarea><iframe src=//example.invalid>",
    "<body onload=alert(1)>",
]
# what must never appear in a page: the corpus's markup as markup
MARKUP = re.compile(
    r"<script>alert|<img src=x|<svg/onload|onmouseover='alert|href=\"javascript:"
    r"|<iframe src=//example|<body onload",
    re.I,
)
SRC = Path(__file__).resolve().parents[1] / "src" / "fazhi"
REVIEWED_SAFE = {"web/templates/web/signin_enrol.html:{{ qr|safe }}"}


def _check(page: str, payloads: list[str], where: str) -> None:
    assert not MARKUP.search(page), (where, MARKUP.search(page).group(0))
    for p in payloads:
        assert escape(p) in page or escape(p).replace("&#x27;", "&#39;") in page, (where, p)


def test_case_fields_are_escaped_on_staff_pages(client):
    b = Bureau()
    _t, key = services.token_create(actor=b.clerk, user=b.clerk, name="网格系统")
    ids = []
    for i, payload in enumerate(CORPUS):
        body = {
            "body_id": b.body.pk,
            "field_code": "city",
            "item_code": "CG-001",
            "source": "patrol",
            "received_on": (dt.date(2024, 5, 8) + dt.timedelta(days=i)).isoformat(),
            "party_kind": "person",
            "party_name": f"王建国{payload}",
            "facts": f"占道经营{payload}",
            "party_address": payload,
        }
        resp = client.post(
            "/api/v1/enforcement/cases",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert resp.status_code == 201, resp.content
        ids.append(resp.json()["id"])
    assert Case.objects.count() == len(CORPUS)
    sign_in(client, b.clerk)
    listing = client.get("/workspace/enforcement/cases/").content.decode()
    _check(listing, [f"王建国{p}" for p in CORPUS], "case list")
    for pk, payload in zip(ids, CORPUS, strict=True):
        page = client.get(f"/workspace/enforcement/cases/{pk}/")
        assert page.status_code == 200
        _check(page.content.decode(), [f"王建国{payload}"], f"case {pk}")


def test_catalogue_text_is_escaped_on_public_and_staff_pages(client):
    w = World()
    names = [f"食品经营许可{p}" for p in CORPUS[:3]]
    items = []
    for i, name in enumerate(names):
        item = w.item(
            f"XSS-{i:03d}",
            name,
            materials=[(f"申请书{CORPUS[-1 - i]}", MaterialKind.FORM)],
            on=dt.date(2019, 3, 1),
        )
        w.filed(item, statutory=20, promised=5, on=dt.date(2019, 3, 1))
        items.append(item)
    home = client.get("/govservices/").content.decode()
    _check(home, names, "public catalogue")
    for item, name in zip(items, names, strict=True):
        guide = client.get(f"/govservices/items/{item.pk}/").content.decode()
        _check(guide, [name], "public guide")
    sign_in(client, w.clerk)
    staff = client.get("/workspace/govservices/items/").content.decode()
    _check(staff, names, "staff catalogue")
    detail = client.get(f"/workspace/govservices/items/{items[0].pk}/").content.decode()
    _check(detail, [names[0]], "staff item")
    assert SYSTEM  # (the catalogue is kept by the system in the factories)


def test_nothing_is_marked_safe_but_the_reviewed_place():
    found = set()
    pattern = re.compile(
        r"\{\{[^}]*\|safe[^}]*\}\}|\{%\s*autoescape\s+off|mark_safe\(|SafeString\("
    )
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in {".html", ".py", ".txt"} or "/tests/" in path.as_posix():
            continue
        for m in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
            found.add(f"{path.relative_to(SRC).as_posix()}:{m.group(0)}")
    assert found == REVIEWED_SAFE
