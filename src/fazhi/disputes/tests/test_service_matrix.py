"""Every write service of the disputes domain, declared once with the roles that may call it,
called by every role inside the owning organisation and from another one (the kernel's
``ServiceMatrixTests``). Subjects are built once, as the system, through the same services;
each call gets its own fresh copy and is rolled back."""

import datetime as dt
from decimal import Decimal

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests

from ..services import inspection, litigation, mediation, petitions
from ..services import reconsideration as rc
from ..services import reconsideration_review as rv
from .factories import ID_A, ID_B, ID_C, applicant

RECON_ON, PETITION_ON = dt.date(2019, 3, 4), dt.date(2019, 6, 3)

D = dt.date
CLERK, REVIEWER, LEADER, SUPERVISOR, ADMIN = (
    Role.CLERK,
    Role.REVIEWER,
    Role.LEADER,
    Role.SUPERVISOR,
    Role.ADMIN,
)


class World(MatrixWorld):
    def __init__(self):
        root = factories.org("矩阵区人民政府", kind=OrgKind.DISTRICT)
        super().__init__(
            factories.org("矩阵区司法局", parent=root), factories.org("矩阵区执法局", parent=root)
        )
        self.root = root
        self.body = rc.body_save(actor=SYSTEM, org=self.org, body=root)
        self.office = petitions.office_save(actor=SYSTEM, org=self.org)
        self.committee = mediation.committee_save(
            actor=SYSTEM, org=self.org, name="矩阵调委会", kind="people", level="street",
            doc_prefix="矩调",
        )  # fmt: skip
        self.mediator = mediation.mediator_save(
            actor=SYSTEM, committee=self.committee, name="调解员甲"
        )
        self.upper = mediation.committee_save(
            actor=SYSTEM, org=self.other, name="矩阵区调处中心", kind="people", level="district",
            doc_prefix="矩区调",
        )  # fmt: skip
        # every subject is built once, before the calls (each call runs in a savepoint that is
        # rolled back, so each sees it as built); a call reads its own fresh copy
        self._built = {}
        for key, build in SUBJECTS.items():
            obj = build(self)
            self._built[key] = (type(obj), obj.pk)

    def get(self, key: str):
        model, pk = self._built[key]
        return model.objects.get(pk=pk)


# -- subjects, built by the system ---------------------------------------------------------------


def recon(w, upto="received", respondent=None, received_on=RECON_ON):
    c = rc.receive(
        actor=SYSTEM,
        body=w.body,
        respondent=respondent or w.other,
        received_on=received_on,
        **applicant(act_known_on=D(2019, 2, 25)),
    )
    steps = ["accepted", "sent", "reviewing", "decided"]
    if upto in steps:
        c = rc.accept(actor=SYSTEM, case=c, on=D(2019, 3, 5))
    if upto in steps[1:]:
        c = rc.send(actor=SYSTEM, case=c, on=D(2019, 3, 6))
    if upto in steps[2:]:
        c = rc.answer(actor=SYSTEM, case=c, on=D(2019, 3, 12), evidence="答复书")
    if upto in steps[3:]:
        c = rv.decide(
            actor=SYSTEM, case=c, on=D(2019, 4, 1), decision_type="maintain", summary="维持",
            approved_by="副区长",
        )  # fmt: skip
    return c


def correcting(w):
    c = recon(w)
    return rc.request_correction(
        actor=SYSTEM, case=c, on=D(2019, 3, 5), items="身份证明", due_on=D(2019, 3, 15)
    )


def suspended(w):
    return rv.suspend(actor=SYSTEM, case=recon(w, "reviewing"), on=D(2019, 3, 20), ground="鉴定")


def letter(w):
    return rv.letter_issue(
        actor=SYSTEM,
        case=recon(w),
        kind="opinion",
        to_org=w.other,
        content="规范",
        on=D(2019, 3, 8),
    )


def incidental(w):
    return rv.incidental_raise(
        actor=SYSTEM, case=recon(w, "accepted"), document_title="通知", issuer="区政府",
        on=D(2019, 3, 8), competent=True,
    )  # fmt: skip


