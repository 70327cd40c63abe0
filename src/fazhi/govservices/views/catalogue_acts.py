"""Staff actions on the catalogue: cut a material, record and decide a dispute, delegate an
item, record a transfer (on the item's page); the proof-item register; merging a window.
Views parse and call the catalogue services; a refusal is shown and nothing changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import scoping
from fazhi.core.models import Organisation, OrgKind, Role
from fazhi.ui.paging import keyset

from .. import forms as f
from .. import queries
from ..models import ProofItem, WindowKind
from ..services import catalogue as cat
from .applications import errors_of


def item_forms(user, item) -> dict:
    """The catalogue actions the user may take on ``item``, each with its form."""
    orgs = scoping.scope(user, Organisation).exclude(kind=OrgKind.EXTERNAL)
    staff = scoping.has_role(user, Role.CLERK, Role.LEADER, obj=item)
    out = {}
    if staff:
        out["cut"] = (f.MaterialCutForm(item=item), _("精减材料"))
    if scoping.has_role(user, Role.CLERK, Role.LEADER):
        out["dispute"] = (f.DisputeForm(orgs=orgs), _("登记异议"))
    if (
        scoping.has_role(user, Role.LEADER, Role.SUPERVISOR, obj=item)
        and item.disputes.filter(decided_on__isnull=True).exists()
    ):
        out["decide"] = (f.DisputeDecideForm(), _("处理异议"))
    if scoping.has_role(user, Role.LEADER):
        streets = Organisation.objects.filter(kind__in=[OrgKind.STREET, OrgKind.PARK]).order_by(
            "path"
        )
        out["delegate"] = (f.DelegateForm(orgs=streets), _("下放街道（园区）"))
        out["transfer"] = (f.TransferForm(orgs=orgs), _("登记划转"))
    return out


def _form(cls, request, **kw):
    form = cls(request.POST, **kw)
    if not form.is_valid():
        raise ValidationError(
            [f"{form.fields[k].label}{_('：')}{e}" for k, es in form.errors.items() for e in es]
        )
    return form.cleaned_data


@login_required
@require_POST
def item_act(request, pk: int):
    item = scoping.get_for(request.user, queries.items(request.user), pk)
    op, user = request.POST.get("op", ""), request.user
    orgs = scoping.scope(user, Organisation)
    try:
        if op == "cut":
            d = _form(f.MaterialCutForm, request, item=item)
            cat.material_cut(
                actor=user, material=d["material"], method=d["method"], basis=d["basis"], on=d["on"]
            )
        elif op == "dispute":
            d = _form(f.DisputeForm, request, orgs=orgs)
            cat.dispute_raise(
                actor=user, item=item, raised_by=d["raised_by"], on=d["on"], question=d["question"]
            )
        elif op == "decide":
            d = _form(f.DisputeDecideForm, request)
            dispute = (
                item.disputes.filter(decided_on__isnull=True).order_by("raised_on", "id").first()
            )
            if dispute is None:
                raise ValidationError(_("没有待处理的异议。"))
            cat.dispute_decide(
                actor=user,
                dispute=dispute,
                outcome=d["outcome"],
                decision=d["decision"],
                decided_by=d["decided_by"],
                on=d["on"],
            )
        elif op == "delegate":
            streets = Organisation.objects.filter(kind__in=[OrgKind.STREET, OrgKind.PARK])
            d = _form(f.DelegateForm, request, orgs=streets)
            cat.delegate(
                actor=user,
                item=item,
                to_org=d["to_org"],
                on=d["on"],
                new_days=d["new_days"],
                basis=d["basis"],
            )
        elif op == "transfer":
            d = _form(f.TransferForm, request, orgs=orgs)
            cat.transfer_record(
                actor=user,
                item=item,
                from_org=d["from_org"],
                to_org=d["to_org"],
                on=d["on"],
                basis=d["basis"],
            )
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as exc:
        for m in errors_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, _("已办理。"))
    return redirect("govservices:item", pk=item.pk)


@login_required
def proof_list(request):
    """证明事项清理: the register, newest decisions first, and a form to record one."""
    orgs = scoping.scope(request.user, Organisation).exclude(kind=OrgKind.EXTERNAL)
    form = f.ProofForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            cat.proof_decide(
                actor=request.user, name=d["name"], issuer=d["issuer"], demanded_by=d["demanded_by"],
                used_for=d["used_for"], status=d["status"], basis=d["basis"], on=d["on"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            for m in errors_of(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("已登记。"))
            return redirect("govservices:proofs")
    page = keyset(
        scoping.scope(request.user, ProofItem).select_related("demanded_by"), request, key="id"
    )
    return render(
        request,
        "govservices/catalogue/proofs.html",
        {"page": page, "form": form, "can_decide": scoping.has_role(request.user, Role.LEADER)},
    )


@login_required
@require_POST
def window_merge(request, pk: int):
    window = scoping.get_for(request.user, queries.windows(request.user), pk)
    into_qs = queries.windows(request.user).filter(
        kind=WindowKind.COMPREHENSIVE, closed_on__isnull=True, org=window.org
    )
    form = f.MergeForm(request.POST, windows=into_qs)
    try:
        if not form.is_valid():
            raise ValidationError([e for es in form.errors.values() for e in es])
        cat.window_merge(
            actor=request.user,
            window=window,
            into=form.cleaned_data["into"],
            on=form.cleaned_data["on"],
        )
    except (ValidationError, PermissionDenied) as exc:
        for m in errors_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, _("窗口已并入%(w)s。") % {"w": form.cleaned_data["into"].name})
    return redirect("govservices:windows")
