"""A copy of one of our pages found on another site, recorded as a finding of the crawl whose
page it copies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import ledger
from fazhi.core.ledger import Actor
from fazhi.core.redaction import redact_text

from .. import actions
from ..engine.findings import Finding as EngineFinding
from ..models import CrawlRun, Finding, FindingStatus
from .common import MANAGE_ROLES, _require


def clone_record(
    *,
    actor: Actor,
    run: CrawlRun,
    suspect: str,
    original: str,
    similarity: float,
    added: int,
    injected: list[tuple[str, str]],
) -> Finding:
    """记录被克隆: the page ``original`` of ``run`` was copied to ``suspect``. High severity when
    spam was injected into the copy; the same suspect recorded again returns the existing
    finding."""
    _require(actor, MANAGE_ROLES, run.site.org, _("无权记录该网站的监测问题。"))
    if not original or not suspect:
        raise ValidationError(_("没有找到被复制的页面，无需记录。"))
    parts = [f"页面被复制到 {suspect}（相似度 {similarity:.0%}），新增或改动 {added} 处"]
    if injected:
        parts.append(
            "其中插入违规内容 "
            + "；".join(f"「{text[:40]}」（{why}）" for text, why in injected[:5])
        )
    evidence = redact_text("，".join(parts), today=run.as_of)
    ef = EngineFinding(
        url=original,
        rule_id="CLONE.copy",
        indicator="19-V1(4)",
        severity="high" if injected else "medium",
        evidence=evidence,
        needs_confirmation=not injected,
        key=suspect,
        detail={"suspect": suspect, "similarity": round(similarity, 3), "injected": injected[:20]},
    )
    with transaction.atomic():
        existing = Finding.objects.filter(run=run, fingerprint=ef.fingerprint).first()
        if existing is not None:
            return existing
        f = Finding.objects.create(
            run=run,
            site=run.site,
            url=ef.url,
            rule_id=ef.rule_id,
            indicator=ef.indicator,
            severity=ef.severity,
            evidence=ef.evidence,
            needs_confirmation=ef.needs_confirmation,
            key=ef.key,
            detail=ef.detail,
            fingerprint=ef.fingerprint,
            status=FindingStatus.OPEN,
        )
        ledger.record(
            actor=actor,
            action=actions.CLONE_RECORD,
            subject=f,
            data={"suspect": suspect, "original": original, "similarity": round(similarity, 3)},
        )
    return f
