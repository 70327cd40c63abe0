"""The workspace navigation: every module of the design, built or not yet.

A module that is not built yet is shown as a disabled entry, so staff can see what is coming
and nothing pretends to work. Each module flips ``url_name`` on when it lands.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: object
    url_name: str | None = None
    admin_only: bool = False


MODULES: list[NavItem] = [
    NavItem("todo", _("我的待办"), "web:todo"),
    NavItem("govservices", _("政务服务")),
    NavItem("enforcement", _("行政执法"), "enforcement:home"),
    NavItem("legality", _("合法性审查")),
    NavItem("oversight", _("监督")),
    NavItem("disputes", _("矛盾化解")),
    NavItem("governance", _("依法治区")),
    NavItem("monitor", _("网站监测"), "monitor:home"),
    NavItem("reports", _("统计报告")),
    NavItem("tasks", _("督办整改"), "web:tasks"),
    NavItem("deadlines", _("期限计算"), "web:deadlines"),
    NavItem("indicators", _("指标"), "web:indicators"),
    NavItem("notices", _("通知公告"), "web:notices"),
]

SYSTEM: list[NavItem] = [
    NavItem("orgs", _("组织机构"), "web:orgs"),
    NavItem("users", _("用户管理"), "web:users", admin_only=True),
    NavItem("codes", _("字典管理"), "web:codes"),
    NavItem("calendar", _("工作日历"), "web:calendar"),
    NavItem("online", _("在线用户"), "web:online", admin_only=True),
    NavItem("loginlog", _("登录日志"), "web:login_log"),
    NavItem("oplog", _("操作日志"), "web:op_log"),
    NavItem("admin", _("后台管理"), "admin:index", admin_only=True),
]
