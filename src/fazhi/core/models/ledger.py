"""The ledger (全过程记录): append-only, hash-chained events.

One global chain. Each event stores the hash of the one before it, so altering, deleting,
inserting or reordering any event breaks the chain from that point on; database triggers
refuse UPDATE and DELETE as a second line. See ``fazhi.core.ledger`` for the only writer.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=100)
    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    org_name = models.CharField(_("单位"), max_length=100, blank=True)
    subject_type = models.CharField(_("对象类型"), max_length=60, blank=True)
    subject_id = models.CharField(_("对象"), max_length=40, blank=True)
    subject_label = models.CharField(_("对象名称"), max_length=200, blank=True)
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    data = models.JSONField(_("内容"), default=dict)
    attachments = models.JSONField(_("附件哈希"), default=list)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # HMAC-SHA256 of ``hash`` under the ledger key (kept outside the database): an event
    # not written by fazhi has no valid one. Not part of the hash, so anyone can check the
    # chain without the key.
    mac = models.CharField(max_length=64, blank=True)

    scope_org_field = "org"
    scope_admin_roles = ("audit",)  # the audit administrator reads the ledger

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "seq"])]
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class LedgerHead(models.Model):
    """The chain head, one row: locked by every writer so sequence numbers never collide.

    Triggers keep it honest: it cannot be deleted, and it only moves forward, onto an event
    that exists with that hash (``core/dbtriggers.py``)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.seq}"


class Attachment(models.Model):
    """A stored file, addressed by its SHA-256. The bytes live under ATTACHMENT_ROOT."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255)
    stored_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]}…)"
