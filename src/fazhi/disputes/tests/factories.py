"""Factories for dispute tests: the district of the kernel's factories, with the
reconsideration office at its Justice Bureau, a petitions office, a street mediation committee
and the people who work there — made through the services, like real data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, District, org, user

from ..services import inspection, litigation, mediation, petitions
from ..services import reconsideration as recon

D = dt.date
# valid ID numbers (GB 11643 check digits) of the test people
ID_A = "430102198001010011"
ID_B = "430102198503150022"
ID_C = "430103197506060032"
# default business dates of the makers below
RECON_ON, LAWSUIT_ON, DISPUTE_ON = D(2019, 9, 2), D(2019, 9, 20), D(2019, 5, 6)
PETITION_ON, BATCH_ON = D(2019, 6, 3), D(2019, 6, 10)


def applicant(**kw) -> dict:
    base = dict(
        channel="written",
        applicant_kind="person",
        applicant_name="张建国",
        applicant_id_number=ID_A,
        applicant_phone="13812345678",
        applicant_address="长沙市芙蓉区五一大道123号",
        act_kind="penalty",
        act_description="罚款决定",
        act_known_on=D(2019, 8, 20),
    )
    base.update(kw)
    return base


class World:
    """The test district with every office the disputes domain needs."""

    def __init__(self, *, suspension_excludes_time: bool = False) -> None:
        self.d = d = District()
        self.gov, self.justice, self.bureau = d.gov, d.justice, d.bureau
        self.reviewer, self.leader, self.supervisor = d.reviewer, d.leader, d.supervisor
        self.clerk = d.clerk  # the bureau's clerk (a respondent's staff)
        self.body = recon.body_save(
            actor=SYSTEM,
            org=self.justice,
            body=self.gov,
            doc_prefix="芙政复",
            suspension_excludes_time=suspension_excludes_time,
        )
        self.justice_leader = user("justice_leader", org=self.justice, role=Role.LEADER)
        self.justice_clerk = user("justice_clerk", org=self.justice, role=Role.CLERK)
        # petitions
        self.xf = org("测试区信访局", parent=self.gov)
        self.office = petitions.office_save(actor=SYSTEM, org=self.xf, doc_prefix="芙信")
        self.xf_clerk = user("xf_clerk", org=self.xf, role=Role.CLERK)
        self.xf_leader = user("xf_leader", org=self.xf, role=Role.LEADER)
        # mediation: the street committee and a district one above it
        self.street = d.street_a
        self.committee = mediation.committee_save(
            actor=SYSTEM,
            org=self.street,
            name="甲街道人民调解委员会",
            kind="people",
            level="street",
            doc_prefix="甲街调",
        )
        self.mediator = mediation.mediator_save(
            actor=SYSTEM, committee=self.committee, name="李秀英", post="主任", full_time=True
        )
        self.district_committee = mediation.committee_save(
            actor=SYSTEM,
            org=self.justice,
            name="测试区矛盾纠纷调处中心",
            kind="people",
            level="district",
            doc_prefix="测调",
        )
        self.district_mediator = mediation.mediator_save(
            actor=SYSTEM, committee=self.district_committee, name="王德明"
        )
        self.med_clerk = user("med_clerk", org=self.street, role=Role.CLERK)
        self.other_street_clerk = user("other_clerk", org=d.street_b, role=Role.CLERK)

    # -- makers --------------------------------------------------------------------------------

    def recon(self, received_on=RECON_ON, **kw):
        return recon.receive(
            actor=self.reviewer,
            body=self.body,
            respondent=kw.pop("respondent", self.bureau),
            received_on=received_on,
            **applicant(**kw),
        )

    def lawsuit(self, received_on=LAWSUIT_ON, **kw):
        args = dict(
            actor=self.leader,
            org=self.bureau,
            kind="lawsuit",
            respondent=self.bureau,
            counterpart_kind="person",
            counterpart_name="刘志强",
            counterpart_id_number=ID_C,
            forum="长沙市芙蓉区人民法院",
            forum_number="（2019）湘0102行初88号",
            cause="不服行政处罚决定",
            received_on=received_on,
        )
        args.update(kw)
        return litigation.receive(**args)

    def dispute(self, received_on=DISPUTE_ON, **kw):
        args = dict(
            actor=self.med_clerk,
            committee=self.committee,
            category="neighbour",
            source="walk_in",
            facts="楼上漏水造成楼下吊顶受损，双方就赔偿数额发生争执。",
            parties=[
                dict(side="applicant", name="陈桂兰", id_number=ID_B, phone="13907311234"),
                dict(side="respondent", name="周海波", id_number=ID_C),
            ],
            received_on=received_on,
            street=self.street,
            amount_claimed=Decimal("8000"),
        )
        args.update(kw)
        return mediation.receive(**args)

    def petition(self, received_on=PETITION_ON, **kw):
        args = dict(
            actor=self.xf_clerk,
            office=self.office,
            channel="visit",
            category="claim",
            source="direct",
            persons=[dict(name="赵淑华", id_number=ID_B, phone="13874112233")],
            content="反映小区加装电梯补贴未发放。",
            received_on=received_on,
            street=self.street,
        )
        args.update(kw)
        return petitions.register(**args)

    def batch(self, received_on=BATCH_ON, n=3, **kw):
        args = dict(
            actor=self.xf_clerk,
            org=self.xf,
            team="provincial",
            batch_no=8,
            received_on=received_on,
            due_on=D(2019, 7, 10),
            items=[
                dict(
                    unit=self.bureau,
                    petitioner_name=f"信访人{i}",
                    petitioner_id_number=ID_A if i == 1 else "",
                    content=f"反映问题{i}",
                )
                for i in range(1, n + 1)
            ],
        )
        args.update(kw)
        return inspection.batch_register(**args)


def other_org_user(role: str = Role.LEADER):
    """Someone of an organisation outside the district's subtree."""
    outside = org("外区司法局", kind=OrgKind.BUREAU)
    return user(org=outside, role=role)
