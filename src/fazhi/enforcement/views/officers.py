"""Staff pages for enforcement officers and their certificates (行政执法证): the roster with
filters and Excel export, an officer's page (certificates, cases, every change), adding an
officer, issuing a certificate, suspending, revoking or restoring one — and the to-do
reminder for certificates about to lapse. Views parse and call services; the services check
the roles again."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clock, ledger, scoping
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, queries
from ..filters import OfficerFilterForm
from ..forms import CertificateForm, CertificateStatusForm, OfficerActiveForm, OfficerForm
from ..models import CertificateStatus, EnforcementBody, EnforcementField
from ..services import catalogue
from ..services import officers as services
from ..todo import EXPIRING_DAYS
from .common import EXPORT_LIMIT, error_text, form_errors


def _maintained_bodies(user):
    """The bodies in which the user may add officers and issue certificates."""
    ids = [b.pk for b in queries.bodies(user) if services.may_maintain(user, b.org)]
    return EnforcementBody.objects.filter(pk__in=ids).select_related("org")


# ---------------------------------------------------------------- the roster


def _filters(request) -> dict:
    form = OfficerFilterForm(request.GET)
    today = clock.today()
    return {
        "f": {k: request.GET.get(k, "").strip() for k in form.fields},
        "today": today,
        "kw": form.query(expiring_by=today + dt.timedelta(days=EXPIRING_DAYS)),
    }


def _export(rows, certs):
    ordered = exports.with_certificates(rows, certs).order_by("body__org__name", "name", "pk")
    return export_response(exports.OFFICERS, ordered[:EXPORT_LIMIT])


@login_required
def officer_list(request):
    parsed = _filters(request)
    rows, certs = queries.officer_list(request.user, **parsed["kw"])
    if request.GET.get("export") == "xlsx":
        return _export(rows, certs)
    page = keyset(exports.with_certificates(rows, certs), request, descending=False)
    return render(
        request,
        "enforcement/officers/list.html",
        {
            "page": page,
            "f": parsed["f"],
            "today": parsed["today"],
            "bodies": queries.bodies(request.user),
            "fields": EnforcementField.objects.all(),
            "statuses": CertificateStatus.choices,
            "expiring_days": EXPIRING_DAYS,
            "can_create": _maintained_bodies(request.user).exists(),
            "active": "enforcement",
        },
    )


# ---------------------------------------------------------------- one officer


def _officer(request, pk):
    return scoping.get_for(request.user, queries.officers(request.user), pk)


@login_required
def officer_detail(request, pk: int):
    officer = _officer(request, pk)
    org = officer.body.org
    may_change = services.may_change_status(request.user, org)
    certs = [
        (c, services.certificate_moves(c) if may_change else [])
        for c in queries.certificates(request.user)
        .filter(officer=officer)
        .prefetch_related("fields")
        .order_by("-valid_to", "number")
    ]
    timeline = list(ledger.timeline(officer))
    return render(
        request,
        "enforcement/officers/detail.html",
        {
            "o": officer,
            "certs": certs,
            "today": clock.today(),
            "links": queries.officer_cases(request.user, officer)[:200],
            "changes": _status_changes(timeline),
            "timeline": timeline,
            "may_maintain": services.may_maintain(request.user, org),
            "may_change": may_change,
            "active": "enforcement",
        },
    )


def _status_changes(events) -> list[dict]:
    """The certificate status changes among an officer's ledger events, newest first."""
    label = dict(CertificateStatus.choices)
    return [
        {
            "at": e.at,
            "by": e.actor_name,
            "number": e.data.get("number", ""),
            "before": label.get(e.data["before"]["status"], ""),
            "after": label.get(e.data["after"]["status"], ""),
            "reason": e.data.get("reason", ""),
        }
        for e in reversed(events)
        if e.action == services.CERT_STATUS
    ]


@login_required
def officer_new(request):
    bodies = _maintained_bodies(request.user)
    if not scoping.has_role(request.user, *services.MAINTAIN_ROLES):
        raise PermissionDenied(_("只有本单位负责人或系统管理员可以维护执法事项和执法人员。"))
    form = OfficerForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            officer = catalogue.officer_save(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("执法人员已登记：%(n)s") % {"n": officer.name})
            return redirect("enforcement:officer", pk=officer.pk)
    return render(
        request,
        "enforcement/officers/form.html",
        {
            "form": form,
            "title": _("登记执法人员"),
            "back": reverse("enforcement:officers"),
            "active": "enforcement",
        },
    )


@login_required
def certificate_new(request, pk: int):
    officer = _officer(request, pk)
    if not services.may_maintain(request.user, officer.body.org):
        raise PermissionDenied(_("只有本单位负责人或系统管理员可以维护执法事项和执法人员。"))
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            cert = catalogue.certificate_issue(
                actor=request.user,
                officer=officer,
                number=cd["number"],
                fields=list(cd["fields"]),
                issuer=cd["issuer"].strip(),
                valid_from=cd["valid_from"],
                valid_to=cd["valid_to"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("执法证已登记：%(n)s") % {"n": cert.number})
            return redirect("enforcement:officer", pk=officer.pk)
    return render(
        request,
        "enforcement/officers/form.html",
        {
            "form": form,
            "title": _("登记执法证：%(o)s") % {"o": officer.name},
            "back": reverse("enforcement:officer", args=[officer.pk]),
            "active": "enforcement",
        },
    )


@login_required
@require_POST
def certificate_status(request, pk: int):
    cert = scoping.get_for(request.user, queries.certificates(request.user), pk)
    form = CertificateStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("执法证状态应为有效、暂扣或吊销。"))
        d = form.cleaned_data
        services.certificate_set_status(
            actor=request.user, certificate=cert, to=d["to"], reason=d["reason"]
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("执法证 %(n)s 的状态已变更。") % {"n": cert.number})
    return redirect("enforcement:officer", pk=cert.officer_id)


@login_required
@require_POST
def officer_active(request, pk: int):
    officer = _officer(request, pk)
    form = OfficerActiveForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    change = services.officer_reactivate if d.get("active") else services.officer_deactivate
    try:
        change(actor=request.user, officer=officer, reason=d.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:officer", pk=officer.pk)


# ---------------------------------------------------------------- the to-do reminder
