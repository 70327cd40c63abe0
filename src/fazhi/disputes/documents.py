"""The numbered documents of the dispute matters, as DOCX in the GB/T 9704-2012 layout
(``fazhi.ui.officialdoc``): the reconsideration notices and decision, the petition notices and
opinions, the mediation agreement, the 意见书 and 建议书.

They are served on the parties, so they are not redacted. Every period and article is read
from the rule registry in the version in force on the matter's date — a 2019 decision cites
the 2017 行政复议法 (FY-1, SS-4), a 2019 petition the 2005 信访条例 (XF-6) — and a sentence
whose rule has no version that day is left without a period rather than given a guessed one.
Output is deterministic and always in Chinese (its sentences are not in the interface
catalogue).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from django.utils import translation

from fazhi.core import cnformat
from fazhi.core import rules as core_rules
from fazhi.core.models import TimeRuleVersion
from fazhi.ui import officialdoc as od

from .models import Agreement, DocKind, Document, Letter, Petition, Reconsideration

DOCUMENT_LANGUAGE = "zh-hans"


def in_chinese(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return fn(*args, **kwargs)

    return wrapper


def _version(code: str, on: dt.date) -> TimeRuleVersion | None:
    try:
        return core_rules.version_on(core_rules.resolve(code), on)
    except LookupError:
        return None


def _cite(v: TimeRuleVersion) -> str:
    law = f"《中华人民共和国{v.law}》" if v.law.endswith("法") else f"《{v.law}》"
    return law + re.sub(r"（[^（）]*）$", "", v.article)


def _period(v: TimeRuleVersion) -> str:
    n = cnformat.fmt_cn_int(abs(v.length))
    return {"WD": "%s个工作日", "MONTH": "%s个月"}.get(v.unit, "%s日") % n


def _start(title: str, issuer: str, number: str):
    doc = od.new_document()
    od.masthead(doc, issuer, number)
    od.title(doc, title)
    return doc


def _finish(doc, issuer: str, on: dt.date, title: str) -> bytes:
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=on, title_text=title)


def _applicant(doc, case: Reconsideration) -> None:
    od.paragraph(doc, f"申请人：{case.applicant_name}")
    if case.applicant_id_number:
        od.paragraph(doc, f"身份证号码：{case.applicant_id_number}")
    if case.applicant_credit_code:
        od.paragraph(doc, f"统一社会信用代码：{case.applicant_credit_code}")
    if case.applicant_address:
        od.paragraph(doc, f"住址：{case.applicant_address}")
    od.paragraph(doc, f"被申请人：{case.respondent.name}")


def _remedy(doc, case: Reconsideration) -> None:
    v = _version("SS-4", case.decided_on or case.received_on)
    if v is not None:
        od.paragraph(
            doc,
            f"申请人如不服本决定，可以自收到本决定书之日起{_period(v)}内，依法向人民法院提起行政诉讼（{_cite(v)}）。",
        )


RECON_BODY = {
    DocKind.FY_ACCEPT: "你（单位）不服{act}提出的行政复议申请，本机关已于{accepted}受理。",
    DocKind.FY_CORRECTION: "你（单位）不服{act}提出的行政复议申请材料不齐全或者表述不清楚，"
    "请于{due}前补正下列材料：{items}。无正当理由逾期不补正的，视为放弃行政复议申请。",
    DocKind.FY_REFUSAL: "你（单位）不服{act}提出的行政复议申请，经审查，{reason}，本机关决定不予受理。",
    DocKind.FY_ANSWER: "{applicant}不服你单位{act}，向本机关申请行政复议，本机关已依法受理。"
    "现将申请书副本发送你单位，请自收到之日起{answer}内提出书面答复，并提交作出该行政行为的"
    "证据、依据和其他有关材料（{cite}）。逾期不答复的，视为该行政行为没有证据、依据。",
    DocKind.FY_EXTENSION: "{applicant}不服{act}申请行政复议一案，因情况复杂，不能在规定期限内作出行政复议"
    "决定，经{approver}批准，审理期限延长{days}日。",
    DocKind.FY_SUSPENSION: "{applicant}不服{act}申请行政复议一案，因{ground}，本机关决定中止审理。"
    "中止原因消除后，本机关将及时恢复审理并书面告知。",
    DocKind.FY_TERMINATION: "{applicant}不服{act}申请行政复议一案，因{ground}，本机关决定终止行政复议。",
}


def _recon_doc(d: Document, case: Reconsideration) -> bytes:
    issuer = case.body.body.name
    title = d.get_kind_display()
    doc = _start(title, issuer, d.number)
    if d.kind == DocKind.FY_DECISION:
        return _decision(doc, d, case, issuer, title)
    if d.kind == DocKind.FY_ANSWER:
        od.paragraph(doc, f"{case.respondent.name}：")
    else:
        od.paragraph(doc, f"{case.applicant_name}：")
    answer = _version("FY-5b", d.issued_on)
    facts = {
        "act": case.act_description + (f"（{case.act_number}）" if case.act_number else ""),
        "applicant": case.applicant_name,
        "accepted": cnformat.fmt_date(case.accepted_on) if case.accepted_on else "",
        "due": cnformat.fmt_date(case.correction_due_on) if case.correction_due_on else "",
        "items": "申请人身份证明和原行政行为的有关材料",
        "reason": "申请不符合受理条件",
        "answer": _period(answer) if answer else "法定期限",
        "cite": _cite(answer) if answer else "",
        "approver": case.approved_by or "本机关负责人",
        "days": "三十",
        "ground": case.suspensions.order_by("-start").values_list("ground", flat=True).first()
        or case.get_termination_ground_display()
        or "法定事由",
    }
    od.paragraph(doc, RECON_BODY[d.kind].format(**facts))
    return _finish(doc, issuer, d.issued_on, title)


def _decision(doc, d: Document, case: Reconsideration, issuer: str, title: str) -> bytes:
    _applicant(doc, case)
    od.paragraph(
        doc,
        f"申请人不服被申请人{case.act_description}，于{cnformat.fmt_date(case.received_on)}向本机关申请行政复议，本机关依法已予受理。本案现已审理终结。",
    )
    if case.request:
        od.paragraph(doc, f"申请人请求：{case.request}")
    od.paragraph(doc, f"本机关认为：{case.decision_summary}")
    od.paragraph(
        doc,
        "根据{law}的规定，本机关决定：{t}。".format(
            law="《中华人民共和国行政复议法》", t=case.get_decision_type_display()
        ),
    )
    _remedy(doc, case)
    return _finish(doc, issuer, d.issued_on, title)


PETITION_BODY = {
    DocKind.XF_ACCEPT: "你于{received}反映的{content}，本机关已于{accepted}受理，"
    "将在受理之日起{handling}内出具处理意见（{cite}）。",
    DocKind.XF_DIVERT: "你于{received}反映的{content}，属于应当通过{route}解决的事项，"
    "依法不作为信访事项受理。请依照有关法律、行政法规规定的程序向有关机关提出。",
    DocKind.XF_REPLY: "你于{received}反映的{content}，经调查核实，处理意见如下：{outcome}。"
    "如不服本处理意见，可以自收到本意见书之日起{review}内请求上一级行政机关复查（{rcite}）。",
    DocKind.XF_REVIEW: "你对本事项处理意见不服请求复查，经复查，复查意见如下：{outcome}。"
    "如不服本复查意见，可以自收到本意见书之日起{recheck}内向复查机关的上一级行政机关请求复核。",
    DocKind.XF_RECHECK: "你对本事项复查意见不服请求复核，经复核，复核意见如下：{outcome}。"
    "对复核意见不服，仍以同一事实和理由提出信访请求的，不再受理。",
}


def _petition_doc(d: Document, p: Petition) -> bytes:
    issuer = (p.handler_org or p.org).name
    title = d.get_kind_display()
    doc = _start(title, issuer, d.number)
    person = p.persons.order_by("-is_representative", "id").first()
    od.paragraph(doc, "{n}：".format(n=person.name if person else ""))
    handling, review, recheck = (
        _version(c, p.accepted_on or p.received_on) for c in ("XF-5", "XF-6", "XF-7")
    )
    facts = {
        "received": cnformat.fmt_date(p.received_on),
        "content": p.content.rstrip("。"),
        "accepted": cnformat.fmt_date(p.accepted_on) if p.accepted_on else "",
        "handling": _period(handling) if handling else "",
        "cite": _cite(handling) if handling else "",
        "route": p.get_divert_route_display() or "法定途径",
        "outcome": p.get_reply_outcome_display() or "",
        "review": _period(review) if review else "",
        "rcite": _cite(review) if review else "",
        "recheck": _period(recheck) if recheck else "",
    }
    od.paragraph(doc, PETITION_BODY[d.kind].format(**facts))
    return _finish(doc, issuer, d.issued_on, title)


@in_chinese
def document_docx(d: Document) -> bytes:
    """The DOCX of a numbered document of a reconsideration case or a petition."""
    if d.subject_type == "disputes.reconsideration":
        return _recon_doc(d, Reconsideration.objects.get(pk=d.subject_id))
    return _petition_doc(d, Petition.objects.get(pk=d.subject_id))


@in_chinese
def agreement_docx(a: Agreement) -> bytes:
    """人民调解协议书 (人民调解法 Art.29): the parties, the dispute, the terms, performance,
    signatures, and the 30 days to apply jointly for 司法确认."""
    d = a.dispute
    issuer = d.committee.name
    title = "人民调解协议书"
    doc = _start(title, issuer, a.number)
    for p in d.parties.all():
        od.paragraph(
            doc,
            f"{p.get_side_display()}：{p.name}"
            + (f"，身份证号码{p.id_number}" if p.id_number else ""),
        )
    od.paragraph(doc, f"纠纷主要事实、争议事项：{d.facts}")
    od.paragraph(doc, f"经调解，自愿达成如下协议：{a.terms}")
    if a.amount:
        od.paragraph(
            doc,
            "协议金额：人民币{u}（¥{f}）。".format(
                u=cnformat.fmt_rmb_upper(Decimal(a.amount)), f=f"{a.amount:.2f}"
            ),
        )
    for s in a.schedule:
        od.paragraph(doc, "履行期限：{d}前履行{a}元。".format(d=s["due"], a=s["amount"]))
    v = _version("TJ-2", a.signed_on)
    if v is not None:
        od.paragraph(
            doc,
            "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
            f"双方当事人可以自本协议生效之日起{_period(v)}内共同向人民法院申请司法确认（{_cite(v)}）。",
        )  # fmt: skip
    od.paragraph(doc, "当事人（签名）：{n}".format(n="、".join(p.name for p in d.parties.all())))
    return _finish(doc, issuer, a.signed_on, title)


@in_chinese
def letter_docx(letter: Letter) -> bytes:
    issuer = letter.case.body.body.name if letter.case else letter.org.name
    title = letter.get_kind_display()
    doc = _start(title, issuer, letter.number)
    od.paragraph(doc, f"{letter.to_org.name}：")
    od.paragraph(doc, letter.content)
    v = _version("FY-13", letter.issued_on)
    if letter.kind == "opinion" and v is not None:
        od.paragraph(
            doc,
            f"请自收到本意见书之日起{_period(v)}内将纠正相关行政违法行为或者做好善后工作的情况报送本机关（{_cite(v)}）。",
        )
    return _finish(doc, issuer, letter.issued_on, title)
