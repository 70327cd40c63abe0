"""行政复议 as the reconsideration body: applications, hearings, suspensions, decisions, the
意见书 and 建议书, and the incidental review of normative documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Matter

from .common import MatterRef, PartyKind


class ReconsiderationBody(models.Model):
    """The reconsideration body (复议机关, the district government) and its office (复议机构,
    in 2019 practice at the Justice Bureau) that handles the cases, with its settings."""

    org = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("行政复议机构"),
    )
    body = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("行政复议机关"),
    )
    doc_prefix = models.CharField(_("机关代字"), max_length=20, default="芙政复")
    suspension_excludes_time = models.BooleanField(
        _("中止期间不计入审理期限（⚠ 法无明文，实务扣除）"), default=False
    )

    scope_org_field = "org"

    class Meta:
        verbose_name = _("行政复议机关设置")
        verbose_name_plural = _("行政复议机关设置")

    def __str__(self) -> str:
        return self.body.name


class Channel(models.TextChoices):
    WRITTEN = "written", _("书面申请")
    ONLINE = "online", _("网上申请")
    ORAL = "oral", _("口头申请（当场记录）")


class ActKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LICENCE = "licence", _("行政许可")
    DISCLOSURE = "disclosure", _("政府信息公开")
    CONFIRMATION = "confirmation", _("行政确认")
    EXPROPRIATION = "expropriation", _("征收补偿")
    INACTION = "inaction", _("不履行法定职责")
    OTHER = "other", _("其他行政行为")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class AcceptMode(models.TextChoices):
    EXPLICIT = "explicit", _("决定受理")
    DEEMED = "deemed", _("期满视为受理")


class DecisionType(models.TextChoices):
    MAINTAIN = "maintain", _("维持")
    REJECT = "reject", _("驳回复议申请")
    REVOKE = "revoke", _("撤销")
    PARTIAL_REVOKE = "partial_revoke", _("部分撤销")
    CHANGE = "change", _("变更")
    ILLEGAL = "illegal", _("确认违法")
    PERFORM = "perform", _("责令履行")
    VOID = "void", _("确认无效")
    COMPENSATE = "compensate", _("责令赔偿")
    MEDIATE = "mediate", _("调解")


#: decisions that correct the act under review (纠错): counted against the respondent
REVERSALS = frozenset(
    {
        DecisionType.REVOKE,
        DecisionType.PARTIAL_REVOKE,
        DecisionType.CHANGE,
        DecisionType.ILLEGAL,
        DecisionType.PERFORM,
        DecisionType.VOID,
        DecisionType.COMPENSATE,
    }
)


class ReconStatus(models.TextChoices):
    RECEIVED = "received", _("待审查受理")
    CORRECTING = "correcting", _("补正中")
    ACCEPTED = "accepted", _("已受理（待发送答复通知）")
    SENT = "sent", _("待被申请人答复")
    REVIEWING = "reviewing", _("审理中")
    SUSPENDED = "suspended", _("中止")
    DECIDED = "decided", _("已作出决定（待送达）")
    CLOSED = "closed", _("已办结")
    REFUSED = "refused", _("不予受理")
    ABANDONED = "abandoned", _("视为放弃申请")
    TERMINATED = "terminated", _("终止")


class TerminationGround(models.TextChoices):
    WITHDRAWN = "withdrawn", _("申请人撤回申请")
    SETTLED = "settled", _("和解后撤回申请")
    DEATH = "death", _("申请人死亡且无人参加")
    LONG_SUSPENSION = "long_suspension", _("中止满六十日原因仍未消除")
    OTHER = "other", _("其他依法终止的情形")


class Reconsideration(Matter, MatterRef):
    """One application for reconsideration, from receipt to service of the decision.

    The respondent's staff take part (they answer and file evidence): they see the case and
    act in the moves their roles allow, never in the body's own moves (``states``)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=ReconStatus.choices,
        default=ReconStatus.RECEIVED,
    )
    body = models.ForeignKey(
        ReconsiderationBody,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("复议机关"),
    )
    channel = models.CharField(_("申请方式"), max_length=10, choices=Channel.choices)
    applicant_kind = models.CharField(_("申请人类型"), max_length=10, choices=PartyKind.choices)
    applicant_name = models.CharField(_("申请人"), max_length=200)
    applicant_id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    applicant_id_number_digest = DigestField(source="applicant_id_number")
    applicant_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    applicant_phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    applicant_phone_digest = DigestField(source="applicant_phone")
    applicant_address = models.CharField(_("住址"), max_length=300, blank=True)
    check_code = models.CharField(_("查询码"), max_length=8, blank=True)
    respondent = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("被申请人"),
    )
    act_kind = models.CharField(_("行政行为类别"), max_length=20, choices=ActKind.choices)
    act_number = models.CharField(_("行政行为文号"), max_length=80, blank=True)
    act_description = models.TextField(_("被申请复议的行政行为"))
    act_known_on = models.DateField(_("知道该行政行为之日"))
    request = models.TextField(_("复议请求"), blank=True)
    procedure = models.CharField(
        _("审理程序"), max_length=12, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    correction_requested_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正材料日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True, db_index=True)
    accept_mode = models.CharField(
        _("受理方式"), max_length=10, choices=AcceptMode.choices, blank=True
    )
    sent_on = models.DateField(_("发送答复通知日期"), null=True, blank=True)
    answered_on = models.DateField(_("被申请人答复日期"), null=True, blank=True)
    answer_missing = models.BooleanField(_("被申请人逾期未答复"), default=False)
    suspended_on = models.DateField(_("中止日期"), null=True, blank=True)
    resumed_on = models.DateField(_("恢复审理日期"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, db_index=True)
    decision_type = models.CharField(
        _("决定类型"), max_length=20, choices=DecisionType.choices, blank=True
    )
    decision_number = models.CharField(_("决定书文号"), max_length=80, blank=True)
    decision_summary = models.TextField(_("决定要点"), blank=True)
    approved_by = models.CharField(_("批准人"), max_length=100, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    termination_ground = models.CharField(
        _("终止情形"), max_length=20, choices=TerminationGround.choices, blank=True
    )

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "applicant_name",
        "applicant_id_number",
        "respondent",
        "accepted_on",
        "accept_mode",
        "procedure",
        "answered_on",
        "decided_on",
        "decision_type",
        "decision_number",
        "served_on",
    )

    @classmethod
    def scope_participants(cls, user):
        """The respondent's staff see the case (they answer it), by their own data scope."""
        from .scoped import respondent_q

        return respondent_q(user, "respondent")

    @property
    def is_reversal(self) -> bool:
        return self.decision_type in REVERSALS

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["respondent", "decided_on"])]
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")


