"""Disputes API, mounted at /api/v1/disputes/: the four mechanisms' matters (scoped: outside
the caller's scope a matter is 404), intake and the main steps as explicit action endpoints
with their own input schemas, and public tracking by number and check code.

Every write calls its service; a refused step is 400 with the service's message (a role the
caller does not hold, 403), nothing changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from fazhi.core import clocks, scoping, workflow
from fazhi.core.models import Organisation
from fazhi.ui import ratelimit

from . import queries
from .models import Committee
from .services import inspection, litigation, mediation, petitions
from .services import reconsideration as rc
from .services import reconsideration_review as rv

router = Router(tags=["矛盾化解"])


class ErrorOut(Schema):
    detail: str


class MatterOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    org: str
    received_on: dt.date
    closed_on: dt.date | None
    version: int
    clocks: list[dict]


class DateIn(Schema):
    on: dt.date
    version: int | None = None


class ReasonIn(DateIn):
    reason: str


def _out(m) -> dict:
    return {
        "id": m.pk,
        "number": m.number,
        "title": m.title,
        "status": m.status,
        "status_label": m.get_status_display(),
        "org": m.org.name,
        "received_on": m.received_on,
        "closed_on": m.closed_on,
        "version": m.version,
        "clocks": [
            {"rule": c.rule.code, "label": c.label, "due_on": c.due_on,
             "card": clocks.card(c).status, "party": c.party}
            for c in clocks.for_subject(m)
        ],
    }  # fmt: skip


def _do(fn: Callable[[], Any], code: int = 200):
    """Run a service call and answer with the matter, or the refusal."""
    try:
        m = fn()
    except workflow.InvalidTransition as exc:
        return Status(400, {"detail": exc.message})
    except ValidationError as exc:
        return Status(400, {"detail": "；".join(exc.messages)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc) or "没有权限。"})
    return Status(code, _out(m))


R = {200: MatterOut, 201: MatterOut, 400: ErrorOut, 403: ErrorOut}


def _list(qs, status: str | None, limit: int, before_id: int | None):
    qs = qs.order_by("-id")
    if status:
        qs = qs.filter(status=status)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return [_out(m) for m in qs[: max(1, min(limit, 500))]]


# -- 行政复议 -----------------------------------------------------------------------------------


class ReconIn(Schema):
    channel: str = "written"
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str = ""
    applicant_credit_code: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    respondent_id: int
    act_kind: str
    act_number: str = ""
    act_description: str
    act_known_on: dt.date
    received_on: dt.date
    request: str = ""


class AcceptIn(DateIn):
    procedure: str = "ordinary"
    simplified_ground: str = ""  # FY-6, from 2024: on_the_spot, warning, small_amount, …


class SwitchIn(DateIn):
    approver: str
    reason: str


class AnswerIn(DateIn):
    evidence: str


class DecideIn(DateIn):
    decision_type: str
    summary: str
    approved_by: str


@router.get("/reconsiderations", response=list[MatterOut], summary="行政复议案件（按数据范围）")
def recon_list(request, status: str | None = None, limit: int = 50, before_id: int | None = None):
    return _list(queries.reconsiderations(request.user), status, limit, before_id)


@router.get("/reconsiderations/{pk}", response=MatterOut, summary="行政复议案件详情")
def recon_detail(request, pk: int):
    return _out(scoping.get_for(request.user, queries.reconsiderations(request.user), pk))


@router.post("/reconsiderations", response=R, summary="收到行政复议申请")
def recon_create(request: HttpRequest, data: ReconIn):
    body = queries.bodies(request.user).first()
    if body is None:
        return Status(403, {"detail": "只有行政复议机构的工作人员可以登记申请。"})
    respondent = Organisation.objects.filter(pk=data.respondent_id).first()
    if respondent is None:
        return Status(400, {"detail": "被申请人不存在。"})
    payload = data.dict(exclude={"respondent_id"})
    return _do(lambda: rc.receive(actor=request.user, body=body, respondent=respondent, **payload),
               201)  # fmt: skip


def _recon(request, pk):
    return scoping.get_for(request.user, queries.reconsiderations(request.user), pk)


@router.post("/reconsiderations/{pk}/accept", response=R, summary="受理（期满未决定的视为受理）")
def recon_accept(request, pk: int, data: AcceptIn):
    case = _recon(request, pk)
    return _do(lambda: rc.accept(actor=request.user, case=case, on=data.on,
                                 procedure=data.procedure,
                                 simplified_ground=data.simplified_ground,
                                 version=data.version))  # fmt: skip


@router.post("/reconsiderations/{pk}/switch", response=R,
             summary="简易程序转为普通程序（复议机构负责人批准）")  # fmt: skip
def recon_switch(request, pk: int, data: SwitchIn):
    case = _recon(request, pk)
    return _do(lambda: rc.switch_to_ordinary(actor=request.user, case=case, on=data.on,
                                             approver=data.approver, reason=data.reason))  # fmt: skip


@router.post("/reconsiderations/{pk}/refuse", response=R, summary="决定不予受理")
def recon_refuse(request, pk: int, data: ReasonIn):
    case = _recon(request, pk)
    return _do(lambda: rc.refuse(actor=request.user, case=case, on=data.on, reason=data.reason,
                                 version=data.version))  # fmt: skip


@router.post("/reconsiderations/{pk}/send", response=R, summary="发送申请书副本和答复通知")
def recon_send(request, pk: int, data: DateIn):
    case = _recon(request, pk)
    return _do(lambda: rc.send(actor=request.user, case=case, on=data.on, version=data.version))


@router.post("/reconsiderations/{pk}/answer", response=R, summary="被申请人书面答复并提交证据")
def recon_answer(request, pk: int, data: AnswerIn):
    case = _recon(request, pk)
    return _do(lambda: rc.answer(actor=request.user, case=case, on=data.on,
                                 evidence=data.evidence, version=data.version))  # fmt: skip


@router.post("/reconsiderations/{pk}/decide", response=R, summary="作出行政复议决定")
def recon_decide(request, pk: int, data: DecideIn):
    case = _recon(request, pk)
    return _do(lambda: rv.decide(actor=request.user, case=case, on=data.on,
                                 decision_type=data.decision_type, summary=data.summary,
                                 approved_by=data.approved_by, version=data.version))  # fmt: skip


@router.post("/reconsiderations/{pk}/serve", response=R, summary="送达复议决定书")
def recon_serve(request, pk: int, data: DateIn):
    case = _recon(request, pk)
    return _do(lambda: rv.serve(actor=request.user, case=case, on=data.on, version=data.version))


# -- 行政应诉 -----------------------------------------------------------------------------------


class LawsuitIn(Schema):
    org_id: int
    kind: str = "lawsuit"
    respondent_id: int
    counterpart_kind: str
    counterpart_name: str
    counterpart_id_number: str = ""
    counterpart_credit_code: str = ""
    forum: str
    forum_number: str = ""
    cause: str
    act_number: str = ""
    received_on: dt.date


class LawsuitAnswerIn(DateIn):
    evidence_list: str
    late_reason: str = ""


class HearingIn(Schema):
    held_on: dt.date
    appeared: str
    head_appeared: bool = False
    head_name: str = ""
    place: str = ""


class JudgmentIn(DateIn):
    ruling: str
    outcome: str
    served_on: dt.date


@router.get("/respondent-cases", response=list[MatterOut], summary="行政应诉案件")
def ys_list(request, status: str | None = None, limit: int = 50, before_id: int | None = None):
    return _list(queries.respondent_cases(request.user), status, limit, before_id)


@router.post("/respondent-cases", response=R, summary="收到起诉状副本或复议申请书副本")
def ys_create(request, data: LawsuitIn):
    org = scoping.get_for(request.user, Organisation, data.org_id)
    respondent = Organisation.objects.filter(pk=data.respondent_id).first()
    if respondent is None:
        return Status(400, {"detail": "被告或被申请人不存在。"})
    payload = data.dict(exclude={"org_id", "respondent_id"})
    return _do(lambda: litigation.receive(actor=request.user, org=org, respondent=respondent,
                                          **payload), 201)  # fmt: skip


def _ys(request, pk):
    return scoping.get_for(request.user, queries.respondent_cases(request.user), pk)


@router.post("/respondent-cases/{pk}/answer", response=R, summary="提交答辩状、证据和依据")
def ys_answer(request, pk: int, data: LawsuitAnswerIn):
    case = _ys(request, pk)
    return _do(lambda: litigation.answer(actor=request.user, case=case, on=data.on,
                                         evidence_list=data.evidence_list,
                                         late_reason=data.late_reason, version=data.version))  # fmt: skip


@router.post("/respondent-cases/{pk}/hearings", response=R, summary="登记庭审（负责人出庭）")
def ys_hearing(request, pk: int, data: HearingIn):
    case = _ys(request, pk)

    def run():
        litigation.hearing_record(actor=request.user, case=case, **data.dict())
        return case

    return _do(run)


@router.post("/respondent-cases/{pk}/judgment", response=R, summary="登记裁判结果")
def ys_judgment(request, pk: int, data: JudgmentIn):
    case = _ys(request, pk)
    return _do(lambda: litigation.judgment(actor=request.user, case=case, on=data.on,
                                           ruling=data.ruling, outcome=data.outcome,
                                           served_on=data.served_on, version=data.version))  # fmt: skip


# -- 人民调解 -----------------------------------------------------------------------------------


class PartyIn(Schema):
    side: str
    kind: str = "person"
    name: str
    id_number: str = ""
    credit_code: str = ""
    phone: str = ""


class DisputeIn(Schema):
    committee_id: int
    category: str
    source: str
    facts: str
    parties: list[PartyIn]
    received_on: dt.date
    amount_claimed: Decimal | None = None
    is_major: bool = False
    major_reason: str = ""


class SessionIn(Schema):
    held_on: dt.date
    mediator_id: int
    summary: str


class AgreementIn(DateIn):
    form: str = "written"
    terms: str
    amount: Decimal = Decimal(0)
    signatures: dict[int, dt.date] = {}
    schedule: list[dict] = []


class PerformanceIn(DateIn):
    note: str
    amount: Decimal = Decimal(0)
    complete: bool = False


@router.get("/disputes", response=list[MatterOut], summary="矛盾纠纷")
def tj_list(request, status: str | None = None, limit: int = 50, before_id: int | None = None):
    return _list(queries.disputes(request.user), status, limit, before_id)


@router.post("/disputes", response=R, summary="受理矛盾纠纷")
def tj_create(request, data: DisputeIn):
    committee = scoping.get_for(request.user, Committee, data.committee_id)
    payload = data.dict(exclude={"committee_id", "parties"})
    parties = [p.dict() for p in data.parties]
    return _do(lambda: mediation.receive(actor=request.user, committee=committee,
                                         parties=parties, **payload), 201)  # fmt: skip


def _tj(request, pk):
    return scoping.get_for(request.user, queries.disputes(request.user), pk)


@router.post("/disputes/{pk}/sessions", response=R, summary="登记调解")
def tj_session(request, pk: int, data: SessionIn):
    d = _tj(request, pk)
    m = d.committee.mediators.filter(pk=data.mediator_id).first()
    if m is None:
        return Status(400, {"detail": "调解员不属于本调解组织。"})

    def run():
        mediation.session_add(actor=request.user, dispute=d, held_on=data.held_on, mediator=m,
                              summary=data.summary)  # fmt: skip
        d.refresh_from_db()
        return d

    return _do(run)


@router.post("/disputes/{pk}/agreement", response=R, summary="登记调解协议（各方签名）")
def tj_agreement(request, pk: int, data: AgreementIn):
    d = _tj(request, pk)

    def run():
        mediation.agreement_record(
            actor=request.user, dispute=d, form=data.form, signed_on=data.on, terms=data.terms,
            amount=data.amount, signatures=data.signatures, schedule=data.schedule,
            version=data.version,
        )  # fmt: skip
        d.refresh_from_db()
        return d

    return _do(run)


@router.post("/disputes/{pk}/performance", response=R, summary="登记协议履行")
def tj_performance(request, pk: int, data: PerformanceIn):
    d = _tj(request, pk)

    def run():
        mediation.performance_record(actor=request.user, dispute=d, on=data.on, note=data.note,
                                     amount=data.amount, complete=data.complete,
                                     version=data.version)  # fmt: skip
        d.refresh_from_db()
        return d

    return _do(run)


# -- 信访 ---------------------------------------------------------------------------------------


class PetitionIn(Schema):
    channel: str
    category: str
    source: str = "direct"
    persons: list[PartyIn]
    content: str
    received_on: dt.date


class ReplyIn(DateIn):
    outcome: str
    served_on: dt.date | None = None


@router.get("/petitions", response=list[MatterOut], summary="信访事项")
def xf_list(request, status: str | None = None, limit: int = 50, before_id: int | None = None):
    return _list(queries.petitions(request.user), status, limit, before_id)


@router.post("/petitions", response=R, summary="登记信访事项")
def xf_create(request, data: PetitionIn):
    office = queries.offices(request.user).first()
    if office is None:
        return Status(403, {"detail": "只有信访工作机构的工作人员可以登记信访事项。"})
    payload = data.dict(exclude={"persons"})
    persons = [p.dict() for p in data.persons]
    return _do(lambda: petitions.register(actor=request.user, office=office, persons=persons,
                                          **payload), 201)  # fmt: skip


def _xf(request, pk):
    return scoping.get_for(request.user, queries.petitions(request.user), pk)


@router.post("/petitions/{pk}/accept", response=R, summary="受理并书面告知")
def xf_accept(request, pk: int, data: DateIn):
    p = _xf(request, pk)
    return _do(lambda: petitions.accept(actor=request.user, petition=p, on=data.on,
                                        version=data.version))  # fmt: skip


@router.post("/petitions/{pk}/reply", response=R, summary="出具处理（复查、复核）意见书")
def xf_reply(request, pk: int, data: ReplyIn):
    p = _xf(request, pk)
    return _do(lambda: petitions.reply(actor=request.user, petition=p, on=data.on,
                                       outcome=data.outcome, served_on=data.served_on,
                                       version=data.version))  # fmt: skip


@router.post("/items/{pk}/report", response=R, summary="报送交办件办理结果")
def item_report(request, pk: int, data: ReasonIn):
    it = scoping.get_for(request.user, queries.items(request.user), pk)
    return _do(lambda: inspection.item_report(actor=request.user, item=it, on=data.on,
                                              result=data.reason, version=data.version))  # fmt: skip


@router.post("/items/{pk}/close", response=R, summary="审核办结交办件")
def item_close(request, pk: int, data: DateIn):
    it = scoping.get_for(request.user, queries.items(request.user), pk)
    return _do(lambda: inspection.item_close(actor=request.user, item=it, on=data.on,
                                             version=data.version))  # fmt: skip


@router.post("/batches/{pk}/close", response=R, summary="批次办结（每一件办结后）")
def batch_close(request, pk: int, data: DateIn):
    b = queries.batches(request.user).filter(pk=pk).first()
    if b is None:
        from django.http import Http404

        raise Http404
    return _do(lambda: inspection.batch_close(actor=request.user, batch=b, on=data.on,
                                              version=data.version))  # fmt: skip


# -- public -------------------------------------------------------------------------------------


class TrackOut(Schema):
    number: str
    status: str
    status_label: str
    received_on: dt.date
    closed_on: dt.date | None


@router.get("/public/track", auth=None, response={200: TrackOut, 404: ErrorOut, 429: ErrorOut},
            summary="按编号和查询码查询办理情况（不含个人信息）")  # fmt: skip
def public_track(request, kind: str, number: str, code: str):
    if ratelimit.hit(request, "lookup", method="GET"):  # check codes are not to be guessed
        return Status(429, {"detail": "查询过于频繁，请稍后再试。"})
    m = queries.public_track(kind, number, code)
    if m is None:
        return Status(404, {"detail": "没有找到编号和查询码相符的事项。"})
    return Status(200, {"number": m.number, "status": m.status,
                        "status_label": m.get_status_display(), "received_on": m.received_on,
                        "closed_on": m.closed_on})  # fmt: skip
