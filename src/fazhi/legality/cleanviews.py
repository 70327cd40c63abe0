"""Staff pages of the cleanups (清理) of normative documents: the list with the form that
starts one (its scope a query over the documents in force on the start day), a cleanup's
documents each with its outcome — keep, amend, repeal, declare invalid — and reasons, the
finishing act that applies the outcomes to the documents, and the result as a report (a
printable page and an Excel workbook). Writes through ``services/oversight.py``."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.ui.excel import excel_response

from . import documents as printed
from . import forms, queries
from .docviews import Op, _run
from .models import CleanupOutcome
from .services import oversight as svc
from .views import _error, download

ORGANISERS = (Role.REVIEWER, Role.LEADER)


def _item(c, pk):
    it = c.items.filter(pk=pk).first()
    if it is None:
        raise ValidationError(_("该文件不在本次清理范围内。"))
    return it


def _organiser(u, c) -> bool:
    return not c.finished_on and scoping.has_role(u, *ORGANISERS, org=c.org)


CLEANUP_OPS = [
    Op("outcome", gettext_lazy("确定清理结果"), lambda o, d: forms.OutcomeForm(d),
       lambda u, o, c, v: svc.cleanup_outcome(actor=u, item=_item(o, c["item"]),
                                              outcome=c["outcome"], on=c["on"],
                                              reasons=c["reasons"]),
       _organiser),
    Op("finish", gettext_lazy("完成清理"), lambda o, d: forms.FinishForm(d),
       lambda u, o, c, v: svc.cleanup_finish(actor=u, cleanup=o, on=c["on"],
                                             report=c["report"]),
       _organiser),
]  # fmt: skip


@login_required
def cleanups(request):
    orgs = queries.my_orgs(request.user, *ORGANISERS)
    form = forms.CleanupForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        topics = [t for t in re.split(r"[、,，;；\s]+", c["topics"]) if t]
        criteria = {"keyword": c["keyword"].strip()} if c["keyword"].strip() else {}
        try:
            cl = svc.cleanup_start(
                actor=request.user, org=c["org"], title=c["title"], kind=c["kind"],
                started_on=c["started_on"], topics=topics, criteria=criteria,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已启动清理：%(t)s") % {"t": cl.title})
            return redirect("legality:cleanup", pk=cl.pk)
    return render(
        request,
        "legality/cleanups.html",
        {"rows": queries.cleanups(request.user), "form": form if orgs.exists() else None},
    )


def _tally(items) -> list[tuple[str, int]]:
    """How many documents got each outcome (and how many have none yet)."""
    counts = {v: 0 for v in CleanupOutcome.values}
    pending = 0
    for it in items:
        if it.outcome:
            counts[it.outcome] += 1
        else:
            pending += 1
    out = [(label, counts[v]) for v, label in CleanupOutcome.choices]
    return out + ([(_("尚未确定"), pending)] if pending else [])


def _items(c):
    return list(c.items.select_related("document__org").order_by("document__published_on", "id"))


@login_required
def cleanup(request, pk):
    c = queries.cleanup(request.user, pk)
    ops = {op.key: op for op in CLEANUP_OPS if op.show(request.user, c)}
    rows = []
    for it in _items(c):
        form = None
        if "outcome" in ops:
            form = forms.OutcomeForm(
                initial={"item": it.pk, "outcome": it.outcome or "keep", "reasons": it.reasons}
            )
        rows.append((it, form))
    return render(
        request,
        "legality/cleanup.html",
        {
            "c": c,
            "rows": rows,
            "outcome_op": ops.get("outcome"),
            "ops": [(ops["finish"], ops["finish"].form(c, None))] if "finish" in ops else [],
            "act_url": reverse("legality:cleanup_act", args=[c.pk]),
            "tally": _tally(it for it, _f in rows),
        },
    )


@login_required
@require_POST
def cleanup_act(request, pk):
    c = queries.cleanup(request.user, pk)
    return _run(request, c, CLEANUP_OPS, reverse("legality:cleanup", args=[pk]))


REPORT_HEADERS = (
    gettext_lazy("序号"),
    gettext_lazy("文件名称"),
    gettext_lazy("发文字号"),
    gettext_lazy("起草单位"),
    gettext_lazy("发布日期"),
    gettext_lazy("清理结果"),
    gettext_lazy("理由"),
    gettext_lazy("确定日期"),
    gettext_lazy("执行日期"),
)


def _report_rows(items):
    for n, it in enumerate(items, start=1):
        d = it.document
        yield (
            n, d.title, d.doc_number, d.org.label, d.published_on, it.get_outcome_display(),
            it.reasons, it.decided_on, it.applied_on,
        )  # fmt: skip


@login_required
def cleanup_report(request, pk):
    """清理结果: the printable page, or with ``?export=xlsx`` the workbook, or once the
    cleanup is finished with ``?export=docx`` the numbered report (GB/T 9704)."""
    c = queries.cleanup(request.user, pk)
    items = _items(c)
    if request.GET.get("export") == "docx":
        if not c.finished_on:
            raise Http404
        return download(
            printed.cleanup_docx(c, items), f"{c.number}-{printed.cleanup_title(c)}.docx"
        )
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("%(t)s清理结果") % {"t": c.title},
            [str(h) for h in REPORT_HEADERS],
            _report_rows(items),
        )
    return render(
        request,
        "legality/cleanup_report.html",
        {"c": c, "rows": list(_report_rows(items)), "headers": REPORT_HEADERS,
         "tally": _tally(items)},
    )  # fmt: skip
