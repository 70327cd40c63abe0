"""The API's guard: what every operation of ``/api/v1/`` gets from the kernel, so that no
domain router repeats it (``fazhi.api`` installs it on the whole API).

- **Bad input is refused before a view runs**: a NUL character anywhere in the path, the
  query or the body (PostgreSQL cannot store it; it answered 500) → 400. While an API
  request runs, a model saved with a text longer than its column is refused
  (``ValidationError``, which the domain routers answer 400; SQLite would keep it and
  PostgreSQL fail with 500). Whatever still escapes a view as a refusal — ``ValidationError``,
  ``PermissionDenied``, a refused move, a value too long or too large for the database —
  is answered 4xx with a message, in the caller's language (a token's user's language is
  applied as a session user's is). A request that does not fit the schema gets 422 with the
  fields named.
- **Duties at the door** (``core.duties``): an account that holds only administrators' roles
  (三权分立) calls only its own operations (403, an object 404); an account without any
  role gets 403 "您的账号尚未分配岗位角色…" — operations open to anyone (``auth=None``)
  excepted.
- **A stale version is answered 409.** A move sent with the ``version`` it was read at, when
  someone else has moved the matter since (``workflow.StaleMatter``), is 409 Conflict, not
  400, when the router answers it 400 or leaves it to the kernel; nothing is changed. (A
  test that mounts a router on an API of its own calls ``install`` on it too, or it sees
  the router's own 400: the grid-report API's tests did.)
- **``Idempotency-Key``** on a POST: the first 2xx answer is kept (``IdempotentRequest``, 24
  hours) with the body's hash; a retried or concurrent duplicate with the same key (same
  caller, same path) creates nothing and gets the same answer (with ``Idempotent-Replayed:
  true``); the same key with another body is 422. The claim and the work are one
  transaction, so a second request with the key waits for the first and never runs beside
  it; a refused request (4xx) keeps no claim, so it can be corrected and sent again.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from urllib.parse import unquote

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, DataError, IntegrityError, models, transaction
from django.db.models.signals import pre_save
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from . import clock, duties

KEEP = dt.timedelta(hours=24)
MAX_KEY = 255
REPLAYED = "Idempotent-Replayed"

_stale = contextvars.ContextVar("fazhi_api_stale", default=False)
_in_api = contextvars.ContextVar("fazhi_api_request", default=False)


def stale_seen() -> None:
    """Called by ``workflow.StaleMatter``: the answer to this request becomes 409."""
    _stale.set(True)


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse(
        {"detail": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def caller(request: HttpRequest):
    """The signed-in user (session) or the token's user, with the user's language applied;
    None for an anonymous request (the operation's own authentication answers it)."""
    from .services import token_user

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        header = request.headers.get("Authorization", "")
        user = token_user(header[7:].strip()) if header.startswith("Bearer ") else None
        request._fazhi_token_user = user  # the API's TokenAuth takes it from here
        if user is not None:
            translation.activate(user.language or "zh-hans")
            request.LANGUAGE_CODE = translation.get_language()
    return user


# --- bad input -----------------------------------------------------------------------------


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def nul_in_request(request: HttpRequest, kwargs: dict) -> bool:
    if "\x00" in unquote(request.path) or _has_nul(list(kwargs.values())):
        return True
    if any(_has_nul(k) or _has_nul(request.GET.getlist(k)) for k in request.GET):
        return True
    ctype = request.content_type or ""
    if request.method in {"GET", "HEAD", "OPTIONS", "DELETE"}:
        return False
    if "json" in ctype:
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u0000" in body:
            try:
                return _has_nul(json.loads(body))
            except ValueError:
                return False  # not JSON: the operation answers it
        return False
    if ctype in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return any(_has_nul(k) or _has_nul(request.POST.getlist(k)) for k in request.POST)
    return False


def check_lengths(sender, instance, **kwargs) -> None:
    """``pre_save`` during an API request: a text longer than its column is refused here
    (SQLite would keep it, PostgreSQL would fail)."""
    if not _in_api.get():
        return
    for f in instance._meta.concrete_fields:
        if isinstance(f, models.CharField) and f.max_length:
            value = getattr(instance, f.attname, None)
            if isinstance(value, str) and len(value) > f.max_length:
                raise ValidationError(
                    _("“%(f)s”最多 %(n)d 个字符，现有 %(m)d 个。")
                    % {"f": f.verbose_name, "n": f.max_length, "m": len(value)}
                )


pre_save.connect(check_lengths, dispatch_uid="fazhi.core.guard.check_lengths")


# --- idempotency ---------------------------------------------------------------------------


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\x1f")
    return h.hexdigest()


def _replay(row) -> HttpResponse:
    resp = HttpResponse(bytes(row.body), status=row.status, content_type=row.content_type)
    resp[REPLAYED] = "true"
    return resp


def idempotent(request: HttpRequest, user, key: str, call: Callable[[], HttpResponse]):
    from .models import IdempotentRequest

    if not key.strip() or len(key) > MAX_KEY or not key.isprintable():
        return _error(400, _("Idempotency-Key 应为 1 至 %(n)d 个可见字符。") % {"n": MAX_KEY})
    key_hash = _digest(str(user.pk), request.method, request.path, key)
    fingerprint = _digest(request.content_type or "", request.body)
    now = clock.now()
    with transaction.atomic():
        IdempotentRequest.objects.filter(created_at__lt=now - KEEP).delete()
        try:
            with transaction.atomic():
                row = IdempotentRequest.objects.create(
                    key_hash=key_hash, fingerprint=fingerprint, created_at=now
                )
        except IntegrityError:
            row = None
        if row is not None:
            resp = call()
            if 200 <= resp.status_code < 300 and not getattr(resp, "streaming", False):
                row.status = resp.status_code
                row.content_type = resp.get("Content-Type", "")
                row.body = resp.content
                row.save(update_fields=["status", "content_type", "body"])
            else:
                try:
                    with transaction.atomic():
                        row.delete()
                except DatabaseError:  # the view left the transaction broken: undo it all
                    transaction.set_rollback(True)
            return resp
    first = IdempotentRequest.objects.filter(key_hash=key_hash).first()
    if first is None or first.status is None:  # the first one's claim was just dropped
        return _error(409, _("使用同一 Idempotency-Key 的请求正在办理，请稍后重试。"))
    if first.fingerprint != fingerprint:
        return _error(422, _("该 Idempotency-Key 已用于内容不同的另一请求。"))
    return _replay(first)


# --- the decorator ---------------------------------------------------------------------------


def guard(run):
    """Wraps an operation's ``run`` (ninja's "view" decorator mode: before authentication
    and validation)."""

    op = getattr(run, "__self__", None)
    name = f"api:{getattr(getattr(op, 'view_func', None), '__name__', '')}"
    public = op is not None and getattr(op, "auth_param", "") is None  # auth=None: anyone

    @functools.wraps(run)
    def wrapped(request: HttpRequest, *args, **kwargs):
        request.fazhi_operation = name  # the access audit names the operation, not the path
        user = caller(request)
        if nul_in_request(request, kwargs):
            return _error(400, _("输入含有不允许的控制字符（NUL），请删除后重试。"))
        refusal = None if public or user is None else duties.api_refusal(user, name, kwargs)
        if refusal is not None:  # 三权分立, accounts without a role (core.duties)
            return _error(*refusal)
        stale_token = _stale.set(False)
        api_token = _in_api.set(True)

        def call() -> HttpResponse:
            resp = run(request, *args, **kwargs)
            if resp.status_code == 400 and _stale.get():
                resp.status_code = 409
            return resp

        try:
            key = request.headers.get("Idempotency-Key")
            if request.method == "POST" and key is not None and user is not None:
                return idempotent(request, user, key, call)
            return call()
        finally:
            _stale.reset(stale_token)
            _in_api.reset(api_token)

    return wrapped


def _document(api) -> None:
    """The schema says what the guard adds: the ``Idempotency-Key`` header on every POST,
    409 and 422 among its answers."""
    build = api.get_openapi_schema

    @functools.wraps(build)
    def schema(*args, **kwargs):
        doc = build(*args, **kwargs)
        for ops in doc.get("paths", {}).values():
            post = ops.get("post")
            if post is None:
                continue
            post.setdefault("parameters", []).append(
                {
                    "in": "header",
                    "name": "Idempotency-Key",
                    "required": False,
                    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY},
                    "description": "重发同一请求时带同一键：24 小时内只办理一次，返回同一答复。",
                }
            )
            answers = post.setdefault("responses", {})
            answers.setdefault("409", {"description": "事项已被他人修改，或同一键的请求正在办理"})
            answers.setdefault("422", {"description": "请求内容不符合接口说明，或键已用于另一请求"})
        return doc

    api.get_openapi_schema = schema


