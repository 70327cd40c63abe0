"""法制审核登记: the legality-review register — every review of a case the user may see, with
filters and Excel export, and the review coverage of major decisions (行政处罚法 2021 Art.58:
a major decision may not be made without a passed review)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import cnformat, scoping
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, queries
from ..filters import ReviewFilterForm
from ..models import EnforcementBody, ReviewOpinion
from .common import EXPORT_LIMIT


def _filters(request) -> tuple[dict, dict]:
    form = ReviewFilterForm(request.GET)
    return {k: request.GET.get(k, "").strip() for k in form.fields}, form.query()


@login_required
def review_list(request):
    f, kw = _filters(request)
    rows = queries.review_list(request.user, **kw)
    if request.GET.get("export") == "xlsx":
        return export_response(exports.REVIEWS, rows.order_by("submitted_on", "pk")[:EXPORT_LIMIT])
    page = keyset(rows, request)
    for r in page.rows:
        r.days = exports.review_days(r)
    reviewed, majors = queries.review_coverage(request.user, body=kw["body"], year=kw["year"])
    return render(
        request,
        "enforcement/reviews/list.html",
        {
            "page": page,
            "f": f,
            "bodies": scoping.scope(request.user, EnforcementBody).select_related("org"),
            "opinions": ReviewOpinion.choices,
            "coverage": {
                "reviewed": reviewed,
                "majors": majors,
                "text": cnformat.fmt_share(reviewed, majors) if majors else "—",
            },
            "active": "enforcement",
        },
    )
