"""The digital city-management grid (数字城管): cells, categories, problem reports.

Categories follow the component/event split of GB/T 30428.2 (数字化城市管理信息系统 第2部分：
管理部件和事件); its exact code list could not be confirmed here, so the shipped set is marked
as such and editable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable, Matter


class GridLevel(models.TextChoices):
    DISTRICT = "district", _("区级")
    STREET = "street", _("街道级")
    COMMUNITY = "community", _("社区（村）级")


class GridCell(Importable, models.Model):
    code = models.CharField(_("网格编码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=GridLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )

    scope_org_field = "org"
    scope_admin_roles = ("admin",)  # the grid is configuration: the system administrator's too

    class Meta:
        ordering = ["code"]
        verbose_name = _("网格")
        verbose_name_plural = _("网格")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class GridCategoryKind(models.TextChoices):
    COMPONENT = "component", _("部件")
    EVENT = "event", _("事件")


class GridCategory(models.Model):
    code = models.CharField(_("类别编码"), max_length=20, unique=True)
    kind = models.CharField(_("部件或事件"), max_length=10, choices=GridCategoryKind.choices)
    major = models.CharField(_("大类"), max_length=40)
    name = models.CharField(_("小类"), max_length=60)
    rule_code = models.CharField(_("处置时限规则"), max_length=20)
    confirmed = models.BooleanField(_("已与国家标准核对"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("城管问题类别")
        verbose_name_plural = _("城管问题类别")

    def __str__(self) -> str:
        return f"{self.code} {self.major}·{self.name}"


class GridStatus(models.TextChoices):
    REPORTED = "reported", _("已上报")
    DISPATCHED = "dispatched", _("已派遣")
    HANDLED = "handled", _("已处置待核查")
    CLOSED = "closed", _("已结案")
    RETURNED = "returned", _("核查未通过退回")
    INVALID = "invalid", _("不予立案")


class ReporterKind(models.TextChoices):
    GRID_OFFICER = "grid_officer", _("网格员")
    PUBLIC = "public", _("市民")
    PATROL = "patrol", _("巡查")
    HOTLINE = "hotline", _("12345热线")


class GridReport(Matter):
    """A problem report. The command centre (the unit of the district-level grid cell)
    dispatches it to the responsible unit, which handles it or sends it back as not its
    responsibility; the centre or the reporting grid officer verifies and closes it — never
    the unit that did the work."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=GridStatus.choices,
        default=GridStatus.REPORTED,
    )
    cell = models.ForeignKey(GridCell, on_delete=models.PROTECT, related_name="reports")
    category = models.ForeignKey(GridCategory, on_delete=models.PROTECT, related_name="reports")
    location = models.CharField(_("位置"), max_length=200)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("问题描述"))
    photo = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reporter_kind = models.CharField(_("上报人类型"), max_length=20, choices=ReporterKind.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上报账号"),
    )
    dispatched_on = models.DateField(_("派遣日期"), null=True, blank=True)
    handled_on = models.DateField(_("处置日期"), null=True, blank=True)
    verified_on = models.DateField(_("核查日期"), null=True, blank=True)
    returns = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    sent_back = models.PositiveSmallIntegerField(_("退回改派次数"), default=0)

    @classmethod
    def scope_participants(cls, user):
        """Besides the handling unit: the command centre that dispatches and verifies (the
        unit of the district-level cell above the report's cell) and the grid officer who
        filed the report."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return (
            Q(reported_by=user)
            | Q(cell__parent__isnull=True, cell__org__in=orgs)
            | Q(cell__parent__parent__isnull=True, cell__parent__org__in=orgs)
            | Q(cell__parent__parent__org__in=orgs)
        )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["status", "received_on"])]
        verbose_name = _("数字城管案卷")
        verbose_name_plural = _("数字城管案卷")
