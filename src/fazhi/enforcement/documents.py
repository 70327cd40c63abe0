"""The printable decision documents of a case, as DOCX in the GB/T 9704-2012 layout.

* :func:`decision_docx` — the 行政处罚决定书, or the 不予行政处罚决定书 when the outcome is
  no penalty or 首违不罚: party, facts and evidence, basis, the discretion band applied, the
  penalty with each amount in figures and in 大写, how and by when to pay, and the party's
  remedies.
* :func:`notice_docx` — the 行政处罚事先告知书: the proposed penalty and the rights to state,
  defend and, where the proposed penalty allows one, to ask for a hearing.

These documents are served on the party, so they are **not redacted** (the public copy is
``services.publicity``). Every statutory period and article is read from the kernel's rule
registry (``fazhi.core.rules``) in the version in force on the document's date, so a 2019
decision cites the 2017 texts: payment CF-11, 复议 FY-1, suit SS-3, notice CF-3, hearing
CF-4. Where the registry has no version for that date, the sentence is written without a
period or article rather than with a guessed one.

The hearing right is stated when the proposed penalty is 吊销许可证件 or 责令停产停业, or
the case counts as a major decision under the body's configured rules (its fine thresholds
stand in for the locally set 较大数额), or the party has already asked for one.

Output is deterministic: the same record gives the same bytes. It is always written in
Chinese, whatever language the person printing it uses (:func:`in_chinese`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from fazhi.core import clocks, cnformat
from fazhi.core import rules as core_rules
from fazhi.core.models import TimeRuleVersion
from fazhi.ui import officialdoc as od

from . import rules
from .models import Case, Decision, Outcome, PartyKind

DOCUMENT_LANGUAGE = "zh-hans"
PAYMENT, REMEDY_REVIEW, REMEDY_SUIT, STATEMENTS = "CF-11", "FY-1", "SS-3", "CF-3"
HEARING_KINDS = frozenset({"revoke_licence", "closure"})


def in_chinese(fn):
    """Run ``fn`` with Chinese active: documents served on a party are in Chinese, and a
    bundle must not change with the language of whoever exports it."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return fn(*args, **kwargs)

    return wrapper


def kind_label(kind: str) -> str:
    return {
        "warning": _("警告"),
        "fine": _("罚款"),
        "confiscate": _("没收违法所得"),
        "revoke_licence": _("吊销许可证件"),
        "closure": _("责令停产停业"),
    }.get(kind, kind)


def decision_title(decision: Decision) -> str:
    if decision.outcome == Outcome.PENALTY:
        return _("行政处罚决定书")
    return _("不予行政处罚决定书")


def notice_title() -> str:
    return _("行政处罚事先告知书")


# --------------------------------------------------------------------------------------------
# citations and amounts
# --------------------------------------------------------------------------------------------


def _version(code: str, on: dt.date) -> TimeRuleVersion | None:
    try:
        return core_rules.version_on(core_rules.resolve(code), on)
    except LookupError:
        return None


def _cite(v: TimeRuleVersion) -> str:
    """《中华人民共和国行政处罚法》第四十六条第三款 — the registry's law and article; a trailing
    note on the implementing regulation (第九条（实施条例第十五条至第十七条）) is left out."""
    law = f"《中华人民共和国{v.law}》" if v.law.endswith("法") else f"《{v.law}》"
    return law + re.sub(r"（[^（）]*条例[^（）]*）$", "", v.article)


def _period(v: TimeRuleVersion) -> str:
    """The rule's length as the law writes it: 十五日, 五个工作日, 六个月."""
    n = cnformat.fmt_cn_int(abs(v.length))
    return {"WD": _("%(n)s个工作日"), "MONTH": _("%(n)s个月"), "YEAR": _("%(n)s年")}.get(
        v.unit, _("%(n)s日")
    ) % {"n": n}


def money(amount: Decimal) -> str:
    """人民币壹佰伍拾元整（¥150.00）: 大写 first, the figure in brackets."""
    return _("人民币%(upper)s（¥%(figure)s）") % {
        "upper": cnformat.fmt_rmb_upper(Decimal(amount)),
        "figure": f"{Decimal(amount):.2f}",
    }


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "；", "！", "？")) else text + "。"


# --------------------------------------------------------------------------------------------
# shared blocks
# --------------------------------------------------------------------------------------------


def _party(doc, case: Case) -> None:
    od.paragraph(doc, _("当事人：%(n)s") % {"n": case.party_name})
    if case.party_credit_code:
        od.paragraph(doc, _("统一社会信用代码：%(c)s") % {"c": case.party_credit_code})
    if case.party_id_number:
        od.paragraph(doc, _("身份证号码：%(c)s") % {"c": case.party_id_number})
    if case.party_legal_rep:
        od.paragraph(doc, _("法定代表人（负责人）：%(n)s") % {"n": case.party_legal_rep})
    if case.party_address:
        label = _("住址") if case.party_kind == PartyKind.PERSON else _("住所")
        od.paragraph(doc, _("%(l)s：%(a)s") % {"l": label, "a": case.party_address})


