"""Public consultation (征求意见), article by article, for a draft normative document or a
major decision: the call with its period (at least the legal minimum, or shorter with the
reason in the call), comments from the public (checked: no script, no links, no phone
numbers; moderated; published redacted), the drafter's disposition of each comment, and
the published summary of what was adopted and why not."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, ledger, redaction
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules
from ..models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationArticle,
    DecisionStatus,
    Disposition,
    DocStatus,
    MajorDecision,
    NormativeDocument,
)

CLERK, LEADER = Role.CLERK, Role.LEADER
COMMENT_MAX = 2000
_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百零〇0-9]+条)[\s\u3000]*")
_SCRIPT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style)\b|javascript:|\bon\w+\s*=", re.I)
_LINK = re.compile(
    r"https?://|ftp://|www\.|\b[\w-]+\.(com|cn|net|org|gov|edu|top|xyz|info|cc|io)\b", re.I
)


def split_articles(text: str) -> list[tuple[str, str]]:
    """The draft's articles: paragraphs opening with 第…条 start an article; other
    paragraphs belong to the one before (or, before the first, to 总体). A text without
    articles is commented paragraph by paragraph."""
    out: list[tuple[str, str]] = []
    paras = [p.strip() for p in (text or "").splitlines() if p.strip()]
    if not any(_ARTICLE.match(p) for p in paras):
        return [(_("第%(n)d段") % {"n": i}, p) for i, p in enumerate(paras, start=1)]
    for p in paras:
        m = _ARTICLE.match(p)
        if m:
            out.append((m.group(1), p[m.end() :].strip() or p))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + p)
        else:
            out.append((_("总则"), p))
    return out


def _subject_org(document, decision):
    return (document or decision).org


def consultation_open(
    *,
    actor: Actor,
    opens_on: dt.date,
    closes_on: dt.date,
    text: str,
    title: str = "",
    explanation: str = "",
    document: NormativeDocument | None = None,
    decision: MajorDecision | None = None,
    shortened_reason: str = "",
) -> Consultation:
    """公开征求意见 on the public site. The period is at least the legal minimum — GF-1 for
    a document, JC-1 for a decision from 2019-09-01 — unless it is shortened for urgency,
    with the reason stated in the call."""
    if (document is None) == (decision is None):
        raise ValidationError(_("征求意见须针对一件规范性文件或一项重大行政决策。"))
    org = _subject_org(document, decision)
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有起草（承办）单位的工作人员可以征求意见。")
    )
    subject = document or decision
    code = rules.DOC_CONSULTATION if document is not None else rules.DECISION_CONSULTATION
    articles = split_articles(text)
    problems = []
    if not articles:
        problems.append(_("请填写征求意见稿的文本。"))
    msg = dates.not_future(_("开始日期"), opens_on)
    if msg:
        problems.append(msg)
    elif opens_on < subject.received_on:
        problems.append(
            dates.not_before(_("开始日期"), opens_on, _("立项日期"), subject.received_on)
        )
    if closes_on <= opens_on:
        problems.append(_("截止日期应晚于开始日期。"))
    minimum = rules.consultation_minimum(code, opens_on)
    if minimum and closes_on < minimum and not shortened_reason.strip():
        problems.append(
            _(
                "征求意见期限至少到%(m)s（%(c)s：一般不少于30日）；因情况紧急需要缩短的，"
                "应当在征求意见时说明理由。"
            )
            % {"m": dates.fmt(minimum), "c": code}
        )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if document is not None:
            transition(actor=actor, matter=document, to=DocStatus.CONSULTING, on=opens_on)
        elif decision.status != DecisionStatus.PREPARING:
            raise ValidationError(_("决策已提交讨论，不能再征求意见。"))
        c = Consultation.objects.create(
            org=org,
            document=document,
            decision=decision,
            title=(
                title or _("关于《%(t)s》（征求意见稿）公开征求意见的公告") % {"t": subject.title}
            )[:300],
            explanation=explanation.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            rule_code=code if minimum else "",
            shortened_reason=shortened_reason.strip(),
        )
        for i, (heading, body) in enumerate(articles, start=1):
            ConsultationArticle.objects.create(consultation=c, seq=i, heading=heading, text=body)
        ledger.record(
            actor=actor,
            action=actions.CONSULT_OPEN,
            subject=subject,
            data={"opens": opens_on, "closes": closes_on, "articles": len(articles)},
            also=[c],
        )
    return c


def comment_problem(text: str) -> str | None:
    """Why a comment is refused as typed: script, a link, a phone number, or its length."""
    text = (text or "").strip()
    if not text:
        return _("请填写意见内容。")
    if len(text) > COMMENT_MAX:
        return _("意见不超过%(n)d字。") % {"n": COMMENT_MAX}
    if _SCRIPT.search(text):
        return _("意见中不能包含脚本或网页代码。")
    if _LINK.search(text):
        return _("意见中不能包含网址链接。")
    if any(h.kind == "phone" for h in redaction.find_personal_data(text)):
        return _("意见中不能包含电话号码；如需联系，请填写在“联系方式”一栏（不公开）。")
    return None


def comment_submit(
    *,
    actor: Actor,
    consultation: Consultation,
    text: str,
    on: dt.date,
    article: ConsultationArticle | None = None,
    name: str = "",
    contact: str = "",
) -> Comment:
    """A comment from the public (the portal acts for the public as a system actor). It
    waits for moderation; nothing of it is public until then."""
    problem = comment_problem(text)
    if problem:
        raise ValidationError(problem)
    if len(name) > 50 or len(contact) > 100:
        raise ValidationError(_("署名或联系方式过长。"))
    if _SCRIPT.search(name) or _LINK.search(name):
        raise ValidationError(_("署名中不能包含脚本或网址。"))
    if article is not None and article.consultation_id != consultation.pk:
        raise ValidationError(_("该条目不属于本次征求意见。"))
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not c.is_open(on):
            raise ValidationError(
                _("本次征求意见的时间为%(a)s至%(b)s，现已不在征求意见期内。")
                % {"a": dates.fmt(c.opens_on), "b": dates.fmt(c.closes_on)}
            )
        cm = Comment.objects.create(
            consultation=c,
            article=article,
            text=text.strip(),
            name=name.strip(),
            contact=contact.strip(),
            submitted_on=on,
        )
        ledger.record(
            actor=actor,
            action=actions.CONSULT_COMMENT,
            subject=c,
            org=c.org,
            data={"comment": cm.pk, "article": article.heading if article else "", "on": on},
            also=[cm],
        )
    return cm


def comment_moderate(*, actor: Actor, comment: Comment, publish: bool, note: str = "") -> Comment:
    """审核: publish the comment (personal data redacted, the signer's name masked) or
    withhold it with the reason; either way the drafter deals with it."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=comment.consultation.org,
        message=_("只有征求意见单位的工作人员可以审核意见。"),
    )
    if not publish and not note.strip():
        raise ValidationError(_("不予公开的，请写明理由（如与本文件无关、含有不当内容）。"))
    with transaction.atomic():
        cm = Comment.objects.select_for_update().get(pk=comment.pk)
        if cm.status != CommentStatus.PENDING:
            raise ValidationError(_("该意见已审核。"))
        names = [cm.name] if cm.name else []
        cm.status = CommentStatus.PUBLISHED if publish else CommentStatus.WITHHELD
        cm.published_text = redaction.redact_text(cm.text, names=names) if publish else ""
        cm.moderation_note = note.strip()
        cm.save(update_fields=["status", "published_text", "moderation_note"])
        ledger.record(
            actor=actor,
            action=actions.CONSULT_MODERATE,
            subject=cm.consultation,
            data={"comment": cm.pk, "status": cm.status, "note": cm.moderation_note},
            also=[cm],
        )
    return cm


