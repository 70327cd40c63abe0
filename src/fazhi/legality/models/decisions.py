"""Major administrative decisions (重大行政决策, 国务院令第713号 from 2019-09-01): the annual
catalogue and each decision's statutory steps, meeting, publication and evaluation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Matter


class DecisionCatalogue(models.Model):
    """The year's catalogue of decision items (决策事项目录), published after the party
    committee at the same level agrees (Art.3)."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("决策机关")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    agreed_on = models.DateField(_("同级党委同意日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "year", "agreed_on", "published_on")

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="uniq_decision_catalogue")
        ]
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = _("重大行政决策事项目录")

    def __str__(self) -> str:
        return self.title


class CatalogueItem(models.Model):
    catalogue = models.ForeignKey(DecisionCatalogue, on_delete=models.PROTECT, related_name="items")
    seq = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("决策事项"), max_length=300)
    lead_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )
    basis = models.CharField(_("决策依据"), max_length=300, blank=True)
    planned = models.CharField(_("计划完成时间"), max_length=40, blank=True)

    scope_org_field = "catalogue__org"

    class Meta:
        ordering = ["catalogue", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "seq"], name="uniq_catalogue_item")
        ]

    def __str__(self) -> str:
        return self.title


class DecisionStatus(models.TextChoices):
    PREPARING = "preparing", _("履行决策程序")
    DISCUSSION = "discussion", _("提交集体讨论")
    DECIDED = "decided", _("已作出决定")
    PUBLISHED = "published", _("已公布")
    ARCHIVED = "archived", _("已归档")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


class MajorDecision(Matter):
    """One decision: ``org`` is the 承办单位 that prepares it; ``decision_body`` decides
    (the district government), ``registrar_org`` (its office) puts it to the meeting and
    publishes it, ``review_org`` reviews its legality."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PREPARING,
    )
    item = models.ForeignKey(
        CatalogueItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("目录事项"),
    )
    decision_body = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("决策机关")
    )
    registrar_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("会议组织")
    )
    review_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审查机构")
    )
    description = models.TextField(_("决策草案说明"), blank=True)
    needs_expert = models.BooleanField(_("须专家论证"), default=False)
    needs_risk = models.BooleanField(_("须风险评估"), default=False)
    no_consultation_reason = models.CharField(_("不公开征求意见的理由"), max_length=300, blank=True)
    meeting_on = models.DateField(_("会议日期"), null=True, blank=True)
    meeting = models.CharField(_("会议"), max_length=100, blank=True)
    attendees = models.CharField(_("出席人员"), max_length=300, blank=True)
    justice_head_present = models.BooleanField(_("司法行政机关负责人列席"), default=False)
    meeting_outcome = models.TextField(_("会议结论"), blank=True)
    dissent = models.TextField(_("不同意见"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, db_index=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    explanation = models.TextField(_("决策说明（公开）"), blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "needs_expert",
        "needs_risk",
        "meeting_on",
        "justice_head_present",
        "decided_on",
        "published_on",
        "archived_on",
    )

    @classmethod
    def scope_participants(cls, user):
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return Q(review_org_id__in=orgs) | Q(registrar_org_id__in=orgs)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")


class StepKind(models.TextChoices):
    PARTICIPATION = "participation", _("公众参与")
    EXPERT = "expert", _("专家论证")
    RISK = "risk", _("风险评估")
    LEGALITY = "legality", _("合法性审查")
    PARTY = "party", _("报同级党委")
    EVALUATION = "evaluation", _("决策后评估")


class DecisionStep(models.Model):
    """The record of one statutory step: when, by whom, what it found."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("程序"), max_length=20, choices=StepKind.choices)
    done_on = models.DateField(_("完成日期"))
    by = models.CharField(_("承担单位或人员"), max_length=200)
    summary = models.TextField(_("结论"))
    attachment = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "decision__org"

    class Meta:
        ordering = ["decision", "done_on", "id"]
        verbose_name = _("决策程序记录")
        verbose_name_plural = _("决策程序记录")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_on}"
