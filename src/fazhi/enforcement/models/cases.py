"""Enforcement cases (行政处罚案件) and everything recorded on the way from clue to archive."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Importable, Matter


class Source(models.TextChoices):
    PATROL = "patrol", _("日常巡查")
    COMPLAINT = "complaint", _("投诉举报")
    REFERRAL = "referral", _("部门移送")
    HOTLINE = "hotline", _("12345热线")
    GRID = "grid", _("数字城管")
    CAMPAIGN = "campaign", _("专项行动")
    INSPECTION = "inspection", _("监督检查")
    SAMPLING = "sampling", _("抽样检验")


class Procedure(models.TextChoices):
    GENERAL = "general", _("普通程序")
    SUMMARY = "summary", _("简易程序（当场处罚）")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    BUSINESS = "business", _("个体工商户")
    ORG = "org", _("法人或其他组织")


class Outcome(models.TextChoices):
    PENALTY = "penalty", _("给予行政处罚")
    NO_PENALTY = "no_penalty", _("不予行政处罚")
    FIRST_OFFENCE = "first_offence", _("首违不罚")
    DROPPED = "dropped", _("不予立案或撤销立案")


class CaseStatus(models.TextChoices):
    CLUE = "clue", _("线索登记")
    REGISTERED = "registered", _("已立案（调查取证）")
    PROPOSED = "proposed", _("拟处理意见")
    NOTIFIED = "notified", _("已告知（陈述申辩期）")
    HEARING = "hearing", _("听证")
    REVIEW = "review", _("法制审核")
    DISCUSSION = "discussion", _("集体讨论")
    DECIDED = "decided", _("已作出决定")
    SERVED = "served", _("已送达")
    EXECUTING = "executing", _("执行中")
    CLOSED = "closed", _("已结案")
    ARCHIVED = "archived", _("已归档")
    DROPPED = "dropped", _("不予立案")


class Case(Importable, Matter):
    """One case. Status moves only through ``enforcement.states`` via the kernel."""

    status = models.CharField(
        _("状态"), max_length=30, db_index=True, choices=CaseStatus.choices, default=CaseStatus.CLUE
    )
    body = models.ForeignKey(
        "EnforcementBody",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("执法主体"),
    )
    field = models.ForeignKey(
        "EnforcementField",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("执法领域"),
    )
    item = models.ForeignKey(
        "EnforcementItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("执法事项"),
    )
    campaign = models.ForeignKey(
        "Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("专项行动"),
    )
    source = models.CharField(_("案件来源"), max_length=20, choices=Source.choices)
    source_ref = models.CharField(_("来源编号"), max_length=60, blank=True)
    procedure = models.CharField(
        _("程序"), max_length=10, choices=Procedure.choices, default=Procedure.GENERAL
    )
    party_kind = models.CharField(_("当事人类型"), max_length=10, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人"), max_length=200)
    party_id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    party_id_number_digest = DigestField(source="party_id_number")
    party_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    party_legal_rep = models.CharField(_("法定代表人"), max_length=50, blank=True)
    party_address = models.CharField(_("住所"), max_length=300, blank=True)
    party_phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    party_phone_digest = DigestField(source="party_phone")
    facts = models.TextField(_("违法事实"), blank=True)
    registered_on = models.DateField(_("立案日期"), null=True, blank=True, db_index=True)
    proposed_fine = models.DecimalField(
        _("拟罚款（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    proposed_band = models.ForeignKey(
        "DiscretionBand", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_kinds = models.JSONField(_("拟处罚种类"), default=list, blank=True)
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    major_reasons = models.JSONField(_("认定为重大的理由"), default=list, blank=True)
    needs_discussion = models.BooleanField(_("需集体讨论"), default=False)
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_held_on = models.DateField(_("听证日期"), null=True, blank=True)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    notice_number = models.CharField(_("告知书文号"), max_length=80, blank=True)
    statements_waived = models.BooleanField(_("当事人放弃陈述申辩"), default=False)
    outcome = models.CharField(_("处理结果"), max_length=20, choices=Outcome.choices, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "party_name",
        "party_id_number",
        "party_credit_code",
        "registered_on",
        "notified_on",
        "notice_number",
        "proposed_fine",
        "is_major",
        "outcome",
        "archived_on",
    )

    @classmethod
    def scope_participants(cls, user):
        """The officers assigned to a case see it and act on it, whoever handles it (a
        second officer of the bureau holds the 仅本人 scope)."""
        if not getattr(user, "is_authenticated", False):
            return None
        return Q(officers__officer__user=user)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["body", "closed_on"]),
            models.Index(fields=["field", "closed_on"]),
        ]
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")


class CaseOfficer(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="officers")
    officer = models.ForeignKey("Officer", on_delete=models.PROTECT, related_name="case_links")
    certificate = models.ForeignKey("Certificate", on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(_("主办"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="uniq_case_officer")
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.officer}"


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIOVISUAL = "audiovisual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    STATEMENT = "statement", _("当事人陈述")
    APPRAISAL = "appraisal", _("鉴定意见")
    SCENE = "scene", _("勘验笔录、现场笔录")
    INQUIRY = "inquiry", _("询问笔录")


class Evidence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("证据种类"), max_length=20, choices=EvidenceKind.choices)
    title = models.CharField(_("名称"), max_length=200)
    attachment = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    collected_on = models.DateField(_("收集日期"))
    collected_by = models.ForeignKey("Officer", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "collected_on", "id"]
        verbose_name = _("证据")
        verbose_name_plural = _("证据")

    def __str__(self) -> str:
        return self.title


class Recording(models.Model):
    """On-site audio or video (全过程记录), registered by hash, device, officer and time."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="recordings"
    )
    attachment = models.ForeignKey("core.Attachment", on_delete=models.PROTECT, related_name="+")
    device = models.CharField(_("执法记录仪编号"), max_length=60)
    officer = models.ForeignKey("Officer", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("录制时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("音像记录")
        verbose_name_plural = _("音像记录")

    def __str__(self) -> str:
        return f"{self.device} {self.recorded_at:%Y-%m-%d %H:%M}"


class ReviewOpinion(models.TextChoices):
    PASS = "pass", _("同意")
    RETURN = "return", _("退回补充")
    FAIL = "fail", _("不同意")


class LegalReview(models.Model):
    """法制审核 of a major decision (行政处罚法 2021 Art.58; 国办发〔2018〕118号)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    submitted_on = models.DateField(_("送审日期"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人员"),
    )
    decided_on = models.DateField(_("审核日期"), null=True, blank=True)
    opinion = models.CharField(
        _("审核意见"), max_length=10, choices=ReviewOpinion.choices, blank=True
    )
    reasons = models.TextField(_("理由"), blank=True)

    class Meta:
        ordering = ["case", "submitted_on", "id"]
        verbose_name = _("法制审核")
        verbose_name_plural = _("法制审核登记")

    def __str__(self) -> str:
        return f"{self.case} · {self.get_opinion_display() or _('待审核')}"


class Discussion(models.Model):
    """集体讨论 by the body's leaders (行政处罚法 2021 Art.57 para 2)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discussions")
    held_on = models.DateField(_("讨论日期"))
    attendees = models.CharField(_("参加人员"), max_length=300)
    conclusion = models.TextField(_("讨论结论"))

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on}"


class Decision(Importable, models.Model):
    """The decision document: numbered, with its kind, amount, basis and discretion band."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("决定书文号"), max_length=80, unique=True)
    decided_on = models.DateField(_("决定日期"), db_index=True)
    outcome = models.CharField(_("处理结果"), max_length=20, choices=Outcome.choices)
    kinds = models.JSONField(_("处罚种类"), default=list)
    fine = models.DecimalField(_("罚款（元）"), max_digits=14, decimal_places=2, default=0)
    confiscated = models.DecimalField(
        _("没收违法所得（元）"), max_digits=14, decimal_places=2, default=0
    )
    basis = models.TextField(_("处罚依据"))
    band = models.ForeignKey(
        "DiscretionBand",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("适用裁量档次"),
    )
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=30, blank=True)

    scope_org_field = "case__org"
    LEDGER_STATE_FIELDS = ("number", "decided_on", "outcome", "fine", "confiscated", "served_on")
    LEDGER_STATE_PARENT = "case"

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("处罚决定")
        verbose_name_plural = _("处罚决定")

    def __str__(self) -> str:
        return self.number


class PaymentKind(models.TextChoices):
    FINE = "fine", _("罚款")
    SURCHARGE = "surcharge", _("加处罚款")
    INSTALMENT = "instalment", _("分期缴纳")


class Payment(Importable, models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("缴纳日期"))
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    kind = models.CharField(_("类别"), max_length=12, choices=PaymentKind.choices)
    receipt = models.CharField(_("缴款凭证号"), max_length=60, blank=True)

    class Meta:
        ordering = ["decision", "paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} {self.amount}"


class ArrangementKind(models.TextChoices):
    DEFER = "defer", _("延期缴纳")
    INSTALMENTS = "instalments", _("分期缴纳")


class PaymentArrangement(models.Model):
    """暂缓或者分期缴纳: the party in real financial difficulty applies, the body approves
    (行政处罚法 2017 Art.52; 2021 Art.66 para 2). The approved plan replaces the 15-day
    payment period; the surcharge runs from each instalment's own due day."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="arrangement")
    kind = models.CharField(_("方式"), max_length=12, choices=ArrangementKind.choices)
    applied_on = models.DateField(_("申请日期"))
    approved_on = models.DateField(_("批准日期"))
    reason = models.TextField(_("经济困难情况"))
    schedule = models.JSONField(_("缴纳计划"), default=list)  # [{"due": iso, "amount": "0.00"}]

    class Meta:
        verbose_name = _("暂缓或分期缴纳")
        verbose_name_plural = _("暂缓或分期缴纳")

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_kind_display()}"


class CourtApplication(models.Model):
    """申请人民法院强制执行 (行政强制法 Art.53–54)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="court")
    reminded_on = models.DateField(_("催告日期"))
    applied_on = models.DateField(_("申请日期"), null=True, blank=True)
    court = models.CharField(_("法院"), max_length=100, blank=True)
    result = models.CharField(_("结果"), max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.decision} → {self.court}"


class Publication(models.Model):
    """The public, redacted copy of a decision (公示), and its withdrawal."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="publication")
    published_on = models.DateField(_("公示日期"), db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("公示内容（已脱敏）"))
    withdrawn_on = models.DateField(_("撤下日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("撤下原因"), max_length=300, blank=True)

    scope_org_field = "decision__case__org"

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("执法决定公示")
        verbose_name_plural = _("执法决定公示")

    def __str__(self) -> str:
        return self.title
