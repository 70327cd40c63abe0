"""Every page renders, for the people who should see it, and references no other host."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core import services
from fazhi.core.tests.signin import sign_in

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//(?!testserver|127\.0\.0\.1|localhost)""", re.I
)
CSS_URL = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)


def _paths(resolver=None, prefix=""):
    """Every URL pattern without parameters, walked from the root."""
    for p in (resolver or get_resolver()).url_patterns:
        route = str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _paths(p, prefix + route)
        elif isinstance(p, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + (prefix + route).lstrip("^").replace("\\Z", "").replace("$", "")


def _pages(district):
    notice = services.notice_publish(
        actor=district.admin, org=district.gov, title="测试通知", body="正文"
    )
    skip = (
        "/admin/",
        "/api/",
        "/i18n/",
        "/workspace/login/",
        "/workspace/logout/",
        "/workspace/online/logout/",
        "/workspace/me/tokens/",
        "/workspace/locks/unlock/",
        "/workspace/reports/generate/",  # POST only
        "/workspace/reports/statistics/",  # an Excel download (tested in reports)
        "/favicon.ico",  # a permanent redirect to the static icon
        "/workspace/hotline/intake/",  # the 12345 office's agents only (hotline/tests/test_pages)
        "/workspace/governance/plans/new/",  # the rule-of-law office only (governance tests)
        "/workspace/reports/dashboard/matters/",  # opened from a cell of the dashboard's table
        "/workspace/audit/rollup/issue/",  # POST only (audit/tests/test_rollup)
        "/workspace/hotline/consultations/",  # the 12345 office only (hotline/tests)
        "/workspace/hotline/knowledge/",  # the 12345 office only (hotline/tests)
    )
    pages = sorted({p for p in _paths() if not p.startswith(skip)})
    pages += [
        f"/workspace/orgs/{district.street_a.pk}/",
        f"/workspace/orgs/{district.gov.pk}/edit/",
        f"/workspace/users/{district.clerk.pk}/",
        f"/workspace/users/{district.clerk.pk}/edit/",
        f"/workspace/notices/{notice.pk}/",
        "/workspace/codes/org_kind/",
        "/admin/",
        "/api/docs",
    ]
    return pages


def test_every_page_renders_for_admin_without_external_hosts(client, district):
    """The system administrator who also supervises (a business role: not stopped at the
    door, but his administrator's membership reaches no business record)."""
    services.code_table_save(actor=district.admin, code="org_kind", name="机构类型")
    # The administrator also supervises here, so pages for supervisors render too.
    services.membership_grant(
        actor=district.admin,
        user=district.admin,
        org=district.justice,
        role="supervisor",
        data_scope="all",
    )
    sign_in(client, "admin")
    pages = _pages(district)
    assert len(pages) >= 20
    security = ("/workspace/locks/", "/workspace/online/")  # the security administrator's
    for path in pages:
        if path in security:
            assert client.get(path).status_code == 404, path  # 三权分立
            continue
        resp = client.get(path, follow=True)  # a module's home may lead to its first list
        assert resp.status_code == 200, (path, resp.status_code)
        assert not any("/login/" in url for url, _code in resp.redirect_chain), path
        if not resp["Content-Type"].startswith("text/html"):
            continue  # a download (a template, an export): its domain tests its content
        body = resp.content.decode()
        assert not EXTERNAL.search(body), (path, EXTERNAL.search(body).group(0))
        assert not CSS_URL.search(body), path


def test_vendored_assets_reference_no_host(settings):
    from django.contrib.staticfiles import finders

    for name in ["vendor/bootstrap/bootstrap.min.css", "web/app.css"]:
        text = open(finders.find(name), encoding="utf-8").read()
        assert not CSS_URL.search(text), name


def test_login_page_renders_anonymously(client, db):
    body = client.get("/workspace/login/").content.decode()
    assert "工作人员登录" in body and not EXTERNAL.search(body)


def test_workspace_requires_login(client, db):
    resp = client.get("/workspace/")
    assert resp.status_code == 302 and resp["Location"].startswith("/workspace/login/")


def test_portal_home_is_public_and_says_empty_sections(client, db):
    body = client.get("/").content.decode()
    assert "长沙市芙蓉区法治政府建设公开平台" in body
    assert body.count("本栏目暂无内容") == 0  # every section's domain is built


def test_unknown_page_is_a_404_not_a_500(client, district):
    sign_in(client, "clerk")
    for path in [
        "/no/such/page/",
        "/workspace/notices/999999/",
        "/workspace/codes/nope/",
        "/workspace/users/999999/",
    ]:
        assert client.get(path).status_code == 404, path


def test_admin_site_is_for_administrators_only(client, district):
    sign_in(client, "clerk")
    assert client.get("/admin/").status_code == 302


def test_nav_shows_every_module_as_built(client, district):
    sign_in(client, "clerk")
    body = client.get("/workspace/").content.decode()
    # every module of the design is built (监督's rooms — hotline, suggestions, open
    # government, audit — have entries of their own): no entry is disabled
    assert body.count('aria-disabled="true"') == 0
    for label in ("政务服务", "行政执法", "合法性审查", "12345热线", "矛盾化解", "依法治区"):
        assert label in body, label
    assert "暂无待办事项" in body


def test_lists_export_excel(client, district):
    for who, path in [
        (district.auditor, "/workspace/logs/login/"),
        (district.auditor, "/workspace/logs/operations/"),
        (district.admin, "/workspace/orgs/"),
        (district.admin, "/workspace/users/"),
    ]:
        sign_in(client, who)
        resp = client.get(path + "?export=xlsx")
        assert resp.status_code == 200
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        assert resp.content[:2] == b"PK"


def test_english_is_available(client, district):
    sign_in(client, "clerk")
    client.post("/workspace/me/", {"language": "en"})
    from fazhi.core.models import User

    assert User.objects.get(username="clerk").language == "en"
    body = client.get("/workspace/").content.decode()
    assert 'lang="en"' in body
