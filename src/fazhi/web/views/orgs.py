"""组织机构: the tree, each organisation's page, and admin editing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import exports, queries, scoping, services
from fazhi.core.models import Organisation, OrgKind
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm

from ..filters import OrgFilter, listed


class OrgForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    short_name = forms.CharField(label=gettext_lazy("简称"), max_length=40, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=OrgKind.choices)
    parent = forms.ModelChoiceField(queryset=None, label=gettext_lazy("上级"), required=False)
    division_code = forms.CharField(
        label=gettext_lazy("行政区划代码"), max_length=12, required=False
    )
    credit_code = forms.CharField(
        label=gettext_lazy("统一社会信用代码"), max_length=18, required=False
    )
    sort_order = forms.IntegerField(label=gettext_lazy("排序"), min_value=0, initial=0)
    note = forms.CharField(label=gettext_lazy("备注"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = queries.orgs(user)


@login_required
def org_list(request):
    rows, flt = listed(OrgFilter, request, queries.orgs(request.user))
    q, kind = flt["q"], flt["kind"]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.ORGS, rows)
    return render(
        request, "web/orgs.html", {"rows": rows, "q": q, "kind": kind, "kinds": OrgKind.choices}
    )


@login_required
def org_detail(request, pk: int):
    org = scoping.get_for(request.user, Organisation, pk)
    children = queries.orgs(request.user).filter(parent=org)
    members = org.memberships.filter(is_active=True).select_related("user")
    return render(
        request, "web/org_detail.html", {"org": org, "children": children, "members": members}
    )


def _org_form(request, org: Organisation | None):
    if not scoping.is_admin(request.user):
        raise Http404
    initial = {}
    if org is not None:
        initial = {
            f: getattr(org, f)
            for f in [
                "name",
                "short_name",
                "kind",
                "division_code",
                "credit_code",
                "sort_order",
                "note",
            ]
        }
        initial["parent"] = org.parent
    form = OrgForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if org is None:
                org = services.org_create(actor=request.user, **data)
            else:
                services.org_update(actor=request.user, org=org, **data)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
        else:
            messages.success(request, _("已保存。"))
            return redirect("web:org", pk=org.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("新建组织机构") if org is None else _("修改：%(name)s") % {"name": org.name},
            "back": "web:orgs",
        },
    )


@login_required
def org_new(request):
    return _org_form(request, None)


@login_required
def org_edit(request, pk: int):
    org = scoping.get_for(request.user, Organisation, pk)
    return _org_form(request, org)
