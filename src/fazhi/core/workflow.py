"""Matters and their workflows: one table per domain, one ``transition()`` for all.

A domain declares ``Status(TextChoices)`` and ``TRANSITIONS = {from: {to: Transition(...)}}``
in its ``states.py`` and sets them on its model. ``transition()`` then

1. locks the row (``select_for_update``) and checks the version the form was based on —
   a stale form gets ``StaleMatter`` ("该事项已被他人修改"), nothing changed;
2. checks the table — a move it does not list is ``InvalidTransition`` (a state error);
3. checks the actor's role in the matter's organisation — a ``PermissionDenied``;
4. checks the transition's conditions — each returns an error message or ``None``;
   a failed condition is ``InvalidTransition`` with that message;
5. saves the new status (and ``closed_on`` for a closing status), bumps the version,
   runs the caller's ``apply`` hook and writes the ledger event — all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, ledger
from .actions import register
from .ledger import Actor
from .models import Role, User
from .scoping import has_role

MATTER_TRANSITION = register("matter.transition", gettext_lazy("办理环节变更"))

Condition = Callable[[Any, Actor, dict], str | None]


class InvalidTransition(Exception):
    """The move is not in the table, or one of its conditions is not met."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleMatter(InvalidTransition):
    """The matter changed since the form was loaded."""


@dataclass(frozen=True)
class Transition:
    roles: frozenset[str]
    conditions: tuple[Condition, ...] = ()
    label: str = ""
    needs_reason: bool = False

    @classmethod
    def of(
        cls,
        *roles: str,
        conditions: Iterable[Condition] = (),
        label: str = "",
        needs_reason: bool = False,
    ) -> Transition:
        return cls(frozenset(roles), tuple(conditions), label, needs_reason)


@dataclass
class Context:
    """What a condition may look at besides the matter: the reason, extra data."""

    reason: str = ""
    data: dict = field(default_factory=dict)


def status_label(model: type[models.Model], value: str) -> str:
    choices = dict(model._meta.get_field("status").choices or [])
    return str(choices.get(value, value))


def allowed_moves(matter: models.Model, actor: Actor) -> list[tuple[str, Transition]]:
    """The moves the actor could make now (conditions not yet checked), for the page."""
    moves = []
    for to, t in type(matter).TRANSITIONS.get(matter.status, {}).items():
        if isinstance(actor, User) and has_role(actor, *t.roles, org=matter.org):
            moves.append((to, t))
    return moves


def transition(
    *,
    actor: Actor,
    matter: models.Model,
    to: str,
    reason: str = "",
    version: int | None = None,
    data: dict | None = None,
    apply: Callable[[Any], None] | None = None,
    on: dt.date | None = None,
) -> Any:
    """Move ``matter`` to status ``to`` (see the module docstring). Returns the saved matter."""
    model = type(matter)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=matter.pk)
        if version is not None and int(version) != locked.version:
            raise StaleMatter(
                _("该事项已被他人修改（当前为第 %(v)d 版），请刷新页面后重试。")
                % {"v": locked.version}
            )
        moves = model.TRANSITIONS.get(locked.status, {})
        if to not in moves:
            raise InvalidTransition(
                _("当前状态“%(a)s”不能变更为“%(b)s”。")
                % {"a": status_label(model, locked.status), "b": status_label(model, to)}
            )
        t = moves[to]
        if isinstance(actor, User) and not has_role(actor, *t.roles, org=locked.org):
            names = "、".join(str(Role(r).label) for r in sorted(t.roles))
            raise PermissionDenied(_("只有本单位的%(r)s可以执行此操作。") % {"r": names})
        if t.needs_reason and not reason.strip():
            raise InvalidTransition(_("请填写理由。"))
        ctx = Context(reason=reason, data=data or {})
        for cond in t.conditions:
            problem = cond(locked, actor, ctx.__dict__)
            if problem:
                raise InvalidTransition(problem)
        before = locked.status
        locked.status = to
        locked.version += 1
        if to in model.CLOSED_STATUSES and locked.closed_on is None:
            locked.closed_on = on or clock.today()
        if apply is not None:
            apply(locked)
        locked.save()
        ledger.record(
            actor=actor,
            action=MATTER_TRANSITION,
            subject=locked,
            data={"from": before, "to": to, "reason": reason, **(data or {})},
        )
    matter.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


def mermaid(model: type[models.Model]) -> str:
    """The state diagram of a model's table, generated (never drawn by hand)."""
    lines = ["stateDiagram-v2"]
    for src, moves in model.TRANSITIONS.items():
        for dst, t in moves.items():
            roles = "/".join(str(Role(r).label) for r in sorted(t.roles))
            lines.append(f"    {src} --> {dst}: {t.label or status_label(model, dst)}（{roles}）")
    for value, label in model._meta.get_field("status").choices:
        lines.append(f"    {value}: {label}")
    return "\n".join(lines) + "\n"
