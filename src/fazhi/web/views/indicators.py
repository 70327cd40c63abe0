"""指标: every registered figure for a year, and the records behind each one."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core import indicators, matterlinks, scoping
from fazhi.core.models import DataScope, Organisation
from fazhi.ui.excel import excel_response


def _year(request) -> int:
    """The year asked for, or the last complete year with records (not the current year,
    whose figures are still zeros most of the year)."""
    try:
        asked = request.GET.get("year")
        return int(asked) if asked else indicators.last_complete_year(request.user)
    except ValueError:
        raise Http404 from None


def _org(request):
    """The organisation subtree asked for, within the user's scope; None = everything, which
    only a user with the 全部 scope may ask for."""
    pk = request.GET.get("org")
    if pk:
        return scoping.get_for(request.user, Organisation, pk)
    ms = scoping.memberships(request.user)
    if any(m.data_scope == DataScope.ALL for m in ms):
        return None
    if not ms:
        raise Http404
    return ms[0].org


@login_required
def indicator_list(request):
    year, org = _year(request), _org(request)
    rows = [indicators.evaluate(code, year=year, org=org) for code in sorted(indicators.REGISTRY)]
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("指标"),
            [_("代码"), _("名称"), _("数值"), _("口径")],
            ((f.indicator.code, f.indicator.name, f.text, f.indicator.definition) for f in rows),
        )
    return render(
        request,
        "web/indicators/list.html",
        {
            "rows": rows,
            "year": year,
            "org": org,
            "orgs": scoping.scope(request.user, Organisation).order_by("path")[:300],
        },
    )


@login_required
def indicator_records(request, code: str):
    try:
        ind = indicators.get(code)
    except LookupError:
        raise Http404 from None
    year, org = _year(request), _org(request)
    period = indicators.Period.year(year)
    qs = scoping.scope(request.user, ind.records(org, period))
    fig = indicators.evaluate(code, year=year, org=org)
    rows = [(obj, matterlinks.url_for(obj._meta.label_lower, str(obj.pk))) for obj in qs[:500]]
    return render(
        request,
        "web/indicators/records.html",
        {
            "ind": ind,
            "fig": fig,
            "rows": rows,
            "year": year,
            "org": org,
            "shown": len(rows),
            "visible": qs.count(),
        },
    )
