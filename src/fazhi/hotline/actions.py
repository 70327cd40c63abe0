"""Ledger action names of the 12345 hotline."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

CATEGORY_SAVE = register("hotline.category", _("保存热线诉求分类"))
DISPATCH_SAVE = register("hotline.dispatch", _("保存派单目录"))
KNOWLEDGE_SAVE = register("hotline.knowledge", _("保存热线知识库条目"))
ORDER_CREATE = register("hotline.order.create", _("受理热线工单"))
COHANDLER = register("hotline.cohandler", _("指定协办单位"))
OPINION = register("hotline.opinion", _("协办单位提出意见"))
SPLIT = register("hotline.split", _("拆分热线工单"))
EXTEND_ASK = register("hotline.extend.ask", _("申请工单延期"))
EXTEND_DECIDE = register("hotline.extend.decide", _("审批工单延期申请"))
MINUTES = register("hotline.minutes", _("保存会商会议纪要"))
EXTEND = register("hotline.extend", _("批准工单延期"))
CALLBACK = register("hotline.callback", _("热线工单回访"))
LINK = register("hotline.link", _("关联转办事项"))
URGE = register("hotline.urge", _("催办热线工单"))
MEETING = register("hotline.meeting", _("召开会商会议"))
DEMO = register("hotline.demo", _("载入12345热线演示数据"))
