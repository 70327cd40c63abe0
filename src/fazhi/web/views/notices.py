from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import queries, scoping, services
from fazhi.core.models import Role
from fazhi.ui.forms import StyledForm


class NoticeForm(StyledForm):
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("发布单位"))
    title = forms.CharField(label=gettext_lazy("标题"), max_length=200)
    body = forms.CharField(label=gettext_lazy("正文"), widget=forms.Textarea(attrs={"rows": 8}))
    is_pinned = forms.BooleanField(label=gettext_lazy("置顶"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [
            m.org_id for m in scoping.memberships(user, [Role.LEADER, Role.ADMIN, Role.SUPERVISOR])
        ]
        self.fields["org"].queryset = queries.orgs(user).filter(pk__in=ids)


@login_required
def notice_list(request):
    rows = queries.notices_for(request.user)[:200]
    can_publish = scoping.has_role(request.user, Role.LEADER, Role.ADMIN, Role.SUPERVISOR)
    return render(request, "web/notices.html", {"rows": rows, "can_publish": can_publish})


@login_required
def notice_detail(request, pk: int):
    notice = get_object_or_404(queries.notices_for(request.user), pk=pk)
    return render(request, "web/notice_detail.html", {"notice": notice})


@login_required
def notice_new(request):
    form = NoticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_publish(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
        else:
            messages.success(request, _("通知已发布。"))
            return redirect("web:notice", pk=notice.pk)
    return render(
        request, "web/form.html", {"form": form, "title": _("发布通知公告"), "back": "web:notices"}
    )


@login_required
@require_POST
def notice_withdraw(request, pk: int):
    notice = get_object_or_404(queries.notices_for(request.user), pk=pk)
    services.notice_withdraw(actor=request.user, notice=notice)
    messages.success(request, _("通知已撤回。"))
    return redirect("web:notices")
