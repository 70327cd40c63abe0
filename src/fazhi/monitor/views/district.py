"""The combined monthly bulletin of the district's sites: generate, list, download."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from fazhi.core import scoping
from fazhi.core.models import Organisation, Role

from .. import district, queries, services
from . import _error, _render

ROLES = (Role.SUPERVISOR, Role.ADMIN)


@login_required
def district_list(request):
    orgs = list(scoping.scope(request.user, Organisation, roles=ROLES).order_by("path"))
    if request.method == "POST":
        org = next((o for o in orgs if str(o.pk) == request.POST.get("org")), None)
        try:
            if org is None:
                raise ValidationError(_("请选择发文单位。"))
            b = services.district_bulletin_generate(
                actor=request.user, org=org, month=request.POST.get("month", "").strip()
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(request, _("全区通报已生成：%(n)s") % {"n": b.number})
        return redirect("monitor:district")
    return _render(
        request,
        "monitor/district.html",
        {
            "rows": queries.district_bulletins(request.user)[:100],
            "orgs": orgs,
            "months": queries.months(request.user),
        },
    )


@login_required
def district_file(request, pk: int, fmt: str):
    b = queries.district_bulletin_for(request.user, pk)
    if fmt == "docx":
        data = district.render_docx(b.snapshot)
        ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "xlsx":
        data = district.render_xlsx(b.snapshot)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    resp = HttpResponse(data, content_type=ctype)
    name = f"{b.title}.{fmt}"
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp
