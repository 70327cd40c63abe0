from django.shortcuts import render
from django.utils.translation import gettext as _


def not_found(request, exception=None):
    return render(
        request,
        "web/error.html",
        {"code": 404, "title": _("页面不存在"), "text": _("您要找的页面不存在，或您无权查看。")},
        status=404,
    )


def forbidden(request, exception=None):
    text = str(exception) if exception and str(exception) else _("您没有执行此操作的权限。")
    return render(
        request, "web/error.html", {"code": 403, "title": _("无权操作"), "text": text}, status=403
    )


def server_error(request):
    return render(
        request,
        "web/error.html",
        {
            "code": 500,
            "title": _("系统错误"),
            "text": _("系统出现错误，已记录。请稍后再试或联系系统管理员。"),
        },
        status=500,
    )
