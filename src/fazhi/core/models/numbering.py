"""Numbered series (三统一: one registration, one numbering, one publication)."""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSeries(models.Model):
    """One series per organisation, kind and year, e.g. 芙政发〔2019〕N号.

    ``pattern`` uses ``{prefix}``, ``{year}`` and ``{n}``; the GB/T 9704 form is the default:
    机关代字 + 〔YYYY〕 + sequence number without leading zeros + 号.
    """

    org = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("文号类别"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年度"))
    prefix = models.CharField(_("机关代字"), max_length=40)
    pattern = models.CharField(_("格式"), max_length=80, default="{prefix}〔{year}〕{n}号")
    last_value = models.PositiveIntegerField(_("已用至"), default=0)

    scope_org_field = "org"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "kind", "year"], name="uniq_number_series")
        ]
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")

    def __str__(self) -> str:
        # ``{n}`` may carry a format spec (``{n:05d}``, a 索引号's five-digit sequence)
        pattern = re.sub(r"\{n(:[^}]*)?\}", "N", self.pattern)
        return pattern.format(prefix=self.prefix, year=self.year)


class IssuedNumber(models.Model):
    """A number taken from a series. Voided numbers stay, marked, and are never reissued."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="numbers")
    value = models.PositiveIntegerField()
    text = models.CharField(_("文号"), max_length=80, unique=True)
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.CharField(max_length=40, blank=True)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    scope_org_field = "series__org"

    class Meta:
        ordering = ["series", "value"]
        constraints = [
            models.UniqueConstraint(fields=["series", "value"], name="uniq_issued_number")
        ]
        verbose_name = _("文号")
        verbose_name_plural = _("文号")

    def __str__(self) -> str:
        return self.text
