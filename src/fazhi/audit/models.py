"""审计整改 and 新官不理旧账.

Audit projects (by the district audit bureau or an audit office above it) with the amounts
cut in project audits (审减) and recovered; findings; a rectification matter per finding
under a clock, closed (销号) only with evidence and the audit body's confirmation.

The ledger of legacy government commitments is keyed to the responsible office, never to a
person: its progress is append-only, a change of leader is a handover event, and a
commitment is never deleted — only closed, with reasons.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Matter


class AuditKind(models.TextChoices):
    BUDGET = "budget", _("预算执行审计")
    RESPONSIBILITY = "responsibility", _("经济责任审计")
    NATURAL_RESOURCES = "natural_resources", _("自然资源资产审计")
    INVESTMENT = "investment", _("政府投资项目审计")
    SPECIAL = "special", _("专项审计调查")


class AuditProject(models.Model):
    """One audit project of ``org`` (the audit body) on an audited body for a period."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审计机关")
    )
    number = models.CharField(_("审计报告文号"), max_length=80, blank=True, db_index=True)
    name = models.CharField(_("项目名称"), max_length=300)
    kind = models.CharField(_("审计类型"), max_length=30, choices=AuditKind.choices)
    audited = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("被审计单位"),
    )
    audited_name = models.CharField(_("被审计单位名称"), max_length=200)
    period = models.CharField(_("审计期间"), max_length=60, blank=True)
    started_on = models.DateField(_("进点日期"))
    reported_on = models.DateField(_("审计报告日期"), null=True, blank=True, db_index=True)
    submitted_amount = models.DecimalField(
        _("送审金额（元）"), max_digits=16, decimal_places=2, default=0
    )
    approved_amount = models.DecimalField(
        _("审定金额（元）"), max_digits=16, decimal_places=2, default=0
    )
    cut_amount = models.DecimalField(
        _("审减金额（元）"), max_digits=16, decimal_places=2, default=0
    )
    recovered_amount = models.DecimalField(
        _("追缴及归还资金（元）"), max_digits=16, decimal_places=2, default=0
    )

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = (
        "number",
        "name",
        "kind",
        "audited_name",
        "reported_on",
        "submitted_amount",
        "approved_amount",
        "cut_amount",
        "recovered_amount",
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("审计项目")
        verbose_name_plural = _("审计项目")

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class FindingCategory(models.TextChoices):
    BUDGET = "budget", _("预算管理")
    FINANCE = "finance", _("财经纪律")
    ASSETS = "assets", _("国有资产管理")
    PROCUREMENT = "procurement", _("政府采购")
    CONSTRUCTION = "construction", _("工程建设管理")
    POLICY = "policy", _("政策落实")
    OTHER = "other", _("其他")


class Finding(models.Model):
    """A problem the audit report states, with its amount and basis."""

    project = models.ForeignKey(AuditProject, on_delete=models.PROTECT, related_name="findings")
    seq = models.PositiveIntegerField(_("序号"))
    category = models.CharField(_("问题类别"), max_length=20, choices=FindingCategory.choices)
    description = models.TextField(_("问题描述"))
    amount = models.DecimalField(_("涉及金额（元）"), max_digits=16, decimal_places=2, default=0)
    basis = models.CharField(_("定性依据"), max_length=300)

    scope_org_field = "project__org"
    LEDGER_STATE_PARENT = "project"

    class Meta:
        ordering = ["project_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["project", "seq"], name="audit_finding_seq_unique")
        ]
        verbose_name = _("审计发现问题")
        verbose_name_plural = _("审计发现问题")

    def __str__(self) -> str:
        return f"{self.project.number} 问题{self.seq}"


class RectificationStatus(models.TextChoices):
    RECTIFYING = "rectifying", _("整改中")
    SUBMITTED = "submitted", _("待审计机关确认")
    CLOSED = "closed", _("已销号")


class Rectification(Matter):
    """整改任务: ``org`` is the responsible body; the audit body takes part (it confirms)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=RectificationStatus.choices,
        default=RectificationStatus.RECTIFYING,
    )
    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="rectification")
    measures = models.TextField(_("整改措施及结果"), blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    confirmation = models.TextField(_("审计机关确认意见"), blank=True)
    recovered_amount = models.DecimalField(
        _("整改金额（元）"), max_digits=16, decimal_places=2, default=0
    )

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "measures",
        "submitted_on",
        "confirmation",
        "recovered_amount",
    )

    @classmethod
    def scope_participants(cls, user):
        """The audit body that found the problem sees the rectification and confirms it."""
        from fazhi.core import scoping

        if not getattr(user, "is_authenticated", False):
            return Q(pk__in=[])
        return Q(finding__project__org__in=[m.org_id for m in scoping.memberships(user)])

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("审计整改任务")
        verbose_name_plural = _("审计整改任务")


class Evidence(models.Model):
    """A piece of rectification evidence (整改佐证材料)."""

    rectification = models.ForeignKey(
        Rectification, on_delete=models.PROTECT, related_name="evidence"
    )
    description = models.CharField(_("材料名称"), max_length=300)
    dated_on = models.DateField(_("材料日期"))

    scope_org_field = "rectification__org"

    class Meta:
        ordering = ["id"]
        verbose_name = _("整改佐证材料")
        verbose_name_plural = _("整改佐证材料")

    def __str__(self) -> str:
        return self.description


# -- 新官不理旧账 -----------------------------------------------------------------------------


class CommitmentCategory(models.TextChoices):
    POLICY = "policy", _("政策承诺不兑现")
    CONTRACT = "contract", _("合同协议不履行")
    ARREARS = "arrears", _("拖欠企业账款")
    JUDGMENT = "judgment", _("生效判决不执行")
    PROPERTY = "property", _("产权纠纷")
    HISTORY = "history", _("历史遗留问题")


class CommitmentSource(models.TextChoices):
    VISIT = "visit", _("企业走访")
    COMPLAINT = "complaint", _("投诉举报")
    HOTLINE = "hotline", _("12345热线")
    AUDIT = "audit", _("审计发现")
    MEETING = "meeting", _("政企座谈")
    SELF = "self", _("自查")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("化解中")
    RESOLVED = "resolved", _("已化解")
    CLOSED = "closed", _("已销号")


class NoDeleteQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(gettext("政府承诺事项不能删除，只能写明理由后销号。"))


class Commitment(Matter):
    """One problem on the ledger, with the office responsible (``org``)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.OPEN,
    )
    category = models.CharField(_("问题类别"), max_length=20, choices=CommitmentCategory.choices)
    source = models.CharField(_("问题来源"), max_length=20, choices=CommitmentSource.choices)
    source_ref = models.CharField(_("来源记录"), max_length=200, blank=True)
    counterparty = models.CharField(_("企业或当事人"), max_length=200)
    counterparty_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    description = models.TextField(_("问题描述"))
    arose_on = models.DateField(_("问题形成日期"))
    amount_owed = models.DecimalField(
        _("涉及金额（元）"), max_digits=16, decimal_places=2, default=0
    )
    amount_settled = models.DecimalField(
        _("已兑现金额（元）"), max_digits=16, decimal_places=2, default=0
    )
    leader = models.CharField(_("责任领导"), max_length=50)
    visit = models.ForeignKey(
        "CompanyVisit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("发现问题的走访"),
    )
    resolved_on = models.DateField(_("化解日期"), null=True, blank=True)
    close_reason = models.TextField(_("销号理由"), blank=True)

    objects = NoDeleteQuerySet.as_manager()

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "category",
        "counterparty",
        "counterparty_credit_code",
        "amount_owed",
        "amount_settled",
        "leader",
        "resolved_on",
        "close_reason",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("新官不理旧账问题")
        verbose_name_plural = _("新官不理旧账问题")

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext("政府承诺事项不能删除，只能写明理由后销号。"))


