"""Authorization everywhere (issue 20, item 2): every routed URL and every API operation,
requested once by every role (a test a role, so the columns run in parallel), answers what
``access_matrix.EXPECTED`` declares for it.

The rows are generated from the URL resolver (web pages, the API's schema and docs) and from
the OpenAPI schema (each operation of ``/api/v1/``: path × method). A route or an operation
without a row fails the test, and so does a row for a route that is gone: a new URL is
classified here when it is added. The columns are the roles (``access_matrix.ROLES``):
anonymous, each staff role of a small district (``District``), the three administrators of
三权分立 (system, security, audit), and a signed-in account that holds no role in any
organisation (the nearest thing to a "public user": the public site has no accounts, so a
person signed in with no role is the public as far as staff pages go).

One request a cell: a GET, or for a route that answers the role's GET with 405 (a POST-only
action it reached) a POST with an empty form; API operations with their own method and an
empty JSON object.
Path parameters are filled with an identifier that does not exist (999999): a cell of an
object route says whether the role gets past the door (a 404 from the scoping function is
the same answer as "not there"). Objects of another organisation are checked with real
records in ``test_another_organisations_objects_are_404``.

Outcome letters: ``A`` reached (2xx, a redirect that is not the sign-in page, 400/409/422:
the view ran and judged the input), ``L`` sent to sign in (302 to the sign-in page, or
401), ``F`` 403, ``N`` 404, ``M`` 405, ``T`` 429, ``E`` a server error (never declared).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core.tests.factories import District, user
from fazhi.core.tests.signin import sign_in

from .access_matrix import EXPECTED, ROLES

pytestmark = pytest.mark.django_db

MISSING = "999999"
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
SIGN_IN = ("/workspace/login/", "/admin/login/")  # the admin's sign-in sends on to ours


def web_routes() -> dict[str, str]:
    """{route template: a concrete path} for every routed URL outside ``/api/v1/`` and
    the static files."""
    out: dict[str, str] = {}

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern):
                template = "/" + (prefix + route).lstrip("^").replace("\\Z", "").replace("$", "")
                if template.startswith(("/api/v1/", "/static/")):
                    continue
                path = CONVERTER.sub(
                    lambda m: "x" if m.group(1) in ("str", "slug", "path", None) else MISSING,
                    template,
                )
                if m := re.search(r"\(\?P<\w+>[^)]*\)", path):  # a regex route
                    path = path.replace(m.group(0), "x").replace("\\", "")
                out[template] = path

    walk(get_resolver().url_patterns, "")
    return out


def api_operations() -> dict[str, tuple[str, str]]:
    """{"METHOD /api/v1/…{param}": (method, concrete path)} from the OpenAPI schema."""
    from fazhi.api import api

    out = {}
    for template, ops in api.get_openapi_schema()["paths"].items():
        for method in ops:
            path = re.sub(r"\{\w+\}", MISSING, template)
            out[f"{method.upper()} {template}"] = (method, path)
    return out


def outcome(resp) -> str:
    code = resp.status_code
    if code in (302, 303) and resp["Location"].split("?")[0].endswith(SIGN_IN):
        return "L"
    if code == 401:
        return "L"
    if code < 400 or code in (400, 409, 422):
        return "A"
    return {403: "F", 404: "N", 405: "M", 429: "T"}.get(code, "E")


def _personas() -> dict:
    d = District()
    return {
        "clerk": d.clerk,
        "officer": d.officer,
        "reviewer": d.reviewer,
        "leader": d.leader,
        "supervisor": d.supervisor,
        "admin": d.admin,
        "security": d.security,
        "audit": d.auditor,
        "norole": user("no_role", org=None, role=None, full_name="无岗位人员"),
    }


def _observe(role: str) -> dict[str, str]:
    """The role's answer from every route and operation: {row: letter}."""
    who = _personas().get(role)
    c = Client(raise_request_exception=False)

    def ask(method: str, path: str, body=None):
        if who is not None and "_auth_user_id" not in c.session:  # signed out by a request
            sign_in(c, who)
        if body is None:
            return getattr(c, method)(path)
        return getattr(c, method)(path, body, content_type="application/json")

    seen: dict[str, str] = {}
    for template, path in web_routes().items():
        resp = ask("get", path)
        if resp.status_code == 405:  # a POST-only action, reached: its answer to a POST
            resp = ask("post", path)
        seen[template] = outcome(resp)
    for key, (method, path) in api_operations().items():
        body = "{}" if method in ("post", "put", "patch") else None
        seen[key] = outcome(ask(method, path, body))
    return seen


