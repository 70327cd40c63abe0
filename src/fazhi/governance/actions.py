"""Ledger action names of 依法治区 (governance)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

BODY = register("governance.body", _("登记依法治区机构"))
WORK_RULE = register("governance.work_rule", _("登记工作规则（细则）"))
PLAN = register("governance.plan", _("登记年度工作要点"))
POINT = register("governance.point", _("登记工作要点任务"))
SUPPORTER = register("governance.supporter", _("指定配合单位"))
PROGRESS = register("governance.progress", _("报送工作进展"))
DUTY = register("governance.duty", _("登记第一责任人履职（述法）"))
DEMO = register("governance.demo", _("载入依法治区演示数据"))
