"""Signing in (password, then a new password when it expired, then the second factor),
signing out. The steps are ``fazhi.core.access``; these views only show them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from fazhi.core import access, otp, services
from fazhi.ui import ratelimit

STEP_URLS = {
    access.STEP_PASSWORD: "web:signin_password",
    access.STEP_ENROL: "web:signin_enrol",
    access.STEP_OTP: "web:signin_otp",
}


def _next(request, nxt: str) -> str:
    if nxt and url_has_allowed_host_and_scheme(
        nxt, {request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return "web:todo"


def _signed_in(request, user, nxt: str):
    return remember_language(redirect(_next(request, nxt)), user.language)


@never_cache
@csrf_protect
def login_view(request):
    if request.user.is_authenticated:
        return redirect("web:todo")
    error = ""
    status = 200
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "")
        nxt = request.POST.get("next") or request.GET.get("next") or ""
        if ratelimit.hit(request, "login", method="POST"):
            error, status = _("登录请求过于频繁，请稍后再试。"), 429
        else:
            result = access.check_password(request, username, request.POST.get("password", ""))
            if result.user is not None:
                step = access.begin(request, result.user, nxt)
                if step is None:
                    access.complete(request, result.user, mfa=False)
                    return _signed_in(request, result.user, nxt)
                return redirect(STEP_URLS[step])
            error, status = result.message, 401
    return render(
        request,
        "web/login.html",
        {"error": error, "username": username, "next": request.GET.get("next", "")},
        status=status,
    )


def _step(request, step: str):
    """The half-finished sign-in, when this session is at ``step``."""
    found = access.pending(request)
    if found is None or found[1]["step"] != step:
        return None
    return found


def _after(request, user, state, *, done: str):
    step = access.advance(request, user, state, done=done)
    if step is None:
        return _signed_in(request, user, state.get("next", ""))
    return redirect(STEP_URLS[step])


def _restart(request):
    messages.error(request, _("登录步骤已过期或尝试次数过多，请重新输入用户名和密码。"))
    return redirect("web:login")


@never_cache
@csrf_protect
def signin_password(request):
    """The password has expired: choose a new one before going on."""
    found = _step(request, access.STEP_PASSWORD)
    if found is None:
        return _restart(request)
    user, state = found
    error = ""
    if request.method == "POST":
        new, again = request.POST.get("new", ""), request.POST.get("again", "")
        if not user.check_password(request.POST.get("old", "")):
            error = _("原密码不正确。")
        elif new != again:
            error = _("两次输入的新密码不一致。")
        else:
            try:
                services.user_set_password(actor=user, user=user, password=new)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                user.refresh_from_db()
                return _after(request, user, state, done=access.STEP_PASSWORD)
    days = settings.PASSWORD_MAX_AGE_DAYS
    return render(request, "web/signin_password.html", {"error": error, "days": days}, status=200)


@never_cache
@csrf_protect
def signin_enrol(request):
    """First sign-in that needs the second factor: scan the code, type one code back."""
    found = _step(request, access.STEP_ENROL)
    if found is None:
        return _restart(request)
    user, state = found
    dev = otp.pending_device(user, state.get("device"))
    if state.get("device") != dev.pk:
        state = {**state, "device": dev.pk}
        request.session[access.STEP_KEY] = state
    error = ""
    if request.method == "POST":
        codes = otp.enrol_confirm(user=user, dev=dev, code=request.POST.get("code", ""))
        if codes is not None:
            step = access.advance(request, user, state, done=access.STEP_OTP)
            if step is not None:
                return redirect(STEP_URLS[step])
            request.session["fz_recovery_codes"] = codes
            request.session["fz_recovery_next"] = state.get("next", "")
            return remember_language(redirect("web:recovery_codes"), user.language)
        if not access.failed_step(request, user, state, "otp-enrol"):
            return _restart(request)
        error = _("动态口令不正确，请核对手机时间后重试。")
    return render(
        request,
        "web/signin_enrol.html",
        {"error": error, "qr": otp.qr_svg(dev), "secret": otp.secret_text(dev), "who": user},
    )


@never_cache
@csrf_protect
def signin_otp(request):
    found = _step(request, access.STEP_OTP)
    if found is None:
        return _restart(request)
    user, state = found
    error = ""
    if request.method == "POST":
        if otp.verify(user, request.POST.get("code", "")):
            return _after(request, user, state, done=access.STEP_OTP)
        if not access.failed_step(request, user, state, "otp"):
            return _restart(request)
        error = _("动态口令或恢复码不正确。")
    return render(request, "web/signin_otp.html", {"error": error, "who": user})


@never_cache
def recovery_codes(request):
    """The recovery codes, shown once, right after enrolment."""
    codes = request.session.pop("fz_recovery_codes", None)
    nxt = request.session.pop("fz_recovery_next", "")
    if not request.user.is_authenticated or not codes:
        return redirect("web:todo")
    return render(
        request,
        "web/recovery_codes.html",
        {"codes": codes, "next": resolve_url(_next(request, nxt))},
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
