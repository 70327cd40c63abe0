"""Changes to an officer's standing: a certificate suspended (暂扣), revoked (吊销) or restored
(恢复), and an officer leaving or returning to enforcement duty — every write, each with its
reason in the ledger.

A certificate that is not ``valid`` no longer lets its holder be assigned to a case
(``services.cases.assign_officer`` only takes valid certificates). 吊销 is final: a revoked
certificate is not restored; the officer needs a new one (《行政执法证件管理办法》 practice,
国办发〔2018〕118号 on 持证上岗).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import ledger
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import has_role, require_role

from ..models import Certificate, CertificateStatus, Officer

CERT_STATUS = register("enf.certificate.status", gettext_lazy("变更执法证状态"))
OFFICER_ACTIVE = register("enf.officer.active", gettext_lazy("变更执法人员在岗状态"))

CS = CertificateStatus

# from → {to: what the move is called}; 吊销 leads nowhere.
CERT_MOVES: dict[str, dict[str, object]] = {
    CS.VALID: {CS.SUSPENDED: gettext_lazy("暂扣"), CS.REVOKED: gettext_lazy("吊销")},
    CS.SUSPENDED: {CS.VALID: gettext_lazy("恢复"), CS.REVOKED: gettext_lazy("吊销")},
    CS.REVOKED: {},
}

# Who may change a certificate's status: the justice bureau's supervisors (who manage the
# certificates for the government that issues them), the body's leaders and administrators.
STATUS_ROLES = (Role.SUPERVISOR, Role.LEADER, Role.ADMIN)
# Who may register officers, issue certificates and take an officer off duty (as catalogue).
MAINTAIN_ROLES = (Role.LEADER, Role.ADMIN)


def may_maintain(user, org: Organisation) -> bool:
    """Whether ``user`` may add officers to, and issue certificates in, ``org``'s body."""
    return has_role(user, *MAINTAIN_ROLES, org=org)


def may_change_status(user, org: Organisation) -> bool:
    """Whether ``user`` may suspend, revoke or restore certificates of ``org``'s officers."""
    return has_role(user, *STATUS_ROLES, org=org)


def certificate_moves(cert: Certificate) -> list[tuple[str, object]]:
    """The status changes open to ``cert`` now, as (to, label)."""
    return list(CERT_MOVES.get(cert.status, {}).items())


def certificate_set_status(
    *, actor: Actor, certificate: Certificate, to: str, reason: str
) -> Certificate:
    """暂扣, 吊销 or 恢复 a certificate, with the reason; changes nothing when refused."""
    org = certificate.officer.body.org
    require_role(
        actor,
        *STATUS_ROLES,
        org=org,
        message=_("只有监督人员、本执法主体负责人或系统管理员可以暂扣、吊销或恢复执法证。"),
    )
    reason = (reason or "").strip()
    if to not in CS.values:
        raise ValidationError(_("执法证状态应为有效、暂扣或吊销。"))
    if not reason:
        raise ValidationError(
            {"reason": _("请填写%(m)s执法证的理由。") % {"m": _status_verb(certificate, to)}}
        )
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if to not in CERT_MOVES[cert.status]:
            raise ValidationError(
                _("执法证 %(n)s 当前为“%(s)s”，不能改为“%(t)s”。")
                % {"n": cert.number, "s": cert.get_status_display(), "t": CS(to).label}
            )
        before = cert.status
        cert.status = to
        cert.save(update_fields=["status"])
        officer = cert.officer
        ledger.record(
            actor=actor,
            action=CERT_STATUS,
            subject=officer,
            org=org,
            data={
                "number": cert.number,
                "before": {"status": before},
                "after": {"status": to},
                "reason": reason,
            },
        )
    return cert


def _status_verb(cert: Certificate, to: str) -> str:
    label = CERT_MOVES.get(cert.status, {}).get(to)
    return str(label) if label else _("变更")


def officer_deactivate(*, actor: Actor, officer: Officer, reason: str) -> Officer:
    """An officer leaves enforcement duty (调离、退休…): no longer listed as 在岗 or on the
    portal; their certificates keep their own status."""
    return _set_active(actor=actor, officer=officer, active=False, reason=reason)


def officer_reactivate(*, actor: Actor, officer: Officer, reason: str) -> Officer:
    return _set_active(actor=actor, officer=officer, active=True, reason=reason)


def _set_active(*, actor: Actor, officer: Officer, active: bool, reason: str) -> Officer:
    org = officer.body.org
    require_role(
        actor,
        *MAINTAIN_ROLES,
        org=org,
        message=_("只有本单位负责人或系统管理员可以维护执法事项和执法人员。"),
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写理由。")})
    with transaction.atomic():
        o = Officer.objects.select_for_update().get(pk=officer.pk)
        if o.is_active == active:
            raise ValidationError(
                _("%(o)s 已经在岗。") % {"o": o.name}
                if active
                else _("%(o)s 已经不在岗。") % {"o": o.name}
            )
        o.is_active = active
        o.save(update_fields=["is_active"])
        ledger.record(
            actor=actor,
            action=OFFICER_ACTIVE,
            subject=o,
            org=org,
            data={
                "before": {"is_active": not active},
                "after": {"is_active": active},
                "reason": reason,
            },
        )
    return o
