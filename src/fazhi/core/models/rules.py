"""The registry of statutory time limits, each dated by the law version in force."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Confirmation(models.TextChoices):
    CHECKED = "✅", _("已核对法条原文")
    SECONDARY = "☑", _("仅经二手资料确认")
    UNCONFIRMED = "⚠", _("未经确认")


class Unit(models.TextChoices):
    WD = "WD", _("工作日")
    CD = "CD", _("自然日")
    MONTH = "MONTH", _("月")
    YEAR = "YEAR", _("年")
    ANNUAL = "ANNUAL", _("每年固定日期")
    NONE = "NONE", _("无计算期限")


class TimeRule(models.Model):
    """A statutory limit, e.g. GK-4 政府信息公开申请答复期限; its substance is in its versions."""

    code = models.CharField(_("代码"), max_length=20, unique=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    domain = models.CharField(_("所属模块"), max_length=20)
    matter = models.CharField(_("事项"), max_length=60, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("法定期限规则")
        verbose_name_plural = _("法定期限规则")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TimeRuleVersion(models.Model):
    """One version of a rule, in force from ``valid_from`` to ``valid_to`` (inclusive).

    A matter runs under the version in force on the day its clock started. ``statutory_*``
    keep the law's own figures: an administrator may tighten a limit (a local rule can be
    stricter) but never loosen it below the statute.
    """

    rule = models.ForeignKey(TimeRule, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField(_("施行日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)
    law = models.CharField(_("法律法规"), max_length=100)
    law_version = models.CharField(_("版本"), max_length=100, blank=True)
    article = models.CharField(_("条款"), max_length=100, blank=True)
    basis = models.TextField(_("规定内容"))
    start_event = models.CharField(_("起算事件"), max_length=200, blank=True)
    length = models.IntegerField(_("期限"))
    unit = models.CharField(pgettext_lazy("time unit", "单位"), max_length=10, choices=Unit.choices)
    kind = models.CharField(
        _("性质"),
        max_length=10,
        default="deadline",
        choices=[("deadline", _("届满期限（不得晚于）")), ("earliest", _("最早日期（不得早于）"))],
    )
    annual_month_day = models.CharField(_("固定日期"), max_length=5, blank=True)
    roll_forward = models.BooleanField(_("末日遇休息日顺延"), default=True)
    extension_max = models.PositiveIntegerField(_("最多延长"), default=0)
    extension_unit = models.CharField(_("延长单位"), max_length=10, blank=True)
    extension_approver = models.CharField(_("延长批准人"), max_length=100, blank=True)
    extension_notify = models.CharField(_("延长须告知"), max_length=100, blank=True)
    pauses = models.JSONField(_("不计入期限的事项"), default=list, blank=True)
    restart_on = models.JSONField(_("重新起算的事项"), default=list, blank=True)
    confirmed = models.CharField(_("核实情况"), max_length=2, choices=Confirmation.choices)
    note = models.TextField(_("说明"), blank=True)
    source = models.CharField(_("资料来源"), max_length=300, blank=True)
    statutory_length = models.IntegerField(_("法定期限"))
    statutory_extension_max = models.PositiveIntegerField(_("法定最多延长"), default=0)
    local_basis = models.CharField(_("本地收紧依据"), max_length=300, blank=True)

    class Meta:
        ordering = ["rule", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "valid_from"], name="uniq_rule_version")
        ]
        verbose_name = _("法定期限规则版本")
        verbose_name_plural = _("法定期限规则版本")

    def __str__(self) -> str:
        return f"{self.rule.code} {self.law}{self.article}（{self.valid_from}起）"

    @property
    def unconfirmed(self) -> bool:
        return self.confirmed == Confirmation.UNCONFIRMED

    @property
    def public_article(self) -> str:
        """The article as the public may see it: an explicit note that it is missing
        ("—（条号未取得）", "无（…）") is the registry's working note, not the public's."""
        a = (self.article or "").strip()
        return "" if a.startswith(("—", "-", "无（", "（")) or "未取得" in a else a

    def as_rule(self) -> dict:
        """The fields the period engine reads (``PeriodSpec.from_rule``)."""
        return {
            "length": self.length,
            "unit": self.unit,
            "roll_forward": self.roll_forward,
            "extension_max": self.extension_max,
            "extension_unit": self.extension_unit,
            "annual_month_day": self.annual_month_day,
            "pauses": self.pauses,
        }
