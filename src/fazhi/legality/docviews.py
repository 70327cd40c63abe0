"""Staff pages of a normative document's life: the drafting form, the document page with the
moves the user may make now (a new draft, public consultation, legality review, the
collective deliberation, 三统一 and the filings), and the consultation page where the
drafter moderates and disposes of the public's comments, closes the consultation and
publishes the summary. Each move is an ``Op``: a form and the service it calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clock, ledger, scoping, workflow
from fazhi.core.models import Role

from . import forms, queries
from .models import CommentStatus, DocStatus
from .services import consultation as consult_services
from .services import normative as svc
from .views import _error

D = DocStatus
DESK = (Role.CLERK, Role.LEADER)


@dataclass(frozen=True)
class Op:
    """One action on a page: ``form(obj, data)`` builds its form, ``run(user, obj, d,
    version)`` calls the service, ``show(user, obj)`` says whether to offer it."""

    key: str
    label: Any
    form: Callable[..., djforms.Form]
    run: Callable[..., Any]
    show: Callable[..., bool]
    to: str = ""  # the status the op moves the document to (its table's conditions apply)


def _problem(doc, to: str, user) -> str:
    """What stops the move of ``doc`` to ``to`` now (the table's conditions), or ''."""
    t = type(doc).TRANSITIONS.get(doc.status, {}).get(to)
    for cond in t.conditions if t else ():
        problem = cond(doc, user, {"reason": "", "data": {}})
        if problem:
            return str(problem)
    return ""


def _v(v) -> int | None:
    try:
        return int(v) if v not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _at(*statuses: str, where: str = "org") -> Callable[..., bool]:
    """Offer the op in ``statuses`` to the desk of the document's ``where`` body."""
    return lambda u, d: d.status in statuses and scoping.has_role(u, *DESK, org=getattr(d, where))


def _text(d) -> str:
    v = d.versions.order_by("-n").first()
    return v.text if v else ""


def _can_consult(u, d) -> bool:
    return (
        _at(D.DRAFTING)(u, d)
        and d.needs_consultation
        and not d.consultations.exists()
        and d.versions.exists()
    )


def _unfiled(d):
    return d.filings.filter(filed_on__isnull=True).select_related("body").order_by("body__name")


def _filing(u, d, c, v):
    f = _unfiled(d).filter(pk=int(c["filing"])).first()
    if f is None:
        raise ValidationError(_("请选择尚未报送的备案机关。"))
    return svc.filing_record(
        actor=u, filing=f, on=c["on"], receipt=c["receipt"], late_reason=c["late_reason"]
    )


DOC_OPS = [
    Op("version", gettext_lazy("登记新稿本"), lambda o, d: forms.VersionForm(d),
       lambda u, o, c, v: svc.version_add(actor=u, document=o, on=c["on"], text=c["text"],
                                          note=c["note"]),
       _at(D.DRAFTING, D.REVIEWED)),
    Op("consult", gettext_lazy("公开征求意见"), lambda o, d: forms.ConsultForm(d),
       lambda u, o, c, v: consult_services.consultation_open(
           actor=u, document=o, text=_text(o), opens_on=c["opens_on"], closes_on=c["closes_on"],
           explanation=c["explanation"], shortened_reason=c["shortened_reason"]),
       _can_consult),
    Op("submit", gettext_lazy("送合法性审核"), lambda o, d: forms.DateForm(d),
       lambda u, o, c, v: svc.submit_review(actor=u, document=o, on=c["on"], version=_v(v)),
       _at(D.DRAFTING), D.REVIEWING),
    Op("deliberate", gettext_lazy("登记集体审议"), lambda o, d: forms.DeliberateForm(d),
       lambda u, o, c, v: svc.deliberate(actor=u, document=o, on=c["on"], meeting=c["meeting"],
                                         note=c["note"], passed=c["passed"], version=_v(v)),
       _at(D.REVIEWED, where="registrar_org"), D.DELIBERATED),
    Op("publish", gettext_lazy("统一登记、编号、发布"), lambda o, d: forms.PublishForm(d),
       lambda u, o, c, v: svc.publish(actor=u, document=o, on=c["on"],
                                      effective_on=c["effective_on"],
                                      immediate_reason=c["immediate_reason"],
                                      valid_until=c["valid_until"], version=_v(v)),
       _at(D.DELIBERATED, where="registrar_org"), D.ISSUED),
    Op("filing", gettext_lazy("报送备案"),
       lambda o, d: forms.FilingForm(d, filings=_unfiled(o)), _filing,
       lambda u, d: _at(D.ISSUED, where="registrar_org")(u, d) and _unfiled(d).exists()),
    Op("amend", gettext_lazy("登记修改"), lambda o, d: forms.AmendForm(d, initial={"text": o.body_text}),
       lambda u, o, c, v: svc.amend(actor=u, document=o, on=c["on"], text=c["text"],
                                    ref=c["ref"], note=c["note"]),
       _at(D.ISSUED, where="registrar_org")),
    Op("end", gettext_lazy("登记废止或失效"), lambda o, d: forms.EndForm(d),
       lambda u, o, c, v: svc.end_life(actor=u, document=o, to=c["to"], on=c["on"],
                                       reason=c["reason"], ref=c["ref"], version=_v(v)),
       _at(D.ISSUED, where="registrar_org")),
]  # fmt: skip


def _run(request, obj, ops: list[Op], back: str):
    """Run the posted op on ``obj`` and come back to its page with the outcome."""
    op = {o.key: o for o in ops}.get(request.POST.get("op", ""))
    if op is None or not op.show(request.user, obj):
        return HttpResponseBadRequest(_("未知的操作。"))
    form = op.form(obj, request.POST)
    if not form.is_valid():
        for name, errs in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}{_('：') if label else ''}{errs[0]}")
        return redirect(back)
    try:
        op.run(request.user, obj, form.cleaned_data, request.POST.get("version"))
    except (ValidationError, workflow.InvalidTransition, PermissionDenied) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已办理：%(op)s") % {"op": op.label})
    return redirect(back)


