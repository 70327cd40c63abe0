"""What the enforcement staff pages share: one-line error text, service errors onto forms,
objects of a wider-than-model scope, date query parameters, and the Excel import page."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fazhi.core import workflow
from fazhi.ui import imports as imports_ui

EXPORT_LIMIT = 100_000


def error_text(exc: Exception) -> str:
    """One line for a message banner, whatever the service raised."""
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return pgettext("list separator", "；").join(exc.messages)
    return str(exc) or _("操作被拒绝。")


def form_errors(form: forms.Form, exc: Exception) -> None:
    """Put a service's ValidationError on the form's fields (or on the form)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for key, msgs in exc.message_dict.items():
            form.add_error(key if key in form.fields else None, msgs)
    else:
        form.add_error(None, error_text(exc))


def visible_one(qs, pk):
    """One object of an already-scoped queryset whose visibility is wider than the model's
    own scope (a campaign seen by its participants, a sheet by the round's organiser), or
    404. ``scoping.get_for`` would narrow it to the model's scope again."""
    try:
        obj = qs.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        obj = None
    if obj is None:
        raise Http404
    return obj


def listed(filterset, request, queryset):
    """A list page's rows narrowed by its FilterSet (``enforcement.filters``) from the query
    string, and the values to put back in the filter form."""
    rows = filterset(request.GET, queryset=queryset).qs
    return rows, {name: request.GET.get(name, "").strip() for name in filterset.base_filters}


def query_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def import_page(request, register: str, back: str):
    """Upload page of one register (the kernel's runner behind the UI toolkit's page)."""
    return imports_ui.import_page(
        request,
        register,
        back=back,
        template="enforcement/grid/import.html",
        template_url=reverse("enforcement:import_template", args=[register]),
    )


@login_required
def import_template(request, kind: str):
    return imports_ui.template_response(kind)
