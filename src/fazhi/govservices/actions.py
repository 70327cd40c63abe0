"""Ledger action names of the government-services module."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

HOURS_SAVE = register("gs.hours", _("保存作息时间"))
WINDOW_SAVE = register("gs.window", _("保存办事窗口"))
WINDOW_MERGE = register("gs.window.merge", _("窗口并入综合窗口"))
ITEM_SAVE = register("gs.item", _("保存政务服务事项"))
ITEM_DISPUTE = register("gs.item.dispute", _("登记事项异议"))
ITEM_DISPUTE_DECIDE = register("gs.item.dispute_decide", _("处理事项异议"))
ENTRY_SAVE = register("gs.entry", _("填报实施清单"))
MATERIAL_CUT = register("gs.material.cut", _("精减申请材料"))
PROOF_DECIDE = register("gs.proof", _("证明事项清理"))
TRANSFER = register("gs.transfer", _("事项划转至行政审批服务局"))
DELEGATE = register("gs.delegate", _("事项下放街道（园区）"))
PACKAGE_SAVE = register("gs.package", _("保存套餐（一件事）"))
CATALOGUE_IMPORT = register("gs.catalogue.import", _("导入事项目录"))
APP_RECEIVE = register("gs.app.receive", _("收件"))
APP_MATERIALS = register("gs.app.materials", _("登记收到材料"))
APP_NOTICE = register("gs.app.notice", _("出具办件文书"))
APP_STEP = register("gs.app.step", _("审查环节"))
APP_EXTEND = register("gs.app.extend", _("延长审查期限"))
APP_POST_CHECK = register("gs.app.post_check", _("事后核查"))
APP_CREDIT = register("gs.app.credit", _("记录失信信息"))
PACKAGE_APPLY = register("gs.package.apply", _("一件事申请"))
RATING = register("gs.rating", _("办件评价"))
RECT_OPEN = register("gs.rect.open", _("差评整改立项"))
RECT_REPLY = register("gs.rect.reply", _("差评整改回复"))
LATE_EXPORT = register("gs.late.export", _("导出超期办件周报"))
DEMO = register("gs.demo", _("载入政务服务演示数据"))
