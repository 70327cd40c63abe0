"""Campaign pages: campaigns with their operations, inspections, sampling batches and the
cases they produced; the inspection and sampling registers; their Excel imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import ledger, scoping
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, queries
from ..filters import CampaignFilter, InspectionFilter, SamplingFilter
from ..forms import CampaignForm, InspectionForm, OperationForm, SamplingForm
from ..imports import INSPECTIONS, SAMPLING
from ..models import (
    CampaignKind,
    Case,
    EnforcementField,
    Inspection,
    InspectionResult,
    SamplingBatch,
    SamplingResult,
)
from ..services import campaigns as services
from .common import EXPORT_LIMIT, error_text, form_errors, import_page, listed, visible_one


def _campaigns(user):
    return services.campaigns(user)


@login_required
def campaign_list(request):
    rows, f = listed(CampaignFilter, request, _campaigns(request.user))
    if request.GET.get("export") == "xlsx":
        return export_response(exports.CAMPAIGNS, rows.order_by("-starts_on", "pk")[:EXPORT_LIMIT])
    page = keyset(rows, request)
    return render(
        request,
        "enforcement/campaigns/list.html",
        {
            "page": page,
            "f": f,
            "kinds": CampaignKind.choices,
            "fields": EnforcementField.objects.all(),
            "can_create": queries.bodies(request.user).exists(),
            "active": "enforcement",
        },
    )


@login_required
def campaign_edit(request, pk: int | None = None):
    campaign = visible_one(_campaigns(request.user), pk) if pk else None
    initial = None
    if campaign:
        initial = {
            "name": campaign.name,
            "kind": campaign.kind,
            "field": campaign.field_id,
            "lead": campaign.lead_id,
            "bodies": list(campaign.bodies.values_list("pk", flat=True)),
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "description": campaign.description,
        }
    form = CampaignForm(
        request.POST or None, initial=initial, user=request.user, editing=bool(campaign)
    )
    if request.method == "POST" and form.is_valid():
        cd = dict(form.cleaned_data)
        try:
            if campaign:
                cd.pop("lead")
                bodies = list(cd.pop("bodies"))
                saved = services.campaign_update(
                    actor=request.user, campaign=campaign, bodies=bodies, **cd
                )
            else:
                cd["bodies"] = list(cd["bodies"])
                saved = services.campaign_create(actor=request.user, **cd)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("专项行动已保存。"))
            return redirect("enforcement:campaign", pk=saved.pk)
    return render(
        request,
        "enforcement/campaigns/form.html",
        {
            "form": form,
            "title": _("修改专项行动") if campaign else _("部署专项行动"),
            "back": reverse("enforcement:campaigns"),
            "active": "enforcement",
        },
    )


@login_required
def campaign_detail(request, pk: int):
    campaign = visible_one(_campaigns(request.user), pk)
    return render(
        request,
        "enforcement/campaigns/detail.html",
        {
            "c": campaign,
            "totals": services.totals(campaign),
            "bodies": campaign.bodies.select_related("org"),
            "operations": campaign.operations.all()[:200],
            "inspections": campaign.inspections.select_related("body__org", "case")[:200],
            "samples": campaign.samples.select_related("body__org", "case")[:200],
            "cases": services.linked_cases(campaign).order_by("-received_on")[:200],
            "timeline": ledger.timeline(campaign),
            "op_form": OperationForm(),
            "active": "enforcement",
        },
    )


@login_required
def operation_new(request, pk: int):
    campaign = visible_one(_campaigns(request.user), pk)
    form = OperationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.operation_create(actor=request.user, campaign=campaign, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("执法行动已登记。"))
            return redirect("enforcement:campaign", pk=campaign.pk)
    return render(
        request,
        "enforcement/campaigns/form.html",
        {
            "form": form,
            "title": _("登记执法行动：%(c)s") % {"c": campaign.name},
            "back": reverse("enforcement:campaign", args=[campaign.pk]),
            "active": "enforcement",
        },
    )


# ---------------------------------------------------------------- inspections and sampling


KINDS = {
    "inspection": {
        "model": Inspection,
        "form": InspectionForm,
        "create": services.inspection_create,
        "rows": services.inspections,
        "filters": InspectionFilter,
        "results": InspectionResult.choices,
        "date": "inspected_on",
        "title": gettext_lazy("监督检查"),
        "list": "enforcement:inspections",
        "detail": "enforcement:inspection",
        "import": "inspections",
    },
    "sampling": {
        "model": SamplingBatch,
        "form": SamplingForm,
        "create": services.sampling_create,
        "rows": services.sampling,
        "filters": SamplingFilter,
        "results": SamplingResult.choices,
        "date": "sampled_on",
        "title": gettext_lazy("抽样检验"),
        "list": "enforcement:sampling",
        "detail": "enforcement:sampling_batch",
        "import": "sampling",
    },
}


def _records(request, kind: str):
    k = KINDS[kind]
    return listed(k["filters"], request, k["rows"](request.user))


def _export(kind: str, rows):
    reg = INSPECTIONS if kind == "inspection" else SAMPLING
    return export_response(reg, rows.order_by("-pk")[:EXPORT_LIMIT])


def record_list(request, kind: str):
    rows, f = _records(request, kind)
    if request.GET.get("export") == "xlsx":
        return _export(kind, rows)
    k = KINDS[kind]
    return render(
        request,
        "enforcement/campaigns/records.html",
        {
            "kind": kind,
            "title": k["title"],
            "page": keyset(rows, request),
            "f": f,
            "results": k["results"],
            "bodies": queries.bodies(request.user),
            "campaigns": _campaigns(request.user),
            "detail": k["detail"],
            "new_url": reverse(f"enforcement:{kind}_new"),
            "import_url": reverse(f"enforcement:{kind}_import"),
            "can_create": queries.bodies(request.user).exists(),
            "active": "enforcement",
        },
    )


def record_new(request, kind: str):
    k = KINDS[kind]
    initial = {}
    if request.GET.get("campaign", "").isdigit():
        initial["campaign"] = int(request.GET["campaign"])
    form = k["form"](request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        cd = dict(form.cleaned_data)
        cd["case"] = cd.pop("case_number")
        try:
            obj = k["create"](actor=request.user, **cd)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("已登记。"))
            return redirect(k["detail"], pk=obj.pk)
    return render(
        request,
        "enforcement/campaigns/form.html",
        {
            "form": form,
            "title": _("登记%(t)s") % {"t": k["title"]},
            "back": reverse(k["list"]),
            "active": "enforcement",
        },
    )


def record_detail(request, kind: str, pk: int):
    k = KINDS[kind]
    obj = scoping.get_for(request.user, k["rows"](request.user), pk)
    return render(
        request,
        "enforcement/campaigns/record.html",
        {
            "kind": kind,
            "title": k["title"],
            "obj": obj,
            "timeline": ledger.timeline(obj),
            "can_link": scoping.has_role(request.user, *services.STAFF, org=obj.body.org),
            "link_url": reverse(f"enforcement:{kind}_link", args=[obj.pk]),
            "back": reverse(k["list"]),
            "active": "enforcement",
        },
    )


def record_link(request, kind: str, pk: int):
    k = KINDS[kind]
    obj = scoping.get_for(request.user, k["rows"](request.user), pk)
    number = request.POST.get("case_number", "").strip()
    case = scoping.scope(request.user, Case).filter(number=number).first() if number else None
    try:
        if case is None:
            raise ValidationError(_("案件“%(n)s”不存在或不在您的数据范围内。") % {"n": number})
        services.link_case(actor=request.user, record=obj, case=case)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已关联案件 %(n)s。") % {"n": case.number})
    return redirect(k["detail"], pk=obj.pk)


@login_required
def inspection_list(request):
    return record_list(request, "inspection")


@login_required
def inspection_new(request):
    return record_new(request, "inspection")


@login_required
def inspection_detail(request, pk: int):
    return record_detail(request, "inspection", pk)


@login_required
@require_POST
def inspection_link(request, pk: int):
    return record_link(request, "inspection", pk)


@login_required
def inspection_import(request):
    return import_page(request, "inspections", reverse("enforcement:inspections"))


@login_required
def sampling_list(request):
    return record_list(request, "sampling")


@login_required
def sampling_new(request):
    return record_new(request, "sampling")


@login_required
def sampling_detail(request, pk: int):
    return record_detail(request, "sampling", pk)


@login_required
@require_POST
def sampling_link(request, pk: int):
    return record_link(request, "sampling", pk)


@login_required
def sampling_import(request):
    return import_page(request, "sampling", reverse("enforcement:sampling"))
