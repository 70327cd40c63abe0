"""What the four mechanisms share: the party's identity fields and the matter reference."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    BUSINESS = "business", _("个体工商户")
    ORG = "org", _("法人或其他组织")


class Party(models.Model):
    """A person or organisation taking part: applicant, plaintiff, disputant, petitioner.

    Identity numbers are checked by the services (GB 11643, GB 32100); they are the key by
    which the same person is recognised across petitions, mediation and other sources
    (``fazhi.disputes.crossref``) and never leave the staff pages unmasked."""

    kind = models.CharField(_("类型"), max_length=10, choices=PartyKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=200)
    id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    id_number_digest = DigestField(source="id_number")
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    phone_digest = DigestField(source="phone")
    address = models.CharField(_("住址"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class MatterRef(models.Model):
    """A reference to a matter of another domain (an enforcement decision, a licence
    refusal, a disclosure reply, a hotline order), the way the ledger and clocks refer to
    subjects: type (``app.model``), id and label — never a foreign key into another app."""

    ref_type = models.CharField(_("关联事项类型"), max_length=60, blank=True)
    ref_id = models.CharField(_("关联事项编号"), max_length=40, blank=True)
    ref_label = models.CharField(_("关联事项"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def has_ref(self) -> bool:
        return bool(self.ref_type and self.ref_id)
