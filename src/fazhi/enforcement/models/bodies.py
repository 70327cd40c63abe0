"""Enforcement bodies, their fields, the power list (执法事项清单) and discretion standards."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable


class BodyKind(models.TextChoices):
    CENTRALISED = "centralised", _("相对集中行政处罚权机关")
    DEPARTMENT = "department", _("保留执法权的部门")


class EnforcementBody(models.Model):
    """An organisation that holds enforcement powers (执法主体)."""

    org = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="enforcement_body",
        verbose_name=_("机构"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=BodyKind.choices)
    legal_basis = models.CharField(_("主体资格依据"), max_length=300, blank=True)
    fields = models.ManyToManyField(
        "EnforcementField", related_name="bodies", blank=True, verbose_name=_("执法领域")
    )
    public_phone = models.CharField(_("对外电话"), max_length=30, blank=True)
    public_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    doc_prefix = models.CharField(
        _("处罚决定书机关代字"),
        max_length=20,
        blank=True,
        help_text=_("如“芙执罚决”，决定书文号为 芙执罚决〔2019〕1号"),
    )

    scope_org_field = "org"

    class Meta:
        verbose_name = _("执法主体")
        verbose_name_plural = _("执法主体")

    def __str__(self) -> str:
        return self.org.name


class EnforcementField(models.Model):
    """执法领域, e.g. 城市管理, 生态环境, 食品药品, 安全生产, 卫生健康."""

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("执法领域")
        verbose_name_plural = _("执法领域")

    def __str__(self) -> str:
        return self.name


class ItemKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    COERCIVE = "coercive", _("行政强制")
    INSPECTION = "inspection", _("行政检查")


class EnforcementItem(Importable, models.Model):
    """One line of the power list: what may be done, by whom, on what basis."""

    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=300)
    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="items")
    field = models.ForeignKey(EnforcementField, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(_("类别"), max_length=20, choices=ItemKind.choices)
    legal_basis = models.TextField(_("设定依据"))
    penalty_basis = models.TextField(_("处罚依据"), blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    scope_org_field = "body__org"

    class Meta:
        ordering = ["code"]
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项清单")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def public_legal_basis(self) -> str:
        """The basis as the public sees it: without a working note in （⚠ …） brackets (the
        demo marks its illustrative articles so; staff see the mark, the public does not)."""
        return re.sub(r"（⚠[^）]*）", "", self.legal_basis).strip()


class DiscretionBand(Importable, models.Model):
    """裁量基准: a band of facts and the fine range it allows (yuan, inclusive)."""

    item = models.ForeignKey(EnforcementItem, on_delete=models.PROTECT, related_name="bands")
    code = models.CharField(_("档次"), max_length=20)
    facts = models.CharField(_("违法情节"), max_length=300)
    fine_min = models.DecimalField(_("罚款下限（元）"), max_digits=14, decimal_places=2)
    fine_max = models.DecimalField(_("罚款上限（元）"), max_digits=14, decimal_places=2)
    other_measures = models.CharField(_("其他处理"), max_length=200, blank=True)

    class Meta:
        ordering = ["item", "fine_min"]
        constraints = [models.UniqueConstraint(fields=["item", "code"], name="uniq_band")]
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")

    def __str__(self) -> str:
        return f"{self.item.code}/{self.code} {self.fine_min}–{self.fine_max}元"


class MajorCaseRule(models.Model):
    """What makes a decision major (重大执法决定) and so needs 法制审核 (行政处罚法 2021 Art.58).

    Configurable per body (or for all bodies when ``body`` is empty)."""

    body = models.ForeignKey(
        EnforcementBody, on_delete=models.PROTECT, null=True, blank=True, related_name="major_rules"
    )
    name = models.CharField(_("名称"), max_length=100)
    fine_at_least = models.DecimalField(
        _("罚款达到（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    licence_revocation = models.BooleanField(_("吊销许可证照"), default=False)
    closure = models.BooleanField(_("责令停产停业、关闭"), default=False)
    after_hearing = models.BooleanField(_("经过听证"), default=False)
    complex_case = models.BooleanField(_("案情复杂、涉及多个法律关系"), default=False)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("重大执法决定认定规则")
        verbose_name_plural = _("重大执法决定认定规则")

    def __str__(self) -> str:
        return self.name
