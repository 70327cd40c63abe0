"""数字城管 set-up pages: the grid cells (three levels, with their Excel import) and the
problem-category table with each category's handling rule."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import queries, scoping
from fazhi.core.models import Role, TimeRule
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm
from fazhi.ui.paging import keyset

from .. import exports, grid_categories
from ..imports import CELLS
from ..models import (
    GridCategory,
    GridCategoryKind,
    GridCell,
    GridLevel,
)
from ..services import grid as services
from .common import EXPORT_LIMIT, error_text, form_errors, import_page


class CellForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("网格编码"), max_length=30)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    level = forms.ChoiceField(label=gettext_lazy("层级"), choices=GridLevel.choices)
    parent = forms.ModelChoiceField(queryset=None, label=gettext_lazy("上级网格"), required=False)
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("责任单位"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = GridCell.objects.exclude(level=GridLevel.COMMUNITY)
        self.fields["org"].queryset = queries.orgs(user).filter(is_active=True)


@login_required
def cell_list(request):
    rows = services.cells(request.user)
    level, q = request.GET.get("level", ""), request.GET.get("q", "").strip()
    if level in GridLevel.values:
        rows = rows.filter(level=level)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(org__name__icontains=q))
    if request.GET.get("export") == "xlsx":
        return export_response(CELLS, rows.order_by("code")[:EXPORT_LIMIT])
    page = keyset(rows, request, descending=False)
    return render(
        request,
        "enforcement/grid/cells.html",
        {
            "page": page,
            "level": level,
            "q": q,
            "levels": GridLevel.choices,
            "can_edit": scoping.is_admin(request.user)
            or scoping.has_role(request.user, Role.LEADER),
            "active": "enforcement",
        },
    )


@login_required
def cell_edit(request, pk: int | None = None):
    cell = scoping.get_for(request.user, services.cells(request.user), pk) if pk else None
    initial = (
        {
            "code": cell.code,
            "name": cell.name,
            "level": cell.level,
            "parent": cell.parent_id,
            "org": cell.org_id,
        }
        if cell
        else None
    )
    form = CellForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.cell_save(actor=request.user, cell=cell, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("网格 %(c)s 已保存。") % {"c": saved.code})
            return redirect("enforcement:grid_cells")
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("修改网格") if cell else _("新增网格"),
            "back": reverse("enforcement:grid_cells"),
            "active": "enforcement",
        },
    )


# ---------------------------------------------------------------- categories


class CategoryForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("类别编码"), max_length=20)
    kind = forms.ChoiceField(label=gettext_lazy("部件或事件"), choices=GridCategoryKind.choices)
    major = forms.CharField(label=gettext_lazy("大类"), max_length=40)
    name = forms.CharField(label=gettext_lazy("小类"), max_length=60)
    rule_code = forms.ChoiceField(
        label=gettext_lazy("处置时限规则"),
        initial=grid_categories.DEFAULT_RULE,
        help_text=gettext_lazy(
            "派遣后的处置时限按此规则计算。CG-1 至 CG-4 均为本地配置（⚠），"
            "其天数在期限规则库中查看。"
        ),
    )
    confirmed = forms.BooleanField(label=gettext_lazy("已与国家标准核对"), required=False)

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        codes = list(grid_categories.HANDLING_RULES)
        if current and current not in codes:
            codes.append(current)  # a rule chosen before the CG rules existed (e.g. RX-1)
        names = dict(TimeRule.objects.filter(code__in=codes).values_list("code", "name"))
        self.fields["rule_code"].choices = [(c, f"{c} {names.get(c, '')}".strip()) for c in codes]


@login_required
def category_list(request):
    if request.method == "POST" and request.POST.get("action") == "load":
        return category_load(request)
    rows = GridCategory.objects.all()
    kind, q = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    if kind in GridCategoryKind.values:
        rows = rows.filter(kind=kind)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(major__icontains=q) | Q(name__icontains=q))
    if request.GET.get("export") == "xlsx":
        return export_response(exports.GRID_CATEGORIES, rows)
    return render(
        request,
        "enforcement/grid/categories.html",
        {
            "rows": [(c, grid_categories.proposed_limit(c.code)) for c in rows],
            "kind": kind,
            "q": q,
            "kinds": GridCategoryKind.choices,
            "source": _(grid_categories.SOURCE),
            "is_admin": scoping.is_admin(request.user),
            "active": "enforcement",
        },
    )


@login_required
def category_edit(request, pk: int | None = None):
    if not scoping.is_admin(request.user):
        raise PermissionDenied(_("只有系统管理员可以维护城管问题类别。"))
    cat = GridCategory.objects.filter(pk=pk).first() if pk else None
    if pk and cat is None:
        raise Http404
    initial = (
        {f: getattr(cat, f) for f in ("code", "kind", "major", "name", "rule_code", "confirmed")}
        if cat
        else None
    )
    form = CategoryForm(request.POST or None, initial=initial, current=cat.rule_code if cat else "")
    if cat:
        form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.category_save(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("类别 %(c)s 已保存。") % {"c": saved.code})
            return redirect("enforcement:grid_categories")
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("修改问题类别") if cat else _("新增问题类别"),
            "back": reverse("enforcement:grid_categories"),
            "active": "enforcement",
        },
    )


def category_load(request):
    """载入内置类别 (POST to the category list with ``action=load``)."""
    try:
        n = services.categories_load(actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已载入 %(n)d 个类别。") % {"n": n})
    return redirect("enforcement:grid_categories")


@login_required
def cell_import(request):
    return import_page(request, "grid-cells", reverse("enforcement:grid_cells"))
