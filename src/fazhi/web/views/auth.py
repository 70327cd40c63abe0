from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
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
            if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}):
                return redirect(nxt)
            return redirect("web:todo")
        error = result.message
    return render(
        request,
        "web/login.html",
        {"error": error, "username": username, "next": request.GET.get("next", "")},
        status=200 if not error else 401,
    )


@require_POST
def logout_view(request):
    access.logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("web:login")
