"""法制审核登记: the legality-review register — every review of a case the user may see, with
filters and Excel export, and the review coverage of major decisions (行政处罚法 2021 Art.58:
a major decision may not be made without a passed review)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core import cnformat, scoping
from fazhi.ui.excel import excel_response
from fazhi.ui.paging import keyset

from .. import queries
from ..filters import ReviewFilterForm
from ..models import EnforcementBody, ReviewOpinion
from .common import EXPORT_LIMIT


def _days(r) -> int | None:
    """Calendar days from submission to opinion (the law sets no period for the review)."""
    return (r.decided_on - r.submitted_on).days if r.decided_on else None


def _filters(request) -> tuple[dict, dict]:
    form = ReviewFilterForm(request.GET)
    return {k: request.GET.get(k, "").strip() for k in form.fields}, form.query()


@login_required
def review_list(request):
    f, kw = _filters(request)
    rows = queries.review_list(request.user, **kw)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("法制审核登记"),
            [
                _("案件编号"),
                _("当事人"),
                _("送审日期"),
                _("审核人员"),
                _("审核日期"),
                _("审核意见"),
                _("理由"),
                _("用时（日）"),
            ],
            (
                (
                    r.case.number,
                    r.case.party_name,
                    r.submitted_on.isoformat(),
                    r.reviewer.display_name if r.reviewer else "",
                    r.decided_on.isoformat() if r.decided_on else "",
                    r.get_opinion_display() if r.opinion else _("待审核"),
                    r.reasons,
                    "" if _days(r) is None else _days(r),
                )
                for r in rows.order_by("submitted_on", "pk")[:EXPORT_LIMIT]
            ),
        )
    page = keyset(rows, request)
    for r in page.rows:
        r.days = _days(r)
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