def _facts_and_evidence(doc, case: Case) -> None:
    for line in case.facts.splitlines():
        if line.strip():
            od.paragraph(doc, line.strip())
    evidence = list(case.evidence.order_by("collected_on", "id"))
    if not evidence:
        return
    od.paragraph(doc, _("上述事实，有下列证据证明："))
    for i, ev in enumerate(evidence, 1):
        od.paragraph(
            doc,
            _("%(i)d. %(t)s（%(k)s，%(d)s收集）")
            % {
                "i": i,
                "t": ev.title,
                "k": ev.get_kind_display(),
                "d": cnformat.fmt_date(ev.collected_on),
            },
        )


def _band(doc, band, label: str) -> None:
    if band is None:
        return
    od.paragraph(
        doc,
        _("%(l)s：%(item)s %(code)s档（%(facts)s），罚款幅度为%(lo)s至%(hi)s。")
        % {
            "l": label,
            "item": band.item.code,
            "code": band.code,
            "facts": band.facts,
            "lo": cnformat.fmt_yuan(band.fine_min),
            "hi": cnformat.fmt_yuan(band.fine_max),
        },
    )


def _penalties(doc, kinds: list[str], fine: Decimal, confiscated: Decimal = Decimal(0)) -> None:
    """Each penalty on its own numbered line, amounts in 大写 and in figures."""
    lines = [kind_label(k) for k in kinds if k not in ("fine", "confiscate")]
    if fine:
        lines.append(_("罚款%(m)s") % {"m": money(fine)})
    if confiscated:
        lines.append(_("没收违法所得%(m)s") % {"m": money(confiscated)})
    for i, line in enumerate(lines, 1):
        od.paragraph(doc, f"{i}. {line}{'。' if i == len(lines) else '；'}")
    if fine and confiscated:
        od.paragraph(doc, _("以上罚没款合计%(m)s。") % {"m": money(fine + confiscated)})


def _finish(doc, issuer: str, on: dt.date, title: str) -> bytes:
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=on, title_text=title)


# --------------------------------------------------------------------------------------------
# the documents
# --------------------------------------------------------------------------------------------


@in_chinese
def decision_docx(decision: Decision) -> bytes:
    """The decision document (行政处罚决定书 / 不予行政处罚决定书) as DOCX bytes."""
    case, on = decision.case, decision.decided_on
    issuer = case.body.org.name
    title = decision_title(decision)
    doc = od.new_document()
    od.masthead(doc, issuer, decision.number)
    od.title(doc, title)
    od.blank(doc)
    _party(doc, case)
    if case.registered_on:
        od.paragraph(
            doc,
            _("本机关于%(d)s对%(t)s立案调查，现已调查终结。")
            % {"d": cnformat.fmt_date(case.registered_on), "t": case.title},
        )
    n = iter(od.CN_NUM)
    od.heading(doc, _("%(n)s、违法事实和证据") % {"n": next(n)})
    _facts_and_evidence(doc, case)

    od.heading(doc, _("%(n)s、处罚依据和裁量基准") % {"n": next(n)})
    if case.item_id:
        od.paragraph(doc, _("违法行为：%(i)s。") % {"i": case.item.name})
    od.paragraph(doc, _("处罚依据：%(b)s") % {"b": _sentence(decision.basis)})
    _band(doc, decision.band, _("适用裁量基准"))

    od.heading(doc, _("%(n)s、处理决定") % {"n": next(n)})
    payable = decision.fine + decision.confiscated
    if decision.outcome == Outcome.PENALTY:
        od.paragraph(doc, _("本机关决定对当事人作出如下行政处罚："))
        _penalties(doc, decision.kinds, decision.fine, decision.confiscated)
    elif decision.outcome == Outcome.FIRST_OFFENCE:
        od.paragraph(doc, _("本机关决定对当事人不予行政处罚（首违不罚）。"))
    else:
        od.paragraph(doc, _("本机关决定对当事人不予行政处罚。"))

    if payable:
        od.heading(doc, _("%(n)s、履行方式和期限") % {"n": next(n)})
        what = _("罚款") if not decision.confiscated else _("罚没款")
        v = _version(PAYMENT, on)
        if v is not None:
            od.paragraph(
                doc,
                _("当事人应当自收到本决定书之日起%(p)s内，到指定的银行缴纳%(w)s（%(c)s）。")
                % {"p": _period(v), "w": what, "c": _cite(v)},
            )
        else:
            od.paragraph(doc, _("当事人应当依法到指定的银行缴纳%(w)s。") % {"w": what})
        if decision.fine:
            od.paragraph(
                doc, _("到期不缴纳罚款的，本机关可以依法每日按罚款数额的百分之三加处罚款。")
            )

    od.heading(doc, _("%(n)s、救济途径和期限") % {"n": next(n)})
    od.paragraph(doc, _remedies(on))
    return _finish(doc, issuer, on, title)


