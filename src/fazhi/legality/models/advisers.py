"""Legal advisers (法律顾问): public-sector lawyers, outside lawyers and firms, and their
engagements with departments, streets, communities and villages."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable


class AdviserKind(models.TextChoices):
    PUBLIC = "public", _("公职律师")
    LAWYER = "lawyer", _("外聘律师")
    FIRM = "firm", _("律师事务所")


class Adviser(Importable, models.Model):
    """An adviser in the register kept by ``org`` (the Justice Bureau), with the licence
    number (执业证号, 17 digits) and, for a lawyer, the firm."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记单位")
    )
    kind = models.CharField(_("类别"), max_length=10, choices=AdviserKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    licence_no = models.CharField(_("执业证号"), max_length=20)
    firm = models.CharField(_("所在律师事务所或单位"), max_length=100, blank=True)
    firm_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "kind", "name", "licence_no", "firm_credit_code", "is_active")

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["licence_no"], name="uniq_adviser_licence")]
        verbose_name = _("法律顾问")
        verbose_name_plural = _("法律顾问")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_participants(cls, user):
        """A unit sees the advisers it engages, and every member of staff the advisers in
        the register (是否在册 is the district's directory: a street's desk picks from it
        whom to engage for its communities)."""
        from fazhi.core import scoping

        ms = scoping.memberships(user)
        if not ms:
            return None
        q = Q(is_active=True)
        for m in ms:
            q |= Q(engagements__org__path__startswith=m.org.path)
        return q


class Engagement(models.Model):
    """聘用: an adviser serving a unit over a period, bought under a procurement reference."""

    adviser = models.ForeignKey(Adviser, on_delete=models.PROTECT, related_name="engagements")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("服务单位")
    )
    starts_on = models.DateField(_("聘期自"))
    ends_on = models.DateField(_("聘期至"), db_index=True)
    procurement_ref = models.CharField(_("政府采购编号"), max_length=60, blank=True)
    fee = models.DecimalField(_("服务费（元）"), max_digits=12, decimal_places=2, default=0)
    terminated_on = models.DateField(_("提前解聘日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("adviser", "org", "starts_on", "ends_on", "fee", "terminated_on")

    class Meta:
        ordering = ["org__path", "-starts_on"]
        verbose_name = _("法律顾问聘用")
        verbose_name_plural = _("法律顾问聘用")

    def __str__(self) -> str:
        return f"{self.adviser} · {self.org}"

    @classmethod
    def scope_participants(cls, user):
        """The body keeping the adviser register sees the engagements of its advisers."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        return Q(adviser__org_id__in=orgs) if orgs else None

    def active_on(self, day) -> bool:
        end = min(d for d in (self.ends_on, self.terminated_on) if d is not None)
        return self.starts_on <= day <= end
