"""Staff pages: audit projects with their findings, the rectification of each finding, and
the legacy-commitments ledger. Views parse and call services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clocks, ledger, scoping, workflow
from fazhi.core.workflow import InvalidTransition
from fazhi.ui.excel import excel_response, export_response
from fazhi.ui.paging import keyset

from . import exports, queries
from .models import CommitmentStatus, RectificationStatus
from .services import commitments as cs
from .services import projects as ps


def _date(post, key="on") -> dt.date:
    try:
        return dt.date.fromisoformat(post.get(key, "").strip())
    except ValueError:
        raise ValidationError(_("请填写日期（年-月-日）。")) from None


def _run(request, fn) -> None:
    try:
        fn()
    except InvalidTransition as exc:
        messages.error(request, exc.message)
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
    else:
        messages.success(request, _("已办理。"))


def _cards(obj):
    return [
        (c, clocks.card(c), clocks.explain(c) if not c.paused and c.due_on else None)
        for c in clocks.for_subject(obj)
    ]


@login_required
def project_list(request):
    qs = queries.projects(request.user)
    year, q = request.GET.get("year", "").strip(), request.GET.get("q", "").strip()
    if year.isdigit():
        qs = qs.filter(reported_on__year=int(year))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(audited_name__icontains=q) | Q(number__icontains=q))
    if request.GET.get("export") == "xlsx":
        return export_response(
            exports.PROJECTS,
            qs.order_by("-id")[: exports.EXPORT_LIMIT],
            str(exports.PROJECTS.title),
        )
    totals = qs.aggregate(cut=Sum("cut_amount"))
    return render(
        request,
        "audit/projects.html",
        {
            "page": keyset(qs, request, key="id"),
            "year": year,
            "q": q,
            "count": qs.count(),
            "cut": totals["cut"] or 0,
        },
    )


@login_required
def project_detail(request, pk: int):
    p = scoping.get_for(request.user, queries.projects(request.user), pk)
    return render(
        request,
        "audit/project.html",
        {
            "p": p,
            "findings": p.findings.select_related("rectification__org"),
            "timeline": ledger.timeline(p),
        },
    )


@login_required
def rectification_list(request):
    qs = queries.rectifications(request.user)
    status = request.GET.get("status", "")
    if status in RectificationStatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "audit/rectifications.html",
        {
            "page": keyset(qs, request, key="id"),
            "status": status,
            "statuses": RectificationStatus.choices,
        },
    )


@login_required
def rectification_detail(request, pk: int):
    r = scoping.get_for(request.user, queries.rectifications(request.user), pk)
    moves = workflow.moves_for(r, request.user)
    return render(
        request,
        "audit/rectification.html",
        {
            "r": r,
            "clocks": _cards(r),
            "timeline": ledger.timeline(r),
            "moves": {m.to: m.transition for m in moves},
            "evidence": r.evidence.all(),
            "can_evidence": r.status != RectificationStatus.CLOSED
            and scoping.has_role(request.user, *ps.STAFF, obj=r),
        },
    )


@login_required
@require_POST
def rectification_act(request, pk: int):
    r = scoping.get_for(request.user, queries.rectifications(request.user), pk)
    op, u, p = request.POST.get("op", ""), request.user, request.POST
    v = p.get("version") or None
    ops = {
        "evidence": lambda: ps.evidence_add(
            actor=u, rectification=r, description=p.get("description", ""), dated_on=_date(p)
        ),
        "submit": lambda: ps.rectification_submit(
            actor=u,
            rectification=r,
            measures=p.get("measures", ""),
            on=_date(p),
            version=v,
            recovered_amount=p.get("amount", "") or 0,
        ),
        "close": lambda: ps.rectification_close(
            actor=u, rectification=r, confirmation=p.get("confirmation", ""), on=_date(p), version=v
        ),
        "return": lambda: ps.rectification_return(
            actor=u, rectification=r, reason=p.get("reason", ""), on=_date(p), version=v
        ),
    }
    _run(request, ops.get(op, lambda: (_ for _ in ()).throw(ValidationError(_("未知的操作。")))))
    return redirect("audit:rectification", pk=r.pk)


@login_required
def commitment_list(request):
    qs = queries.commitments(request.user)
    status, q = request.GET.get("status", ""), request.GET.get("q", "").strip()
    if status in CommitmentStatus.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(counterparty__icontains=q) | Q(number__icontains=q))
    if request.GET.get("export") == "xlsx":
        return export_response(
            exports.COMMITMENTS,
            qs.order_by("-id")[: exports.EXPORT_LIMIT],
            str(exports.COMMITMENTS.title),
        )
    return render(
        request,
        "audit/commitments.html",
        {
            "page": keyset(qs, request, key="id"),
            "status": status,
            "q": q,
            "statuses": CommitmentStatus.choices,
        },
    )


@login_required
def commitment_detail(request, pk: int):
    c = scoping.get_for(request.user, queries.commitments(request.user), pk)
    moves = workflow.moves_for(c, request.user)
    return render(
        request,
        "audit/commitment.html",
        {
            "c": c,
            "progress": c.progress.all(),
            "timeline": ledger.timeline(c),
            "moves": {m.to: m.transition for m in moves},
            "can_progress": c.status != CommitmentStatus.CLOSED
            and scoping.has_role(request.user, *cs.STAFF, obj=c),
        },
    )


@login_required
@require_POST
def commitment_act(request, pk: int):
    c = scoping.get_for(request.user, queries.commitments(request.user), pk)
    op, u, p = request.POST.get("op", ""), request.user, request.POST
    v = p.get("version") or None
    ops = {
        "progress": lambda: cs.commitment_progress(
            actor=u,
            commitment=c,
            text=p.get("text", ""),
            on=_date(p),
            settled=p.get("settled", "") or 0,
        ),
        "handover": lambda: cs.commitment_handover(
            actor=u, commitment=c, new_leader=p.get("leader", ""), on=_date(p)
        ),
        "resolve": lambda: cs.commitment_resolve(actor=u, commitment=c, on=_date(p), version=v),
        "close": lambda: cs.commitment_close(
            actor=u, commitment=c, reason=p.get("reason", ""), on=_date(p), version=v
        ),
        "reopen": lambda: cs.commitment_reopen(
            actor=u, commitment=c, reason=p.get("reason", ""), on=_date(p), version=v
        ),
    }
    _run(request, ops.get(op, lambda: (_ for _ in ()).throw(ValidationError(_("未知的操作。")))))
    return redirect("audit:commitment", pk=c.pk)


@login_required
def rollup(request):
    year = request.GET.get("year", "").strip()
    year = int(year) if year.isdigit() else 2019
    if request.GET.get("export") == "reports":  # the issued roll-ups, as frozen
        return export_response(
            exports.ROLLUPS, exports.ROLLUPS.records(actor=request.user), str(exports.ROLLUPS.title)
        )
    rows = queries.rollup(request.user, year)
    headers = [
        _("审计类型"),
        _("完成项目数"),
        _("送审金额（元）"),
        _("审定金额（元）"),
        _("审减金额（元）"),
        _("发现问题数"),
        _("已销号问题数"),
    ]
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("审计工作情况汇总"),
            headers,
            (
                (
                    r["label"],
                    r["n"],
                    r["submitted"],
                    r["approved"],
                    r["cut"],
                    r["findings"],
                    r["closed"],
                )
                for r in rows
            ),
        )
    from .views_rollup import issue_context

    return render(
        request,
        "audit/rollup.html",
        {"rows": rows, "year": year, "headers": headers, **issue_context(request)},
    )


@login_required
def visit_list(request):
    from fazhi.core.models import Organisation

    from .models import VisitKind

    ids = [m.org_id for m in scoping.memberships(request.user, cs.STAFF)]
    orgs = Organisation.objects.filter(pk__in=ids)
    if request.method == "POST":
        p = request.POST

        def register():
            org = scoping.get_for(request.user, orgs, int(p.get("org", "0") or 0))
            cs.visit_record(
                actor=request.user,
                org=org,
                kind=p.get("kind", ""),
                company=p.get("company", ""),
                credit_code=p.get("credit_code", ""),
                held_on=_date(p),
                problems=p.get("problems", ""),
            )

        _run(request, register)
        return redirect("audit:visits")
    return render(
        request,
        "audit/visits.html",
        {
            "page": keyset(queries.visits(request.user), request, key="id"),
            "orgs": orgs,
            "kinds": VisitKind.choices,
        },
    )
