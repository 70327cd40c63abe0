"""Ledger action names of 人大建议 and 政协提案."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.actions import register

CREATE = register("suggestions.create", _("登记建议提案"))
COHANDLER = register("suggestions.cohandler", _("指定会办单位"))
OPINION = register("suggestions.opinion", _("会办单位提出意见"))
CONTACT = register("suggestions.contact", _("与代表委员沟通"))
DEMO = register("suggestions.demo", _("载入建议提案演示数据"))
FOLLOW_UP = register("suggestions.followup", _("承诺落实后再次答复"))