def install(api) -> None:
    """The guard on every operation, and the kernel's answers to refusals that escape a
    view."""
    from django.http import Http404
    from ninja.errors import AuthenticationError
    from ninja.errors import ValidationError as SchemaError

    from .workflow import InvalidTransition, StaleMatter

    api.add_decorator(guard, mode="view")
    _document(api)

    @api.exception_handler(Http404)
    def not_found(request, exc):  # out of scope is the same answer as not there
        return _error(404, _("未找到"))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return _error(401, _("请登录，或提供有效的接口令牌。"))

    @api.exception_handler(ValidationError)
    def refused(request, exc):
        return _error(400, "；".join(exc.messages))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return _error(403, str(exc) or _("您没有执行此操作的权限。"))

    @api.exception_handler(StaleMatter)
    def stale(request, exc):
        return _error(409, exc.message)

    @api.exception_handler(InvalidTransition)
    def invalid_move(request, exc):
        return _error(400, exc.message)

    @api.exception_handler(DataError)
    @api.exception_handler(OverflowError)
    def too_large(request, exc):
        return _error(400, _("输入的内容超出允许的长度或数值范围。"))

    @api.exception_handler(SchemaError)
    def not_in_schema(request, exc):
        fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors})
        return _error(
            422,
            _("请求内容不符合接口说明：%(f)s") % {"f": "、".join(f for f in fields if f) or "—"},
            errors=json.loads(json.dumps(exc.errors, default=str)),
        )
