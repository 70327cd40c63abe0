"""The live part of the demo: matters dated in the weeks before today, made through the
services by the demo logins themselves, so each has real work on its to-do —

* reviewer (区司法局): applications to examine (one past its 5 working days: 视为受理), one to
  send to the respondent, cases to decide, a lawsuit against 区政府 to answer;
* leader (区行政执法局): reconsideration answers, lawsuits to answer (one on its 12th day: red),
  a judgment in its appeal period, petitions assigned to the bureau, inspection items to
  report, a backlog case to propose for 销号, an 意见书 to report on;
* supervisor: backlog cases to strike off, a batch whose items are all closed;
* mediator (定王台街道): disputes to mediate, an agreement being performed;
* petition (区信访局): petitions to accept, assign or answer, a reported item to close;
* clerk (区行政审批服务局): an application against a licence refusal to answer.

Also the 2019 letters (意见书, 建议书) written after the year's reversals, with their reports.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core import clock
from fazhi.core.calendar import get_calendar
from fazhi.core.demo import ACTOR
from fazhi.core.models import Organisation, OrgKind

from ..models import REVERSALS, Reconsideration
from ..services import inspection, litigation, mediation, petitions
from ..services import reconsideration as rc
from ..services import reconsideration_review as rv
from . import setup
from .names import Names


def letters(o: setup.Offices) -> None:
    """Three 意见书 to respondents whose acts were corrected, reported within 60 days; two
    建议书 to departments."""
    cases = list(
        Reconsideration.objects.filter(decided_on__year=2019, decision_type__in=REVERSALS)
        .select_related("respondent")
        .order_by("decided_on")[:5]
    )
    for i, case in enumerate(cases):
        on = case.decided_on + dt.timedelta(days=7)
        kind = "opinion" if i < 3 else "suggestion"
        letter = rv.letter_issue(
            actor=ACTOR,
            case=case,
            kind=kind,
            to_org=case.respondent,
            content=(
                "你单位在作出该行政行为时存在认定事实不清、程序不规范的问题，请依法纠正，"
                "规范执法程序，并在六十日内将纠正情况报送本机关。"
                if kind == "opinion"
                else "建议加强执法人员法律知识培训，规范行政处罚告知和送达程序。"
            ),
            on=on,
        )
        if kind == "opinion":
            rv.letter_report(
                actor=ACTOR,
                letter=letter,
                on=on + dt.timedelta(days=35 + i),
                result="已组织专题学习，修订执法文书范本，重新作出行政行为。",
            )


def load(o: setup.Offices) -> None:
    Live(o).run()


class Live:
    def __init__(self, o: setup.Offices) -> None:
        self.o = o
        self.cal = get_calendar()
        self.today = clock.today()
        self.names = Names(2026)
        self.u = o.users
        self.org = {x.short_name: x for x in Organisation.objects.exclude(short_name="")}
        self.gov = Organisation.objects.get(kind=OrgKind.DISTRICT, division_code="430102")

    def wd(self, n: int) -> dt.date:
        """The working day ``n`` working days before today."""
        return self.cal.add_workdays(self.cal.previous_workday(self.today), -n)

    def run(self) -> None:
        self.reconsiderations()
        self.lawsuits()
        self.mediation()
        self.petitions()
        self.inspection()

    # -- 行政复议 -----------------------------------------------------------------------------

    def recon(self, received: dt.date, respondent: str, act_kind: str, act: str, **kw):
        p = self.names.person()
        return rc.receive(
            actor=self.u["reviewer"],
            body=self.o.body,
            channel=kw.pop("channel", "written"),
            applicant_kind="person",
            applicant_name=p.name,
            applicant_id_number=p.id_number,
            applicant_phone=p.phone,
            applicant_address=p.address,
            respondent=self.org[respondent],
            act_kind=act_kind,
            act_description=act,
            act_known_on=received - dt.timedelta(days=12),
            received_on=received,
            request=kw.pop("request", "请求撤销该行政行为"),
            **kw,
        )

    def reconsiderations(self) -> None:
        reviewer, leader = self.u["reviewer"], self.u["leader"]
        self.recon(self.wd(2), "区行政执法局", "penalty", "对占道经营作出的罚款决定")
        self.recon(self.wd(8), "区住建局", "other", "物业专项维修资金使用备案答复")
        c = self.recon(self.wd(9), "区市场监管局", "penalty", "没收违法所得并处罚款的决定")
        rc.accept(actor=reviewer, case=c, on=self.wd(7))
        c = self.recon(self.wd(12), "区行政执法局", "coercion", "强制拆除违法建设的决定")
        c = rc.accept(actor=reviewer, case=c, on=self.wd(11))
        rc.send(actor=reviewer, case=c, on=self.wd(6))
        c = self.recon(self.wd(6), "区行政执法局", "penalty", "对违规设置户外广告作出的罚款决定")
        c = rc.accept(actor=reviewer, case=c, on=self.wd(5))
        rc.send(actor=reviewer, case=c, on=self.wd(3))
        c = self.recon(self.wd(10), "区行政审批服务局", "licence", "不予行政许可决定")
        c = rc.accept(actor=reviewer, case=c, on=self.wd(9))
        rc.send(actor=reviewer, case=c, on=self.wd(8))
        c = self.recon(self.wd(40), "区行政执法局", "penalty", "对夜间施工噪声作出的罚款决定")
        c = rc.accept(actor=reviewer, case=c, on=self.wd(38))
        c = rc.send(actor=reviewer, case=c, on=self.wd(36))
        c = rc.answer(actor=leader, case=c, on=self.wd(30), evidence="答复书；现场检查笔录；决定书")
        rv.hearing_hold(
            actor=reviewer, case=c, notified_on=self.wd(25), held_on=self.wd(15),
            place="区司法局行政复议听证室", attendees="申请人；被申请人委托代理人",
        )  # fmt: skip
        c = self.recon(self.wd(12), "区政府办", "disclosure", "政府信息公开申请答复",
                       channel="online")  # fmt: skip
        c = rc.accept(actor=reviewer, case=c, on=self.wd(11), procedure="simplified")
        c = rc.send(actor=reviewer, case=c, on=self.wd(10))
        rc.answer(actor=reviewer, case=c, on=self.wd(6), evidence="答复书；政府信息公开申请登记表")

    # -- 行政应诉 -----------------------------------------------------------------------------

    def lawsuit(self, received, org, respondent, cause, actor):
        p = self.names.person()
        court = "长沙市中级人民法院" if respondent.kind == OrgKind.DISTRICT else "长沙铁路运输法院"
        code = "湘01" if respondent.kind == OrgKind.DISTRICT else "湘8601"
        return litigation.receive(
            actor=actor, org=org, kind="lawsuit", respondent=respondent,
            counterpart_kind="person", counterpart_name=p.name, counterpart_id_number=p.id_number,
            forum=court, forum_number=f"（{received.year}）{code}行初{self.names.r.randint(100, 900)}号",
            cause=cause, received_on=received,
        )  # fmt: skip

    def lawsuits(self) -> None:
        leader, reviewer = self.u["leader"], self.u["reviewer"]
        bureau = self.org["区行政执法局"]
        day12 = self.today - dt.timedelta(days=12)
        self.lawsuit(day12, bureau, bureau, "不服行政处罚决定", leader)
        self.lawsuit(self.today - dt.timedelta(days=4), bureau, bureau, "行政强制拆除", leader)
        self.lawsuit(self.today - dt.timedelta(days=6), self.o.body.org, self.gov,
                     "不服行政复议决定（复议机关作共同被告）", reviewer)  # fmt: skip
        c = self.lawsuit(
            self.today - dt.timedelta(days=90), bureau, bureau, "不服行政处罚决定", leader
        )
        c = litigation.answer(actor=leader, case=c, on=self.today - dt.timedelta(days=80),
                              evidence_list="答辩状；处罚决定书；调查笔录")  # fmt: skip
        litigation.hearing_record(
            actor=leader, case=c, held_on=self.today - dt.timedelta(days=40),
            appeared="局长；法制科科长；委托代理律师", head_appeared=True, head_name="局长王志刚",
        )  # fmt: skip
        litigation.judgment(
            actor=leader, case=c, on=self.today - dt.timedelta(days=8), ruling="judgment",
            outcome="dismiss_claim", served_on=self.today - dt.timedelta(days=5),
        )  # fmt: skip

    # -- 人民调解 -----------------------------------------------------------------------------

    def dispute(self, received, category, facts, amount=None):
        committee = next(c for c in self.o.streets.values() if c.org.short_name == "定王台街道")
        a, b = self.names.person(), self.names.person()
        return mediation.receive(
            actor=self.u["mediator"], committee=committee, category=category, source="walk_in",
            facts=facts, received_on=received, street=committee.org, amount_claimed=amount,
            parties=[
                dict(side="applicant", name=a.name, id_number=a.id_number, phone=a.phone),
                dict(side="respondent", name=b.name, id_number=b.id_number, phone=b.phone),
            ],
        ), committee  # fmt: skip

    def mediation(self) -> None:
        m = self.u["mediator"]
        self.dispute(self.wd(2), "neighbour", "邻居在楼道堆放杂物影响通行，双方多次争吵。")
        d, c = self.dispute(self.wd(8), "housing", "租客退租时房东拒绝退还押金4000元。",
                            Decimal(4000))  # fmt: skip
        mediator = self.o.mediators[c.pk][0]
        mediation.session_add(actor=m, dispute=d, held_on=self.wd(6), mediator=mediator,
                              summary="分别听取双方意见，查看房屋交接清单")  # fmt: skip
        d, c = self.dispute(self.wd(20), "damage", "装修施工损坏邻居外墙管线，要求赔偿维修费。",
                            Decimal(6000))  # fmt: skip
        mediation.session_add(actor=m, dispute=d, held_on=self.wd(18), mediator=mediator,
                              summary="组织双方现场查看并协商")  # fmt: skip
        signed = self.wd(15)
        mediation.agreement_record(
            actor=m, dispute=d, form="written", signed_on=signed, terms="分两期赔偿维修费5000元",
            amount=Decimal(5000), signatures={p.pk: signed for p in d.parties.all()},
            schedule=[{"due": signed + dt.timedelta(days=10), "amount": "2500"},
                      {"due": signed + dt.timedelta(days=40), "amount": "2500"}],
        )  # fmt: skip
        d.refresh_from_db()
        mediation.performance_record(actor=m, dispute=d, on=self.wd(8), amount=Decimal(2500),
                                     note="支付第一期2500元")  # fmt: skip

    # -- 信访 ---------------------------------------------------------------------------------

    def petition(self, received, content, person=None, **kw):
        p = person or self.names.person()
        street = next(c.org for c in self.o.streets.values() if c.org.short_name == "东屯渡街道")
        return petitions.register(
            actor=self.u["petition"], office=self.o.office, channel=kw.pop("channel", "visit"),
            category=kw.pop("category", "claim"), source=kw.pop("source", "direct"),
            persons=[dict(name=p.name, id_number=p.id_number, phone=p.phone, address=p.address)],
            content=content, received_on=received, street=street, **kw,
        )  # fmt: skip

    def repeat_person(self):
        """A 2019 petitioner who also took a dispute to mediation: the handler sees both."""
        from ..models import DisputeParty, PetitionPerson

        ids = set(
            DisputeParty.objects.filter(dispute__source="petition")
            .exclude(id_number="")
            .values_list("id_number", flat=True)[:50]
        )
        pp = PetitionPerson.objects.filter(id_number__in=ids).order_by("pk").first()
        return pp

    def petitions(self) -> None:
        clerk, leader = self.u["petition"], self.u["leader"]
        bureau = self.org["区行政执法局"]
        self.petition(self.wd(2), "反映小区周边夜市占道经营、噪声扰民。")
        again = self.repeat_person()
        if again is not None:
            self.petition(self.wd(3), "再次反映房屋征收补偿安置问题。", person=again)
        p = self.petition(self.wd(9), "反映沿街商铺违规搭建雨棚。", category="accusation")
        petitions.assign(actor=clerk, petition=p, handler_org=bureau, on=self.wd(8))
        p = self.petition(self.wd(45), "反映建筑工地渣土车撒漏。")
        p = petitions.assign(actor=clerk, petition=p, handler_org=bureau, on=self.wd(44))
        petitions.accept(actor=leader, petition=p, on=self.wd(42))
        p = self.petition(self.wd(25), "要求落实困难家庭临时救助。")
        petitions.accept(actor=clerk, petition=p, on=self.wd(23))

    # -- 交办件与积案 -------------------------------------------------------------------------

    def inspection(self) -> None:
        clerk, leader, sup = self.u["petition"], self.u["leader"], self.u["supervisor"]
        xf, bureau = self.o.office.org, self.org["区行政执法局"]
        street = self.org["东屯渡街道"]
        received = self.wd(10)

        def items(n, unit):
            return [
                dict(unit=unit, petitioner_name=(p := self.names.person()).name,
                     petitioner_id_number=p.id_number, content=f"反映问题{i + 1}：违建和噪声扰民")
                for i in range(n)
            ]  # fmt: skip

        b = inspection.batch_register(
            actor=clerk, org=xf, team="other", batch_no=self.today.year % 100, received_on=received,
            due_on=received + dt.timedelta(days=30), items=items(3, bureau) + items(1, street),
            letter_number=f"芙巡交〔{received.year}〕{self.today.month}号",
        )  # fmt: skip
        its = list(b.items.order_by("seq"))
        inspection.item_report(actor=leader, item=its[0], on=self.wd(4), result="已责令当事人整改")
        b2 = inspection.batch_register(
            actor=clerk, org=xf, team="other", batch_no=self.today.year % 100 + 1,
            received_on=self.wd(20), due_on=self.wd(20) + dt.timedelta(days=30),
            items=items(2, street),
        )  # fmt: skip
        for it in b2.items.order_by("seq"):
            it = inspection.item_report(actor=ACTOR, item=it, on=self.wd(12), result="已办结答复")
            inspection.item_close(actor=clerk, item=it, on=self.wd(10))
        p1, p2 = self.names.person(), self.names.person()
        inspection.backlog_register(
            actor=sup, org=bureau, title=f"{p1.name}反映违建拆除补偿遗留问题",
            leader_name="王志刚", leader_post="局长", history="信访人自2017年起多次反映。",
            persons=[dict(name=p1.name, id_number=p1.id_number)], listed_on=self.wd(60),
        )  # fmt: skip
        k2 = inspection.backlog_register(
            actor=sup, org=bureau, title=f"{p2.name}反映门面拆除过渡费问题",
            leader_name="王志刚", leader_post="局长", history="信访人2018年起反映。",
            persons=[dict(name=p2.name, id_number=p2.id_number)], listed_on=self.wd(80),
        )  # fmt: skip
        inspection.backlog_propose(
            actor=leader, case=k2, on=self.wd(5), measures="依法核算并发放过渡费，签订息访协议"
        )
