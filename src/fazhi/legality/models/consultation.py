"""Public consultation (征求意见) on a draft, article by article: one component for normative
documents and major decisions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    """A consultation on the public site: the period (at least the legal minimum, GF-1 or
    JC-1, unless shortened with a stated reason), the text by article, the comments, and the
    published summary of what was adopted and why not."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("征求单位")
    )
    document = models.ForeignKey(
        "NormativeDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    decision = models.ForeignKey(
        "MajorDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    title = models.CharField(_("标题"), max_length=300)
    explanation = models.TextField(_("起草说明"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    rule_code = models.CharField(_("期限规则"), max_length=20, blank=True)
    shortened_reason = models.CharField(_("缩短期限的理由"), max_length=300, blank=True)
    closed_on = models.DateField(_("结束日期"), null=True, blank=True)
    summary = models.TextField(_("意见采纳情况说明"), blank=True)
    summary_on = models.DateField(_("说明公布日期"), null=True, blank=True)

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "opens_on", "closes_on", "closed_on", "summary_on")

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("公开征求意见")
        verbose_name_plural = _("公开征求意见")

    def __str__(self) -> str:
        return self.title

    def is_open(self, day) -> bool:
        return self.closed_on is None and self.opens_on <= day <= self.closes_on


class ConsultationArticle(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="articles"
    )
    seq = models.PositiveIntegerField(_("序号"))
    heading = models.CharField(_("条目"), max_length=40)
    text = models.TextField(_("内容"))

    class Meta:
        ordering = ["consultation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "seq"], name="uniq_consult_article")
        ]

    def __str__(self) -> str:
        return self.heading


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    WITHHELD = "withheld", _("不予公开")


class Disposition(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


class Comment(models.Model):
    """A comment from the public on one article (or the whole draft). The contact details
    are for the drafter only and never published; the published text is redacted."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    article = models.ForeignKey(
        ConsultationArticle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
    )
    text = models.TextField(_("意见"))
    name = models.CharField(_("署名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式（不公开）"), max_length=100, blank=True)
    submitted_on = models.DateField(_("提交日期"))
    status = models.CharField(
        _("审核状态"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    published_text = models.TextField(_("公开文本（已脱敏）"), blank=True)
    moderation_note = models.CharField(_("审核说明"), max_length=200, blank=True)
    disposition = models.CharField(
        _("采纳情况"), max_length=12, choices=Disposition.choices, blank=True
    )
    reason = models.TextField(_("理由"), blank=True)
    disposed_on = models.DateField(_("处理日期"), null=True, blank=True)

    scope_org_field = "consultation__org"
    LEDGER_STATE_FIELDS = ("status", "disposition", "disposed_on")

    class Meta:
        ordering = ["consultation", "article__seq", "id"]
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")

    def __str__(self) -> str:
        return self.text[:30]
