"""信访: petitions with their petitioners, batches of items assigned by inspection teams, and
backlog cases (积案) with the leader responsible (包案)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.cryptofield import DigestField, EncryptedCharField
from fazhi.core.models import Matter

from .common import MatterRef, Party


class PetitionOffice(models.Model):
    """The petitions office (信访工作机构) that registers petitions and numbers its documents;
    the public petition form files with it."""

    org = models.OneToOneField(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("信访工作机构"),
    )
    doc_prefix = models.CharField(_("机关代字"), max_length=20, default="芙信")

    scope_org_field = "org"

    class Meta:
        verbose_name = _("信访工作机构设置")
        verbose_name_plural = _("信访工作机构设置")

    def __str__(self) -> str:
        return self.org.name


class PetitionChannel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上信访")
    PHONE = "phone", _("电话")


class PetitionCategory(models.TextChoices):
    CLAIM = "claim", _("申诉求决类")
    SUGGESTION = "suggestion", _("建议意见类")
    ACCUSATION = "accusation", _("检举控告类")
    OTHER = "other", _("其他")


class PetitionSource(models.TextChoices):
    DIRECT = "direct", _("直接收到")
    TRANSFERRED = "transferred", _("上级转送")
    ASSIGNED = "assigned", _("上级交办")
    INSPECTION = "inspection", _("巡视督导交办")


class DivertRoute(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    CIVIL = "civil", _("民事诉讼")
    OTHER_ORGAN = "other_organ", _("人大、法院、检察院等")


class ReplyOutcome(models.TextChoices):
    SUPPORT = "support", _("予以支持")
    PARTIAL = "partial", _("部分支持")
    REJECT = "reject", _("不予支持")
    EXPLAIN = "explain", _("解释说明")
    MEDIATED = "mediated", _("调处化解")


class Stage(models.TextChoices):
    FIRST = "first", _("办理")
    REVIEW = "review", _("复查")
    RECHECK = "recheck", _("复核")


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ACCEPTED = "accepted", _("已受理（办理中）")
    REPLIED = "replied", _("已出具意见")
    REVIEWING = "reviewing", _("复查复核中")
    CLOSED = "closed", _("已办结")
    TRANSFERRED = "transferred", _("已转送")
    DIVERTED = "diverted", _("诉访分离（导入法定途径）")


class Petition(Matter, MatterRef):
    """One 信访事项, registered by the petitions office (``org``) and handled by the unit it
    is assigned to (``handler_org``, whose staff take part). Under the 2005 regulation every
    period is in calendar days: receipt notice 15 days (XF-2/XF-3), handling 60 days + 30
    approved (XF-5), 复查 and 复核 requested and answered within 30 days each (XF-6, XF-7)."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=PetitionStatus.choices,
        default=PetitionStatus.REGISTERED,
    )
    channel = models.CharField(_("信访形式"), max_length=10, choices=PetitionChannel.choices)
    category = models.CharField(_("类别"), max_length=20, choices=PetitionCategory.choices)
    source = models.CharField(_("来源"), max_length=20, choices=PetitionSource.choices)
    handler_org = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    street = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("问题发生地（街道）"),
    )
    person_count = models.PositiveIntegerField(_("人数"), default=1)
    content = models.TextField(_("信访事由"))
    check_code = models.CharField(_("查询码"), max_length=8, blank=True)
    notified_on = models.DateField(_("书面告知日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    transferred_to = models.CharField(_("转送机关"), max_length=200, blank=True)
    divert_route = models.CharField(
        _("导入途径"), max_length=20, choices=DivertRoute.choices, blank=True
    )
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices, default=Stage.FIRST)
    replied_on = models.DateField(_("出具意见日期"), null=True, blank=True)
    reply_number = models.CharField(_("处理意见书文号"), max_length=80, blank=True)
    reply_outcome = models.CharField(
        _("处理结果"), max_length=20, choices=ReplyOutcome.choices, blank=True
    )
    reply_served_on = models.DateField(_("意见书送达日期"), null=True, blank=True)
    review_requested_on = models.DateField(_("请求复查日期"), null=True, blank=True)
    recheck_requested_on = models.DateField(_("请求复核日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "category",
        "handler_org",
        "accepted_on",
        "stage",
        "replied_on",
        "reply_number",
        "reply_outcome",
    )

    @classmethod
    def scope_participants(cls, user):
        from .scoped import respondent_q

        return respondent_q(user, "handler_org")

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["street", "received_on"])]
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项")


