"""依法治区 (legal-rules.md; seed 一(一)): the district's rule-of-law committee (全面依法治区
委员会), its office (全面依法治区办公室, 设在区司法局) and its three coordination groups (执法、
司法、守法普法协调小组) — kernel organisations, each registered here as a ``Body`` with its
rules of work (``WorkRule``: 工作规则, 工作细则); the committee's work points of the year
(``WorkPlan`` 工作要点, each ``WorkPoint`` a matter with a lead body, supporting bodies, a
deadline clock, progress reports with evidence, completion confirmed by the office); and the
heads' "first responsible person" duty reports (``Duty``, 述法) per body per year.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable, Matter


class BodyRole(models.TextChoices):
    COMMITTEE = "committee", _("全面依法治区委员会")
    OFFICE = "office", _("全面依法治区办公室")
    ENFORCEMENT = "enforcement", _("执法协调小组")
    JUDICIAL = "judicial", _("司法协调小组")
    LAW_ABIDING = "law_abiding", _("守法普法协调小组")


class Body(models.Model):
    """One of the committee's bodies: an organisation of the kernel's tree, its part, where
    it sits (the office 设在区司法局) and its composition (主任、常务副主任…)."""

    org = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="governance_body",
        verbose_name=_("机构"),
    )
    role = models.CharField(_("职能"), max_length=20, choices=BodyRole.choices)
    host = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("设在单位"),
    )
    established_on = models.DateField(_("成立日期"))
    composition = models.TextField(_("组成"), blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "role", "host", "established_on", "composition")

    class Meta:
        ordering = ["org__path"]
        verbose_name = _("依法治区机构")
        verbose_name_plural = _("依法治区机构")

    def __str__(self) -> str:
        return self.org.name


class RuleKind(models.TextChoices):
    RULES = "rules", _("工作规则")
    DETAILED = "detailed", _("工作细则")


class WorkRule(models.Model):
    """A body's 工作规则 or 工作细则: the document adopted on a date, with its file."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="work_rules")
    kind = models.CharField(_("类别"), max_length=10, choices=RuleKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    adopted_on = models.DateField(_("审议通过日期"))
    text = models.TextField(_("主要内容"))
    attachment = models.ForeignKey(
        "core.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("文件"),
    )

    scope_org_field = "body__org"
    LEDGER_STATE_FIELDS = ("kind", "title", "adopted_on", "attachment")

    class Meta:
        ordering = ["body_id", "adopted_on", "id"]
        verbose_name = _("工作规则（细则）")
        verbose_name_plural = _("工作规则（细则）")

    def __str__(self) -> str:
        return self.title


class WorkPlan(models.Model):
    """《…年工作要点》: the committee's work points of a year, issued (下发) on a date; its
    points' clocks start on that day."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("印发机关")
    )
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("督办机构")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("下发日期"), null=True, blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "office", "year", "title", "number", "issued_on")

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="governance_plan_org_year")
        ]
        verbose_name = _("年度工作要点")
        verbose_name_plural = _("年度工作要点")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_participants(cls, user):
        """The office supervising it, and every body leading or supporting one of its points."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return Q(office__in=orgs) | Q(points__org__in=orgs) | Q(points__supporters__org__in=orgs)


class PointStatus(models.TextChoices):
    DRAFT = "draft", _("待下发")
    ASSIGNED = "assigned", _("推进中")
    REPORTED = "reported", _("已报完成待确认")
    DONE = "done", _("已完成")


class WorkPoint(Importable, Matter):
    """One work point (任务): led by ``org`` (牵头单位), supported by ``supporters``
    (配合单位), supervised by the plan's office, which confirms its completion."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=PointStatus.choices,
        default=PointStatus.DRAFT,
    )
    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="points")
    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("督办机构")
    )
    seq = models.PositiveSmallIntegerField(_("序号"))
    category = models.CharField(_("工作板块"), max_length=60, blank=True)
    text = models.TextField(_("任务内容"))
    issued_on = models.DateField(_("下发日期"), null=True, blank=True)
    reported_on = models.DateField(_("报完成日期"), null=True, blank=True)
    result = models.TextField(_("完成情况"), blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "plan",
        "office",
        "seq",
        "issued_on",
        "reported_on",
    )

    @classmethod
    def scope_participants(cls, user):
        """Besides the lead body: the supervising office and the supporting bodies."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return Q(office__in=orgs) | Q(supporters__org__in=orgs)

    class Meta:
        ordering = ["plan_id", "seq"]
        indexes = [models.Index(fields=["org", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["plan", "seq"], name="governance_point_plan_seq")
        ]
        verbose_name = _("工作要点任务")
        verbose_name_plural = _("工作要点任务")


class Supporter(Importable, models.Model):
    """配合单位 of a work point: sees it and reports its part of the progress."""

    point = models.ForeignKey(WorkPoint, on_delete=models.CASCADE, related_name="supporters")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("配合单位")
    )

    scope_org_field = "point__org"
    LEDGER_STATE_FIELDS = ("org",)
    LEDGER_STATE_PARENT = "point"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["point", "org"], name="governance_supporter_unique")
        ]
        verbose_name = _("配合单位")
        verbose_name_plural = _("配合单位")

    def __str__(self) -> str:
        return f"{self.point_id}·{self.org_id}"


class Progress(models.Model):
    """A progress report (工作进展) by the lead or a supporting body, with its evidence."""

    point = models.ForeignKey(WorkPoint, on_delete=models.CASCADE, related_name="progress")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("报送单位")
    )
    on = models.DateField(_("报送日期"))
    text = models.TextField(_("进展情况"))
    attachment = models.ForeignKey(
        "core.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("佐证材料"),
    )

    scope_org_field = "point__org"
    LEDGER_STATE_FIELDS = ("org", "on", "attachment")
    LEDGER_STATE_PARENT = "point"

    class Meta:
        ordering = ["point_id", "on", "id"]
        verbose_name = _("工作进展")
        verbose_name_plural = _("工作进展")

    def __str__(self) -> str:
        return f"{self.on} {self.org_id}"


class Duty(models.Model):
    """述法: the head of a body reports on their duties as the first person responsible for
    the rule of law (党政主要负责人履行推进法治建设第一责任人职责), once a year."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    head = models.CharField(_("主要负责人职务"), max_length=60)
    reported_on = models.DateField(_("述法日期"))
    text = models.TextField(_("履职情况"))
    attachment = models.ForeignKey(
        "core.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("述法报告"),
    )

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "year", "head", "reported_on", "attachment")

    class Meta:
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="governance_duty_year")]
        verbose_name = _("第一责任人述法")
        verbose_name_plural = _("第一责任人述法")

    def __str__(self) -> str:
        return f"{self.year} {self.org_id}"