def lawsuit(w, upto="received"):
    c = litigation.receive(
        actor=SYSTEM, org=w.org, kind="lawsuit", respondent=w.org, counterpart_kind="person",
        counterpart_name="原告甲", forum="法院", cause="不服处罚", received_on=D(2019, 3, 1),
    )  # fmt: skip
    steps = ["answered", "judged", "final"]
    if upto in steps:
        c = litigation.answer(actor=SYSTEM, case=c, on=D(2019, 3, 10), evidence_list="答辩状")
    if upto in steps[1:]:
        c = litigation.judgment(
            actor=SYSTEM, case=c, on=D(2019, 5, 6), ruling="judgment", outcome="dismiss_claim",
            served_on=D(2019, 5, 8),
        )  # fmt: skip
    if upto in steps[2:]:
        c = litigation.final(actor=SYSTEM, case=c, on=D(2019, 5, 30))
    return c


def dispute(w, upto="received"):
    d = mediation.receive(
        actor=SYSTEM, committee=w.committee, category="neighbour", source="walk_in", facts="纠纷",
        parties=[dict(side="applicant", name="甲", id_number=ID_A),
                 dict(side="respondent", name="乙", id_number=ID_B)],
        received_on=D(2019, 5, 6),
    )  # fmt: skip
    if upto in ("mediating", "agreed"):
        mediation.session_add(
            actor=SYSTEM, dispute=d, held_on=D(2019, 5, 7), mediator=w.mediator, summary="调解"
        )
    if upto == "agreed":
        mediation.agreement_record(
            actor=SYSTEM, dispute=d, form="written", signed_on=D(2019, 5, 8), terms="赔偿",
            amount=Decimal(100), signatures={p.pk: D(2019, 5, 8) for p in d.parties.all()},
        )  # fmt: skip
    d.refresh_from_db()
    return d


def petition(w, upto="registered", received_on=PETITION_ON):
    p = petitions.register(
        actor=SYSTEM, office=w.office, channel="visit", category="claim", source="direct",
        persons=[dict(name="信访人甲", id_number=ID_C)], content="反映问题", received_on=received_on,
    )  # fmt: skip
    if upto in ("accepted", "replied"):
        p = petitions.accept(actor=SYSTEM, petition=p, on=D(2019, 6, 4))
    if upto == "replied":
        p = petitions.reply(actor=SYSTEM, petition=p, on=D(2019, 6, 20), outcome="support")
    return p


def assigned_2023(w):
    p = petition(w, received_on=D(2023, 9, 27))
    return petitions.assign(actor=SYSTEM, petition=p, handler_org=w.other, on=D(2023, 9, 28))


def batch(w):
    w.batches = getattr(w, "batches", 0) + 1
    return inspection.batch_register(
        actor=SYSTEM, org=w.org, team="central", batch_no=w.batches, received_on=D(2019, 6, 10),
        due_on=D(2019, 7, 10),
        items=[dict(unit=w.org, petitioner_name="信访人", content="问题")],
    )  # fmt: skip


def item(w, reported=False):
    it = batch(w).items.get()
    if reported:
        it = inspection.item_report(actor=SYSTEM, item=it, on=D(2019, 6, 20), result="已办理")
    return it


def closed_batch(w):
    b = batch(w)
    it = inspection.item_report(actor=SYSTEM, item=b.items.get(), on=D(2019, 6, 20), result="已办")
    inspection.item_close(actor=SYSTEM, item=it, on=D(2019, 6, 21))
    b.refresh_from_db()
    return b


def backlog(w, proposed=False):
    c = inspection.backlog_register(
        actor=SYSTEM, org=w.org, title="积案", leader_name="王", leader_post="局长", history="由来",
        persons=[dict(name="甲", id_number=ID_A)], listed_on=D(2019, 3, 1),
    )  # fmt: skip
    if proposed:
        c = inspection.backlog_propose(actor=SYSTEM, case=c, on=D(2019, 8, 1), measures="化解")
    return c


def simplified(w):
    c = recon(w, received_on=D(2024, 6, 3))
    return rc.accept(actor=SYSTEM, case=c, on=D(2024, 6, 4), procedure="simplified",
                     simplified_ground="consent")  # fmt: skip


