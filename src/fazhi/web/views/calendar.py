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

from fazhi.core import calendar, scoping
from fazhi.core.models import CalendarDay, CalendarYear, DayKind
from fazhi.ui.excel import excel_response
from fazhi.ui.forms import StyledForm


class YearForm(StyledForm):
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100)
    source = forms.CharField(label=gettext_lazy("放假通知出处（网址或文号）"), max_length=300)


class DayForm(StyledForm):
    day = forms.DateField(
        label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=DayKind.choices)
    name = forms.CharField(label=gettext_lazy("节日"), max_length=20)


class ImportForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("CSV 或 Excel 文件（列：date, kind, name, source）"))
    source = forms.CharField(label=gettext_lazy("放假通知出处"), max_length=300)


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
    return render(
        request, "web/calendar/years.html", {"years": CalendarYear.objects.all(), "form": form}
    )


def _rows(year: int) -> list[dict]:
    return list(csv.DictReader(io.StringIO(calendar.export_year_csv(year))))


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
        rows = _rows(year)
        return excel_response(
            f"calendar-{year}",
            calendar.EXPORT_HEADER,
            ([r[h] for h in calendar.EXPORT_HEADER] for r in rows),
        )
    admin = scoping.is_admin(request.user)
    return render(
        request,
        "web/calendar/year.html",
        {
            "y": y,
            "days": CalendarDay.objects.filter(notice_year=y),
            "day_form": DayForm() if admin else None,
            "import_form": ImportForm() if admin else None,
            "workdays": sum(1 for _d in _workdays(year)),
        },
    )


def _workdays(year: int):
    import datetime as dt

    cal = calendar.get_calendar()
    d = dt.date(year, 1, 1)
    while d.year == year:
        if cal.is_workday(d):
            yield d
        d += dt.timedelta(days=1)


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
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = sheet.to_python()
        header = [str(h).strip() for h in rows[0]]
        return [dict(zip(header, [str(v) for v in r], strict=False)) for r in rows[1:]]
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
        n = calendar.import_year(
            actor=request.user, year=year, rows=rows, source=form.cleaned_data["source"]
        )
    except ValidationError as exc:
        messages.error(request, _("导入失败，未做任何修改：") + "；".join(exc.messages))
    except Exception as exc:  # unreadable file: say so, change nothing
        messages.error(request, _("无法读取文件：%(e)s") % {"e": exc.__class__.__name__})
    else:
        messages.success(request, _("已导入 %(n)d 天。") % {"n": n})
    return redirect("web:calendar_year", year=year)