class PetitionPerson(Party):
    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="persons")
    is_representative = models.BooleanField(_("代表"), default=False)

    scope_org_field = "petition__org"

    class Meta:
        ordering = ["petition", "-is_representative", "id"]
        verbose_name = _("信访人")
        verbose_name_plural = _("信访人")


class Team(models.TextChoices):
    PROVINCIAL = "provincial", _("省委巡视组")
    CENTRAL = "central", _("中央扫黑除恶督导组")
    OTHER = "other", _("其他上级机关")


class BatchStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    CLOSED = "closed", _("已办结")


class InspectionBatch(Matter):
    """A batch of petition items assigned by an inspection team, with the deadline the
    assignment letter sets (``due_on``: the team's date, not a statutory period). Closed only
    when every item is."""

    status = models.CharField(
        _("状态"), max_length=30, db_index=True, choices=BatchStatus.choices, default="open"
    )
    team = models.CharField(_("交办单位"), max_length=20, choices=Team.choices)
    batch_no = models.PositiveIntegerField(_("批次"))
    due_on = models.DateField(_("要求办结日期"))
    letter_number = models.CharField(_("交办函文号"), max_length=80, blank=True)

    LEDGER_STATE_FIELDS = (*Matter.LEDGER_STATE_FIELDS, "team", "batch_no", "due_on")

    class Meta:
        ordering = ["-received_on", "team", "batch_no"]
        verbose_name = _("交办批次")
        verbose_name_plural = _("交办批次")


class ItemStatus(models.TextChoices):
    ASSIGNED = "assigned", _("已交办（办理中）")
    REPORTED = "reported", _("已报送办理结果")
    CLOSED = "closed", _("已办结")


class InspectionItem(Matter):
    """One assigned item: handled by ``unit`` (whose staff take part), reported back, and
    closed by the petitions office once the result is checked."""

    status = models.CharField(
        _("状态"), max_length=30, db_index=True, choices=ItemStatus.choices, default="assigned"
    )
    batch = models.ForeignKey(InspectionBatch, on_delete=models.PROTECT, related_name="items")
    seq = models.PositiveIntegerField(_("序号"))
    unit = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )
    petitioner_name = models.CharField(_("信访人"), max_length=100)
    petitioner_id_number = EncryptedCharField(_("身份证号码"), max_length=18, blank=True)
    petitioner_id_number_digest = DigestField(source="petitioner_id_number")
    content = models.TextField(_("反映问题"))
    reported_on = models.DateField(_("报送日期"), null=True, blank=True)
    result = models.TextField(_("办理结果"), blank=True)

    LEDGER_STATE_FIELDS = (*Matter.LEDGER_STATE_FIELDS, "batch", "unit", "reported_on")

    @classmethod
    def scope_participants(cls, user):
        from .scoped import respondent_q

        return respondent_q(user, "unit")

    class Meta:
        ordering = ["batch", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "seq"], name="uniq_inspection_item")
        ]
        verbose_name = _("交办信访件")
        verbose_name_plural = _("交办信访件")


class BacklogStatus(models.TextChoices):
    LISTED = "listed", _("包案化解中")
    PROPOSED = "proposed", _("申请销号")
    RESOLVED = "resolved", _("已化解销号")


class BacklogCase(Matter):
    """信访积案: a long-standing petition matter, owned by the unit responsible, with the
    leader who took charge of it (包案领导); resolved only when the supervisor accepts the
    proposal to strike it off (销号)."""

    status = models.CharField(
        _("状态"), max_length=30, db_index=True, choices=BacklogStatus.choices, default="listed"
    )
    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    leader_name = models.CharField(_("包案领导"), max_length=50)
    leader_post = models.CharField(_("职务"), max_length=50)
    history = models.TextField(_("问题由来"))
    measures = models.TextField(_("化解措施"), blank=True)
    proposed_on = models.DateField(_("申请销号日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (*Matter.LEDGER_STATE_FIELDS, "leader_name", "proposed_on")

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("信访积案")
        verbose_name_plural = _("信访积案")


class BacklogPerson(Party):
    case = models.ForeignKey(BacklogCase, on_delete=models.PROTECT, related_name="persons")

    scope_org_field = "case__org"

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("积案当事人")
        verbose_name_plural = _("积案当事人")