def comment_dispose(
    *, actor: Actor, comment: Comment, disposition: str, on: dt.date, reason: str = ""
) -> Comment:
    """采纳情况: adopted, partly, or not — the last two with the reason."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=comment.consultation.org,
        message=_("只有起草（承办）单位的工作人员可以处理意见。"),
    )
    if disposition not in Disposition.values:
        raise ValidationError(_("请选择采纳、部分采纳或不予采纳。"))
    if disposition != Disposition.ADOPTED and not reason.strip():
        raise ValidationError(_("部分采纳或不予采纳的，请写明理由。"))
    with transaction.atomic():
        cm = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("consultation")
            .get(pk=comment.pk)
        )
        if cm.status == CommentStatus.PENDING:
            raise ValidationError(_("请先审核该意见。"))
        if cm.consultation.summary_on:
            raise ValidationError(_("意见采纳情况已公布，不能再修改。"))
        dates.check_new(_("处理日期"), on, (_("提交日期"), cm.submitted_on))
        cm.disposition, cm.reason, cm.disposed_on = disposition, reason.strip(), on
        cm.save(update_fields=["disposition", "reason", "disposed_on"])
        ledger.record(
            actor=actor,
            action=actions.CONSULT_DISPOSE,
            subject=cm.consultation,
            data={"comment": cm.pk, "disposition": disposition, "on": on},
            also=[cm],
        )
    return cm


def consultation_close(*, actor: Actor, consultation: Consultation, on: dt.date) -> Consultation:
    """结束征求意见, not before the announced closing date; the draft goes back to its
    drafter (a document leaves 征求意见 status)."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=consultation.org,
        message=_("只有征求意见单位的工作人员可以结束征求意见。"),
    )
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if c.closed_on is not None:
            raise ValidationError(_("本次征求意见已结束。"))
        dates.check_new(_("结束日期"), on, (_("截止日期"), c.closes_on))
        pending = c.comments.filter(status=CommentStatus.PENDING).count()
        if pending:
            raise ValidationError(_("还有 %(n)d 条意见未审核。") % {"n": pending})
        c.closed_on = on
        c.save(update_fields=["closed_on"])
        if c.document_id and c.document.status == DocStatus.CONSULTING:
            transition(actor=actor, matter=c.document, to=DocStatus.DRAFTING, on=on)
        ledger.record(
            actor=actor,
            action=actions.CONSULT_CLOSE,
            subject=c.document or c.decision,
            data={"on": on, "comments": c.comments.count()},
            also=[c],
        )
    return c


