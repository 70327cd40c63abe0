"""Staff pages of 行政应诉: the case list, receipt of a complaint, the case page (answer,
hearings, judgment, appeal, final outcome, performance) and the hearings calendar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, forms, queries
from ..models import RespondentKind, RespondentStatus
from ..services import litigation as svc
from .common import Op, act, move, new_page, page, role, version
from .listing import list_page

S = RespondentStatus
DESK = (Role.CLERK, Role.REVIEWER, Role.LEADER)


def _date(obj, data):
    return forms.DateForm(data)


OPS = [
    Op("answer", _("提交答辩状、证据和依据"), lambda o, d: forms.LawsuitAnswerForm(d),
       lambda u, o, d, v: svc.answer(actor=u, case=o, on=d["on"], evidence_list=d["evidence_list"],
                                     late_reason=d["late_reason"], version=version(v)),
       move(S.ANSWERED)),
    Op("hearing", _("登记庭审"), lambda o, d: forms.CourtHearingForm(d),
       lambda u, o, d, v: svc.hearing_record(actor=u, case=o, **d),
       role(*DESK, statuses=(S.ANSWERED, S.APPEAL))),
    Op("judgment", _("登记裁判结果"), lambda o, d: forms.JudgmentForm(d),
       lambda u, o, d, v: svc.judgment(actor=u, case=o, on=d["on"], ruling=d["ruling"],
                                       outcome=d["outcome"], served_on=d["served_on"],
                                       version=version(v)), move(S.JUDGED)),
    Op("appeal", _("登记上诉"), lambda o, d: forms.AppealForm(d),
       lambda u, o, d, v: svc.appeal(actor=u, case=o, on=d["on"], by_us=d["by_us"],
                                     version=version(v)), move(S.APPEAL)),
    Op("final", _("裁判生效"), lambda o, d: forms.FinalForm(d),
       lambda u, o, d, v: svc.final(actor=u, case=o, on=d["on"], outcome=d["outcome"],
                                    version=version(v)), move(S.FINAL)),
    Op("perform", _("履行完毕结案"), lambda o, d: forms.PerformForm(d),
       lambda u, o, d, v: svc.perform(actor=u, case=o, on=d["on"], performance=d["performance"],
                                      version=version(v)), move(S.CLOSED)),
    Op("withdraw", _("撤诉结案"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: svc.withdraw(actor=u, case=o, on=d["on"], reason=d["reason"],
                                       version=version(v)), move(S.WITHDRAWN)),
]  # fmt: skip


@login_required
def case_list(request):
    g = request.GET
    qs = queries.respondent_cases(request.user)
    status, kind, q = g.get("status", ""), g.get("kind", ""), g.get("q", "").strip()
    year = g.get("year", "").strip()
    if status in S.values:
        qs = qs.filter(status=status)
    if kind in RespondentKind.values:
        qs = qs.filter(kind=kind)
    if year.isdigit():
        qs = qs.filter(received_on__year=int(year))
    if q:
        qs = qs.filter(
            Q(number__icontains=q) | Q(counterpart_name__icontains=q) | Q(forum_number__icontains=q)
        )
    if g.get("export") == "xlsx":
        reg = exports.RESPONDENT_CASES
        return export_response(reg, qs.order_by("-id")[: exports.EXPORT_LIMIT], str(reg.title))
    return list_page(
        request,
        "disputes/litigation/list.html",
        keyset(qs, request, key="id"),
        statuses=S.choices,
        kinds=RespondentKind.choices,
        status=status,
        kind=kind,
        q=q,
        year=year,
        can_new=scoping.has_role(request.user, *DESK),
    )


@login_required
def case_new(request):
    form = forms.LawsuitForm(
        request.POST or None,
        orgs=queries.my_orgs(request.user, *DESK),
        respondents=queries.district_orgs(),
    )
    return new_page(
        request,
        form,
        lambda d: svc.receive(actor=request.user, **d),
        _("收到起诉状副本"),
        "disputes:respondent_cases",
        lambda c: reverse("disputes:respondent_case", args=[c.pk]),
    )


def _case(request, pk):
    return scoping.get_for(request.user, queries.respondent_cases(request.user), pk)


@login_required
def case_detail(request, pk: int):
    case = _case(request, pk)
    return page(
        request,
        case,
        OPS,
        "disputes/litigation/detail.html",
        hearings=case.hearings.all(),
    )


@login_required
@require_POST
def case_act(request, pk: int):
    case = _case(request, pk)
    return act(request, case, OPS, reverse("disputes:respondent_case", args=[pk]))


@login_required
def hearings(request):
    """开庭日历: every hearing the user may see, newest first, with who appeared."""
    qs = queries.hearings(request.user)
    return list_page(request, "disputes/litigation/hearings.html", keyset(qs, request))
