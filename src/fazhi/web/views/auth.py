from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from fazhi.core import access


@never_cache
@csrf_protect
def login_view(request):
    if request.user.is_authenticated:
        return redirect("web:todo")
    error = ""
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "")
        result = access.login(request, username, request.POST.get("password", ""))
        if result.user is not None:
            nxt = request.POST.get("next") or request.GET.get("next") or ""
            if not (nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()})):
                nxt = "web:todo"
            return remember_language(redirect(nxt), result.user.language)
        error = result.message
    return render(
        request,
        "web/login.html",
        {"error": error, "username": username, "next": request.GET.get("next", "")},
        status=200 if not error else 401,
    )


def remember_language(response, language: str):
    """Keep the user's language after sign-out too (Django's language cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.HTTPS,
    )
    return response


@require_POST
def logout_view(request):
    access.logout(request)
    messages.info(request, _("您已安全退出。"))
    return redirect("web:login")
