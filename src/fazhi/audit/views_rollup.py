"""The roll-up's numbered report (issued by the audit body, downloaded as DOCX) and the
ageing of open findings. Views parse and call services; nothing here writes a model."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clock, scoping
from fazhi.core.models import Organisation

from . import queries
from .services.projects import AUDITORS
from .services.rollup import rollup_issue


def _audit_orgs(user):
    ids = [m.org_id for m in scoping.memberships(user, AUDITORS)]
    return Organisation.objects.filter(pk__in=ids)


def issue_context(request) -> dict:
    return {
        "reports": queries.rollup_reports(request.user)[:50],
        "audit_orgs": _audit_orgs(request.user),
    }


@login_required
@require_POST
def rollup_issue_view(request):
    p = request.POST
    try:
        try:
            org = scoping.get_for(request.user, _audit_orgs(request.user), int(p.get("org") or 0))
            year = int(p.get("year", ""))
            on = dt.date.fromisoformat(p.get("on", "").strip())
        except ValueError:
            raise ValidationError(_("请填写报告年度和印发日期（年-月-日）。")) from None
        rep = rollup_issue(actor=request.user, org=org, year=year, on=on)
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
        return redirect("audit:rollup")
    messages.success(request, _("已印发：%(n)s") % {"n": rep.number})
    return redirect(reverse("audit:rollup") + f"?year={rep.year}")


@login_required
def rollup_docx(request, pk: int):
    from .documents import rollup_docx as build

    rep = scoping.get_for(request.user, queries.rollup_reports(request.user), pk)
    resp = HttpResponse(
        build(rep),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = f"attachment; filename=audit-rollup-{rep.year}-{rep.pk}.docx"
    return resp


@login_required
def ageing(request):
    today = clock.today()
    rows = queries.ageing(request.user, today)
    return render(
        request,
        "audit/ageing.html",
        {
            "rows": rows,
            "today": today,
            "total": sum(r["n"] for r in rows),
            "overdue": sum(r["overdue"] for r in rows),
        },
    )
