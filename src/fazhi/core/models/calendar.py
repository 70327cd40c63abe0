"""The official work calendar, as data administrators keep (国务院办公厅 annual notices)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year whose holiday notice is known. Dates in other years are an error, never a guess.

    A year is entered from the State Council General Office's notice (文号 and date), then
    put in force (``in_force``); until then the calendar treats it as unannounced, so clocks
    reaching into it stay provisional (待公布) instead of counting a half-entered year. A year
    whose holiday count is far from the usual needs an explicit confirmation
    (``unusual_confirmed``) and is flagged on the calendar page."""

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    source = models.CharField(_("依据（通知）"), max_length=300)
    notice_number = models.CharField(_("通知文号"), max_length=60, blank=True)
    notice_date = models.DateField(_("通知发布日期"), null=True, blank=True)
    in_force = models.BooleanField(_("已生效"), default=True)
    unusual_confirmed = models.BooleanField(_("天数异常已确认"), default=False)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["year"]
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")

    def __str__(self) -> str:
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    WORKDAY = "workday", _("调休上班")


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday default: a holiday or a make-up working day."""

    date = models.DateField(_("日期"), primary_key=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=20)
    notice_year = models.ForeignKey(
        CalendarYear, on_delete=models.PROTECT, related_name="days", verbose_name=_("所属年度通知")
    )
    source = models.CharField(_("依据"), max_length=300)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
