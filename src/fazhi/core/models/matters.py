"""The abstract base every case-like model shares, and the kernel's own matter."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# {(field, language): {value: label}} — see Matter._get_FIELD_display
_LABELS: dict[tuple[int, str | None], dict] = {}


class Matter(models.Model):
    """Number, owning organisation, title, status, received/closed dates, handler, version.

    Status changes only through ``fazhi.core.workflow.transition``, which checks the model's
    ``TRANSITIONS`` table, the actor's role and the conditions, and bumps ``version`` so a
    stale form is refused with "changed by someone else".
    """

    number = models.CharField(_("编号"), max_length=80, blank=True, db_index=True)
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )
    title = models.CharField(_("标题"), max_length=300)
    status = models.CharField(_("状态"), max_length=30, db_index=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("经办人"),
    )
    version = models.PositiveIntegerField(default=1)

    scope_org_field = "org"
    scope_owner_field = "handler"
    TRANSITIONS: dict = {}
    CLOSED_STATUSES: frozenset[str] = frozenset()
    #: the dated steps of the workflow, in order (``fazhi.core.dates``)
    DATED_STEPS: tuple = ()
    #: clocks (rule codes) whose duty outlives the matter's closing
    CLOCKS_OUTLIVE_CLOSE: frozenset[str] = frozenset()
    #: what every ledger event about the matter records of it (``fazhi.core.ledgerstate``)
    LEDGER_STATE_FIELDS: tuple[str, ...] = ("number", "org", "status", "received_on", "closed_on")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def _get_FIELD_display(self, field):
        """``get_status_display()`` and the like, from a table built once per field and
        language. Django's own hashes every (lazy, translated) choice on each call — on a
        list of 50 cases, some 800 translations per page."""
        key = (id(field), translation.get_language())
        labels = _LABELS.get(key)
        if labels is None:
            labels = _LABELS[key] = {value: str(label) for value, label in field.flatchoices}
        value = getattr(self, field.attname)
        return labels.get(value, value)


class SupervisionTask(Matter):
    """督办整改任务: a supervisor orders an organisation to fix a problem by a deadline.

    Modules raise them from their findings (a portal-monitoring bulletin's rectification
    list, an overdue grid report, a case-file evaluation); the deadline is a clock.
    """

    source = models.CharField(_("来源"), max_length=60)
    source_ref = models.CharField(_("来源记录"), max_length=200, blank=True)
    description = models.TextField(_("问题与要求"))
    result = models.TextField(_("整改情况"), blank=True)
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    reported_on = models.DateField(_("报送日期"), null=True, blank=True)

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=[
            ("assigned", _("待签收")),
            ("rectifying", _("整改中")),
            ("submitted", _("待验收")),
            ("closed", _("已办结")),
            ("cancelled", _("已撤销")),
        ],
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("督办整改任务")
        verbose_name_plural = _("督办整改任务")
