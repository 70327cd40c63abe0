"""Legality figures for the annual report, the dashboard and the API: every figure of the
seed report's 一(三) and 一(四), and the review, filing and cleanup figures behind them.

Conventions:

* A review request **counts as reviewed** in the year its (last) opinion was given
  (``opinion_on``), whatever the opinion — pass, pass after changes or not pass; a request
  withdrawn before an opinion is not reviewed. "各类文件" (一(三)2) are every kind but
  contracts: documents to be issued in the government's name, draft normative documents
  and draft major decisions; "重大合同文本" are the contracts.
* A normative document **is in force on a day** when it took effect by then and was
  neither repealed, declared invalid nor expired before it (``NormativeDocument.in_force_on``).
  "区级" documents are those issued in the name of a body with an issuer setting (the
  district government and its office), not the departments' and streets' own, which are
  filed with the district (``FiledDocument``).
* A community or village **has an adviser** when an engagement with it runs on the
  period's last day and has not been terminated by then.
* ``--org`` narrows a figure to an organisation's subtree: the sending department for
  reviews, the issuing body for documents, the community for advisers.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from fazhi.core.indicators import Indicator, Period, between, in_subtree, register
from fazhi.core.models import Organisation, OrgKind

from .models import (
    CleanupItem,
    Engagement,
    FiledDocument,
    Filing,
    Issuer,
    MajorDecision,
    NormativeDocument,
    ReviewKind,
    ReviewRequest,
)

MODULE = "legality"


def reviewed(org: Organisation | None, p: Period) -> QuerySet:
    qs = ReviewRequest.objects.filter(between("opinion_on", p)).exclude(opinion="")
    return in_subtree(qs, org)


def documents_reviewed(org, p) -> QuerySet:
    return reviewed(org, p).exclude(kind=ReviewKind.CONTRACT)


def contracts_reviewed(org, p) -> QuerySet:
    return reviewed(org, p).filter(kind=ReviewKind.CONTRACT)


def reviewed_on_time(org, p) -> QuerySet:
    """Reviewed with the opinion on or before the due date of the review clock (HS-1/2/3)."""
    from fazhi.core.models import Clock

    late = Clock.objects.filter(
        subject_type=ReviewRequest._meta.label_lower, stopped_on__isnull=False
    ).filter(stopped_on__gt=F("due_on"))
    late_ids = [int(s) for s in late.values_list("subject_id", flat=True)]
    return reviewed(org, p).exclude(pk__in=late_ids)


def district_documents(org, p) -> QuerySet:
    issuers = Issuer.objects.values_list("org_id", flat=True)
    return in_subtree(NormativeDocument.objects.filter(issuer_id__in=issuers), org, "issuer")


def in_force(org, p) -> QuerySet:
    day = p.end
    return district_documents(org, p).filter(
        Q(effective_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def issued(org, p) -> QuerySet:
    return district_documents(org, p).filter(between("published_on", p))


def filings_on_time(org, p) -> QuerySet:
    qs = Filing.objects.filter(between("document__published_on", p), late=False)
    qs = qs.filter(filed_on__isnull=False, filed_on__lte=F("due_on"))
    return in_subtree(qs, org, "document__issuer")


def ended_in_cleanups(org, p) -> QuerySet:
    qs = CleanupItem.objects.filter(
        between("cleanup__finished_on", p), outcome__in=("repeal", "invalid", "amend")
    )
    return in_subtree(qs, org, "document__issuer")


def filed_reviewed(org, p) -> QuerySet:
    return in_subtree(FiledDocument.objects.filter(between("reviewed_on", p)), org)


def filed_corrected(org, p) -> QuerySet:
    return in_subtree(
        FiledDocument.objects.filter(between("closed_on", p), status="corrected"), org
    )


def decisions_complete(org, p) -> QuerySet:
    return in_subtree(MajorDecision.objects.filter(between("decided_on", p)), org)


def communities_with_adviser(org, p) -> QuerySet:
    day = p.end
    engaged = Engagement.objects.filter(starts_on__lte=day, ends_on__gte=day).filter(
        Q(terminated_on__isnull=True) | Q(terminated_on__gt=day)
    )
    qs = Organisation.objects.filter(
        kind__in=(OrgKind.COMMUNITY, OrgKind.VILLAGE), pk__in=engaged.values("org_id")
    )
    return qs if org is None else qs.filter(path__startswith=org.path)


def _reg(code, name, unit, definition, basis, records, org_field="org"):
    return register(
        Indicator(code, name, unit, definition, basis, MODULE, records, org_field=org_field)
    )


# 一(三)2 — legality review of documents and contracts
_reg(
    "LEG-DOCS-REVIEWED",
    "审查各类文件数",
    "件",
    "当年出具合法性审查意见的以区政府名义出具的文件、规范性文件草案和重大行政决策草案"
    "（不含合同），每件送审事项计一件，不论审查结论。",
    "出具意见日期",
    documents_reviewed,
)
_reg(
    "LEG-CONTRACTS-REVIEWED",
    "审查重大合同文本数",
    "份",
    "当年出具合法性审查意见的重大合同文本，每份合同计一份，不论审查结论。",
    "出具意见日期",
    contracts_reviewed,
)
_reg(
    "LEG-REVIEWED-ON-TIME",
    "按期出具审查意见数",
    "件",
    "当年出具合法性审查意见的送审事项中，审查期限（HS-1、HS-2、HS-3）内出具意见的。",
    "出具意见日期",
    reviewed_on_time,
)
# 一(三)1 — major decisions
_reg(
    "LEG-DECISIONS-DECIDED",
    "履行法定程序作出的重大行政决策数",
    "项",
    "当年作出决定的重大行政决策（提交集体讨论须公众参与、专家论证、风险评估、合法性审查齐备）。",
    "决定日期",
    decisions_complete,
)
# 一(三)3 — legal advisers
_reg(
    "LEG-ADVISER-COMMUNITIES",
    "配备法律顾问的社区（村）数",
    "个",
    "期末日有在聘法律顾问（聘期覆盖该日且未解聘）的社区和村。",
    "期末日",
    communities_with_adviser,
    org_field="path",
)
# 一(四) — normative documents
_reg(
    "LEG-NORMATIVE-IN-FORCE",
    "区级生效规范性文件数",
    "件",
    "期末日有效的以区人民政府、区人民政府办公室名义制发的规范性文件（已施行，未废止、未宣布失效、未届满失效）。",
    "期末日",
    in_force,
    org_field="issuer",
)
_reg(
    "LEG-NORMATIVE-ISSUED",
    "统一登记、编号、发布的规范性文件数",
    "件",
    "当年统一登记、统一编号、统一发布的区级规范性文件。",
    "发布日期",
    issued,
    org_field="issuer",
)
_reg(
    "LEG-FILINGS-ON-TIME",
    "按期报送备案数",
    "件次",
    "当年发布的区级规范性文件向市委、市政府、区人大常委会按期（BA-1）报送备案的件次。",
    "发布日期",
    filings_on_time,
    org_field="document__issuer",
)
_reg(
    "LEG-CLEANUP-CHANGED",
    "清理中修改、废止或宣布失效的规范性文件数",
    "件",
    "当年完成的清理中，结果为修改、废止或宣布失效的文件。",
    "清理完成日期",
    ended_in_cleanups,
    org_field="document__issuer",
)
_reg(
    "LEG-FILED-REVIEWED",
    "备案审查的部门、街道规范性文件数",
    "件",
    "当年完成备案审查的部门、街道报备的规范性文件。",
    "审查日期",
    filed_reviewed,
)
_reg(
    "LEG-FILED-CORRECTED",
    "备案审查后纠正的规范性文件数",
    "件",
    "当年确认纠正完毕的报备文件。",
    "办结日期",
    filed_corrected,
)
