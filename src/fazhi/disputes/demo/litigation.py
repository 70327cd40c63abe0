"""2019 cases answered by the district: 173 lawsuits and 44 reconsiderations (before the city
government) with the district government as respondent (seed), the departments' own lawsuits,
and four 区政府 lawsuits received in January 2020 (not counted); hearings with the heads who
appeared, judgments, appeals, final outcomes and their performance."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import Organisation, OrgKind

from ..models import LOSSES, CourtHearing, RespondentCase
from .base import YEAR, Year
from .setup import Offices

GOV_LAWSUITS, GOV_RECONS, DEPT_LAWSUITS, GOV_2020 = 173, 44, 68, 4
GOV_CAUSES = [
    ("不服房屋征收补偿决定", 30),
    ("不服行政复议决定（复议机关作共同被告）", 35),
    ("政府信息公开", 15),
    ("不履行法定职责", 10),
    ("行政强制拆除", 6),
    ("行政协议", 4),
]
DEPT_CAUSES = {
    "区行政执法局": ["不服行政处罚决定", "行政强制拆除"],
    "区市场监管局": ["不服行政处罚决定", "不履行投诉举报处理职责"],
    "区人社局": ["不服工伤认定决定", "劳动保障监察"],
    "区住建局": ["房屋征收", "不服行政许可决定"],
}
OUTCOMES = {
    "dismiss_claim": 55,
    "dismissed": 13,
    "withdrawn": 18,
    "revoke": 4,
    "illegal": 5,
    "perform": 2,
    "partial_revoke": 1,
    "compensate": 1,
    "mediated": 1,
}
RECON_OUTCOMES = {"maintain": 70, "revoke": 8, "illegal": 6, "withdrawn": 12, "dismissed": 4}
GOV_HEADS = ["副区长周建华", "副区长刘德胜", "区长彭志远", "副区长谭丽君"]


def load(y: Year, o: Offices) -> None:
    gov = Organisation.objects.get(kind=OrgKind.DISTRICT, division_code="430102")
    justice = o.body.org
    plans = []
    for _i in range(GOV_2020):
        plans.append(
            ("lawsuit", gov, justice, y.workday(dt.date(2020, 1, 6), dt.date(2020, 1, 17)))
        )
    for _i in range(GOV_LAWSUITS):
        plans.append(
            ("lawsuit", gov, justice, y.workday(dt.date(YEAR, 1, 3), dt.date(YEAR, 12, 27)))
        )
    for _i in range(GOV_RECONS):
        plans.append(
            ("reconsideration", gov, justice, y.workday(dt.date(YEAR, 1, 3), dt.date(YEAR, 12, 20)))
        )
    for _i in range(DEPT_LAWSUITS):
        dept = y.org_by_short[
            y.pick({"区行政执法局": 45, "区市场监管局": 20, "区人社局": 20, "区住建局": 15})
        ]
        plans.append(("lawsuit", dept, dept, y.workday(dt.date(YEAR, 1, 3), dt.date(YEAR, 12, 27))))
    plans.sort(key=lambda p: p[3])
    for kind, respondent, org, received in plans:
        _one(y, kind, respondent, org, received)


def _forum(y: Year, respondent, kind: str, year: int) -> tuple[str, str]:
    r = y.r
    if kind == "reconsideration":
        return "长沙市人民政府", f"长政复受〔{year}〕{r.randint(100, 1900)}号"
    if respondent.kind == OrgKind.DISTRICT:
        return "长沙市中级人民法院", f"（{year}）湘01行初{r.randint(100, 1200)}号"
    return "长沙铁路运输法院", f"（{year}）湘8601行初{r.randint(100, 3200)}号"


def _one(y: Year, kind, respondent, org, received) -> None:
    r = y.r
    T = "disputes.respondentcase"
    pk = y.loader.reserve(RespondentCase)
    if respondent.kind == OrgKind.DISTRICT:
        cause = (
            y.pick(dict(GOV_CAUSES))
            if kind == "lawsuit"
            else y.pick({"不服房屋征收补偿决定": 4, "不服政府信息公开答复": 3, "不履行法定职责": 3})
        )
    else:
        cause = r.choice(DEPT_CAUSES[respondent.short_name])
    if r.random() < 0.82:
        p = y.names.person()
        counterpart = dict(counterpart_kind="person", counterpart_name=p.name,
                           counterpart_id_number=p.id_number)  # fmt: skip
    else:
        c = y.names.company()
        counterpart = dict(counterpart_kind="org", counterpart_name=c.name,
                           counterpart_credit_code=c.credit_code)  # fmt: skip
    forum, forum_number = _forum(y, respondent, kind, received.year)
    who = respondent.short_name or respondent.name
    verb = "诉" if kind == "lawsuit" else "申请复议"
    title = f"{counterpart['counterpart_name']}{verb}{who}{cause}"
    number = y.number(org, "dis-ys-case", f"{org.short_name or org.name}应诉", received, T, pk)
    subject = (T, pk, f"{number} {title}")
    y.event(subject, org, step="收到副本", on=received, forum=forum, forum_number=forum_number)
    code = "SS-2" if kind == "lawsuit" else "FY-5b"
    due = y.due(code, received)[2]
    late = kind == "lawsuit" and respondent.kind != OrgKind.DISTRICT and r.random() < 0.03
    answered = due + dt.timedelta(days=1) if late else min(due, y.days(received, 4, 13))
    y.clock(subject, org, code, received, answered, "答辩举证期限")
    y.event(subject, org, step="提交答辩状、证据和依据", on=answered, late=late)
    row = dict(
        id=pk, number=number, org_id=org.pk, title=title, received_on=received, kind=kind,
        respondent_id=respondent.pk, forum=forum, forum_number=forum_number, cause=cause,
        answered_on=answered, answer_late_reason="经办人员出差未及时签收" if late else "",
        evidence_list="答辩状；被诉行政行为的证据材料；作出行政行为所依据的规范性文件",
        **counterpart,
    )  # fmt: skip
    outcome = y.pick(OUTCOMES if kind == "lawsuit" else RECON_OUTCOMES)
    judged = y.days(answered, 35, 160)
    if kind == "lawsuit" and outcome not in ("withdrawn", "mediated"):
        _hearing(y, pk, subject, org, respondent, answered + (judged - answered) // 2, 1)
    if outcome in ("withdrawn", "mediated"):
        row.update(status="withdrawn", judged_on=judged, ruling="ruling", outcome=outcome,
                   judgment_served_on=judged, final_on=judged, final_outcome=outcome,
                   closed_on=judged)  # fmt: skip
        y.event(subject, org, step="撤诉结案" if outcome == "withdrawn" else "调解结案",
                on=judged, to="withdrawn")  # fmt: skip
        y.loader.add(RespondentCase, **row)
        return
    ruling = "decision" if kind == "reconsideration" else (
        "ruling" if outcome == "dismissed" else "judgment"
    )  # fmt: skip
    served = y.days(judged, 2, 6)
    row.update(judged_on=judged, ruling=ruling, outcome=outcome, judgment_served_on=served)
    y.event(subject, org, step="登记裁判结果", on=judged, outcome=outcome, served=served)
    final_outcome = outcome
    if kind == "reconsideration":
        final_on = judged
    else:
        appeal_code = "SS-6b" if ruling == "ruling" else "SS-6"
        appeal_due = y.due(appeal_code, served)[2]
        appealed = r.random() < 0.3
        if appealed:
            by_us = outcome in LOSSES and r.random() < 0.5
            on = served + dt.timedelta(days=r.randint(5, 14))
            on = min(on, appeal_due)
            y.clock(subject, org, appeal_code, served, on, "上诉期限", party=True)
            row.update(appealed_on=on, appealed_by_us=by_us)
            y.event(subject, org, step="登记上诉", on=on, by_us=by_us)
            _hearing(y, pk, subject, org, respondent, on + dt.timedelta(days=r.randint(30, 60)), 2)
            final_on = y.days(on, 70, 130)
            if by_us and r.random() < 0.5:
                final_outcome = "dismiss_claim"
        else:
            y.clock(subject, org, appeal_code, served, appeal_due, "上诉期限", party=True)
            final_on = appeal_due + dt.timedelta(days=1)
    row.update(final_on=final_on, final_outcome=final_outcome)
    y.event(subject, org, step="裁判生效", on=final_on, outcome=final_outcome)
    performed = y.days(final_on, 1, 40) if final_outcome in LOSSES else final_on
    text = (
        r.choice(["已重新作出行政行为", "已依判决履行法定职责", "已依判决办理赔偿"])
        if final_outcome in LOSSES
        else "裁判维持被诉行为或驳回，无需履行"
    )
    row.update(status="closed", performed_on=performed, performance=text, closed_on=performed)
    y.event(subject, org, step="履行完毕结案", on=performed, to="closed")
    y.loader.add(RespondentCase, **row)


def _hearing(y: Year, pk, subject, org, respondent, held: dt.date, instance: int) -> None:
    r = y.r
    held = y.cal.next_workday(held)
    head = r.random() < 0.62
    if respondent.kind == OrgKind.DISTRICT:
        head_name = r.choice(GOV_HEADS) if head else ""
        appeared = "区司法局法律顾问室、委托代理律师" + (f"；{head_name}" if head else "")
    else:
        head_name = f"{r.choice(['局长', '副局长'])}{y.names.name()}" if head else ""
        appeared = "法制科工作人员、委托代理律师" + (f"；{head_name}" if head else "")
    y.loader.add(
        CourtHearing, case_id=pk, held_on=held, instance=instance, appeared=appeared,
        head_appeared=head, head_name=head_name,
        place="长沙市中级人民法院第五法庭" if respondent.kind == OrgKind.DISTRICT else "长沙铁路运输法院行政审判庭",
    )  # fmt: skip
    y.event(subject, org, step="出庭应诉", on=held, instance=instance, head=head_name)
