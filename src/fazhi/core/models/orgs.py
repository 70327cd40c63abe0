"""The organisation tree and the roles users hold in it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    DISTRICT = "district", _("区人民政府")
    PARTY = "party", _("区委及其机构")
    BUREAU = "bureau", _("局")
    OFFICE = "office", _("办公室")
    COMMITTEE = "committee", _("委员会")
    STREET = "street", _("街道")
    PARK = "park", _("园区")
    COMMUNITY = "community", _("社区")
    VILLAGE = "village", _("村")
    EXTERNAL = "external", _("外部机关（接受备案等）")


class Organisation(models.Model):
    """One node of the tree: district → bureaus/streets → communities, plus outside bodies.

    ``path`` is a materialised path (``/1/7/42/``) so that "this organisation and everything
    below it" is one indexed prefix query on SQLite and PostgreSQL alike.
    """

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=OrgKind.choices)
    division_code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    scope_org_field = "self"
    scope_admin_roles = ("admin", "security", "audit")

    class Meta:
        ordering = ["path"]
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    CLERK = "clerk", _("窗口人员")
    OFFICER = "officer", _("执法人员")
    REVIEWER = "reviewer", _("法制审核人员")
    LEADER = "leader", _("负责人")
    SUPERVISOR = "supervisor", _("监督人员")
    ADMIN = "admin", _("系统管理员")
    SECURITY = "security", _("安全管理员")
    AUDIT = "audit", _("审计管理员")


# 三权分立: the system, security and audit administrators. None of them sees business
# records or party data (``scoping``); one account holds at most one of the three.
ADMIN_ROLES = frozenset({Role.ADMIN, Role.SECURITY, Role.AUDIT})


class DataScope(models.TextChoices):
    """The four data scopes staff know from the admin systems they already use."""

    ALL = "all", _("全部")
    SUBTREE = "subtree", _("本部门及以下")
    ORG = "org", _("本部门")
    SELF = "self", _("仅本人")


DEFAULT_SCOPE = {
    Role.CLERK: DataScope.ORG,
    Role.OFFICER: DataScope.SELF,
    Role.REVIEWER: DataScope.SUBTREE,
    Role.LEADER: DataScope.SUBTREE,
    Role.SUPERVISOR: DataScope.ALL,
    Role.ADMIN: DataScope.SUBTREE,
    Role.SECURITY: DataScope.SUBTREE,
    Role.AUDIT: DataScope.SUBTREE,
}


class Membership(models.Model):
    """A role a user holds in an organisation, with its data scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    org = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    data_scope = models.CharField(_("数据范围"), max_length=10, choices=DataScope.choices)
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_org_field = "org"
    scope_admin_roles = ("admin", "security", "audit")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "role"], name="uniq_membership")
        ]
        verbose_name = _("岗位角色")
        verbose_name_plural = _("岗位角色")

    def __str__(self) -> str:
        return f"{self.org} · {self.get_role_display()}"