class Hearing(models.Model):
    """听证 of a reconsideration case (实施条例 Art.33; 2023 Art.50–51: notice 5 WD before)."""

    case = models.ForeignKey(Reconsideration, on_delete=models.PROTECT, related_name="hearings")
    notified_on = models.DateField(_("通知日期"))
    held_on = models.DateField(_("听证日期"))
    place = models.CharField(_("地点"), max_length=200)
    attendees = models.CharField(_("参加人员"), max_length=300)
    summary = models.TextField(_("听证情况"), blank=True)

    scope_org_field = "case__org"

    class Meta:
        ordering = ["case", "held_on", "id"]
        verbose_name = _("复议听证")
        verbose_name_plural = _("复议听证")

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on}"


class Suspension(models.Model):
    """中止 and its resumption (实施条例 Art.41; 2023 Art.39), with its ground."""

    case = models.ForeignKey(Reconsideration, on_delete=models.PROTECT, related_name="suspensions")
    ground = models.CharField(_("中止事由"), max_length=200)
    start = models.DateField(_("中止日期"))
    end = models.DateField(_("恢复日期"), null=True, blank=True)
    excludes_time = models.BooleanField(_("不计入审理期限"), default=False)

    class Meta:
        ordering = ["case", "start", "id"]
        verbose_name = _("复议中止")
        verbose_name_plural = _("复议中止")

    def __str__(self) -> str:
        return f"{self.case} · {self.ground}"


class LetterKind(models.TextChoices):
    OPINION = "opinion", _("行政复议意见书")
    SUGGESTION = "suggestion", _("行政复议建议书")


class Letter(models.Model):
    """意见书 to a respondent (to correct its practice; report within 60 days, FY-13) or
    建议书 to the body's departments (实施条例 Arts.57–58), with compliance tracked."""

    case = models.ForeignKey(
        Reconsideration, on_delete=models.PROTECT, related_name="letters", null=True, blank=True
    )
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("发文单位")
    )
    kind = models.CharField(_("类别"), max_length=12, choices=LetterKind.choices)
    number = models.CharField(_("文号"), max_length=80, unique=True)
    issued_on = models.DateField(_("制发日期"))
    to_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("主送单位")
    )
    content = models.TextField(_("主要内容"))
    reported_on = models.DateField(_("反馈日期"), null=True, blank=True)
    result = models.TextField(_("整改落实情况"), blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("number", "kind", "issued_on", "to_org", "reported_on")

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("复议意见书、建议书")
        verbose_name_plural = _("复议意见书、建议书")

    def __str__(self) -> str:
        return self.number

    @classmethod
    def scope_participants(cls, user):
        from .scoped import respondent_q

        return respondent_q(user, "to_org")


class IncidentalReview(MatterRef):
    """附带审查 of a normative document the act relies on (法 Arts.7, 26, 27; 2023 Arts.13,
    56–60): handled within 30 days when the body is competent (FY-11), otherwise forwarded
    within 7 WD (FY-11b). The document is referred to as a matter of the legality domain's
    register when it is fazhi's own (by its document number)."""

    case = models.ForeignKey(
        Reconsideration, on_delete=models.PROTECT, related_name="incidental_reviews"
    )
    document_title = models.CharField(_("规范性文件名称"), max_length=300)
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    issuer = models.CharField(_("制定机关"), max_length=200)
    raised_on = models.DateField(_("提出日期"))
    competent = models.BooleanField(_("本机关有权处理"), default=True)
    forwarded_on = models.DateField(_("转送日期"), null=True, blank=True)
    forwarded_to = models.CharField(_("转送机关"), max_length=200, blank=True)
    concluded_on = models.DateField(_("处理日期"), null=True, blank=True)
    conclusion = models.TextField(_("处理结论"), blank=True)

    class Meta:
        ordering = ["case", "raised_on", "id"]
        verbose_name = _("规范性文件附带审查")
        verbose_name_plural = _("规范性文件附带审查")

    def __str__(self) -> str:
        return self.document_title
