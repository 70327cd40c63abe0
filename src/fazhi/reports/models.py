"""The annual rule-of-law government report (法治政府建设年度报告) of an organisation and a year.

Each edition is a matter: drafted from the records (``content``: the composed 一、主要工作成效
with every figure and the link to its records), the narrative parts written by people
(opening, 二、存在的问题, 三、下一步工作思路), submitted, signed by the body's leader and
published before 1 April (BG-1). From signing on an edition is frozen — its ``digest`` (the
SHA-256 of its text and figures) is in the ledger; regenerating makes a new edition.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Matter


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("起草中")
    SUBMITTED = "submitted", _("待签发")
    APPROVED = "approved", _("已签发")
    PUBLISHED = "published", _("已公开")


class AnnualReport(Matter):
    status = models.CharField(_("状态"), max_length=30, choices=ReportStatus.choices, db_index=True)
    year = models.PositiveSmallIntegerField(_("报告年度"))
    edition = models.PositiveIntegerField(_("版本"), default=1)
    supersedes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opening = models.TextField(_("开头语"), blank=True)
    problems = models.TextField(_("存在的问题"), blank=True)
    next_steps = models.TextField(_("下一步工作思路"), blank=True)
    signer = models.CharField(_("署名"), max_length=100)
    content = models.JSONField(_("正文（依记录生成）"), default=dict)
    generated_at = models.DateTimeField(_("数据生成时间"))
    digest = models.CharField(_("内容摘要（SHA-256）"), max_length=64, blank=True)
    submitted_on = models.DateField(_("提交日期"), null=True, blank=True)
    approved_on = models.DateField(_("签发日期"), null=True, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        "org",
        "status",
        "year",
        "edition",
        "digest",
        "approved_on",
        "published_on",
    )

    class Meta:
        ordering = ["-year", "org", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "edition"], name="uniq_reports_annual_edition"
            )
        ]
        verbose_name = _("法治政府建设年度报告")
        verbose_name_plural = _("法治政府建设年度报告")

    def __str__(self) -> str:
        return f"{self.title}（第{self.edition}版）"


class PartText(models.Model):
    """The office's wording of a domain's part of the report, for one district: each save is
    a new revision (the latest is used; earlier ones are kept). Checked on save: every
    ``{CODE}`` must be a registered indicator."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("机构")
    )
    key = models.CharField(_("位置"), max_length=20)
    module = models.CharField(_("模块"), max_length=40)
    order = models.PositiveSmallIntegerField(default=100)
    revision = models.PositiveIntegerField(_("修订号"))
    template = models.TextField(_("模板"))
    saved_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("保存时间"))

    scope_org_field = "org"

    class Meta:
        ordering = ["org", "key", "order", "module", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "key", "module", "order", "revision"],
                name="uniq_reports_part_text_revision",
            )
        ]
        verbose_name = _("年度报告段落模板")
        verbose_name_plural = _("年度报告段落模板")

    def __str__(self) -> str:
        return f"{self.key} {self.module} r{self.revision}"
