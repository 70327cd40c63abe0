"""用户管理 (administrators) and 个人设置 (everyone)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import access, exports, otp, queries, scoping, services
from fazhi.core.models import DataScope, Membership, Role, User
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm

from ..filters import UserFilter, listed


def _require_admin(request):
    if not scoping.is_admin(request.user):
        raise Http404


def _require_admin_or_security(request):
    """The user list and a user's page: the system administrator (accounts, roles) and the
    security administrator (second factor, locks) — 三权分立."""
    if not (scoping.is_admin(request.user) or scoping.is_security_admin(request.user)):
        raise Http404


class UserForm(StyledForm):
    username = forms.CharField(label=gettext_lazy("登录名"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("电子邮箱"), required=False)
    primary_org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("所属单位"))
    language = forms.ChoiceField(label=gettext_lazy("界面语言"), choices=settings.LANGUAGES)
    password = forms.CharField(
        label=gettext_lazy("初始密码"),
        widget=forms.PasswordInput,
        required=False,
        help_text=gettext_lazy("至少10位，含大写字母、小写字母、数字、符号中的至少三类。"),
    )

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["primary_org"].queryset = queries.orgs(user)
        if editing:
            self.fields["username"].disabled = True
            del self.fields["password"]
        else:
            self.fields["password"].required = True


class GrantForm(StyledForm):
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("单位"))
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=Role.choices)
    data_scope = forms.ChoiceField(
        label=gettext_lazy("数据范围"),
        choices=[("", gettext_lazy("按角色默认"))] + DataScope.choices,
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = queries.orgs(user)


@login_required
def user_list(request):
    _require_admin_or_security(request)
    rows, flt = listed(UserFilter, request, queries.users(request.user).order_by("username"))
    q = flt["q"]
    if request.GET.get("export") == "xlsx":
        return export_response(exports.USERS, rows)
    return render(request, "web/users.html", {"rows": rows, "q": q})


@login_required
def user_detail(request, pk: int):
    _require_admin_or_security(request)
    target = scoping.get_for(request.user, queries.users(request.user), pk)
    admin = scoping.is_admin(request.user)
    grant = GrantForm(request.POST or None, user=request.user) if admin else None
    if request.method == "POST" and grant is not None and grant.is_valid():
        try:
            services.membership_grant(
                actor=request.user,
                user=target,
                org=grant.cleaned_data["org"],
                role=grant.cleaned_data["role"],
                data_scope=grant.cleaned_data["data_scope"] or None,
            )
        except ValidationError as exc:
            grant.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("已授予岗位角色。"))
            return redirect("web:user", pk=target.pk)
    return render(
        request,
        "web/user_detail.html",
        {
            "target": target,
            "grant": grant,
            "memberships": target.memberships.select_related("org").order_by("-is_active", "org"),
            "otp_device": otp.device(target),
            "otp_required": otp.required(target),
            "recovery_left": otp.recovery_codes_left(target),
            "can_reset": scoping.is_security_admin(request.user),
        },
    )


@login_required
def user_new(request):
    _require_admin(request)
    form = UserForm(request.POST or None, user=request.user, initial={"language": "zh-hans"})
    if request.method == "POST" and form.is_valid():
        try:
            target = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
        else:
            messages.success(request, _("用户已创建。请为其授予岗位角色。"))
            return redirect("web:user", pk=target.pk)
    return render(
        request, "web/form.html", {"form": form, "title": _("新建用户"), "back": "web:users"}
    )


@login_required
def user_edit(request, pk: int):
    _require_admin(request)
    target = scoping.get_for(request.user, queries.users(request.user), pk)
    initial = {
        "username": target.username,
        "full_name": target.full_name,
        "phone": target.phone,
        "email": target.email,
        "primary_org": target.primary_org,
        "language": target.language,
    }
    form = UserForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "username"}
        services.user_update(actor=request.user, user=target, **data)
        messages.success(request, _("已保存。"))
        return redirect("web:user", pk=target.pk)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": _("修改用户：%(user)s") % {"user": target}, "back": "web:users"},
    )


@login_required
@require_POST
def user_active(request, pk: int):
    _require_admin(request)
    target = scoping.get_for(request.user, queries.users(request.user), pk)
    try:
        services.user_set_active(
            actor=request.user, user=target, active=request.POST.get("active") == "1"
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("已启用。") if request.POST.get("active") == "1" else _("已停用，其会话已结束。"),
        )
    return redirect("web:user", pk=target.pk)


@login_required
@require_POST
def membership_revoke(request, pk: int):
    _require_admin(request)
    m = scoping.get_for(request.user, Membership, pk)
    services.membership_revoke(actor=request.user, membership=m)
    messages.success(request, _("已撤销岗位角色。"))
    return redirect("web:user", pk=m.user_id)


class ProfileForm(StyledForm):
    language = forms.ChoiceField(
        label=gettext_lazy("界面语言 / Language"), choices=settings.LANGUAGES
    )


class PasswordForm(StyledForm):
    old = forms.CharField(label=gettext_lazy("原密码"), widget=forms.PasswordInput)
    new = forms.CharField(label=gettext_lazy("新密码"), widget=forms.PasswordInput)
    again = forms.CharField(label=gettext_lazy("再次输入新密码"), widget=forms.PasswordInput)


@login_required
def profile(request):
    user: User = request.user
    pform = ProfileForm(
        request.POST if "language" in request.POST else None, initial={"language": user.language}
    )
    wform = PasswordForm(request.POST if "new" in request.POST else None)
    if request.method == "POST":
        if pform.is_bound and pform.is_valid():
            services.user_set_language(
                actor=user, user=user, language=pform.cleaned_data["language"]
            )
            messages.success(request, _("已保存。"))
            from .auth import remember_language

            return remember_language(redirect("web:profile"), user.language)
        if wform.is_bound and wform.is_valid():
            d = wform.cleaned_data
            if not user.check_password(d["old"]):
                wform.add_error("old", _("原密码不正确。"))
            elif d["new"] != d["again"]:
                wform.add_error("again", _("两次输入的新密码不一致。"))
            else:
                try:
                    services.user_set_password(
                        actor=user,
                        user=user,
                        password=d["new"],
                        keep_session=request.session.session_key,
                    )
                except ValidationError as exc:
                    wform.add_error("new", exc.messages[0])
                else:
                    access.logout(request)  # this session too: sign in with the new one
                    messages.success(request, _("密码已修改，请重新登录。"))
                    return redirect("web:login")
    tokens = user.api_tokens.filter(revoked_at__isnull=True)
    return render(
        request,
        "web/profile.html",
        {
            "pform": pform,
            "wform": wform,
            "tokens": tokens,
            "memberships": scoping.memberships(user),
        },
    )


@login_required
@require_POST
def token_new(request):
    name = request.POST.get("name", "")
    try:
        _token, key = services.token_create(actor=request.user, user=request.user, name=name)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("新令牌（只显示这一次，请妥善保存）：%(key)s") % {"key": key})
    return redirect("web:profile")


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = request.user.api_tokens.filter(pk=pk).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("令牌已吊销。"))
    return redirect("web:profile")


@login_required
@require_POST
def user_otp_reset(request, pk: int):
    """重置动态口令 (the security administrator): the user enrols again at the next sign-in."""
    if not scoping.is_security_admin(request.user):
        raise Http404
    target = scoping.get_for(request.user, queries.users(request.user), pk)
    otp.reset(actor=request.user, user=target)
    messages.success(request, _("已重置动态口令；该用户下次登录时重新绑定。"))
    return redirect("web:user", pk=target.pk)