SUBJECTS = {
    "recon_simple": lambda w: simplified(w),
    "recon": lambda w: recon(w),
    "correcting": lambda w: correcting(w),
    "recon_accepted": lambda w: recon(w, "accepted"),
    "recon_sent": lambda w: recon(w, "sent"),
    "recon_reviewing": lambda w: recon(w, "reviewing"),
    "recon_decided": lambda w: recon(w, "decided"),
    "suspended": lambda w: suspended(w),
    "letter": lambda w: letter(w),
    "incidental": lambda w: incidental(w),
    "lawsuit": lambda w: lawsuit(w),
    "lawsuit_answered": lambda w: lawsuit(w, "answered"),
    "lawsuit_judged": lambda w: lawsuit(w, "judged"),
    "lawsuit_final": lambda w: lawsuit(w, "final"),
    "dispute": lambda w: dispute(w),
    "dispute_mediating": lambda w: dispute(w, "mediating"),
    "dispute_agreed": lambda w: dispute(w, "agreed"),
    "petition": lambda w: petition(w),
    "petition_accepted": lambda w: petition(w, "accepted"),
    "petition_replied": lambda w: petition(w, "replied"),
    "assigned_2023": lambda w: assigned_2023(w),
    "item": lambda w: item(w),
    "item_reported": lambda w: item(w, reported=True),
    "closed_batch": lambda w: closed_batch(w),
    "backlog": lambda w: backlog(w),
    "backlog_proposed": lambda w: backlog(w, proposed=True),
}

E = Expect.of
RC = "fazhi.disputes.services.reconsideration"
RV = "fazhi.disputes.services.reconsideration_review"
LT = "fazhi.disputes.services.litigation"
MD = "fazhi.disputes.services.mediation"
PT = "fazhi.disputes.services.petitions"
IN = "fazhi.disputes.services.inspection"
DESK = (CLERK, REVIEWER, LEADER)


