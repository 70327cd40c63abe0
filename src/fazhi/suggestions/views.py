"""Staff pages of 人大建议/政协提案: the inbox (to hand out, to reply, to evaluate) and the
suggestion page with its moves, contacts, clock and timeline. Thin: parse, call the
services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from fazhi.core import clocks, ledger, scoping, workflow

from . import documents, queries
from .models import ContactWay, Evaluation, ResultClass
from .models import SuggestionStatus as S
from .services import handling, promises, talks
from .states import OFFICE_STATUSES

POINT_ROWS = 4
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _error(exc: Exception) -> str:
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return pgettext("list separator", "；").join(exc.messages)
    return str(exc) or _("操作被拒绝。")


@login_required
def inbox(request):
    rows = list(queries.inbox(request.user)[:200])
    return render(request, "suggestions/inbox.html", {"rows": rows, "active": "suggestions"})


@login_required
def suggestion(request, pk: int):
    s = queries.suggestion(request.user, pk)
    roles = ("clerk", "leader")
    office_staff = scoping.has_role(request.user, *roles, org=s.office)
    lead_staff = scoping.has_role(request.user, *roles, org=s.org)
    mine = office_staff if s.status in OFFICE_STATUSES else lead_staff
    return render(
        request,
        "suggestions/suggestion.html",
        {
            "s": s,
            "clocks": [
                (c, clocks.card(c), clocks.explain(c) if not c.paused else None)
                for c in clocks.for_subject(s)
            ],
            "timeline": ledger.timeline(s),
            # the reply form supplies the reply its condition asks for; the service names
            # what is still missing (a talk with the deputy) when it is posted
            "moves": [
                (m.to, m.transition)
                for m in (workflow.moves_for(s, request.user) if mine else [])
                if not m.problem or m.to == S.REPLIED
            ],
            "can_contact": lead_staff and s.status == S.ASSIGNED,
            "can_follow_up": lead_staff
            and s.status in (S.REPLIED, S.CLOSED)
            and s.result_class in promises.PROMISES,
            "followups": s.followups.all(),
            "cohandlers": s.cohandlers.select_related("org"),
            "contacts": s.contacts.all(),
            "bodies": queries.bodies().exclude(pk=s.office_id) if office_staff else [],
            "ways": ContactWay.choices,
            "classes": ResultClass.choices,
            "evaluations": Evaluation.choices,
            "points": s.points.all(),
            "point_rows": range(POINT_ROWS),
            "active": "suggestions",
        },
    )


@login_required
@require_POST
def move(request, pk: int):
    """One endpoint for the page's moves: the target picks the service."""
    s = queries.suggestion(request.user, pk)
    p = request.POST
    to, version, reason = p.get("to", ""), p.get("version"), p.get("reason", "")
    common = {"actor": request.user, "suggestion": s}
    try:
        if to == "follow-up":
            promises.suggestion_follow_up(
                reply=p.get("reply", ""), result_class=p.get("result_class", ""), **common
            )
        elif to == "contact":
            talks.suggestion_contact(way=p.get("way", ""), note=p.get("note", ""), **common)
        elif to == S.ASSIGNED and s.status == S.RECEIVED:
            body = queries.bodies().filter(pk=p.get("body") or 0).first()
            co = list(
                queries.bodies().filter(pk__in=[x for x in p.getlist("cohandlers") if x.isdigit()])
            )
            handling.suggestion_assign(
                body=body,
                cohandlers=co,
                difficult=p.get("difficult") == "1",
                version=version,
                **common,
            )
        elif to == S.RECEIVED:
            handling.suggestion_return(reason=reason, version=version, **common)
        elif to == S.REPLIED:
            handling.suggestion_reply(
                reply=p.get("reply", ""),
                result_class=p.get("result_class", ""),
                points=[
                    (
                        p.get(f"point_{i}", ""),
                        p.get(f"point_class_{i}", ""),
                        p.get(f"answer_{i}", ""),
                    )
                    for i in range(POINT_ROWS)
                ],
                version=version,
                **common,
            )
        elif to in (S.CLOSED, S.ASSIGNED):
            handling.suggestion_evaluate(
                evaluation=p.get("evaluation", ""), reason=reason, version=version, **common
            )
        else:
            raise workflow.InvalidTransition(_("未知的目标状态：%(t)s") % {"t": to or "—"})
    except (workflow.InvalidTransition, ValidationError, PermissionDenied, Http404) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已办理。"))
        if not queries.suggestions(request.user).filter(pk=s.pk).exists():
            # returned to the office: the body no longer sees it
            return redirect("suggestions:home")
    return redirect("suggestions:suggestion", pk=s.pk)


@login_required
def reply_docx(request, pk: int):
    """The numbered reply as the congress expects it (DOCX)."""
    s = queries.suggestion(request.user, pk)
    try:
        data = documents.reply_docx(s)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    resp = HttpResponse(data, content_type=DOCX)
    resp["Content-Disposition"] = f'attachment; filename="suggestion-reply-{s.pk}.docx"'
    return resp
