"""三权分立 (issue 20, item 2): the system, security and audit administrators; accounts with
no role. The matrix (``tests/test_access_matrix.py``) asks every route; these tests pin the
rules, the messages and the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from fazhi.core import access, otp, scoping, services
from fazhi.core.models import (
    LedgerEvent,
    LoginRecord,
    Membership,
    Organisation,
    Role,
    User,
    UserSession,
)

from .factories import SYSTEM, user
from .signin import enrol, sign_in

pytestmark = pytest.mark.django_db

NO_ROLE = "您的账号尚未分配岗位角色，请联系系统管理员。"


def _client(who) -> Client:
    c = Client()
    sign_in(c, who)
    return c


# --- one account, one of the three ---------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "held", "wanted"),
    [
        (Role.ADMIN, Role.SECURITY, "系统管理员", "安全管理员"),
        (Role.SECURITY, Role.AUDIT, "安全管理员", "审计管理员"),
        (Role.AUDIT, Role.ADMIN, "审计管理员", "系统管理员"),
    ],
)
def test_one_account_holds_one_of_the_three_administrators_roles(
    district, first, second, held, wanted
):
    u = user("sanquan", org=district.gov, role=first)
    before = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.membership_grant(actor=SYSTEM, user=u, org=district.justice, role=second)
    assert exc.value.message_dict["role"] == [
        f"三权分立：该账号已是{held}，不能再授予{wanted}。系统管理员、安全管理员、"
        "审计管理员须由不同的人担任。"
    ]
    assert LedgerEvent.objects.count() == before
    assert list(Membership.objects.filter(user=u).values_list("role", flat=True)) == [first]
    # the same role again (another organisation), or a business role: allowed
    services.membership_grant(actor=SYSTEM, user=u, org=district.justice, role=first)
    services.membership_grant(actor=SYSTEM, user=u, org=district.justice, role=Role.CLERK)


def test_a_revoked_administrators_role_does_not_count(district):
    u = user("zhuangang", org=district.gov, role=Role.AUDIT)
    m = Membership.objects.get(user=u)
    services.membership_revoke(actor=SYSTEM, membership=m)
    services.membership_grant(actor=SYSTEM, user=u, org=district.gov, role=Role.SECURITY)
    assert Membership.objects.get(user=u, role=Role.SECURITY).is_active


def test_the_user_page_refuses_a_second_administrators_role(district):
    c = _client(district.admin)
    resp = c.post(
        f"/workspace/users/{district.security.pk}/",
        {"org": district.gov.pk, "role": Role.AUDIT, "data_scope": ""},
    )
    assert resp.status_code == 200
    assert "三权分立：该账号已是安全管理员，不能再授予审计管理员。" in resp.content.decode()
    assert not Membership.objects.filter(user=district.security, role=Role.AUDIT).exists()


# --- the scoping function ------------------------------------------------------------------


def test_administrators_see_only_the_models_that_name_them(district):
    from fazhi.core.models import SupervisionTask as Task

    services.org_create(actor=SYSTEM, name="测试区审计局", kind="bureau", parent=district.gov)
    sign_in(Client(), district.clerk)  # a login record and a session
    assert LoginRecord.objects.count() >= 1 and UserSession.objects.count() >= 1
    admin, security, auditor = district.admin, district.security, district.auditor
    # organisations, users: all three
    for who in (admin, security, auditor):
        assert scoping.scope(who, Organisation).count() == Organisation.objects.count()
        assert scoping.scope(who, User).filter(pk=district.clerk.pk).exists()
    # the ledger: the audit administrator only
    assert scoping.scope(auditor, LedgerEvent).count() > 0
    assert scoping.scope(admin, LedgerEvent).count() == 0
    assert scoping.scope(security, LedgerEvent).count() == 0
    # the login log: audit; online sessions: security
    assert scoping.scope(auditor, LoginRecord).count() > 0
    assert scoping.scope(security, LoginRecord).count() == 0
    assert scoping.scope(admin, LoginRecord).count() == 0
    assert scoping.scope(security, UserSession).count() > 0
    assert scoping.scope(admin, UserSession).count() == 0
    assert scoping.scope(auditor, UserSession).count() == 0
    # a business record: none of them, not even by has_role over it
    task = _task(district)
    for who in (admin, security, auditor):
        assert scoping.scope(who, Task).count() == 0
        assert not scoping.has_role(who, Role.ADMIN, Role.SECURITY, Role.AUDIT, obj=task)
    assert scoping.scope(district.street_a_leader, Task).filter(pk=task.pk).exists()


def _task(district):
    import datetime as dt

    from fazhi.core import supervision

    return supervision.task_create(
        actor=district.supervisor,
        org=district.street_a,
        title="网站栏目长期未更新",
        description="请于期限内完成整改",
        source="monitor",
        rule_code="GK-4",
        received_on=dt.date(2019, 9, 27),
    )


# --- pages and the API ---------------------------------------------------------------------


def test_the_system_administrator_is_refused_business_pages_and_api(district):
    task = _task(district)
    c = _client(district.admin)
    assert c.get("/workspace/tasks/").status_code == 403
    assert c.get(f"/workspace/tasks/{task.pk}/").status_code == 404
    assert c.get("/workspace/logs/operations/").status_code == 403
    assert c.get("/workspace/logs/operations/?export=xlsx").status_code == 403
    assert c.get("/workspace/enforcement/cases/").status_code == 403
    resp = c.get("/api/v1/enforcement/cases")
    assert (resp.status_code, resp.json()["detail"]) == (
        403,
        "三权分立：管理员账号不能查看或办理业务事项。",
    )
    assert c.get("/api/v1/enforcement/cases/1").status_code == 404
    # his own: organisations, users, configuration, his account
    for path in ("/workspace/", "/workspace/orgs/", "/workspace/users/", "/workspace/codes/"):
        assert c.get(path).status_code == 200, path
    assert c.get("/workspace/calendar/").status_code == 200
    assert c.get("/workspace/me/").status_code == 200
    assert c.get("/api/v1/orgs").status_code == 200
    # the Django admin: his models, not the ledger, the login log or the monitor's records
    assert c.get("/admin/core/organisation/").status_code == 200
    assert c.get("/admin/core/ledgerevent/").status_code == 403
    assert c.get("/admin/core/loginrecord/").status_code == 403
    assert c.get("/admin/monitor/").status_code == 404
    assert c.get("/admin/monitor/site/").status_code == 403
    # what moved: security and audit pages
    assert c.get("/workspace/locks/").status_code == 403
    assert c.get("/workspace/online/").status_code == 403


def test_the_security_administrator(district):
    enrol(district.clerk)
    c = _client(district.security)
    assert c.get("/workspace/locks/").status_code == 200
    assert c.get("/workspace/online/").status_code == 200
    page = c.get(f"/workspace/users/{district.clerk.pk}/").content.decode()
    assert "重置动态口令" in page and "授予岗位角色" not in page and "停用账户" not in page
    resp = c.post(f"/workspace/users/{district.clerk.pk}/otp-reset/")
    assert resp.status_code == 302 and otp.device(district.clerk) is None
    assert c.get("/workspace/logs/operations/").status_code == 403
    assert c.get("/workspace/logs/login/").status_code == 403
    assert c.get("/workspace/tasks/").status_code == 403
    assert c.get("/workspace/users/new/").status_code == 403
    # a password reset: his, not the system administrator's
    services.user_set_password(
        actor=district.security, user=district.clerk, password="Reset@Pass2026"
    )
    with pytest.raises(PermissionDenied, match="只有安全管理员可以执行此操作。"):
        services.user_set_password(
            actor=district.admin, user=district.clerk, password="Other@Pass2026"
        )


def test_security_actions_refused_to_the_other_two(district):
    sign_in(Client(), district.clerk)
    key = UserSession.objects.get(user=district.clerk).session_key
    enrol(district.leader)
    for who in (district.admin, district.auditor, district.leader):
        with pytest.raises(PermissionDenied, match="只有安全管理员可以执行此操作。"):
            access.unlock(actor=who, username="clerk")
        with pytest.raises(PermissionDenied, match="只有安全管理员可以执行此操作。"):
            access.force_logout(actor=who, session_key=key)
        with pytest.raises(PermissionDenied, match="只有安全管理员可以执行此操作。"):
            otp.reset(actor=who, user=district.leader)
    access.force_logout(actor=district.security, session_key=key)
    assert not UserSession.objects.filter(session_key=key).exists()


def test_the_audit_administrator_reads_and_exports_the_logs(district):
    _task(district)
    c = _client(district.auditor)
    page = c.get("/workspace/logs/operations/").content.decode()
    assert "网站栏目长期未更新" in page
    assert c.get("/workspace/logs/operations/?export=xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert c.get("/workspace/logs/login/").status_code == 200
    assert c.get("/workspace/logs/login/?export=xlsx").status_code == 200
    # changes no matter and no account
    assert c.get("/workspace/tasks/").status_code == 403
    assert c.get("/workspace/users/").status_code == 403
    assert c.get("/workspace/orgs/new/").status_code == 403
    assert c.post("/workspace/locks/unlock/", {"username": "clerk"}).status_code == 403
    assert c.get("/api/v1/enforcement/cases").status_code == 403


# --- an account without a role -------------------------------------------------------------


def test_an_account_without_a_role_gets_one_page(district):
    u = user("daifenpei", org=None, role=None, full_name="待分配人员")
    c = _client(u)
    for path in (
        "/workspace/",
        "/workspace/tasks/",
        "/workspace/logs/operations/",
        "/workspace/tasks/1/",
    ):
        resp = c.get(path)
        body = resp.content.decode()
        assert resp.status_code == 403, path
        assert NO_ROLE in body and 'action="/workspace/logout/"' in body, path
    resp = c.get("/api/v1/enforcement/cases")
    assert (resp.status_code, resp.json()["detail"]) == (403, NO_ROLE)
    assert c.get("/api/v1/me").status_code == 403
    # his own account pages
    assert c.get("/workspace/me/").status_code == 200
    assert c.post("/workspace/logout/").status_code == 302
    # a role granted: the staff pages at once
    services.membership_grant(actor=SYSTEM, user=u, org=district.bureau, role=Role.CLERK)
    c = _client(u)
    assert c.get("/workspace/tasks/").status_code == 200


def test_an_account_whose_roles_are_all_revoked_is_role_less(district):
    u = user("tiaoli", org=district.bureau, role=Role.OFFICER)
    services.membership_revoke(actor=SYSTEM, membership=Membership.objects.get(user=u))
    c = _client(u)
    assert NO_ROLE in c.get("/workspace/").content.decode()
