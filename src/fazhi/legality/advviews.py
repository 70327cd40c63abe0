"""Staff pages of the legal advisers (法律顾问): the register with the engagements per unit
(which communities and villages have an adviser today), registering an adviser, and an
adviser's page where a unit's desk engages them or ends an engagement early. Every write is
a service (``services/advisers.py``); every read goes through ``queries``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clock
from fazhi.core.models import OrgKind, Role

from . import forms, queries
from .docviews import Op, _run
from .models import AdviserKind
from .services import advisers as svc
from .views import _error

ENGAGING = (Role.CLERK, Role.LEADER, Role.REVIEWER)


def _engagement(adviser, pk):
    e = adviser.engagements.filter(pk=pk).first()
    if e is None:
        raise ValidationError(_("该聘用不属于本法律顾问。"))
    return e


def _can_engage(u, a) -> bool:
    return a.is_active and queries.act_orgs(u, *ENGAGING).exists()


ADVISER_OPS = [
    Op("engage", gettext_lazy("登记聘用"),
       lambda o, d, u=None: forms.EngageForm(d, orgs=queries.act_orgs(u, *ENGAGING)),
       lambda u, o, c, v: svc.engagement_save(
           actor=u, adviser=o, org=c["org"], starts_on=c["starts_on"], ends_on=c["ends_on"],
           procurement_ref=c["procurement_ref"], fee=c["fee"], note=c["note"]),
       _can_engage),
    Op("terminate", gettext_lazy("提前解聘"), lambda o, d, u=None: forms.TerminateForm(d),
       lambda u, o, c, v: svc.engagement_terminate(
           actor=u, engagement=_engagement(o, c["engagement"]), on=c["on"], reason=c["reason"]),
       lambda u, a: queries.act_orgs(u, *ENGAGING).exists()),
]  # fmt: skip


def coverage(user, day):
    """The communities and villages the user may see, each with its advisers engaged on
    ``day`` (the seed's figure: 79 of them with an adviser)."""
    units = (
        queries.act_orgs(user)
        .filter(kind__in=(OrgKind.COMMUNITY, OrgKind.VILLAGE))
        .select_related("parent")
    )
    engaged: dict[int, list[str]] = {}
    for e in queries.engagements(user).filter(starts_on__lte=day, ends_on__gte=day):
        if e.active_on(day):
            engaged.setdefault(e.org_id, []).append(e.adviser.name)
    return [(u, engaged.get(u.pk, [])) for u in units]


@login_required
def advisers(request):
    kind = request.GET.get("kind", "").strip()
    kind = kind if kind in AdviserKind.values else ""
    unit = request.GET.get("org", "").strip()
    today = clock.today()
    orgs = queries.my_orgs(request.user, *ENGAGING)
    form = forms.AdviserForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            a = svc.adviser_save(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已登记法律顾问：%(n)s") % {"n": a.name})
            return redirect("legality:adviser", pk=a.pk)
    units = coverage(request.user, today)
    return render(
        request,
        "legality/advisers.html",
        {
            "advisers": queries.advisers(request.user, kind=kind),
            "engagements": queries.engagements(request.user, org=unit)[:500],
            "kind": kind,
            "kinds": AdviserKind.choices,
            "form": form if orgs.exists() else None,
            "units": units,
            "covered": sum(1 for _u, names in units if names),
            "today": today,
        },
    )


@login_required
def adviser(request, pk):
    a = queries.adviser(request.user, pk)
    ops = {op.key: op for op in ADVISER_OPS if op.show(request.user, a)}
    rows = []
    for e in queries.engagements(request.user, adviser=a):
        form = None
        if "terminate" in ops and e.terminated_on is None and e.ends_on >= clock.today():
            form = forms.TerminateForm(initial={"engagement": e.pk})
        rows.append((e, form))
    engage = ops.get("engage")
    return render(
        request,
        "legality/adviser.html",
        {
            "a": a,
            "rows": rows,
            "terminate": ops.get("terminate"),
            "ops": [(engage, engage.form(a, None, request.user))] if engage else [],
            "act_url": reverse("legality:adviser_act", args=[a.pk]),
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def adviser_act(request, pk):
    a = queries.adviser(request.user, pk)
    ops = [
        Op(o.key, o.label, lambda obj, d, o=o: o.form(obj, d, request.user), o.run, o.show)
        for o in ADVISER_OPS
    ]
    return _run(request, a, ops, reverse("legality:adviser", args=[pk]))
