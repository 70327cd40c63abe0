"""Case-file evaluation (案卷评查): rounds, sampled cases, scoring sheets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DIMENSIONS = [
    ("subject", _("执法主体")),
    ("procedure", _("执法程序")),
    ("evidence", _("证据认定")),
    ("law", _("法律适用")),
    ("documents", _("文书制作")),
    ("discretion", _("裁量适当")),
]


class EvaluationRound(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("组织单位")
    )
    sample_per_body = models.PositiveSmallIntegerField(_("每个主体抽取案卷数"), default=5)
    seed = models.PositiveIntegerField(_("随机抽取种子"))
    started_on = models.DateField(_("开始日期"))
    finished_on = models.DateField(_("结束日期"), null=True, blank=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["-year", "-started_on"]
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")

    def __str__(self) -> str:
        return self.name


class EvaluationSheet(models.Model):
    """One sampled case and its score: 100 points, deductions by dimension with reasons."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="sheets")
    case = models.ForeignKey("Case", on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    deductions = models.JSONField(_("扣分"), default=list)  # [{dimension, points, reason}]
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    scored_on = models.DateField(_("评分日期"), null=True, blank=True)

    scope_org_field = "case__org"

    class Meta:
        ordering = ["round", "case"]
        constraints = [models.UniqueConstraint(fields=["round", "case"], name="uniq_sheet")]
        verbose_name = _("评查表")
        verbose_name_plural = _("评查表")

    def __str__(self) -> str:
        return f"{self.round} · {self.case}"
