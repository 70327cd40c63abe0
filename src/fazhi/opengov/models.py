"""依申请公开: disclosure requests (政府信息公开申请), the parts withheld from a partial
disclosure, and the consultations of a third party or a co-producing agency.

The request is a matter (``core.models.Matter``): its status moves only through
``opengov.states`` via the kernel, its reply period is a clock (GK-4) under the version of
the 政府信息公开条例 in force on the day of receipt (2007 text before 2019-05-15, the 2019
revision from that day — the rule registry picks it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Importable, Matter


class Channel(models.TextChoices):
    """How the request arrived; GK-2 (条例第三十一条) fixes the receipt date per channel."""

    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_POST = "registered_post", _("邮寄（需签收）")
    ORDINARY_POST = "ordinary_post", _("平常信函")
    ONLINE = "online", _("互联网")
    FAX = "fax", _("传真")


class ApplicantKind(models.TextChoices):
    """The applicant columns of the annual report's table (国办公开办函〔2021〕30号)."""

    PERSON = "person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class ReplyType(models.TextChoices):
    """The statutory answer types (条例第三十六条), as the annual report's rows group them."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTLY = "partly", _("部分公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")
    CANNOT_PROVIDE = "cannot_provide", _("无法提供")
    NOT_HANDLED = "not_handled", _("不予处理")
    OTHER = "other", _("其他处理")


#: The sub-rows of the annual report's outcome table (政府信息公开工作年度报告格式,
#: 国办公开办函〔2021〕30号, table 三 rows (三)–(六)): each reply of those types names one.
SUBTYPES: dict[str, list[tuple[str, str]]] = {
    ReplyType.NOT_DISCLOSED: [
        ("secret", "属于国家秘密"),
        ("prohibited", "其他法律行政法规禁止公开"),
        ("security", "危及“三安全一稳定”"),
        ("third_party", "保护第三方合法权益"),
        ("internal", "属于三类内部事务信息"),
        ("process", "属于四类过程性信息"),
        ("case_file", "属于行政执法案卷"),
        ("inquiry", "属于行政查询事项"),
    ],
    ReplyType.CANNOT_PROVIDE: [
        ("not_held", "本机关不掌握相关政府信息"),
        ("needs_making", "没有现成信息需要另行制作"),
        ("unclear", "补正后申请内容仍不明确"),
    ],
    ReplyType.NOT_HANDLED: [
        ("petition", "信访举报投诉类申请"),
        ("repeat", "重复申请"),
        ("publication", "要求提供公开出版物"),
        ("excessive", "无正当理由大量反复申请"),
        ("confirm", "要求行政机关确认或重新出具已获取信息"),
    ],
    ReplyType.OTHER: [
        ("no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "其他"),
    ],
}


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("办理中")
    CORRECTION = "correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    ANSWERED = "answered", _("已答复")
    WITHDRAWN = "withdrawn", _("已撤回或视为放弃")


class DisclosureRequest(Matter):
    """One request, received by a body (``org``) through a channel on its receipt date."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
    )
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人"), max_length=200)
    applicant_id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    applicant_id_number_digest = DigestField(source="applicant_id_number")
    applicant_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    applicant_phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    applicant_phone_digest = DigestField(source="applicant_phone")
    applicant_address = models.CharField(_("通信地址"), max_length=300, blank=True)
    description = models.TextField(_("所需信息的内容描述"))
    check_code = models.CharField(_("查询码"), max_length=8, blank=True)
    correction_notified_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_items = models.TextField(_("需补正的事项"), blank=True)
    correction_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    extended_by = models.CharField(_("延长批准人"), max_length=50, blank=True)
    deferred_to = models.DateField(_("延迟答复期限"), null=True, blank=True)
    deferred_reason = models.TextField(_("延迟答复理由"), blank=True)
    fee_notified_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_amount = models.DecimalField(
        _("信息处理费"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    reply_type = models.CharField(
        _("答复类型"), max_length=20, choices=ReplyType.choices, blank=True
    )
    reply_subtype = models.CharField(_("答复情形"), max_length=20, blank=True)
    reply_ground = models.TextField(_("答复理由及依据"), blank=True)
    reply_number = models.CharField(_("答复书文号"), max_length=80, blank=True)
    on_time = models.BooleanField(_("按期答复"), null=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "applicant_name",
        "applicant_id_number",
        "correction_notified_on",
        "correction_received_on",
        "extended_by",
        "deferred_to",
        "fee_notified_on",
        "fee_amount",
        "replied_on",
        "reply_type",
        "reply_number",
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")


class WithheldPart(models.Model):
    """A part not disclosed in a partial disclosure (部分公开), with its ground — every part
    separately, as 条例第三十七条 requires the separable part be disclosed and the rest
    reasoned."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="withheld"
    )
    part = models.CharField(_("不予公开的部分"), max_length=300)
    ground = models.CharField(_("理由及依据"), max_length=500)

    scope_org_field = "request__org"
    LEDGER_STATE_PARENT = "request"

    class Meta:
        ordering = ["id"]
        verbose_name = _("不予公开的部分")
        verbose_name_plural = _("不予公开的部分")

    def __str__(self) -> str:
        return self.part


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见")
    AGENCY = "agency", _("征求其他机关意见")


class Consultation(models.Model):
    """The time a third party (GK-5) or a co-producing agency (GK-6) takes is not counted in
    the reply period (GK-4): the reply clock pauses while it runs."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="consultations"
    )
    kind = models.CharField(_("征求意见类型"), max_length=20, choices=ConsultationKind.choices)
    consulted = models.CharField(_("征求对象"), max_length=200)
    sent_on = models.DateField(_("发出日期"))
    answered_on = models.DateField(_("收到意见日期"), null=True, blank=True)
    opinion = models.TextField(_("意见"), blank=True)

    scope_org_field = "request__org"

    class Meta:
        ordering = ["id"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.consulted}"


class ReportKind(models.TextChoices):
    DEPARTMENT = "department", _("部门年度报告（1月31日前，GK-8）")
    GOVERNMENT = "government", _("本级政府年度报告（3月31日前，GK-9）")


class AnnualReport(models.Model):
    """政府信息公开工作年度报告 of ``org`` for ``year``: the table generated from the
    records (``opengov.annual``), frozen once published."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    year = models.PositiveIntegerField(_("报告年度"))
    kind = models.CharField(_("报告类型"), max_length=20, choices=ReportKind.choices)
    table = models.JSONField(_("表格"), default=dict)
    generated_on = models.DateField(_("生成日期"))
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("year", "kind", "table", "generated_on", "published_on")

    class Meta:
        ordering = ["-year", "org_id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="opengov_report_org_year")
        ]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def __str__(self) -> str:
        return f"{self.org.name}{self.year}年政府信息公开工作年度报告"


class ItemCategory(models.TextChoices):
    """主动公开目录 categories (条例第二十条 items, grouped as the district's catalogue)."""

    FUNCTIONS = "functions", _("机构职能")
    POLICY = "policy", _("政策文件")
    PLANS = "plans", _("规划计划")
    BUDGET = "budget", _("财政预决算")
    LICENSING = "licensing", _("行政许可")
    ENFORCEMENT = "enforcement", _("行政处罚和行政强制")
    PROCUREMENT = "procurement", _("政府采购")
    PROJECTS = "projects", _("重大建设项目")
    PERSONNEL = "personnel", _("人事信息")
    SERVICES = "services", _("公共服务")


class CatalogueCategory(Importable, models.Model):
    """One category of a body's 主动公开目录 (条例第二十条 lists what each body discloses;
    the body keeps its own catalogue, edited here): its name, what it holds and the body
    responsible for keeping it current (责任单位 — the body itself or one of its units)."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("公开主体")
    )
    name = models.CharField(_("目录类别"), max_length=100)
    content = models.CharField(_("公开内容"), max_length=300, blank=True)
    responsible = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )
    order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("在用"), default=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["org_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "name"], name="opengov_catalogue_org_name")
        ]
        verbose_name = _("主动公开目录类别")
        verbose_name_plural = _("主动公开目录类别")

    def __str__(self) -> str:
        return self.name


class DisclosureItem(models.Model):
    """One item of proactive disclosure: formed on a date, published within GK-1's 20 WD
    (the clock runs from formation; a late item shows red)."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("公开主体")
    )
    index_number = models.CharField(_("索引号"), max_length=60, unique=True)
    category = models.CharField(_("公开类别"), max_length=20, choices=ItemCategory.choices)
    catalogue_category = models.ForeignKey(
        CatalogueCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("目录类别"),
    )
    title = models.CharField(_("标题"), max_length=300)
    formed_on = models.DateField(_("信息形成日期"))
    published_on = models.DateField(_("公开日期"), null=True, blank=True, db_index=True)
    on_time = models.BooleanField(_("按期公开"), null=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("index_number", "category", "title", "formed_on", "published_on")

    class Meta:
        ordering = ["-formed_on", "-id"]
        verbose_name = _("主动公开事项")
        verbose_name_plural = _("主动公开事项")

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"


class ContentDuty(Importable, models.Model):
    """内容保障责任: a column of the government website a department must keep current (what
    it holds), checked every month; the check links the website monitor's findings on the
    column (kernel matter references, never an import of the monitor)."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任部门")
    )
    column = models.CharField(_("网站栏目"), max_length=200)
    content = models.CharField(_("保障内容"), max_length=300)
    effective_from = models.DateField(_("责任起始日期"))
    active = models.BooleanField(_("在用"), default=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["org_id", "column", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "column"], name="opengov_duty_org_column")
        ]
        verbose_name = _("内容保障责任")
        verbose_name_plural = _("内容保障责任")

    def __str__(self) -> str:
        return self.column


class DutyCheck(models.Model):
    """The month's check of one duty: the day checked, whether the column is current, the
    monitor's findings on it; ``ok`` only when current and no finding is linked."""

    duty = models.ForeignKey(ContentDuty, on_delete=models.PROTECT, related_name="checks")
    month = models.CharField(_("检查月份"), max_length=7)
    checked_on = models.DateField(_("检查日期"))
    current = models.BooleanField(_("内容已及时更新"))
    ok = models.BooleanField(_("检查合格"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    scope_org_field = "duty__org"
    LEDGER_STATE_FIELDS = ("month", "checked_on", "current", "ok", "note")

    class Meta:
        ordering = ["-month", "id"]
        constraints = [
            models.UniqueConstraint(fields=["duty", "month"], name="opengov_duty_check_month")
        ]
        verbose_name = _("内容保障月度检查")
        verbose_name_plural = _("内容保障月度检查")

    def __str__(self) -> str:
        return f"{self.duty.column} {self.month}"


class DutyFinding(models.Model):
    """A finding of the website monitor on the duty's column, as a kernel matter reference
    (``subject_type``/``subject_id``, opened through ``core.matterlinks``)."""

    duty_check = models.ForeignKey(DutyCheck, on_delete=models.PROTECT, related_name="findings")
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    label = models.CharField(_("问题说明"), max_length=300)

    scope_org_field = "duty_check__duty__org"

    class Meta:
        ordering = ["id"]
        verbose_name = _("监测发现的问题")
        verbose_name_plural = _("监测发现的问题")

    def __str__(self) -> str:
        return self.label
