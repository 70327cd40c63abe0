"""Code tables (字典) and staff notices (通知公告)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeTable(models.Model):
    """A named list of choices modules use, editable by administrators without a deploy."""

    code = models.SlugField(_("编码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    is_system = models.BooleanField(_("系统内置"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("字典")
        verbose_name_plural = _("字典")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class CodeItem(models.Model):
    table = models.ForeignKey(CodeTable, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("编码"), max_length=60)
    label = models.CharField(_("名称"), max_length=200)
    label_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        ordering = ["table", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="uniq_code_item")]
        verbose_name = _("字典项")
        verbose_name_plural = _("字典项")

    def __str__(self) -> str:
        return self.label


class Notice(models.Model):
    """通知公告 to staff, published by an organisation to its subtree."""

    org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, verbose_name=_("发布单位")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("发布时间"), db_index=True)
    is_pinned = models.BooleanField(_("置顶"), default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    scope_org_field = "org"
    scope_admin_roles = ("admin", "security", "audit")

    class Meta:
        ordering = ["-is_pinned", "-published_at"]
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")

    def __str__(self) -> str:
        return self.title
