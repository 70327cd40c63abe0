"""登录日志, 操作日志 and 在线用户."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import access, actions, exports, queries, scoping
from fazhi.core.models import LoginOutcome
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from ..filters import EventFilter, LoginFilter, listed


@login_required
def login_log(request):
    qs, flt = listed(LoginFilter, request, queries.login_log(request.user))
    q, outcome = flt["q"], flt["outcome"]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.LOGIN_LOG, qs.order_by("-id")[:100000])
    page = keyset(qs, request, key="id")
    return render(
        request,
        "web/login_log.html",
        {"page": page, "q": q, "outcome": outcome, "outcomes": LoginOutcome.choices},
    )


@login_required
def op_log(request):
    qs, flt = listed(EventFilter, request, queries.op_log(request.user))
    q, action = flt["q"], flt["action"]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.OPERATION_LOG, qs.order_by("-seq")[:100000])
    page = keyset(qs, request, key="seq")
    for e in page.rows:
        e.action_label = actions.label(e.action)
    return render(
        request,
        "web/op_log.html",
        {
            "page": page,
            "q": q,
            "action": action,
            "actions": sorted((k, str(v)) for k, v in actions.ACTIONS.items()),
            "label": actions.label,
        },
    )


@login_required
def online(request):
    if not scoping.is_security_admin(request.user):
        raise Http404
    rows = queries.online(request.user)
    return render(request, "web/online.html", {"rows": rows})


@login_required
@require_POST
def force_logout(request):
    if not scoping.is_security_admin(request.user):
        raise PermissionDenied
    key = request.POST.get("session", "")
    live = queries.online(request.user).filter(session_key=key).first()
    if live is None:
        raise Http404
    if key == request.session.session_key:
        messages.error(request, _("不能强制下线自己的当前会话，请使用“退出”。"))
        return redirect("web:online")
    access.force_logout(actor=request.user, session_key=key)
    messages.success(request, _("已强制 %(name)s 下线。") % {"name": live.user.display_name})
    return redirect("web:online")


@login_required
def locks(request):
    """登录锁定: the (login name, address) pairs locked now, for the security administrator."""
    if not scoping.is_security_admin(request.user):
        raise Http404
    from django.conf import settings

    from fazhi.core import lockout

    return render(
        request,
        "web/locks.html",
        {
            "rows": lockout.locked_pairs()[:500],
            "limit": settings.AXES_FAILURE_LIMIT,
            "minutes": settings.LOGIN_FAILURE_WINDOW // 60,
        },
    )


@login_required
@require_POST
def unlock(request):
    if not scoping.is_security_admin(request.user):
        raise PermissionDenied
    username = request.POST.get("username", "").strip()
    if not username:
        raise Http404
    count = access.unlock(
        actor=request.user, username=username, ip=request.POST.get("ip", "").strip() or None
    )
    messages.success(
        request, _("已解除 %(name)s 的 %(n)d 处登录锁定。") % {"name": username, "n": count}
    )
    return redirect("web:locks")
