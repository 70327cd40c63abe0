"""The public sections of the portal. A section whose module is not built yet says so; a
domain that lands registers itself (``fazhi.ui.registry``) and its section comes alive."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    description: object
    url_name: str | None = None


SECTIONS: list[Section] = [
    Section("govservices", _("政务服务"), _("依申请政务服务事项目录、办事指南、办件进度查询。")),
    Section("enforcement", _("行政执法公示"), _("执法主体、执法人员、权责清单、执法决定。")),
    Section(
        "legality", _("规范性文件"), _("区级现行有效规范性文件（统一登记、统一编号、统一发布）。")
    ),
    Section("opengov", _("政务公开"), _("主动公开、依申请公开、年度报告。")),
    Section(
        "deadlines",
        _("办理期限计算"),
        _("法定期限按官方工作日历计算，并说明理由。"),
        "portal:deadlines",
    ),
    Section("hotline", _("12345市民热线"), _("咨询、求助、投诉、建议，按编号查询办理情况。")),
    Section("disputes", _("复议与调解"), _("行政复议申请、人民调解指引。")),
    Section("reports", _("法治政府建设年度报告"), _("依据记录生成的年度报告。")),
]


def sections() -> list[Section]:
    from fazhi.ui import registry

    out = []
    for s in SECTIONS:
        d = registry.get(s.key)
        if d and d.portal_home:
            s = Section(
                s.key,
                d.portal_title or s.title,
                d.portal_description or s.description,
                d.portal_home,
            )
        out.append(s)
    known = {s.key for s in SECTIONS}
    out += [
        Section(d.key, d.portal_title or d.label, d.portal_description, d.portal_home)
        for d in registry.domains()
        if d.key not in known and d.portal_home
    ]
    return out
