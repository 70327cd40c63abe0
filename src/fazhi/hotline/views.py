"""Staff pages of the 12345 hotline: the agent's intake form (with the caller's history, the
catalogue's suggested body and the knowledge base), the body inbox, and the order page with
its moves, clocks and timeline. Thin: parse, call the services, render."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from fazhi.core import clock, clocks, ledger, scoping, workflow
from fazhi.core.models import Organisation
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm
from fazhi.ui.paging import keyset

from . import hotspots, ladder, queries
from .exports import WARNINGS
from .imports import ORDERS
from .models import Category, OrderKind, OrderStatus, Satisfaction
from .services import aftercare
from .services import orders as services
from .services.catalogue import suggest_body
from .states import OFFICE_STATUSES

S = OrderStatus


def _error(exc: Exception) -> str:
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return pgettext("list separator", "；").join(exc.messages)
    return str(exc) or _("操作被拒绝。")


class IntakeForm(StyledForm):
    caller_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=20, required=False)
    caller_name = forms.CharField(label=gettext_lazy("来电人"), max_length=60, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("诉求类型"), choices=OrderKind.choices)
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), label=gettext_lazy("诉求分类"), required=False
    )
    street = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=gettext_lazy("所在街道"), required=False
    )
    address = forms.CharField(label=gettext_lazy("地址"), max_length=200, required=False)
    text = forms.CharField(
        label=gettext_lazy("诉求内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


@login_required
def home(request):
    return redirect("hotline:inbox")


@login_required
def intake(request):
    offices = queries.offices(request.user)
    if not offices:
        raise PermissionDenied(_("只有12345热线办的工作人员可以受理工单。"))
    office = offices[0]
    form = IntakeForm(request.POST or None)
    form.fields["street"].queryset = Organisation.objects.filter(kind="street", is_active=True)
    history, suggested, answers = [], None, []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            order = services.order_create(
                actor=request.user,
                office=office,
                kind=d["kind"],
                category=d["category"],
                caller_phone=d["caller_phone"],
                caller_name=d["caller_name"],
                address=d["address"],
                street=d["street"],
                text=d["text"],
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for key, msgs in exc.message_dict.items():
                    form.add_error(key if key in form.fields else None, msgs)
            else:
                form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已受理工单 %(n)s。") % {"n": order.number})
            return redirect("hotline:order", pk=order.pk)
    phone = request.GET.get("phone") or request.POST.get("caller_phone", "")
    history = queries.caller_history(request.user, phone)
    chosen = getattr(form, "cleaned_data", {})
    if chosen.get("category"):
        suggested = suggest_body(chosen["category"], chosen.get("street"))
    answers = queries.knowledge(request.user, request.GET.get("q", ""))
    return render(
        request,
        "hotline/intake.html",
        {
            "form": form,
            "office": office,
            "history": history,
            "suggested": suggested,
            "answers": answers,
            "q": request.GET.get("q", ""),
            "active": "hotline",
        },
    )


@login_required
def inbox(request):
    if request.GET.get("export") == "xlsx":  # every order waiting, not only the first 200
        return export_response(
            ORDERS,
            queries.inbox(request.user).select_related("org", "category", "street"),
            _("待办工单"),
        )
    rows = list(queries.inbox(request.user)[:200])
    steps = ladder.steps([o.pk for o in rows])
    return render(
        request,
        "hotline/inbox.html",
        {
            "rows": [(o, steps.get(o.pk)) for o in rows],
            "active": "hotline",
            "is_office": bool(queries.offices(request.user)),
        },
    )


@login_required
def warnings(request):
    """临期、超期、应督办: the orders in the bodies' hands whose clocks are on the ladder."""
    rows = ladder.on_ladder(request.user)
    if request.GET.get("export") == "xlsx":
        return export_response(WARNINGS, rows)
    counts = {level: sum(1 for _o, st in rows if st.level == level) for level in ladder.LEVELS}
    return render(
        request,
        "hotline/warnings.html",
        {
            "rows": rows,
            "counts": counts,
            "offices": {o.pk for o in queries.offices(request.user)},
            "active": "hotline",
        },
    )


