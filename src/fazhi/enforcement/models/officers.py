"""Officers and their enforcement certificates (行政执法证)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Officer(models.Model):
    """A person authorised to enforce; linked to a user when they use the platform."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officer",
    )
    name = models.CharField(_("姓名"), max_length=50)
    body = models.ForeignKey("EnforcementBody", on_delete=models.PROTECT, related_name="officers")
    is_active = models.BooleanField(_("在岗"), default=True)

    scope_org_field = "body__org"

    class Meta:
        ordering = ["body", "name"]
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")

    def __str__(self) -> str:
        return self.name


class CertificateStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate status", "有效")
    SUSPENDED = "suspended", pgettext_lazy("certificate status", "暂扣")
    REVOKED = "revoked", pgettext_lazy("certificate status", "吊销")


class Certificate(models.Model):
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(_("证件编号"), max_length=40, unique=True)
    fields = models.ManyToManyField(
        "EnforcementField", related_name="+", verbose_name=_("执法领域")
    )
    issuer = models.CharField(_("发证机关"), max_length=100)
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期至"))
    status = models.CharField(
        _("状态"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )

    scope_org_field = "officer__body__org"

    class Meta:
        ordering = ["valid_to"]
        verbose_name = _("行政执法证")
        verbose_name_plural = _("行政执法证")

    def __str__(self) -> str:
        return self.number
