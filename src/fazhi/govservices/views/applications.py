"""Staff pages for applications: the window's list (filters, Excel), receiving, the
application page with its materials, notices, clocks, promise and timeline, and the actions
its status allows. Views only parse and call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clocks, ledger, scoping, workflow
from fazhi.core.models import Role
from fazhi.core.workflow import InvalidTransition
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import forms as f
from .. import queries, states
from ..models import AppStatus, Channel, EntryStatus, ImplementationEntry
from ..services import applications as svc
from ..services import decisions, reviews


def errors_of(exc) -> list[str]:
    if isinstance(exc, InvalidTransition):
        return [exc.message]
    return list(getattr(exc, "messages", [str(exc)]))


@login_required
def application_list(request):
    g = request.GET
    qs = queries.applications(request.user)
    flt = {k: g.get(k, "").strip() for k in ("status", "window", "q", "year", "channel")}
    if flt["status"] == "open":
        qs = qs.filter(status__in=queries.OPEN)
    elif flt["status"] in AppStatus.values:
        qs = qs.filter(status=flt["status"])
    if flt["window"].isdigit():
        qs = qs.filter(window_id=int(flt["window"]))
    if flt["channel"] in Channel.values:
        qs = qs.filter(channel=flt["channel"])
    if flt["year"].isdigit():
        qs = qs.filter(received_on__year=int(flt["year"]))
    qs = queries.search(qs, flt["q"], "number", "applicant_name", "item__name")
    if g.get("export") == "xlsx":
        from ..exports import APPLICATIONS, EXPORT_LIMIT

        return export_response(APPLICATIONS, qs.order_by("-id")[:EXPORT_LIMIT], _("办件"))
    page = keyset(qs, request, key="id")
    return render(
        request,
        "govservices/applications/list.html",
        {
            "page": page,
            "f": flt,
            "statuses": AppStatus.choices,
            "channels": Channel.choices,
            "windows": queries.windows(request.user).filter(closed_on__isnull=True),
            "can_receive": scoping.has_role(request.user, Role.CLERK),
        },
    )


def receivable_entries(user):
    """The implementation entries the user's windows may receive: the bodies' own, and the
    items delegated to their streets or parks."""
    orgs = [m.org_id for m in scoping.memberships(user, [Role.CLERK])]
    return (
        ImplementationEntry.objects.filter(status=EntryStatus.FILED, item__status="in_force")
        .filter(Q(org_id__in=orgs) | Q(item__delegations__to_org_id__in=orgs))
        .select_related("item", "org")
        .distinct()
        .order_by("item__code")
    )


@login_required
def application_new(request):
    entries = receivable_entries(request.user)
    q = request.GET.get("q", "").strip()
    entry = None
    if request.GET.get("entry", "").isdigit():
        entry = entries.filter(pk=int(request.GET["entry"])).first()
    if entry is None:
        return render(
            request,
            "govservices/applications/pick.html",
            {
                "entries": queries.search(entries, q, "item__name", "item__code", "item__pinyin")[
                    :50
                ],
                "q": q,
            },
        )
    orgs = [m.org_id for m in scoping.memberships(request.user, [Role.CLERK])]
    org = (
        entry.org
        if entry.org_id in orgs
        else entry.item.delegations.filter(to_org_id__in=orgs).first().to_org
    )
    windows = queries.windows(request.user).filter(org=org, closed_on__isnull=True)
    form = f.ReceiveForm(request.POST or None, request.FILES or None, entry=entry, windows=windows)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        poa = data.pop("power_of_attorney")
        try:
            app = svc.receive(
                actor=request.user,
                entry=entry,
                org=org,
                power_of_attorney=poa.read() if poa else None,
                power_of_attorney_name=poa.name if poa else "",
                **data,
            )
        except (ValidationError, PermissionDenied) as exc:
            for m in errors_of(exc):
                form.add_error(None, m)
        else:
            messages.success(
                request, _("已收件：%(n)s，查询码 %(c)s") % {"n": app.number, "c": app.check_code}
            )
            return redirect("govservices:application", pk=app.pk)
    return render(request, "govservices/applications/new.html", {"form": form, "entry": entry})


def _app(request, pk):
    return scoping.get_for(request.user, queries.applications(request.user), pk)


def _can(user, app) -> dict[str, bool]:
    s = app.status
    clerk = scoping.has_role(user, Role.CLERK, obj=app)
    staff = scoping.has_role(user, Role.CLERK, Role.LEADER, obj=app)
    leader = scoping.has_role(user, Role.LEADER, obj=app)
    check = getattr(app, "post_check", None)
    return {
        "materials": clerk and s in (AppStatus.RECEIVED, AppStatus.SUPPLEMENT),
        "steps": staff and s == AppStatus.ACCEPTED,
        "extend": leader and s == AppStatus.ACCEPTED,
        "rate": clerk and s == AppStatus.CLOSED and not hasattr(app, "rating"),
        "check": check is not None and check.checked_on is None and staff,
        "revoke": leader
        and s == AppStatus.CLOSED
        and check is not None
        and check.result == "false",
    }


@login_required
def application_detail(request, pk: int):
    app = _app(request, pk)
    moves = workflow.moves_for(app, request.user)
    cards = [
        (c, clocks.card(c), clocks.explain(c) if not c.paused and c.due_on else None)
        for c in clocks.for_subject(app)
    ]
    return render(
        request,
        "govservices/applications/detail.html",
        {
            "app": app,
            "materials": app.materials.select_related("material"),
            "missing": states.missing_materials(app),
            "notices": app.notices.all(),
            "steps": app.steps.all(),
            "clocks": cards,
            "timeline": ledger.timeline(app),
            "moves": {m.to: m.transition for m in moves if not m.problem},
            "blocked": [m for m in moves if m.problem],
            "can": _can(request.user, app),
            "open_step": app.steps.filter(ended_on__isnull=True).first(),
            "forms": {
                "date": f.DateForm(),
                "moment": f.MomentForm(),
                "reason": f.ReasonForm(),
                "materials": f.MaterialsForm(app=app),
                "step": f.StepForm(),
                "step_end": f.StepEndForm(),
                "extend": f.ExtendForm(),
                "decide": f.DecideForm(),
                "close": f.CloseForm(),
                "check": f.CheckForm(),
                "rating": f.DeviceRatingForm(),
            },
        },
    )


def _form(cls, request, **kw):
    form = cls(request.POST, **kw)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[k].label if k in form.fields else ''}{_('：')}{e}"
                for k, es in form.errors.items()
                for e in es
            ]
        )
    return form.cleaned_data


@login_required
@require_POST
def application_act(request, pk: int):
    app = _app(request, pk)
    op = request.POST.get("op", "")
    version = request.POST.get("version") or None
    user = request.user
    try:
        if op == "notify":
            d = _form(f.DateForm, request)
            svc.notify_missing(actor=user, application=app, on=d["on"], version=version)
        elif op == "materials":
            d = _form(f.MaterialsForm, request, app=app)
            svc.materials_receive(actor=user, application=app, materials=d["materials"], on=d["on"])
        elif op == "accept":
            d = _form(f.MomentForm, request)
            svc.accept(actor=user, application=app, at=d["at"], version=version)
        elif op == "reject":
            d = _form(f.ReasonForm, request)
            svc.reject(actor=user, application=app, on=d["on"], reason=d["reason"], version=version)
        elif op == "withdraw":
            d = _form(f.ReasonForm, request)
            svc.withdraw(
                actor=user, application=app, on=d["on"], reason=d["reason"], version=version
            )
        elif op == "step":
            d = _form(f.StepForm, request)
            decisions.step_start(
                actor=user,
                application=app,
                kind=d["kind"],
                on=d["on"],
                note=d["note"],
                days_needed=d["days_needed"] or 0,
            )
        elif op == "step_end":
            d = _form(f.StepEndForm, request)
            step = app.steps.filter(ended_on__isnull=True).first()
            if step is None:
                raise ValidationError(_("没有进行中的审查环节。"))
            decisions.step_end(actor=user, step=step, on=d["on"])
        elif op == "extend":
            d = _form(f.ExtendForm, request)
            decisions.extend(
                actor=user, application=app, by=d["by"], reason=d["reason"], on=d["on"]
            )
        elif op == "decide":
            d = _form(f.DecideForm, request)
            decisions.decide(
                actor=user,
                application=app,
                outcome=d["outcome"],
                on=d["on"],
                reasons=d["reasons"],
                late_reason=d["late_reason"],
                version=version,
            )
        elif op == "close":
            d = _form(f.CloseForm, request)
            decisions.close(
                actor=user,
                application=app,
                at=d["at"],
                certificate_number=d["certificate_number"],
                version=version,
            )
        elif op == "check":
            d = _form(f.CheckForm, request)
            decisions.post_check_record(
                actor=user, check=app.post_check, on=d["on"], result=d["result"], note=d["note"]
            )
        elif op == "revoke":
            d = _form(f.ReasonForm, request)
            decisions.revoke(actor=user, application=app, on=d["on"], reason=d["reason"])
        elif op == "rate":
            d = _form(f.DeviceRatingForm, request)
            from fazhi.core import clock

            reviews.rate(
                actor=user,
                application=app,
                score=d["score"],
                channel="device",
                on=clock.today(),
                rater_code=d["rater_code"],
                comment=d["comment"],
            )
        else:
            raise Http404
    except (ValidationError, PermissionDenied, InvalidTransition) as exc:
        for m in errors_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, _("已办理。"))
    return redirect("govservices:application", pk=app.pk)


@login_required
def package_apply(request, pk: int):
    from ..models import Package
    from ..services import packages

    package = scoping.get_for(request.user, scoping.scope(request.user, Package), pk)
    form = f.PackageApplyForm(
        request.POST or None, request.FILES or None, materials=packages.material_list(package)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("power_of_attorney", None)
        for k in ("agent_name", "agent_id_number", "agent_phone"):
            data.pop(k, None)
        try:
            pkg = packages.package_apply(actor=request.user, package=package, **data)
        except (ValidationError, PermissionDenied) as exc:
            for m in errors_of(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("一件事申请已受理：%(n)s") % {"n": pkg.number})
            return redirect("govservices:package_application", pk=pkg.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("一件事申请：%(p)s") % {"p": package.name},
            "back": "govservices:packages",
        },
    )


@login_required
def package_detail(request, pk: int):
    pkg = scoping.get_for(request.user, queries.package_applications(request.user), pk)
    return render(
        request,
        "govservices/applications/package.html",
        {
            "pkg": pkg,
            "apps": pkg.applications.select_related("item", "org").order_by("item__code"),
            "due": queries.package_due(pkg),
            "timeline": ledger.timeline(pkg),
        },
    )


@login_required
def rectification_detail(request, pk: int):
    rect = scoping.get_for(request.user, queries.rectifications(request.user), pk)
    form = f.ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.rectification_reply(actor=request.user, rectification=rect, **form.cleaned_data)
        except (ValidationError, PermissionDenied, InvalidTransition) as exc:
            for m in errors_of(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("已回复申请人。"))
            return redirect("govservices:rectification", pk=rect.pk)
    cards = [(c, clocks.card(c), None) for c in clocks.for_subject(rect)]
    return render(
        request,
        "govservices/reviews/rectification.html",
        {
            "rect": rect,
            "form": form,
            "clocks": cards,
            "timeline": ledger.timeline(rect),
            "can_reply": rect.status == "open"
            and scoping.has_role(request.user, Role.CLERK, Role.LEADER, obj=rect),
        },
    )
