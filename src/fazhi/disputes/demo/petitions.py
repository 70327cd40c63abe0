"""2019 petitions under the 2005 信访条例 (seed: 成功化解信访积案10件11人，调处信访类矛盾纠纷75起，
按期办结省委巡视组交办信访件第8至11批54件和中央扫黑除恶督导组交办信访件35批143件): the
year's petitions with their notices, replies, reviews and diversions; the petition disputes
settled at the joint mediation room; the backlog cases; the inspection teams' batches."""

from __future__ import annotations

import datetime as dt

from ..models import (
    BacklogCase,
    BacklogPerson,
    InspectionBatch,
    InspectionItem,
    Petition,
    PetitionPerson,
)
from . import mediation
from .base import YEAR, Year
from .setup import Offices

PETITIONS = 1180
MEDIATED_SETTLED, MEDIATED_FAILED = 75, 10  # seed: 调处信访类矛盾纠纷75起
BACKLOG = [  # (persons, resolved in 2019)
    (1, True), (1, True), (2, True), (1, True), (1, True), (1, True), (1, True), (1, True),
    (1, True), (1, True), (2, False), (1, False),
]  # fmt: skip
PROVINCIAL = {8: 15, 9: 12, 10: 14, 11: 13}  # seed: 第8至11批54件
CENTRAL_BATCHES, CENTRAL_ITEMS = 35, 143  # seed: 35批143件
HOT = {"东屯渡街道": 5, "马坡岭街道": 4, "东岸街道": 3}  # streets with more petitions (hot spots)
TOPICS = [
    ("claim", "反映房屋征收补偿标准过低，要求提高补偿"),
    ("claim", "反映小区物业公司侵占公共收益"),
    ("claim", "要求解决拖欠农民工工资问题"),
    ("claim", "反映老旧小区改造施工扰民"),
    ("claim", "要求落实退役军人待遇"),
    ("claim", "反映社区养老服务补贴未发放"),
    ("claim", "反映违法建设长期未拆除"),
    ("accusation", "举报社区干部优亲厚友办理低保"),
    ("accusation", "举报餐饮店油烟直排，执法部门处理不力"),
    ("suggestion", "建议增设公交线路站点"),
    ("suggestion", "建议在学校周边设置减速带"),
    ("other", "咨询户籍迁移政策"),
]
UNITS = ["区行政执法局", "区住建局", "区人社局", "区市场监管局", "区卫生健康局", "区财政局"]


def load(y: Year, o: Offices) -> None:
    pool = [y.names.person() for _i in range(90)]  # people who come back (repeat petitioners)
    streets = {k.org.short_name: k.org for k in o.streets.values()}
    weights = {s: HOT.get(s, 1) for s in streets}
    mediated = list(range(MEDIATED_SETTLED + MEDIATED_FAILED))
    for i in range(PETITIONS):
        street = streets[y.pick(weights)]
        pid = _petition(y, o, street, pool, to_mediation=i < len(mediated))
        if i < len(mediated):
            fate = "agreed" if i < MEDIATED_SETTLED else "failed"
            _petition_dispute(y, o, pid, street, fate)
    _backlog(y, o, pool)
    _batches(y, o, streets)


def _persons(y: Year, pool) -> list:
    r = y.r
    if r.random() < 0.12:
        return [r.choice(pool)]
    if r.random() < 0.03:
        return [y.names.person() for _i in range(r.randint(3, 5))]
    return [y.names.person()]


