"""The 2019 reconsideration cases of the district as the reconsideration body (seed: 全年受理行政
复议案件115件), with three received and accepted in January 2020 (not counted), and the
applications refused or abandoned; every step dated, every clock under the 2017 text."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import IssuedNumber, Organisation

from .. import actions
from ..models import REVERSALS, Reconsideration, ReconStatus
from .base import YEAR, Year
from .setup import Offices

ACCEPTED_2019 = 115  # seed
IN_2020 = 3  # received and accepted in January 2020 (not counted in 2019)
REFUSED, ABANDONED = 7, 2

RESPONDENTS = {  # short name: (weight, act kinds)
    "区行政执法局": (30, ["penalty", "penalty", "coercion"]),
    "区市场监管局": (15, ["penalty", "inaction"]),
    "区人社局": (12, ["confirmation", "inaction"]),
    "区住建局": (9, ["licence", "other", "expropriation"]),
    "区行政审批服务局": (8, ["licence"]),
    "区政府办": (8, ["disclosure"]),
    "区卫生健康局": (5, ["penalty"]),
    "区应急管理局": (3, ["penalty"]),
    "区财政局": (2, ["other"]),
    "STREET": (12, ["coercion", "inaction", "expropriation"]),
}
ACTS = {
    "penalty": ["罚款决定", "没收违法所得并处罚款的决定", "责令停业整顿并处罚款的决定"],
    "coercion": ["强制拆除违法建设的决定", "查封场所、设施的决定"],
    "licence": ["不予行政许可决定", "撤销行政许可决定"],
    "disclosure": ["政府信息公开申请答复", "政府信息不存在告知书"],
    "confirmation": ["不予认定工伤决定", "工伤认定决定"],
    "inaction": ["未依法履行查处职责", "未对投诉举报作出处理"],
    "expropriation": ["房屋征收补偿决定"],
    "other": ["不予退还费用的答复"],
}
TYPES = {  # decision type: how many of the 118 decided or terminated
    "maintain": 66,
    "reject": 10,
    "revoke": 7,
    "partial_revoke": 1,
    "change": 1,
    "illegal": 5,
    "perform": 2,
    "compensate": 1,
    "mediate": 4,
    "": 21,  # terminated: withdrawn, most after a settlement
}
SUMMARIES = {
    "maintain": "被申请人认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当，决定维持。",
    "reject": "申请人的复议申请不符合受理条件，决定驳回。",
    "revoke": "被申请人认定事实不清、证据不足，决定撤销，责令重新作出行政行为。",
    "partial_revoke": "部分处理内容适用依据错误，决定部分撤销。",
    "change": "处理明显不当，决定变更。",
    "illegal": "被申请人违反法定程序，因已执行完毕不具有可撤销内容，确认违法。",
    "perform": "被申请人未依法履行法定职责，责令在六十日内履行。",
    "compensate": "被申请人的行为侵犯申请人合法权益，责令赔偿。",
    "mediate": "经调解，双方自愿达成调解协议，制作行政复议调解书。",
}
APPROVERS = ["区人民政府副区长周建华", "区人民政府副区长刘德胜"]


def _enforcement_numbers(y: Year, org: Organisation) -> list[tuple[IssuedNumber, str]]:
    """Decision numbers fazhi issued in 2019 for another domain's matters of ``org`` (the
    acts a reconsideration may name), with the matter's label — none when that domain's demo
    is not loaded."""
    from fazhi.core.models import LedgerEvent

    numbers = list(
        IssuedNumber.objects.filter(
            series__org=org,
            series__year=YEAR,
            series__kind__icontains="decision",
            voided_at__isnull=True,
        )
        .exclude(subject_type__startswith="disputes.")
        .exclude(subject_type="")
        .order_by("pk")[:4000:37]
    )
    out = []
    for n in numbers:
        label = (
            LedgerEvent.objects.filter(subject_type=n.subject_type, subject_id=n.subject_id)
            .order_by("-seq")
            .values_list("subject_label", flat=True)
            .first()
        )
        out.append((n, label or n.text))
    return out


def load(y: Year, o: Offices) -> None:
    body, justice = o.body, o.body.org
    streets = [c.org for c in o.streets.values()]
    linkable = {
        "区行政执法局": _enforcement_numbers(y, y.org_by_short["区行政执法局"]),
        "区市场监管局": _enforcement_numbers(y, y.org_by_short["区市场监管局"]),
    }
    types = [t for t, n in TYPES.items() for _i in range(n)]
    y.r.shuffle(types)
    plans = []
    for i in range(ACCEPTED_2019 + IN_2020):
        if i < IN_2020:
            received = y.workday(dt.date(YEAR + 1, 1, 6), dt.date(YEAR + 1, 1, 17))
        else:
            received = y.workday(dt.date(YEAR, 1, 3), dt.date(YEAR, 12, 27))
        plans.append(("accepted", received, types[i]))
    for _i in range(REFUSED):
        plans.append(("refused", y.workday(dt.date(YEAR, 1, 7), dt.date(YEAR, 12, 20)), ""))
    for _i in range(ABANDONED):
        plans.append(("abandoned", y.workday(dt.date(YEAR, 2, 1), dt.date(YEAR, 11, 20)), ""))
    plans.sort(key=lambda p: p[1])
    for fate, received, dtype in plans:
        key = y.pick({k: v[0] for k, v in RESPONDENTS.items()})
        respondent = y.r.choice(streets) if key == "STREET" else y.org_by_short[key]
        act_kind = y.r.choice(RESPONDENTS[key][1])
        _one(y, body, justice, respondent, act_kind, fate, received, dtype, linkable.get(key, []))


def _one(y, body, justice, respondent, act_kind, fate, received, dtype, linkable) -> None:
    r = y.r
    pk = y.loader.reserve(Reconsideration)
    T = "disputes.reconsideration"
    company = r.random() < 0.25
    if company:
        c = y.names.company("business" if r.random() < 0.5 else "org")
        applicant = dict(
            applicant_kind="org", applicant_name=c.name, applicant_credit_code=c.credit_code,
            applicant_phone=c.phone, applicant_address=c.address,
        )  # fmt: skip
    else:
        p = y.names.person()
        applicant = dict(
            applicant_kind="person", applicant_name=p.name, applicant_id_number=p.id_number,
            applicant_phone=p.phone, applicant_address=p.address,
        )  # fmt: skip
    ref = {}
    act_number = ""
    known = received - dt.timedelta(days=r.randint(5, 50))
    if linkable and act_kind == "penalty" and r.random() < 0.6:
        n, label = linkable[r.randrange(len(linkable))]
        issued = n.issued_at.date()
        if issued + dt.timedelta(days=3) < received:
            ref = {"ref_type": n.subject_type, "ref_id": n.subject_id, "ref_label": label[:300]}
            act_number = n.text
            known = min(received, issued + dt.timedelta(days=r.randint(1, 5)))
    act = r.choice(ACTS[act_kind])
    title = f"{applicant['applicant_name']}不服{respondent.short_name or respondent.name}{act}申请行政复议"
    number = y.number(justice, "dis-fy-case", f"{body.doc_prefix}收", received, T, pk)
    label = f"{number} {title}"
    subject = (T, pk, label)
    ev = dict(step="收到申请", on=received, respondent=respondent.name)
    y.event(subject, justice, **ev)
    channel = y.pick({"written": 70, "online": 20, "oral": 10})
    row: dict = dict(
        id=pk, number=number, org_id=justice.pk, title=title, received_on=received,
        body_id=body.pk, channel=channel, respondent_id=respondent.pk, act_kind=act_kind,
        act_number=act_number, act_description=f"{respondent.name}作出的{act}",
        act_known_on=known, request=f"请求撤销{act}" if act_kind != "inaction" else "请求责令履行法定职责",
        check_code="".join(r.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _i in range(6)),
        procedure="ordinary", **applicant, **ref,
    )  # fmt: skip
    fy2_due = y.due("FY-2", received)[2]
    corrected = None
    if fate == "abandoned" or (fate == "accepted" and r.random() < 0.1):
        asked = y.add_wd(received, r.randint(1, 3))
        due_on = asked + dt.timedelta(days=10)
        y.clock(subject, justice, "FY-2", received, asked, "受理审查期限")
        y.clock(subject, justice, "FY-3", received, asked, "补正通知期限")
        doc = y.document(justice, "fy_correction", f"{body.doc_prefix}补", asked, T, pk)
        y.event(subject, justice, step="通知补正", on=asked, number=doc, due=due_on)
        row.update(correction_requested_on=asked, correction_due_on=due_on)
        if fate == "abandoned":
            closed = due_on + dt.timedelta(days=r.randint(1, 5))
            row.update(status=ReconStatus.ABANDONED, closed_on=closed)
            y.event(subject, justice, step="逾期未补正，视为放弃", on=closed, to="abandoned")
            y.loader.add(Reconsideration, **row)
            return
        corrected = asked + dt.timedelta(days=r.randint(2, 9))
        row["corrected_on"] = corrected
        y.event(subject, justice, step="收到补正材料", on=corrected)
        fy2_due = y.due("FY-2", corrected)[2]
    start = corrected or received
    if fate == "refused":
        act_on = y.add_wd(start, r.randint(2, 5))
        y.clock(subject, justice, "FY-2", start, act_on, "受理审查期限")
        y.clock(subject, justice, "FY-3", start, act_on, "补正通知期限")
        doc = y.document(justice, "fy_refusal", f"{body.doc_prefix}不受", act_on, T, pk)
        row.update(status=ReconStatus.REFUSED, closed_on=act_on)
        reason = r.choice(
            ["申请超过法定申请期限且无正当理由", "不属于行政复议受理范围",
             "申请人与该行政行为没有利害关系", "已向人民法院提起行政诉讼，人民法院已经受理"]
        )  # fmt: skip
        y.event(subject, justice, step="决定不予受理", on=act_on, reason=reason, number=doc)
        y.loader.add(Reconsideration, **row)
        return
    deemed = r.random() < 0.1
    act_on = y.add_wd(fy2_due, 1) if deemed else y.add_wd(start, r.randint(1, 4))
    accepted = start  # 2017 Art.17: accepted from the day the complete application came in
    if corrected is None:
        y.clock(
            subject,
            justice,
            "FY-3",
            received,
            min(act_on, y.due("FY-3", received)[2]),
            "补正通知期限",
        )
    y.clock(subject, justice, "FY-2", start, min(act_on, fy2_due), "受理审查期限")
    row.update(accepted_on=accepted, accept_mode="deemed" if deemed else "explicit")
    if not deemed:
        y.document(justice, "fy_accept", f"{body.doc_prefix}受", act_on, T, pk)
    y.event(subject, justice, step="受理", on=accepted, act_on=act_on, mode=row["accept_mode"])
    sent = y.add_wd(act_on, r.randint(0, 3))
    y.clock(subject, justice, "FY-5", accepted, sent, "发送申请书副本期限")
    y.document(justice, "fy_answer", f"{body.doc_prefix}答", sent, T, pk)
    y.event(subject, justice, step="发送答复通知", on=sent)
    answer_due = y.due("FY-5b", sent)[2]
    missing = r.random() < 0.02
    answered = None if missing else min(answer_due, sent + dt.timedelta(days=r.randint(3, 10)))
    y.clock(subject, respondent, "FY-5b", sent, answered or answer_due + dt.timedelta(days=1),
            "被申请人答复期限")  # fmt: skip
    if missing:
        row["answer_missing"] = True
        y.event(subject, justice, step="被申请人逾期未答复", on=answer_due + dt.timedelta(days=1))
    else:
        row["answered_on"] = answered
        y.event(subject, respondent, step="被申请人书面答复", on=answered)
    row["sent_on"] = sent
    extended = r.random() < 0.08
    base_due = y.due("FY-9", accepted)[2]
    if dtype == "":
        ended = y.days(answered or sent, 5, 40)
        ground = "settled" if r.random() < 0.7 else "withdrawn"
        y.clock(subject, justice, "FY-9", accepted, ended, "复议审理期限")
        doc = y.document(justice, "fy_termination", f"{body.doc_prefix}终", ended, T, pk)
        row.update(status=ReconStatus.TERMINATED, closed_on=ended, termination_ground=ground)
        y.event(subject, justice, step="终止审理", on=ended, ground=ground, number=doc)
        y.loader.add(Reconsideration, **row)
        return
    if extended:
        approved = base_due - dt.timedelta(days=r.randint(2, 8))
        due = y.due("FY-9", accepted, 30)[2]
        decided = y.cal.previous_workday(min(due, base_due + dt.timedelta(days=r.randint(5, 25))))
        y.document(justice, "fy_extension", f"{body.doc_prefix}延", approved, T, pk)
        y.event(subject, justice, step="批准延长审理期限", on=approved, days=30)
    else:
        decided = y.cal.previous_workday(
            min(base_due, accepted + dt.timedelta(days=r.randint(25, 58)))
        )
    decided = max(decided, (answered or sent) + dt.timedelta(days=3))
    decided = y.cal.next_workday(decided)
    y.clock(subject, justice, "FY-9", accepted, decided, "复议审理期限",
            extension=30 if extended else 0, extension_by=APPROVERS[0] if extended else "")  # fmt: skip
    if r.random() < 0.1:
        held = decided - dt.timedelta(days=r.randint(7, 15))
        y.loader.add(
            _hearing_model(),
            case_id=pk, notified_on=held - dt.timedelta(days=7), held_on=held,
            place="区司法局行政复议听证室", attendees="申请人及其代理人；被申请人委托代理人",
            summary="双方围绕事实认定和法律适用进行了陈述、举证、质证和辩论。",
        )  # fmt: skip
        y.event(subject, justice, step="听证", on=held)
    number_d = y.document(justice, "fy_decision", f"{body.doc_prefix}决", decided, T, pk)
    served = y.add_wd(decided, r.randint(1, 4))
    row.update(
        status=ReconStatus.CLOSED, decided_on=decided, decision_type=dtype,
        decision_number=number_d, decision_summary=SUMMARIES[dtype],
        approved_by=r.choice(APPROVERS), served_on=served, closed_on=served,
    )  # fmt: skip
    y.event(subject, justice, step="作出复议决定", on=decided, type=dtype, number=number_d)
    if ref and dtype in REVERSALS:
        y.event(
            (ref["ref_type"], int(ref["ref_id"]), ref["ref_label"]),
            respondent,
            action=actions.FY_REVERSAL,
            reconsideration=number,
            decision=number_d,
            type=dtype,
            on=decided,
            body=body.body.name,
        )
    y.event(subject, justice, step="送达复议决定书", on=served, to="closed")
    y.loader.add(Reconsideration, **row)


def _hearing_model():
    from ..models import Hearing

    return Hearing
