"""三权分立 at the door: which staff routes an account reaches by its duties.

The scoping function keeps business records from the three administrators (their
memberships count only for the models that name them, ``scoping``); this module keeps their
pages and API operations from them, deny by default, before any view runs:

- an account with **business roles** (窗口人员 … 监督人员) is not stopped here — each page
  and each service checks its roles, and the scoping function its data;
- an account that holds **only administrators' roles** (系统管理员, 安全管理员, 审计管理员;
  a Django superuser counts as a system administrator) reaches the routes of its role
  (``ROUTES``) and its own account pages; any other staff route answers 403, an object
  route (one with a parameter) 404 — the same answer as "not there";
- an account with **no active membership** gets, on every staff route, one page that says
  so and offers to sign out (API: 403), except its own account pages (``ACCOUNT``).

``DutiesMiddleware`` applies it to pages (``/workspace/``, the Django admin, the API's
schema and docs), ``fazhi.core.guard`` to every operation of ``/api/v1/``, and the
navigation shows an administrator only what ``allows`` lets him open.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import scoping
from .models import ADMIN_ROLES, Role

NO_ROLE = "norole"

# The account's own pages: signing in and out, the profile (password change, second factor,
# API tokens), recovery codes. Every signed-in account, with or without roles.
ACCOUNT = frozenset(
    {
        "web:login",
        "web:logout",
        "web:signin_password",
        "web:signin_enrol",
        "web:signin_otp",
        "web:recovery_codes",
        "web:profile",
        "web:token_new",
        "web:token_revoke",
    }
)

# What all three administrators reach: the workspace home, the organisation tree, notices,
# the API's own description.
_COMMON = {
    "web:todo",
    "web:orgs",
    "web:org",
    "web:notices",
    "web:notice",
    "api:openapi-json",
    "api:openapi-view",
    "api:me",
    "api:org_list",
    "api:org_detail",
}

ROUTES: dict[str, frozenset[str]] = {
    # 系统管理员: organisations, users and their memberships, configuration (calendar, code
    # tables, deadline rules, the grid's cells and categories), notices, the Django admin
    # (read-only).
    Role.ADMIN: frozenset(
        _COMMON
        | {
            "web:org_new",
            "web:org_edit",
            "web:users",
            "web:user_new",
            "web:user",
            "web:user_edit",
            "web:user_active",
            "web:membership_revoke",
            "web:codes",
            "web:code_table",
            "web:calendar",
            "web:calendar_year",
            "web:calendar_day",
            "web:calendar_day_delete",
            "web:calendar_import",
            "web:calendar_publish",
            "web:deadlines",
            "web:deadline_rule",
            "web:deadline_rule_tighten",
            "web:notice_new",
            "web:notice_withdraw",
            "enforcement:grid_cells",
            "enforcement:grid_cell_new",
            "enforcement:grid_cell_edit",
            "enforcement:grid_cell_import",
            "enforcement:grid_categories",
            "enforcement:grid_category_new",
            "enforcement:grid_category_edit",
        }
    ),
    # 安全管理员: accounts' security — login locks, second-factor resets, online sessions and
    # forced sign-out (password resets: the service ``user_set_password``).
    Role.SECURITY: frozenset(
        _COMMON
        | {
            "web:users",
            "web:user",
            "web:user_otp_reset",
            "web:online",
            "web:force_logout",
            "web:locks",
            "web:unlock",
        }
    ),
    # 审计管理员: reads and exports the operation log (the ledger) and the login log.
    Role.AUDIT: frozenset(_COMMON | {"web:login_log", "web:op_log"}),
}

# The Django admin (superusers, read-only): the system administrator's models only. The
# ledger and the login log are the audit administrator's, the monitor's records business.
ADMIN_SITE_CLOSED = ("core_ledgerevent_", "core_loginrecord_", "monitor_")
ADMIN_SITE_CLOSED_APPS = frozenset({"monitor"})


def duties(user: Any) -> frozenset[str] | None:
    """``None`` for an account not stopped at the door (anonymous, or holding a business
    role); ``{NO_ROLE}`` for an account without any active membership; else the set of
    administrators' roles it holds."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    ms = scoping.memberships(user)
    if any(m.role not in ADMIN_ROLES for m in ms):
        return None
    roles = {m.role for m in ms}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return frozenset(roles) if roles else frozenset({NO_ROLE})


def allows(user: Any, view_name: str) -> bool:
    """Whether ``user`` may open the route named ``view_name`` (``namespace:name``)."""
    held = duties(user)
    if held is None or view_name in ACCOUNT:
        return True
    if view_name.startswith("admin:"):
        if view_name == "admin:app_list":
            return True  # an app's index: the middleware looks at which app
        if Role.ADMIN not in held:
            return True  # the admin site decides: it sends an account that is not staff to sign in
        return not view_name[6:].startswith(ADMIN_SITE_CLOSED)
    return any(view_name in ROUTES.get(r, ()) for r in held)


def no_role_page(request: HttpRequest) -> HttpResponse:
    from django.shortcuts import render

    return render(
        request,
        "web/no_role.html",
        {"message": _("您的账号尚未分配岗位角色，请联系系统管理员。")},
        status=403,
    )


def _staff_route(path: str) -> bool:
    if path == "/admin/login/":  # sends on to the staff sign-in
        return False
    return path.startswith(("/workspace/", "/admin/", "/api/docs", "/api/openapi.json"))


class DutiesMiddleware:
    """Pages: the door described above, after the URL is resolved and before the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _staff_route(request.path_info):
            return None
        held = duties(getattr(request, "user", None))
        match = request.resolver_match
        if held is None or match is None:
            return None
        closed_app = view_kwargs.get("app_label") in ADMIN_SITE_CLOSED_APPS
        if match.view_name == "admin:app_list" and closed_app and Role.ADMIN in held:
            raise Http404
        if allows(request.user, match.view_name):
            return None
        if NO_ROLE in held:
            return no_role_page(request)
        if view_kwargs or view_args:  # an object: the same answer as "not there"
            raise Http404
        raise PermissionDenied(_("三权分立：管理员账号不能查看或办理业务事项。"))


def api_refusal(user: Any, operation: str, kwargs: dict) -> tuple[int, str] | None:
    """For ``fazhi.core.guard``: ``(status, message)`` when ``user`` may not call
    ``operation`` (``api:<function>``), else ``None``."""
    held = duties(user)
    if held is None:
        return None
    if NO_ROLE in held:
        return 403, _("您的账号尚未分配岗位角色，请联系系统管理员。")
    if any(operation in ROUTES.get(r, ()) for r in held):
        return None
    if kwargs:
        return 404, _("未找到")
    return 403, _("三权分立：管理员账号不能查看或办理业务事项。")
