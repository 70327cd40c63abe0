"""Staff pages for disclosure requests: the register with filters and Excel, intake, and
the request page with its clocks, timeline and the actions its status allows. Views parse
and call services; nothing here writes a model."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clocks, ledger, scoping, workflow
from fazhi.core.models import Organisation, Role
from fazhi.core.workflow import InvalidTransition
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from . import exports, queries, rules, services
from .models import (
    SUBTYPES,
    ApplicantKind,
    Channel,
    ConsultationKind,
    ReplyType,
    RequestStatus,
)

STAFF = (Role.CLERK, Role.LEADER)


class RequestForm(forms.Form):
    org = forms.ModelChoiceField(Organisation.objects.none(), label=gettext_lazy("受理机关"))
    channel = forms.ChoiceField(choices=Channel.choices, label=gettext_lazy("申请方式"))
    received_on = forms.DateField(
        label=gettext_lazy("收到申请日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy(
            "当面提交的为提交之日；邮寄的为签收之日；平常信函、互联网、传真为与申请人确认之日"
            "（政府信息公开条例第三十一条）。"
        ),
    )
    applicant_kind = forms.ChoiceField(
        choices=ApplicantKind.choices, label=gettext_lazy("申请人类型")
    )
    applicant_name = forms.CharField(label=gettext_lazy("申请人"), max_length=200)
    applicant_id_number = forms.CharField(
        label=gettext_lazy("身份证号码"), max_length=18, required=False
    )
    applicant_credit_code = forms.CharField(
        label=gettext_lazy("统一社会信用代码"), max_length=18, required=False
    )
    applicant_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=30, required=False)
    applicant_address = forms.CharField(
        label=gettext_lazy("通信地址"), max_length=300, required=False
    )
    description = forms.CharField(
        label=gettext_lazy("所需信息的内容描述"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, orgs=None, **kw):
        super().__init__(*args, **kw)
        self.fields["org"].queryset = orgs
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")


def _orgs(user):
    ids = [m.org_id for m in scoping.memberships(user, STAFF)]
    return Organisation.objects.filter(pk__in=ids)


@login_required
def request_list(request):
    qs = queries.requests(request.user)
    status, q, year = (request.GET.get(k, "").strip() for k in ("status", "q", "year"))
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    if year.isdigit():
        qs = qs.filter(received_on__year=int(year))
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(applicant_name__icontains=q))
    if request.GET.get("export") == "xlsx":
        return export_response(
            exports.REQUESTS,
            qs.order_by("-id")[: exports.EXPORT_LIMIT],
            str(exports.REQUESTS.title),
        )
    return render(
        request,
        "opengov/requests.html",
        {
            "page": keyset(qs, request, key="id"),
            "status": status,
            "q": q,
            "year": year,
            "statuses": RequestStatus.choices,
            "can_receive": scoping.has_role(request.user, *STAFF),
        },
    )


@login_required
def request_new(request):
    form = RequestForm(request.POST or None, orgs=_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            req = services.request_receive(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for m in getattr(exc, "messages", [str(exc)]):
                form.add_error(None, m)
        else:
            messages.success(request, _("申请已登记：%(n)s") % {"n": req.number})
            return redirect("opengov:request", pk=req.pk)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": _("登记政府信息公开申请"), "back": "opengov:requests"},
    )


def _request(request, pk):
    return scoping.get_for(request.user, queries.requests(request.user), pk)


@login_required
def request_detail(request, pk: int):
    req = _request(request, pk)
    all_moves = workflow.moves_for(req, request.user)
    cards = [
        (c, clocks.card(c), clocks.explain(c) if not c.paused and c.due_on else None)
        for c in clocks.for_subject(req)
    ]
    return render(
        request,
        "opengov/request.html",
        {
            "r": req,
            "clocks": cards,
            "timeline": ledger.timeline(req),
            "moves": {m.to: m.transition for m in all_moves},
            "can_extend": req.status not in req.CLOSED_STATUSES
            and scoping.has_role(request.user, Role.LEADER, obj=req),
            "reply_types": ReplyType.choices,
            "subtypes": [(ReplyType(k).label, rows) for k, rows in SUBTYPES.items()],
            "consult_kinds": ConsultationKind.choices,
            "withheld": req.withheld.all(),
            "monthly": queries.applicant_month_count(req),
            "monthly_free": rules.MONTHLY_FREE,
            "can_fee": req.status == RequestStatus.RECEIVED
            and not req.fee_notified_on
            and req.received_on >= rules.FEE_FROM
            and scoping.has_role(request.user, *STAFF, obj=req),
            "consultations": req.consultations.all(),
        },
    )


def _date(post, key="on") -> dt.date:
    try:
        return dt.date.fromisoformat(post.get(key, "").strip())
    except ValueError:
        raise ValidationError(_("请填写日期（年-月-日）。")) from None


@login_required
@require_POST
def request_act(request, pk: int):
    """One endpoint for the request page's actions; ``op`` names the service."""
    req = _request(request, pk)
    op, user, p = request.POST.get("op", ""), request.user, request.POST
    version = p.get("version") or None
    try:
        if op == "correction":
            services.request_notify_correction(
                actor=user, request=req, items=p.get("items", ""), on=_date(p), version=version
            )
        elif op == "corrected":
            services.request_correction_received(
                actor=user, request=req, on=_date(p), version=version
            )
        elif op == "consult":
            services.request_consult(
                actor=user,
                request=req,
                kind=p.get("kind", ""),
                consulted=p.get("consulted", ""),
                on=_date(p),
                version=version,
            )
        elif op == "consulted":
            services.request_consult_answered(
                actor=user, request=req, on=_date(p), opinion=p.get("opinion", ""), version=version
            )
        elif op == "extend":
            try:
                days = int(p.get("days", ""))
            except ValueError:
                raise ValidationError(_("请填写延长的工作日数。")) from None
            services.request_extend(
                actor=user, request=req, days=days, reason=p.get("reason", ""), on=_date(p)
            )
        elif op == "defer":
            from .excessive import request_defer

            request_defer(
                actor=user,
                request=req,
                reply_by=_date(p, "reply_by"),
                reason=p.get("reason", ""),
                on=_date(p),
            )
        elif op == "fee":
            from .excessive import request_fee_notice

            request_fee_notice(actor=user, request=req, amount=p.get("amount", ""), on=_date(p))
        elif op == "answer":
            parts = [
                (part, ground)
                for part, ground in zip(p.getlist("part"), p.getlist("ground_part"), strict=False)
                if part.strip() or ground.strip()
            ]
            services.request_answer(
                actor=user,
                request=req,
                reply_type=p.get("reply_type", ""),
                ground=p.get("ground", ""),
                withheld=parts,
                subtype=p.get("subtype", ""),
                on=_date(p),
                version=version,
            )
        elif op == "withdraw":
            services.request_withdraw(
                actor=user, request=req, reason=p.get("reason", ""), on=_date(p), version=version
            )
        else:
            raise ValidationError(_("未知的操作。"))
    except InvalidTransition as exc:
        messages.error(request, exc.message)
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
    else:
        messages.success(request, _("已办理。"))
    return redirect("opengov:request", pk=req.pk)


@login_required
def reply_docx(request, pk: int):
    from django.http import Http404, HttpResponse

    from .documents import reply_docx as build

    req = _request(request, pk)
    if not req.reply_number:
        raise Http404
    resp = HttpResponse(
        build(req),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = f"attachment; filename=reply-{req.pk}.docx"
    return resp


@login_required
def report_list(request):
    from .models import AnnualReport

    reps = scoping.scope(request.user, AnnualReport).select_related("org")
    return render(request, "opengov/reports.html", {"reports": reps})


def _report(request, pk):
    from .models import AnnualReport

    return scoping.get_for(request.user, scoping.scope(request.user, AnnualReport), pk)


@login_required
def report_detail(request, pk: int):
    rep = _report(request, pk)
    return render(request, "opengov/report.html", {"rep": rep, "t": rep.table})


@login_required
def report_docx(request, pk: int):
    from django.http import HttpResponse

    from .documents import annual_report_docx

    rep = _report(request, pk)
    resp = HttpResponse(
        annual_report_docx(rep),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = f"attachment; filename=goi-report-{rep.year}-{rep.pk}.docx"
    return resp
