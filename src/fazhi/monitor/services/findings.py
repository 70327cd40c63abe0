"""Decisions on findings: confirm, dismiss (remembered next month), reopen."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger
from fazhi.core.ledger import Actor
from fazhi.core.scoping import require_role

from .. import actions
from ..models import (
    Dismissal,
    Finding,
    FindingStatus,
)
from .common import (
    MANAGE_ROLES,
    _name,
    _user,
)


def _decidable(actor: Actor, finding: Finding) -> Finding:
    require_role(
        actor, *MANAGE_ROLES, org=finding.site.org, message=_("无权处理该网站的监测问题。")
    )
    return Finding.objects.select_for_update().select_related("site").get(pk=finding.pk)


def finding_confirm(*, actor: Actor, finding: Finding, note: str = "") -> Finding:
    """确认: a person checked a finding (typically a 需人工确认 one) and it counts."""
    with transaction.atomic():
        f = _decidable(actor, finding)
        if f.status == FindingStatus.DISMISSED:
            raise ValidationError(_("该问题已被排除，请先撤销排除。"))
        f.status = FindingStatus.CONFIRMED
        f.decided_at = clock.now()
        f.decided_by_name = _name(actor)
        f.decision_note = note.strip()[:300]
        f.save(update_fields=["status", "decided_at", "decided_by_name", "decision_note"])
        ledger.record(
            actor=actor,
            action=actions.FINDING_CONFIRM,
            subject=f,
            data={"fingerprint": f.fingerprint, "rule": f.rule_id, "note": f.decision_note},
        )
    return f


def finding_dismiss(*, actor: Actor, finding: Finding, reason: str) -> Finding:
    """排除: a false positive. The dismissal is kept by fingerprint, so the same finding in
    later months arrives dismissed until someone revokes it."""
    if not reason.strip():
        raise ValidationError(_("排除问题须说明理由。"))
    with transaction.atomic():
        f = _decidable(actor, finding)
        if f.status == FindingStatus.DISMISSED:
            raise ValidationError(_("该问题已被排除。"))
        now = clock.now()
        d = Dismissal.objects.create(
            site=f.site,
            fingerprint=f.fingerprint,
            rule_id=f.rule_id,
            url=f.url,
            reason=reason.strip()[:300],
            at=now,
            by=_user(actor),
            by_name=_name(actor),
        )
        f.status = FindingStatus.DISMISSED
        f.dismissal = d
        f.decided_at = now
        f.decided_by_name = d.by_name
        f.decision_note = d.reason
        f.save(
            update_fields=["status", "dismissal", "decided_at", "decided_by_name", "decision_note"]
        )
        ledger.record(
            actor=actor,
            action=actions.FINDING_DISMISS,
            subject=f,
            data={"fingerprint": f.fingerprint, "rule": f.rule_id, "reason": d.reason},
        )
    return f


def finding_reopen(*, actor: Actor, finding: Finding, reason: str = "") -> Finding:
    """撤销排除/确认: the finding is open again; a dismissal behind it stops applying."""
    with transaction.atomic():
        f = _decidable(actor, finding)
        if f.status == FindingStatus.OPEN:
            raise ValidationError(_("该问题尚未处理。"))
        before = f.status
        now = clock.now()
        Dismissal.objects.filter(
            site=f.site, fingerprint=f.fingerprint, revoked_at__isnull=True
        ).update(revoked_at=now)
        f.status = FindingStatus.OPEN
        f.dismissal = None
        f.decided_at = now
        f.decided_by_name = _name(actor)
        f.decision_note = reason.strip()[:300]
        f.save(
            update_fields=["status", "dismissal", "decided_at", "decided_by_name", "decision_note"]
        )
        ledger.record(
            actor=actor,
            action=actions.FINDING_REOPEN,
            subject=f,
            data={"fingerprint": f.fingerprint, "before": before, "reason": f.decision_note},
        )
    return f
