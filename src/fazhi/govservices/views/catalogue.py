"""Staff pages for the catalogue (items with their versions, materials, entries, disputes),
windows, packages, and the supervisor's view of near-due and overdue applications with the
weekly Excel of late ones."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core import clock, scoping
from fazhi.core.models import Role
from fazhi.ui import imports as imports_ui
from fazhi.ui.excel import excel_response, export_response
from fazhi.ui.paging import keyset

from .. import queries
from ..models import ItemKind, ItemStatus, Package
from ..services import packages as package_services
from .catalogue_acts import item_forms


@login_required
def item_list(request):
    g = request.GET
    qs = queries.items(request.user)
    flt = {k: g.get(k, "").strip() for k in ("q", "kind", "status", "provenance")}
    qs = queries.search(qs, flt["q"], "name", "code", "pinyin")
    if flt["kind"] in ItemKind.values:
        qs = qs.filter(kind=flt["kind"])
    if flt["status"] in ItemStatus.values:
        qs = qs.filter(status=flt["status"])
    if flt["provenance"] == "adopted":
        qs = qs.exclude(adopted_from="")
    elif flt["provenance"] == "disputed":
        qs = qs.filter(disputes__isnull=False).distinct()
    if g.get("export") == "xlsx":
        from ..imports import ITEMS

        return export_response(ITEMS, qs, _("政务服务事项目录"))
    page = keyset(qs, request, key="id")
    return render(
        request,
        "govservices/catalogue/items.html",
        {
            "page": page,
            "f": flt,
            "kinds": ItemKind.choices,
            "statuses": ItemStatus.choices,
            "can_import": scoping.has_role(request.user, Role.CLERK, Role.LEADER),
        },
    )


@login_required
def item_import(request):
    """The catalogue's Excel import: the kernel's page and runner (register
    ``service-items``), so the page, ``fazhi import`` and the API are one path."""
    from django.urls import reverse

    return imports_ui.import_page(
        request,
        "service-items",
        back=reverse("govservices:items"),
        template="govservices/catalogue/import.html",
        template_url=reverse("govservices:item_import_template"),
    )


@login_required
def item_import_template(request):
    return imports_ui.template_response("service-items")


@login_required
def item_detail(request, pk: int):
    item = scoping.get_for(request.user, queries.items(request.user), pk)
    on = request.GET.get("on", "")
    version = None
    if on:
        try:
            version = queries.item_on(item, dt.date.fromisoformat(on))
        except ValueError:
            version = None
    return render(
        request,
        "govservices/catalogue/item.html",
        {
            "item": item,
            "materials": item.materials.select_related("cut_record"),
            "entries": item.entries.select_related("org", "window"),
            "disputes": item.disputes.select_related("raised_by"),
            "versions": item.versions.order_by("-number"),
            "delegations": item.delegations.select_related("to_org"),
            "transfers": item.transfers.select_related("from_org", "to_org"),
            "on": on,
            "version_on": version,
            "acts": item_forms(request.user, item),
        },
    )


@login_required
def window_list(request):
    from .. import forms as f
    from ..models import WindowKind

    windows = list(queries.windows(request.user).order_by("closed_on", "org__name", "name"))
    merge = {}
    for w in windows:
        if (
            w.kind == WindowKind.DEPARTMENT
            and w.closed_on is None
            and scoping.has_role(request.user, Role.LEADER, obj=w)
        ):
            targets = [
                x
                for x in windows
                if x.org_id == w.org_id
                and x.kind == WindowKind.COMPREHENSIVE
                and x.closed_on is None
            ]
            form = f.MergeForm(
                windows=queries.windows(request.user).filter(pk__in=[x.pk for x in targets])
            )
            merge[w.pk] = form
    return render(
        request,
        "govservices/catalogue/windows.html",
        {"windows": [(w, merge.get(w.pk)) for w in windows]},
    )


@login_required
def package_list(request):
    packages = scoping.scope(request.user, Package).prefetch_related("items")
    return render(
        request,
        "govservices/catalogue/packages.html",
        {
            "packages": [(p, package_services.material_list(p)) for p in packages],
            "can_apply": scoping.has_role(request.user, Role.CLERK),
        },
    )


def _supervisor_or_leader(user) -> None:
    if not scoping.has_role(user, Role.SUPERVISOR, Role.LEADER):
        raise PermissionDenied(_("只有监督人员和负责人可以查看电子监察。"))


@login_required
def supervision(request):
    """电子监察: red and yellow cards by body and window, and the lists behind them."""
    _supervisor_or_leader(request.user)
    card = request.GET.get("card", "red")
    if card not in ("red", "yellow", "promise"):
        card = "red"
    cards = queries.cards(request.user)
    qs = queries.supervision(request.user, card=card, cards_of=cards)
    page = keyset(qs, request, key="id")
    today = clock.today()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    return render(
        request,
        "govservices/supervision.html",
        {
            "counts": queries.supervision_counts(request.user, cards_of=cards),
            "page": page,
            "card": card,
            "last_monday": monday,
        },
    )


@login_required
def late_week_excel(request):
    """超期办件周报: the week (from Monday) of late applications, as Excel. Recorded in the
    ledger as an export of personal data."""
    _supervisor_or_leader(request.user)
    try:
        monday = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        today = clock.today()
        monday = today - dt.timedelta(days=today.weekday() + 7)
    monday -= dt.timedelta(days=monday.weekday())
    from ..services.supervision import late_week_export

    rows = late_week_export(actor=request.user, monday=monday)
    return excel_response(
        _("超期办件周报%(d)s") % {"d": monday.isoformat()},
        [
            _("办件编号"),
            _("事项"),
            _("实施主体"),
            _("窗口"),
            _("状态"),
            _("收件日期"),
            _("法定到期日"),
            _("承诺办结时间"),
            _("办结日期"),
        ],
        rows,
    )
