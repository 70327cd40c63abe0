from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fazhi.core import scoping

from .nav import SYSTEM, modules


def workspace(request):
    user = getattr(request, "user", None)
    admin = scoping.is_admin(user) if user is not None else False
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    mods = modules()
    active = next((n.key for n in mods + SYSTEM if n.url_name == current), "")
    if not active and ":" in current:  # a page inside a module: the module's namespace
        ns = current.split(":", 1)[0]
        active = next((n.key for n in mods if n.url_name and n.url_name.startswith(ns + ":")), "")
    return {
        "active": active,
        "nav_modules": mods,
        "nav_system": [n for n in SYSTEM if admin or not n.admin_only],
        "is_admin": admin,
        "district_name": _("长沙市芙蓉区"),
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "todo_count": _todo_count(user),
    }


def _todo_count(user) -> int | None:
    """How many matters wait for the signed-in user (the number beside 我的待办)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from fazhi.core import todo

    return todo.waiting_count(user)