def _petition(y: Year, o: Offices, street, pool, to_mediation: bool = False) -> int:
    r = y.r
    T = "disputes.petition"
    office, xf = o.office, o.office.org
    pk = y.loader.reserve(Petition)
    received = y.workday(dt.date(YEAR, 1, 3), dt.date(YEAR, 11, 29))
    category, content = r.choice(TOPICS)
    persons = _persons(y, pool)
    count = len(persons) if len(persons) == 1 else len(persons) + r.randint(3, 25)
    title = f"{persons[0].name}{'等' + str(count) + '人' if count > 1 else ''}反映{content[2:22]}"
    number = y.number(xf, "dis-xf-case", f"{office.doc_prefix}登", received, T, pk)
    subject = (T, pk, f"{number} {title}")
    source = y.pick({"direct": 70, "transferred": 20, "assigned": 10})
    channel = y.pick({"visit": 45, "online": 30, "letter": 20, "phone": 5})
    row = dict(
        id=pk, number=number, org_id=xf.pk, title=title, received_on=received, channel=channel,
        category=category, source=source, street_id=street.pk, person_count=count,
        content=f"{content}。", stage="first",
        check_code="".join(r.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _i in range(6)),
    )  # fmt: skip
    for k, p in enumerate(persons):
        y.loader.add(PetitionPerson, petition_id=pk, is_representative=k == 0, kind="person",
                     name=p.name, id_number=p.id_number, phone=p.phone, address=p.address)  # fmt: skip
    y.event(subject, xf, step="登记信访事项", on=received, category=category, source=source)
    notice = "XF-2" if source == "direct" else "XF-3"
    fate = y.pick({"handled": 84, "transferred": 8, "diverted": 6, "assigned": 2})
    handler = xf
    notice_start = received
    if fate == "assigned" or (fate == "handled" and r.random() < 0.15):
        unit = y.org_by_short[r.choice(UNITS)]
        assigned = y.add_wd(received, r.randint(1, 5))
        y.clock(subject, xf, notice, received, assigned, "书面告知期限")
        row["handler_org_id"] = unit.pk
        handler, notice, notice_start = unit, "XF-3", assigned
        y.event(subject, xf, step="交办", on=assigned, to=unit.name)
        fate = "handled"
    if fate == "transferred":
        done = y.add_wd(received, r.randint(2, 8))
        y.clock(subject, xf, notice, received, done, "书面告知期限")
        row.update(status="transferred", transferred_to="长沙市信访局（转有权处理机关）",
                   closed_on=done)  # fmt: skip
        y.event(subject, xf, step="转送有权处理的机关", on=done, to="transferred")
        y.loader.add(Petition, **row)
        return pk
    if fate == "diverted":
        done = y.add_wd(received, r.randint(1, 6))
        route = y.pick({"reconsideration": 40, "litigation": 30, "arbitration": 20, "civil": 10})
        y.clock(subject, xf, notice, received, done, "书面告知期限")
        y.document(xf, "xf_divert", f"{office.doc_prefix}不受告", done, T, pk)
        row.update(status="diverted", divert_route=route, closed_on=done)
        y.event(subject, xf, step="诉访分离，告知法定途径", on=done, route=route)
        code = {"reconsideration": "FY-1", "litigation": "SS-3"}.get(route)
        if code:
            known = max(dt.date(YEAR, 1, 2), received - dt.timedelta(days=r.randint(5, 40)))
            due = y.due(code, known)[2]
            y.clock(
                subject,
                xf,
                code,
                known,
                due,
                f"信访人申请{'行政复议' if code == 'FY-1' else '行政诉讼'}期限",
                party=True,
            )
        y.loader.add(Petition, **row)
        return pk
    accepted = y.add_wd(notice_start, r.randint(1, 8))
    y.clock(subject, handler, notice, notice_start, accepted, "书面告知期限")
    y.document(xf, "xf_accept", f"{office.doc_prefix}受告", accepted, T, pk)
    row.update(notified_on=accepted, accepted_on=accepted)
    y.event(subject, handler, step="受理并书面告知", on=accepted)
    extended = r.random() < 0.06
    due = y.due("XF-5", accepted, 30 if extended else 0)[2]
    replied = min(due, y.days(accepted, 15, 75 if extended else 55))
    y.clock(subject, handler, "XF-5", accepted, replied, "信访事项办理期限",
            extension=30 if extended else 0, extension_by="区信访局局长" if extended else "")  # fmt: skip
    outcome = "mediated" if to_mediation else y.pick(
        {"support": 35, "partial": 20, "reject": 20, "explain": 25}
    )  # fmt: skip
    reply = y.document(xf, "xf_reply", f"{office.doc_prefix}处", replied, T, pk)
    row.update(replied_on=replied, reply_number=reply, reply_outcome=outcome,
               reply_served_on=replied)  # fmt: skip
    y.event(subject, handler, step="出具处理意见书", on=replied, outcome=outcome, number=reply)
    review = outcome in ("reject", "partial") and r.random() < 0.2
    req_due = y.due("XF-6", replied)[2]
    if review:
        asked = min(req_due, y.days(replied, 5, 25))
        y.clock(subject, xf, "XF-6", replied, asked, "信访人请求复查期限", party=True)
        op_due = y.due("XF-6b", asked)[2]
        op = min(op_due, y.days(asked, 10, 28))
        y.clock(subject, xf, "XF-6b", asked, op, "复查意见期限")
        doc = y.document(xf, "xf_review", f"{office.doc_prefix}复查", op, T, pk)
        row.update(stage="review", review_requested_on=asked, replied_on=op, reply_number=doc,
                   reply_served_on=op, reply_outcome="reject")  # fmt: skip
        y.event(subject, xf, step="请求复查", on=asked)
        y.event(subject, xf, step="出具复查意见", on=op, number=doc)
        closed = y.due("XF-7", op)[2] + dt.timedelta(days=1)
        y.clock(subject, xf, "XF-7", op, closed, "信访人请求复核期限", party=True)
    else:
        closed = req_due + dt.timedelta(days=1) if r.random() < 0.5 else y.days(replied, 2, 10)
        y.clock(subject, xf, "XF-6", replied, min(closed, req_due + dt.timedelta(days=1)),
                "信访人请求复查期限", party=True)  # fmt: skip
    row.update(status="closed", closed_on=closed)
    y.event(subject, xf, step="办结", on=closed, to="closed")
    y.loader.add(Petition, **row)
    return pk


