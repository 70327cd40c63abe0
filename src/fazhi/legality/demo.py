"""The demo district's 2019 legality year (``fazhi demo``), reproducing the seed's 一(三) and
一(四) figures exactly:

- 1049 documents and 175 major contract texts reviewed (LEG-DOCS-REVIEWED,
  LEG-CONTRACTS-REVIEWED): the reviews of the year's normative documents and decisions come
  through the services, the rest of the year's register through the bulk path;
- 47 district normative documents in force at the end of 2019 (LEG-NORMATIVE-IN-FORCE):
  46 documents issued 2013–2018 (two expired in 2018), the special cleanup of October 2019
  (5 repealed, 1 declared invalid, 3 to be amended), and ten documents issued in 2019
  through the services — six before the cleanup, four after it, the last effective only in
  January 2020 (44 − 2 + 6 − 6 + 3 = 47);
- 79 communities and villages with a legal adviser (LEG-ADVISER-COMMUNITIES): every
  community and village of the demo tree, served by outside lawyers bought by the Justice
  Bureau, through the services;
- three major decisions through every statutory step, a published decision catalogue,
  filings of departments' and streets' documents (one late, one corrected);
- a few dozen open review requests dated in the weeks before today, waiting on the
  ``reviewer`` login and its colleagues.

Names come from fixed vocabularies with seed 2019; credit codes are valid (GB 32100) and
licence numbers have the 17-digit form of a lawyer's licence.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import prefetch_related_objects

from fazhi.core import clock, identity, numbering
from fazhi.core import demo as core_demo
from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.models import Clock, IssuedNumber, NumberSeries, Organisation, OrgKind, Role, User
from fazhi.core.services import membership_grant, user_create

from . import actions, rules, search
from .models import (
    DocumentEvent,
    DocumentVersion,
    NormativeDocument,
    ReviewKind,
    ReviewRequest,
    ReviewRound,
)
from .services import advisers, consultation, decisions, issuers, normative, oversight, reviews

YEAR = 2019
ACTOR = core_demo.ACTOR
D = dt.date
DOCS_REVIEWED, CONTRACTS_REVIEWED = 1049, 175

REVIEWERS = ["谭丽华", "周志强", "彭晓燕", "罗建军"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力志东海波宁鹏飞斌晓燕慧琳俊峰浩然"
FIRMS = [
    ("湖南湘芙律师事务所", "MA4L3C1K"),
    ("湖南定王律师事务所", "MA4P7N2D"),
    ("湖南浏城律师事务所", "MA4R0T8E"),
    ("湖南韶山路律师事务所", "MA4M2X6F"),
    ("湖南麓衡律师事务所", "MA4Q9B5G"),
    ("湖南芙蓉国律师事务所", "MA4N4H3J"),
]

# -- the register's vocabularies --------------------------------------------------------------

SUBJECTS = [
    "城市管理综合执法",
    "老旧小区提质改造",
    "背街小巷环境整治",
    "农贸市场升级改造",
    "社区居家养老服务",
    "困难群众临时救助",
    "促进楼宇经济发展",
    "文化旅游产业扶持",
    "政府投资项目管理",
    "国有资产出租出借",
    "征地拆迁补偿安置",
    "城市道路挖掘修复",
    "户外广告设置管理",
    "餐厨垃圾收运处置",
    "建筑工地扬尘防治",
    "行政事业性收费管理",
    "政府购买服务管理",
    "重大行政决策程序",
    "行政规范性文件管理",
    "公共租赁住房管理",
    "就业创业扶持资金",
    "科技创新奖励",
    "中小企业融资担保",
    "人才引进与服务保障",
    "物业服务企业监督",
    "公共停车场建设管理",
    "校外培训机构管理",
    "食品小作坊登记管理",
    "安全生产责任考核",
    "河长制工作",
]
FORMS = ["管理办法", "实施办法", "暂行办法", "实施意见", "若干规定", "实施细则"]
DOC_KINDS = ["请示", "报告", "通知", "实施方案", "批复", "会议纪要", "复函", "工作方案"]
CONTRACTS = [
    ("物业服务", "物业管理有限公司"),
    ("道路保洁外包服务", "环境卫生服务有限公司"),
    ("信息化系统建设", "信息技术有限公司"),
    ("办公楼维修改造施工", "建设工程有限公司"),
    ("社区养老服务中心运营", "养老服务有限公司"),
    ("法律顾问服务", "咨询服务有限公司"),
    ("安置房建设代建", "置业有限公司"),
    ("国有资产租赁", "商贸有限公司"),
    ("绿化养护", "园林绿化有限公司"),
    ("政府采购车辆租赁", "汽车租赁有限公司"),
]
BRANDS = "湘芙星沙岳麓橘洲天心雨花开福望城浏阳宁乡韶山楚天潇湘长丰华瑞恒泰".replace(" ", "")


def register() -> None:
    """Called from the app's ``ready()``: after the kernel's demo (and enforcement's)."""
    core_demo.register_demo_step("合法性审查（2019年度）", load)


def body(subject: str, form: str) -> str:
    """A plausible text of a district normative document, article by article."""
    return "\n".join(
        [
            f"长沙市芙蓉区{subject}{form}",
            f"第一条 为了规范本区{subject}工作，保障公民、法人和其他组织的合法权益，"
            "根据有关法律、法规和规章，结合本区实际，制定本办法。",
            f"第二条 本区行政区域内的{subject}活动，适用本办法。",
            f"第三条 区人民政府统一领导全区{subject}工作。区有关部门按照各自职责做好相关工作，"
            "各街道办事处负责本辖区内的具体实施。",
            "第四条 实施中应当坚持依法行政、公开透明、便民高效的原则，依法平等保护各类市场主体。",
            "第五条 有关部门应当将办理结果在区人民政府门户网站公开，接受社会监督。",
            "第六条 本办法自发布之日起30日后施行，有效期五年。",
        ]
    )


def load() -> None:
    with transaction.atomic():
        y = _Year()
        y.setup()
        y.advisers()
        y.historic_documents()
        y.documents_2019()
        y.cleanup()
        y.decisions()
        y.filed()
        y.review_register()
        y.open_matters()


class _Year:
    def __init__(self) -> None:
        self.rnd = random.Random(YEAR)  # nosec B311 - seeded demo data, not a secret
        self.cal = get_calendar()
        self.orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        self.gov = Organisation.objects.get(kind=OrgKind.DISTRICT, division_code="430102")
        self.justice = self.orgs["区司法局"]
        self.office = self.orgs["区政府办"]
        self.departments = [
            self.orgs[k]
            for k in (
                "区政府办",
                "区行政审批服务局",
                "区行政执法局",
                "区市场监管局",
                "区卫生健康局",
                "区应急管理局",
                "区财政局",
                "区住建局",
                "区人社局",
                "区审计局",
                "区信访局",
            )
        ]
        self.streets = list(Organisation.objects.filter(kind=OrgKind.STREET).order_by("path"))
        self.series: dict[tuple[int, str, int], tuple[NumberSeries, int]] = {}

    # -- helpers ------------------------------------------------------------------------------

    def person(self) -> str:
        return self.rnd.choice(SURNAMES) + "".join(
            self.rnd.choice(GIVEN) for _ in range(self.rnd.choice((1, 2)))
        )

    def workday(self, start: dt.date, end: dt.date) -> dt.date:
        while True:
            d = start + dt.timedelta(days=self.rnd.randrange((end - start).days + 1))
            try:
                if self.cal.is_workday(d):
                    return d
            except Exception:  # a year the official calendar does not hold yet
                if d.weekday() < 5:
                    return d

    def add_wd(self, d: dt.date, n: int) -> dt.date:
        return self.cal.add_workdays(d, n)

    def number(self, L, org, kind, year, prefix, pattern, day, subject_type, subject_id) -> str:
        key = (org.pk, kind, year)
        if key not in self.series:
            s = numbering.series_get_or_create(
                actor=ACTOR, org=org, kind=kind, year=year, prefix=prefix, pattern=pattern
            )
            self.series[key] = (s, s.last_value)
        s, n = self.series[key]
        n += 1
        self.series[key] = (s, n)
        text = s.pattern.format(prefix=s.prefix, year=s.year, n=n)
        L.add(
            IssuedNumber, series_id=s.pk, value=n, text=text, subject_type=subject_type,
            subject_id=str(subject_id), issued_at=self.at(day), issued_by_id=None,
        )  # fmt: skip
        return text

    def finish_numbers(self) -> None:
        for s, n in self.series.values():
            NumberSeries.objects.filter(pk=s.pk).update(last_value=n)
        self.series.clear()

    def at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.timezone(dt.timedelta(hours=8)))

    def credit_code(self, n: int) -> str:
        chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = "MA4" + "".join(chars[(n * 7 + i * 13) % len(chars)] for i in range(5))
        return identity.generate_credit_code("91430102" + body[:8])

    # -- set-up -------------------------------------------------------------------------------

    def setup(self) -> None:
        """The issuers (三统一 at the government office, review at the Justice Bureau, filing
        with the three bodies the seed names) and the Justice Bureau's review staff."""
        bodies = [self.orgs[k] for k in ("市委", "市政府", "区人大常委会")]
        self.issuer = issuers.issuer_save(
            actor=ACTOR, org=self.gov, doc_prefix="芙政发", registration_prefix="FRPR",
            registrar_org=self.office, review_org=self.justice, filing_bodies=bodies,
        )  # fmt: skip
        self.office_issuer = issuers.issuer_save(
            actor=ACTOR, org=self.office, doc_prefix="芙政办发", registration_prefix="FRPR",
            registrar_org=self.office, review_org=self.justice, filing_bodies=bodies,
        )  # fmt: skip
        self.reviewers = [User.objects.get(username="reviewer")]
        for i, name in enumerate(REVIEWERS, start=1):
            u = user_create(
                actor=ACTOR, username=f"sfj_review{i}", password=core_demo.DEMO_PASSWORD,
                full_name=name, primary_org=self.justice,
            )  # fmt: skip
            membership_grant(actor=ACTOR, user=u, org=self.justice, role=Role.REVIEWER)
            self.reviewers.append(u)

    # -- advisers -----------------------------------------------------------------------------

    def advisers(self) -> None:
        """One outside lawyer per community or village (bought by the Justice Bureau for
        2019), six firms, and the Bureau's public-sector lawyers."""
        lawyers = []
        for i in range(27):
            firm, code = FIRMS[i % len(FIRMS)]
            lawyers.append(
                advisers.adviser_save(
                    actor=ACTOR,
                    org=self.justice,
                    kind="lawyer",
                    name=self.person(),
                    licence_no=f"14301{2006 + i % 10}1{i % 2}{100000 + i * 37:06d}"[:17],
                    firm=firm,
                    firm_credit_code=identity.generate_credit_code("31430000" + code),
                )  # fmt: skip
            )
        for i in range(4):
            advisers.adviser_save(
                actor=ACTOR, org=self.justice, kind="public", name=self.person(),
                licence_no=f"34301{2015 + i}1{i % 2}{200000 + i:06d}"[:17],
            )  # fmt: skip
        places = Organisation.objects.filter(
            kind__in=(OrgKind.COMMUNITY, OrgKind.VILLAGE)
        ).order_by("path")
        for i, place in enumerate(places):
            advisers.engagement_save(
                actor=ACTOR, adviser=lawyers[i % len(lawyers)], org=place,
                starts_on=D(2019, 1, 1), ends_on=D(2019, 12, 31),
                procurement_ref=f"芙财采计〔2018〕{1200 + i // 10}号", fee=Decimal(20000),
            )  # fmt: skip

    # -- normative documents ------------------------------------------------------------------

    def historic_documents(self) -> None:
        """46 documents issued 2013–2018 (before the platform: registered in bulk, filed on
        paper); two with a five-year validity expired in 2018."""
        L = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
        label = NormativeDocument._meta.label_lower
        made = []
        for i in range(46):
            year = 2013 + i * 6 // 46
            issuer = self.issuer if i % 3 else self.office_issuer
            subject, form = SUBJECTS[i % len(SUBJECTS)], FORMS[i % len(FORMS)]
            if i >= len(SUBJECTS):
                form = FORMS[(i + 3) % len(FORMS)]
            expired = i in (0, 1)
            last = D(year, 6, 30) if expired else D(year, 12, 20)
            published = self.workday(D(year, 1, 10), last)
            received = published - dt.timedelta(days=90)
            effective = published + dt.timedelta(days=30)
            valid_until = effective.replace(year=effective.year + 5) - dt.timedelta(days=1)
            if not expired:
                valid_until = None
            ended = valid_until + dt.timedelta(days=1) if expired else None
            pk = L.reserve(NormativeDocument)
            title = f"长沙市芙蓉区{subject}{form}"
            doc_no = self.number(
                L, issuer.org, "normative", year, issuer.doc_prefix, "{prefix}〔{year}〕{n}号",
                published, label, pk,
            )  # fmt: skip
            reg_no = self.number(
                L, self.office, "normative-reg", year, "FRPR", "{prefix}-{year}-{n}", published,
                label, pk,
            )  # fmt: skip
            text = body(subject, form)
            dept = self.departments[(i * 5) % len(self.departments)]
            draft_no = self.number(
                L, self.office, "leg-draft", received.year, "规草", "{prefix}〔{year}〕{n}号", received,
                label, pk,
            )  # fmt: skip
            L.add(
                NormativeDocument, id=pk, number=draft_no, org_id=dept.pk,
                title=title, status="expired" if expired else "issued", received_on=received,
                closed_on=ended, issuer_id=issuer.org.pk, review_org_id=self.justice.pk,
                registrar_org_id=self.office.pk, drafters=self.person(), topics=[subject],
                needs_consultation=False, consultation_waiver="平台启用前制定，材料存档",
                reviewed_on=published - dt.timedelta(days=40),
                deliberated_on=published - dt.timedelta(days=14),
                meeting=f"区人民政府第{(i % 30) + 1}次常务会议", doc_number=doc_no,
                registration_number=reg_no, published_on=published, effective_on=effective,
                valid_until=valid_until, ended_on=ended,
                end_reason="有效期届满" if expired else "", body_text=text,
            )  # fmt: skip
            L.add(
                DocumentVersion, document_id=pk, n=1, text=text, sha256=_sha(text),
                made_on=received, note="存档文本",
            )  # fmt: skip
            L.add(DocumentEvent, document_id=pk, on=published, kind="published", ref=doc_no)
            if expired:
                L.add(DocumentEvent, document_id=pk, on=ended, kind="expired", note="有效期届满")
            L.event(
                subject_type=label, subject_id=pk, subject_label=f"{doc_no} {title}",
                org_id=dept.pk, org_name=dept.name,
                data={"doc_number": doc_no, "registration_number": reg_no,
                      "published_on": published.isoformat(), "status": "expired" if expired
                      else "issued"},
                plain=True,
            )  # fmt: skip
            made.append(pk)
        L.flush()
        self.finish_numbers()
        for doc in NormativeDocument.objects.filter(pk__in=made):
            search.index(doc)

    def documents_2019(self) -> None:
        """Ten documents through every step of the services: two with a public
        consultation, one filed late with the congress's standing committee (red card)."""
        plan = [
            # (subject, form, published, consult)
            ("优化营商环境", "若干措施", D(2019, 3, 18), True),
            ("政务服务“一件事一次办”", "实施办法", D(2019, 4, 22), False),
            ("社区工作者管理", "暂行办法", D(2019, 5, 27), False),
            ("历史文化街区保护", "管理办法", D(2019, 6, 24), True),
            ("小微企业创业补贴", "实施细则", D(2019, 7, 29), False),
            ("证明事项告知承诺", "实施办法", D(2019, 8, 26), False),
            ("生活垃圾分类", "实施方案", D(2019, 11, 4), False),
            ("知识产权保护", "若干规定", D(2019, 11, 18), False),
            ("外商投资企业服务", "暂行办法", D(2019, 11, 29), False),
            ("民营企业家参与涉企政策制定", "实施办法", D(2019, 12, 16), False),
        ]
        self.docs_2019 = []
        for i, (subject, form, published, consult) in enumerate(plan):
            dept = self.departments[(i * 3 + 1) % len(self.departments)]
            issuer = self.issuer if i % 2 == 0 else self.office_issuer
            text = body(subject, form)
            start = published - dt.timedelta(days=84 if consult else 42)
            doc = normative.document_create(
                actor=ACTOR, org=dept, issuer=issuer, title=f"长沙市芙蓉区{subject}{form}",
                received_on=start, drafters=f"{self.person()}、{self.person()}",
                topics=[subject], needs_consultation=consult,
                consultation_waiver="" if consult else "属对上级文件的执行性细化，已书面征求相关部门和街道意见",
                text=text,
            )  # fmt: skip
            if consult:
                opens = start + dt.timedelta(days=3)
                closes = rules.consultation_minimum(rules.DOC_CONSULTATION, opens) or (
                    opens + dt.timedelta(days=30)
                )
                c = consultation.consultation_open(
                    actor=ACTOR, document=doc, opens_on=opens, closes_on=closes, text=text
                )
                arts = list(c.articles.all())
                for k in range(3):
                    cm = consultation.comment_submit(
                        actor=ACTOR, consultation=c, article=arts[2 + k],
                        text="建议明确办理时限，并在门户网站公布办理进度。",
                        on=opens + dt.timedelta(days=5 + k), name=self.person(),
                    )  # fmt: skip
                    consultation.comment_moderate(actor=ACTOR, comment=cm, publish=True)
                    consultation.comment_dispose(
                        actor=ACTOR, comment=cm, disposition="adopted" if k else "partly",
                        on=closes, reason="已在第五条中明确。",
                    )  # fmt: skip
                consultation.consultation_close(actor=ACTOR, consultation=c, on=closes)
                consultation.summary_publish(
                    actor=ACTOR, consultation=c, on=closes + dt.timedelta(days=1),
                    summary="共收到意见3条，采纳2条，部分采纳1条。",
                )  # fmt: skip
            sent = self.add_wd(published, -20)
            normative.submit_review(actor=ACTOR, document=doc, on=sent)
            req = doc.reviews.get()
            reviewer = self.reviewers[i % len(self.reviewers)]
            reviews.assign(actor=ACTOR, request=req, reviewer=reviewer, on=sent)
            reviews.give_opinion(actor=ACTOR, request=req, opinion="pass", on=self.add_wd(sent, 10))
            doc = normative.deliberate(
                actor=ACTOR, document=NormativeDocument.objects.get(pk=doc.pk),
                on=self.add_wd(published, -3), meeting=f"区人民政府第{40 + i}次常务会议",
            )  # fmt: skip
            doc = normative.publish(actor=ACTOR, document=doc, on=published)
            for k, f in enumerate(doc.filings.order_by("body__name")):
                late = i == 3 and k == 0
                on = f.due_on + dt.timedelta(days=4) if late else published + dt.timedelta(days=7)
                normative.filing_record(
                    actor=ACTOR, filing=f, on=on, receipt=f"备{published.year}-{i * 3 + k + 1}",
                    late_reason="报备材料缺起草说明，补正后报送" if late else "",
                )  # fmt: skip
                normative.filing_feedback(
                    actor=ACTOR, filing=f, on=on + dt.timedelta(days=10), result="accepted"
                )
            self.docs_2019.append(doc)

    def cleanup(self) -> None:
        """The special cleanup of 2019 (private economy, intellectual property, proof
        materials, foreign investment) over every district document in force."""
        c = oversight.cleanup_start(
            actor=ACTOR, org=self.justice, kind="special", started_on=D(2019, 10, 15),
            title="涉及民营经济发展、知识产权保护、证明材料、外商投资的规范性文件专项清理",
        )  # fmt: skip
        items = list(c.items.order_by("document__published_on", "pk"))
        outcomes = {2: "repeal", 5: "repeal", 9: "repeal", 14: "repeal", 20: "repeal"}
        outcomes.update({11: "invalid", 7: "amend", 17: "amend", 25: "amend"})
        reasons = {
            "repeal": "设定的证明材料已取消，违背平等保护原则",
            "invalid": "上位法已修改，文件依据失效",
            "amend": "对民营企业设置差别待遇条款，需修改",
        }
        for k, it in enumerate(items):
            o = outcomes.get(k, "keep")
            oversight.cleanup_outcome(
                actor=ACTOR, item=it, outcome=o, on=D(2019, 11, 8), reasons=reasons.get(o, "")
            )
        oversight.cleanup_finish(
            actor=ACTOR, cleanup=c, on=D(2019, 11, 29),
            report=f"共清理规范性文件{len(items)}件：废止5件，宣布失效1件，修改3件，"
            f"继续有效{len(items) - 9}件。",
        )  # fmt: skip

    # -- decisions ----------------------------------------------------------------------------

    def decisions(self) -> None:
        """The 2019 catalogue (published) and three decisions through every step."""
        items = [
            ("芙蓉区老旧小区提质改造三年行动计划", self.orgs["区住建局"], "国务院令第713号第三条", "第二季度"),
            ("芙蓉区农贸市场提质改造实施方案", self.orgs["区市场监管局"], "国务院令第713号第三条", "第三季度"),
            ("芙蓉区生活垃圾分类工作实施方案", self.orgs["区行政执法局"], "国务院令第713号第三条", "第四季度"),
        ]  # fmt: skip
        cat = decisions.catalogue_save(
            actor=ACTOR, org=self.gov, year=YEAR, title="芙蓉区2019年度重大行政决策事项目录",
            items=items,
        )  # fmt: skip
        decisions.catalogue_publish(
            actor=ACTOR, catalogue=cat, agreed_on=D(2019, 2, 26), on=D(2019, 3, 1)
        )
        for k, item in enumerate(cat.items.order_by("seq")):
            start = D(2019, 3 + 2 * k, 4)
            dec = decisions.decision_create(
                actor=ACTOR, org=item.lead_org, decision_body=self.gov, registrar_org=self.office,
                review_org=self.justice, title=item.title, received_on=start,
                description=f"{item.title}（草案）", item=item, needs_expert=True,
                needs_risk=True,
            )  # fmt: skip
            opens = start + dt.timedelta(days=7)
            c = consultation.consultation_open(
                actor=ACTOR, decision=dec, opens_on=opens, closes_on=opens + dt.timedelta(days=30),
                text=f"{item.title}（征求意见稿）\n第一条 目标任务。\n第二条 实施范围。\n第三条 保障措施。",
            )  # fmt: skip
            consultation.consultation_close(
                actor=ACTOR, consultation=c, on=opens + dt.timedelta(days=30)
            )
            consultation.summary_publish(
                actor=ACTOR, consultation=c, on=opens + dt.timedelta(days=32),
                summary="未收到公众意见。",
            )  # fmt: skip
            decisions.step_record(
                actor=ACTOR, decision=dec, kind="expert", on=opens + dt.timedelta(days=35),
                by="区重大行政决策咨询论证专家库（5名专家）", summary="方案总体可行，建议分年度实施。",
            )  # fmt: skip
            decisions.step_record(
                actor=ACTOR, decision=dec, kind="risk", on=opens + dt.timedelta(days=38),
                by="区委政法委、区信访局", summary="社会稳定风险等级：低风险。",
            )  # fmt: skip
            sent = self.add_wd(opens + dt.timedelta(days=38), 1)
            decisions.send_for_review(actor=ACTOR, decision=dec, on=sent)
            req = dec.reviews.get()
            reviews.assign(actor=ACTOR, request=req, reviewer=self.reviewers[k], on=sent)
            reviews.give_opinion(actor=ACTOR, request=req, opinion="pass", on=self.add_wd(sent, 8))
            meet = self.add_wd(sent, 15)
            decisions.submit_to_meeting(actor=ACTOR, decision=dec, on=meet)
            dec = decisions.meeting_record(
                actor=ACTOR, decision=dec, on=meet, meeting=f"区人民政府第{50 + k}次常务会议",
                attendees="区长、常务副区长、副区长、区司法局局长（列席）", justice_head_present=True,
                outcome="原则通过，按讨论意见修改后印发。",
            )  # fmt: skip
            dec = decisions.decide(actor=ACTOR, decision=dec, on=meet)
            decisions.publish(
                actor=ACTOR, decision=dec, on=self.add_wd(meet, 5),
                explanation="公众参与、专家论证和风险评估意见均已研究采纳。",
            )  # fmt: skip

    # -- filing review of departments' and streets' documents --------------------------------

    def filed(self) -> None:
        senders = self.streets[:4] + [self.orgs["区人社局"], self.orgs["区住建局"]]
        for i, org in enumerate(senders):
            published = D(2019, 3 + i, 11)
            late = i == 2
            received = published + dt.timedelta(days=20 if late else 8)
            prefix = org.short_name[:2]
            fd = oversight.filed_receive(
                actor=ACTOR, org=org, review_org=self.justice,
                title=f"关于加强辖区{SUBJECTS[i + 3]}工作的通知",
                doc_number=f"芙{prefix}发〔2019〕{i + 2}号", published_on=published,
                received_on=received, text=body(SUBJECTS[i + 3], "工作规则"),
            )  # fmt: skip
            if i == 1:
                p = oversight.filed_problem_add(
                    actor=ACTOR, filing=fd, description="第四条规定对外地企业另行审核，违背平等保护原则",
                    requirement="删除第四条中“外地企业另行审核”的规定", due_on=received + dt.timedelta(days=30),
                )  # fmt: skip
                oversight.filed_review(actor=ACTOR, filing=fd, on=self.add_wd(received, 10))
                oversight.filed_correction(
                    actor=ACTOR, problem=p, on=received + dt.timedelta(days=25),
                    correction="已印发修改决定，删除相关内容",
                )  # fmt: skip
                oversight.filed_close(actor=ACTOR, filing=fd, on=received + dt.timedelta(days=27))
            else:
                oversight.filed_review(actor=ACTOR, filing=fd, on=self.add_wd(received, 8))

    # -- the year's review register -----------------------------------------------------------

    def review_register(self) -> None:
        """The rest of the year's register: documents in the government's name (the
        seed's 1049 less those above) and the 175 major contracts, reviewed in 2019."""
        done = ReviewRequest.objects.filter(opinion_on__year=YEAR).exclude(opinion="")
        n_docs = DOCS_REVIEWED - done.exclude(kind=ReviewKind.CONTRACT).count()
        n_contracts = CONTRACTS_REVIEWED - done.filter(kind=ReviewKind.CONTRACT).count()
        L = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
        label = ReviewRequest._meta.label_lower
        # The two review rules, read once with their versions (``compute`` then chooses the
        # version in force from them without a query per request).
        time_rules = {}
        for code in {
            rules.REVIEW_RULES[ReviewKind.DOCUMENT],
            rules.REVIEW_RULES[ReviewKind.CONTRACT],
        }:
            time_rules[code] = core_rules.resolve(code)
        prefetch_related_objects(list(time_rules.values()), "versions")
        for i in range(n_docs + n_contracts):
            contract = i >= n_docs
            kind = ReviewKind.CONTRACT if contract else ReviewKind.DOCUMENT
            org = self.rnd.choice(self.departments + self.streets)
            received = self.workday(D(YEAR, 1, 2), D(YEAR, 12, 13))
            limit = 7 if contract else 5
            code = rules.REVIEW_RULES[kind]
            opinion_on = self.add_wd(received, self.rnd.randint(1, limit))
            opinion = "changes" if self.rnd.random() < 0.14 else "pass"
            reviewer = self.reviewers[i % len(self.reviewers)]
            pk = L.reserve(ReviewRequest)
            number = self.number(
                L, self.justice, "leg-review", YEAR, "合审", "{prefix}〔{year}〕{n}号", received,
                label, pk,
            )  # fmt: skip
            values = {}
            if contract:
                what, suffix = self.rnd.choice(CONTRACTS)
                place = self.rnd.choice(SUBJECTS)[:4]
                party = f"湖南{self.rnd.choice(BRANDS)}{self.rnd.choice(BRANDS)}{suffix}"
                title = f"{org.short_name}{place}{what}合同"
                amount = Decimal(self.rnd.randrange(50, 3000) * 1000)
                values = dict(
                    counterparty=party, counterparty_credit_code=self.credit_code(i),
                    amount=amount, term_start=opinion_on + dt.timedelta(days=15),
                    term_end=opinion_on + dt.timedelta(days=15 + 365 * self.rnd.choice((1, 2, 3))),
                )  # fmt: skip
            else:
                subject = self.rnd.choice(SUBJECTS)
                title = f"关于{subject}有关问题的{self.rnd.choice(DOC_KINDS)}"
            reasons = "" if opinion == "pass" else "第三条表述不够严谨，建议按审查意见修改后签发。"
            L.add(
                ReviewRequest, id=pk, number=number, org_id=org.pk, title=title,
                status="passed" if opinion == "pass" else "conditional", received_on=received,
                closed_on=opinion_on, kind=kind, review_org_id=self.justice.pk,
                reviewer_id=reviewer.pk, assigned_on=received, opinion=opinion,
                opinion_on=opinion_on, reasons=reasons, rounds=1, version=1, **values,
            )  # fmt: skip
            text = f"{title}（送审稿）"
            L.add(
                ReviewRound, request_id=pk, n=1, submitted_on=received, text=text,
                sha256=_sha(text), opinion=opinion, reasons=reasons, decided_on=opinion_on,
                reviewer_id=reviewer.pk,
            )  # fmt: skip
            d = core_rules.compute(self.cal, time_rules[code], received)
            L.add(
                Clock, subject_type=label, subject_id=str(pk), subject_label=f"{number} {title}"[:300],
                org_id=self.justice.pk, handler_id=reviewer.pk, rule_id=d.rule.pk,
                version_id=d.version.pk, label="出具合法性审查意见（第1轮）", started_on=received,
                due_on=d.due.due, stopped_on=opinion_on,
            )  # fmt: skip
            L.event(
                subject_type=label, subject_id=pk, subject_label=f"{number} {title}"[:300],
                org_id=self.justice.pk, org_name=self.justice.name,
                data={"kind": kind, "received_on": received.isoformat(), "opinion": opinion,
                      "opinion_on": opinion_on.isoformat(), "reviewer": reviewer.full_name},
                plain=True,
            )  # fmt: skip
        L.flush()
        self.finish_numbers()

    # -- open matters on the staff's to-do ----------------------------------------------------

    def open_matters(self) -> None:
        """Requests sent in the weeks before today: some waiting for assignment (the
        Bureau's leaders and reviewers), most with the ``reviewer`` login or a colleague."""
        today = clock.today()
        for i in range(24):
            received = self.workday(today - dt.timedelta(days=20), today)
            org = self.rnd.choice(self.departments + self.streets)
            contract = i % 4 == 0
            kw = {}
            if contract:
                what, suffix = self.rnd.choice(CONTRACTS)
                kw = dict(
                    counterparty=f"湖南{self.rnd.choice(BRANDS)}{self.rnd.choice(BRANDS)}{suffix}",
                    counterparty_credit_code=self.credit_code(5000 + i),
                    amount=Decimal(self.rnd.randrange(50, 900) * 1000),
                    term_start=received + dt.timedelta(days=30),
                    term_end=received + dt.timedelta(days=395),
                )  # fmt: skip
                title = f"{org.short_name}{what}合同"
            else:
                title = f"关于{self.rnd.choice(SUBJECTS)}有关问题的{self.rnd.choice(DOC_KINDS)}"
            req = reviews.open_request(
                actor=ACTOR, org=org, review_org=self.justice,
                kind=ReviewKind.CONTRACT if contract else ReviewKind.DOCUMENT, title=title,
                received_on=received, text=f"{title}（送审稿）", **kw,
            )  # fmt: skip
            if i % 6 != 5:
                reviewer = self.reviewers[0] if i % 2 == 0 else self.reviewers[1 + i % 4]
                reviews.assign(actor=ACTOR, request=req, reviewer=reviewer, on=received)


def _sha(text: str) -> str:
    from .uploads import sha

    return sha(text)
