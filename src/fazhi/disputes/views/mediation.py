"""Staff pages of “1+X” mediation: the dispute list, intake, the dispute page (sessions,
escalation, agreement with every signature, performance, 司法确认, failure), the committees
with their mediators, and the hot spots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fazhi.core import clock, scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import crossref, exports, forms, queries
from ..models import Category, DisputeStatus
from ..services import mediation as svc
from .common import Op, act, move, new_page, page, role, version
from .listing import list_page

S = DisputeStatus
MEDIATORS = (Role.CLERK, Role.LEADER)


def _date(obj, data):
    return forms.DateForm(data)


def _agreement(user, obj, d, v):
    return svc.agreement_record(
        actor=user,
        dispute=obj,
        form=d["form"],
        signed_on=d["signed_on"],
        terms=d["terms"],
        amount=d["amount"] or Decimal(0),
        signatures=obj_signatures(d, obj),
        schedule=d["schedule"],
        version=version(v),
    )


def obj_signatures(d: dict, obj) -> dict[int, dt.date]:
    return {p.pk: d[f"sign_{p.pk}"] for p in obj.parties.all() if d.get(f"sign_{p.pk}")}


OPS = [
    Op("session", _("登记调解"), lambda o, d: forms.SessionForm(d, dispute=o),
       lambda u, o, d, v: svc.session_add(actor=u, dispute=o, **d),
       role(*MEDIATORS, statuses=(S.RECEIVED, S.MEDIATING))),
    Op("escalate", _("重大疑难纠纷上报"), lambda o, d: forms.EscalateForm(d, dispute=o),
       lambda u, o, d, v: svc.escalate(actor=u, dispute=o, to=d["to"], on=d["on"],
                                       reason=d["reason"]),
       role(*MEDIATORS, statuses=(S.RECEIVED, S.MEDIATING))),
    Op("agreement", _("登记调解协议"), lambda o, d: forms.AgreementEntryForm(d, dispute=o),
       _agreement, role(*MEDIATORS, statuses=(S.MEDIATING,)), to=S.AGREED),
    Op("performance", _("登记履行"), lambda o, d: forms.PerformanceForm(d),
       lambda u, o, d, v: svc.performance_record(
           actor=u, dispute=o, on=d["on"], amount=d["amount"] or Decimal(0), note=d["note"],
           complete=d["complete"], version=version(v)),
       role(*MEDIATORS, statuses=(S.AGREED,)), to=S.PERFORMED),
    Op("confirmation", _("登记申请司法确认"), lambda o, d: forms.ConfirmationForm(d),
       lambda u, o, d, v: svc.confirmation_apply(actor=u, dispute=o, on=d["on"], court=d["court"]),
       role(*MEDIATORS, statuses=(S.AGREED,))),
    Op("fail", _("调解不成"), lambda o, d: forms.FailForm(d),
       lambda u, o, d, v: svc.fail(actor=u, dispute=o, on=d["on"], route=d["route"],
                                   reason=d["reason"], version=version(v)), move(S.FAILED)),
    Op("breach", _("协议未履行"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: svc.breach(actor=u, dispute=o, on=d["on"], reason=d["reason"],
                                     version=version(v)), move(S.BREACHED)),
    Op("refuse", _("不予受理"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: svc.refuse(actor=u, dispute=o, on=d["on"], reason=d["reason"],
                                     version=version(v)), move(S.REFUSED)),
]  # fmt: skip


@login_required
def dispute_list(request):
    g = request.GET
    qs = queries.disputes(request.user)
    status, category, q = g.get("status", ""), g.get("category", ""), g.get("q", "").strip()
    year = g.get("year", "").strip()
    if status in S.values:
        qs = qs.filter(status=status)
    if category in Category.values:
        qs = qs.filter(category=category)
    if g.get("major"):
        qs = qs.filter(is_major=True)
    if year.isdigit():
        qs = qs.filter(received_on__year=int(year))
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q))
    if g.get("export") == "xlsx":
        reg = exports.MEDIATIONS
        return export_response(
            reg,
            qs.select_related("agreement").order_by("-id")[: exports.EXPORT_LIMIT],
            str(reg.title),
        )
    return list_page(
        request,
        "disputes/mediation/list.html",
        keyset(qs, request, key="id"),
        statuses=S.choices,
        categories=Category.choices,
        status=status,
        category=category,
        q=q,
        year=year,
        can_new=queries.committees(request.user).exists()
        and scoping.has_role(request.user, *MEDIATORS),
    )


@login_required
def dispute_new(request):
    committees = scoping.scope(
        request.user, queries.committees(request.user), roles=MEDIATORS
    ).filter(is_active=True)
    form = forms.DisputeForm(request.POST or None, committees=committees, streets=queries.streets())

    def create(d):
        parties = form.parties()
        return svc.receive(
            actor=request.user,
            committee=d["committee"],
            category=d["category"],
            source=d["source"],
            facts=d["facts"],
            parties=parties,
            received_on=d["received_on"],
            street=d["street"],
            place=d["place"],
            amount_claimed=d["amount_claimed"],
            is_major=d["is_major"],
            major_reason=d["major_reason"],
        )

    return new_page(
        request,
        form,
        create,
        _("受理矛盾纠纷"),
        "disputes:disputes",
        lambda x: reverse("disputes:dispute", args=[x.pk]),
    )


def _dispute(request, pk):
    return scoping.get_for(request.user, queries.disputes(request.user), pk)


@login_required
def dispute_detail(request, pk: int):
    d = _dispute(request, pk)
    return page(
        request,
        d,
        OPS,
        "disputes/mediation/detail.html",
        parties=d.parties.all(),
        sessions=d.sessions.select_related("mediator"),
        agreement=getattr(d, "agreement", None),
        repeat=crossref.repeat_people(request.user, d),
    )


@login_required
@require_POST
def dispute_act(request, pk: int):
    d = _dispute(request, pk)
    return act(request, d, OPS, reverse("disputes:dispute", args=[pk]))


@login_required
def committees(request):
    qs = queries.committees(request.user).annotate(n=Count("mediators"))
    return list_page(request, "disputes/mediation/committees.html", keyset(qs, request))


@login_required
def hot_spots(request):
    """早期预警: streets where petitions and disputes gathered in the last 90 days (or the
    year asked for)."""
    year = request.GET.get("year", "").strip()
    if year.isdigit():
        since, until = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        threshold = 100
    else:
        until = clock.today()
        since = until - dt.timedelta(days=90)
        threshold = 5
    spots = crossref.hot_spots(request.user, since, until, threshold=threshold)
    return render(
        request,
        "disputes/mediation/hot_spots.html",
        {
            "spots": spots,
            "since": since,
            "until": until,
            "threshold": threshold,
            "year": year,
            "active": "disputes",
        },
    )
