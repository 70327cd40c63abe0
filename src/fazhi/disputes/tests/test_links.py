"""Links to fazhi's own acts through the kernel, without importing their domain: an act named by
a number fazhi issued is referred to as a matter (type, id, label); a reversal or a loss is
written against it, so the act's own timeline shows it, and it counts against the respondent.
A kernel matter (a supervision task, numbered 芙督〔2019〕N号) stands in for another domain's.
Also the cross-reference of people and the hot spots."""

import datetime as dt

import pytest

from fazhi.core import ledger, supervision
from fazhi.core.indicators import evaluate
from fazhi.core.ledger import SystemActor

from .. import crossref, matterref
from ..services import litigation
from ..services import reconsideration as rc
from ..services import reconsideration_review as rv
from .factories import ID_B, World

pytestmark = pytest.mark.django_db
D = dt.date
SYSTEM = SystemActor("测试")


@pytest.fixture
def w(db):
    return World()


def _act(w):
    return supervision.task_create(
        actor=SYSTEM,
        org=w.bureau,
        title="违规设置户外广告处罚",
        description="（作为被复议的行政行为）",
        source="test",
        rule_code="XF-5",
        received_on=D(2019, 8, 1),
    )


def test_a_reversal_is_written_against_the_act(w):
    act = _act(w)
    assert act.number == "芙督〔2019〕1号"
    ref = matterref.by_number("芙督〔2019〕1号")
    assert (ref.type, ref.id) == ("core.supervisiontask", str(act.pk))
    assert matterref.by_number("芙督〔2019〕99号") is None
    case = w.recon(received_on=D(2019, 9, 2), act_number=act.number)
    assert (case.ref_type, case.ref_id) == ("core.supervisiontask", str(act.pk))
    case = rc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    case = rc.send(actor=w.reviewer, case=case, on=D(2019, 9, 4))
    case = rc.answer(actor=w.leader, case=case, on=D(2019, 9, 10), evidence="答复书")
    rv.decide(
        actor=w.reviewer,
        case=case,
        on=D(2019, 10, 8),
        decision_type="revoke",
        summary="撤销",
        approved_by="副区长",
    )
    events = [e for e in ledger.timeline(act) if e.action == "dis.fy.reversal"]
    assert len(events) == 1
    e = events[0]
    assert (e.org_id, e.data["type"], e.data["decision"]) == (
        w.bureau.pk,
        "revoke",
        "芙政复决〔2019〕1号",
    )
    # counted against the respondent, not the office that decided
    assert evaluate("DIS-FY-REVERSED", year=2019, org=w.bureau).value == 1
    assert evaluate("DIS-FY-REVERSED", year=2019, org=w.justice).value == 0
    assert evaluate("DIS-FY-REVERSAL-RATE", year=2019, org=w.bureau).value == 1


def test_a_maintained_act_gets_no_reversal(w):
    act = _act(w)
    case = w.recon(received_on=D(2019, 9, 2), act_number=act.number)
    case = rc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    case = rc.send(actor=w.reviewer, case=case, on=D(2019, 9, 4))
    case = rc.answer(actor=w.leader, case=case, on=D(2019, 9, 10), evidence="答复书")
    rv.decide(actor=w.reviewer, case=case, on=D(2019, 10, 8), decision_type="maintain",
              summary="维持", approved_by="副区长")  # fmt: skip
    assert not [e for e in ledger.timeline(act) if e.action == "dis.fy.reversal"]


def test_a_lost_lawsuit_is_written_against_the_act(w):
    act = _act(w)
    case = w.lawsuit(received_on=D(2019, 9, 20), act_number=act.number)
    case = litigation.answer(actor=w.leader, case=case, on=D(2019, 9, 30), evidence_list="答辩状")
    case = litigation.judgment(actor=w.leader, case=case, on=D(2019, 11, 1), ruling="judgment",
                               outcome="illegal", served_on=D(2019, 11, 4))  # fmt: skip
    litigation.final(actor=w.leader, case=case, on=D(2019, 11, 20))
    events = [e for e in ledger.timeline(act) if e.action == "dis.ys.loss"]
    assert len(events) == 1 and events[0].data["outcome"] == "illegal"
    assert evaluate("DIS-YS-LOSS-RATE", year=2019, org=w.bureau).value == 1


def test_the_same_person_across_petitions_and_mediation(w):
    p = w.petition()  # 赵淑华, ID_B
    d = w.dispute(
        parties=[
            dict(side="applicant", name="赵淑华", id_number=ID_B),
            dict(side="respondent", name="周海波"),
        ]
    )
    # the petitions office sees the petition; the street's mediator sees the dispute
    seen = crossref.repeat_people(w.supervisor, p)
    assert [(n, [a.kind for a in apps]) for n, apps in seen] == [("赵淑华", ["矛盾纠纷"])]
    assert crossref.repeat_people(w.xf_clerk, p) == []  # the dispute is the street's
    seen = crossref.repeat_people(w.supervisor, d)
    assert [a.label for _n, apps in seen for a in apps] == [str(p)]


def test_hot_spots_count_petitions_and_disputes_per_street(w):
    for i in range(3):
        w.petition(received_on=D(2019, 6, 3 + i))
    w.dispute(received_on=D(2019, 6, 4))
    spots = crossref.hot_spots(w.supervisor, D(2019, 6, 1), D(2019, 6, 30), threshold=4)
    assert [(h.street, h.petitions, h.disputes) for h in spots] == [("甲街道", 3, 1)]
    assert crossref.hot_spots(w.supervisor, D(2019, 6, 1), D(2019, 6, 30), threshold=5) == []
