"""Clocks: a matter's statutory time limits, each with its stored, derived due date."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Clock(models.Model):
    """One running time limit of one matter (a matter may run several).

    ``due_on`` is always derived — calendar + rule version + pauses + extension + restart —
    and stored whenever the clock changes, so lists can sort and filter by it; whether the
    clock is overdue is decided when it is read, against today (no job flips statuses).
    """

    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    subject_label = models.CharField(_("事项"), max_length=300)
    org = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rule = models.ForeignKey("core.TimeRule", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("core.TimeRuleVersion", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("期限"), max_length=100)
    started_on = models.DateField(_("起算日"))
    restarted_on = models.DateField(_("重新起算日"), null=True, blank=True)
    extension = models.PositiveIntegerField(_("延长"), default=0)
    extension_by = models.CharField(_("延长批准人"), max_length=100, blank=True)
    extension_reason = models.CharField(_("延长理由"), max_length=300, blank=True)
    due_on = models.DateField(_("到期日"), null=True, blank=True, db_index=True)
    stopped_on = models.DateField(_("停止日"), null=True, blank=True, db_index=True)
    paused = models.BooleanField(_("中止中"), default=False)
    provisional = models.BooleanField(_("到期日待公布"), default=False)
    party = models.BooleanField(_("当事人期限"), default=False)

    scope_org_field = "org"
    scope_owner_field = "handler"

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            # a subtree's clocks of a period (``indicators.batch``: org_id IN (…) and a date)
            models.Index(fields=["org", "started_on"], name="core_clock_org_started"),
            models.Index(fields=["org", "stopped_on"], name="core_clock_org_stopped"),
            # the open clocks — a few hundred among a district's hundreds of thousands —
            # that every to-do page and reminder reads (the 12345 ladder: ≈30 ms → <1 ms)
            models.Index(
                fields=["subject_type", "due_on"],
                condition=models.Q(stopped_on__isnull=True),
                name="core_clock_open_due",
            ),
        ]
        verbose_name = _("期限")
        verbose_name_plural = _("期限")

    def __str__(self) -> str:
        return f"{self.subject_label} · {self.label}"


class ClockPause(models.Model):
    """Time not counted (补正, 听证, 鉴定, 公告 …). An open pause has no end yet."""

    clock = models.ForeignKey(Clock, on_delete=models.PROTECT, related_name="pauses")
    start = models.DateField(_("中止起"))
    end = models.DateField(_("中止止"), null=True, blank=True)
    reason = models.CharField(_("事由"), max_length=100)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.reason} {self.start}–{self.end or ''}"
