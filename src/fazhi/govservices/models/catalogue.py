"""The service-item catalogue (事项目录), its implementation list (实施清单), materials and
proofs, windows and office hours, transfers to the approval bureau, delegation to streets
and parks, and packages (套餐式审批 / 一件事一次办)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Importable


class ItemKind(models.TextChoices):
    LICENCE = "licence", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    PAYMENT = "payment", _("行政给付")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    FILING = "filing", _("备案")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    OTHER = "other", _("其他行政权力")


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    DISTRICT = "district", _("区级")
    STREET = "street", _("街道（园区）级")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("梳理中")
    IN_FORCE = "in_force", _("已发布")
    ABOLISHED = "abolished", _("已取消")


class Category(models.TextChoices):
    BUSINESS = "business", _("商事登记")
    CONSTRUCTION = "construction", _("工程建设")
    SOCIAL = "social", _("社会事务")
    SOCIAL_SECURITY = "social_security", _("社保医保")
    HEALTH = "health", _("卫生健康")
    CULTURE = "culture", _("文化旅游")
    TRANSPORT = "transport", _("交通运输")
    CITY = "city", _("城市管理")
    OTHER = "other", _("其他")


class OfficeHours(models.Model):
    """作息时间 (a code table): a window's office hours, summer and winter, for promised
    limits counted in working hours (``fazhi.govservices.worktime``)."""

    code = models.SlugField(_("编码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    summer = models.CharField(_("夏季作息"), max_length=60, help_text="09:00-12:00,14:30-17:30")
    winter = models.CharField(_("冬季作息"), max_length=60, help_text="09:00-12:00,13:30-17:00")
    summer_from = models.CharField(_("夏季作息起"), max_length=5, default="05-01")
    winter_from = models.CharField(_("冬季作息起"), max_length=5, default="10-01")

    class Meta:
        ordering = ["code"]
        verbose_name = _("作息时间")
        verbose_name_plural = _("作息时间")

    def __str__(self) -> str:
        return self.name

    def hours(self):
        from ..worktime import Hours

        return Hours.parse(self.summer, self.winter, self.summer_from, self.winter_from)


class ServiceBody(models.Model):
    """A body that handles applications: its 文书 prefix, and whether it exercises the
    relatively centralised licensing power (相对集中行政许可权, the district approval bureau)."""

    org = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="service_body",
        verbose_name=_("机构"),
    )
    centralised = models.BooleanField(_("相对集中行政许可权机关"), default=False)
    doc_prefix = models.CharField(
        _("文书机关代字"),
        max_length=20,
        help_text=_("如“芙审服”，受理通知书文号为 芙审服受〔2019〕1号"),
    )

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "centralised", "doc_prefix")

    class Meta:
        verbose_name = _("政务服务实施机关")
        verbose_name_plural = _("政务服务实施机关")

    def __str__(self) -> str:
        return self.org.name


class WindowKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("综合窗口")
    DEPARTMENT = "department", _("部门窗口")


class Window(models.Model):
    """A service window (办事窗口) of a hall. A department window merged into a comprehensive
    one is closed with ``merged_into`` and the date (一窗通办), so before/after are figures."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属机构")
    )
    name = models.CharField(_("窗口名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=20, choices=WindowKind.choices)
    department = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("原设部门"),
    )
    hours = models.ForeignKey(
        OfficeHours, on_delete=models.PROTECT, related_name="windows", verbose_name=_("作息时间")
    )
    place = models.CharField(_("地点"), max_length=120, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    opened_on = models.DateField(_("设立日期"))
    closed_on = models.DateField(_("撤并日期"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("并入窗口"),
    )

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("name", "kind", "org", "opened_on", "closed_on", "merged_into")

    class Meta:
        ordering = ["org", "kind", "name"]
        verbose_name = _("办事窗口")
        verbose_name_plural = _("办事窗口")

    def __str__(self) -> str:
        return self.name


class Item(Importable, models.Model):
    """A service item (政务服务事项) of the district catalogue, with the standard elements
    (四级九统). The current elements are on the row; every change is kept as an
    ``ItemVersion`` (``valid_from``), so the version in force on a date is answerable.

    Provenance: every district item is reported by a department (``reported_by``); an item
    whose elements follow the national or provincial catalogue names it (``adopted_from``);
    an item someone disputed has ``ItemDispute`` records (who decided, how)."""

    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=20, choices=ItemKind.choices)
    level = models.CharField(_("行使层级"), max_length=12, choices=Level.choices)
    category = models.CharField(_("主题分类"), max_length=20, choices=Category.choices)
    on_application = models.BooleanField(_("依申请事项"), default=True)
    basis = models.TextField(_("设定依据"))
    reported_by = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("上报部门")
    )
    adopted_level = models.CharField(
        _("沿用目录层级"), max_length=12, choices=Level.choices, blank=True
    )
    adopted_from = models.CharField(_("沿用目录编码"), max_length=60, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    pinyin = models.CharField(_("拼音首字母"), max_length=200, blank=True, db_index=True)
    catalogued_on = models.DateField(_("梳理日期"))

    scope_org_field = "reported_by"
    LEDGER_STATE_FIELDS = ("code", "name", "kind", "level", "status", "version", "adopted_from")

    class Meta:
        ordering = ["code"]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @classmethod
    def scope_participants(cls, user):
        """The bodies implementing the item (its entries) and those it was delegated to see
        it too, and act on it in the roles they hold."""
        if not getattr(user, "is_authenticated", False):
            return None
        from django.db.models import Q

        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        return (Q(entries__org_id__in=orgs) | Q(delegations__to_org_id__in=orgs)) if orgs else None


class ItemVersion(Importable, models.Model):
    """One version of an item's elements (with its materials and implementation entries), in
    force from ``valid_from`` until the next version's."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    valid_from = models.DateField(_("生效日期"))
    elements = models.JSONField(_("要素"))
    note = models.CharField(_("变更说明"), max_length=300, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=100)

    scope_org_field = "item__reported_by"

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="uniq_gs_item_version")
        ]
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"


class DisputeOutcome(models.TextChoices):
    KEPT = "kept", _("维持部门上报")
    REASSIGNED = "reassigned", _("调整实施部门")
    MERGED = "merged", _("合并事项")
    REMOVED = "removed", _("不列入目录")


class ItemDispute(models.Model):
    """有异议事项: who raised what about an item, who decided, how and when."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="disputes")
    raised_by = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("提出单位")
    )
    raised_on = models.DateField(_("提出日期"))
    question = models.TextField(_("异议内容"))
    decided_by = models.CharField(_("决定机关"), max_length=100, blank=True)
    outcome = models.CharField(
        _("处理结果"), max_length=12, choices=DisputeOutcome.choices, blank=True
    )
    decision = models.TextField(_("处理意见"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)

    scope_org_field = "item__reported_by"
    LEDGER_STATE_FIELDS = ("raised_on", "outcome", "decided_on")
    LEDGER_STATE_PARENT = "item"

    class Meta:
        ordering = ["item", "raised_on", "id"]
        verbose_name = _("事项异议")
        verbose_name_plural = _("事项异议")

    def __str__(self) -> str:
        return f"{self.item.code} · {self.raised_on}"


class MaterialKind(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    FORM = "form", _("申请表")
    PROOF = "proof", _("证明材料")


class ItemMaterial(Importable, models.Model):
    """A material an item requires. A cut material stays, marked, with its ``MaterialCut``."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    kind = models.CharField(_("材料类型"), max_length=12, choices=MaterialKind.choices)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    required = models.BooleanField(_("必要"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    cut = models.BooleanField(_("已精减"), default=False)

    scope_org_field = "item__reported_by"

    class Meta:
        ordering = ["item", "sort_order", "id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self) -> str:
        return self.name

    @property
    def is_proof(self) -> bool:
        return self.kind == MaterialKind.PROOF


class CutMethod(models.TextChoices):
    CUT = "cut", _("取消")
    MERGED = "merged", _("合并")
    SHARED = "shared", _("数据共享免提交")
    COMMITMENT = "commitment", _("告知承诺替代")


class MaterialCut(models.Model):
    """精减: a material removed from an item's list, how, on what basis and when."""

    material = models.OneToOneField(
        ItemMaterial, on_delete=models.PROTECT, related_name="cut_record"
    )
    method = models.CharField(_("精减方式"), max_length=12, choices=CutMethod.choices)
    basis = models.CharField(_("依据"), max_length=300)
    cut_on = models.DateField(_("精减日期"), db_index=True)
    merged_into = models.ForeignKey(
        ItemMaterial, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "material__item__reported_by"
    LEDGER_STATE_FIELDS = ("method", "cut_on")
    LEDGER_STATE_PARENT = "material"

    class Meta:
        ordering = ["-cut_on", "id"]
        verbose_name = _("材料精减记录")
        verbose_name_plural = _("材料精减记录")

    def __str__(self) -> str:
        return f"{self.material} · {self.get_method_display()}"


class ProofStatus(models.TextChoices):
    KEPT = "kept", _("保留")
    CANCELLED = "cancelled", _("取消")
    COMMITMENT = "commitment", _("以告知承诺替代")


class ProofItem(models.Model):
    """证明事项 register: a proof a body demanded of the public, and what the cleanup decided."""

    name = models.CharField(_("证明名称"), max_length=200)
    issuer = models.CharField(_("开具单位"), max_length=120)
    demanded_by = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("索要部门")
    )
    used_for = models.CharField(_("用途（办理事项）"), max_length=200)
    status = models.CharField(_("清理结果"), max_length=12, choices=ProofStatus.choices)
    basis = models.CharField(_("依据"), max_length=300)
    decided_on = models.DateField(_("决定日期"), db_index=True)

    scope_org_field = "demanded_by"
    LEDGER_STATE_FIELDS = ("name", "status", "decided_on")

    class Meta:
        ordering = ["-decided_on", "id"]
        verbose_name = _("证明事项")
        verbose_name_plural = _("证明事项清理")

    def __str__(self) -> str:
        return self.name


class EntryStatus(models.TextChoices):
    FILED = "filed", _("已填报")
    WITHDRAWN = "withdrawn", _("已停止实施")


class ImplementationEntry(Importable, models.Model):
    """实施清单: how one body implements one item — limits, fee, window, procedure.

    ``promised_days`` (承诺时限, working days, fractions allowed) may not exceed
    ``statutory_days`` (法定时限, the item's law: 行政许可法 Art.42 by default)."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="entries")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("实施主体")
    )
    window = models.ForeignKey(
        Window,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("受理窗口"),
    )
    statutory_days = models.PositiveSmallIntegerField(_("法定时限（工作日）"))
    promised_days = models.DecimalField(_("承诺时限（工作日）"), max_digits=5, decimal_places=2)
    on_the_spot = models.BooleanField(_("即办件"), default=False)
    commitment = models.BooleanField(_("告知承诺制"), default=False)
    commitment_text = models.TextField(_("承诺书内容"), blank=True)
    post_check_days = models.PositiveSmallIntegerField(_("事后核查期限（日）"), default=0)
    fee = models.DecimalField(_("收费标准（元）"), max_digits=10, decimal_places=2, default=0)
    fee_basis = models.CharField(_("收费依据"), max_length=300, blank=True)
    procedure = models.TextField(_("办理流程"), blank=True)
    place = models.CharField(_("办理地点"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.FILED
    )
    filed_on = models.DateField(_("填报日期"), db_index=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = (
        "org",
        "window",
        "statutory_days",
        "promised_days",
        "on_the_spot",
        "commitment",
        "fee",
        "status",
        "filed_on",
    )
    LEDGER_STATE_PARENT = "item"

    class Meta:
        ordering = ["item", "org"]
        constraints = [
            models.UniqueConstraint(fields=["item", "org"], name="uniq_gs_entry_item_org")
        ]
        verbose_name = _("实施清单")
        verbose_name_plural = _("实施清单")

    def __str__(self) -> str:
        return f"{self.item.name}（{self.org.label}）"


class Transfer(models.Model):
    """划转: an item's implementation moved from a department to the approval bureau
    (相对集中行政许可权)."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="transfers")
    from_org = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("原实施部门"),
    )
    to_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("划入机关")
    )
    moved_on = models.DateField(_("划转日期"), db_index=True)
    basis = models.CharField(_("依据"), max_length=300)

    scope_org_field = "to_org"
    LEDGER_STATE_FIELDS = ("from_org", "to_org", "moved_on")
    LEDGER_STATE_PARENT = "item"

    class Meta:
        ordering = ["-moved_on", "id"]
        verbose_name = _("事项划转")
        verbose_name_plural = _("事项划转")

    def __str__(self) -> str:
        return f"{self.item.name} → {self.to_org.label}"


class Delegation(models.Model):
    """下放: an item delegated to a street or park, with the limit before and after."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="delegations")
    to_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("承接单位")
    )
    delegated_on = models.DateField(_("下放日期"), db_index=True)
    original_days = models.DecimalField(_("原办理时限（工作日）"), max_digits=5, decimal_places=2)
    new_days = models.DecimalField(_("下放后时限（工作日）"), max_digits=5, decimal_places=2)
    basis = models.CharField(_("依据"), max_length=300)

    scope_org_field = "to_org"
    LEDGER_STATE_FIELDS = ("to_org", "delegated_on", "original_days", "new_days")
    LEDGER_STATE_PARENT = "item"

    class Meta:
        ordering = ["item", "to_org"]
        constraints = [
            models.UniqueConstraint(fields=["item", "to_org"], name="uniq_gs_delegation")
        ]
        verbose_name = _("事项下放")
        verbose_name_plural = _("事项下放")

    def __str__(self) -> str:
        return f"{self.item.name} → {self.to_org.label}"

    @property
    def reduction(self):
        from decimal import Decimal

        if not self.original_days:
            return Decimal(0)
        return 1 - self.new_days / self.original_days


class PackageKind(models.TextChoices):
    STARTUP = "startup", _("企业开办")
    DEREGISTRATION = "deregistration", _("企业注销")
    LIVELIHOOD = "livelihood", _("民生服务")
    OTHER = "other", _("其他")


class Package(models.Model):
    """套餐 / 一件事: items bundled into one application with one form and one material list,
    and the promise for the whole (企业开办和注销 1.5 working days)."""

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(
        _("类别"), max_length=16, choices=PackageKind.choices, default=PackageKind.OTHER
    )
    promised_days = models.DecimalField(
        _("承诺时限（工作日）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("牵头单位")
    )
    items = models.ManyToManyField(Item, related_name="packages", verbose_name=_("包含事项"))
    set_up_on = models.DateField(_("设立日期"))
    description = models.TextField(_("说明"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("code", "name", "kind", "promised_days", "set_up_on", "is_active")

    class Meta:
        ordering = ["code"]
        verbose_name = _("套餐（一件事）")
        verbose_name_plural = _("套餐（一件事）")

    def __str__(self) -> str:
        return self.name


class CreditRecord(models.Model):
    """A credit record (失信记录) after a false commitment."""

    subject_name = models.CharField(_("主体名称"), max_length=200)
    subject_code = EncryptedCharField(_("证件号码或信用代码"), max_length=18)
    subject_code_digest = DigestField(source="subject_code")
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("记录机关")
    )
    application = models.ForeignKey(
        "Application", on_delete=models.PROTECT, related_name="credit_records"
    )
    reason = models.TextField(_("事由"))
    recorded_on = models.DateField(_("记录日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("subject_name", "subject_code", "recorded_on")
    LEDGER_STATE_PARENT = "application"

    class Meta:
        ordering = ["-recorded_on", "id"]
        verbose_name = _("失信记录")
        verbose_name_plural = _("失信记录")

    def __str__(self) -> str:
        return self.subject_name
