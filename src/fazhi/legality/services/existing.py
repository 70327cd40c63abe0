"""Normative documents issued before the platform (存量文件): the office that registers an
issuer's documents records one already numbered and published — its numbers, dates and
status as the catalogue (``normative-documents`` register) carries them — without the
drafting, review and deliberation the platform did not see. No filing is opened (that duty
was met, or missed, before) and no number is taken from the issuer's series: the document
keeps the number it was issued with."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from .. import actions, search
from ..models import DocStatus, DocumentEvent, EventKind, Issuer, NormativeDocument

D = DocStatus
#: the statuses a document issued before the platform can have, and its ending event
STATUSES = {D.ISSUED: None, D.REPEALED: EventKind.REPEALED, D.INVALID: EventKind.INVALID,
            D.EXPIRED: EventKind.EXPIRED}  # fmt: skip


def document_record(
    *,
    actor: Actor,
    issuer: Organisation,
    org: Organisation,
    title: str,
    doc_number: str,
    registration_number: str,
    published_on: dt.date,
    status: str = D.ISSUED,
    effective_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    ended_on: dt.date | None = None,
    end_reason: str = "",
) -> NormativeDocument:
    """录入存量文件: a normative document ``issuer`` issued before the platform, with its
    document and registration numbers, publication, effect, validity and (when it is no
    longer in force) its end. Only the issuer's registering office records it."""
    setting = Issuer.objects.select_related("registrar_org", "review_org").filter(org=issuer)
    setting = setting.first()
    if setting is None:
        raise ValidationError(
            {"issuer": _("“%(t)s”未设置为制定机关（三统一）。") % {"t": issuer.name}}
        )
    require_role(
        actor,
        Role.CLERK,
        Role.LEADER,
        org=setting.registrar_org,
        message=_("只有登记机构（政府办公室）可以录入已发布的规范性文件。"),
    )
    title, doc_number = title.strip(), doc_number.strip()
    registration_number = registration_number.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("请填写文件标题。")
    if not doc_number:
        errors["doc_number"] = _("请填写发文字号。")
    if not registration_number:
        errors["registration_number"] = _("请填写登记号。")
    if status not in STATUSES:
        errors["status"] = _("存量文件的状态应为已发布、已废止、已宣布失效或已失效。")
    msg = dates.not_future(_("发布日期"), published_on)
    if msg:
        errors["published_on"] = msg
    effective_on = effective_on or published_on
    if published_on and effective_on < published_on:
        errors["effective_on"] = _("施行日期不能早于发布日期。")
    if valid_until is not None and valid_until <= effective_on:
        errors["valid_until"] = _("有效期应晚于施行日期。")
    ending = STATUSES.get(status)
    if ending is None and ended_on is not None:
        errors["ended_on"] = _("现行有效的文件不填废止或失效日期。")
    if ending is not None:
        msg = dates.not_future(_("废止或失效日期"), ended_on)
        if not msg and published_on and ended_on < published_on:
            msg = _("废止或失效日期不能早于发布日期。")
        if msg:
            errors["ended_on"] = msg
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        taken = NormativeDocument._base_manager.filter(doc_number=doc_number).first()
        if taken is not None:
            raise ValidationError(
                {
                    "doc_number": _("文号%(n)s已用于《%(t)s》，不能重复。")
                    % {"n": doc_number, "t": taken.title}
                }
            )
        doc = NormativeDocument.objects.create(
            number=doc_number,
            org=org,
            issuer=issuer,
            review_org=setting.review_org,
            registrar_org=setting.registrar_org,
            title=title,
            status=status,
            received_on=published_on,
            closed_on=ended_on,
            needs_consultation=False,
            consultation_waiver=_("平台启用前发布"),
            doc_number=doc_number,
            registration_number=registration_number,
            published_on=published_on,
            effective_on=effective_on,
            valid_until=valid_until,
            ended_on=ended_on,
            end_reason=end_reason.strip(),
        )
        DocumentEvent.objects.create(
            document=doc,
            on=published_on,
            kind=EventKind.PUBLISHED,
            ref=doc_number,
            note=_("登记号%(r)s，自%(e)s起施行（平台启用前发布，录入）")
            % {"r": registration_number, "e": dates.fmt(effective_on)},
        )
        if ending is not None:
            DocumentEvent.objects.create(
                document=doc, on=ended_on, kind=ending, note=end_reason.strip()[:300]
            )
        search.index(doc)
        ledger.record(
            actor=actor,
            action=actions.DOC_RECORD,
            subject=doc,
            data={
                "doc_number": doc_number,
                "registration_number": registration_number,
                "published_on": published_on,
                "effective_on": effective_on,
                "status": status,
                "ended_on": ended_on,
            },
        )
    return doc
