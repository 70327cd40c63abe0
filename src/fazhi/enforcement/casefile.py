"""The case file (案卷) of one enforcement case as a ZIP, checkable file by file.

Order (卷内文件, in the order the procedure produced them; a two-digit number prefixes every
name; parts a case does not have yet are left out):

  00  目录 — cover and index (text)
      案件基本情况 — intake, 立案, party, officers, facts, proposal (text)
      证据清单 — every item of evidence, with the hash of its file (text)
      each evidence file, then each recording, under its original name
      行政处罚事先告知书 (DOCX)
      陈述申辩和听证情况, 法制审核意见, 集体讨论记录 (text)
      行政处罚决定书 / 不予行政处罚决定书 (DOCX)
      送达记录, 缴款记录, 强制执行, 执法决定公示 (text)

then ``ledger.json`` (the case's ledger events with their hashes), ``manifest.json`` and
``manifest.csv`` (order, title, file name, SHA-256 and byte size of every other file).

The bundle is deterministic: entries carry the case's latest procedural date, the DOCX files
their document's date, and nothing records when the bundle was made, so exporting an
unchanged case twice gives identical bytes. Taking a copy is recorded by
:func:`casefile_export` (action ``enf.casefile.export``, with the bundle's SHA-256); those
export events are left out of ``ledger.json`` so that they do not change the next copy.

``ledger.json`` holds, for each event, exactly the fields its hash covers plus the hash: a
reader recomputes each hash with the ledger's algorithm (``fazhi.core.ledger.event_hash``)
and compares ``seq`` and ``hash`` with the chain ``fazhi ledger verify`` walks.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import attachments, cnformat, ledger
from fazhi.core.dataexchange import writer as cells
from fazhi.core.ledger import Actor
from fazhi.core.models import Attachment
from fazhi.ui import officialdoc as od

from . import actions, documents
from .models import Case


@dataclass
class Entry:
    order: int
    title: str
    name: str
    data: bytes | None  # None: the stored file is missing
    recorded_sha256: str = ""
    recorded_size: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else ""

    @property
    def problem(self) -> str:
        if self.data is None:
            return _("文件缺失")
        if self.recorded_sha256 and self.sha256 != self.recorded_sha256:
            return _("与登记的哈希不符")
        return ""


def _d(day: dt.date | None) -> str:
    return cnformat.fmt_date(day) if day else "—"


def _text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _safe(name: str) -> str:
    return "".join(c for c in name if c.isprintable() and c not in '/\\:*?"<>|') or "file"


def bundle_date(case: Case) -> dt.date:
    """The date every entry of the bundle carries: the case's latest procedural date."""
    decision = getattr(case, "decision", None)
    days = [
        case.received_on,
        case.registered_on,
        case.notified_on,
        case.closed_on,
        case.archived_on,
    ]
    if decision is not None:
        days += [decision.decided_on, decision.served_on]
        days += [p.paid_on for p in decision.payments.all()]
    return max(d for d in days if d)


class _Bundle:
    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def add(self, title: str, filename: str, data: bytes | None, att: Attachment | None = None):
        order = len(self.entries) + 1
        self.entries.append(
            Entry(
                order=order,
                title=title,
                name=f"{order:02d}-{_safe(filename)}",
                data=data,
                recorded_sha256=att.sha256 if att else "",
                recorded_size=att.size if att else 0,
            )
        )

    def add_file(self, title: str, att: Attachment) -> None:
        path = attachments.path_of(att.sha256)
        self.add(title, att.original_name, path.read_bytes() if path.exists() else None, att)


# --------------------------------------------------------------------------------------------
# the texts
# --------------------------------------------------------------------------------------------