def _petition_dispute(y: Year, o: Offices, pid: int, street, fate: str) -> None:
    """A petition referred to the joint mediation room (信访矛盾纠纷联合调处): the petitioner
    is the applicant, so the same person shows up in both records."""
    room = o.petition_room
    rows = y.loader.tables[Petition].rows
    idx = y.loader.tables[Petition].index
    row = next(x for x in reversed(rows) if x[idx["id"]] == pid)
    received = y.cal.next_workday(row[idx["received_on"]] + dt.timedelta(days=y.r.randint(1, 10)))
    if received.year > YEAR or received > dt.date(YEAR, 12, 13):
        received = dt.date(YEAR, 12, 13)
    plan = mediation.Plan(
        room, y.pick({"demolition": 3, "property": 3, "labour": 3, "housing": 2, "neighbour": 2}),
        received, fate, source="petition",
        ref=("disputes.petition", str(pid), f"{row[idx['number']]} {row[idx['title']]}"),
    )  # fmt: skip
    plan.amount = 0 if y.r.random() < 0.3 else y.r.randint(20, 400) * 100
    plan.street = street
    people = y.loader.tables[PetitionPerson]
    first = next(x for x in people.rows if x[people.index["petition_id"]] == pid)
    plan.applicant = {
        k: first[people.index[k]] for k in ("kind", "name", "id_number", "phone", "address")
    } | {"side": "applicant"}
    mediation.write(y, o, plan)


def _backlog(y: Year, o: Offices, pool) -> None:
    r = y.r
    T = "disputes.backlogcase"
    leaders = [("彭志远", "区长"), ("周建华", "副区长"), ("刘德胜", "副区长"),
               ("谭丽君", "副区长"), ("曾国平", "区委常委、政法委书记")]  # fmt: skip
    topics = ["房屋征收补偿遗留问题", "企业改制职工安置遗留问题", "历史违建拆除补偿",
              "土地征收安置房分配", "医疗损害赔偿纠纷", "拆迁过渡费发放"]  # fmt: skip
    for n, (persons, resolved) in enumerate(BACKLOG):
        org = y.org_by_short[r.choice(["区住建局", "区人社局", "东屯渡街道", "马坡岭街道",
                                       "区卫生健康局", "东岸街道"])]  # fmt: skip
        pk = y.loader.reserve(BacklogCase)
        listed = y.workday(dt.date(YEAR, 1, 7), dt.date(YEAR, 3, 29))
        leader, post = leaders[n % len(leaders)]
        topic = topics[n % len(topics)]
        people = [r.choice(pool) if r.random() < 0.3 else y.names.person() for _i in range(persons)]
        title = f"{people[0].name}{'等' if persons > 1 else ''}反映{topic}"
        number = y.number(org, "dis-xf-backlog", f"{org.short_name}积案", listed, T, pk)
        subject = (T, pk, f"{number} {title}")
        y.event(subject, org, step="列入信访积案", on=listed, leader=f"{post}{leader}")
        row = dict(id=pk, number=number, org_id=org.pk, title=title, received_on=listed,
                   leader_name=leader, leader_post=post, status="listed",
                   history=f"信访人自2015年起多次到区、市反映{topic}，经多轮处理未能息诉罢访。")  # fmt: skip
        for p in people:
            y.loader.add(BacklogPerson, case_id=pk, kind="person", name=p.name,
                         id_number=p.id_number, phone=p.phone, address=p.address)  # fmt: skip
        if resolved:
            proposed = y.workday(dt.date(YEAR, 5, 6), dt.date(YEAR, 11, 15))
            done = y.add_wd(proposed, r.randint(3, 15))
            row.update(status="resolved", proposed_on=proposed, closed_on=done,
                       measures="包案领导多次接访，依法依规落实补偿，签订息诉罢访协议。")  # fmt: skip
            y.event(subject, org, step="申请销号", on=proposed)
            y.event(subject, org, step="审核销号", on=done, to="resolved")
        y.loader.add(BacklogCase, **row)


