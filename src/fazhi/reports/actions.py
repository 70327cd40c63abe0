"""Ledger action names of the annual report."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

GENERATE = register("reports.annual.generate", _("生成法治政府建设年度报告"))
REFRESH = register("reports.annual.refresh", _("依记录刷新年度报告数据"))
EDIT = register("reports.annual.edit", _("修改年度报告文字"))
TEMPLATE_SAVE = register("reports.template.save", _("修改年度报告段落模板（新修订）"))
