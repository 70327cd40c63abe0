"""The hotline office's own pages: 会商 (the waiting 问题工单 and the week's rising hot spots,
the meetings, their minutes and decisions, the DOCX report to the executive meeting) and the
knowledge base (知识库) the agents answer enquiries from."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clock, scoping
from fazhi.ui.forms import StyledForm

from . import documents, hotspots, queries
from .models import Category
from .services import catalogue, meetings
from .views import _day, _error
from .views_orders import REFUSED

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office(request):
    offices = queries.offices(request.user)
    if not offices:
        raise PermissionDenied(_("只有12345热线办的工作人员可以查看此页面。"))
    return offices[0]


@login_required
def consultations(request):
    """会商: what waits for the next meeting and the meetings held; a leader of the office
    holds a new one from here."""
    office = _office(request)
    waiting = list(queries.problems(request.user))
    end = clock.today()
    start = end - dt.timedelta(days=6)
    rising = [s for s in hotspots.categories(request.user, start, end) if s.rising]
    if request.method == "POST":
        chosen = {x for x in request.POST.getlist("orders") if x.isdigit()}
        try:
            m = meetings.meeting_hold(
                actor=request.user,
                office=office,
                topic=request.POST.get("topic", ""),
                minutes=request.POST.get("minutes", ""),
                orders=[o for o in waiting if str(o.pk) in chosen],
                held_on=_day(request.POST.get("held_on", "")),
            )
        except REFUSED as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(request, _("已登记会商会议。"))
            return redirect("hotline:meeting", pk=m.pk)
    return render(
        request,
        "hotline/consultations.html",
        {
            "office": office,
            "waiting": waiting,
            "rising": rising,
            "meetings": queries.meetings(request.user)[:50],
            "can_hold": scoping.has_role(request.user, "leader", org=office),
            "today": end,
            "active": "hotline",
        },
    )


@login_required
def meeting(request, pk: int):
    m = queries.meeting(request.user, pk)
    if request.method == "POST":
        try:
            if request.POST.get("step") == "decide":
                body = queries.bodies().filter(pk=request.POST.get("org") or 0).first()
                if body is None:
                    raise ValidationError({"org": _("请选择督办对象单位。")})
                meetings.meeting_decide(
                    actor=request.user,
                    meeting=m,
                    org=body,
                    title=request.POST.get("title", ""),
                    description=request.POST.get("description", ""),
                )
            else:
                meetings.meeting_minutes(
                    actor=request.user,
                    meeting=m,
                    minutes=request.POST.get("minutes", ""),
                    report_no=request.POST.get("report_no", ""),
                )
        except REFUSED as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(request, _("已保存。"))
        return redirect("hotline:meeting", pk=m.pk)
    leader = scoping.has_role(request.user, "leader", org=m.office)
    return render(
        request,
        "hotline/meeting.html",
        {
            "meeting": m,
            "orders": m.orders.select_related("category", "org").order_by("number"),
            "tasks": documents.decisions(m).select_related("org"),
            "leader": leader,
            "supervisor": scoping.has_role(request.user, "supervisor"),
            "bodies": queries.bodies(),
            "active": "hotline",
        },
    )


@login_required
def meeting_docx(request, pk: int):
    m = queries.meeting(request.user, pk)
    try:
        data = documents.meeting_docx(m)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    resp = HttpResponse(data, content_type=DOCX)
    resp["Content-Disposition"] = f'attachment; filename="hotline-meeting-{m.held_on}-{m.pk}.docx"'
    return resp


class ArticleForm(StyledForm):
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), label=gettext_lazy("诉求分类")
    )
    question = forms.CharField(label=gettext_lazy("问题"), max_length=200, required=False)
    answer = forms.CharField(
        label=gettext_lazy("答复口径"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


@login_required
def knowledge(request):
    """知识库: search (every word), and a new article — from scratch or from a closed order
    (``?from=<order>``: its title and reply)."""
    office = _office(request)
    source = None
    if (request.GET.get("from") or request.POST.get("from", "")).isdigit():
        source = queries.order(request.user, request.GET.get("from") or request.POST["from"])
    initial = (
        {"category": source.category_id, "question": source.title, "answer": source.reply}
        if source
        else {}
    )
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            k = catalogue.knowledge_save(
                actor=request.user,
                office=office,
                category=d["category"],
                question=d["question"],
                answer=d["answer"],
                source_order=source,
            )
        except REFUSED as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已加入知识库：%(q)s") % {"q": k.question})
            return redirect("hotline:knowledge")
    q = request.GET.get("q", "")
    return render(
        request,
        "hotline/knowledge.html",
        {
            "form": form,
            "source": source,
            "articles": queries.knowledge_list(request.user, q)[:100],
            "q": q,
            "active": "hotline",
        },
    )


@login_required
def article(request, pk: int):
    """Correct an article."""
    k = queries.article(request.user, pk)
    form = ArticleForm(
        request.POST or None,
        initial={"category": k.category_id, "question": k.question, "answer": k.answer},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            catalogue.knowledge_update(
                actor=request.user,
                article=k,
                category=d["category"],
                question=d["question"],
                answer=d["answer"],
            )
        except REFUSED as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已保存。"))
            return redirect("hotline:knowledge")
    return render(
        request, "hotline/article.html", {"form": form, "article": k, "active": "hotline"}
    )


@login_required
@require_POST
def knowledge_answer(request, pk: int):
    """直接办结 with an article: the enquiry is answered with the article's words."""
    o = queries.order(request.user, pk)
    article = queries.article(request.user, request.POST.get("article") or 0)
    from .services import orders as services

    try:
        services.order_answer(
            actor=request.user, order=o, answer=article.answer, version=request.POST.get("version")
        )
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已按知识库口径直接办结。"))
    return redirect("hotline:order", pk=o.pk)
