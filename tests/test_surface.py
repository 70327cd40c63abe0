"""The attack surface as an anonymous visitor sees it: every routed URL, a crawl of the
public site, and the usual probes (.git, debug pages, the admin, the API schema). Nothing
but the public site answers; the same holds for a session stopped half-way through sign-in
(password given, second factor not)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core.tests.factories import PASSWORD, District
from fazhi.core.tests.signin import enrol, sign_in

pytestmark = pytest.mark.django_db

# The public site: the portal, its sections, the language switch, the sign-in pages, and the
# API operations declared public (``auth=None``: health, the deadline calculator, published
# enforcement decisions, tracking a petition or a mediation by number and check code, the
# services catalogue and an application's status, the normative-document library's search);
# the normative-document library and its consultations; 政务公开's
# portal section (guide, tracking, catalogue, reports); the 12345 public form; the public
# handling report of suggestions and proposals.
PUBLIC = re.compile(
    r"^/($|deadlines/|enforcement/|disputes/|govservices/|legality/|opengov/|reports/|hotline/|suggestions/"
    r"|i18n/|static/"
    r"|workspace/login/($|password/|enrol/|code/)"
    r"|api/v1/(health$|deadlines/|enforcement/public/|disputes/public/|legality/public/"
    r"|govservices/(items$|items/|status$))|favicon\.ico$)"
)
# A refusal may redirect to the sign-in page or into a closed area (checked in its turn).
CLOSED_REDIRECT = ("/workspace/", "/admin/")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
REFUSED = {302, 401, 403, 404, 405}
PROBES = [
    "/.git/HEAD",
    "/.git/config",
    "/.env",
    "/var/secret_key",
    "/secret_key",
    "/settings.py",
    "/__debug__/",
    "/static/../settings.py",
    "/media/",
    "/admin/",
    "/admin/login/",
    "/admin/core/user/",
    "/api/",
    "/api/docs",
    "/api/openapi.json",
    "/api/v1/orgs",
]


def routed_paths() -> list[str]:
    """One concrete path per routed URL pattern (converters filled with sample values)."""
    out: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern):
                full = (prefix + route).lstrip("^").replace("\\Z", "").replace("$", "")
                full = CONVERTER.sub(lambda m: SAMPLE.get(m.group(1) or "str", "1"), full)
                if "(?P" in full or "\\" in full:  # a regex route (static files): one sample
                    full = re.sub(r"\(\?P<\w+>[^)]*\)", "x", full).replace("\\", "")
                out.add("/" + full)

    walk(get_resolver().url_patterns, "")
    return sorted(out)


def _reached(client, paths) -> list[tuple[str, str, int]]:
    """(method, path, status) of every non-public path that answered anything but a refusal,
    or a redirect somewhere other than the sign-in page."""
    bad = []
    for path in paths:
        if PUBLIC.match(path):
            continue
        for method in ("get", "post"):
            resp = getattr(client, method)(path)
            loc = resp.get("Location", "")
            if resp.status_code not in REFUSED or (
                resp.status_code == 302 and not loc.startswith(CLOSED_REDIRECT)
            ):
                bad.append((method, path, resp.status_code))
    return bad


def test_every_routed_url_is_closed_to_anonymous_visitors(client):
    District()
    paths = routed_paths()
    assert len(paths) >= 150  # the whole URLconf, not a sample
    assert _reached(client, paths) == []
    assert _reached(client, PROBES) == []


def test_a_half_finished_sign_in_reaches_nothing(client):
    d = District()
    enrol(d.leader)
    resp = client.post("/workspace/login/", {"username": "leader", "password": PASSWORD})
    assert resp["Location"] == "/workspace/login/code/"
    assert _reached(client, routed_paths()) == []
    assert _reached(client, PROBES) == []


def test_probes_answer_404_and_leak_nothing(client, db):
    for path in ["/.git/HEAD", "/.git/config", "/.env", "/__debug__/", "/no/such/page"]:
        resp = client.get(path)
        body = resp.content.decode()
        assert resp.status_code == 404, path
        assert "Traceback" not in body and "URLconf" not in body and "DEBUG" not in body


def test_a_crawl_of_the_public_site_finds_only_public_pages(client):
    District()
    seen: set[str] = set()
    queue = ["/"]
    while queue and len(seen) < 400:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        resp = client.get(path)
        if resp.status_code == 200:
            assert PUBLIC.match(path), path
            if "html" in resp.get("Content-Type", ""):
                for href in re.findall(r'href="([^"#]+)"', resp.content.decode()):
                    url = urlsplit(urljoin("http://testserver" + path, href))
                    if url.netloc == "testserver" and url.path not in seen:
                        queue.append(url.path)
        else:
            assert resp.status_code in REFUSED, (path, resp.status_code)
    assert len(seen) >= 10


def test_the_api_schema_is_for_signed_in_staff_and_systems(client):
    from fazhi.core import services

    d = District()
    assert client.get("/api/openapi.json").status_code == 401
    resp = client.get("/api/docs")
    assert resp.status_code == 302 and resp["Location"].startswith("/workspace/login/")
    _t, key = services.token_create(actor=d.clerk, user=d.clerk, name="对接系统")
    assert client.get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert client.get("/api/openapi.json", HTTP_AUTHORIZATION="Bearer fz_nope").status_code == 401
    sign_in(client, d.clerk)
    assert "/api/v1/orgs" in client.get("/api/openapi.json").json()["paths"]
    assert client.get("/api/docs").status_code == 200


def test_deployment_check_is_clean_behind_https(tmp_path):
    """`fazhi check` (Django's --deploy checks) with FAZHI_HTTPS=1: no error, no warning."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "FAZHI_HOME": str(tmp_path), "FAZHI_HTTPS": "1"}
    env.pop("FAZHI_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test suite for Playwright only
    from django.db import connection

    # The (migrated) test database: `fazhi check` also looks at the ledger.
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        env["FAZHI_DATABASE_URL"] = f"sqlite:///{name}"
    else:
        base = env["FAZHI_DATABASE_URL"].rsplit("/", 1)[0]
        env["FAZHI_DATABASE_URL"] = f"{base}/{name}"
    done = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr
