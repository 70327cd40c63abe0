"""Staff pages of the power list (执法事项清单): bodies, items with their discretion bands,
editing, Excel export in the import's own columns, the import itself, and the import of
past cases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.ui.excel import xlsx_response
from fazhi.ui.paging import keyset

from .. import queries
from ..filters import ItemFilter
from ..forms import BandForm, BodyForm, ItemForm, MajorRuleForm
from ..imports_catalogue import power_list_xlsx
from ..models import EnforcementBody, EnforcementField, EnforcementItem, ItemKind, MajorCaseRule
from ..services import catalogue as services
from .common import form_errors, import_page, listed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_edit(user, body: EnforcementBody) -> bool:
    return scoping.has_role(user, Role.ADMIN, Role.LEADER, org=body.org)


@login_required
def body_list(request):
    rows = (
        queries.bodies(request.user)
        .annotate(
            n_items=Count("items", distinct=True),
            n_officers=Count("officers", filter=Q(officers__is_active=True), distinct=True),
        )
        .prefetch_related("fields")
        .order_by("kind", "org__sort_order", "org__name")
    )
    editable = {b.pk for b in queries.editable_bodies(request.user)}
    return render(
        request,
        "enforcement/catalogue/bodies.html",
        {"rows": rows, "editable": editable, "active": "enforcement", "tab": "bodies"},
    )


@login_required
def item_list(request):
    items = scoping.scope(request.user, EnforcementItem).select_related("body__org", "field")
    rows, f = listed(ItemFilter, request, items)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(_("执法事项清单"), power_list_xlsx(rows))
    page = keyset(rows.annotate(n_bands=Count("bands")), request)
    return render(
        request,
        "enforcement/catalogue/items.html",
        {
            "page": page,
            "f": f,
            "bodies": queries.bodies(request.user).order_by("org__name"),
            "fields": EnforcementField.objects.all(),
            "kinds": ItemKind.choices,
            "can_edit": bool(queries.editable_bodies(request.user)),
            "active": "enforcement",
            "tab": "items",
        },
    )


def _item(request, pk) -> EnforcementItem:
    return scoping.get_for(request.user, EnforcementItem, pk=pk)


@login_required
def item_detail(request, pk: int):
    item = _item(request, pk)
    can_edit = _can_edit(request.user, item.body)
    band_form = BandForm(request.POST or None, prefix="band")
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if band_form.is_valid():
            try:
                services.band_save(actor=request.user, item=item, **band_form.cleaned_data)
            except ValidationError as exc:
                form_errors(band_form, exc)
            else:
                messages.success(request, _("已保存裁量档次。"))
                return redirect("enforcement:item", pk=item.pk)
    return render(
        request,
        "enforcement/catalogue/item.html",
        {
            "item": item,
            "bands": item.bands.all(),
            "n_cases": item.cases.count(),
            "can_edit": can_edit,
            "band_form": band_form,
            "active": "enforcement",
            "tab": "items",
        },
    )


@login_required
def item_edit(request, pk: int | None = None):
    item = _item(request, pk) if pk else None
    if item is not None and not _can_edit(request.user, item.body):
        raise PermissionDenied
    if item is None and not queries.editable_bodies(request.user):
        return render(
            request,
            "enforcement/catalogue/item_form.html",
            {"form": None, "item": None, "active": "enforcement", "tab": "items"},
        )
    initial = {}
    if item is not None:
        initial = {
            k: getattr(item, k)
            for k in ("body", "code", "name", "field", "kind", "legal_basis", "penalty_basis")
        }
    form = ItemForm(request.POST or None, user=request.user, item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if item is None and EnforcementItem.objects.filter(code=data["code"].strip()).exists():
            form.add_error("code", _("事项编码已存在：%(c)s") % {"c": data["code"]})
        else:
            try:
                saved = services.item_save(actor=request.user, **data)
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("已保存执法事项 %(c)s。") % {"c": saved.code})
                return redirect("enforcement:item", pk=saved.pk)
    return render(
        request,
        "enforcement/catalogue/item_form.html",
        {"form": form, "item": item, "active": "enforcement", "tab": "items"},
    )


@login_required
def item_import(request):
    return import_page(request, "power-list", reverse("enforcement:items"))


@login_required
def case_import(request):
    return import_page(request, "past-cases", reverse("enforcement:cases"))


# ---------------------------------------------------------------- body settings


@login_required
def body_edit(request, pk: int):
    body = scoping.get_for(request.user, queries.bodies(request.user), pk=pk)
    if not _can_edit(request.user, body):
        raise PermissionDenied
    initial = {
        "legal_basis": body.legal_basis,
        "doc_prefix": body.doc_prefix,
        "public_phone": body.public_phone,
        "public_address": body.public_address,
        "fields": list(body.fields.all()),
    }
    form = BodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_save(
                actor=request.user,
                org=body.org,
                kind=body.kind,
                legal_basis=form.cleaned_data["legal_basis"],
                fields=list(form.cleaned_data["fields"]),
                doc_prefix=form.cleaned_data["doc_prefix"],
                public_phone=form.cleaned_data["public_phone"],
                public_address=form.cleaned_data["public_address"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("已保存 %(b)s。") % {"b": body})
            return redirect("enforcement:bodies")
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("执法主体设置：%(b)s") % {"b": body},
            "back": reverse("enforcement:bodies"),
            "active": "enforcement",
        },
    )


# ---------------------------------------------------------------- major-decision rules


def _rules(user):
    """District-wide rules and the rules of the bodies the user can see."""
    bodies = queries.bodies(user).values("pk")
    return MajorCaseRule.objects.filter(Q(body__isnull=True) | Q(body__in=bodies)).select_related(
        "body__org"
    )


@login_required
def major_rules(request):
    return render(
        request,
        "enforcement/catalogue/major_rules.html",
        {
            "rows": _rules(request.user).order_by("body", "name"),
            "can_edit": bool(queries.editable_bodies(request.user))
            or scoping.has_role(request.user, Role.ADMIN),
            "active": "enforcement",
            "tab": "major",
        },
    )


@login_required
def major_rule_edit(request, pk: int | None = None):
    rule = None
    if pk is not None:
        rule = _rules(request.user).filter(pk=pk).first()
        if rule is None:
            raise Http404
    initial = {}
    if rule is not None:
        initial = {
            k: getattr(rule, k)
            for k in (
                "name",
                "body",
                "fine_at_least",
                "licence_revocation",
                "closure",
                "after_hearing",
                "complex_case",
                "is_active",
            )
        }
    form = MajorRuleForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.major_rule_save(actor=request.user, rule=rule, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("已保存认定规则。"))
            return redirect("enforcement:major_rules")
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("重大执法决定认定规则"),
            "back": reverse("enforcement:major_rules"),
            "active": "enforcement",
        },
    )
