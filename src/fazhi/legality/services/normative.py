"""A normative document from its first draft to repeal: drafting and versions, the road to
review, deliberation, 三统一 (registration, numbering and publication in one act), policy
interpretation, amendment and the end of its life, and filing with the bodies above."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules, search, uploads
from ..models import (
    DocStatus,
    DocumentEvent,
    DocumentVersion,
    EventKind,
    Filing,
    FilingResult,
    Issuer,
    NormativeDocument,
    ReviewKind,
)
from . import reviews
from .common import matter_number, next_number

D = DocStatus
CLERK, LEADER, REVIEWER = Role.CLERK, Role.LEADER, Role.REVIEWER
ENDINGS = {
    D.REPEALED: EventKind.REPEALED,
    D.INVALID: EventKind.INVALID,
    D.EXPIRED: EventKind.EXPIRED,
}


def document_create(
    *,
    actor: Actor,
    org: Organisation,
    issuer: Issuer,
    title: str,
    received_on: dt.date,
    drafters: str = "",
    summary: str = "",
    topics: list[str] | tuple[str, ...] = (),
    needs_consultation: bool = True,
    consultation_waiver: str = "",
    text: str = "",
    content: bytes | None = None,
    filename: str = "",
    handler: User | None = None,
) -> NormativeDocument:
    """立项起草: the drafting department opens a document to be issued in ``issuer``'s name,
    with its first draft when one is given."""
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有起草单位的工作人员可以立项起草规范性文件。")
    )
    problems = []
    if not title.strip():
        problems.append(_("请填写文件标题。"))
    if not needs_consultation and not consultation_waiver.strip():
        problems.append(_("不向社会公开征求意见的，请写明理由。"))
    msg = dates.not_future(_("立项日期"), received_on)
    if msg:
        problems.append(msg)
    if problems:
        raise ValidationError(problems)
    if content is not None:
        uploads.check(content, filename)
    with transaction.atomic():
        doc = NormativeDocument.objects.create(
            org=org,
            issuer=issuer.org,
            review_org=issuer.review_org,
            registrar_org=issuer.registrar_org,
            title=title.strip(),
            received_on=received_on,
            drafters=drafters.strip(),
            summary=summary.strip(),
            topics=list(topics),
            needs_consultation=needs_consultation,
            consultation_waiver=consultation_waiver.strip(),
            handler=handler or (actor if isinstance(actor, User) else None),
            status=D.DRAFTING,
        )
        doc.number = matter_number(
            actor, issuer.registrar_org, "leg-draft", "规草", received_on.year, doc
        )
        doc.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.DOC_CREATE,
            subject=doc,
            data={"issuer": issuer.org.name, "on": received_on, "topics": list(topics)},
        )
        if text.strip() or content is not None:
            _version(actor, doc, text, received_on, content, filename, _("起草稿"))
    return doc


def _version(actor, doc, text, on, content, filename, note) -> DocumentVersion:
    text = uploads.text_of(text, content, filename)
    att = uploads.keep(actor, content, filename, doc)
    n = (doc.versions.order_by("-n").values_list("n", flat=True).first() or 0) + 1
    v = DocumentVersion.objects.create(
        document=doc,
        n=n,
        text=text,
        sha256=uploads.sha(text),
        attachment=att,
        made_on=on,
        made_by=actor if isinstance(actor, User) else None,
        note=note.strip(),
    )
    ledger.record(
        actor=actor,
        action=actions.VERSION_ADD,
        subject=doc,
        data={"version": n, "sha256": v.sha256, "on": on, "note": v.note},
        attachments=[att.sha256] if att else [],
    )
    return v


def version_add(
    *,
    actor: Actor,
    document: NormativeDocument,
    on: dt.date,
    text: str = "",
    content: bytes | None = None,
    filename: str = "",
    note: str = "",
) -> DocumentVersion:
    """登记稿本: a new draft (text, or a DOCX giving its text, or a PDF with its text); every
    version is kept with the hash of its text."""
    require_role(
        actor, CLERK, LEADER, org=document.org, message=_("只有起草单位的工作人员可以登记稿本。")
    )
    if content is not None:
        uploads.check(content, filename)
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        if doc.status not in (D.DRAFTING, D.CONSULTING, D.REVIEWED):
            raise ValidationError(
                _("文件处于“%(s)s”状态，不能登记新稿本。") % {"s": doc.get_status_display()}
            )
        last = doc.versions.order_by("-n").first()
        dates.check_new(
            _("稿本日期"),
            on,
            (_("立项日期"), doc.received_on),
            (_("上一稿日期"), last.made_on if last else None),
        )
        return _version(actor, doc, text, on, content, filename, note)


def submit_review(
    *, actor: Actor, document: NormativeDocument, on: dt.date, version: int | None = None
) -> NormativeDocument:
    """送合法性审核: the latest draft goes to the reviewing body (a returned review gets its
    next round with this draft)."""
    require_role(
        actor, CLERK, LEADER, org=document.org, message=_("只有起草单位的工作人员可以送审。")
    )
    with transaction.atomic():
        doc = transition(actor=actor, matter=document, to=D.REVIEWING, on=on, version=version)
        text = doc.versions.order_by("-n").first().text
        last = doc.reviews.order_by("-id").first()
        if last is not None and last.status == "returned":
            reviews.next_round(actor=actor, request=last, text=text, on=on)
        else:
            reviews.open_request(
                actor=actor,
                org=doc.org,
                review_org=doc.review_org,
                kind=ReviewKind.NORMATIVE,
                title=doc.title,
                received_on=on,
                text=text,
                document=doc,
            )
    return doc


def deliberate(
    *,
    actor: Actor,
    document: NormativeDocument,
    on: dt.date,
    meeting: str,
    note: str = "",
    passed: bool = True,
    version: int | None = None,
) -> NormativeDocument:
    """集体审议: the meeting that adopts the draft (or sends it back with its opinion)."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=document.registrar_org,
        message=_("只有登记机构（政府办公室）可以登记集体审议。"),
    )
    if not meeting.strip():
        raise ValidationError(_("请填写审议会议（如：区人民政府第30次常务会议）。"))

    def fill(d):
        d.meeting = meeting.strip()
        d.deliberation_note = note.strip()

    with transaction.atomic():
        if passed:
            doc = transition(
                actor=actor,
                matter=document,
                to=D.DELIBERATED,
                on=on,
                version=version,
                apply=fill,
                data={"meeting": meeting.strip()},
            )
        else:
            doc = transition(
                actor=actor,
                matter=document,
                to=D.DRAFTING,
                on=on,
                version=version,
                reason=note or meeting,
                data={"meeting": meeting.strip()},
            )
        ledger.record(
            actor=actor,
            action=actions.DOC_DELIBERATE,
            subject=doc,
            data={"meeting": meeting.strip(), "on": on, "passed": passed, "note": note.strip()},
        )
    return doc


