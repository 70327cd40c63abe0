"""上一年度行政执法总体情况数据 — each body's annual enforcement figures, published by 31 January
(SZ-4). The figures are a snapshot taken from the indicators when the release is published,
so the public page shows what was published even if records are corrected later."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualStatistics(models.Model):
    body = models.ForeignKey(
        "EnforcementBody",
        on_delete=models.PROTECT,
        related_name="annual_statistics",
        verbose_name=_("执法主体"),
    )
    year = models.PositiveSmallIntegerField(_("数据年度"))
    figures = models.JSONField(_("数据"), default=list, blank=True)
    by_field = models.JSONField(_("分领域数据"), default=list, blank=True)
    summary = models.TextField(_("总体情况说明"), blank=True)
    prepared_on = models.DateField(_("编制日期"))
    published_on = models.DateField(_("公开日期"), null=True, blank=True, db_index=True)

    scope_org_field = "body__org"

    class Meta:
        ordering = ["-year", "body"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="uniq_annual_statistics")
        ]
        verbose_name = _("年度执法数据")
        verbose_name_plural = _("年度执法数据")

    def __str__(self) -> str:
        return _("%(b)s%(y)s年度行政执法数据") % {"b": self.body, "y": self.year}
