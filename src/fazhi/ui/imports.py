"""The import page every register shares: upload, the kernel's runner, the answer (counts,
"already imported", each bad row with its row number and column). A domain's view calls
``import_page`` with its register and the page to go back to; its template includes
``web/_import.html``."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import exporting, registry, runner
from fazhi.core.dataexchange.values import ImportFileError

from .excel import XLSX
from .forms import StyledForm


class UploadForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))
    dry_run = forms.BooleanField(label=gettext_lazy("只检查，不导入"), required=False)
    valid_rows_only = forms.BooleanField(
        label=gettext_lazy("只导入无误的行（有误的行列出，不导入）"), required=False
    )


def import_page(request, register: str, *, back: str, template: str, template_url: str = ""):
    """Upload page of one register. A clean import goes back to ``back`` with a message."""
    reg = registry.get(register)
    if reg is None or not reg.importable:
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = runner.run(
                register,
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
                valid_rows_only=form.cleaned_data["valid_rows_only"],
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if result.already is not None:
                messages.info(request, already_text(result))
                return redirect(back)
            if result.ok and not result.dry_run:
                messages.success(request, done_text(result))
                return redirect(back)
    return render(
        request,
        template,
        {
            "form": form,
            "schema": reg,
            "columns": exporting.describe(reg),
            "result": result,
            "back": back,
            "template_url": template_url,
        },
    )


def done_text(result) -> str:
    return _("已导入 %(n)d 行：新增 %(a)d，更新 %(u)d，与系统中一致 %(s)d。") % {
        "n": result.added + result.updated,
        "a": result.added,
        "u": result.updated,
        "s": result.unchanged,
    }


def already_text(result) -> str:
    run = result.already
    return _("这份文件已于 %(at)s 由 %(who)s 导入（%(n)d 行），本次没有新增任何数据。") % {
        "at": run.finished_at.strftime("%Y-%m-%d %H:%M") if run.finished_at else "",
        "who": run.actor_name,
        "n": run.rows,
    }


def template_response(register: str) -> HttpResponse:
    """The register's import template as a download."""
    reg = registry.get(register)
    if reg is None or not reg.importable:
        raise Http404
    resp = HttpResponse(exporting.template(reg), content_type=XLSX)
    name = _("%(t)s导入模板") % {"t": reg.title}
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return resp
