"""The workspace navigation: every module of the design, built or not yet.

A module that is not built yet is shown as a disabled entry, so staff can see what is coming
and nothing pretends to work. A domain that lands registers itself (``fazhi.ui.registry``)
and its entry comes alive — nobody edits this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: object
    url_name: str | None = None
    admin_only: bool = False

    @cached_property
    def url(self) -> str:
        """Resolved once per process: the sidebar is on every staff page."""
        return reverse(self.url_name) if self.url_name else ""


MODULES: list[NavItem] = [
    NavItem("todo", _("我的待办"), "web:todo"),
    NavItem("govservices", _("政务服务")),
    NavItem("enforcement", _("行政执法")),
    NavItem("legality", _("合法性审查")),
    NavItem("disputes", _("矛盾化解")),
    NavItem("governance", _("依法治区")),
    NavItem("monitor", _("网站监测")),
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
    NavItem("locks", _("登录锁定"), "web:locks", admin_only=True),
    NavItem("loginlog", _("登录日志"), "web:login_log"),
    NavItem("oplog", _("操作日志"), "web:op_log"),
    NavItem("admin", _("后台管理"), "admin:index", admin_only=True),
]


def modules() -> list[NavItem]:
    """The module entries with every registered domain filled in (a domain whose key has no
    placeholder is added before the kernel's own pages)."""
    from fazhi.ui import registry

    out = []
    for item in MODULES:
        d = registry.get(item.key)
        out.append(NavItem(item.key, d.label, d.workspace_home) if d and d.workspace_home else item)
    known = {i.key for i in MODULES}
    extra = [
        NavItem(d.key, d.label, d.workspace_home)
        for d in registry.domains()
        if d.key not in known and d.workspace_home
    ]
    at = next(i for i, n in enumerate(out) if n.key == "tasks")
    return out[:at] + extra + out[at:]