def _basics(case: Case) -> bytes:
    lines = [
        _("案件基本情况"),
        "",
        _("案号：%(v)s") % {"v": case.number},
        _("案由：%(v)s") % {"v": case.title},
        _("执法主体：%(v)s") % {"v": case.body.org.name},
        _("执法领域：%(v)s") % {"v": case.field.name},
        _("执法事项：%(v)s") % {"v": case.item or "—"},
        _("程序：%(v)s") % {"v": case.get_procedure_display()},
        (
            _("案件来源：%(v)s %(r)s") % {"v": case.get_source_display(), "r": case.source_ref}
        ).strip(),
        _("收到日期：%(v)s") % {"v": _d(case.received_on)},
        _("立案日期：%(v)s") % {"v": _d(case.registered_on)},
        "",
        _("当事人：%(v)s（%(k)s）") % {"v": case.party_name, "k": case.get_party_kind_display()},
    ]
    for label, value in (
        (_("统一社会信用代码"), case.party_credit_code),
        (_("身份证号码"), case.party_id_number),
        (_("法定代表人（负责人）"), case.party_legal_rep),
        (_("住所"), case.party_address),
        (_("联系电话"), case.party_phone),
    ):
        if value:
            lines.append(f"{label}：{value}")
    lines += ["", _("办案人员：")]
    for link in case.officers.select_related("officer", "certificate").order_by("-is_lead", "id"):
        lead = _("（主办）") if link.is_lead else ""
        lines.append(
            _("  %(n)s%(l)s 执法证号 %(c)s")
            % {"n": link.officer.name, "l": lead, "c": link.certificate.number}
        )
    lines += ["", _("违法事实："), case.facts or "—"]
    if case.proposed_fine is not None or case.proposed_kinds:
        lines += [
            "",
            _("拟处理意见：%(k)s %(f)s")
            % {
                "k": "、".join(documents.kind_label(k) for k in case.proposed_kinds),
                "f": documents.money(case.proposed_fine) if case.proposed_fine else "",
            },
        ]
    if case.major_reasons:
        lines.append(_("重大执法决定：%(r)s") % {"r": "、".join(case.major_reasons)})
    return _text(lines)


def _evidence_list(evidence) -> bytes:
    lines = [_("证据清单"), ""]
    for i, ev in enumerate(evidence, 1):
        lines.append(
            _("%(i)d. %(t)s（%(k)s）%(d)s 收集人 %(o)s")
            % {
                "i": i,
                "t": ev.title,
                "k": ev.get_kind_display(),
                "d": _d(ev.collected_on),
                "o": ev.collected_by.name,
            }
        )
        if ev.attachment:
            lines.append(
                _("   文件 %(n)s，%(s)d 字节，SHA-256 %(h)s")
                % {
                    "n": ev.attachment.original_name,
                    "s": ev.attachment.size,
                    "h": ev.attachment.sha256,
                }
            )
        else:
            lines.append(_("   （无电子文件）"))
    return _text(lines)


def _statements(case: Case) -> bytes:
    lines = [_("陈述申辩和听证情况"), "", _("告知日期：%(d)s") % {"d": _d(case.notified_on)}]
    if case.statements_waived:
        lines.append(_("当事人书面放弃陈述、申辩和听证。"))
    if case.hearing_requested_on:
        lines.append(_("申请听证日期：%(d)s") % {"d": _d(case.hearing_requested_on)})
    if case.hearing_held_on:
        lines.append(_("听证日期：%(d)s") % {"d": _d(case.hearing_held_on)})
    return _text(lines)


def _reviews(reviews) -> bytes:
    lines = [_("法制审核意见"), ""]
    for r in reviews:
        lines.append(
            _("送审 %(s)s；审核 %(d)s；意见：%(o)s；审核人员：%(p)s")
            % {
                "s": _d(r.submitted_on),
                "d": _d(r.decided_on),
                "o": r.get_opinion_display() or _("待审核"),
                "p": r.reviewer.display_name if r.reviewer else "—",
            }
        )
        if r.reasons:
            lines.append(_("  理由：%(r)s") % {"r": r.reasons})
    return _text(lines)


def _discussions(discussions) -> bytes:
    lines = [_("集体讨论记录"), ""]
    for d in discussions:
        lines += [
            _("讨论日期：%(d)s") % {"d": _d(d.held_on)},
            _("参加人员：%(a)s") % {"a": d.attendees},
            _("讨论结论：%(c)s") % {"c": d.conclusion},
            "",
        ]
    return _text(lines)


def _service(decision) -> bytes:
    return _text(
        [
            _("送达记录"),
            "",
            _("文书：%(t)s %(n)s")
            % {"t": documents.decision_title(decision), "n": decision.number},
            _("送达日期：%(d)s") % {"d": _d(decision.served_on)},
            _("送达方式：%(m)s") % {"m": decision.service_method},
        ]
    )