def _batches(y: Year, o: Offices, streets) -> None:
    xf = o.office.org
    units = [y.org_by_short[u] for u in UNITS] + list(streets.values())
    prov_start = dt.date(YEAR, 4, 22)
    for k, (batch_no, n) in enumerate(sorted(PROVINCIAL.items())):
        received = y.add_wd(prov_start, 7 * k)
        _batch(y, xf, units, "provincial", batch_no, n, received, 30)
    per = [CENTRAL_ITEMS // CENTRAL_BATCHES] * CENTRAL_BATCHES
    for i in range(CENTRAL_ITEMS - sum(per)):
        per[i * 3 % CENTRAL_BATCHES] += 1
    start = dt.date(YEAR, 4, 10)
    for b in range(CENTRAL_BATCHES):
        received = y.add_wd(start, b)
        _batch(y, xf, units, "central", b + 1, per[b], received, 20)
    # the city's inspection team (not counted in either seed figure)
    _batch(y, xf, units, "other", 1, 6, dt.date(YEAR, 9, 9), 30)


def _batch(y: Year, xf, units, team, batch_no, n, received, days) -> None:
    from ..models import Team

    r = y.r
    T = "disputes.inspectionbatch"
    pk = y.loader.reserve(InspectionBatch)
    due = received + dt.timedelta(days=days)
    label = f"{Team(team).label}交办信访件第{batch_no}批"
    subject = (T, pk, f"{label} {label}")
    y.event(subject, xf, step="登记交办批次", on=received, team=team, batch=batch_no,
            items=n, due=due)  # fmt: skip
    last = received
    for seq in range(1, n + 1):
        ipk = y.loader.reserve(InspectionItem)
        unit = r.choice(units)
        p = y.names.person()
        topic = r.choice(TOPICS)[1]
        reported = y.cal.previous_workday(received + dt.timedelta(days=r.randint(5, days - 3)))
        closed = min(due, y.add_wd(reported, r.randint(1, 2)))
        last = max(last, closed)
        inum = f"{label}-{seq}"
        isub = ("disputes.inspectionitem", ipk, f"{inum} {topic[:40]}")
        y.event(isub, xf, step="交办", on=received, unit=unit.name)
        y.event(isub, unit, step="报送办理结果", on=reported)
        y.event(isub, xf, step="审核办结", on=closed, to="closed")
        y.loader.add(InspectionItem, id=ipk, batch_id=pk, seq=seq, unit_id=unit.pk, org_id=xf.pk,
                     number=inum, title=topic[:100], received_on=received, status="closed",
                     petitioner_name=p.name, petitioner_id_number=p.id_number,
                     content=f"信访人{p.name}{topic}。", reported_on=reported,
                     result="已调查核实并答复信访人，信访人表示认可。", closed_on=closed)  # fmt: skip
    y.event(subject, xf, step="批次办结", on=last, to="closed")
    y.loader.add(InspectionBatch, id=pk, org_id=xf.pk, team=team, batch_no=batch_no,
                 received_on=received, due_on=due, status="closed", closed_on=last,
                 number=label, title=label, letter_number="")  # fmt: skip
