"""Staff pages of 行政复议 as the reconsideration body: the case list (filters, Excel), receipt
of an application, the case page with its actions, and the 意见书 / 建议书 page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clock, scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import crossref, exports, forms, queries, rules
from ..models import ReconStatus
from ..services import reconsideration as svc
from ..services import reconsideration_review as review
from .common import Op, act, move, new_page, page, version
from .listing import list_page

S = ReconStatus
REVIEWER, LEADER, CLERK = Role.REVIEWER, Role.LEADER, Role.CLERK
_ = gettext_lazy


def _body(*roles):
    return lambda user, obj, moves: scoping.has_role(user, *roles, org=obj.org)


def _answerer(user, obj, moves):
    return obj.status == S.SENT and (
        scoping.has_role(user, LEADER, CLERK, org=obj.respondent)
        or scoping.has_role(user, REVIEWER, CLERK, org=obj.org)
    )


def _status(*statuses):
    def check(pred):
        return lambda user, obj, moves: obj.status in statuses and pred(user, obj, moves)

    return check


def _date(obj, data):
    return forms.DateForm(data)


OPS = [
    Op("accept", _("受理"), lambda o, d: forms.AcceptForm(d),
       lambda u, o, d, v: svc.accept(actor=u, case=o, on=d["on"], procedure=d["procedure"],
                                     simplified_ground=d["simplified_ground"],
                                     version=version(v)), move(S.ACCEPTED)),
    Op("switch", _("转为普通程序"), lambda o, d: forms.SwitchForm(d),
       lambda u, o, d, v: svc.switch_to_ordinary(actor=u, case=o, on=d["on"],
                                                 approver=d["approver"], reason=d["reason"]),
       lambda u, o, m: o.procedure == "simplified"
       and o.status in (S.ACCEPTED, S.SENT, S.REVIEWING)
       and scoping.has_role(u, REVIEWER, LEADER, org=o.org)),
    Op("correction", _("通知补正"), lambda o, d: forms.CorrectionForm(d),
       lambda u, o, d, v: svc.request_correction(actor=u, case=o, on=d["on"], items=d["items"],
                                                 due_on=d["due_on"], version=version(v)),
       move(S.CORRECTING)),
    Op("refuse", _("决定不予受理"), lambda o, d: forms.ReasonForm(d),
       lambda u, o, d, v: svc.refuse(actor=u, case=o, on=d["on"], reason=d["reason"],
                                     version=version(v)), move(S.REFUSED)),
    Op("corrected", _("收到补正材料"), _date,
       lambda u, o, d, v: svc.receive_correction(actor=u, case=o, on=d["on"], version=version(v)),
       _status(S.CORRECTING)(move(S.RECEIVED))),
    Op("abandon", _("逾期未补正，视为放弃"), _date,
       lambda u, o, d, v: svc.abandon(actor=u, case=o, on=d["on"], version=version(v)),
       move(S.ABANDONED)),
    Op("send", _("发送答复通知"), _date,
       lambda u, o, d, v: svc.send(actor=u, case=o, on=d["on"], version=version(v)),
       move(S.SENT)),
    Op("answer", _("登记被申请人答复"), lambda o, d: forms.AnswerForm(d),
       lambda u, o, d, v: svc.answer(actor=u, case=o, on=d["on"], evidence=d["evidence"],
                                     version=version(v)), _answerer, to=S.REVIEWING),
    Op("answer_missing", _("被申请人逾期未答复，进入审理"), _date,
       lambda u, o, d, v: svc.answer_missing(actor=u, case=o, on=d["on"], version=version(v)),
       _status(S.SENT)(_body(REVIEWER)), to=S.REVIEWING),
    Op("hearing", _("登记听证"), lambda o, d: forms.HearingForm(d),
       lambda u, o, d, v: review.hearing_hold(actor=u, case=o, **d),
       _status(S.REVIEWING)(_body(REVIEWER))),
    Op("extend", _("批准延长审理期限"), lambda o, d: forms.ExtendForm(d),
       lambda u, o, d, v: review.extend(actor=u, case=o, on=d["on"], days=d["days"],
                                        approver=d["approver"], reason=d["reason"]),
       _status(S.ACCEPTED, S.SENT, S.REVIEWING)(_body(REVIEWER, LEADER))),
    Op("decide", _("作出复议决定"), lambda o, d: forms.DecideForm(d),
       lambda u, o, d, v: review.decide(actor=u, case=o, version=version(v), **d),
       move(S.DECIDED)),
    Op("suspend", _("中止审理"), lambda o, d: forms.SuspendForm(d),
       lambda u, o, d, v: review.suspend(actor=u, case=o, on=d["on"], ground=d["ground"],
                                         version=version(v)), move(S.SUSPENDED)),
    Op("resume", _("恢复审理"), _date,
       lambda u, o, d, v: review.resume(actor=u, case=o, on=d["on"], version=version(v)),
       _status(S.SUSPENDED)(move(S.REVIEWING))),
    Op("terminate", _("终止审理"), lambda o, d: forms.TerminateForm(d),
       lambda u, o, d, v: review.terminate(actor=u, case=o, on=d["on"], ground=d["ground"],
                                           reason=d["reason"], version=version(v)),
       move(S.TERMINATED)),
    Op("serve", _("送达复议决定书"), _date,
       lambda u, o, d, v: review.serve(actor=u, case=o, on=d["on"], version=version(v)),
       move(S.CLOSED)),
    Op("letter", _("制发意见书、建议书"),
       lambda o, d: forms.LetterForm(d, orgs=queries.district_orgs()),
       lambda u, o, d, v: review.letter_issue(actor=u, case=o, **d),
       _status(S.REVIEWING, S.DECIDED, S.CLOSED)(_body(REVIEWER, LEADER))),
    Op("incidental", _("规范性文件附带审查"), lambda o, d: forms.IncidentalForm(d),
       lambda u, o, d, v: review.incidental_raise(actor=u, case=o, **d),
       _status(S.ACCEPTED, S.SENT, S.REVIEWING, S.SUSPENDED)(_body(REVIEWER))),
]  # fmt: skip


@login_required
def case_list(request):
    g = request.GET
    qs = queries.reconsiderations(request.user)
    status, q, year = g.get("status", ""), g.get("q", "").strip(), g.get("year", "").strip()
    if status in S.values:
        qs = qs.filter(status=status)
    if year.isdigit():
        qs = qs.filter(received_on__year=int(year))
    if q:
        qs = qs.filter(
            Q(number__icontains=q) | Q(applicant_name__icontains=q) | Q(act_number__icontains=q)
        )
    if g.get("export") == "xlsx":
        reg = exports.RECONSIDERATIONS
        return export_response(reg, qs.order_by("-id")[: exports.EXPORT_LIMIT], str(reg.title))
    return list_page(
        request,
        "disputes/reconsideration/list.html",
        keyset(qs, request, key="id"),
        statuses=S.choices,
        status=status,
        q=q,
        year=year,
        can_new=scoping.has_role(request.user, REVIEWER, CLERK)
        and queries.bodies(request.user).exists(),
    )


@login_required
def case_new(request):
    bodies = queries.bodies(request.user)
    form = forms.ReceiveForm(request.POST or None, respondents=queries.district_orgs())
    if not bodies.exists():  # only the reconsideration body registers; the page says so
        messages.warning(request, _("只有行政复议机构的工作人员可以登记申请。"))
        if request.method == "POST":
            return redirect(request.path)  # nothing is registered
    body = bodies.first()
    return new_page(
        request,
        form,
        lambda d: svc.receive(actor=request.user, body=body, **d),
        _("收到行政复议申请"),
        "disputes:reconsiderations",
        lambda c: reverse("disputes:reconsideration", args=[c.pk]),
    )


def _case(request, pk):
    return scoping.get_for(request.user, queries.reconsiderations(request.user), pk)


@login_required
def case_detail(request, pk: int):
    case = _case(request, pk)
    exam = rules.open_clock(case, rules.ACCEPT) if case.status == S.RECEIVED else None
    return page(
        request,
        case,
        OPS,
        "disputes/reconsideration/detail.html",
        deemed=bool(exam and exam.due_on and clock.today() > exam.due_on),
        exam=exam,
        late=rules.application_late(case),
        decision_due=rules.decision_due(case),
        reviewed_url=_reviewed_url(case),
        letters=case.letters.select_related("to_org"),
        reviews=case.incidental_reviews.all(),
        hearings=case.hearings.all(),
        suspensions=case.suspensions.all(),
        repeat=_repeat(request.user, case),
    )


def _repeat(user, case):
    seen = crossref.appearances(user, case.applicant_id_number, exclude=case)
    return [(case.applicant_name, seen)] if seen else []


def _reviewed_url(case) -> str:
    from fazhi.core import matterlinks

    return matterlinks.url_for(case.ref_type, case.ref_id) if case.has_ref else ""


@login_required
@require_POST
def case_act(request, pk: int):
    case = _case(request, pk)
    return act(request, case, OPS, reverse("disputes:reconsideration", args=[pk]))


# -- 意见书 and 建议书 -------------------------------------------------------------------------

LETTER_OPS = [
    Op("report", _("反馈落实情况"), lambda o, d: forms.LetterReportForm(d),
       lambda u, o, d, v: review.letter_report(actor=u, letter=o, on=d["on"], result=d["result"]),
       lambda u, o, m: not o.reported_on and scoping.has_role(u, LEADER, CLERK, org=o.to_org)),
]  # fmt: skip


def _letter(request, pk):
    return scoping.get_for(request.user, queries.letters(request.user), pk)


@login_required
def letter_detail(request, pk: int):
    letter = _letter(request, pk)
    return page(request, letter, LETTER_OPS, "disputes/reconsideration/letter.html")


@login_required
@require_POST
def letter_act(request, pk: int):
    letter = _letter(request, pk)
    return act(request, letter, LETTER_OPS, reverse("disputes:letter", args=[pk]))


@login_required
def letters(request):
    qs = queries.letters(request.user)
    return list_page(request, "disputes/reconsideration/letters.html", keyset(qs, request))