def _payments(decision, payments) -> bytes:
    lines = [
        _("缴款记录"),
        "",
        _("应缴：%(m)s") % {"m": documents.money(decision.fine + decision.confiscated)},
    ]
    for p in payments:
        lines.append(
            _("%(d)s %(k)s %(m)s 凭证号 %(r)s")
            % {
                "d": _d(p.paid_on),
                "k": p.get_kind_display(),
                "m": documents.money(p.amount),
                "r": p.receipt or "—",
            }
        )
    return _text(lines)


def _court(applications) -> bytes:
    lines = [_("申请人民法院强制执行"), ""]
    for a in applications:
        lines.append(
            _("催告 %(r)s；申请 %(a)s；法院：%(c)s；结果：%(x)s")
            % {
                "r": _d(a.reminded_on),
                "a": _d(a.applied_on),
                "c": a.court or "—",
                "x": a.result or "—",
            }
        )
    return _text(lines)


def _publication(pub) -> bytes:
    lines = [_("执法决定公示（已脱敏）"), "", _("公示日期：%(d)s") % {"d": _d(pub.published_on)}]
    if pub.withdrawn_on:
        lines.append(
            _("撤下日期：%(d)s；原因：%(r)s")
            % {"d": _d(pub.withdrawn_on), "r": pub.withdrawal_reason}
        )
    return _text([*lines, "", pub.title, pub.text])


