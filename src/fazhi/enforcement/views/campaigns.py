"""Campaign pages: campaigns with their operations, inspections, sampling batches and the
cases they produced; the inspection and sampling registers; their Excel imports."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import ledger, scoping
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm
from fazhi.ui.paging import keyset

from .. import exports
from ..imports import INSPECTIONS, SAMPLING
from ..models import (
    CampaignKind,
    Case,
    EnforcementBody,
    EnforcementField,
    Inspection,
    InspectionResult,
    SamplingBatch,
    SamplingResult,
)
from ..services import campaigns as services
from .common import EXPORT_LIMIT, error_text, form_errors, import_page, query_date, visible_one

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _bodies(user):
    return scoping.scope(user, EnforcementBody).select_related("org")


class CampaignForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=CampaignKind.choices)
    field = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法领域"))
    lead = forms.ModelChoiceField(queryset=None, label=gettext_lazy("牵头单位"))
    bodies = forms.ModelMultipleChoiceField(
        queryset=None,
        label=gettext_lazy("参与单位"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    starts_on = forms.DateField(label=gettext_lazy("开始日期"), **DATE)
    ends_on = forms.DateField(label=gettext_lazy("结束日期"), **DATE)
    description = forms.CharField(
        label=gettext_lazy("内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = EnforcementField.objects.all()
        self.fields["lead"].queryset = _bodies(user)
        self.fields["bodies"].queryset = EnforcementBody.objects.select_related("org")
        if editing:  # the lead owns the record and does not change; shown, not chosen
            self.fields["lead"].queryset = EnforcementBody.objects.select_related("org")
            self.fields["lead"].disabled = True


def _campaigns(user):
    return services.campaigns(user)


@login_required
def campaign_list(request):
    rows = _campaigns(request.user)
    g = request.GET
    f = {k: g.get(k, "").strip() for k in ("kind", "field", "year", "q")}
    if f["kind"] in CampaignKind.values:
        rows = rows.filter(kind=f["kind"])
    if f["field"]:
        rows = rows.filter(field__code=f["field"])
    if f["year"].isdigit():
        y = int(f["year"])
        rows = rows.filter(starts_on__year__lte=y, ends_on__year__gte=y)
    if f["q"]:
        rows = rows.filter(Q(name__icontains=f["q"]) | Q(description__icontains=f["q"]))
    if g.get("export") == "xlsx":
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
            "can_create": _bodies(request.user).exists(),
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


class OperationForm(StyledForm):
    on = forms.DateField(label=gettext_lazy("日期"), **DATE)
    person_times = forms.IntegerField(label=gettext_lazy("出动人次"), min_value=1)
    joint = forms.BooleanField(label=gettext_lazy("联合执法"), required=False)
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)


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


class _RecordForm(StyledForm):
    body = forms.ModelChoiceField(queryset=None, label=gettext_lazy("执法主体"))
    campaign = forms.ModelChoiceField(queryset=None, label=gettext_lazy("专项行动"), required=False)
    case_number = forms.CharField(
        label=gettext_lazy("由此立案的案件编号"), max_length=80, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].queryset = _bodies(user)
        self.fields["campaign"].queryset = _campaigns(user)

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        case = scoping.scope(self.user, Case).filter(number=number).first()
        if case is None:
            raise forms.ValidationError(
                _("案件“%(n)s”不存在或不在您的数据范围内。") % {"n": number}
            )
        return case


class InspectionForm(_RecordForm):
    unit_name = forms.CharField(label=gettext_lazy("被检查单位"), max_length=200)
    unit_credit_code = forms.CharField(
        label=gettext_lazy("统一社会信用代码"), max_length=30, required=False
    )
    inspected_on = forms.DateField(label=gettext_lazy("检查日期"), **DATE)
    result = forms.ChoiceField(label=gettext_lazy("检查结果"), choices=InspectionResult.choices)
    findings = forms.CharField(
        label=gettext_lazy("发现的问题"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    field_order = [
        "body",
        "unit_name",
        "unit_credit_code",
        "inspected_on",
        "result",
        "findings",
        "campaign",
        "case_number",
    ]


class SamplingForm(_RecordForm):
    product = forms.CharField(label=gettext_lazy("样品"), max_length=100)
    unit_name = forms.CharField(label=gettext_lazy("被抽样单位"), max_length=200)
    sampled_on = forms.DateField(label=gettext_lazy("抽样日期"), **DATE)
    result = forms.ChoiceField(label=gettext_lazy("检验结论"), choices=SamplingResult.choices)
    field_order = [
        "body",
        "product",
        "unit_name",
        "sampled_on",
        "result",
        "campaign",
        "case_number",
    ]


KINDS = {
    "inspection": {
        "model": Inspection,
        "form": InspectionForm,
        "create": services.inspection_create,
        "rows": services.inspections,
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
    rows = k["rows"](request.user)
    g = request.GET
    f = {x: g.get(x, "").strip() for x in ("body", "result", "campaign", "from", "to", "q")}
    if f["body"].isdigit():
        rows = rows.filter(body_id=int(f["body"]))
    if f["result"] in dict(k["results"]):
        rows = rows.filter(result=f["result"])
    if f["campaign"].isdigit():
        rows = rows.filter(campaign_id=int(f["campaign"]))
    if d := query_date(f["from"]):
        rows = rows.filter(**{f"{k['date']}__gte": d})
    if d := query_date(f["to"]):
        rows = rows.filter(**{f"{k['date']}__lte": d})
    if f["q"]:
        q = Q(unit_name__icontains=f["q"])
        q |= Q(product__icontains=f["q"]) if kind == "sampling" else Q(findings__icontains=f["q"])
        rows = rows.filter(q)
    return rows, f


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
            "bodies": _bodies(request.user),
            "campaigns": _campaigns(request.user),
            "detail": k["detail"],
            "new_url": reverse(f"enforcement:{kind}_new"),
            "import_url": reverse(f"enforcement:{kind}_import"),
            "can_create": _bodies(request.user).exists(),
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
