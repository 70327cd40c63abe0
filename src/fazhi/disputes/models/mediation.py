"""“1+X” mediation: one dispute record across people's, administrative, judicial and specialist
mediation; committees at street, community and sector level with their mediators; sessions,
the agreement and its performance, or the failure and the route suggested."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Matter

from .common import MatterRef, Party


class CommitteeKind(models.TextChoices):
    PEOPLE = "people", _("人民调解委员会")
    SPECIALIST = "specialist", _("行业性专业性人民调解委员会")
    ADMINISTRATIVE = "administrative", _("行政调解")
    JUDICIAL = "judicial", _("诉调对接（司法调解）")


class Sector(models.TextChoices):
    GENERAL = "general", _("综合")
    TRAFFIC = "traffic", _("道路交通")
    MEDICAL = "medical", _("医疗纠纷")
    LABOUR = "labour", _("劳动争议")
    PROPERTY = "property", _("物业服务")
    FAMILY = "family", _("婚姻家庭")
    CONSUMER = "consumer", _("消费维权")
    PETITION = "petition", _("信访矛盾")


class CommitteeLevel(models.TextChoices):
    DISTRICT = "district", _("区级")
    STREET = "street", _("街道")
    COMMUNITY = "community", _("社区（村）")
    SECTOR = "sector", _("行业")


class Committee(models.Model):
    """A mediation committee (or an administrative or judicial mediation room) and the
    organisation it belongs to: its disputes are that organisation's."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属单位")
    )
    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=CommitteeKind.choices)
    sector = models.CharField(
        _("领域"), max_length=20, choices=Sector.choices, default=Sector.GENERAL
    )
    level = models.CharField(_("层级"), max_length=10, choices=CommitteeLevel.choices)
    doc_prefix = models.CharField(_("协议书代字"), max_length=20)
    is_active = models.BooleanField(_("启用"), default=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")

    def __str__(self) -> str:
        return self.name


class Mediator(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="mediators")
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=30, default="调解员")
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    full_time = models.BooleanField(_("专职"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("在岗"), default=True)

    scope_org_field = "committee__org"

    class Meta:
        ordering = ["committee", "name"]
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")

    def __str__(self) -> str:
        return self.name


class Category(models.TextChoices):
    FAMILY = "family", _("婚姻家庭")
    NEIGHBOUR = "neighbour", _("邻里纠纷")
    HOUSING = "housing", _("房屋宅基地")
    CONTRACT = "contract", _("合同纠纷")
    DAMAGE = "damage", _("损害赔偿")
    LABOUR = "labour", _("劳动争议")
    MEDICAL = "medical", _("医疗纠纷")
    TRAFFIC = "traffic", _("道路交通事故")
    PROPERTY = "property", _("物业纠纷")
    DEMOLITION = "demolition", _("征地拆迁")
    CONSUMER = "consumer", _("消费纠纷")
    OTHER = "other", _("其他")


class DisputeSource(models.TextChoices):
    WALK_IN = "walk_in", _("当事人申请")
    HOTLINE = "hotline", _("12345热线转办")
    POLICE = "police", _("公安110联动")
    COURT = "court", _("法院委派委托")
    PETITION = "petition", _("信访转办")
    GRID = "grid", _("网格员上报")
    SCREENING = "screening", _("主动排查")


class FailureRoute(models.TextChoices):
    LITIGATION = "litigation", _("引导诉讼")
    ARBITRATION = "arbitration", _("引导仲裁")
    RECONSIDERATION = "reconsideration", _("引导行政复议")
    ADMINISTRATIVE = "administrative", _("移送行政机关处理")
    PETITION = "petition", _("引导信访")
    OTHER = "other", _("其他")


class DisputeStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    MEDIATING = "mediating", _("调解中")
    AGREED = "agreed", _("达成协议（履行中）")
    PERFORMED = "performed", _("履行完毕")
    FAILED = "failed", _("调解不成")
    BREACHED = "breached", _("协议未履行")
    REFUSED = "refused", _("不予受理")


class Dispute(Matter, MatterRef):
    """One dispute, whichever mechanism of the “1+X” handles it. ``org`` is the committee's
    organisation; ``street`` where it arose (hot spots are counted per street)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=DisputeStatus.choices,
        default=DisputeStatus.RECEIVED,
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="disputes", verbose_name=_("调解组织")
    )
    mediator = models.ForeignKey(
        Mediator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("调解员"),
    )
    category = models.CharField(_("纠纷类型"), max_length=20, choices=Category.choices)
    source = models.CharField(_("来源"), max_length=20, choices=DisputeSource.choices)
    street = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发生地（街道）"),
    )
    place = models.CharField(_("地点"), max_length=200, blank=True)
    facts = models.TextField(_("纠纷简要情况"))
    amount_claimed = models.DecimalField(
        _("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_major = models.BooleanField(_("重大疑难复杂"), default=False, db_index=True)
    major_reason = models.CharField(_("认定理由"), max_length=200, blank=True)
    escalated_on = models.DateField(_("上报日期"), null=True, blank=True)
    escalated_from = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("原调解组织"),
    )
    started_on = models.DateField(_("首次调解日期"), null=True, blank=True)
    agreed_on = models.DateField(_("达成协议日期"), null=True, blank=True, db_index=True)
    performed_on = models.DateField(_("履行完毕日期"), null=True, blank=True)
    failure_route = models.CharField(
        _("建议途径"), max_length=20, choices=FailureRoute.choices, blank=True
    )
    check_code = models.CharField(_("查询码"), max_length=8, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "committee",
        "category",
        "is_major",
        "agreed_on",
        "performed_on",
        "failure_route",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["committee", "agreed_on"]),
            models.Index(fields=["street", "received_on"]),
        ]
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")


class Side(models.TextChoices):
    APPLICANT = "applicant", _("申请方")
    RESPONDENT = "respondent", _("被申请方")


class DisputeParty(Party):
    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="parties")
    side = models.CharField(_("当事方"), max_length=12, choices=Side.choices)
    signed_on = models.DateField(_("协议签名日期"), null=True, blank=True)

    scope_org_field = "dispute__org"

    class Meta:
        ordering = ["dispute", "side", "id"]
        verbose_name = _("纠纷当事人")
        verbose_name_plural = _("纠纷当事人")


class Session(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("调解日期"))
    mediator = models.ForeignKey(Mediator, on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("地点"), max_length=200, blank=True)
    summary = models.TextField(_("调解情况"))

    class Meta:
        ordering = ["dispute", "held_on", "id"]
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")

    def __str__(self) -> str:
        return f"{self.dispute} · {self.held_on}"


class AgreementForm(models.TextChoices):
    WRITTEN = "written", _("书面协议")
    ORAL = "oral", _("口头协议")


class Agreement(models.Model):
    """调解协议 (人民调解法 Arts.28–33): written, signed (or sealed) by every party, effective
    on signature; or oral, effective when reached. Its amount is what the seed sums
    (协议涉及金额); its schedule is what performance is tracked against. The parties may
    jointly apply for 司法确认 within 30 days (TJ-2)."""

    dispute = models.OneToOneField(Dispute, on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField(_("协议书编号"), max_length=80, unique=True)
    form = models.CharField(_("形式"), max_length=10, choices=AgreementForm.choices)
    signed_on = models.DateField(_("达成日期"), db_index=True)
    amount = models.DecimalField(_("协议金额（元）"), max_digits=14, decimal_places=2, default=0)
    terms = models.TextField(_("协议内容"))
    schedule = models.JSONField(_("履行计划"), default=list, blank=True)
    confirmation_applied_on = models.DateField(_("申请司法确认日期"), null=True, blank=True)
    confirmation_court = models.CharField(_("确认法院"), max_length=100, blank=True)

    scope_org_field = "dispute__org"
    LEDGER_STATE_FIELDS = ("number", "form", "signed_on", "amount")
    LEDGER_STATE_PARENT = "dispute"

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")

    def __str__(self) -> str:
        return self.number


class Performance(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="performances")
    performed_on = models.DateField(_("履行日期"))
    amount = models.DecimalField(_("履行金额（元）"), max_digits=14, decimal_places=2, default=0)
    note = models.CharField(_("履行情况"), max_length=300)

    class Meta:
        ordering = ["agreement", "performed_on", "id"]
        verbose_name = _("协议履行")
        verbose_name_plural = _("协议履行")

    def __str__(self) -> str:
        return f"{self.agreement} · {self.performed_on}"
