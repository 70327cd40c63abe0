"""工作日历 (administrators): the years and their days, add a year when the State Council
publishes it, export and import a year as CSV or Excel. Every change is in the ledger."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import calendar, exports, scoping
from fazhi.core.dataexchange.reader import FileRefused, SheetReader
from fazhi.core.models import CalendarDay, CalendarYear, DayKind
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm

DATE = forms.DateInput(attrs={"type": "date"})


class YearForm(StyledForm):
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100)
    notice_number = forms.CharField(
        label=gettext_lazy("通知文号"), max_length=60, help_text="国办发明电〔2025〕7号"
    )
    notice_date = forms.DateField(label=gettext_lazy("通知发布日期"), widget=DATE)
    source = forms.CharField(label=gettext_lazy("通知网址"), max_length=300)


class PublishForm(StyledForm):
    confirm_unusual = forms.BooleanField(
        label=gettext_lazy("确认天数异常属实（与国务院办公厅通知一致）"), required=False
    )


class DayForm(StyledForm):
    day = forms.DateField(
        label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=DayKind.choices)
    name = forms.CharField(label=gettext_lazy("节日"), max_length=20)


class ImportForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("CSV 或 Excel 文件（列：date, kind, name, source）"))
    notice_number = forms.CharField(label=gettext_lazy("通知文号"), max_length=60)
    notice_date = forms.DateField(label=gettext_lazy("通知发布日期"), widget=DATE)
    source = forms.CharField(label=gettext_lazy("通知网址"), max_length=300)
    confirm_unusual = forms.BooleanField(
        label=gettext_lazy("确认天数异常属实（与国务院办公厅通知一致）"), required=False
    )


def _admin(request):
    if not scoping.is_admin(request.user):
        raise Http404


@login_required
def years(request):
    if not scoping.memberships(request.user):
        raise Http404
    form = YearForm(request.POST or None) if scoping.is_admin(request.user) else None
    if request.method == "POST":
        _admin(request)
        if form.is_valid():
            try:
                calendar.year_save(actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
            else:
                messages.success(request, _("年度已保存，请逐日录入放假和调休安排，或导入文件。"))
                return redirect("web:calendar_year", year=form.cleaned_data["year"])
    rows = [(y, calendar.year_anomalies(y.year)) for y in CalendarYear.objects.all()]
    return render(request, "web/calendar/years.html", {"rows": rows, "form": form})


@login_required
def year_detail(request, year: int):
    if not scoping.memberships(request.user):
        raise Http404
    y = CalendarYear.objects.filter(year=year).first()
    if y is None:
        raise Http404
    fmt = request.GET.get("export")
    if fmt == "csv":
        resp = HttpResponse(calendar.export_year_csv(year), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="calendar-{year}.csv"'
        return resp
    if fmt == "xlsx":
        days = CalendarDay.objects.filter(notice_year=year).order_by("date")
        return export_response(exports.CALENDAR, days, f"calendar-{year}")
    admin = scoping.is_admin(request.user)
    return render(
        request,
        "web/calendar/year.html",
        {
            "y": y,
            "days": CalendarDay.objects.filter(notice_year=y),
            "day_form": DayForm() if admin else None,
            "import_form": ImportForm() if admin else None,
            "publish_form": PublishForm() if admin and not y.in_force else None,
            "anomalies": calendar.year_anomalies(year),
            "workdays": calendar.workdays_in(year),
        },
    )


@login_required
@require_POST
def year_publish(request, year: int):
    _admin(request)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        calendar.year_publish(
            actor=request.user,
            year=year,
            confirm_unusual=form.cleaned_data.get("confirm_unusual", False),
        )
    except ValidationError as exc:
        messages.error(request, _("未生效：") + "；".join(exc.messages))
    else:
        messages.success(request, _("%(y)d年度已生效，相关期限已重新计算。") % {"y": year})
    return redirect("web:calendar_year", year=year)


@login_required
@require_POST
def day_save(request, year: int):
    _admin(request)
    form = DayForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        calendar.day_save(actor=request.user, notice_year=year, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已保存。"))
    return redirect("web:calendar_year", year=year)


@login_required
@require_POST
def day_delete(request, year: int):
    _admin(request)
    import datetime as dt

    try:
        calendar.day_delete(actor=request.user, day=dt.date.fromisoformat(request.POST["day"]))
    except (ValueError, KeyError, ValidationError) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("已删除。"))
    return redirect("web:calendar_year", year=year)


def _read_upload(upload) -> list[dict]:
    name = upload.name.lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        # the kernel's guarded reader: a bounded pre-pass, then a memory-capped child process
        try:
            with SheetReader(data) as sheet:
                rows = [cells for _n, cells in sheet]
        except FileRefused as exc:
            raise ValidationError(str(exc)) from exc
        if not rows:
            return []
        header = [str(h).strip() for h in rows[0]]
        return [
            dict(zip(header, ["" if v is None else str(v) for v in r], strict=False))
            for r in rows[1:]
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return list(csv.DictReader(io.StringIO(text)))


@login_required
@require_POST
def year_import(request, year: int):
    _admin(request)
    form = ImportForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        rows = _read_upload(form.cleaned_data["file"])
        d = form.cleaned_data
        n = calendar.import_year(
            actor=request.user,
            year=year,
            rows=rows,
            source=d["source"],
            notice_number=d["notice_number"],
            notice_date=d["notice_date"],
            confirm_unusual=d["confirm_unusual"],
        )
    except ValidationError as exc:
        messages.error(request, _("导入失败，未做任何修改：") + "；".join(exc.messages))
    except Exception as exc:  # unreadable file: say so, change nothing
        messages.error(request, _("无法读取文件：%(e)s") % {"e": exc.__class__.__name__})
    else:
        messages.success(request, _("已导入 %(n)d 天。") % {"n": n})
    return redirect("web:calendar_year", year=year)
