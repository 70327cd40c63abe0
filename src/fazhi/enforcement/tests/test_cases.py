"""A case from complaint to archive through the services, and each refusal on the way."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.models import Role
from fazhi.core.tests.harness import WorkflowTableTests
from fazhi.core.workflow import InvalidTransition

from ..models import Case, CaseStatus, Publication
from ..services import cases as svc
from ..services import decisions, publicity
from .casefactories import Bureau

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def b(db):
    return Bureau()


def _opened(b, **kw):
    defaults = dict(
        body=b.body,
        field=b.field,
        item=b.item,
        source="complaint",
        party_kind="person",
        party_name="当事人甲",
        party_id_number="430102198001010011",
        party_phone="13812345678",
        party_address="长沙市芙蓉区五一大道123号4栋501室",
        facts="当事人甲（电话13812345678）在五一大道占道经营。",
        received_on=D(2024, 3, 4),
    )
    defaults.update(kw)
    return svc.case_open(actor=b.clerk, **defaults)


def _investigated(b, fine=Decimal(150), band=None, **kw):
    case = _opened(b, **kw)
    case = svc.register(actor=b.leader, case=case, on=D(2024, 3, 5))
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer1, lead=True)
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer2)
    svc.evidence_add(
        actor=b.officer_user,
        case=case,
        kind="inquiry",
        title="询问笔录",
        collected_on=D(2024, 3, 6),
        officer=b.officer1,
        content=b"%PDF-1.4 inquiry",
        filename="inquiry.pdf",
    )
    return svc.propose(
        actor=b.officer_user, case=case, fine=fine, band=band or b.light, kinds=["fine"]
    )


def test_case_numbers_follow_the_standard(b):
    assert _opened(b).number == "芙执案〔2024〕1号"


def test_full_general_procedure_to_archive(b, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    case = _investigated(b)
    assert (case.status, case.is_major) == (CaseStatus.PROPOSED, False)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    hearing = clocks.for_subject(case).get(rule__code="CF-4")
    assert hearing.due_on == D(2024, 3, 15)  # 5 WD after Fri 03-08: 11, 12, 13, 14, 15
    with pytest.raises(InvalidTransition) as exc:
        decisions.decide(
            actor=b.leader,
            case=case,
            on=D(2024, 3, 12),
            outcome="penalty",
            fine=Decimal(150),
            band=b.light,
            basis="第三十六条",
            kinds=["fine"],
        )
    assert "2024-03-15 届满，届满前不能作出决定" in exc.value.message
    d = decisions.decide(
        actor=b.leader,
        case=case,
        on=D(2024, 3, 18),
        outcome="penalty",
        fine=Decimal(150),
        band=b.light,
        basis="第三十六条",
        kinds=["fine"],
    )
    assert d.number == "芙执罚决〔2024〕1号"
    assert clocks.for_subject(case).get(rule__code="CF-2").stopped_on == D(2024, 3, 18)
    decisions.serve(actor=b.officer_user, case=case, on=D(2024, 3, 19), method="直接送达")
    decisions.pay(actor=b.clerk, case=case, on=D(2024, 3, 25), amount=Decimal(150), receipt="R1")
    with pytest.raises(ValidationError) as exc:
        decisions.pay(actor=b.clerk, case=case, on=D(2024, 3, 26), amount=Decimal(1))
    assert exc.value.messages == ["决定书 芙执罚决〔2024〕1号 的罚没款已缴清，不能重复缴纳。"]
    case = decisions.close(actor=b.leader, case=Case.objects.get(pk=case.pk), on=D(2024, 3, 26))
    case = decisions.archive(actor=b.clerk, case=case, on=D(2024, 3, 27))
    assert (case.status, case.closed_on, case.archived_on) == (
        CaseStatus.ARCHIVED,
        D(2024, 3, 26),
        D(2024, 3, 27),
    )
    pub = publicity.publish(actor=b.leader, decision=d, on=D(2024, 3, 20))
    assert "430102198001010011" not in pub.text and "13812345678" not in pub.text
    assert "当事人：当某" in pub.text and "罚款150元" in pub.text
    assert clocks.card(clocks.for_subject(case).get(rule__code="SZ-1")).status == "done"
    assert ledger.verify().ok
    actions = [e.action for e in ledger.timeline(case)]
    assert actions[:3] == ["number.issue", "enf.case.create", "matter.transition"]
    assert "enf.publish" in actions and actions.count("matter.transition") == 7


def test_fine_outside_band_is_refused(b):
    with pytest.raises(ValidationError) as exc:
        _investigated(b, fine=Decimal(500), band=b.light)
    assert exc.value.messages == [
        "罚款 500.00 元超出裁量档次“初次违法、及时改正”的幅度（0.00–200.00 元）。"
    ]
    assert Case.objects.get().status == CaseStatus.REGISTERED


def test_officer_without_certificate_cannot_be_assigned(b):
    case = _opened(b)
    with pytest.raises(ValidationError) as exc:
        svc.assign_officer(actor=b.leader, case=case, officer=b.uncertified)
    assert exc.value.messages == ["执法人员丙 没有“城市管理”领域的有效行政执法证，不能办理本案。"]


def test_one_officer_is_not_enough(b):
    case = svc.register(actor=b.leader, case=_opened(b), on=D(2024, 3, 5))
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer1)
    svc.evidence_add(
        actor=b.officer_user,
        case=case,
        kind="scene",
        title="现场笔录",
        collected_on=D(2024, 3, 6),
        officer=b.officer1,
    )
    with pytest.raises(InvalidTransition) as exc:
        svc.propose(
            actor=b.officer_user, case=case, fine=Decimal(100), band=b.light, kinds=["fine"]
        )
    assert "本案目前有 1 名" in exc.value.message


def test_major_decision_needs_passed_review(b):
    case = _investigated(b, fine=Decimal(20000), band=b.heavy)
    assert case.is_major and case.major_reasons == ["罚款一万元以上"]
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    with pytest.raises(InvalidTransition) as exc:
        decisions.decide(
            actor=b.leader,
            case=case,
            on=D(2024, 3, 18),
            outcome="penalty",
            fine=Decimal(20000),
            band=b.heavy,
            basis="x",
        )
    assert "须经法制审核通过后才能作出决定" in exc.value.message
    case = svc.submit_review(actor=b.officer_user, case=case, on=D(2024, 3, 18))
    with pytest.raises(InvalidTransition):
        decisions.decide(
            actor=b.leader,
            case=case,
            on=D(2024, 3, 19),
            outcome="penalty",
            fine=Decimal(20000),
            band=b.heavy,
            basis="x",
        )
    with pytest.raises(PermissionDenied):
        svc.review_opinion(actor=b.leader, case=case, opinion="pass", reasons="", on=D(2024, 3, 19))
    svc.review_opinion(actor=b.reviewer, case=case, opinion="pass", reasons="", on=D(2024, 3, 19))
    d = decisions.decide(
        actor=b.leader,
        case=Case.objects.get(pk=case.pk),
        on=D(2024, 3, 20),
        outcome="penalty",
        fine=Decimal(20000),
        band=b.heavy,
        basis="x",
    )
    assert d.fine == Decimal(20000)


def test_summary_decision_needs_a_certified_officer(b):
    case = _opened(b, procedure="summary", received_on=D(2024, 6, 3))
    with pytest.raises(InvalidTransition) as exc:  # no officer assigned to the case
        decisions.decide(
            actor=b.officer_user,
            case=case,
            on=D(2024, 6, 3),
            outcome="penalty",
            fine=Decimal(100),
            band=b.light,
            basis="x",
        )
    assert exc.value.message == (
        "当场作出行政处罚决定须由持有本领域有效执法证的执法人员作出（行政处罚法第五十二条），"
        "请先指派办案执法人员。"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLUE and not hasattr(case, "decision")


def test_summary_procedure_caps_follow_the_law_in_force(b):
    case = _opened(b, procedure="summary", received_on=D(2019, 6, 3))
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer1, lead=True, on=D(2019, 6, 3))
    with pytest.raises(InvalidTransition) as exc:
        decisions.decide(
            actor=b.officer_user,
            case=case,
            on=D(2019, 6, 3),
            outcome="penalty",
            fine=Decimal(100),
            band=b.light,
            basis="x",
        )
    assert "对公民处50元以下" in exc.value.message  # 2017 text: 50 yuan for a citizen
    case2 = _opened(b, procedure="summary", received_on=D(2024, 6, 3))
    svc.assign_officer(actor=b.leader, case=case2, officer=b.officer1, lead=True, on=D(2024, 6, 3))
    d = decisions.decide(
        actor=b.officer_user,
        case=case2,
        on=D(2024, 6, 3),
        outcome="penalty",
        fine=Decimal(100),
        band=b.light,
        basis="x",
    )
    assert d.case.status == CaseStatus.DECIDED
    # an on-the-spot decision is not put under the publicity clock (rules.must_publish)
    assert not clocks.for_subject(case2).filter(rule__code="SZ-1").exists()


def test_bad_party_identity_is_refused(b):
    with pytest.raises(ValidationError) as exc:
        _opened(b, party_id_number="43010219800101001X")
    assert exc.value.messages[0].startswith("身份证号码：")
    assert Case.objects.count() == 0


def test_withdrawn_publication_leaves_the_portal(b, client):
    case = _investigated(b)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    svc.waive_statements(actor=b.leader, case=case, on=D(2024, 3, 8))
    d = decisions.decide(
        actor=b.leader,
        case=Case.objects.get(pk=case.pk),
        on=D(2024, 3, 11),
        outcome="penalty",
        fine=Decimal(150),
        band=b.light,
        basis="第三十六条",
    )
    pub = publicity.publish(actor=b.leader, decision=d, on=D(2024, 3, 12))
    publicity.withdraw(actor=b.leader, publication=pub, on=D(2024, 4, 1), reason="复议撤销")
    assert Publication.objects.get().withdrawal_reason == "复议撤销"


class TestCaseTable(WorkflowTableTests):
    """Every row of the case table and its role matrix (conditions satisfied by fixtures)."""

    from ..models import Case as model

    @pytest.fixture(autouse=True)
    def _setup(self, db):
        self.b = Bureau()
        self.org = self.b.body.org
        self.users = {}

    def actor(self, role):
        from fazhi.core.tests.factories import user

        if role not in self.users:
            self.users[role] = user(org=self.org, role=role)
        return self.users[role]

    def make(self, status):
        from ..models import CaseOfficer

        case = _opened(self.b)
        # the officer (仅本人) acts on the cases it handles
        Case.objects.filter(pk=case.pk).update(
            status=status, statements_waived=True, handler=self.actor(Role.OFFICER)
        )
        CaseOfficer.objects.create(
            case=case, officer=self.b.officer1, certificate=self.b.officer1.certificates.get()
        )
        return Case.objects.get(pk=case.pk)

    def satisfy(self, m, to):
        """Put in place what the move's conditions ask for (the records a real case would
        have by then), straight in the database: the walk tests the table, the flow tests
        above test the services that make these records."""
        from ..models import CaseOfficer, Decision, Discussion, Evidence, LegalReview, Payment

        S = CaseStatus
        b = self.b
        data = {"on": D(2024, 6, 3)}
        fields = {}
        if (m.status, to) == (S.CLUE, S.DECIDED):
            fields = {"procedure": "summary"}
            data["fine"] = Decimal(50)
        if (m.status, to) == (S.REGISTERED, S.PROPOSED):
            CaseOfficer.objects.create(
                case=m, officer=b.officer2, certificate=b.officer2.certificates.get()
            )
            Evidence.objects.create(
                case=m, kind="scene", title="现场笔录", collected_on=D(2024, 3, 6),
                collected_by=b.officer1,
            )  # fmt: skip
            fields = {"proposed_fine": Decimal(150), "proposed_band": b.light}
        if (m.status, to) == (S.NOTIFIED, S.HEARING):
            fields = {"hearing_requested_on": D(2024, 3, 8)}
        if to == S.REVIEW:
            fields = {"is_major": True, "major_reasons": ["罚款一万元以上"]}
            if m.status == S.HEARING:
                fields["hearing_held_on"] = D(2024, 3, 20)
        if m.status == S.REVIEW:
            opinion = "return" if to == S.REGISTERED else "pass"
            LegalReview.objects.create(
                case=m, submitted_on=D(2024, 4, 1), decided_on=D(2024, 4, 2), opinion=opinion
            )
            fields = {"needs_discussion": to == S.DISCUSSION}
        if m.status == S.DISCUSSION:
            Discussion.objects.create(
                case=m, held_on=D(2024, 4, 3), attendees="负责人", conclusion="同意"
            )
        if m.status == S.DECIDED:
            Decision.objects.create(
                case=m, number=f"芙执罚决〔2024〕{m.pk}号", decided_on=D(2024, 4, 5),
                outcome="penalty", fine=Decimal(150), basis="依据", served_on=D(2024, 4, 6),
            )  # fmt: skip
        if (m.status, to) in ((S.SERVED, S.CLOSED), (S.EXECUTING, S.CLOSED)):
            d = Decision.objects.create(
                case=m, number=f"芙执罚决〔2024〕{m.pk}号", decided_on=D(2024, 4, 5),
                outcome="penalty", fine=Decimal(150), basis="依据", served_on=D(2024, 4, 6),
            )  # fmt: skip
            Payment.objects.create(
                decision=d, paid_on=D(2024, 4, 10), amount=Decimal(150), kind="fine"
            )
        if fields:
            Case.objects.filter(pk=m.pk).update(**fields)
            m.refresh_from_db()
        return {"reason": "测试理由", "data": data, "on": D(2024, 6, 3)}
