"""Keeping documents lawful after issue: cleanups (清理) of the district's documents and the
filing review (备案审查) of documents the departments and streets issue themselves."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Matter


class CleanupKind(models.TextChoices):
    PERIODIC = "periodic", _("定期清理")
    SPECIAL = "special", _("专项清理")


class Cleanup(models.Model):
    """A cleanup: its scope (a query over the documents), each document's outcome with
    reasons, and its report. Outcomes drive the documents' status when applied."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("组织单位")
    )
    title = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=10, choices=CleanupKind.choices)
    topics = models.JSONField(_("清理主题"), default=list, blank=True)
    criteria = models.JSONField(_("清理范围（查询条件）"), default=dict, blank=True)
    started_on = models.DateField(_("开始日期"))
    finished_on = models.DateField(_("完成日期"), null=True, blank=True)
    report = models.TextField(_("清理情况报告"), blank=True)
    number = models.CharField(_("清理结果报告文号"), max_length=40, blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "kind", "started_on", "finished_on", "number")

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("规范性文件清理")
        verbose_name_plural = _("规范性文件清理")

    def __str__(self) -> str:
        return self.title


class CleanupOutcome(models.TextChoices):
    KEEP = "keep", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")
    INVALID = "invalid", _("宣布失效")


class CleanupItem(models.Model):
    cleanup = models.ForeignKey(Cleanup, on_delete=models.PROTECT, related_name="items")
    document = models.ForeignKey(
        "NormativeDocument", on_delete=models.PROTECT, related_name="cleanup_items"
    )
    outcome = models.CharField(
        _("清理结果"), max_length=10, choices=CleanupOutcome.choices, blank=True
    )
    reasons = models.TextField(_("理由"), blank=True)
    decided_on = models.DateField(_("确定日期"), null=True, blank=True)
    applied_on = models.DateField(_("执行日期"), null=True, blank=True)

    scope_org_field = "cleanup__org"
    LEDGER_STATE_FIELDS = ("outcome", "decided_on", "applied_on")
    LEDGER_STATE_PARENT = "cleanup"

    class Meta:
        ordering = ["cleanup", "document__published_on", "document_id"]
        constraints = [
            models.UniqueConstraint(fields=["cleanup", "document"], name="uniq_cleanup_document")
        ]

    def __str__(self) -> str:
        return f"{self.cleanup} · {self.document}"


class FilingStatus(models.TextChoices):
    RECEIVED = "received", _("待审查")
    ACCEPTED = "accepted", _("予以备案")
    CORRECTING = "correcting", _("纠正中")
    CORRECTED = "corrected", _("已纠正")


class FiledDocument(Matter):
    """A department's or street's own normative document filed with the district (有件必备):
    reviewed by the Justice Bureau within the limit (有备必审), every problem tracked until
    corrected (有错必纠). ``org`` is the filing body; a filing after BA-4 is red-carded."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=FilingStatus.choices,
        default=FilingStatus.RECEIVED,
    )
    review_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审查机构")
    )
    doc_number = models.CharField(_("文号"), max_length=80)
    published_on = models.DateField(_("公布日期"))
    filing_due = models.DateField(_("报备期限"), null=True, blank=True)
    late = models.BooleanField(_("逾期报备（红牌）"), default=False)
    body_text = models.TextField(_("正文"), blank=True)
    attachment = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_on = models.DateField(_("审查日期"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审查人员"),
    )
    opinion = models.TextField(_("审查意见"), blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "doc_number",
        "published_on",
        "filing_due",
        "late",
        "reviewed_on",
    )

    @classmethod
    def scope_participants(cls, user):
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        return Q(review_org_id__in=orgs) if orgs else None

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("规范性文件备案审查")
        verbose_name_plural = _("规范性文件备案审查")


class FilingProblem(models.Model):
    """A problem the review found and the correction it requires, tracked until done."""

    filing = models.ForeignKey(FiledDocument, on_delete=models.PROTECT, related_name="problems")
    description = models.TextField(_("问题"))
    requirement = models.TextField(_("纠正要求"))
    due_on = models.DateField(_("纠正期限"))
    corrected_on = models.DateField(_("纠正日期"), null=True, blank=True)
    correction = models.TextField(_("纠正情况"), blank=True)

    scope_org_field = "filing__org"
    LEDGER_STATE_FIELDS = ("due_on", "corrected_on")
    LEDGER_STATE_PARENT = "filing"

    class Meta:
        ordering = ["filing", "id"]
        verbose_name = _("备案审查发现的问题")
        verbose_name_plural = _("备案审查发现的问题")

    def __str__(self) -> str:
        return self.description[:40]