def abandon(
    *, actor: Actor, document: NormativeDocument, on: dt.date, reason: str
) -> NormativeDocument:
    require_role(actor, LEADER, org=document.org, message=_("只有起草单位负责人可以终止制定。"))
    return transition(actor=actor, matter=document, to=D.ABANDONED, on=on, reason=reason)


def publish(
    *,
    actor: Actor,
    document: NormativeDocument,
    on: dt.date,
    effective_on: dt.date | None = None,
    immediate_reason: str = "",
    valid_until: dt.date | None = None,
    version: int | None = None,
) -> NormativeDocument:
    """三统一: one act registers the document (登记号), numbers it from the issuer's series
    (芙政发〔2019〕3号, gapless) and publishes it on the public site, then opens its filings
    with the bodies above (BA-1). Either all of it happens or none: a refused publication
    takes no number.

    The effective date is at least 30 days after publication (BA-2) unless immediate effect
    is justified; a document numbered once is never numbered again."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=document.registrar_org,
        message=_("只有登记机构（政府办公室）可以统一登记、编号、发布。"),
    )
    issuer = Issuer.objects.select_related("org").get(org_id=document.issuer_id)
    earliest = rules.earliest_effective(on) if on else None
    effective_on = effective_on or earliest
    if effective_on is None:
        raise ValidationError(_("请填写施行日期。"))
    if on and effective_on < on:
        raise ValidationError(_("施行日期不能早于发布日期。"))
    if earliest and effective_on < earliest and not immediate_reason.strip():
        raise ValidationError(
            _(
                "施行日期%(e)s早于发布之日起30日（%(d)s，湖南省规范性文件管理办法第二十条，BA-2）；"
                "确需立即或提前施行的，请写明理由。"
            )
            % {"e": dates.fmt(effective_on), "d": dates.fmt(earliest)}
        )
    if valid_until is not None and valid_until <= effective_on:
        raise ValidationError(_("有效期应晚于施行日期。"))
    with transaction.atomic():
        locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        if locked.doc_number:
            raise ValidationError(
                _("该文件已于%(d)s统一登记发布，文号为%(n)s，不能重复编号。")
                % {"d": dates.fmt(locked.published_on), "n": locked.doc_number}
            )
        text = locked.versions.order_by("-n").values_list("text", flat=True).first() or ""
        facts: dict = {}

        def fill(d):
            d.doc_number = next_number(
                actor,
                issuer.org,
                "normative",
                on.year,
                issuer.doc_prefix,
                "{prefix}〔{year}〕{n}号",
                d,
            )
            d.registration_number = next_number(
                actor,
                issuer.registrar_org,
                "normative-reg",
                on.year,
                issuer.registration_prefix,
                "{prefix}-{year}-{n}",
                d,
            )
            d.effective_on = effective_on
            d.immediate_reason = immediate_reason.strip()
            d.valid_until = valid_until
            d.body_text = text
            facts.update(
                doc_number=d.doc_number,
                registration_number=d.registration_number,
                effective_on=effective_on,
            )

        # the act's status event carries both numbers and the dates (filled in by ``fill``)
        doc = transition(
            actor=actor, matter=locked, to=D.ISSUED, on=on, version=version, apply=fill, data=facts
        )
        DocumentEvent.objects.create(
            document=doc,
            on=on,
            kind=EventKind.PUBLISHED,
            ref=doc.doc_number,
            note=_("登记号%(r)s，自%(e)s起施行")
            % {"r": doc.registration_number, "e": dates.fmt(effective_on)},
        )
        filings = []
        for body in issuer.filing_bodies.order_by("name"):
            c = clocks.start(
                actor=actor,
                subject=doc,
                rule_code=rules.FILING,
                on=on,
                org=doc.registrar_org,
                label=_("向%(b)s报送备案") % {"b": body.name},
            )
            filings.append(Filing.objects.create(document=doc, body=body, clock=c, due_on=c.due_on))
        search.index(doc)
        ledger.record(
            actor=actor,
            action=actions.DOC_PUBLISH,
            subject=doc,
            data={**facts, "published_on": on, "filings": [f.body.name for f in filings]},
            also=filings,
        )
    return doc


def interpret(
    *, actor: Actor, document: NormativeDocument, on: dt.date, text: str
) -> NormativeDocument:
    """政策解读: published with the document, on its page."""
    require_role(
        actor, CLERK, LEADER, obj=document, message=_("只有起草单位或登记机构可以发布解读。")
    )
    if not text.strip():
        raise ValidationError(_("请填写解读内容。"))
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        if doc.status != D.ISSUED:
            raise ValidationError(_("只有已发布的文件可以发布政策解读。"))
        dates.check_new(_("解读发布日期"), on, (_("发布日期"), doc.published_on))
        doc.interpretation, doc.interpretation_on = text.strip(), on
        doc.save(update_fields=["interpretation", "interpretation_on"])
        DocumentEvent.objects.create(document=doc, on=on, kind=EventKind.INTERPRETED)
        search.index(doc)
        ledger.record(actor=actor, action=actions.DOC_INTERPRET, subject=doc, data={"on": on})
    return doc


def amend(
    *,
    actor: Actor,
    document: NormativeDocument,
    on: dt.date,
    text: str,
    ref: str = "",
    note: str = "",
) -> NormativeDocument:
    """修改: the document stays in force with its amended text (a new version), the
    amending document's number noted in its history."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=document.registrar_org,
        message=_("只有登记机构（政府办公室）可以登记文件的修改。"),
    )
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        if doc.status != D.ISSUED:
            raise ValidationError(
                _("文件处于“%(s)s”状态，不能修改。") % {"s": doc.get_status_display()}
            )
        dates.check_new(_("修改日期"), on, (_("发布日期"), doc.published_on))
        v = _version(actor, doc, text, on, None, "", note or _("修改后文本"))
        doc.body_text = v.text
        doc.version += 1
        doc.save(update_fields=["body_text", "version"])
        DocumentEvent.objects.create(
            document=doc, on=on, kind=EventKind.AMENDED, ref=ref.strip(), note=note.strip()
        )
        search.index(doc)
        ledger.record(
            actor=actor,
            action=actions.DOC_AMEND,
            subject=doc,
            data={"on": on, "ref": ref.strip(), "version": v.n, "sha256": v.sha256},
        )
    return doc


