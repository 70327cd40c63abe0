"""数字城管 set-up pages: the grid cells (three levels, with their Excel import) and the
problem-category table with each category's handling rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, grid_categories
from ..filters import GridCategoryFilter, GridCellFilter
from ..forms import CategoryForm, CellForm
from ..imports import CELLS
from ..models import (
    GridCategory,
    GridCategoryKind,
    GridLevel,
)
from ..services import grid as services
from .common import EXPORT_LIMIT, error_text, form_errors, import_page, listed


@login_required
def cell_list(request):
    rows, flt = listed(GridCellFilter, request, services.cells(request.user))
    level, q = flt["level"], flt["q"]
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


@login_required
def category_list(request):
    if request.method == "POST" and request.POST.get("action") == "load":
        return category_load(request)
    rows, flt = listed(GridCategoryFilter, request, GridCategory.objects.all())
    kind, q = flt["kind"], flt["q"]
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
