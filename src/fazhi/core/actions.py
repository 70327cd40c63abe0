"""The registry of ledger action names. Unknown names are refused by ``ledger.record``.

Each module registers its own actions at import time of its ``services`` module; the kernel's
are here.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS: dict[str, object] = {}


def register(code: str, label: object) -> str:
    """Register an action name with its Chinese label; returns the code for use as a constant."""
    if code in ACTIONS and ACTIONS[code] != label:
        raise ValueError(f"ledger action {code!r} registered twice with different labels")
    ACTIONS[code] = label
    return code


def label(code: str) -> object:
    return ACTIONS.get(code, code)


ORG_CREATE = register("org.create", _("新建组织机构"))
ORG_UPDATE = register("org.update", _("修改组织机构"))
USER_CREATE = register("user.create", _("新建用户"))
USER_UPDATE = register("user.update", _("修改用户"))
USER_DEACTIVATE = register("user.deactivate", _("停用用户"))
USER_ACTIVATE = register("user.activate", _("启用用户"))
USER_SET_PASSWORD = register("user.set_password", _("重置密码"))
MEMBERSHIP_GRANT = register("membership.grant", _("授予岗位角色"))
MEMBERSHIP_REVOKE = register("membership.revoke", _("撤销岗位角色"))
SESSION_FORCE_LOGOUT = register("session.force_logout", _("强制下线"))
TOKEN_CREATE = register("token.create", _("创建接口令牌"))
TOKEN_REVOKE = register("token.revoke", _("吊销接口令牌"))
CODE_TABLE_SAVE = register("codetable.save", _("保存字典"))
CODE_ITEM_SAVE = register("codeitem.save", _("保存字典项"))
NOTICE_PUBLISH = register("notice.publish", _("发布通知公告"))
NOTICE_WITHDRAW = register("notice.withdraw", _("撤回通知公告"))
DEMO_LOAD = register("demo.load", _("载入演示数据"))
ATTACHMENT_STORE = register("attachment.store", _("保存附件"))
LOGIN_UNLOCK = register("login.unlock", _("解除登录锁定"))
OTP_ENROL = register("otp.enrol", _("绑定动态口令"))
OTP_RESET = register("otp.reset", _("重置动态口令"))
OTP_RECOVERY_USED = register("otp.recovery_used", _("使用恢复码登录"))