class TestServiceMatrix(ServiceMatrixTests):
    MODULES = (RC, RV, LT, MD, PT, IN)
    EXPECT = {
        f"{RC}:body_save": E(
            LEADER, ADMIN, call=lambda w, a, s: rc.body_save(actor=a, org=w.org, body=w.root)
        ),
        f"{RC}:receive": E(
            REVIEWER,
            CLERK,
            call=lambda w, a, s: rc.receive(
                actor=a,
                body=w.body,
                respondent=w.other,
                received_on=D(2019, 3, 4),
                **applicant(act_known_on=D(2019, 2, 25)),
            ),
        ),  # fmt: skip
        f"{RC}:request_correction": E(
            REVIEWER,
            call=lambda w, a, s: rc.request_correction(
                actor=a, case=w.get("recon"), on=D(2019, 3, 5), items="材料", due_on=D(2019, 3, 15)
            ),
        ),  # fmt: skip
        f"{RC}:receive_correction": E(
            REVIEWER,
            CLERK,
            call=lambda w, a, s: rc.receive_correction(
                actor=a, case=w.get("correcting"), on=D(2019, 3, 10)
            ),
        ),  # fmt: skip
        f"{RC}:abandon": E(
            REVIEWER,
            call=lambda w, a, s: rc.abandon(actor=a, case=w.get("correcting"), on=D(2019, 3, 18)),
        ),  # fmt: skip
        f"{RC}:accept": E(
            REVIEWER, call=lambda w, a, s: rc.accept(actor=a, case=w.get("recon"), on=D(2019, 3, 5))
        ),
        f"{RC}:refuse": E(
            REVIEWER,
            call=lambda w, a, s: rc.refuse(
                actor=a, case=w.get("recon"), on=D(2019, 3, 5), reason="不属于受理范围"
            ),
        ),  # fmt: skip
        f"{RC}:send": E(
            REVIEWER,
            CLERK,
            call=lambda w, a, s: rc.send(actor=a, case=w.get("recon_accepted"), on=D(2019, 3, 6)),
        ),  # fmt: skip
        # the respondent (the other organisation) answers; the office records a paper answer
        f"{RC}:answer": E(
            REVIEWER,
            CLERK,
            outside=(LEADER, CLERK),
            call=lambda w, a, s: rc.answer(
                actor=a, case=w.get("recon_sent"), on=D(2019, 3, 12), evidence="答复书"
            ),
        ),  # fmt: skip
        f"{RC}:answer_missing": E(
            REVIEWER,
            call=lambda w, a, s: rc.answer_missing(
                actor=a, case=w.get("recon_sent"), on=D(2019, 3, 20)
            ),
        ),  # fmt: skip
        f"{RC}:switch_to_ordinary": E(
            REVIEWER,
            LEADER,
            call=lambda w, a, s: rc.switch_to_ordinary(
                actor=a,
                case=w.get("recon_simple"),
                on=D(2024, 6, 20),
                approver="负责人",
                reason="复杂",
            ),
        ),  # fmt: skip
        f"{RV}:hearing_hold": E(
            REVIEWER,
            call=lambda w, a, s: rv.hearing_hold(
                actor=a,
                case=w.get("recon_reviewing"),
                notified_on=D(2019, 3, 13),
                held_on=D(2019, 3, 20),
                place="听证室",
                attendees="双方",
            ),
        ),  # fmt: skip
        f"{RV}:suspend": E(
            REVIEWER,
            call=lambda w, a, s: rv.suspend(
                actor=a, case=w.get("recon_reviewing"), on=D(2019, 3, 20), ground="鉴定"
            ),
        ),  # fmt: skip
        f"{RV}:resume": E(
            REVIEWER,
            call=lambda w, a, s: rv.resume(actor=a, case=w.get("suspended"), on=D(2019, 3, 25)),
        ),  # fmt: skip
        f"{RV}:extend": E(
            REVIEWER,
            LEADER,
            call=lambda w, a, s: rv.extend(
                actor=a,
                case=w.get("recon_reviewing"),
                on=D(2019, 4, 30),
                days=30,
                approver="副区长",
                reason="复杂",
            ),
        ),  # fmt: skip
        f"{RV}:decide": E(
            REVIEWER,
            LEADER,
            call=lambda w, a, s: rv.decide(
                actor=a,
                case=w.get("recon_reviewing"),
                on=D(2019, 4, 1),
                decision_type="revoke",
                summary="撤销",
                approved_by="副区长",
            ),
        ),  # fmt: skip
        f"{RV}:serve": E(
            REVIEWER,
            CLERK,
            call=lambda w, a, s: rv.serve(actor=a, case=w.get("recon_decided"), on=D(2019, 4, 3)),
        ),  # fmt: skip
        f"{RV}:terminate": E(
            REVIEWER,
            call=lambda w, a, s: rv.terminate(
                actor=a,
                case=w.get("recon_reviewing"),
                on=D(2019, 3, 20),
                ground="withdrawn",
                reason="申请人撤回",
            ),
        ),  # fmt: skip
        f"{RV}:letter_issue": E(
            REVIEWER,
            LEADER,
            call=lambda w, a, s: rv.letter_issue(
                actor=a,
                case=w.get("recon"),
                kind="opinion",
                to_org=w.other,
                content="规范执法",
                on=D(2019, 3, 8),
            ),
        ),  # fmt: skip
        f"{RV}:letter_report": E(
            outside=(LEADER, CLERK),
            call=lambda w, a, s: rv.letter_report(
                actor=a, letter=w.get("letter"), on=D(2019, 4, 8), result="已整改"
            ),
        ),  # fmt: skip
        f"{RV}:incidental_raise": E(
            REVIEWER,
            call=lambda w, a, s: rv.incidental_raise(
                actor=a,
                case=w.get("recon_accepted"),
                document_title="通知",
                issuer="区政府",
                on=D(2019, 3, 8),
                competent=True,
            ),
        ),  # fmt: skip
        f"{RV}:incidental_conclude": E(
            REVIEWER,
            call=lambda w, a, s: rv.incidental_conclude(
                actor=a, review=w.get("incidental"), on=D(2019, 3, 20), conclusion="合法"
            ),
        ),  # fmt: skip
        f"{LT}:receive": E(
            *DESK,
            call=lambda w, a, s: litigation.receive(
                actor=a,
                org=w.org,
                kind="lawsuit",
                respondent=w.org,
                counterpart_kind="person",
                counterpart_name="原告",
                forum="法院",
                cause="案由",
                received_on=D(2019, 3, 1),
            ),
        ),  # fmt: skip
        f"{LT}:answer": E(
            *DESK,
            call=lambda w, a, s: litigation.answer(
                actor=a, case=w.get("lawsuit"), on=D(2019, 3, 10), evidence_list="答辩状"
            ),
        ),  # fmt: skip
        f"{LT}:hearing_record": E(
            *DESK,
            call=lambda w, a, s: litigation.hearing_record(
                actor=a,
                case=w.get("lawsuit_answered"),
                held_on=D(2019, 4, 10),
                appeared="局长",
                head_appeared=True,
                head_name="局长",
            ),
        ),  # fmt: skip
        f"{LT}:judgment": E(
            *DESK,
            call=lambda w, a, s: litigation.judgment(
                actor=a,
                case=w.get("lawsuit_answered"),
                on=D(2019, 5, 6),
                ruling="judgment",
                outcome="revoke",
                served_on=D(2019, 5, 8),
            ),
        ),  # fmt: skip
        f"{LT}:appeal": E(
            *DESK,
            call=lambda w, a, s: litigation.appeal(
                actor=a, case=w.get("lawsuit_judged"), on=D(2019, 5, 15), by_us=True
            ),
        ),  # fmt: skip
        f"{LT}:final": E(
            *DESK,
            call=lambda w, a, s: litigation.final(
                actor=a, case=w.get("lawsuit_judged"), on=D(2019, 5, 30)
            ),
        ),  # fmt: skip
        f"{LT}:perform": E(
            *DESK,
            call=lambda w, a, s: litigation.perform(
                actor=a, case=w.get("lawsuit_final"), on=D(2019, 6, 3), performance="无需履行"
            ),
        ),  # fmt: skip
        f"{LT}:withdraw": E(
            *DESK,
            call=lambda w, a, s: litigation.withdraw(
                actor=a, case=w.get("lawsuit"), on=D(2019, 3, 5), reason="原告撤诉"
            ),
        ),  # fmt: skip
        f"{MD}:committee_save": E(
            LEADER,
            ADMIN,
            call=lambda w, a, s: mediation.committee_save(
                actor=a,
                org=w.org,
                name="新调委会",
                kind="specialist",
                level="sector",
                doc_prefix="新调",
                sector="traffic",
            ),
        ),  # fmt: skip
        f"{MD}:mediator_save": E(
            LEADER,
            ADMIN,
            call=lambda w, a, s: mediation.mediator_save(
                actor=a, committee=w.committee, name="调解员乙"
            ),
        ),  # fmt: skip
        f"{MD}:receive": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.receive(
                actor=a,
                committee=w.committee,
                category="family",
                source="walk_in",
                facts="纠纷",
                parties=[dict(side="applicant", name="甲"), dict(side="respondent", name="乙")],
                received_on=D(2019, 5, 6),
            ),
        ),  # fmt: skip
        f"{MD}:session_add": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.session_add(
                actor=a,
                dispute=w.get("dispute"),
                held_on=D(2019, 5, 7),
                mediator=w.mediator,
                summary="调解",
            ),
        ),  # fmt: skip
        f"{MD}:escalate": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.escalate(
                actor=a, dispute=w.get("dispute"), to=w.upper, on=D(2019, 5, 7), reason="重大"
            ),
        ),  # fmt: skip
        f"{MD}:agreement_record": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.agreement_record(
                actor=a,
                dispute=(d := w.get("dispute_mediating")),
                form="written",
                signed_on=D(2019, 5, 8),
                terms="赔偿",
                amount=Decimal(100),
                signatures={p.pk: D(2019, 5, 8) for p in d.parties.all()},
            ),
        ),  # fmt: skip
        f"{MD}:performance_record": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.performance_record(
                actor=a,
                dispute=w.get("dispute_agreed"),
                on=D(2019, 5, 10),
                amount=Decimal(100),
                note="付清",
                complete=True,
            ),
        ),  # fmt: skip
        f"{MD}:confirmation_apply": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.confirmation_apply(
                actor=a, dispute=w.get("dispute_agreed"), on=D(2019, 5, 10), court="法院"
            ),
        ),  # fmt: skip
        f"{MD}:fail": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.fail(
                actor=a,
                dispute=w.get("dispute_mediating"),
                on=D(2019, 5, 10),
                route="litigation",
                reason="分歧大",
            ),
        ),  # fmt: skip
        f"{MD}:refuse": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.refuse(
                actor=a, dispute=w.get("dispute"), on=D(2019, 5, 7), reason="一方拒绝调解"
            ),
        ),  # fmt: skip
        f"{MD}:breach": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: mediation.breach(
                actor=a, dispute=w.get("dispute_agreed"), on=D(2019, 6, 10), reason="未履行"
            ),
        ),  # fmt: skip
        f"{PT}:office_save": E(
            LEADER, ADMIN, call=lambda w, a, s: petitions.office_save(actor=a, org=w.org)
        ),
        f"{PT}:register": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.register(
                actor=a,
                office=w.office,
                channel="letter",
                category="suggestion",
                source="direct",
                persons=[dict(name="信访人")],
                content="建议",
                received_on=D(2019, 6, 3),
            ),
        ),  # fmt: skip
        f"{PT}:assign": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.assign(
                actor=a, petition=w.get("petition"), handler_org=w.org, on=D(2019, 6, 4)
            ),
        ),  # fmt: skip
        f"{PT}:accept": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.accept(
                actor=a, petition=w.get("petition"), on=D(2019, 6, 4)
            ),
        ),  # fmt: skip
        f"{PT}:transfer": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.transfer(
                actor=a, petition=w.get("petition"), on=D(2019, 6, 4), to="区人民法院"
            ),
        ),  # fmt: skip
        f"{PT}:object_to_assignment": E(
            outside=(CLERK, LEADER),
            call=lambda w, a, s: petitions.object_to_assignment(
                actor=a, petition=w.get("assigned_2023"), on=D(2023, 10, 9), reason="非本单位职责"
            ),
        ),  # fmt: skip
        f"{PT}:divert": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.divert(
                actor=a,
                petition=w.get("petition"),
                on=D(2019, 6, 4),
                route="arbitration",
                reason="属劳动仲裁",
            ),
        ),  # fmt: skip
        f"{PT}:extend": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.extend(
                actor=a,
                petition=w.get("petition_accepted"),
                on=D(2019, 7, 1),
                days=30,
                approver="局长",
                reason="复杂",
            ),
        ),  # fmt: skip
        f"{PT}:reply": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.reply(
                actor=a, petition=w.get("petition_accepted"), on=D(2019, 6, 20), outcome="support"
            ),
        ),  # fmt: skip
        f"{PT}:request_review": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.request_review(
                actor=a, petition=w.get("petition_replied"), on=D(2019, 6, 25)
            ),
        ),  # fmt: skip
        f"{PT}:close": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: petitions.close(
                actor=a, petition=w.get("petition_replied"), on=D(2019, 6, 25), satisfied=True
            ),
        ),  # fmt: skip
        f"{IN}:batch_register": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: inspection.batch_register(
                actor=a,
                org=w.org,
                team="provincial",
                batch_no=9,
                received_on=D(2019, 7, 1),
                due_on=D(2019, 8, 1),
                items=[dict(unit=w.org, petitioner_name="甲", content="问题")],
            ),
        ),  # fmt: skip
        f"{IN}:item_report": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: inspection.item_report(
                actor=a, item=w.get("item"), on=D(2019, 6, 20), result="已办理"
            ),
        ),  # fmt: skip
        f"{IN}:item_close": E(
            CLERK,
            LEADER,
            SUPERVISOR,
            call=lambda w, a, s: inspection.item_close(
                actor=a, item=w.get("item_reported"), on=D(2019, 6, 21)
            ),
        ),  # fmt: skip
        f"{IN}:item_return": E(
            CLERK,
            LEADER,
            SUPERVISOR,
            call=lambda w, a, s: inspection.item_return(
                actor=a, item=w.get("item_reported"), on=D(2019, 6, 21), reason="未答复信访人"
            ),
        ),  # fmt: skip
        f"{IN}:batch_close": E(
            LEADER,
            SUPERVISOR,
            call=lambda w, a, s: inspection.batch_close(
                actor=a, batch=w.get("closed_batch"), on=D(2019, 6, 22)
            ),
        ),  # fmt: skip
        f"{IN}:backlog_register": E(
            LEADER,
            SUPERVISOR,
            call=lambda w, a, s: inspection.backlog_register(
                actor=a,
                org=w.org,
                title="积案",
                leader_name="王",
                leader_post="局长",
                history="由来",
                persons=[dict(name="甲")],
                listed_on=D(2019, 3, 1),
            ),
        ),  # fmt: skip
        f"{IN}:backlog_propose": E(
            LEADER,
            call=lambda w, a, s: inspection.backlog_propose(
                actor=a, case=w.get("backlog"), on=D(2019, 8, 1), measures="化解"
            ),
        ),  # fmt: skip
        f"{IN}:backlog_resolve": E(
            SUPERVISOR,
            call=lambda w, a, s: inspection.backlog_resolve(
                actor=a, case=w.get("backlog_proposed"), on=D(2019, 8, 5)
            ),
        ),  # fmt: skip
        f"{IN}:backlog_return": E(
            SUPERVISOR,
            call=lambda w, a, s: inspection.backlog_return(
                actor=a, case=w.get("backlog_proposed"), on=D(2019, 8, 5), reason="未化解"
            ),
        ),  # fmt: skip
    }

    def world(self):
        return World()
