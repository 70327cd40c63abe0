"""Staff pages of major administrative decisions (重大行政决策): the list, starting a
decision, and a decision's page with every statutory step as a move — public participation
(a consultation on the site, or a hearing or symposium recorded), expert argument, risk
assessment, the report to the party committee, legality review, the meeting with the
Justice Bureau's head, the decision, publication with its explanation, the post-decision
evaluation and the archive. Putting it to the meeting is offered only when every required
step is complete; otherwise the page says what is missing (the table's conditions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import ledger, scoping
from fazhi.core.models import Role

from . import forms, queries
from .docviews import DESK, Op, _problem, _run, _v
from .models import CatalogueItem, DecisionStatus, ReviewStatus
from .services import consultation as consult_services
from .services import decisions as svc
from .views import _error

M = DecisionStatus
OPEN_REVIEW = (ReviewStatus.SUBMITTED, ReviewStatus.ASSIGNED, ReviewStatus.PASSED,
               ReviewStatus.CONDITIONAL)  # fmt: skip


def _at(*statuses: str, where: str = "org", roles=DESK):
    return lambda u, d: d.status in statuses and scoping.has_role(u, *roles, org=getattr(d, where))


def _can_consult(u, d) -> bool:
    return _at(M.PREPARING)(u, d) and not d.consultations.exists()


def _can_review(u, d) -> bool:
    return _at(M.PREPARING)(u, d) and not d.reviews.filter(status__in=OPEN_REVIEW).exists()


DECISION_OPS = [
    Op("consult", gettext_lazy("公开征求意见"), lambda o, d: forms.ConsultForm(d),
       lambda u, o, c, v: consult_services.consultation_open(
           actor=u, decision=o, text=o.description or o.title, opens_on=c["opens_on"],
           closes_on=c["closes_on"], explanation=c["explanation"],
           shortened_reason=c["shortened_reason"]),
       _can_consult),
    Op("step", gettext_lazy("登记决策程序"), lambda o, d: forms.StepForm(d),
       lambda u, o, c, v: svc.step_record(actor=u, decision=o, kind=c["kind"], on=c["on"],
                                          by=c["by"], summary=c["summary"]),
       _at(M.PREPARING)),
    Op("review", gettext_lazy("送合法性审查"), lambda o, d: forms.ReviewSendForm(d),
       lambda u, o, c, v: svc.send_for_review(actor=u, decision=o, on=c["on"], text=c["text"]),
       _can_review),
    Op("submit", gettext_lazy("提交集体讨论"), lambda o, d: forms.DateForm(d),
       lambda u, o, c, v: svc.submit_to_meeting(actor=u, decision=o, on=c["on"], version=_v(v)),
       _at(M.PREPARING), M.DISCUSSION),
    Op("meeting", gettext_lazy("登记集体讨论"), lambda o, d: forms.MeetingForm(d),
       lambda u, o, c, v: svc.meeting_record(
           actor=u, decision=o, on=c["on"], meeting=c["meeting"], attendees=c["attendees"],
           justice_head_present=c["justice_head_present"], outcome=c["outcome"],
           dissent=c["dissent"]),
       _at(M.DISCUSSION, where="registrar_org")),
    Op("decide", gettext_lazy("作出决定"), lambda o, d: forms.DateForm(d),
       lambda u, o, c, v: svc.decide(actor=u, decision=o, on=c["on"], version=_v(v)),
       _at(M.DISCUSSION, where="decision_body", roles=(Role.LEADER,)), M.DECIDED),
    Op("send_back", gettext_lazy("暂缓决定或不予通过"), lambda o, d: forms.SendBackForm(d),
       lambda u, o, c, v: svc.send_back(actor=u, decision=o, on=c["on"], reason=c["reason"],
                                        reject=c["reject"]),
       _at(M.DISCUSSION, where="decision_body", roles=(Role.LEADER,))),
    Op("publish", gettext_lazy("公布决策"), lambda o, d: forms.DecisionPublishForm(d),
       lambda u, o, c, v: svc.publish(actor=u, decision=o, on=c["on"],
                                      explanation=c["explanation"]),
       _at(M.DECIDED, where="registrar_org"), M.PUBLISHED),
    Op("evaluate", gettext_lazy("登记决策后评估"), lambda o, d: forms.EvaluateForm(d),
       lambda u, o, c, v: svc.evaluate(actor=u, decision=o, on=c["on"], by=c["by"],
                                       summary=c["summary"]),
       _at(M.PUBLISHED, M.ARCHIVED)),
    Op("archive", gettext_lazy("归档"), lambda o, d: forms.DateForm(d),
       lambda u, o, c, v: svc.archive(actor=u, decision=o, on=c["on"], version=_v(v)),
       _at(M.PUBLISHED, where="registrar_org"), M.ARCHIVED),
]  # fmt: skip


@login_required
def decisions(request):
    status = request.GET.get("status", "").strip()
    status = status if status in M.values else ""
    return render(
        request,
        "legality/decisions.html",
        {
            "rows": queries.decisions(request.user, status=status)[:500],
            "status": status,
            "statuses": M.choices,
            "can_start": queries.my_orgs(request.user, *DESK).exists(),
        },
    )


@login_required
def decision_new(request):
    orgs = queries.my_orgs(request.user, *DESK)
    items = CatalogueItem.objects.filter(lead_org__in=orgs).select_related("catalogue")
    form = forms.DecisionForm(request.POST or None, orgs=orgs, items=items)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        issuer = c.pop("issuer")
        try:
            dec = svc.decision_create(
                actor=request.user, decision_body=issuer.org, registrar_org=issuer.registrar_org,
                review_org=issuer.review_org, **c,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已启动决策事项：%(n)s") % {"n": dec.number})
            return redirect("legality:decision", pk=dec.pk)
    return render(request, "legality/decision_new.html", {"form": form})


@login_required
def decision(request, pk):
    dec = queries.decision(request.user, pk)
    ops, blocked = [], []
    for op in DECISION_OPS:
        if not op.show(request.user, dec):
            continue
        problem = _problem(dec, op.to, request.user) if op.to else ""
        if problem:
            blocked.append({"label": op.label, "problem": problem})
        else:
            ops.append((op, op.form(dec, None)))
    return render(
        request,
        "legality/decision.html",
        {
            "d": dec,
            "steps": dec.steps.order_by("done_on", "id"),
            "reviews": dec.reviews.order_by("id"),
            "consultations": dec.consultations.order_by("id"),
            "ops": ops,
            "blocked": blocked,
            "act_url": reverse("legality:decision_act", args=[dec.pk]),
            "obj": dec,
            "timeline": ledger.timeline(dec),
        },
    )


@login_required
@require_POST
def decision_act(request, pk):
    dec = queries.decision(request.user, pk)
    return _run(request, dec, DECISION_OPS, reverse("legality:decision", args=[pk]))