@login_required
def order(request, pk: int):
    o = queries.order(request.user, pk)
    order_clocks = [
        (c, clocks.card(c), clocks.explain(c) if not c.paused else None)
        for c in clocks.for_subject(o)
    ]
    office_staff = scoping.has_role(request.user, "clerk", "leader", org=o.office)
    # the table names the roles; whose turn it is (office or lead body) is the services'
    # rule: the office and the co-handlers see every move of the order, but make only theirs
    office_turn = o.status in OFFICE_STATUSES or o.status == S.CLOSED
    mine = (
        office_staff
        if office_turn
        else scoping.has_role(request.user, "clerk", "leader", "officer", org=o.org)
    )
    # the reply's condition is the reply text the form itself supplies: offer that form
    moves = [
        (m.to, m.transition)
        for m in (workflow.moves_for(o, request.user) if mine else [])
        if not m.problem or m.to == S.REPLIED
    ]
    timeline = ledger.timeline(o)
    returned = ""
    if o.status == S.RETURNED:  # the body's reason, from the event that returned it
        last = [e for e in timeline if "from_org" in (e.data or {})]
        returned = (last[-1].data.get("reason") or "—") if last else "—"
    return render(
        request,
        "hotline/order.html",
        {
            "order": o,
            "returned": returned,
            "clocks": order_clocks,
            "timeline": timeline,
            "moves": moves,
            "cohandlers": o.cohandlers.select_related("org"),
            "callbacks": o.callbacks.all(),
            "links": o.links.all(),
            "bodies": queries.bodies().exclude(pk=o.office_id) if office_staff else [],
            "suggested": suggest_body(o.category, o.street),
            "can_callback": office_staff and o.status == S.CLOSED and not o.direct,
            "office_staff": office_staff,
            "office_leader": scoping.has_role(request.user, "leader", org=o.office),
            "lead_staff": scoping.has_role(request.user, "clerk", "leader", org=o.org)
            and o.org_id != o.office_id,
            "lead_any": scoping.has_role(request.user, "clerk", "leader", "officer", org=o.org)
            and o.org_id != o.office_id,
            "extensions": queries.extensions(request.user, o),
            "link_types": queries.link_types(),
            "articles": (
                queries.knowledge_list(request.user).filter(category=o.category)[:5]
                if office_staff and o.status == S.RECEIVED and o.kind == OrderKind.ENQUIRY
                else []
            ),
            "parts": o.parts.order_by("id"),
            "duplicates": len(queries.duplicates(request.user, o)) if office_staff else 0,
            "satisfaction": Satisfaction.choices,
            "active": "hotline",
        },
    )


@login_required
@require_POST
def order_move(request, pk: int):
    """One endpoint for every move of the order page: the target picks the service."""
    o = queries.order(request.user, pk)
    p = request.POST
    to, version, reason = p.get("to", ""), p.get("version"), p.get("reason", "")
    common = {"actor": request.user, "order": o}
    try:
        if to == "urge":
            aftercare.order_urge(note=p.get("note", ""), actor=request.user, order=o)
        elif to == "callback":
            aftercare.order_callback(result=p.get("result", ""), reason=reason, **common)
        elif to == S.ASSIGNED and o.status != S.CLOSED:
            body = queries.bodies().filter(pk=p.get("body") or 0).first()
            co = list(
                queries.bodies().filter(pk__in=[x for x in p.getlist("cohandlers") if x.isdigit()])
            )
            services.order_assign(body=body, cohandlers=co, version=version, **common)
        elif to == S.SIGNED and o.status == S.ASSIGNED:
            services.order_sign(version=version, **common)
        elif to == S.SIGNED:
            services.order_send_back(reason=reason, version=version, **common)
        elif to == S.RETURNED:
            services.order_return(reason=reason, version=version, **common)
        elif to == S.REPLIED:
            services.order_reply(reply=p.get("reply", ""), version=version, **common)
        elif to == S.CLOSED and o.status == S.RECEIVED:
            services.order_answer(answer=p.get("reply", ""), version=version, **common)
        elif to == S.CLOSED:
            services.order_close(version=version, **common)
        else:
            raise workflow.InvalidTransition(_("未知的目标状态：%(t)s") % {"t": to or "—"})
    except (
        workflow.InvalidTransition,
        ValidationError,
        PermissionDenied,
        Http404,
        ValueError,
    ) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已办理。"))
        if not queries.orders(request.user).filter(pk=o.pk).exists():
            # a returned order is the office's again: the body no longer sees it
            return redirect("hotline:inbox")
    return redirect("hotline:order", pk=o.pk)


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


@login_required
def order_list(request):
    """工单查询: the orders the user may see, by period, category, street, address, status —
    where a hot spot's row leads."""
    g = request.GET
    qs = queries.orders(request.user)
    start, end = _day(g.get("from", "")), _day(g.get("to", ""))
    if start:
        qs = qs.filter(received_on__gte=start)
    if end:
        qs = qs.filter(received_on__lte=end)
    for key in ("category", "street"):
        if g.get(key, "").isdigit():
            qs = qs.filter(**{f"{key}_id": int(g[key])})
    if g.get("address", "").strip():
        qs = qs.filter(address=g["address"].strip())
    if g.get("status") in OrderStatus.values:
        qs = qs.filter(status=g["status"])
    if g.get("export") == "xlsx":
        return export_response(ORDERS, qs.order_by("received_on", "pk"))
    page = keyset(qs, request)
    return render(
        request,
        "hotline/orders.html",
        {
            "page": page,
            "total": qs.count(),
            "filters": {k: v for k, v in g.items() if k != "after"},
            "active": "hotline",
        },
    )


@login_required
def hot_spots(request):
    """热点: the most frequent categories, addresses and streets of a period (default: the
    last seven days), against the period before."""
    end = _day(request.GET.get("to", "")) or clock.today()
    start = _day(request.GET.get("from", "")) or end - dt.timedelta(days=6)
    if start > end:
        start, end = end, start
    user = request.user
    spots = {
        "categories": hotspots.categories(user, start, end),
        "addresses": hotspots.addresses(user, start, end),
        "streets": hotspots.streets(user, start, end),
    }
    return render(
        request,
        "hotline/hot_spots.html",
        {
            "start": start,
            "end": end,
            "previous": hotspots.previous_period(start, end),
            **spots,
            "chart": {k: hotspots.chart(v) for k, v in spots.items()},
            "active": "hotline",
        },
    )
