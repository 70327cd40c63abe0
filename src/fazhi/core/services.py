"""Every write to the kernel's own records: one function per use case.

Each is keyword-only, runs in one transaction, validates, saves and appends its ledger event,
and returns the object. Views, the API and the CLI only parse input and call these.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import actions, clock, ledger, passwords, sessions, unique
from .ledger import Actor
from .models import (
    ADMIN_ROLES,
    DEFAULT_SCOPE,
    ApiToken,
    CodeItem,
    CodeTable,
    DataScope,
    Membership,
    Notice,
    Organisation,
    OrgKind,
    Role,
    User,
)
from .scoping import memberships, require_admin, require_role, require_security_admin


def _require_admin(actor: Actor, org: Organisation | None = None) -> None:
    require_admin(actor, org=org)


def _require_self_or_admin(actor: Actor, user: User) -> None:
    """A user's own account, or an administrator over the user's organisation."""
    if isinstance(actor, User) and actor.pk == user.pk:
        return
    _require_admin(actor, _home_org(user))


def _home_org(user: User) -> Organisation | None:
    """The organisation whose administrator looks after ``user``: the primary one, or the
    first of the user's memberships; ``None`` (any administrator) for a user without."""
    if user.primary_org_id:
        return user.primary_org
    m = Membership.objects.filter(user=user).select_related("org").order_by("pk").first()
    return m.org if m else None


def _snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


ORG_FIELDS = [
    "name",
    "short_name",
    "kind",
    "division_code",
    "credit_code",
    "parent_id",
    "sort_order",
    "is_active",
    "note",
]


def _require_parent(actor: Actor, parent: Organisation | None) -> None:
    """Placing an organisation under ``parent``: an administrator over the parent; at the
    top of the tree, only the installation's administrator (a superuser) or the system."""
    if parent is not None:
        _require_admin(actor, parent)
    elif isinstance(actor, User) and not actor.is_superuser:
        raise PermissionDenied(_("只有系统管理员可以设立顶层机构。"))


def _set_path(org: Organisation) -> None:
    org.path = (org.parent.path if org.parent else "/") + f"{org.pk}/"


def org_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    short_name: str = "",
    division_code: str = "",
    credit_code: str = "",
    sort_order: int = 0,
    note: str = "",
) -> Organisation:
    """新建组织机构 under ``parent`` (an administrator over the parent; a new root only by an
    administrator of the whole installation). Two administrators creating the same name at
    once: the second gets the same message as if the first had been earlier."""
    _require_parent(actor, parent)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写名称。")})
    if kind not in OrgKind.values:
        raise ValidationError({"kind": _("未知的机构类型：%(k)s") % {"k": kind}})
    if division_code and not division_code.isdigit():
        raise ValidationError({"division_code": _("行政区划代码只能由数字组成。")})
    taken = {"name": _("已有同名机构：%(n)s") % {"n": name}}
    with unique.conflict_as(taken):
        if Organisation.objects.filter(name=name).exists():
            raise ValidationError(taken)
        org = Organisation(
            name=name,
            short_name=short_name.strip(),
            kind=kind,
            parent=parent,
            division_code=division_code,
            credit_code=credit_code,
            sort_order=sort_order,
            note=note,
        )
        org.save()
        _set_path(org)
        org.save(update_fields=["path"])
        ledger.record(
            actor=actor,
            action=actions.ORG_CREATE,
            subject=org,
            org=org,
            data={"after": ledger.jsonable(_snapshot(org, ORG_FIELDS))},
        )
    return org


