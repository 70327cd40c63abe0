from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fazhi.core import scoping

from .nav import MODULES, SYSTEM


def workspace(request):
    user = getattr(request, "user", None)
    admin = scoping.is_admin(user) if user is not None else False
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    active = next((n.key for n in MODULES + SYSTEM if n.url_name == current), "")
    return {
        "active": active,
        "nav_modules": MODULES,
        "nav_system": [n for n in SYSTEM if admin or not n.admin_only],
        "is_admin": admin,
        "district_name": _("长沙市芙蓉区"),
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
