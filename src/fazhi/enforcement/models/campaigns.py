"""Special campaigns, joint operations, inspections and sampling (一(五)1 of the seed)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable


class CampaignKind(models.TextChoices):
    CAMPAIGN = "campaign", _("专项行动")
    RECTIFICATION = "rectification", _("专项整治")


class Campaign(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=CampaignKind.choices)
    field = models.ForeignKey("EnforcementField", on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(
        "EnforcementBody", on_delete=models.PROTECT, related_name="+", verbose_name=_("牵头单位")
    )
    bodies = models.ManyToManyField(
        "EnforcementBody", related_name="campaigns", blank=True, verbose_name=_("参与单位")
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    description = models.TextField(_("内容"), blank=True)

    scope_org_field = "lead__org"

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("专项行动")
        verbose_name_plural = _("专项行动")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_participants(cls, user):
        """The staff of every participating body see the campaign and record its operations
        (in the roles they hold), not only the lead body's."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        return Q(bodies__org__in=orgs) if orgs else None


class Operation(models.Model):
    """One day's action in a campaign: person-times deployed; joint if several bodies took part."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="operations")
    on = models.DateField(_("日期"), db_index=True)
    person_times = models.PositiveIntegerField(_("出动人次"))
    joint = models.BooleanField(_("联合执法"), default=False)
    place = models.CharField(_("地点"), max_length=200, blank=True)

    scope_org_field = "campaign__lead__org"

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("执法行动")
        verbose_name_plural = _("执法行动")

    def __str__(self) -> str:
        return f"{self.campaign} {self.on}"


class InspectionResult(models.TextChoices):
    CLEAN = "clean", _("未发现问题")
    ISSUES = "issues", _("发现问题责令整改")
    CASE = "case", _("立案查处")


class Inspection(Importable, models.Model):
    """A unit inspected (检查生产经营单位…)."""

    body = models.ForeignKey("EnforcementBody", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    unit_name = models.CharField(_("被检查单位"), max_length=200)
    unit_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    inspected_on = models.DateField(_("检查日期"), db_index=True)
    result = models.CharField(_("检查结果"), max_length=10, choices=InspectionResult.choices)
    findings = models.TextField(_("发现的问题"), blank=True)
    case = models.ForeignKey(
        "Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "body__org"

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("监督检查")
        verbose_name_plural = _("监督检查")

    def __str__(self) -> str:
        return f"{self.unit_name} {self.inspected_on}"


class SamplingResult(models.TextChoices):
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class SamplingBatch(Importable, models.Model):
    """抽检 batch of food or agricultural products."""

    body = models.ForeignKey("EnforcementBody", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, null=True, blank=True, related_name="samples"
    )
    product = models.CharField(_("样品"), max_length=100)
    unit_name = models.CharField(_("被抽样单位"), max_length=200)
    sampled_on = models.DateField(_("抽样日期"), db_index=True)
    result = models.CharField(_("检验结论"), max_length=10, choices=SamplingResult.choices)
    case = models.ForeignKey(
        "Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "body__org"

    class Meta:
        ordering = ["-sampled_on", "-id"]
        verbose_name = _("抽样检验")
        verbose_name_plural = _("抽样检验")

    def __str__(self) -> str:
        return f"{self.product} {self.sampled_on}"