def org_update(*, actor: Actor, org: Organisation, **changes: Any) -> Organisation:
    """修改组织机构 (an administrator over it, and over the new parent when it moves). Moving
    under a new parent rewrites the paths of the whole subtree."""
    _require_admin(actor, org)
    new_parent = changes.get("parent", org.parent)
    if getattr(new_parent, "pk", None) != org.parent_id:
        _require_parent(actor, new_parent)
    allowed = set(ORG_FIELDS) | {"parent"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))})
    name = str(changes.get("name", org.name)).strip()
    with unique.conflict_as({"name": _("已有同名机构：%(n)s") % {"n": name}}):
        org = Organisation.objects.select_for_update().get(pk=org.pk)
        before = _snapshot(org, ORG_FIELDS)
        old_path = org.path
        for k, v in changes.items():
            setattr(org, k, v.strip() if isinstance(v, str) else v)
        if not org.name:
            raise ValidationError({"name": _("请填写名称。")})
        if org.parent_id:
            parent = Organisation.objects.get(pk=org.parent_id)
            if parent.path.startswith(old_path):
                raise ValidationError({"parent": _("不能把机构移到它自己或它的下级之下。")})
            org.parent = parent
        if Organisation.objects.filter(name=org.name).exclude(pk=org.pk).exists():
            raise ValidationError({"name": _("已有同名机构：%(n)s") % {"n": org.name}})
        _set_path(org)
        org.save()
        if org.path != old_path:
            for child in Organisation.objects.filter(path__startswith=old_path).exclude(pk=org.pk):
                child.path = org.path + child.path[len(old_path) :]
                child.save(update_fields=["path"])
        after = _snapshot(org, ORG_FIELDS)
        ledger.record(
            actor=actor,
            action=actions.ORG_UPDATE,
            subject=org,
            org=org,
            data=ledger.diff(before, after),
        )
    return org


USER_FIELDS = [
    "username",
    "full_name",
    "phone",
    "email",
    "language",
    "primary_org_id",
    "is_active",
    "is_staff",
    "is_superuser",
]


def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    full_name: str = "",
    primary_org: Organisation | None = None,
    phone: str = "",
    email: str = "",
    language: str = "zh-hans",
    is_superuser: bool = False,
) -> User:
    """新建用户 in ``primary_org`` (an administrator over it), with the password policy
    applied. Only a superuser makes another superuser."""
    _require_admin(actor, primary_org)
    if is_superuser and isinstance(actor, User) and not actor.is_superuser:
        raise PermissionDenied(_("只有超级管理员可以设立超级管理员账户。"))
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("请填写登录名。")})
    user = User(
        username=username,
        full_name=full_name.strip(),
        phone=phone,
        email=email,
        language=language,
        primary_org=primary_org,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    password_validation.validate_password(password, user)
    taken = {"username": _("登录名已被使用：%(u)s") % {"u": username}}
    with unique.conflict_as(taken):
        if User.objects.filter(username=username).exists():
            raise ValidationError(taken)
        user.set_password(password)
        user.save()
        passwords.remember(user, by_self=False)
        ledger.record(
            actor=actor,
            action=actions.USER_CREATE,
            subject=user,
            org=primary_org,
            data={"after": ledger.jsonable(_snapshot(user, USER_FIELDS))},
        )
    return user


def user_update(*, actor: Actor, user: User, **changes: Any) -> User:
    """An administrator over the user's organisation (and over the new one, when it
    changes)."""
    _require_admin(actor, _home_org(user))
    if changes.get("primary_org") is not None:
        _require_admin(actor, changes["primary_org"])
    allowed = {"full_name", "phone", "email", "language", "primary_org"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = _snapshot(user, USER_FIELDS)
        for k, v in changes.items():
            setattr(user, k, v)
        user.save()
        ledger.record(
            actor=actor,
            action=actions.USER_UPDATE,
            subject=user,
            data=ledger.diff(before, _snapshot(user, USER_FIELDS)),
        )
    return user


def user_set_language(*, actor: Actor, user: User, language: str) -> User:
    """A user's own interface language (or an administrator's change of it)."""
    _require_self_or_admin(actor, user)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("不支持的语言：%(l)s") % {"l": language}})
    with transaction.atomic():
        before = user.language
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
        ledger.record(
            actor=actor,
            action=actions.USER_UPDATE,
            subject=user,
            data=ledger.diff({"language": before}, {"language": language}),
        )
    return user


def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """停用 / 启用. Users are never deleted: their acts stay attributed in the ledger."""
    _require_admin(actor, _home_org(user))
    if isinstance(actor, User) and actor.pk == user.pk and not active:
        raise ValidationError(_("不能停用自己的账户。"))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.is_active = active
        user.save(update_fields=["is_active"])
        ended = 0 if active else sessions.end_all(user)
        ledger.record(
            actor=actor,
            action=actions.USER_ACTIVATE if active else actions.USER_DEACTIVATE,
            subject=user,
            data={} if active else {"sessions_ended": ended},
        )
        if not active:
            revoke_all_tokens(actor=actor, user=user)
    return user


