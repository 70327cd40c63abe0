from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock, duties, scoping
from fazhi.core.middleware import MINUTE_CACHE, SEEN

from .nav import SYSTEM, modules

SECURITY_PAGES = {"web:online", "web:locks"}  # the security administrator's (三权分立)


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
    security = scoping.is_security_admin(user) if user is not None else False
    system = [
        n
        for n in SYSTEM
        if not n.admin_only
        or (admin and n.url_name not in SECURITY_PAGES)
        or (security and n.url_name in SECURITY_PAGES)
    ]
    if duties.duties(user) is not None:  # an administrator, or an account without a role
        mods = [n for n in mods if n.url_name and duties.allows(user, n.url_name)]
        system = [n for n in SYSTEM if duties.allows(user, n.url_name)]
    return {
        "active": active,
        "nav_modules": mods,
        "nav_system": system,
        "is_admin": admin,
        "district_name": _("长沙市芙蓉区"),
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "todo_count": _todo_count(request, user),
    }


TODO_KEY = MINUTE_CACHE + "todo"  # [count, when] in the session


def _todo_count(request, user) -> int | None:
    """How many matters wait for the signed-in user (the number beside 我的待办).

    Counting builds and runs a query per matter model over every status the user's roles
    act on — about as much work as the rest of a list page — so the number is kept in the
    session until the session's next touch (at most a minute, ``SessionTrackingMiddleware``;
    the session is being saved then anyway). It is fresh after the user's own changes: a
    request that may write drops it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from fazhi.core import todo

    session = request.session
    cached, seen = session.get(TODO_KEY), session.get(SEEN)
    if isinstance(cached, list) and len(cached) == 2 and isinstance(seen, int):
        if cached[1] >= seen:
            return cached[0]
    count = todo.waiting_count(user)
    session[TODO_KEY] = [count, int(clock.now().timestamp())]
    return count
