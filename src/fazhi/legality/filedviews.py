"""Staff pages of the filing review (备案审查) of the departments' and streets' own normative
documents — 有件必备、有备必审、有错必纠: the register (a filing after the limit red-carded,
the review's own clock beside it; filters by status, filing body, red card), receiving a
filing, and a filing's page where the Justice Bureau records the problems it found and its
conclusion, the filing body reports each correction and the bureau confirms them all done.
Every write is a service (``services/oversight.py``); every read goes through ``queries``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clocks, dates, scoping
from fazhi.core.models import Clock, Organisation, OrgKind, Role

from . import forms, queries
from .docviews import Op, _problem, _run
from .models import FiledDocument, FilingStatus, Issuer
from .services import oversight as svc
from .views import _error

F = FilingStatus
RECEIVERS = (Role.CLERK, Role.LEADER, Role.REVIEWER)
REVIEWERS = (Role.REVIEWER, Role.LEADER)
FILERS = (Role.CLERK, Role.LEADER)
# the bodies that file their own documents with the district: departments and streets
NOT_FILERS = (OrgKind.DISTRICT, OrgKind.COMMUNITY, OrgKind.VILLAGE, OrgKind.EXTERNAL)


def _reviewer(*statuses: str):
    return lambda u, f: f.status in statuses and scoping.has_role(u, *REVIEWERS, org=f.review_org)


def _filer(u, f) -> bool:
    return (
        f.status == F.CORRECTING
        and f.problems.filter(corrected_on__isnull=True).exists()
        and scoping.has_role(u, *FILERS, org=f.org)
    )


def _problem_of(f, pk):
    p = f.problems.filter(pk=pk).first()
    if p is None:
        raise ValidationError(_("该问题不属于本件备案文件。"))
    return p


FILED_OPS = [
    Op("problem", gettext_lazy("登记问题和纠正要求"), lambda o, d: forms.FiledProblemForm(d),
       lambda u, o, c, v: svc.filed_problem_add(
           actor=u, filing=o, description=c["description"], requirement=c["requirement"],
           due_on=c["due_on"]),
       _reviewer(F.RECEIVED)),
    Op("review", gettext_lazy("作出审查结论"), lambda o, d: forms.FiledReviewForm(d),
       lambda u, o, c, v: svc.filed_review(actor=u, filing=o, on=c["on"],
                                           opinion=c["opinion"]),
       _reviewer(F.RECEIVED)),
    Op("correction", gettext_lazy("报告纠正情况"), lambda o, d: forms.FiledCorrectionForm(d),
       lambda u, o, c, v: svc.filed_correction(
           actor=u, problem=_problem_of(o, c["problem"]), on=c["on"],
           correction=c["correction"]),
       _filer),
    Op("close", gettext_lazy("确认纠正完毕"), lambda o, d: forms.DateForm(d),
       lambda u, o, c, v: svc.filed_close(actor=u, filing=o, on=c["on"]),
       _reviewer(F.CORRECTING), F.CORRECTED),
]  # fmt: skip


def _review_orgs(user):
    """The reviewing bodies (those that review the issuers' documents, the Justice Bureau)
    where the user may register a filing."""
    return queries.my_orgs(user, *RECEIVERS).filter(pk__in=Issuer.objects.values("review_org"))


def _review_cards(rows) -> dict[int, object]:
    """The review clock's card of each filing on the page, in one query."""
    found = Clock.objects.filter(
        subject_type=FiledDocument._meta.label_lower, subject_id__in=[str(r.pk) for r in rows]
    ).select_related("rule", "version")
    return {int(c.subject_id): clocks.card(c) for c in found}


@login_required
def filings(request):
    from fazhi.ui.paging import keyset

    g = request.GET
    f = {k: g.get(k, "").strip() for k in ("status", "org", "late", "q")}
    rows = queries.filings(
        request.user,
        status=f["status"] if f["status"] in F.values else "",
        org=f["org"],
        late=f["late"] == "1",
        q=f["q"],
    )
    page = keyset(rows, request)
    cards = _review_cards(page.rows)
    return render(
        request,
        "legality/filings.html",
        {
            "page": page,
            "rows": [(r, cards.get(r.pk)) for r in page.rows],
            "f": f,
            "statuses": F.choices,
            "orgs": queries.filing_bodies(request.user),
            "can_receive": _review_orgs(request.user).exists(),
        },
    )


@login_required
def filed_new(request):
    """接收报备 (the desk of the reviewing body registers what a department or street
    filed)."""
    review_orgs = _review_orgs(request.user)
    orgs = Organisation.objects.exclude(kind__in=NOT_FILERS).order_by("path")
    form = forms.FiledReceiveForm(
        request.POST or None, request.FILES or None, review_orgs=review_orgs, orgs=orgs
    )
    if request.method == "POST" and form.is_valid():
        c = dict(form.cleaned_data)
        up = c.pop("upload")
        try:
            fd = svc.filed_receive(
                actor=request.user, **c, content=up.read() if up else None,
                filename=up.name if up else "",
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            if fd.late:
                messages.warning(
                    request,
                    _("已接收报备：%(n)s。报备期限为%(d)s，逾期报备，记红牌。")
                    % {"n": fd.number, "d": dates.fmt(fd.filing_due)},
                )
            else:
                messages.success(request, _("已接收报备：%(n)s") % {"n": fd.number})
            return redirect("legality:filed", pk=fd.pk)
    return render(request, "legality/filed_new.html", {"form": form})


@login_required
def filed(request, pk):
    fd = queries.filed(request.user, pk)
    ops = {op.key: op for op in FILED_OPS if op.show(request.user, fd)}
    problems = []
    for p in fd.problems.all():
        form = None
        if "correction" in ops and not p.corrected_on:
            form = forms.FiledCorrectionForm(initial={"problem": p.pk})
        problems.append((p, form))
    page_ops, blocked = [], []
    for key, op in ops.items():
        if key == "correction":
            continue
        problem = _problem(fd, op.to, request.user) if op.to else ""
        if problem:
            blocked.append({"label": op.label, "problem": problem})
        else:
            page_ops.append((op, op.form(fd, None)))
    review_clock = clocks.for_subject(fd).first()
    return render(
        request,
        "legality/filed.html",
        {
            "d": fd,
            "problems": problems,
            "correction_op": ops.get("correction"),
            "ops": page_ops,
            "blocked": blocked,
            "act_url": reverse("legality:filed_act", args=[fd.pk]),
            "obj": fd,
            "clock": review_clock,
            "card": clocks.card(review_clock) if review_clock else None,
        },
    )


@login_required
@require_POST
def filed_act(request, pk):
    fd = queries.filed(request.user, pk)
    return _run(request, fd, FILED_OPS, reverse("legality:filed", args=[pk]))
