"""督办整改任务 in the workspace: list, detail with timeline and clocks, actions."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clock, clocks, exports, ledger, queries, scoping, supervision, workflow
from fazhi.core.models import Role, SupervisionTask
from fazhi.core.states import TaskStatus
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm

from ..filters import TaskFilter, listed


class TaskForm(StyledForm):
    org = forms.ModelChoiceField(queryset=None, label=_("整改单位"))
    title = forms.CharField(label=_("任务标题"), max_length=300)
    description = forms.CharField(label=_("问题与要求"), widget=forms.Textarea(attrs={"rows": 5}))
    rule_code = forms.ChoiceField(
        label=_("整改期限依据"),
        choices=[
            ("RX-1", _("RX-1 热线工单办理期限（本地规定，5个工作日）")),
            ("XF-5", _("XF-5 信访事项办理期限（60日）")),
            ("GK-1", _("GK-1 政府信息主动公开期限（20个工作日）")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = queries.orgs(user)


def _tasks(user):
    return scoping.scope(user, SupervisionTask).select_related("org")


@login_required
def task_list(request):
    rows, flt = listed(TaskFilter, request, _tasks(request.user))
    status = flt["status"]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.TASKS, rows)
    return render(
        request,
        "web/tasks/list.html",
        {
            "rows": rows[:500],
            "status": status,
            "statuses": TaskStatus.choices,
            "can_create": scoping.has_role(request.user, Role.SUPERVISOR),
        },
    )


@login_required
def task_new(request):
    if not scoping.has_role(request.user, Role.SUPERVISOR):
        raise PermissionDenied(_("只有监督人员可以下达督办整改任务。"))
    form = TaskForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            task = supervision.task_create(actor=request.user, source="manual", **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
        else:
            messages.success(request, _("督办整改任务已下达。"))
            return redirect("web:task", pk=task.pk)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": _("下达督办整改任务"), "back": "web:tasks"},
    )


@login_required
def task_detail(request, pk: int):
    task = scoping.get_for(request.user, _tasks(request.user), pk)
    task_clocks = [
        (c, clocks.card(c), clocks.explain(c) if not c.paused else None)
        for c in clocks.for_subject(task)
    ]
    return render(
        request,
        "web/tasks/detail.html",
        {
            "task": task,
            "clocks": task_clocks,
            "timeline": ledger.timeline(task),
            "moves": workflow.allowed_moves(task, request.user),
        },
    )


@login_required
@require_POST
def task_move(request, pk: int):
    task = scoping.get_for(request.user, _tasks(request.user), pk)
    to = request.POST.get("to", "")
    version = request.POST.get("version")
    reason = request.POST.get("reason", "")
    try:
        on = dt.date.fromisoformat(request.POST.get("on") or clock.today().isoformat())
    except ValueError:
        messages.error(request, _("日期格式应为 YYYY-MM-DD。"))
        return redirect("web:task", pk=task.pk)
    common = {"actor": request.user, "task": task, "version": version, "on": on}
    try:
        if task.status == TaskStatus.ASSIGNED and to == TaskStatus.RECTIFYING:
            supervision.task_sign(**common)
        elif to == TaskStatus.SUBMITTED:
            supervision.task_report(result=request.POST.get("result", ""), **common)
        elif to == TaskStatus.CLOSED:
            supervision.task_accept(**common)
        elif task.status == TaskStatus.SUBMITTED and to == TaskStatus.RECTIFYING:
            supervision.task_return(reason=reason, **common)
        elif to == TaskStatus.CANCELLED:
            supervision.task_cancel(reason=reason, **common)
        else:
            raise workflow.InvalidTransition(_("不能办理该操作。"))
    except (workflow.InvalidTransition, ValidationError, PermissionDenied) as exc:
        text = getattr(exc, "message", None) or "；".join(getattr(exc, "messages", [str(exc)]))
        messages.error(request, text)
    else:
        messages.success(request, _("已办理。"))
    return redirect("web:task", pk=task.pk)
