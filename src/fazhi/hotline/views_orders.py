"""Staff pages that reshape or extend an order: 拆分 into several orders, 合并 a duplicate
(the candidates suggested to the agent), 延期申请 and its approval, and the link to what the
order became (a matter of another domain, found by its number). Thin: parse, call the
services, redirect to the order."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import scoping, workflow

from . import queries
from .models import Category, Extension, OrderStatus
from .services import aftercare, reshape
from .services import orders as services
from .views import _error

S = OrderStatus
REFUSED = (workflow.InvalidTransition, ValidationError, PermissionDenied, Http404, ValueError)


def _office_or_403(request, o):
    if not scoping.has_role(request.user, "clerk", "leader", org=o.office):
        raise PermissionDenied(_("只有12345热线办的工作人员可以办理此环节。"))


@login_required
def split(request, pk: int):
    """拆分: rows of (category, text) — each filled row becomes a new order."""
    o = queries.order(request.user, pk)
    _office_or_403(request, o)
    categories = list(Category.objects.all())
    rows = 3
    if request.method == "POST":
        by_pk = {str(c.pk): c for c in categories}
        parts = [
            (by_pk.get(request.POST.get(f"category_{i}", "")), request.POST.get(f"text_{i}", ""))
            for i in range(rows)
        ]
        try:
            made = reshape.order_split(actor=request.user, order=o, parts=parts)
        except REFUSED as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(
                request,
                _("已拆分出工单 %(n)s。") % {"n": "、".join(x.number for x in made)},
            )
            return redirect("hotline:order", pk=o.pk)
    return render(
        request,
        "hotline/split.html",
        {
            "order": o,
            "categories": categories,
            "rows": range(rows),
            "parts": o.parts.order_by("id"),
            "active": "hotline",
        },
    )


@login_required
def merge(request, pk: int):
    """合并: the duplicates the rule finds (same caller, or same address and category within
    the window), the agent picks one and — for a different caller — confirms."""
    o = queries.order(request.user, pk)
    _office_or_403(request, o)
    candidates = queries.duplicates(request.user, o)
    if request.method == "POST":
        try:
            into = queries.order(request.user, request.POST.get("into") or 0)
            services.order_merge(
                actor=request.user,
                order=o,
                into=into,
                confirm=request.POST.get("confirm") == "1",
                version=request.POST.get("version"),
            )
        except REFUSED as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(request, _("已合并至工单 %(n)s。") % {"n": into.number})
            return redirect("hotline:order", pk=into.pk)
    return render(
        request,
        "hotline/merge.html",
        {
            "order": o,
            "candidates": [(c, c.caller_phone == o.caller_phone) for c in candidates],
            "active": "hotline",
        },
    )


@login_required
@require_POST
def extension_ask(request, pk: int):
    o = queries.order(request.user, pk)
    try:
        reshape.extension_ask(
            actor=request.user,
            order=o,
            days=request.POST.get("days", ""),
            reason=request.POST.get("reason", ""),
        )
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已提交延期申请，待热线办负责人审批。"))
    return redirect("hotline:order", pk=o.pk)


@login_required
@require_POST
def extension_decide(request, pk: int, ext: int):
    o = queries.order(request.user, pk)
    e = queries.extensions(request.user, o).filter(pk=ext).first()
    if e is None:
        raise Http404
    approve = request.POST.get("decision") == Extension.APPROVED
    try:
        reshape.extension_decide(
            actor=request.user, extension=e, approve=approve, note=request.POST.get("note", "")
        )
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已批准延期。") if approve else _("已不予批准延期。"))
    return redirect("hotline:order", pk=o.pk)


@login_required
@require_POST
def link(request, pk: int):
    """关联事项: the matter's kind and number; the user must be able to see that matter."""
    o = queries.order(request.user, pk)
    label, number = request.POST.get("subject_type", ""), request.POST.get("number", "").strip()
    matter = queries.matter_by_number(request.user, label, number)
    try:
        if matter is None:
            raise ValidationError(
                {"number": _("找不到编号为%(n)s的事项，或您无权查看。") % {"n": number or "—"}}
            )
        names = dict(queries.link_types())
        aftercare.order_link(
            actor=request.user,
            order=o,
            subject_type=label,
            subject_id=str(matter.pk),
            label=f"{names.get(label, label)} {matter.number}",
        )
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已关联事项 %(n)s。") % {"n": matter.number})
    return redirect("hotline:order", pk=o.pk)