def _ledger_json(case: Case) -> bytes:
    events = [
        # the exact fields the event's hash covers (the ledger's own function), plus the hash
        {**ledger.hashed_fields(ev), "hash": ev.hash}
        for ev in ledger.timeline(case).exclude(action=actions.CASEFILE_EXPORT)
    ]
    doc = {
        "subject_type": case._meta.label_lower,
        "subject_id": str(case.pk),
        "subject_label": str(case),
        "algorithm": "sha256 over canonical JSON (sorted keys, no spaces, UTF-8) of every "
        "field but hash; see fazhi.core.ledger.event_hash",
        "events": events,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _index(case: Case, entries: list[Entry]) -> bytes:
    lines = [
        _("行政处罚案卷"),
        "",
        _("案号：%(v)s") % {"v": case.number},
        _("案由：%(v)s") % {"v": case.title},
        _("当事人：%(v)s") % {"v": case.party_name},
        _("执法主体：%(v)s") % {"v": case.body.org.name},
        _("处理结果：%(v)s") % {"v": case.get_outcome_display() or "—"},
        _("立案日期：%(v)s") % {"v": _d(case.registered_on)},
        _("结案日期：%(v)s") % {"v": _d(case.closed_on)},
        _("归档日期：%(v)s") % {"v": _d(case.archived_on)},
        "",
        _("卷内目录"),
    ]
    for e in entries:
        flag = f"（{e.problem}）" if e.problem else ""
        size = e.recorded_size if e.data is None else len(e.data)
        lines.append(
            _("%(o)02d  %(t)s  %(n)s  %(s)d 字节%(f)s")
            % {"o": e.order, "t": e.title, "n": e.name, "s": size, "f": flag}
        )
    lines += [
        "",
        _(
            "每个文件的 SHA-256 见 manifest.json 与 manifest.csv；ledger.json 为本案的全过程记录，"
            "每个事件的哈希可重新计算，并可与 fazhi ledger verify 核验的记录链对照。"
        ),
    ]
    return _text(lines)


# --------------------------------------------------------------------------------------------
# the bundle
# --------------------------------------------------------------------------------------------


def _entries(case: Case) -> list[Entry]:
    b = _Bundle()
    decision = getattr(case, "decision", None)
    b.add(_("案件基本情况"), _("案件基本情况.txt"), _basics(case))
    evidence = list(
        case.evidence.select_related("attachment", "collected_by").order_by("collected_on", "id")
    )
    if evidence:
        b.add(_("证据清单"), _("证据清单.txt"), _evidence_list(evidence))
    for ev in evidence:
        if ev.attachment:
            b.add_file(
                _("证据：%(t)s（%(k)s）") % {"t": ev.title, "k": ev.get_kind_display()},
                ev.attachment,
            )
    for rec in case.recordings.select_related("attachment", "officer").order_by(
        "recorded_at", "id"
    ):
        b.add_file(
            _("音像记录：%(d)s %(t)s %(o)s")
            % {
                "d": rec.device,
                "t": timezone.localtime(rec.recorded_at).strftime("%Y-%m-%d %H:%M"),
                "o": rec.officer.name,
            },
            rec.attachment,
        )
    if case.notified_on:
        title = documents.notice_title()
        b.add(title, f"{title}.docx", documents.notice_docx(case))
    if case.notified_on and (
        case.statements_waived or case.hearing_requested_on or case.hearing_held_on
    ):
        b.add(_("陈述申辩和听证情况"), _("陈述申辩和听证情况.txt"), _statements(case))
    reviews = list(case.reviews.select_related("reviewer").order_by("submitted_on", "id"))
    if reviews:
        b.add(_("法制审核意见"), _("法制审核意见.txt"), _reviews(reviews))
    discussions = list(case.discussions.order_by("held_on", "id"))
    if discussions:
        b.add(_("集体讨论记录"), _("集体讨论记录.txt"), _discussions(discussions))
    if decision is not None:
        title = documents.decision_title(decision)
        b.add(f"{title} {decision.number}", f"{title}.docx", documents.decision_docx(decision))
        if decision.served_on:
            b.add(_("送达记录"), _("送达记录.txt"), _service(decision))
        payments = list(decision.payments.order_by("paid_on", "id"))
        if payments:
            b.add(_("缴款记录"), _("缴款记录.txt"), _payments(decision, payments))
        court = list(decision.court.order_by("reminded_on", "id"))
        if court:
            b.add(_("申请人民法院强制执行"), _("强制执行.txt"), _court(court))
        pub = getattr(decision, "publication", None)
        if pub is not None:
            b.add(_("执法决定公示"), _("执法决定公示.txt"), _publication(pub))
    return b.entries


def _manifest(entries: list[Entry]) -> tuple[bytes, bytes]:
    rows = []
    for e in entries:
        row = {
            "order": e.order,
            "title": e.title,
            "name": e.name,
            "sha256": e.sha256 or e.recorded_sha256,
            "bytes": len(e.data) if e.data is not None else e.recorded_size,
        }
        if e.problem:
            row["problem"] = e.problem
        if e.recorded_sha256:
            row["recorded_sha256"] = e.recorded_sha256
        rows.append(row)
    as_json = json.dumps({"files": rows}, ensure_ascii=False, indent=1) + "\n"
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(["order", "title", "name", "sha256", "bytes", "problem"])
    for r in rows:  # titles and names are typed by staff: no cell may become a formula
        out.writerow(
            cells.csv_row(
                [r["order"], r["title"], r["name"], r["sha256"], r["bytes"], r.get("problem", "")]
            )
        )
    # a BOM so that spreadsheet programs read the Chinese titles as UTF-8
    return as_json.encode("utf-8"), buf.getvalue().encode("utf-8-sig")


@documents.in_chinese
def casefile_zip(case: Case) -> bytes:
    """The case file as ZIP bytes (read only; :func:`casefile_export` records the copy)."""
    entries = _entries(case)
    ledger_entry = Entry(
        order=len(entries) + 1, title=_("全过程记录"), name="ledger.json", data=_ledger_json(case)
    )
    index = Entry(order=0, title=_("目录"), name=f"00-{_('目录')}.txt", data=None)
    index.data = _index(case, entries + [ledger_entry])
    listed = [index, *entries, ledger_entry]
    manifest_json, manifest_csv = _manifest(listed)
    members = [(e.name, e.data) for e in listed if e.data is not None]
    members += [("manifest.json", manifest_json), ("manifest.csv", manifest_csv)]
    return od.zip_bytes(members, when=bundle_date(case))


def casefile_export(*, actor: Actor, case: Case) -> bytes:
    """导出案卷: build the bundle and record who took a copy, with its SHA-256 and size."""
    data = casefile_zip(case)
    with transaction.atomic():
        ledger.record(
            actor=actor,
            action=actions.CASEFILE_EXPORT,
            subject=case,
            data={"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)},
        )
    return data
