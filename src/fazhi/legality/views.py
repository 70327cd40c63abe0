"""The legality staff pages, thin: the review register (the reviewer's queue first), a
review request with its rounds and the moves the user may make (assign, opinion), the
normative documents with their status history (the filing reviews are in
``filedviews``). Every write is a service; errors come back as messages."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import clock, clocks, scoping, workflow
from fazhi.core.models import Organisation, Role, User
from fazhi.ui.paging import keyset

from . import documents as printed
from . import queries
from .models import DocStatus, Opinion, ReviewKind, ReviewStatus
from .services import reviews as review_services


def _error(exc: Exception) -> str:
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return pgettext("list separator", "；").join(exc.messages)
    return str(exc) or _("操作被拒绝。")


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


@login_required
def home(request):
    g = request.GET
    f = {k: g.get(k, "").strip() for k in ("status", "kind", "mine")}
    rows = queries.reviews(
        request.user,
        status=f["status"] if f["status"] in ReviewStatus.values else "",
        kind=f["kind"] if f["kind"] in ReviewKind.values else "",
        mine=f["mine"] == "1",
    )
    return render(
        request,
        "legality/reviews.html",
        {
            "page": keyset(rows, request),
            "f": f,
            "statuses": ReviewStatus.choices,
            "kinds": ReviewKind.choices,
        },
    )


SENDERS = (Role.CLERK, Role.LEADER)


@login_required
def review_new(request):
    """送请合法性审查 of a document in the government's name or a contract (a normative
    document and a major decision are sent from their own pages)."""
    from . import forms
    from .models import Issuer

    orgs = queries.my_orgs(request.user, *SENDERS)
    review_orgs = Organisation.objects.filter(pk__in=Issuer.objects.values("review_org")).order_by(
        "path"
    )
    form = forms.ReviewRequestForm(request.POST or None, orgs=orgs, review_orgs=review_orgs)
    if request.method == "POST" and form.is_valid():
        try:
            req = review_services.open_request(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已送请合法性审查：%(n)s") % {"n": req.number})
            return redirect("legality:review", pk=req.pk)
    return render(request, "legality/review_new.html", {"form": form})


@login_required
def review(request, pk):
    req = queries.review(request.user, pk)
    last = req.round_set.order_by("-n").first()
    reviewers = []
    if scoping.has_role(request.user, Role.LEADER, Role.REVIEWER, org=req.review_org):
        reviewers = [
            u
            for u in User.objects.filter(memberships__org=req.review_org).distinct()
            if scoping.has_role(u, Role.REVIEWER, org=req.review_org)
        ]
    return render(
        request,
        "legality/review.html",
        {
            "r": req,
            "rounds": req.round_set.order_by("n"),
            "round_diffs": queries.round_diffs(req),
            "clocks": clocks.for_subject(req),
            "can_assign": req.status == ReviewStatus.SUBMITTED and bool(reviewers),
            "reviewers": reviewers,
            "can_opine": req.status == ReviewStatus.ASSIGNED and req.reviewer_id == request.user.pk,
            "can_resubmit": req.status == ReviewStatus.RETURNED
            and not req.document_id
            and scoping.has_role(request.user, *SENDERS, org=req.org),
            "can_withdraw": req.status in (ReviewStatus.SUBMITTED, ReviewStatus.RETURNED)
            and scoping.has_role(request.user, *SENDERS, org=req.org),
            "last_text": last.text if last else "",
            "opinions": Opinion.choices,
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def review_act(request, pk):
    req = queries.review(request.user, pk)
    p = request.POST
    on = _date(p.get("on", ""))
    try:
        if on is None:
            raise ValidationError(_("请填写日期（年-月-日）。"))
        if p.get("act") == "assign":
            who = User.objects.filter(pk=p.get("reviewer") or 0).first()
            review_services.assign(actor=request.user, request=req, reviewer=who, on=on)
            messages.success(request, _("已分派审查人员。"))
        elif p.get("act") == "opinion":
            review_services.give_opinion(
                actor=request.user, request=req, opinion=p.get("opinion", ""), on=on,
                reasons=p.get("reasons", ""), version=int(p.get("version") or 0) or None,
            )  # fmt: skip
            messages.success(request, _("已出具合法性审查意见。"))
        elif p.get("act") == "resubmit":
            if not p.get("text", "").strip():
                raise ValidationError(_("请填写修改后的送审文本。"))
            review_services.resubmit(actor=request.user, request=req, on=on, text=p["text"])
            messages.success(request, _("已重新送审。"))
        elif p.get("act") == "withdraw":
            if not p.get("reason", "").strip():
                raise ValidationError(_("请写明撤回理由。"))
            review_services.withdraw(
                actor=request.user, request=req, on=on, reason=p["reason"],
                version=int(p.get("version") or 0) or None,
            )  # fmt: skip
            messages.success(request, _("已撤回送审。"))
        else:
            raise ValidationError(_("未知的操作。"))
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        messages.error(request, _error(exc))
    return redirect("legality:review", pk=req.pk)


@login_required
def documents(request):
    status = request.GET.get("status", "").strip()
    rows = queries.documents(request.user, status=status if status in DocStatus.values else "")
    return render(
        request,
        "legality/documents.html",
        {"page": keyset(rows, request), "status": status, "statuses": DocStatus.choices},
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(data: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=DOCX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    resp["Cache-Control"] = "private, no-store"
    return resp


@login_required
@require_GET
def opinion_docx(request, pk, n):
    """The 合法性审查意见书 of round ``n``, once its opinion is given."""
    req = queries.review(request.user, pk)
    rnd = req.round_set.filter(n=n, decided_on__isnull=False).first()
    if rnd is None:
        raise Http404
    return download(printed.opinion_docx(rnd), f"{req.number}-{printed.opinion_title(rnd)}.docx")


@login_required
@require_GET
def document_docx(request, pk):
    """The published normative document as issued."""
    doc = queries.document(request.user, pk)
    if not doc.doc_number:
        raise Http404
    return download(printed.normative_docx(doc), f"{doc.doc_number}-{doc.title}.docx")