def end_life(
    *,
    actor: Actor,
    document: NormativeDocument,
    to: str,
    on: dt.date,
    reason: str,
    ref: str = "",
    version: int | None = None,
) -> NormativeDocument:
    """废止 / 宣布失效 / 有效期届满失效: recorded with its date and reason; the public page
    says so at the top from then on."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=document.registrar_org,
        message=_("只有登记机构（政府办公室）可以登记文件的废止或失效。"),
    )
    return _end(actor, document, to, on, reason, ref, version)


def _end(actor, document, to, on, reason, ref="", version=None) -> NormativeDocument:
    if to not in ENDINGS:
        raise ValidationError(_("请选择废止、宣布失效或有效期届满失效。"))
    with transaction.atomic():

        def fill(d):
            d.end_reason = reason.strip()

        doc = transition(
            actor=actor,
            matter=document,
            to=to,
            on=on,
            reason=reason,
            version=version,
            apply=fill,
            data={"ref": ref.strip()},
        )
        DocumentEvent.objects.create(
            document=doc, on=on, kind=ENDINGS[to], ref=ref.strip(), note=reason.strip()[:300]
        )
        search.index(doc)
        ledger.record(
            actor=actor,
            action=actions.DOC_END,
            subject=doc,
            data={"to": to, "on": on, "reason": reason.strip(), "ref": ref.strip()},
        )
    return doc


def filing_record(
    *, actor: Actor, filing: Filing, on: dt.date, receipt: str = "", late_reason: str = ""
) -> Filing:
    """报送备案 with one body. After the limit (BA-1) the filing carries a red card and must
    say why it is late; without the reason nothing is recorded."""
    doc = filing.document
    require_role(
        actor,
        CLERK,
        LEADER,
        org=doc.registrar_org,
        message=_("只有登记机构（政府办公室）可以登记报送备案。"),
    )
    dates.check_new(_("报备日期"), on, (_("发布日期"), doc.published_on))
    with transaction.atomic():
        f = (
            Filing.objects.select_for_update(of=("self",))
            .select_related("body", "clock")
            .get(pk=filing.pk)
        )
        if f.filed_on is not None:
            raise ValidationError(
                _("已于%(d)s向%(b)s报送备案。") % {"d": dates.fmt(f.filed_on), "b": f.body.name}
            )
        late = f.due_on is not None and on > f.due_on
        if late and not late_reason.strip():
            raise ValidationError(
                _(
                    "报备日期%(d)s已超过报备期限%(due)s（公布之日起15日，BA-1），逾期报备记红牌，"
                    "请写明逾期原因。"
                )
                % {"d": dates.fmt(on), "due": dates.fmt(f.due_on)}
            )
        f.filed_on, f.receipt, f.late = on, receipt.strip(), late
        f.late_reason = late_reason.strip() if late else ""
        f.save(update_fields=["filed_on", "receipt", "late", "late_reason"])
        if f.clock is not None and f.clock.stopped_on is None:
            clocks.stop(actor=actor, clock=f.clock, on=on)
        ledger.record(
            actor=actor,
            action=actions.FILING,
            subject=doc,
            data={"body": f.body.name, "on": on, "receipt": f.receipt, "late": late},
            also=[f],
        )
    return f


def filing_feedback(
    *, actor: Actor, filing: Filing, on: dt.date, result: str, feedback: str = ""
) -> Filing:
    """The filing body's answer: accepted for the record, or a correction required."""
    doc = filing.document
    require_role(
        actor,
        CLERK,
        LEADER,
        org=doc.registrar_org,
        message=_("只有登记机构（政府办公室）可以登记备案反馈。"),
    )
    if result not in (FilingResult.ACCEPTED, FilingResult.CORRECT):
        raise ValidationError(_("请选择反馈结果：准予备案或要求纠正。"))
    if result == FilingResult.CORRECT and not feedback.strip():
        raise ValidationError(_("要求纠正的，请填写备案机关的意见。"))
    with transaction.atomic():
        f = Filing.objects.select_for_update(of=("self",)).select_related("body").get(pk=filing.pk)
        if f.filed_on is None:
            raise ValidationError(_("尚未报送备案，不能登记反馈。"))
        dates.check_new(_("反馈日期"), on, (_("报备日期"), f.filed_on))
        f.feedback_on, f.result, f.feedback = on, result, feedback.strip()
        f.save(update_fields=["feedback_on", "result", "feedback"])
        ledger.record(
            actor=actor,
            action=actions.FILING_FEEDBACK,
            subject=doc,
            data={"body": f.body.name, "on": on, "result": result},
            also=[f],
        )
    return f
