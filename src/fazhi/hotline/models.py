"""12345 市民热线: the dispatch catalogue, the work order and what hangs on it.

An order (``Order``, a kernel matter) is taken by the hotline office (``office``) from a
call, the public site or the municipal platform, and assigned (派单) to a lead body
(``org``, the owner while it handles the order) with co-handling bodies (``CoHandler``).
The co-handlers and the office see the order and act in their part through the kernel's
visibility hook (``Order.scope_participants``). Every limit is local configuration (rules
RX-1…RX-6 in the kernel's registry, marked ⚠: no national SLA exists, legal-rules.md §1.11).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Importable, Matter


class OrderKind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    HELP = "help", _("求助")
    SUGGESTION = "suggestion", _("建议")
    ENQUIRY = "enquiry", _("咨询")
    REPORT = "report", _("举报")
    PRAISE = "praise", _("表扬")


class Channel(models.TextChoices):
    PHONE = "phone", _("电话")
    WEB = "web", _("网站")
    PLATFORM = "platform", _("市级平台")


class OrderStatus(models.TextChoices):
    RECEIVED = "received", _("已受理待派单")
    ASSIGNED = "assigned", _("已派单待签收")
    SIGNED = "signed", _("办理中")
    RETURNED = "returned", _("已退回待改派")
    REPLIED = "replied", _("已答复待审核")
    CLOSED = "closed", _("已办结")
    MERGED = "merged", _("已合并")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Category(Importable, models.Model):
    """诉求分类 (an editable code table): the handling rule per category."""

    code = models.CharField(_("分类编码"), max_length=20, unique=True)
    major = models.CharField(_("大类"), max_length=40)
    name = models.CharField(_("小类"), max_length=60)
    rule_code = models.CharField(_("办理时限规则"), max_length=20, default="RX-1")

    class Meta:
        ordering = ["code"]
        verbose_name = _("热线诉求分类")
        verbose_name_plural = _("热线诉求分类")

    def __str__(self) -> str:
        return f"{self.major}·{self.name}"


class DispatchRule(Importable, models.Model):
    """派单目录: category × street → the lead body the agent is offered."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="dispatch")
    street = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("街道"),
    )
    body = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )

    scope_org_field = "body"

    class Meta:
        ordering = ["category__code", "street_id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "street"], name="hotline_dispatch_unique")
        ]
        verbose_name = _("派单目录")
        verbose_name_plural = _("派单目录")

    def __str__(self) -> str:
        return f"{self.category} → {self.body}"


class Order(Matter):
    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=OrderStatus.choices,
        default=OrderStatus.RECEIVED,
    )
    office = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("热线办"),
    )
    kind = models.CharField(_("诉求类型"), max_length=20, choices=OrderKind.choices)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="orders", verbose_name=_("诉求分类")
    )
    street = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在街道"),
    )
    caller_name = models.CharField(_("来电人"), max_length=60, blank=True)
    caller_phone = EncryptedCharField(_("联系电话"), max_length=20)
    caller_phone_digest = DigestField(source="caller_phone")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    text = models.TextField(_("诉求内容"))
    check_code = models.CharField(_("查询码"), max_length=8)
    external_no = models.CharField(_("市级平台工单号"), max_length=40, blank=True)
    assigned_on = models.DateField(_("派单日期"), null=True, blank=True)
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    direct = models.BooleanField(_("直接办结"), default=False)
    rounds = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    returns = models.PositiveSmallIntegerField(_("退单次数"), default=0)
    returned_from = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("退回单位"),
    )
    returned_on = models.DateField(_("退回日期"), null=True, blank=True)
    problem = models.BooleanField(_("问题工单"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("合并至"),
    )
    satisfaction = models.CharField(
        _("回访结果"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    split_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("拆分自"),
    )

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "office",
        "kind",
        "category",
        "assigned_on",
        "signed_on",
        "replied_on",
        "rounds",
        "returns",
        "satisfaction",
    )

    @classmethod
    def scope_participants(cls, user):
        """Besides the lead body: the hotline office that took and dispatched the order, and
        the co-handling bodies."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return Q(office__in=orgs) | Q(cohandlers__org__in=orgs)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["org", "status"]),
        ]
        verbose_name = _("热线工单")
        verbose_name_plural = _("热线工单")


class CoHandler(models.Model):
    """协办单位: its opinion goes to the lead body, which replies to the caller."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="cohandlers")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("协办单位")
    )
    opinion = models.TextField(_("协办意见"), blank=True)
    opinion_on = models.DateField(_("意见日期"), null=True, blank=True)

    scope_org_field = "order__org"
    LEDGER_STATE_FIELDS = ("org", "opinion", "opinion_on")
    LEDGER_STATE_PARENT = "order"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "org"], name="hotline_cohandler_unique")
        ]
        verbose_name = _("协办单位")
        verbose_name_plural = _("协办单位")

    def __str__(self) -> str:
        return f"{self.order_id}·{self.org_id}"


