"""Legality review (合法性审查) of what the government issues or signs: normative documents,
documents in the government's name, contracts and major decisions — one register, rounds
of re-submission, and legal involvement in major matters."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Matter


class ReviewKind(models.TextChoices):
    NORMATIVE = "normative", _("规范性文件")
    DOCUMENT = "document", _("以政府名义发文")
    CONTRACT = "contract", _("合同")
    DECISION = "decision", _("重大行政决策")


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待分派")
    ASSIGNED = "assigned", _("审查中")
    RETURNED = "returned", _("退回修改")
    PASSED = "passed", _("审查通过")
    CONDITIONAL = "conditional", _("修改后通过")
    WITHDRAWN = "withdrawn", _("已撤回")


class Opinion(models.TextChoices):
    PASS = "pass", _("通过")
    CHANGES = "changes", _("修改后通过")
    FAIL = "fail", _("不予通过")


class ReviewRequest(Matter):
    """A request for legality review from a department (``org``) to the reviewing body
    (``review_org``), reviewed by one of its reviewers or an adviser it assigns."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=ReviewStatus.choices,
        default=ReviewStatus.SUBMITTED,
    )
    kind = models.CharField(_("类别"), max_length=12, choices=ReviewKind.choices)
    review_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审查机构")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审查人员"),
    )
    adviser = models.ForeignKey(
        "Adviser",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("法律顾问"),
    )
    document = models.ForeignKey(
        "NormativeDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    decision = models.ForeignKey(
        "MajorDecision", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    description = models.TextField(_("送审说明"), blank=True)
    counterparty = models.CharField(_("合同相对方"), max_length=200, blank=True)
    counterparty_credit_code = models.CharField(
        _("相对方统一社会信用代码"), max_length=18, blank=True
    )
    amount = models.DecimalField(
        _("合同金额（元）"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    term_start = models.DateField(_("合同期限自"), null=True, blank=True)
    term_end = models.DateField(_("合同期限至"), null=True, blank=True)
    assigned_on = models.DateField(_("分派日期"), null=True, blank=True)
    resubmitted_on = models.DateField(_("重新送审日期"), null=True, blank=True)
    opinion = models.CharField(_("审查意见"), max_length=10, choices=Opinion.choices, blank=True)
    opinion_on = models.DateField(_("出具意见日期"), null=True, blank=True, db_index=True)
    reasons = models.TextField(_("理由"), blank=True)
    rounds = models.PositiveIntegerField(_("送审轮次"), default=1)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "kind",
        "reviewer",
        "adviser",
        "amount",
        "assigned_on",
        "resubmitted_on",
        "opinion",
        "opinion_on",
        "rounds",
    )

    @classmethod
    def scope_participants(cls, user):
        """The reviewing body sees what is sent to it; an assigned reviewer sees it too."""
        from fazhi.core import scoping

        ms = scoping.memberships(user)
        if not ms:
            return None
        return Q(review_org_id__in=[m.org_id for m in ms]) | Q(reviewer=user)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["kind", "opinion_on"])]
        verbose_name = _("合法性审查")
        verbose_name_plural = _("合法性审查登记")


class ReviewRound(models.Model):
    """One submission of the text and the opinion on it; a re-submission is a new round
    whose text is compared with the last one."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.PROTECT, related_name="round_set")
    n = models.PositiveIntegerField(_("轮次"))
    submitted_on = models.DateField(_("送审日期"))
    text = models.TextField(_("送审文本"))
    sha256 = models.CharField(max_length=64)
    attachment = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opinion = models.CharField(_("审查意见"), max_length=10, choices=Opinion.choices, blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    decided_on = models.DateField(_("出具意见日期"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope_org_field = "request__org"

    class Meta:
        ordering = ["request", "n"]
        constraints = [models.UniqueConstraint(fields=["request", "n"], name="uniq_review_round")]

    def __str__(self) -> str:
        return f"{self.request} 第{self.n}轮"


class InvolvementArea(models.TextChoices):
    DISPUTE = "dispute", _("重大矛盾纠纷调处")
    LEGACY = "legacy", _("历史遗留问题解决")
    RESTRUCTURING = "restructuring", _("企业改制")
    CONTRACT = "contract", _("重要合同签订")
    EXPROPRIATION = "expropriation", _("国有和集体土地房屋征收")
    DECISION = "decision", _("行政决策")
    OTHER = "other", _("其他")


class InvolvementKind(models.TextChoices):
    CONSULTATION = "consultation", _("法律咨询")
    OPINION = "opinion", _("出具法律意见")
    PARTICIPATION = "participation", _("全程参与")


class Involvement(models.Model):
    """法律参与: the Justice Bureau or an adviser took part in a matter — a consultation,
    a written opinion, participation in talks — logged against the matter it concerns."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("服务单位")
    )
    area = models.CharField(_("领域"), max_length=20, choices=InvolvementArea.choices)
    kind = models.CharField(_("方式"), max_length=20, choices=InvolvementKind.choices)
    title = models.CharField(_("事项"), max_length=300)
    matter_type = models.CharField(max_length=60, blank=True)
    matter_id = models.CharField(max_length=40, blank=True)
    on = models.DateField(_("日期"), db_index=True)
    adviser = models.ForeignKey(
        "Adviser",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
        verbose_name=_("法律顾问"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人员"),
    )
    summary = models.TextField(_("内容"))

    scope_org_field = "org"

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["matter_type", "matter_id"])]
        verbose_name = _("法律参与记录")
        verbose_name_plural = _("法律参与记录")

    def __str__(self) -> str:
        return self.title
