"""Staff pages of proactive disclosure: each body's 主动公开目录 (its categories, editable,
with the body responsible) and the items published under it, late ones red-carded. Views
parse and call services; nothing here writes a model."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, scoping
from fazhi.core.models import Organisation, Role
from fazhi.ui.paging import keyset

from . import proactive, queries
from .models import ItemCategory

STAFF = (Role.CLERK, Role.LEADER)


def _orgs(user):
    ids = [m.org_id for m in scoping.memberships(user, STAFF)]
    return Organisation.objects.filter(pk__in=ids)


def _date(post, key="on") -> dt.date:
    try:
        return dt.date.fromisoformat(post.get(key, "").strip())
    except ValueError:
        raise ValidationError(_("请填写日期（年-月-日）。")) from None


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _errors(request, exc) -> None:
    for m in getattr(exc, "messages", [str(exc)]):
        messages.error(request, m)


@login_required
def item_list(request):
    qs = queries.items(request.user).select_related("catalogue_category")
    user, today = request.user, clock.today()
    if request.method == "POST":
        p = request.POST
        try:
            if p.get("op") == "adopt":
                org = scoping.get_for(user, _orgs(user), _int(p.get("org")))
                proactive.suggestion_adopt(
                    actor=user,
                    org=org,
                    description=p.get("description", ""),
                    category=p.get("category", ""),
                    formed_on=_date(p, "formed_on"),
                )
            elif p.get("op") == "publish":
                item = scoping.get_for(user, qs, _int(p.get("item")))
                proactive.item_publish(actor=user, item=item, on=_date(p))
            else:
                org = scoping.get_for(user, _orgs(user), _int(p.get("org")))
                cat = None
                if p.get("catalogue_category"):
                    cat = scoping.get_for(
                        user, queries.categories(user), _int(p.get("catalogue_category"))
                    )
                proactive.item_register(
                    actor=user,
                    org=org,
                    category=p.get("category", ""),
                    catalogue_category=cat,
                    title=p.get("title", ""),
                    formed_on=_date(p, "formed_on"),
                )
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已办理。"))
        return redirect("opengov:items")
    late = request.GET.get("late") == "1"
    if late:
        qs = queries.late_items(qs, today)
    page = keyset(qs, request, key="id")
    by_item = queries.item_clocks([i.pk for i in page.rows])
    rows = []
    for i in page.rows:
        c = by_item.get(i.pk)
        card = clocks.card(c, today) if c is not None else None
        rows.append((i, c, card))
    return render(
        request,
        "opengov/items.html",
        {
            "page": page,
            "rows": rows,
            "late": late,
            "categories": ItemCategory.choices,
            "catalogue": queries.categories(user).filter(active=True),
            "suggestions": queries.repeat_suggestions(user)[:50],
            "orgs": _orgs(user),
        },
    )


@login_required
def catalogue(request):
    """主动公开目录: each body's categories with the body responsible; staff of the body add
    and edit them (a category is taken out of use, never deleted)."""
    user = request.user
    cats = queries.categories(user)
    if request.method == "POST":
        p = request.POST
        try:
            existing = None
            if p.get("category"):
                existing = scoping.get_for(user, cats, _int(p.get("category")))
                org = existing.org
            else:
                org = scoping.get_for(user, _orgs(user), _int(p.get("org")))
            responsible = Organisation.objects.filter(pk=_int(p.get("responsible"))).first()
            proactive.category_save(
                actor=user,
                org=org,
                category=existing,
                name=p.get("name", ""),
                content=p.get("content", ""),
                responsible=responsible,
                order=_int(p.get("order")),
                active=p.get("active", "1") == "1",
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("目录已保存。"))
        return redirect("opengov:catalogue")
    orgs = list(_orgs(user))
    units = Organisation.objects.none()
    for o in orgs:
        units = units | Organisation.objects.filter(path__startswith=o.path)
    return render(
        request,
        "opengov/catalogue.html",
        {"cats": cats.order_by("org__path", "order", "id"), "orgs": orgs, "units": units},
    )
