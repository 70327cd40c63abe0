"""Every public page, rendered on the demo district, shows no staff-only note and no personal
number: what the public sees is what a district may publish.

The public URLs are read from the URLconf (everything outside /workspace/, /admin/, /api/
and /i18n/); a public URL that takes an argument needs samples below — a new public page
without them fails here, so it cannot slip past.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

#: working notes of the registry and the demo that are for staff only
STAFF_ONLY = ["条号未取得", "待核实", "演示用", "非真实", "TODO", "未经核对"]
ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
PRIVATE = ("workspace/", "admin/", "api/", "i18n/")

# The module runs on a copy of the demo district, built once per test run (tests/demodb.py).
pytestmark = pytest.mark.demo


def _is_id(text: str) -> bool:
    """An 18-character string that is a valid 公民身份号码 (GB 11643: date and check digit) —
    not a long item code that merely has 18 digits."""
    from fazhi.core import identity

    try:
        identity.validate_id_number(text)
    except identity.IdentityError:
        return False
    return True


def _public_patterns(resolver=None, prefix="", ns=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if route.startswith(PRIVATE):
            continue
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _public_patterns(p, route, inner)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{ns}:{p.name}" if ns else p.name), route


def _samples():
    """Arguments for the public pages that take one: a spread of real records."""
    from fazhi.core.models import TimeRule
    from fazhi.enforcement import queries as enf
    from fazhi.govservices import queries as gs
    from fazhi.legality import queries as leg
    from fazhi.opengov import queries as gk

    pubs = list(enf.public_publications().values_list("pk", flat=True))
    stats = list(enf.public_statistics().values_list("pk", flat=True))
    items = list(gs.public_items().values_list("pk", flat=True))
    from fazhi.reports import queries as reports

    return {
        "govservices_public:guide": [[pk] for pk in items[:: max(1, len(items) // 60)]],
        "govservices_public:package": [
            [pk] for pk in gs.public_packages().values_list("pk", flat=True)
        ],
        "portal:deadline_rule": [[c] for c in TimeRule.objects.values_list("code", flat=True)],
        "enforcement_public:decision": [[pk] for pk in pubs[:: max(1, len(pubs) // 60)]],
        "enforcement_public:statistics_one": [[pk] for pk in stats],
        "legality_public:document": [
            [pk] for pk in leg.public_documents().values_list("pk", flat=True)
        ],
        "legality_public:document_docx": [
            [pk] for pk in list(leg.public_documents().values_list("pk", flat=True))[::10]
        ],
        "legality_public:consultation": [
            [pk] for pk in leg.public_consultations().values_list("pk", flat=True)
        ],
        "opengov_public:report": [[pk] for pk in gk.public_reports().values_list("pk", flat=True)],
        "reports_public:report": [[r.pk] for r in reports.public_reports()],
    }


def _text(resp) -> str:
    """The page's text; a DOCX download's text is its paragraphs."""
    if resp["Content-Type"].endswith("wordprocessingml.document"):
        import io

        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    return resp.content.decode()


def _pages():
    samples = _samples()
    for name, route in _public_patterns():
        if "<" not in route:
            yield reverse(name)
            continue
        assert name in samples, f"public page {name} ({route}) has no samples in this test"
        for args in samples[name]:
            yield reverse(name, args=args)
    # the lists' later pages and searches render records too
    yield reverse("enforcement_public:decisions") + "?party=店"
    yield reverse("enforcement_public:officers") + "?page=2"
    yield reverse("enforcement_public:items") + "?page=3"
    yield reverse("govservices_public:home") + "?q=spjy"
    yield reverse("govservices_public:home") + "?page=5"
    yield reverse("legality_public:home") + "?q=依法平等保护"


@pytest.mark.django_db
def test_no_public_page_shows_a_staff_note_or_a_personal_number(client):
    seen = 0
    problems = []
    for url in _pages():
        resp = client.get(url)
        if resp.status_code in (301, 302):
            continue
        assert resp.status_code == 200, url
        body = _text(resp)
        seen += 1
        problems += [f"{url}: staff note {m!r}" for m in STAFF_ONLY if m in body]
        problems += [f"{url}: ID number {m}" for m in ID_NUMBER.findall(body) if _is_id(m)]
        problems += [f"{url}: mobile number {m}" for m in MOBILE.findall(body)]
    assert seen > 150, seen
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.django_db
def test_decision_search_by_number_body_dates_and_name(client):
    from fazhi.enforcement import queries as enf

    pub = enf.public_publications().select_related("decision__case__body").first()
    d = pub.decision
    url = reverse("enforcement_public:decisions")
    body = client.get(url, {"number": d.number}).content.decode()
    assert f">{pub.title}</a>" in body and "共 1 件" in body
    total = enf.public_publications().count()
    body = client.get(url).content.decode()
    assert f"共 {total} 件" in body and 'id="decision-next"' in body
    day = d.decided_on.isoformat()
    body = client.get(url, {"from": day, "to": day, "body": d.case.body_id}).content.decode()
    n = (
        enf.public_publications()
        .filter(decision__decided_on=d.decided_on, decision__case__body=d.case.body)
        .count()
    )
    assert f"共 {n} 件" in body
    # a person's name is masked in the publication: searching for it finds nothing
    person = (
        enf.public_publications()
        .filter(decision__case__party_kind="person")
        .select_related("decision__case")
        .first()
    )
    if person is not None:
        name = person.decision.case.party_name
        body = client.get(url, {"party": name}).content.decode()
        assert f">{person.title}</a>" not in body


def test_the_favicon_is_served(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 301 and resp["Location"].endswith("web/favicon.svg")
