"""Ledger action names of the disputes module (reconsideration, litigation, mediation,
petitions)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

# 行政复议 (as the reconsideration body)
FY_BODY = register("dis.fy.body", _("保存行政复议机关设置"))
FY_RECEIVE = register("dis.fy.receive", _("收到行政复议申请"))
FY_CORRECTION = register("dis.fy.correction", _("通知补正"))
FY_ACCEPT = register("dis.fy.accept", _("受理行政复议申请"))
FY_SWITCH = register("dis.fy.switch", _("简易程序转为普通程序"))
FY_ANSWER = register("dis.fy.answer", _("被申请人书面答复并提交证据"))
FY_HEARING = register("dis.fy.hearing", _("复议听证"))
FY_SUSPEND = register("dis.fy.suspend", _("复议中止或恢复"))
FY_EXTEND = register("dis.fy.extend", _("批准延长复议期限"))
FY_DECIDE = register("dis.fy.decide", _("作出行政复议决定"))
FY_REVERSAL = register("dis.fy.reversal", _("行政行为被复议纠错"))
FY_LETTER = register("dis.fy.letter", _("制发复议意见书、建议书"))
FY_LETTER_REPORT = register("dis.fy.letter.report", _("反馈意见书、建议书落实情况"))
FY_INCIDENTAL = register("dis.fy.incidental", _("规范性文件附带审查"))
FY_INCIDENTAL_REF = register("dis.fy.incidental.ref", _("规范性文件被提请附带审查"))
# 行政应诉
YS_RECEIVE = register("dis.ys.receive", _("收到起诉状或复议申请书副本"))
YS_ANSWER = register("dis.ys.answer", _("提交答辩状、证据和依据"))
YS_HEARING = register("dis.ys.hearing", _("出庭应诉"))
YS_JUDGMENT = register("dis.ys.judgment", _("登记裁判结果"))
YS_PERFORM = register("dis.ys.perform", _("履行生效裁判"))
YS_LOSS = register("dis.ys.loss", _("行政行为被法院判决纠错"))
# 人民调解 “1+X”
TJ_COMMITTEE = register("dis.tj.committee", _("保存调解组织"))
TJ_MEDIATOR = register("dis.tj.mediator", _("保存调解员"))
TJ_RECEIVE = register("dis.tj.receive", _("受理矛盾纠纷"))
TJ_SESSION = register("dis.tj.session", _("调解"))
TJ_ESCALATE = register("dis.tj.escalate", _("重大疑难纠纷上报"))
TJ_AGREEMENT = register("dis.tj.agreement", _("达成调解协议"))
TJ_PERFORMANCE = register("dis.tj.performance", _("履行调解协议"))
TJ_CONFIRMATION = register("dis.tj.confirmation", _("申请司法确认"))
# 信访
XF_REGISTER = register("dis.xf.register", _("登记信访事项"))
XF_ASSIGN = register("dis.xf.assign", _("交办信访事项"))
XF_REPLY = register("dis.xf.reply", _("出具信访处理意见"))
XF_REQUEST = register("dis.xf.request", _("请求复查或复核"))
XF_BATCH = register("dis.xf.batch", _("登记交办批次"))
XF_ITEM = register("dis.xf.item", _("登记交办信访件"))
XF_BACKLOG = register("dis.xf.backlog", _("登记信访积案"))
DEMO = register("dis.demo", _("载入矛盾化解演示数据"))