def user_set_password(
    *, actor: Actor, user: User, password: str, keep_session: str | None = None
) -> User:
    """A new password (the user's own, or an administrator's reset): the policy applies,
    including no reuse of recent ones; every session of the user ends (but ``keep_session``,
    the one the user changes it from). Another's password is reset by the security
    administrator over the user's organisation (三权分立), not the system administrator."""
    if not (isinstance(actor, User) and actor.pk == user.pk):
        require_security_admin(actor, org=_home_org(user))
    by_self = isinstance(actor, User) and actor.pk == user.pk
    password_validation.validate_password(password, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_password(password)
        user.save(update_fields=["password"])
        passwords.remember(user, by_self=by_self)
        ended = sessions.end_all(user, keep=keep_session)
        ledger.record(
            actor=actor,
            action=actions.USER_SET_PASSWORD,
            subject=user,
            data={"sessions_ended": ended},
        )
    return user


def membership_grant(
    *, actor: Actor, user: User, org: Organisation, role: str, data_scope: str | None = None
) -> Membership:
    """授予岗位角色 in ``org`` (an administrator over it). The data scope defaults to the
    role's usual one; 全部 reaches beyond any organisation, so only an administrator whose
    own scope is 全部 (or a superuser) grants it. Granting twice — two clicks, two
    administrators at once — leaves one membership."""
    _require_admin(actor, org)
    if role not in Role.values:
        raise ValidationError({"role": _("未知的角色：%(r)s") % {"r": role}})
    data_scope = data_scope or DEFAULT_SCOPE[Role(role)]
    if data_scope not in DataScope.values:
        raise ValidationError({"data_scope": _("未知的数据范围：%(s)s") % {"s": data_scope}})
    if data_scope == DataScope.ALL and not _reaches_everything(actor):
        raise PermissionDenied(_("“全部”数据范围只能由全局系统管理员授予。"))
    _one_admin_duty(user, role)
    with transaction.atomic():
        m, _created = Membership.objects.update_or_create(
            user=user,
            org=org,
            role=role,
            defaults={"data_scope": data_scope, "is_active": True},
        )
        if user.primary_org_id is None:
            User.objects.filter(pk=user.pk).update(primary_org=org)
            user.primary_org = org
        ledger.record(
            actor=actor,
            action=actions.MEMBERSHIP_GRANT,
            subject=user,
            org=org,
            data={"role": role, "data_scope": data_scope, "org": org.name},
        )
    return m


def _one_admin_duty(user: User, role: str) -> None:
    """三权分立: one account holds at most one of the system, security and audit
    administrators' roles (in any organisation)."""
    if role not in ADMIN_ROLES:
        return
    held = (
        Membership.objects.filter(user=user, is_active=True, role__in=ADMIN_ROLES)
        .exclude(role=role)
        .values_list("role", flat=True)
        .first()
    )
    if held is not None:
        raise ValidationError(
            {
                "role": _(
                    "三权分立：该账号已是%(held)s，不能再授予%(role)s。系统管理员、安全管理员、"
                    "审计管理员须由不同的人担任。"
                )
                % {"held": Role(held).label, "role": Role(role).label}
            }
        )


def _reaches_everything(actor: Actor) -> bool:
    if not isinstance(actor, User) or actor.is_superuser:
        return True
    return any(m.data_scope == DataScope.ALL for m in memberships(actor, [Role.ADMIN]))


def membership_revoke(*, actor: Actor, membership: Membership) -> Membership:
    """收回岗位角色 (an administrator over the membership's organisation)."""
    _require_admin(actor, membership.org)
    with transaction.atomic():
        m = Membership.objects.select_for_update().get(pk=membership.pk)
        m.is_active = False
        m.save(update_fields=["is_active"])
        ledger.record(
            actor=actor,
            action=actions.MEMBERSHIP_REVOKE,
            subject=m.user,
            org=m.org,
            data={"role": m.role, "org": m.org.name},
        )
    return m


def token_create(*, actor: Actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for oneself (or, as an administrator over the user's
    organisation, for a system account); the plain key is returned once and never stored."""
    _require_self_or_admin(actor, user)
    if not name.strip():
        raise ValidationError({"name": _("请填写令牌用途。")})
    key = "fz_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=key[3:11],
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
        )
        ledger.record(
            actor=actor,
            action=actions.TOKEN_CREATE,
            subject=user,
            data={"token": token.prefix, "name": token.name},
        )
    return token, key


def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke one's own token, or (an administrator) a token of a user in one's scope."""
    _require_self_or_admin(actor, token.user)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        ledger.record(
            actor=actor,
            action=actions.TOKEN_REVOKE,
            subject=token.user,
            data={"token": token.prefix},
        )
    return token


def revoke_all_tokens(*, actor: Actor, user: User) -> int:
    """Revoke every live API token of ``user`` (forced logout, deactivation), one ledger
    event each, inside the caller's transaction. The user's own, a system administrator's
    (deactivation) or a security administrator's (forced logout) over the user."""
    if not (isinstance(actor, User) and (actor.pk == user.pk or actor.is_superuser)):
        require_role(
            actor,
            Role.ADMIN,
            Role.SECURITY,
            org=_home_org(user),
            message=_("只有系统管理员或安全管理员可以执行此操作。"),
        )
    tokens = sessions.live_tokens(user)
    now = clock.now()
    for token in tokens:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=now)
        ledger.record(
            actor=actor,
            action=actions.TOKEN_REVOKE,
            subject=user,
            data={"token": token.prefix},
        )
    return len(tokens)


def token_user(key: str) -> User | None:
    """The active user a presented key belongs to, or None."""
    if not key or not key.startswith("fz_"):
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest, revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token.user


def code_table_save(
    *, actor: Actor, code: str, name: str, description: str = "", is_system: bool = False
) -> CodeTable:
    """数据字典 belong to no organisation: any administrator keeps them."""
    _require_admin(actor)
    if not code.strip() or not name.strip():
        raise ValidationError(_("请填写字典编码和名称。"))
    with transaction.atomic():
        table, _created = CodeTable.objects.update_or_create(
            code=code.strip(),
            defaults={"name": name.strip(), "description": description, "is_system": is_system},
        )
        ledger.record(
            actor=actor,
            action=actions.CODE_TABLE_SAVE,
            subject=table,
            data={"code": table.code, "name": table.name},
        )
    return table


def code_item_save(
    *,
    actor: Actor,
    table: CodeTable,
    code: str,
    label: str,
    label_en: str = "",
    sort_order: int = 0,
    is_active: bool = True,
    note: str = "",
) -> CodeItem:
    _require_admin(actor)
    if not code.strip() or not label.strip():
        raise ValidationError(_("请填写字典项编码和名称。"))
    with transaction.atomic():
        old = CodeItem.objects.filter(table=table, code=code.strip()).first()
        before = (
            _snapshot(old, ["label", "label_en", "sort_order", "is_active", "note"]) if old else {}
        )
        item, _created = CodeItem.objects.update_or_create(
            table=table,
            code=code.strip(),
            defaults={
                "label": label.strip(),
                "label_en": label_en.strip(),
                "sort_order": sort_order,
                "is_active": is_active,
                "note": note,
            },
        )
        after = _snapshot(item, ["label", "label_en", "sort_order", "is_active", "note"])
        ledger.record(
            actor=actor,
            action=actions.CODE_ITEM_SAVE,
            subject=table,
            data={"item": item.code, **ledger.diff(before, after)},
        )
    return item


def notice_publish(
    *, actor: User, org: Organisation, title: str, body: str, is_pinned: bool = False
) -> Notice:
    """发布通知公告 to the staff of ``org``'s subtree: its leader or administrator, or a
    supervisor (the 依法治区办's notices on rule-of-law work reach every unit)."""
    require_role(
        actor,
        Role.LEADER,
        Role.ADMIN,
        Role.SUPERVISOR,
        org=org,
        message=_("只有本单位负责人、监督人员或系统管理员可以发布通知。"),
    )
    if not title.strip() or not body.strip():
        raise ValidationError(_("请填写标题和正文。"))
    with transaction.atomic():
        notice = Notice.objects.create(
            org=org,
            title=title.strip(),
            body=body.strip(),
            author=actor,
            published_at=clock.now(),
            is_pinned=is_pinned,
        )
        ledger.record(
            actor=actor, action=actions.NOTICE_PUBLISH, subject=notice, data={"title": notice.title}
        )
    return notice


def notice_withdraw(*, actor: User, notice: Notice) -> Notice:
    """撤回: the author, or an administrator over the notice's organisation."""
    if not (isinstance(actor, User) and notice.author_id == actor.pk):
        require_role(
            actor, Role.ADMIN, org=notice.org, message=_("只有发布人或系统管理员可以撤回通知。")
        )
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        notice.withdrawn_at = clock.now()
        notice.save(update_fields=["withdrawn_at"])
        ledger.record(actor=actor, action=actions.NOTICE_WITHDRAW, subject=notice)
    return notice