def summary_publish(
    *, actor: Actor, consultation: Consultation, on: dt.date, summary: str
) -> Consultation:
    """公布意见采纳情况: what was adopted and why the rest was not, once every published
    comment has its disposition."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=consultation.org,
        message=_("只有征求意见单位的工作人员可以公布采纳情况。"),
    )
    if not summary.strip():
        raise ValidationError(_("请填写意见采纳情况说明。"))
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if c.closed_on is None:
            raise ValidationError(_("征求意见结束后才能公布采纳情况。"))
        if c.summary_on:
            raise ValidationError(_("采纳情况已于%(d)s公布。") % {"d": dates.fmt(c.summary_on)})
        open_ = c.comments.filter(status=CommentStatus.PUBLISHED, disposition="").count()
        if open_:
            raise ValidationError(_("还有 %(n)d 条公众意见未作处理。") % {"n": open_})
        dates.check_new(_("公布日期"), on, (_("结束日期"), c.closed_on))
        c.summary, c.summary_on = redaction.redact_text(summary.strip()), on
        c.save(update_fields=["summary", "summary_on"])
        ledger.record(
            actor=actor,
            action=actions.CONSULT_SUMMARY,
            subject=c.document or c.decision,
            data={"on": on},
            also=[c],
        )
    return c