@login_required
def document_new(request):
    orgs = queries.my_orgs(request.user, *DESK)
    form = forms.DocumentForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            doc = svc.document_create(actor=request.user, **c)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已立项：%(n)s") % {"n": doc.number})
            return redirect("legality:document", pk=doc.pk)
    return render(request, "legality/document_new.html", {"form": form})


@login_required
def document(request, pk):
    doc = queries.document(request.user, pk)
    ops, blocked = [], []
    for op in DOC_OPS:
        if not op.show(request.user, doc):
            continue
        problem = _problem(doc, op.to, request.user) if op.to else ""
        if problem:
            blocked.append({"label": op.label, "problem": problem})
        else:
            ops.append((op, op.form(doc, None)))
    return render(
        request,
        "legality/document.html",
        {
            "d": doc,
            "versions": doc.versions.order_by("n"),
            "events": doc.events.all(),
            "filings": doc.filings.select_related("body"),
            "reviews": doc.reviews.order_by("id"),
            "consultations": doc.consultations.order_by("id"),
            "ops": ops,
            "blocked": blocked,
            "act_url": reverse("legality:document_act", args=[doc.pk]),
            "obj": doc,
            "timeline": ledger.timeline(doc),
        },
    )


@login_required
def document_diff(request, pk):
    """稿本比对: two drafts of this document, paragraph by paragraph (``?a=1&b=2``; by
    default the last two)."""
    from . import textdiff

    doc = queries.document(request.user, pk)
    ns = list(doc.versions.order_by("n").values_list("n", flat=True))
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    a = int(a) if a.isdigit() else (ns[-2] if len(ns) > 1 else 0)
    b = int(b) if b.isdigit() else (ns[-1] if ns else 0)
    rows, error = [], ""
    try:
        rows = queries.version_diff(request.user, pk, a, b)
    except ValidationError as exc:
        error = _error(exc)
    return render(
        request,
        "legality/diff.html",
        {"d": doc, "ns": ns, "a": a, "b": b, "rows": rows, "error": error,
         "counts": textdiff.summary(rows)},
    )  # fmt: skip


@login_required
@require_POST
def document_act(request, pk):
    doc = queries.document(request.user, pk)
    return _run(request, doc, DOC_OPS, reverse("legality:document", args=[pk]))


# -- the consultation, as its drafter sees it ------------------------------------------------


def _comment(c, pk):
    cm = c.comments.filter(pk=pk).first()
    if cm is None:
        raise ValidationError(_("该意见不属于本次征求意见。"))
    return cm


def _desk(u, c) -> bool:
    return scoping.has_role(u, *DESK, org=c.org)


CONSULT_OPS = [
    Op("moderate", gettext_lazy("审核意见"), lambda o, d: forms.ModerateForm(d),
       lambda u, o, c, v: consult_services.comment_moderate(
           actor=u, comment=_comment(o, c["comment"]), publish=c["publish"] == "1",
           note=c["note"]), _desk),
    Op("dispose", gettext_lazy("处理意见"), lambda o, d: forms.DisposeForm(d),
       lambda u, o, c, v: consult_services.comment_dispose(
           actor=u, comment=_comment(o, c["comment"]), disposition=c["disposition"],
           on=c["on"], reason=c["reason"]),
       lambda u, o: _desk(u, o) and not o.summary_on),
    Op("close", gettext_lazy("结束征求意见"), lambda o, d: forms.DateForm(d),
       lambda u, o, c, v: consult_services.consultation_close(actor=u, consultation=o,
                                                               on=c["on"]),
       lambda u, o: _desk(u, o) and o.closed_on is None),
    Op("summary", gettext_lazy("公布意见采纳情况"), lambda o, d: forms.SummaryForm(d),
       lambda u, o, c, v: consult_services.summary_publish(actor=u, consultation=o, on=c["on"],
                                                            summary=c["summary"]),
       lambda u, o: _desk(u, o) and o.closed_on is not None and not o.summary_on),
]  # fmt: skip
PER_COMMENT = ("moderate", "dispose")


@login_required
def consultation(request, pk):
    c = queries.consultation(request.user, pk)
    ops = {op.key: op for op in CONSULT_OPS if op.show(request.user, c)}
    comments = []
    for cm in c.comments.select_related("article"):
        key = "moderate" if cm.status == CommentStatus.PENDING else "dispose"
        op = ops.get(key) if cm.status != CommentStatus.WITHHELD or key == "moderate" else None
        form = op.form(c, None) if op else None
        if form is not None:
            form.initial["comment"] = cm.pk
        comments.append((cm, op, form))
    return render(
        request,
        "legality/consultation.html",
        {
            "c": c,
            "comments": comments,
            "ops": [(op, op.form(c, None)) for k, op in ops.items() if k not in PER_COMMENT],
            "act_url": reverse("legality:consultation_act", args=[c.pk]),
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def consultation_act(request, pk):
    c = queries.consultation(request.user, pk)
    return _run(request, c, CONSULT_OPS, reverse("legality:consultation", args=[pk]))