class ProgressKind(models.TextChoices):
    PROGRESS = "progress", _("进展")
    HANDOVER = "handover", _("责任领导交接")
    REMINDER = "reminder", _("定期提醒")


class CommitmentProgress(models.Model):
    """Append-only history of a commitment (进展 and handovers)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="progress")
    kind = models.CharField(_("类型"), max_length=20, choices=ProgressKind.choices)
    on = models.DateField(_("日期"))
    text = models.TextField(_("内容"))
    settled = models.DecimalField(
        _("本次兑现金额（元）"), max_digits=16, decimal_places=2, default=0
    )

    scope_org_field = "commitment__org"

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("进展记录")
        verbose_name_plural = _("进展记录")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class VisitKind(models.TextChoices):
    VISIT = "visit", _("走访")
    PUBLICITY = "publicity", _("宣传")
    HELP = "help", _("帮扶")
    MEETING = "meeting", _("政企座谈会")


class CompanyVisit(models.Model):
    """A company visit or a 政企 meeting, with the problems it raised."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位")
    )
    kind = models.CharField(_("活动类型"), max_length=20, choices=VisitKind.choices)
    company = models.CharField(_("企业或参会方"), max_length=300)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    held_on = models.DateField(_("日期"))
    problems = models.TextField(_("反映的问题"), blank=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("企业走访及政企座谈")
        verbose_name_plural = _("企业走访及政企座谈")

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()} {self.company}"


class RollupReport(models.Model):
    """审计查出问题整改情况汇总 for the report to the People's Congress standing committee:
    the audit body's roll-up of a year, numbered and frozen when issued (``rows``: the
    figures per kind of audit; ``ageing``: the open findings by age on the day issued)."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审计机关")
    )
    year = models.PositiveIntegerField(_("报告年度"))
    number = models.CharField(_("文号"), max_length=80, unique=True)
    issued_on = models.DateField(_("印发日期"))
    rows = models.JSONField(_("汇总"), default=list)
    ageing = models.JSONField(_("未销号问题账龄"), default=list)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("year", "number", "issued_on", "rows", "ageing")

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("审计整改情况汇总报告")
        verbose_name_plural = _("审计整改情况汇总报告")

    def __str__(self) -> str:
        return self.number
