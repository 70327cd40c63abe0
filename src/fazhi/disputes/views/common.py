"""What the disputes pages share: a matter page with its facts, the actions the user may take
now (each an ``Op``: a form and the service it calls), the moves that cannot be made yet and
why, the clocks with their cards, the numbered documents and the timeline; and one POST
endpoint per matter page that parses the op's form and calls its service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fazhi.core import clocks, ledger, scoping, workflow

from .. import queries, rules


@dataclass(frozen=True)
class Op:
    """One action on a matter page: ``form(obj, data)`` builds its form, ``run(user, obj, d,
    version)`` calls the service, ``show(user, obj, moves)`` says whether to offer it (the
    moves the table allows the user now)."""

    key: str
    label: Any
    form: Callable[..., forms.Form]
    run: Callable[..., Any]
    show: Callable[..., bool]
    to: str = ""  # the move the op makes, when its conditions are met by the op's own data


def move(to: str) -> Callable[..., bool]:
    """Offer the op when the table allows the user the move to ``to`` now."""
    return lambda user, obj, moves: to in moves


def role(*roles: str, statuses: tuple[str, ...] = ()) -> Callable[..., bool]:
    return lambda user, obj, moves: (
        (not statuses or obj.status in statuses) and scoping.has_role(user, *roles, obj=obj)
    )


def error_text(exc: Exception) -> str:
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return pgettext("list separator", "；").join(exc.messages)
    return str(exc) or _("操作被拒绝。")


def clock_rows(obj) -> list[tuple]:
    """(clock, card, explanation) — SS-2 with its hard card (red on the 12th day)."""
    out = []
    for c in clocks.for_subject(obj):
        card = rules.answer_card(c)
        due = clocks.explain(c) if not c.paused and c.due_on else None
        out.append((c, card, due))
    return out


ACT_URLS = {
    "disputes.reconsideration": "disputes:reconsideration_act",
    "disputes.letter": "disputes:letter_act",
    "disputes.respondentcase": "disputes:respondent_case_act",
    "disputes.dispute": "disputes:dispute_act",
    "disputes.petition": "disputes:petition_act",
    "disputes.inspectionbatch": "disputes:batch_act",
    "disputes.inspectionitem": "disputes:item_act",
    "disputes.backlogcase": "disputes:backlog_act",
}


def page(request, obj, ops: list[Op], template: str, **extra):
    user = request.user
    all_moves = workflow.moves_for(obj, user) if hasattr(type(obj), "TRANSITIONS") else []
    allowed = {m.to: m.transition for m in all_moves if not m.problem}
    shown = [(op, op.form(obj, None)) for op in ops if op.show(user, obj, allowed)]
    covered = {op.to for op, _f in shown if op.to}
    return render(
        request,
        template,
        {
            "obj": obj,
            "ops": shown,
            "blocked": [m for m in all_moves if m.problem and m.to not in covered],
            "clocks": clock_rows(obj),
            "timeline": ledger.timeline(obj),
            "documents": queries.documents(obj),
            "act_url": reverse(ACT_URLS[obj._meta.label_lower], args=[obj.pk]),
            "active": "disputes",
            **extra,
        },
    )


def act(request, obj, ops: list[Op], back: str):
    """Run the posted op on ``obj`` and come back to its page with the outcome."""
    by_key = {op.key: op for op in ops}
    op = by_key.get(request.POST.get("op", ""))
    if op is None:
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
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已办理：%(op)s") % {"op": op.label})
    return redirect(back)


def new_page(request, form, create: Callable[[dict], Any], title, back: str, done: Callable):
    """A create form: the service's field errors go onto the form's fields."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for key, msgs in exc.message_dict.items():
                    form.add_error(key if key in form.fields else None, msgs)
            else:
                form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("已登记：%(n)s") % {"n": obj.number or obj})
            return redirect(done(obj))
    return render(
        request,
        "disputes/form.html",
        {"form": form, "title": title, "back": back, "active": "disputes"},
    )


def version(v) -> int | None:
    try:
        return int(v) if v not in (None, "") else None
    except (TypeError, ValueError):
        return None