def _dump(role: str, seen: dict[str, str]) -> None:
    """``FAZHI_MATRIX_OUT=dir``: the observed column, for review when a route is added."""
    out = os.environ.get("FAZHI_MATRIX_OUT")
    if out:
        Path(out, f"{role}.json").write_text(json.dumps(seen, ensure_ascii=False, indent=0))


@pytest.mark.parametrize("role", ROLES)
def test_every_route_and_operation_answers_each_role_as_declared(role, settings):
    # one request a cell from one address: the public limits would answer 429 by the 11th
    settings.RATE_LIMITS = {k: "100000/m" for k in settings.RATE_LIMITS}
    seen = _observe(role)
    _dump(role, seen)
    column = ROLES.index(role)
    declared = {k: v[column] for k, v in EXPECTED.items()}
    assert sorted(set(seen) - set(declared)) == [], "routes without a row in access_matrix.py"
    assert sorted(set(declared) - set(seen)) == [], "rows for routes that no longer exist"
    wrong = {k: (declared[k], v) for k, v in seen.items() if v != declared[k]}
    assert wrong == {}  # {row: (declared, answered)}
    assert "E" not in seen.values()
    assert len(seen) >= 350  # the whole URLconf and schema, not a sample


def _answers(client, paths) -> list[int]:
    return [client.get(p).status_code for p in paths]


def _grid(d):
    """A grid report filed in 甲街道's cell; its street's clerk and 乙街道's."""
    from fazhi.core.tests.factories import SYSTEM
    from fazhi.enforcement.models import GridCategory
    from fazhi.enforcement.services import grid

    grid.categories_load(actor=SYSTEM)
    top = grid.cell_save(actor=SYSTEM, code="430102", name="测试区", level="district", org=d.gov)
    cell = grid.cell_save(
        actor=SYSTEM,
        code="430102-01",
        name="甲街道网格",
        level="street",
        org=d.street_a,
        parent=top,
    )
    own = user("grid_clerk_a", org=d.street_a, role="clerk")
    other = user("grid_clerk_b", org=d.street_b, role="clerk")
    r = grid.report_file(
        actor=own,
        cell=cell,
        category=GridCategory.objects.get(code="SJ0102"),
        location="五一大道与芙蓉路交叉口东北角",
        description="路边堆放生活垃圾约两立方米",
        reporter_kind="grid_officer",
    )
    paths = [f"/workspace/enforcement/grid/{r.pk}/", f"/api/v1/enforcement/grid/reports/{r.pk}"]
    return paths, own, other


def test_another_organisations_objects_are_404(settings, tmp_path):
    """Real records of one organisation, asked for by a user of the same role in another:
    404 on the page, the document and the API alike (the same answer as "not there"), while
    the organisation's own staff reach them. 仅本人: an officer limited to his own records
    gets 404 for a colleague's case in his own bureau."""
    import datetime as dt

    from fazhi.enforcement.services import cases as svc
    from fazhi.enforcement.tests.casefactories import Bureau
    from fazhi.enforcement.tests.test_grid import at

    settings.ATTACHMENT_ROOT = tmp_path / "att"
    with at(dt.date(2024, 5, 8)):
        b = Bureau()
        case = svc.case_open(
            actor=b.clerk,
            body=b.body,
            field=b.field,
            item=b.item,
            source="patrol",
            received_on=dt.date(2024, 5, 8),
            party_kind="person",
            party_name="王建国",
        )
    self_only = user("officer_self", org=b.d.bureau, role="officer", scope="self")
    case_paths = [
        f"/workspace/enforcement/cases/{case.pk}/",
        f"/workspace/enforcement/cases/{case.pk}/notice.docx",
        f"/api/v1/enforcement/cases/{case.pk}",
    ]
    with at(dt.date(2024, 5, 8)):
        grid_paths, grid_own, grid_other = _grid(b.d)
    rows = {}
    for label, who, paths in [
        ("case, its bureau's leader", b.leader, case_paths[:1] + case_paths[2:]),
        ("case, another street's leader", b.d.street_b_leader, case_paths),
        ("case, an officer limited to his own", self_only, case_paths),
        ("grid report, its street's clerk", grid_own, grid_paths),
        ("grid report, another street's clerk", grid_other, grid_paths),
    ]:
        c = Client(raise_request_exception=False)
        with at(dt.date(2024, 5, 9)):  # the accounts' passwords are as old as the records
            sign_in(c, who)
            rows[label] = _answers(c, paths)
    assert rows == {
        "case, its bureau's leader": [200, 200],
        "case, another street's leader": [404, 404, 404],
        "case, an officer limited to his own": [404, 404, 404],
        "grid report, its street's clerk": [200, 200],
        "grid report, another street's clerk": [404, 404],
    }
