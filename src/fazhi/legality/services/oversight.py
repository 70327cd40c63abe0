"""After issue: cleanups (清理) of the district's documents, whose outcomes drive the
documents' status, and the filing review (备案审查) of documents the departments and streets
issue themselves — 有件必备、有备必审、有错必纠."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules, uploads
from ..models import (
    Cleanup,
    CleanupItem,
    CleanupKind,
    CleanupOutcome,
    DocStatus,
    DocumentEvent,
    EventKind,
    FiledDocument,
    FilingProblem,
    FilingStatus,
    NormativeDocument,
)
from . import normative
from .common import matter_number, next_number

#: the prefix of a cleanup's result report number (规范性文件清理)
CLEANUP_PREFIX = "规清"

CLERK, LEADER, REVIEWER = Role.CLERK, Role.LEADER, Role.REVIEWER
F = FilingStatus
OUTCOME_STATUS = {
    CleanupOutcome.REPEAL: DocStatus.REPEALED,
    CleanupOutcome.INVALID: DocStatus.INVALID,
}


def scope_query(criteria: dict, on: dt.date) -> QuerySet[NormativeDocument]:
    """The documents a cleanup covers: in force on ``on`` (issued, not ended), narrowed by
    ``criteria`` — ``topics`` (any of), ``issuer`` (organisation id), ``published_from`` /
    ``published_to`` (ISO dates) and ``keyword`` (in the title or the text)."""
    qs = NormativeDocument.objects.filter(status=DocStatus.ISSUED, published_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    topics = [t for t in criteria.get("topics", []) if t]
    if topics:
        # JSON text is stored with escaped non-ASCII on SQLite, so a Chinese topic is matched
        # here, on the decoded lists, the same way on both databases
        ids = [
            pk
            for pk, have in qs.values_list("pk", "topics")
            if any(t in h for t in topics for h in (have or []))
        ]
        qs = qs.filter(pk__in=ids)
    if criteria.get("issuer"):
        qs = qs.filter(issuer_id=int(criteria["issuer"]))
    for key, op in (("published_from", "gte"), ("published_to", "lte")):
        if criteria.get(key):
            qs = qs.filter(**{f"published_on__{op}": dt.date.fromisoformat(criteria[key])})
    if criteria.get("keyword"):
        k = criteria["keyword"]
        qs = qs.filter(Q(title__icontains=k) | Q(body_text__icontains=k))
    return qs.order_by("published_on", "id")


def cleanup_start(
    *,
    actor: Actor,
    org: Organisation,
    title: str,
    kind: str,
    started_on: dt.date,
    topics: list[str] | tuple[str, ...] = (),
    criteria: dict | None = None,
) -> Cleanup:
    """启动清理: the documents in scope on the start day become its items, each to get an
    outcome."""
    require_role(
        actor, REVIEWER, LEADER, org=org, message=_("只有司法行政机关可以组织规范性文件清理。")
    )
    if kind not in CleanupKind.values or not title.strip():
        raise ValidationError(_("请填写清理名称并选择定期清理或专项清理。"))
    criteria = dict(criteria or {})
    if topics:
        criteria["topics"] = list(topics)
    try:
        docs = list(scope_query(criteria, started_on))
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("清理范围的条件不正确：%(e)s") % {"e": exc}) from exc
    dates.check_new(_("开始日期"), started_on)
    if not docs:
        raise ValidationError(_("按该范围没有现行有效的规范性文件。"))
    with transaction.atomic():
        c = Cleanup.objects.create(
            org=org, title=title.strip(), kind=kind, topics=list(topics), criteria=criteria,
            started_on=started_on,
        )  # fmt: skip
        items = [CleanupItem.objects.create(cleanup=c, document=d) for d in docs]
        ledger.record(
            actor=actor,
            action=actions.CLEANUP_SAVE,
            subject=c,
            data={"kind": kind, "documents": len(docs), "criteria": criteria},
            also=items,
        )
    return c


def cleanup_outcome(
    *, actor: Actor, item: CleanupItem, outcome: str, on: dt.date, reasons: str = ""
) -> CleanupItem:
    """清理结果 of one document — to keep, amend, repeal or declare invalid — with reasons
    (required unless it is kept)."""
    require_role(
        actor,
        REVIEWER,
        LEADER,
        org=item.cleanup.org,
        message=_("只有组织清理的司法行政机关可以确定清理结果。"),
    )
    if outcome not in CleanupOutcome.values:
        raise ValidationError(_("请选择继续有效、修改、废止或宣布失效。"))
    if outcome != CleanupOutcome.KEEP and not reasons.strip():
        raise ValidationError(_("修改、废止或宣布失效的，请写明理由。"))
    with transaction.atomic():
        it = (
            CleanupItem.objects.select_for_update(of=("self",))
            .select_related("cleanup", "document")
            .get(pk=item.pk)
        )
        if it.cleanup.finished_on:
            raise ValidationError(_("清理已完成，不能再修改结果。"))
        dates.check_new(_("确定日期"), on, (_("清理开始日期"), it.cleanup.started_on))
        it.outcome, it.reasons, it.decided_on = outcome, reasons.strip(), on
        it.save(update_fields=["outcome", "reasons", "decided_on"])
        ledger.record(
            actor=actor,
            action=actions.CLEANUP_OUTCOME,
            subject=it.cleanup,
            data={"document": it.document.doc_number, "outcome": outcome, "on": on},
            also=[it],
        )
    return it


def cleanup_finish(*, actor: Actor, cleanup: Cleanup, on: dt.date, report: str) -> Cleanup:
    """完成清理: every document has its outcome; repeal and invalidity take effect on the
    documents now (their pages say so), amendments and kept documents go into their
    history."""
    require_role(
        actor,
        REVIEWER,
        LEADER,
        org=cleanup.org,
        message=_("只有组织清理的司法行政机关可以完成清理。"),
    )
    if not report.strip():
        raise ValidationError(_("请填写清理情况报告。"))
    with transaction.atomic():
        c = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
        if c.finished_on:
            raise ValidationError(_("清理已于%(d)s完成。") % {"d": dates.fmt(c.finished_on)})
        missing = c.items.filter(outcome="").count()
        if missing:
            raise ValidationError(_("还有 %(n)d 件文件没有确定清理结果。") % {"n": missing})
        dates.check_new(_("完成日期"), on, (_("清理开始日期"), c.started_on))
        items = list(c.items.select_related("document"))
        for it in items:
            doc = it.document
            note = _("%(c)s：%(r)s") % {"c": c.title, "r": it.reasons or it.get_outcome_display()}
            if it.outcome in OUTCOME_STATUS and doc.status == DocStatus.ISSUED:
                normative._end(actor, doc, OUTCOME_STATUS[it.outcome], on, note)
            elif it.outcome == CleanupOutcome.AMEND:
                DocumentEvent.objects.create(
                    document=doc, on=on, kind=EventKind.AMENDED, note=_("清理结果：需修改。") + note
                )
            elif it.outcome == CleanupOutcome.KEEP:
                DocumentEvent.objects.create(document=doc, on=on, kind=EventKind.KEPT, note=note)
            it.applied_on = on
            it.save(update_fields=["applied_on"])
        c.finished_on, c.report = on, report.strip()
        # the result report's own number (规清〔2019〕1号), from the organising body's series
        c.number = next_number(
            actor, c.org, "leg-cleanup", on.year, CLEANUP_PREFIX, "{prefix}〔{year}〕{n}号", c
        )
        c.save(update_fields=["finished_on", "report", "number"])
        ledger.record(
            actor=actor,
            action=actions.CLEANUP_FINISH,
            subject=c,
            data={"on": on, "documents": len(items), "number": c.number},
            also=items,
        )
    return c


# -- filing review of lower bodies' documents ----------------------------------------------


def filed_receive(
    *,
    actor: Actor,
    org: Organisation,
    review_org: Organisation,
    title: str,
    doc_number: str,
    published_on: dt.date,
    received_on: dt.date,
    text: str = "",
    content: bytes | None = None,
    filename: str = "",
) -> FiledDocument:
    """接收报备: a department or street files its own normative document. Filed after the
    limit (BA-4: 15 days from publication) it is red-carded on arrival; the review limit
    (BA-5) starts."""
    require_role(
        actor,
        CLERK,
        LEADER,
        REVIEWER,
        org=review_org,
        message=_("只有备案审查机构的工作人员可以登记报备文件。"),
    )
    problems = []
    if not title.strip() or not doc_number.strip():
        problems.append(_("请填写文件标题和文号。"))
    for label, day in ((_("公布日期"), published_on), (_("报备日期"), received_on)):
        msg = dates.not_future(label, day)
        if msg:
            problems.append(msg)
    if not problems:
        msg = dates.not_before(_("报备日期"), received_on, _("公布日期"), published_on)
        if msg:
            problems.append(msg)
    if problems:
        raise ValidationError(problems)
    if content is not None:
        uploads.check(content, filename)
    body = uploads.text_of(text, content, filename)
    due = rules.rule_day(rules.LOWER_FILING, published_on)
    with transaction.atomic():
        f = FiledDocument.objects.create(
            org=org,
            review_org=review_org,
            title=title.strip(),
            doc_number=doc_number.strip(),
            published_on=published_on,
            received_on=received_on,
            filing_due=due,
            late=due is not None and received_on > due,
            body_text=body,
            handler=actor if isinstance(actor, User) else None,
            status=F.RECEIVED,
        )
        f.number = matter_number(actor, review_org, "leg-filed", "备审", received_on.year, f)
        att = uploads.keep(actor, content, filename, f)
        f.attachment = att
        f.save(update_fields=["number", "attachment"])
        ledger.record(
            actor=actor,
            action=actions.FILED_RECEIVE,
            subject=f,
            data={"on": received_on, "published": published_on, "due": due, "late": f.late},
        )
        clocks.start(
            actor=actor,
            subject=f,
            rule_code=rules.FILING_REVIEW,
            on=received_on,
            org=review_org,
            label=_("完成备案审查"),
        )
    return f


def filed_problem_add(
    *,
    actor: Actor,
    filing: FiledDocument,
    description: str,
    requirement: str,
    due_on: dt.date,
) -> FilingProblem:
    """A problem the review found, with the correction required and its deadline."""
    require_role(
        actor, REVIEWER, LEADER, org=filing.review_org, message=_("只有备案审查机构可以登记问题。")
    )
    if not description.strip() or not requirement.strip():
        raise ValidationError(_("请填写问题和纠正要求。"))
    with transaction.atomic():
        f = FiledDocument.objects.select_for_update().get(pk=filing.pk)
        if f.status != F.RECEIVED:
            raise ValidationError(_("审查已有结论，不能再登记问题。"))
        if due_on <= f.received_on:
            raise ValidationError(_("纠正期限应晚于报备日期。"))
        p = FilingProblem.objects.create(
            filing=f, description=description.strip(), requirement=requirement.strip(),
            due_on=due_on,
        )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.FILED_PROBLEM,
            subject=f,
            data={"problem": p.pk, "due": due_on},
            also=[p],
        )
    return p


def filed_review(
    *, actor: Actor, filing: FiledDocument, on: dt.date, opinion: str = ""
) -> FiledDocument:
    """审查结论: no problem — 予以备案; problems on record — 通知纠正. The review clock
    stops either way."""
    require_role(
        actor,
        REVIEWER,
        LEADER,
        org=filing.review_org,
        message=_("只有备案审查机构的法制审核人员或负责人可以作出审查结论。"),
    )
    to = F.CORRECTING if filing.problems.exists() else F.ACCEPTED

    def fill(f):
        f.opinion = opinion.strip()
        f.reviewer = actor if isinstance(actor, User) else None

    with transaction.atomic():
        f = transition(actor=actor, matter=filing, to=to, on=on, apply=fill)
        for c in clocks.for_subject(f).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
    return f


def filed_correction(
    *, actor: Actor, problem: FilingProblem, on: dt.date, correction: str
) -> FilingProblem:
    """纠正情况: the filing body reports how it corrected one problem."""
    f = problem.filing
    require_role(
        actor, CLERK, LEADER, org=f.org, message=_("只有制定机关的工作人员可以报告纠正情况。")
    )
    if not correction.strip():
        raise ValidationError(_("请填写纠正情况。"))
    with transaction.atomic():
        p = FilingProblem.objects.select_for_update().get(pk=problem.pk)
        if p.corrected_on:
            raise ValidationError(_("该问题已纠正。"))
        dates.check_new(_("纠正日期"), on, (_("审查日期"), f.reviewed_on))
        p.corrected_on, p.correction = on, correction.strip()
        p.save(update_fields=["corrected_on", "correction"])
        ledger.record(
            actor=actor,
            action=actions.FILED_CORRECTION,
            subject=f,
            data={"problem": p.pk, "on": on, "late": on > p.due_on},
            also=[p],
        )
    return p


def filed_close(*, actor: Actor, filing: FiledDocument, on: dt.date) -> FiledDocument:
    """确认纠正完毕, when every problem is corrected."""
    require_role(
        actor, REVIEWER, LEADER, org=filing.review_org, message=_("只有备案审查机构可以确认纠正。")
    )
    return transition(actor=actor, matter=filing, to=F.CORRECTED, on=on)
