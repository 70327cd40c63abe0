"""Password history and second-factor recovery codes (the TOTP device is django-otp's)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordHistory(models.Model):
    """Each password a user has had, as its hash: no reuse of the last few, and the age of
    the current one for expiry."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    set_at = models.DateTimeField()
    set_by_self = models.BooleanField(default=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("密码历史")
        verbose_name_plural = _("密码历史")

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.set_at:%Y-%m-%d}"


class RecoveryCode(models.Model):
    """A one-time recovery code for the second factor, stored hashed like a password
    (ASVS 5.0 V6.5.2: look-up secrets of less than 112 bits are hashed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def __str__(self) -> str:
        return f"{self.user_id} recovery code"


class IdempotentRequest(models.Model):
    """A POST to the API sent with an ``Idempotency-Key``: the first answer, kept so that a
    retried or concurrent duplicate gets the same answer and creates nothing (see
    ``fazhi.core.guard``). ``key_hash`` covers the caller, the path and the key; the
    fingerprint is the request body's hash (the same key with another body is refused)."""

    key_hash = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("接口幂等请求")
        verbose_name_plural = _("接口幂等请求")

    def __str__(self) -> str:
        return f"{self.key_hash[:12]}… {self.status}"


class AuditOutcome(models.TextChoices):
    DONE = "done", _("成功")
    INVALID = "invalid", _("输入有误，未办理")
    REFUSED = "refused", _("无权限，已拒绝")
    FAILED = "failed", _("出错")


class AuditRecord(models.Model):
    """One row for each request that may change something (POST and the like) and for each
    refused authorization (401/403, any method): who, when, from where, what, and the
    outcome (等保 8.1.4.3 安全审计). The business events the request appended to the ledger
    are named by their sequence numbers. No session id, no query string, no form value is
    kept: the route names what was done, the ledger holds the content."""

    at = models.DateTimeField(_("时间"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    username = models.CharField(_("用户"), max_length=150, blank=True)
    address = models.CharField(_("来源地址"), max_length=45, blank=True)
    method = models.CharField(_("方法"), max_length=10)
    path = models.CharField(_("地址"), max_length=300)
    route = models.CharField(_("功能"), max_length=120, blank=True)
    status = models.PositiveSmallIntegerField(_("状态码"))
    outcome = models.CharField(_("结果"), max_length=10, choices=AuditOutcome.choices)
    ledger_from = models.PositiveBigIntegerField(_("台账起"), null=True, blank=True)
    ledger_to = models.PositiveBigIntegerField(_("台账止"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("访问审计记录")
        verbose_name_plural = _("访问审计记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.method} {self.path}"
