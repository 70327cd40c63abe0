"""The 2019 suggestions and proposals of the demo district (seed 一(六)1: 受理建议、提案155件，
所有建议、意见均在规定时间内办理完毕; indicator SG-ON-TIME, test in ``tests/test_demo.py``).

155 received in January 2019 at the 区人代会 and the 区政协 plenary — **98** 人大代表建议 and
**57** 政协提案 (the split is chosen here; the report gives only the sum) — registered by the
区政府办, handed out (交办) on 20 February 2019, each talked over with its deputy (member)
(面商 or 电话沟通) and replied to within its limit (RD-1/TA-1 three months; the 14 wide-ranging
ones RD-2/TA-2 six months), then evaluated satisfied or fairly satisfied, which closes it.
Volume through ``fazhi.core.bulk.BulkLoader``: one ledger event per step at its business date
(登记, 交办, 沟通, 答复, 评价办结) and the reply clock of each, stopped on the reply day.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.demo import ACTOR, register_demo_step
from fazhi.core.models import Clock, Organisation

from . import actions
from .models import CoHandler, Contact, Suggestion, SuggestionKind, SuggestionStatus

YEAR = 2019
NPC, CPPCC, DIFFICULT = 98, 57, 14
SUBJECT = "suggestions.suggestion"
SESSIONS = {
    SuggestionKind.NPC: ("芙蓉区第十七届人民代表大会第四次会议", dt.date(2019, 1, 10)),
    SuggestionKind.CPPCC: ("政协芙蓉区第十届委员会第四次会议", dt.date(2019, 1, 8)),
}
ASSIGNED = dt.date(2019, 2, 20)
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆"
GIVEN = "建华国强志明秀英桂兰海燕丽娟俊杰文静晓东红梅卫东建军玉兰春生德明小平永刚雪梅振华敏慧"
TOPICS = [
    ("关于加快老旧小区提质改造的建议", "区住建局"),
    ("关于规范夜间施工噪声管理的建议", "区行政执法局"),
    ("关于加强老旧小区消防安全隐患排查的建议", "区应急管理局"),
    ("关于加强校园周边食品安全监管的建议", "区市场监管局"),
    ("关于优化企业开办审批流程的建议", "区行政审批服务局"),
    ("关于治理背街小巷占道经营的建议", "区行政执法局"),
    ("关于推进垃圾分类进小区的建议", "区行政执法局"),
    ("关于加强农民工工资支付保障的建议", "区人社局"),
    ("关于完善社区卫生服务网络的建议", "区卫生健康局"),
    ("关于加强浏阳河沿岸环境整治的建议", "芙蓉生态环境分局"),
    ("关于开展公共法律服务进社区的建议", "区司法局"),
    ("关于缓解学校周边交通拥堵的建议", "区住建局"),
]
NOTES = [
    "承办单位负责人上门面商，代表对办理思路表示认可。",
    "电话沟通办理进展，委员提出补充意见。",
    "邀请代表现场察看整改情况并听取意见。",
]


def register() -> None:
    register_demo_step("人大建议和政协提案（2019年度）", load)


def load() -> None:
    with transaction.atomic():
        office = Organisation.objects.get(short_name="区政府办")
        orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        _bulk_year(office, orgs)


def _bulk_year(office, orgs) -> None:
    rng = random.Random(155)  # nosec B311 - demo data from a fixed seed
    cal = get_calendar()
    loader = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
    kinds = [SuggestionKind.NPC] * NPC + [SuggestionKind.CPPCC] * CPPCC
    hard = set(rng.sample(range(len(kinds)), DIFFICULT))
    serials = {SuggestionKind.NPC: 0, SuggestionKind.CPPCC: 0}
    for i, kind in enumerate(kinds):
        serials[kind] += 1
        n = serials[kind]
        session, received = SESSIONS[kind]
        topic, body_name = TOPICS[i % len(TOPICS)]
        body = orgs[body_name]
        difficult = i in hard
        code = (
            ("RD-2" if difficult else "RD-1")
            if kind == SuggestionKind.NPC
            else ("TA-2" if difficult else "TA-1")
        )
        d = core_rules.compute(cal, code, ASSIGNED)
        due = d.due.due
        contact = cal.add_workdays(ASSIGNED, rng.randrange(10, 25))
        replied = cal.add_workdays(contact, rng.randrange(5, 20))
        if replied > due:  # the seed: every one replied within its limit
            raise RuntimeError(f"{code} reply {replied} after {due}")
        evaluated = cal.add_workdays(replied, rng.randrange(5, 15))
        author = rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])
        number = f"{'建' if kind == SuggestionKind.NPC else '提'}〔{YEAR}〕{n}号"
        label = f"{number} {topic}"
        pk = loader.reserve(Suggestion)
        loader.add(
            Suggestion,
            id=pk,
            number=number,
            org_id=body.pk,
            office_id=office.pk,
            title=topic,
            status=SuggestionStatus.CLOSED,
            received_on=received,
            closed_on=evaluated,
            version=5,
            kind=kind,
            session=session,
            serial=str(n),
            author=author,
            co_authors="",
            text=f"{topic[2:-3]}，{author}等代表（委员）提出具体意见和办法。",
            difficult=difficult,
            assigned_on=ASSIGNED,
            replied_on=replied,
            reply="经研究，已将所提意见纳入年度工作计划并组织实施。",
            result_class="A" if rng.random() < 0.7 else "B",
            evaluation="satisfied" if rng.random() < 0.85 else "basic",
            evaluated_on=evaluated,
            rounds=0,
        )
        if i % 4 == 0:
            other = orgs["区财政局"]
            loader.add(
                CoHandler,
                suggestion_id=pk,
                org_id=other.pk,
                opinion="同意主办单位意见，按职责配合。",
                opinion_on=contact,
            )
        loader.add(
            Contact,
            suggestion_id=pk,
            on=contact,
            way="meeting" if i % 3 else "phone",
            note=NOTES[i % len(NOTES)],
        )
        loader.add(
            Clock,
            subject_type=SUBJECT,
            subject_id=str(pk),
            subject_label=label,
            org_id=body.pk,
            handler_id=None,
            rule_id=d.rule.pk,
            version_id=d.version.pk,
            label="答复期限",
            started_on=ASSIGNED,
            due_on=due,
            stopped_on=replied,
            paused=False,
        )
        for step, day, org in (
            ("登记", received, office),
            ("交办", ASSIGNED, office),
            ("沟通", contact, body),
            ("答复", replied, body),
            ("评价办结", evaluated, office),
        ):
            loader.event(
                subject_type=SUBJECT,
                subject_id=pk,
                subject_label=label,
                org_id=org.pk,
                org_name=org.name,
                data={"step": step, "on": day.isoformat()},
                plain=True,
            )
    loader.flush()
