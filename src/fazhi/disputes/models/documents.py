"""Numbered notices and decisions of the dispute matters (三统一: a document is registered and
numbered in the act that issues it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocKind(models.TextChoices):
    FY_CORRECTION = "fy_correction", _("补正通知书")
    FY_ACCEPT = "fy_accept", _("受理通知书")
    FY_REFUSAL = "fy_refusal", _("不予受理决定书")
    FY_ANSWER = "fy_answer", _("提出答复通知书")
    FY_EXTENSION = "fy_extension", _("延期审理通知书")
    FY_SUSPENSION = "fy_suspension", _("中止审理通知书")
    FY_TERMINATION = "fy_termination", _("终止审理决定书")
    FY_DECISION = "fy_decision", _("行政复议决定书")
    XF_ACCEPT = "xf_accept", _("信访事项受理告知书")
    XF_DIVERT = "xf_divert", _("信访事项不予受理告知书")
    XF_REPLY = "xf_reply", _("信访事项处理意见书")
    XF_REVIEW = "xf_review", _("信访事项复查意见书")
    XF_RECHECK = "xf_recheck", _("信访事项复核意见书")


class Document(models.Model):
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("制发单位")
    )
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    kind = models.CharField(_("文书"), max_length=20, choices=DocKind.choices)
    number = models.CharField(_("文号"), max_length=80, unique=True)
    issued_on = models.DateField(_("制发日期"))

    scope_org_field = "org"

    class Meta:
        ordering = ["issued_on", "id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("法律文书")
        verbose_name_plural = _("法律文书")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
