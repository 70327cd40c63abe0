"""Staff pages for cases: list with filters and export, intake, the case page with its
timeline, clocks and the actions its status allows. Views only parse and call services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from fazhi.core import clocks, ledger, scoping, workflow
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, queries
from .. import forms as f
from ..filters import CaseFilter
from ..models import Case, CaseStatus, EnforcementField, Publication, Source
from ..services import case_clocks, decisions, execution, publicity
from ..services import cases as svc
from .common import listed


@login_required
def case_list(request):
    qs, flt = listed(CaseFilter, request, queries.cases(request.user))
    status, q = flt["status"], flt["q"]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.CASES, qs.order_by("-id")[:100000])
    page = keyset(qs, request, key="id")
    return render(
        request,
        "enforcement/cases/list.html",
        {
            "page": page,
            "status": status,
            "q": q,
            "statuses": CaseStatus.choices,
            "f": flt,
            "bodies": queries.bodies(request.user).order_by("org__name"),
            "fields": EnforcementField.objects.all(),
            "sources": Source.choices,
            "can_open": scoping.has_role(request.user, Role.CLERK, Role.OFFICER, Role.LEADER),
            "can_import": scoping.has_role(request.user, Role.LEADER, Role.ADMIN),
        },
    )


@login_required
def case_new(request):
    bodies = queries.bodies(request.user)
    form = f.CaseForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            case = svc.case_open(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for m in getattr(exc, "messages", [str(exc)]):
                form.add_error(None, m)
        else:
            messages.success(request, _("案件线索已登记：%(n)s") % {"n": case.number})
            return redirect("enforcement:case", pk=case.pk)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": _("登记案件线索"), "back": "enforcement:cases"},
    )


def _case(request, pk) -> Case:
    return scoping.get_for(request.user, queries.cases(request.user), pk)


def _can(user, case: Case) -> dict[str, bool]:
    """The record-keeping actions (not moves of the table) the user may take now on the
    case: the same roles as their services require, and the statuses they are open in."""
    s = case.status
    staff = scoping.has_role(user, Role.OFFICER, Role.LEADER, obj=case)
    desk = scoping.has_role(user, Role.OFFICER, Role.CLERK, Role.LEADER, obj=case)
    leader = scoping.has_role(user, Role.LEADER, obj=case)
    paying = s in (CaseStatus.SERVED, CaseStatus.EXECUTING)
    return {
        "assign": staff and s in (CaseStatus.CLUE, CaseStatus.REGISTERED),
        "evidence": staff
        and s in (CaseStatus.CLUE, CaseStatus.REGISTERED, CaseStatus.PROPOSED, CaseStatus.HEARING),
        "recording": staff and s not in Case.CLOSED_STATUSES,
        "party_rights": desk and s == CaseStatus.NOTIFIED and not case.hearing_requested_on,
        "hearing_held": staff and s == CaseStatus.HEARING and not case.hearing_held_on,
        "review": s == CaseStatus.REVIEW and scoping.has_role(user, Role.REVIEWER, obj=case),
        "discussion": leader
        and case.needs_discussion
        and s in (CaseStatus.REVIEW, CaseStatus.DISCUSSION),
        "pay": desk and paying,
        "arrange": leader and paying,
        "court": staff and s == CaseStatus.EXECUTING,
        "clocks": staff,
        "publish": scoping.has_role(user, *publicity.PUBLISHERS, obj=case),
    }


@login_required
def case_detail(request, pk: int):
    case = _case(request, pk)
    decision = getattr(case, "decision", None)
    all_moves = workflow.moves_for(case, request.user)
    clock_cards = [
        (c, clocks.card(c), clocks.explain(c) if not c.paused and c.due_on else None)
        for c in clocks.for_subject(case)
    ]
    return render(
        request,
        "enforcement/cases/detail.html",
        {
            "case": case,
            "decision": decision,
            "publication": Publication.objects.filter(decision=decision).first()
            if decision
            else None,
            "clocks": clock_cards,
            "open_clocks": any(c.stopped_on is None for c, _card, _due in clock_cards),
            "timeline": ledger.timeline(case),
            "moves": {m.to: m.transition for m in all_moves if not m.problem},
            "blocked": [m for m in all_moves if m.problem],
            "can": _can(request.user, case),
            "officers": case.officers.select_related("officer", "certificate"),
            "evidence": case.evidence.select_related("collected_by", "attachment"),
            "recordings": case.recordings.select_related("officer", "attachment"),
            "reviews": case.reviews.select_related("reviewer"),
            "forms": {
                "date": f.DateForm(),
                "assign": f.AssignForm(case=case),
                "evidence": f.EvidenceForm(case=case),
                "proposal": f.ProposalForm(case=case),
                "decision": f.DecisionForm(case=case),
                "service": f.ServiceForm(),
                "payment": f.PaymentForm(),
                "recording": f.RecordingForm(case=case),
                "arrangement": f.ArrangementForm(),
                "clock_pause": f.ClockPauseForm(case=case),
                "clock_resume": f.ClockResumeForm(case=case),
                "clock_extend": f.ClockExtendForm(case=case),
                "court": f.CourtForm(),
                "review": f.ReviewForm(),
                "discussion": f.DiscussionForm(),
                "reason": f.ReasonForm(),
            },
        },
    )


def _kinds(d) -> list[str]:
    kinds = ["warning"] if d.get("warning") else []
    if d.get("fine"):
        kinds.append("fine")
    return kinds


@login_required
@require_POST
def case_act(request, pk: int):
    """One endpoint for the case page's actions; ``op`` names the service to call."""
    case = _case(request, pk)
    op, user, post = request.POST.get("op", ""), request.user, request.POST
    version = post.get("version")

    def valid(form):
        if not form.is_valid():
            raise ValidationError(
                [
                    _("%(f)s：%(m)s") % {"f": form.fields[k].label, "m": v[0]}
                    if k != "__all__"
                    else v[0]
                    for k, v in form.errors.items()
                ]
            )
        return form.cleaned_data

    try:
        if op == "register":
            svc.register(actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version)
        elif op == "assign":
            d = valid(f.AssignForm(post, case=case))
            svc.assign_officer(actor=user, case=case, officer=d["officer"], lead=d["lead"])
        elif op == "evidence":
            d = valid(f.EvidenceForm(post, request.FILES, case=case))
            upload = d.get("file")
            svc.evidence_add(
                actor=user,
                case=case,
                kind=d["kind"],
                title=d["title"],
                collected_on=d["collected_on"],
                officer=d["officer"],
                content=upload.read() if upload else None,
                filename=upload.name if upload else "",
            )
        elif op == "recording":
            d = valid(f.RecordingForm(post, request.FILES, case=case))
            upload = d["file"]
            svc.recording_add(
                actor=user,
                case=case,
                officer=d["officer"],
                device=d["device"],
                recorded_at=d["recorded_at"],
                place=d["place"],
                content=upload.read(),
                filename=upload.name,
            )
        elif op == "propose":
            d = valid(f.ProposalForm(post, case=case))
            svc.propose(
                actor=user,
                case=case,
                fine=d["fine"] or Decimal(0),
                band=d["band"],
                kinds=_kinds(d),
                needs_discussion=d["needs_discussion"],
                version=version,
            )
        elif op == "notify":
            svc.notify(actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version)
        elif op == "waive":
            svc.waive_statements(actor=user, case=case, on=valid(f.DateForm(post))["on"])
        elif op == "request_hearing":
            svc.request_hearing(actor=user, case=case, on=valid(f.DateForm(post))["on"])
        elif op == "open_hearing":
            svc.open_hearing(
                actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version
            )
        elif op == "hearing_held":
            svc.record_hearing(actor=user, case=case, held_on=valid(f.DateForm(post))["on"])
        elif op == "submit_review":
            svc.submit_review(
                actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version
            )
        elif op == "review":
            d = valid(f.ReviewForm(post))
            svc.review_opinion(
                actor=user, case=case, opinion=d["opinion"], reasons=d["reasons"], on=d["on"]
            )
        elif op == "discussion":
            d = valid(f.DiscussionForm(post))
            svc.record_discussion(actor=user, case=case, **d)
        elif op == "discuss":
            svc.to_discussion(
                actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version
            )
        elif op == "decide":
            d = valid(f.DecisionForm(post, case=case))
            decisions.decide(
                actor=user,
                case=case,
                on=d["on"],
                outcome=d["outcome"],
                fine=d["fine"] or Decimal(0),
                band=d["band"],
                basis=d["basis"],
                kinds=_kinds(d),
                version=version,
            )
        elif op == "serve":
            d = valid(f.ServiceForm(post))
            decisions.serve(actor=user, case=case, on=d["on"], method=d["method"], version=version)
        elif op == "pay":
            d = valid(f.PaymentForm(post))
            decisions.pay(
                actor=user, case=case, on=d["on"], amount=d["amount"], receipt=d["receipt"]
            )
        elif op == "clock_pause":
            d = valid(f.ClockPauseForm(post, case=case))
            case_clocks.clock_pause(actor=user, case=case, **d)
        elif op == "clock_resume":
            d = valid(f.ClockResumeForm(post, case=case))
            case_clocks.clock_resume(actor=user, case=case, **d)
        elif op == "clock_extend":
            d = valid(f.ClockExtendForm(post, case=case))
            case_clocks.clock_extend(actor=user, case=case, **d)
        elif op == "arrange":
            d = valid(f.ArrangementForm(post))
            execution.arrangement_approve(actor=user, case=case, **d)
        elif op == "court":
            d = valid(f.CourtForm(post))
            decisions.court_apply(actor=user, case=case, **d)
        elif op == "execute":
            decisions.execute(
                actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version
            )
        elif op == "close":
            decisions.close(
                actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version
            )
        elif op == "archive":
            decisions.archive(
                actor=user, case=case, on=valid(f.DateForm(post))["on"], version=version
            )
        elif op == "drop":
            d = valid(f.ReasonForm(post))
            svc.drop(actor=user, case=case, reason=d["reason"], on=d["on"], version=version)
        elif op == "back":
            d = valid(f.ReasonForm(post))
            svc.send_back(actor=user, case=case, reason=d["reason"], on=d["on"], version=version)
        elif op == "publish":
            publicity.publish(actor=user, decision=case.decision, on=valid(f.DateForm(post))["on"])
        elif op == "withdraw":
            d = valid(f.ReasonForm(post))
            publicity.withdraw(
                actor=user, publication=case.decision.publication, on=d["on"], reason=d["reason"]
            )
        else:
            raise Http404
    except workflow.InvalidTransition as exc:
        messages.error(request, exc.message)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(
            request, pgettext("list separator", "；").join(getattr(exc, "messages", [str(exc)]))
        )
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:case", pk=case.pk)