def _remedies(on: dt.date) -> str:
    review, suit = _version(REMEDY_REVIEW, on), _version(REMEDY_SUIT, on)
    first = (
        _("自收到本决定书之日起%(p)s内依照%(c)s的规定申请行政复议")
        % {"p": _period(review), "c": _cite(review)}
        if review
        else _("依法申请行政复议")
    )
    second = (
        _("自收到本决定书之日起%(p)s内依照%(c)s的规定直接向人民法院提起行政诉讼")
        % {"p": _period(suit), "c": _cite(suit)}
        if suit
        else _("依法直接向人民法院提起行政诉讼")
    )
    return _("当事人如不服本决定，可以%(a)s；也可以%(b)s。") % {"a": first, "b": second}


def hearing_applies(case: Case) -> bool:
    """Whether the notice states the right to ask for a hearing (see the module docstring)."""
    kinds = set(case.proposed_kinds or [])
    return bool(kinds & HEARING_KINDS) or case.is_major or bool(case.hearing_requested_on)


@in_chinese
def notice_docx(case: Case) -> bytes:
    """The 行政处罚事先告知书 of a notified case as DOCX bytes.

    Raises ``ValueError`` before the case has been notified (there is no notice yet)."""
    if not case.notified_on:
        raise ValueError(_("案件尚未告知当事人，没有事先告知书。"))
    on, issuer = case.notified_on, case.body.org.name
    doc = od.new_document()
    od.masthead(doc, issuer, case.notice_number or case.number)
    title = notice_title()
    od.title(doc, title)
    od.blank(doc)
    od.paragraph(doc, _("%(p)s：") % {"p": case.party_name}, indent=False)
    od.paragraph(doc, _("本机关对%(t)s进行了调查，现查明：") % {"t": case.title})
    _facts_and_evidence(doc, case)
    if case.item_id:
        basis = case.item.penalty_basis or case.item.legal_basis
        od.paragraph(doc, _("违法行为：%(i)s。") % {"i": case.item.name})
        if basis:
            od.paragraph(doc, _("处罚依据：%(b)s") % {"b": _sentence(basis)})
    _band(doc, case.proposed_band, _("拟适用裁量基准"))
    if case.proposed_fine or case.proposed_kinds:
        od.paragraph(doc, _("本机关拟对你（单位）作出如下行政处罚："))
        _penalties(doc, case.proposed_kinds, case.proposed_fine or Decimal(0))

    hearing = _hearing_version(case, on)
    statements = _version(STATEMENTS, on)
    rights = _("你（单位）有权进行陈述和申辩。")
    if statements is not None:
        rights = _("根据%(c)s的规定，") % {"c": _cite(statements)} + rights
    if hearing is not None:
        rights += _("你（单位）可以自收到本告知书之日起%(p)s内向本机关提出陈述、申辩意见。") % {
            "p": _period(hearing)
        }
    rights += _(
        "本机关将对你（单位）提出的事实、理由和证据进行复核，不会因你（单位）陈述、申辩而加重处罚。"
    )
    od.paragraph(doc, rights)
    if hearing_applies(case):
        text = _("你（单位）有要求举行听证的权利。")
        if hearing is not None:
            text = _("根据%(c)s的规定，") % {"c": _cite(hearing)} + text
            text += _("要求听证的，应当在本机关告知后%(p)s内提出。") % {"p": _period(hearing)}
        od.paragraph(doc, text)
    _contact(doc, case)
    return _finish(doc, issuer, on, title)


def _hearing_version(case: Case, on: dt.date) -> TimeRuleVersion | None:
    """The CF-4 version the case's hearing clock runs under (else the one in force on ``on``)."""
    c = clocks.for_subject(case).filter(rule__code=rules.HEARING_REQUEST).order_by("-id").first()
    return c.version if c is not None else _version(rules.HEARING_REQUEST, on)


def _contact(doc, case: Case) -> None:
    links = list(case.officers.select_related("officer", "certificate").order_by("-is_lead", "id"))
    if links:
        names = "、".join(
            _("%(n)s（执法证号%(c)s）") % {"n": link.officer.name, "c": link.certificate.number}
            for link in links
        )
        od.paragraph(doc, _("执法人员：%(n)s") % {"n": names})
    if case.body.public_phone:
        od.paragraph(doc, _("联系电话：%(p)s") % {"p": case.body.public_phone})
