"""指标: every registered figure for a year, and the records behind each one."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from fazhi.core import exports, indicators, matterlinks, scoping
from fazhi.core.models import DataScope, Organisation
from fazhi.ui.excel import export_response


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
    only a user with the 全部 scope may ask for. The figures are then counted over what the
    user may see of that subtree (``indicators.evaluate(user=…)``): a 本部门 user gets their
    own organisation's, not those of the units below it."""
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
    user = request.user
    rows = [
        indicators.evaluate(code, year=year, org=org, user=user)
        for code in sorted(indicators.REGISTRY)
    ]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.INDICATORS, rows)
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
    fig = indicators.evaluate(code, year=year, org=org, user=request.user)
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
