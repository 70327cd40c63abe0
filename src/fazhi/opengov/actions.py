"""Ledger action names of open government (政务公开)."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

REQUEST_RECEIVE = register("opengov.request.receive", _("登记政府信息公开申请"))
REQUEST_EXTEND = register("opengov.request.extend", _("批准延长答复期限"))
REQUEST_CONSULT = register("opengov.request.consult", _("征求第三方或其他机关意见"))
REQUEST_CONSULT_ANSWER = register("opengov.request.consult_answer", _("收到征求意见的答复"))
