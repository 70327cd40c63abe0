"""字典管理: code tables modules use, editable by administrators without a deploy."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import exports, scoping, services
from fazhi.core.models import CodeTable
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm


class ItemForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("编码"), max_length=60)
    label = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    label_en = forms.CharField(label=gettext_lazy("英文名称"), max_length=200, required=False)
    sort_order = forms.IntegerField(label=gettext_lazy("排序"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=gettext_lazy("启用"), required=False, initial=True)
    note = forms.CharField(label=gettext_lazy("备注"), max_length=300, required=False)


@login_required
def code_tables(request):
    # Code tables are shared reference data: every member of staff may read them.
    if not scoping.memberships(request.user):
        raise Http404
    rows = CodeTable.objects.all()
    return render(request, "web/codes.html", {"rows": rows})


@login_required
def code_table(request, code: str):
    if not scoping.memberships(request.user):
        raise Http404
    table = get_object_or_404(CodeTable, code=code)
    items = table.items.all()
    if request.GET.get("export") == "xlsx":
        return export_response(exports.CODES, items, _("字典-%(code)s") % {"code": table.code})
    form = None
    if scoping.is_admin(request.user):
        form = ItemForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.code_item_save(actor=request.user, table=table, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, _("字典项已保存。"))
                return redirect("web:code_table", code=table.code)
    return render(request, "web/code_table.html", {"table": table, "items": items, "form": form})
