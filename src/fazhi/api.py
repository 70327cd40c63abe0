"""The API: django-ninja under /api/v1/, OpenAPI documentation at /api/docs.

Browsers use their session (with CSRF); systems send ``Authorization: Bearer fz_…``.
Each module contributes a router; answers go through the scoping function.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, django_auth

from .core import guard
from .core.api import router as core_router
from .core.dataexchange.api import router as dataexchange_router
from .core.services import token_user
from .ui import registry


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        # the guard has looked the token up already (core.guard.caller)
        user = getattr(request, "_fazhi_token_user", None) or token_user(token)
        if user is not None:
            request.user = user
        return user


def signed_in_only(view):
    """The schema and the docs name every staff endpoint: signed-in staff (session) or a
    system with a token only. Browsers go to the sign-in page; others get 401."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and token_user(header[7:].strip()) is not None:
            return view(request, *args, **kwargs)
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if header or "json" in request.path:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapped


class UTF8Renderer(JSONRenderer):
    """Chinese as characters (UTF-8), not ``\\uXXXX`` escapes: a third of the bytes, and
    readable in a log or a terminal."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="法治 fazhi API",
    version="1",
    description="芙蓉区法治政府建设工作平台接口。会话认证（浏览器）或令牌认证（系统）。"
    "新建记录的 POST 可带 Idempotency-Key 请求头（24 小时内重发只办理一次，返回同一答复）；"
    "带 version 的办理请求，事项已被他人修改时返回 409。",
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=signed_in_only,
    auth=[TokenAuth(), django_auth],
    renderer=UTF8Renderer(),
)
guard.install(api)  # bad input, stale versions (409), Idempotency-Key: for every operation
api.add_router("/v1/", core_router)
for _d in registry.domains():  # each domain registers its routers (fazhi.ui.registry)
    for _prefix, _target in _d.api:
        api.add_router(f"/v1/{_prefix}", registry.resolve(_target))
api.add_router("/v1/", dataexchange_router)