class Extension(models.Model):
    """延期申请: the lead body asks for more working days on its handling clock; a leader of
    the hotline office approves or refuses it (``decision``)."""

    PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
    DECISIONS = [(PENDING, _("待审批")), (APPROVED, _("已批准")), (REFUSED, _("不予批准"))]

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="extensions")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("申请单位")
    )
    days = models.PositiveSmallIntegerField(_("申请延长工作日"))
    reason = models.TextField(_("延期理由"))
    asked_on = models.DateField(_("申请日期"))
    decision = models.CharField(_("审批结果"), max_length=20, choices=DECISIONS, default=PENDING)
    decided_on = models.DateField(_("审批日期"), null=True, blank=True)
    note = models.TextField(_("审批意见"), blank=True)

    scope_org_field = "order__org"
    LEDGER_STATE_FIELDS = ("days", "asked_on", "decision", "decided_on")
    LEDGER_STATE_PARENT = "order"

    class Meta:
        ordering = ["order_id", "id"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")

    def __str__(self) -> str:
        return f"{self.order_id}·{self.days}·{self.decision}"


class Callback(models.Model):
    """回访: one per handling cycle closed; a dissatisfied one starts 重办."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="callbacks")
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=0)
    on = models.DateField(_("回访日期"), db_index=True)
    result = models.CharField(_("回访结果"), max_length=20, choices=Satisfaction.choices)
    reason = models.TextField(_("原因"), blank=True)

    scope_org_field = "order__org"
    LEDGER_STATE_FIELDS = ("round", "on", "result")
    LEDGER_STATE_PARENT = "order"

    class Meta:
        ordering = ["order_id", "round"]
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")

    def __str__(self) -> str:
        return f"{self.order_id}·{self.round}·{self.result}"


class OrderLink(models.Model):
    """What an order became: a kernel matter of another domain, by reference only
    (type, id, label) — the hotline never imports the other domain."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="links")
    subject_type = models.CharField(_("事项类型"), max_length=60)
    subject_id = models.CharField(_("事项编号"), max_length=40)
    label = models.CharField(_("说明"), max_length=200)

    scope_org_field = "order__org"

    class Meta:
        verbose_name = _("关联事项")
        verbose_name_plural = _("关联事项")

    def __str__(self) -> str:
        return self.label


class Consultation(models.Model):
    """会商 meeting of the hotline office on 问题工单 and hot spots."""

    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("热线办")
    )
    held_on = models.DateField(_("会商日期"), db_index=True)
    topic = models.CharField(_("议题"), max_length=200)
    minutes = models.TextField(_("会议纪要"), blank=True)
    report_no = models.CharField(_("报告文号"), max_length=40, blank=True)
    orders = models.ManyToManyField(Order, related_name="consultations", blank=True)
    bodies = models.ManyToManyField("core.Organisation", related_name="+", blank=True)

    scope_org_field = "office"
    LEDGER_STATE_FIELDS = ("held_on", "topic")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("会商会议")
        verbose_name_plural = _("会商会议")

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Knowledge(models.Model):
    """知识库: an answer the agents read out for a 咨询 (直接办结)."""

    office = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("热线办")
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("答复口径"))
    source_order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    scope_org_field = "office"

    class Meta:
        ordering = ["category__code", "id"]
        verbose_name = _("知识库条目")
        verbose_name_plural = _("知识库条目")

    def __str__(self) -> str:
        return self.question
