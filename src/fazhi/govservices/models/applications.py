"""Applications (办件) and what is recorded on them: materials, numbered notices, review steps,
the commitment's post-approval check, packages of applications, ratings and rectifications."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Matter


class Channel(models.TextChoices):
    WINDOW = "window", _("窗口")
    ONLINE = "online", _("网上申请")
    POST = "post", _("邮寄")
    PLATFORM = "platform", _("一网通办平台")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORG = "org", _("法人或其他组织")


class AppStatus(models.TextChoices):
    RECEIVED = "received", _("已收件（待受理）")
    SUPPLEMENT = "supplement", _("待补正")
    ACCEPTED = "accepted", _("已受理（审查中）")
    DECIDED = "decided", _("已决定（待送达）")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")
    REVOKED = "revoked", _("许可已撤销")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("准予许可")
    REFUSED = "refused", _("不予许可")


class Application(Matter):
    """One application for one item at one body. Status moves only through
    ``govservices.states`` via the kernel; clocks: XK-1 (notice of missing materials), XK-3
    (decision), XK-6 (issuing the licence); the promise (承诺时限) is counted in the window's
    working hours and stored as ``promised_due_at``."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=AppStatus.choices,
        default=AppStatus.RECEIVED,
    )
    item = models.ForeignKey("Item", on_delete=models.PROTECT, related_name="applications")
    entry = models.ForeignKey(
        "ImplementationEntry", on_delete=models.PROTECT, related_name="applications"
    )
    window = models.ForeignKey(
        "Window", on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    delegation = models.ForeignKey(
        "Delegation", on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    package_application = models.ForeignKey(
        "PackageApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    channel = models.CharField(_("申请方式"), max_length=10, choices=Channel.choices)
    external_ref = models.CharField(_("外部系统编号"), max_length=60, blank=True, db_index=True)
    applicant_kind = models.CharField(_("申请人类型"), max_length=10, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人"), max_length=200)
    applicant_id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    applicant_id_number_digest = DigestField(source="applicant_id_number")
    applicant_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    applicant_phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    applicant_phone_digest = DigestField(source="applicant_phone")
    applicant_address = models.CharField(_("地址"), max_length=300, blank=True)
    agent_name = models.CharField(_("委托代理人"), max_length=50, blank=True)
    agent_id_number = EncryptedCharField(_("代理人身份证号码"), max_length=18, blank=True)
    agent_id_number_digest = DigestField(source="agent_id_number")
    agent_phone = EncryptedCharField(_("代理人电话"), max_length=30, blank=True)
    agent_phone_digest = DigestField(source="agent_phone")
    power_of_attorney = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    check_code = models.CharField(_("查询码"), max_length=8)
    received_at = models.DateTimeField(_("收件时间"))
    notified_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    supplemented_on = models.DateField(_("补正日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True, db_index=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    deemed_accepted = models.BooleanField(_("逾期未告知补正视为受理"), default=False)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("决定"), max_length=10, choices=Outcome.choices, blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    certificate_number = models.CharField(_("证照编号"), max_length=60, blank=True)
    on_the_spot = models.BooleanField(_("当场办结"), default=False)
    commitment_signed_on = models.DateField(_("签署承诺书日期"), null=True, blank=True)
    promised_due_at = models.DateTimeField(_("承诺办结时间"), null=True, blank=True, db_index=True)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "applicant_name",
        "applicant_id_number",
        "applicant_credit_code",
        "accepted_on",
        "deemed_accepted",
        "decided_on",
        "outcome",
        "certificate_number",
        "promised_due_at",
        "revoked_on",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["org", "status"]),
            models.Index(fields=["window", "status"]),
            models.Index(fields=["item", "closed_on"]),
        ]
        verbose_name = _("办件")
        verbose_name_plural = _("办件")

    @property
    def applicant_code(self) -> str:
        return self.applicant_credit_code or self.applicant_id_number

    @property
    def late_on_promise(self) -> bool | None:
        if self.promised_due_at is None or self.closed_at is None:
            return None
        return self.closed_at > self.promised_due_at


class AppMaterial(models.Model):
    """A material of the item, as received (or not yet) for this application."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="materials")
    material = models.ForeignKey("ItemMaterial", on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("收到日期"), null=True, blank=True)
    attachment = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "application__org"

    class Meta:
        ordering = ["application", "material__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "material"], name="uniq_gs_app_material")
        ]

    def __str__(self) -> str:
        return self.material.name


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", _("收件凭证")
    SUPPLEMENT = "supplement", _("补正材料通知书")
    ACCEPTANCE = "acceptance", _("受理通知书")
    REJECTION = "rejection", _("不予受理通知书")
    EXTENSION = "extension", _("延长审查期限告知书")
    GRANT = "grant", _("准予行政许可决定书")
    REFUSAL = "refusal", _("不予行政许可决定书")
    COMMITMENT = "commitment", _("准予许可通知书（告知承诺）")
    TIME_NEEDED = "time_needed", _("所需时间告知书")


class AppNotice(models.Model):
    """A numbered written notice to the applicant (受理凭证、补正通知…); ``content`` keeps
    what it said (the missing materials, the reasons), so it can be printed again."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("文书"), max_length=12, choices=NoticeKind.choices)
    number = models.CharField(_("文号"), max_length=80, unique=True)
    issued_on = models.DateField(_("出具日期"))
    content = models.JSONField(_("内容"), default=dict)

    scope_org_field = "application__org"
    LEDGER_STATE_FIELDS = ("kind", "number", "issued_on")
    LEDGER_STATE_PARENT = "application"

    class Meta:
        ordering = ["application", "issued_on", "id"]
        verbose_name = _("办件文书")
        verbose_name_plural = _("办件文书")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class StepKind(models.TextChoices):
    """Review steps; those the law does not count (行政许可法 Art.45) pause the XK-3 clock —
    which ones is read from the rule version (its ``pauses``), not from this list."""

    SITE = "site", _("现场核查")
    NOTICE = "notice", _("公示公告")
    HEARING = "hearing", _("听证")
    EXPERT = "expert", _("专家评审")
    INSPECT = "inspect", _("检验")
    TEST = "test", _("检测")
    QUARANTINE = "quarantine", _("检疫")
    APPRAISAL = "appraisal", _("鉴定")
    TENDER = "tender", _("招标")
    AUCTION = "auction", _("拍卖")


class ReviewStep(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("审查环节"), max_length=12, choices=StepKind.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    paused_clock = models.BooleanField(_("不计入审查期限"), default=False)
    note = models.TextField(_("情况"), blank=True)

    scope_org_field = "application__org"
    LEDGER_STATE_FIELDS = ("kind", "started_on", "ended_on", "paused_clock")
    LEDGER_STATE_PARENT = "application"

    class Meta:
        ordering = ["application", "started_on", "id"]
        verbose_name = _("审查环节")
        verbose_name_plural = _("审查环节")

    def __str__(self) -> str:
        return self.get_kind_display()


class CheckResult(models.TextChoices):
    CONFORMING = "conforming", _("承诺属实")
    FALSE = "false", _("承诺不实")


class PostCheck(models.Model):
    """The check after approval on commitment (告知承诺制事后核查): due within the item's
    limit, assigned to a member of staff, its result recorded."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="post_check"
    )
    due_on = models.DateField(_("核查期限"), db_index=True)
    due_provisional = models.BooleanField(_("期限待公布"), default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核查人员"),
    )
    checked_on = models.DateField(_("核查日期"), null=True, blank=True)
    result = models.CharField(_("核查结果"), max_length=12, choices=CheckResult.choices, blank=True)
    note = models.TextField(_("核查情况"), blank=True)

    scope_org_field = "application__org"
    LEDGER_STATE_FIELDS = ("due_on", "assigned_to", "checked_on", "result")
    LEDGER_STATE_PARENT = "application"

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("事后核查")
        verbose_name_plural = _("事后核查")

    def __str__(self) -> str:
        return f"{self.application} · {self.due_on}"


class PackageStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    CLOSED = "closed", _("已办结")


class PackageApplication(Matter):
    """一件事一次办: one application for a package, with one form and one de-duplicated
    material list; it spawns an application per item in the item's body and is done when
    every one of them is (its due date is the slowest one's)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=PackageStatus.choices,
        default=PackageStatus.OPEN,
    )
    package = models.ForeignKey("Package", on_delete=models.PROTECT, related_name="applications")
    applicant_name = models.CharField(_("申请人"), max_length=200)
    applicant_code = EncryptedCharField(_("证件号码或信用代码"), max_length=18)
    applicant_code_digest = DigestField(source="applicant_code")
    form = models.JSONField(_("合并申请表"), default=dict)
    received_at = models.DateTimeField(_("申请时间"))
    promised_due_at = models.DateTimeField(_("承诺办结时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "applicant_name",
        "applicant_code",
        "promised_due_at",
    )

    @classmethod
    def scope_participants(cls, user):
        """The bodies handling one of the package's applications see the package."""
        if not getattr(user, "is_authenticated", False):
            return None
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        return Q(applications__org_id__in=orgs) if orgs else None

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("一件事申请")
        verbose_name_plural = _("一件事申请")


class Score(models.IntegerChoices):
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    FAIR = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


class RatingChannel(models.TextChoices):
    DEVICE = "device", _("窗口评价器")
    ONLINE = "online", _("网上评价")
    SMS = "sms", _("短信评价")


class Rating(models.Model):
    """好差评: the applicant's rating of a closed application."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="rating")
    score = models.PositiveSmallIntegerField(_("评价"), choices=Score.choices)
    comment = models.TextField(_("评价内容"), blank=True)
    channel = models.CharField(_("评价渠道"), max_length=10, choices=RatingChannel.choices)
    rated_on = models.DateField(_("评价日期"), db_index=True)

    scope_org_field = "application__org"
    LEDGER_STATE_FIELDS = ("score", "channel", "rated_on")
    LEDGER_STATE_PARENT = "application"

    class Meta:
        ordering = ["-rated_on", "id"]
        verbose_name = _("办件评价")
        verbose_name_plural = _("办件评价")

    def __str__(self) -> str:
        return f"{self.application.number} · {self.get_score_display()}"

    @property
    def is_bad(self) -> bool:
        return self.score <= Score.DISSATISFIED


class RectStatus(models.TextChoices):
    OPEN = "open", _("整改中")
    REPLIED = "replied", _("已整改并回复")


class Rectification(Matter):
    """差评整改: opened by a bad rating; the body rectifies and replies to the applicant
    within the period of rule HP-1."""

    status = models.CharField(
        _("状态"), max_length=30, db_index=True, choices=RectStatus.choices, default=RectStatus.OPEN
    )
    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="rectification")
    measures = models.TextField(_("整改措施"), blank=True)
    reply = models.TextField(_("回复申请人"), blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (*Matter.LEDGER_STATE_FIELDS, "replied_on")

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
