"""Ledger action names of audit rectification and the legacy-commitments ledger."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

PROJECT_CREATE = register("audit.project.create", _("登记审计项目"))
FINDING_ADD = register("audit.finding.add", _("登记审计发现问题并下达整改"))
EVIDENCE_ADD = register("audit.evidence.add", _("登记整改佐证材料"))
VISIT_RECORD = register("audit.visit.record", _("登记企业走访或政企座谈"))
COMMITMENT_REGISTER = register("audit.commitment.register", _("新官不理旧账问题登记入账"))
COMMITMENT_PROGRESS = register("audit.commitment.progress", _("登记化解进展"))
COMMITMENT_HANDOVER = register("audit.commitment.handover", _("责任领导交接"))
