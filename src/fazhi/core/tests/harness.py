"""Test helpers a domain inherits: the workflow-table walk, and the service × role matrix.

A domain's test module subclasses ``WorkflowTableTests``, names its model, and implements
``make(status)`` (a matter in that status, owned by ``self.org``) and ``actor(role)``
(a user holding ``role`` in ``self.org``). Every row of the table is then walked: each move
succeeds for each of its roles (conditions satisfied by ``satisfy``), is refused with
PermissionDenied for every other role, and every move the table does not list is an
InvalidTransition.

``ServiceMatrixTests`` (below) covers every write service of a domain: each is declared
once with the roles that may call it, and called by every role inside and outside the
owning organisation.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.models import Role
from fazhi.core.workflow import InvalidTransition, transition


class WorkflowTableTests:
    model: Any = None

    def make(self, status: str) -> Any:  # pragma: no cover - implemented by the domain
        raise NotImplementedError

    def actor(self, role: str) -> Any:  # pragma: no cover
        raise NotImplementedError

    def satisfy(self, matter: Any, to: str) -> dict:
        """Return data/reason/on (the business date) that meet the move's conditions
        (override per domain)."""
        from fazhi.core import clock

        return {"reason": "测试理由", "data": {}, "on": clock.today()}

    def statuses(self) -> list[str]:
        return [v for v, _label in self.model._meta.get_field("status").choices]

    def test_every_listed_move_works_for_each_of_its_roles(self, db):
        for src, moves in self.model.TRANSITIONS.items():
            for dst, t in moves.items():
                for role in sorted(t.roles):
                    m = self.make(src)
                    kw = self.satisfy(m, dst)
                    out = transition(
                        actor=self.actor(role),
                        matter=m,
                        to=dst,
                        reason=kw.get("reason", ""),
                        data=kw.get("data"),
                        on=kw.get("on"),
                    )
                    assert out.status == dst, (src, dst, role)

    def test_every_listed_move_is_refused_to_other_roles(self, db):
        for src, moves in self.model.TRANSITIONS.items():
            for dst, t in moves.items():
                for role in sorted(set(Role.values) - set(t.roles)):
                    m = self.make(src)
                    kw = self.satisfy(m, dst)
                    with pytest.raises(PermissionDenied):
                        transition(
                            actor=self.actor(role),
                            matter=m,
                            to=dst,
                            reason=kw.get("reason", ""),
                            data=kw.get("data"),
                            on=kw.get("on"),
                        )
                    m.refresh_from_db()
                    assert m.status == src

    def test_moves_not_in_the_table_are_invalid(self, db):
        for src in self.statuses():
            listed = set(self.model.TRANSITIONS.get(src, {}))
            for dst in self.statuses():
                if dst in listed or dst == src:
                    continue
                m = self.make(src)
                with pytest.raises(InvalidTransition):
                    transition(actor=self.actor(Role.SUPERVISOR), matter=m, to=dst, reason="测试")
                m.refresh_from_db()
                assert m.status == src


# -- The service × role matrix -------------------------------------------------------------


class _Rollback(Exception):
    pass


@dataclass(frozen=True)
class Expect:
    """What one write service allows, declared once.

    ``roles``: the roles that may call it inside the owning organisation, each with the data
    scope the demo gives it (窗口人员 本部门, 执法人员 仅本人, 法制审核/负责人 本部门及以下,
    监督人员 全部, 系统管理员 本部门及以下). A role whose scope is 全部 (the supervisor) sits
    in another organisation in real life (依法治区办) and reaches every organisation, so
    when it may act inside it may act from outside too. ``outside``: other roles that may
    act from another organisation (records that belong to no organisation: the calendar,
    the rule registry, code tables).

    ``setup(world)`` builds the subject once per service, as the system, and may share
    what it builds with other services through ``world.once``; ``call(world, actor,
    subject)`` calls the service as ``actor`` on a fresh copy of the subject. For a role
    that may act the call must succeed; for every other role it must raise
    ``PermissionDenied`` before writing anything."""

    roles: frozenset[str]
    call: Callable[[Any, Any, Any], Any]
    outside: frozenset[str] = frozenset()
    setup: Callable[[Any], Any] | None = None

    @classmethod
    def of(
        cls,
        *roles: str,
        call: Callable[[Any, Any, Any], Any],
        setup: Callable[[Any], Any] | None = None,
        outside: Iterable[str] = (),
    ) -> Expect:
        return cls(frozenset(roles), call, frozenset(outside), setup)


def write_services(modules: Iterable[str]) -> list[str]:
    """Every write service in ``modules``: a public function defined there whose signature
    has a keyword-only ``actor`` — the house style for a use case (CONVENTIONS.md item 1)."""
    found = []
    for name in modules:
        mod = importlib.import_module(name)
        for attr, fn in vars(mod).items():
            if attr.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != name:
                continue
            params = inspect.signature(fn).parameters
            if "actor" in params and params["actor"].kind is inspect.Parameter.KEYWORD_ONLY:
                found.append(f"{name}:{attr}")
    return sorted(found)


class MatrixWorld:
    """Two sibling organisations under one root and, in each, a user per role with the
    demo's data scope. ``org`` owns the subjects; ``other`` is "another organisation".
    Nobody is a Django superuser: the administrator acts by the 系统管理员 role alone.

    A domain subclasses it to add what its services need (a body, officers…), building
    everything through services as the system (``SYSTEM``)."""

    def __init__(self, org, other) -> None:
        from fazhi.core.models import DEFAULT_SCOPE

        from . import factories

        self.org, self.other = org, other
        self._users: dict[tuple[str, bool], Any] = {}
        self._once: dict[str, Any] = {}
        for inside, o in ((True, org), (False, other)):
            for role in Role.values:
                u = factories.user(org=None)
                factories.services.membership_grant(
                    actor=factories.SYSTEM, user=u, org=o, role=role, data_scope=DEFAULT_SCOPE[role]
                )
                self._users[(role, inside)] = u

    @classmethod
    def create(cls, **kw) -> MatrixWorld:
        """A fresh district root with the two organisations under it."""
        from fazhi.core.models import OrgKind

        from . import factories

        root = factories.org(kind=OrgKind.DISTRICT)
        return cls(factories.org(parent=root), factories.org(parent=root), **kw)

    def actor(self, role: str, inside: bool = True):
        return self._users[(role, inside)]

    def once(self, key: str, build: Callable[[], Any]) -> Any:
        """Build a shared fixture the first time it is asked for (outside any call)."""
        if key not in self._once:
            self._once[key] = build()
        return self._once[key]

    @staticmethod
    def reaches_everywhere(role: str) -> bool:
        from fazhi.core.models import DEFAULT_SCOPE, DataScope

        return DEFAULT_SCOPE[role] == DataScope.ALL


class ServiceMatrixTests:
    """Inherit, set ``MODULES`` (the modules whose write services this domain owns) and
    ``EXPECT`` (``"module:function" -> Expect``), and implement ``world()`` returning a
    ``MatrixWorld`` (or a subclass with the domain's set-up). Then:

    - a write service with no declaration fails ``test_every_write_service_is_declared``;
    - every declared service is called by each role inside and outside the organisation:
      allowed roles succeed, every other call is ``PermissionDenied`` and appends nothing
      to the ledger. Each call runs in a savepoint that is rolled back, so one subject
      serves every role."""

    MODULES: tuple[str, ...] = ()
    EXPECT: dict[str, Expect] = {}

    def world(self) -> MatrixWorld:  # pragma: no cover - implemented by the domain
        raise NotImplementedError

    def test_every_write_service_is_declared(self):
        services = write_services(self.MODULES)
        missing = [s for s in services if s not in self.EXPECT]
        stale = [s for s in self.EXPECT if s not in services]
        assert not missing, f"write services without a role declaration: {missing}"
        assert not stale, f"declarations of services that do not exist: {stale}"

    def allowed(self, world: MatrixWorld, exp: Expect, role: str, inside: bool) -> bool:
        if inside:
            return role in exp.roles
        return role in exp.outside or (role in exp.roles and world.reaches_everywhere(role))

    def test_each_role_inside_and_outside(self, db):
        world = self.world()
        failures = []
        for name, exp in sorted(self.EXPECT.items()):
            try:
                subject = exp.setup(world) if exp.setup is not None else None
            except Exception as exc:  # a broken fixture names its service
                failures.append(f"{name}: setup failed: {type(exc).__name__}: {exc}")
                continue
            for inside in (True, False):
                for role in Role.values:
                    want = "ok" if self.allowed(world, exp, role, inside) else "denied"
                    got = _try(exp, world, world.actor(role, inside), subject)
                    if got != want:
                        where = "inside" if inside else "outside"
                        failures.append(f"{name} as {role} ({where}): expected {want}, got {got}")
        assert not failures, "\n".join(failures)


def _try(exp: Expect, world: MatrixWorld, actor: Any, subject: Any) -> str:
    """Call the service as ``actor`` in a savepoint that is always rolled back; say what
    happened: ``ok``, ``denied`` or the unexpected exception."""
    import copy

    from django.db import transaction

    from fazhi.core import calendar
    from fazhi.core.models import LedgerEvent, LedgerHead

    def head() -> int:
        return LedgerHead.objects.filter(id=1).values_list("seq", flat=True).first() or 0

    def by_actor_since(seq: int) -> bool:
        return LedgerEvent.objects.filter(seq__gt=seq, actor_id=getattr(actor, "pk", None)).exists()

    outcome = ""
    try:
        with transaction.atomic():
            before = head()
            try:
                exp.call(world, actor, copy.deepcopy(subject))
                outcome = "ok"
            except PermissionDenied:
                # What the service wrote before refusing would stay in production. A call that
                # builds its subject first (as the system or another user) may write that; the
                # refused actor may not have written anything.
                wrote = by_actor_since(before) if exp.setup is None else head() != before
                outcome = "denied after writing to the ledger" if wrote else "denied"
            raise _Rollback
    except _Rollback:
        pass
    except Exception as exc:  # reported with the service and role
        outcome = f"{type(exc).__name__}: {exc}"
    finally:
        calendar.invalidate()  # a rolled-back calendar edit must not stay cached
    return outcome
