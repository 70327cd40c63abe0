"""Normative documents (行政规范性文件) issued in the district government's name, from the
first draft to repeal: versions, the 三统一 registration, filing with the bodies above, and
the public status history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Importable, Matter


class Issuer(models.Model):
    """A body in whose name normative documents are issued, and how: its document prefix
    (发文机关代字, 芙政发), the registration prefix of the 三统一 register, the office that
    registers and publishes, and the bodies each document is filed with."""

    org = models.OneToOneField(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("制定机关")
    )
    doc_prefix = models.CharField(_("发文机关代字"), max_length=20)
    registration_prefix = models.CharField(_("登记号代码"), max_length=20)
    registrar_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记机构")
    )
    review_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审核机构")
    )
    filing_bodies = models.ManyToManyField(
        "core.Organisation", related_name="+", blank=True, verbose_name=_("备案机关")
    )

    scope_org_field = "org"
    LEDGER_STATE_FIELDS = ("org", "doc_prefix", "registration_prefix", "registrar_org")

    class Meta:
        verbose_name = _("制定机关设置")
        verbose_name_plural = _("制定机关设置")

    def __str__(self) -> str:
        return f"{self.org} · {self.doc_prefix}"


class DocStatus(models.TextChoices):
    DRAFTING = "drafting", _("起草中")
    CONSULTING = "consulting", _("公开征求意见")
    REVIEWING = "reviewing", _("合法性审核")
    REVIEWED = "reviewed", _("待集体审议")
    DELIBERATED = "deliberated", _("待登记发布")
    ISSUED = "issued", _("已发布")
    REPEALED = "repealed", _("已废止")
    INVALID = "invalid", _("已宣布失效")
    EXPIRED = "expired", _("已失效")
    ABANDONED = "abandoned", _("终止制定")


class NormativeDocument(Importable, Matter):
    """One normative document. ``org`` is the drafting department; ``issuer`` the body in
    whose name it is issued (the district government or its office); ``review_org`` reviews
    its legality (the Justice Bureau); ``registrar_org`` registers, numbers and publishes it
    (三统一) and files it with the bodies above."""

    status = models.CharField(
        _("状态"),
        max_length=30,
        db_index=True,
        choices=DocStatus.choices,
        default=DocStatus.DRAFTING,
    )
    issuer = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("制定机关")
    )
    review_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("审核机构")
    )
    registrar_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记机构")
    )
    drafters = models.CharField(_("起草人员"), max_length=200, blank=True)
    summary = models.TextField(_("起草说明"), blank=True)
    topics = models.JSONField(_("涉及领域"), default=list, blank=True)
    needs_consultation = models.BooleanField(_("须公开征求意见"), default=True)
    consultation_waiver = models.CharField(_("不公开征求意见的理由"), max_length=300, blank=True)
    reviewed_on = models.DateField(_("审核通过日期"), null=True, blank=True)
    deliberated_on = models.DateField(_("审议日期"), null=True, blank=True)
    meeting = models.CharField(_("审议会议"), max_length=100, blank=True)
    deliberation_note = models.TextField(_("审议意见"), blank=True)
    doc_number = models.CharField(_("发文字号"), max_length=80, blank=True, db_index=True)
    registration_number = models.CharField(_("登记号"), max_length=40, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True, db_index=True)
    immediate_reason = models.CharField(_("立即施行的理由"), max_length=300, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    ended_on = models.DateField(_("废止或失效日期"), null=True, blank=True, db_index=True)
    end_reason = models.CharField(_("废止或失效的理由"), max_length=300, blank=True)
    body_text = models.TextField(_("正文"), blank=True)
    interpretation = models.TextField(_("政策解读"), blank=True)
    interpretation_on = models.DateField(_("解读发布日期"), null=True, blank=True)

    LEDGER_STATE_FIELDS = (
        *Matter.LEDGER_STATE_FIELDS,
        "issuer",
        "doc_number",
        "registration_number",
        "reviewed_on",
        "deliberated_on",
        "published_on",
        "effective_on",
        "valid_until",
        "ended_on",
    )

    @classmethod
    def scope_participants(cls, user):
        """The reviewing body sees the documents it reviews, the registering office those
        it registers and files."""
        from fazhi.core import scoping

        orgs = [m.org_id for m in scoping.memberships(user)]
        if not orgs:
            return None
        return Q(review_org_id__in=orgs) | Q(registrar_org_id__in=orgs)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_number"], condition=~Q(doc_number=""), name="uniq_normative_number"
            )
        ]
        verbose_name = _("规范性文件")
        verbose_name_plural = _("规范性文件")

    def in_force_on(self, day) -> bool:
        """In force on ``day``: issued, effective by then, not yet repealed or lapsed."""
        if self.effective_on is None or self.effective_on > day:
            return False
        return self.ended_on is None or self.ended_on > day


class DocumentVersion(models.Model):
    """One draft of the text, kept for good: its text, its hash and the uploaded file."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="versions"
    )
    n = models.PositiveIntegerField(_("稿次"))
    text = models.TextField(_("文本"))
    sha256 = models.CharField(_("文本哈希"), max_length=64)
    attachment = models.ForeignKey(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_on = models.DateField(_("形成日期"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    scope_org_field = "document__org"

    class Meta:
        ordering = ["document", "n"]
        constraints = [models.UniqueConstraint(fields=["document", "n"], name="uniq_doc_version")]
        verbose_name = _("文件稿本")
        verbose_name_plural = _("文件稿本")

    def __str__(self) -> str:
        return f"{self.document.title} 第{self.n}稿"


class FilingResult(models.TextChoices):
    PENDING = "", _("待反馈")
    ACCEPTED = "accepted", _("准予备案")
    CORRECT = "correct", _("要求纠正")


class Filing(models.Model):
    """备案: the document filed with one outside body, within the limit (BA-1), with the
    receipt and the body's feedback. A filing made after the limit carries a red card and
    the reason."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="filings"
    )
    body = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("备案机关")
    )
    clock = models.ForeignKey(
        "core.Clock", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("报备期限"), null=True, blank=True)
    filed_on = models.DateField(_("报备日期"), null=True, blank=True)
    receipt = models.CharField(_("回执号"), max_length=60, blank=True)
    late = models.BooleanField(_("逾期报备（红牌）"), default=False)
    late_reason = models.CharField(_("逾期原因"), max_length=300, blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    result = models.CharField(
        _("反馈结果"), max_length=10, choices=FilingResult.choices, blank=True, default=""
    )
    feedback = models.TextField(_("反馈意见"), blank=True)

    scope_org_field = "document__org"
    LEDGER_STATE_FIELDS = ("body", "due_on", "filed_on", "late", "feedback_on", "result")
    LEDGER_STATE_PARENT = "document"

    class Meta:
        ordering = ["document", "body__name"]
        constraints = [
            models.UniqueConstraint(fields=["document", "body"], name="uniq_filing_body")
        ]
        verbose_name = _("备案")
        verbose_name_plural = _("备案")

    def __str__(self) -> str:
        return f"{self.document.doc_number} → {self.body}"


class EventKind(models.TextChoices):
    PUBLISHED = "published", _("统一登记、编号、发布")
    EFFECTIVE = "effective", _("施行")
    INTERPRETED = "interpreted", _("发布政策解读")
    AMENDED = "amended", _("修改")
    REPEALED = "repealed", _("废止")
    INVALID = "invalid", _("宣布失效")
    EXPIRED = "expired", _("有效期届满失效")
    KEPT = "kept", _("清理后继续有效")


class DocumentEvent(Importable, models.Model):
    """The document's public status history (what every page that shows it lists)."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="events")
    on = models.DateField(_("日期"))
    kind = models.CharField(_("事项"), max_length=20, choices=EventKind.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    ref = models.CharField(_("相关文号"), max_length=80, blank=True)

    scope_org_field = "document__org"

    class Meta:
        ordering = ["document", "on", "id"]
        verbose_name = _("文件状态记录")
        verbose_name_plural = _("文件状态记录")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class SearchEntry(Importable, models.Model):
    """A published document's row in the full-text index: the words jieba finds in it
    (``tokens``, space-separated: an FTS5 table on SQLite, a GIN index on PostgreSQL, see
    ``legality/search.py``) and its plain text, which confirms a phrase."""

    document = models.OneToOneField(
        NormativeDocument, on_delete=models.CASCADE, related_name="search_entry"
    )
    tokens = models.TextField()
    text = models.TextField()

    class Meta:
        verbose_name = _("全文检索索引")
        verbose_name_plural = _("全文检索索引")

    def __str__(self) -> str:
        return str(self.document_id)
