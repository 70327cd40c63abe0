"""Staff accounts, API tokens, login records and live sessions."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Never deleted once they have acted: deactivate instead."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    language = models.CharField(
        _("界面语言"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    primary_org = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所属单位"),
    )

    scope_org_field = "primary_org"
    scope_admin_roles = ("admin", "security", "audit")

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class ApiToken(models.Model):
    """A per-user token for systems calling the API. Only a hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=60)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginOutcome(models.TextChoices):
    SUCCESS = "success", _("登录成功")
    FAILURE = "failure", _("密码错误")
    LOCKED = "locked", _("账户锁定")
    INACTIVE = "inactive", _("账户已停用")
    UNKNOWN = "unknown", _("用户不存在")
    LOGOUT = "logout", _("退出登录")
    FORCED = "forced", _("强制下线")


class LoginRecord(models.Model):
    """登录日志: every login, logout and failure. Append-only by convention and by code."""

    at = models.DateTimeField(db_index=True)
    username = models.CharField(_("登录名"), max_length=150, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("结果"), max_length=10, choices=LoginOutcome.choices)
    ip = models.CharField(_("IP地址"), max_length=45, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=300, blank=True)
    detail = models.CharField(_("说明"), max_length=200, blank=True)

    scope_org_field = "user__primary_org"
    scope_admin_roles = ("audit",)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("登录日志")
        verbose_name_plural = _("登录日志")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.outcome}"


class UserSession(models.Model):
    """在线用户: the sessions currently open, for the online-users page and forced logout."""

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_sessions"
    )
    ip = models.CharField(max_length=45, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    scope_org_field = "user__primary_org"
    scope_admin_roles = ("security",)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.ip}"
