"""Test helpers a domain inherits: the workflow-table walk and its role matrix.

A domain's test module subclasses ``WorkflowTableTests``, names its model, and implements
``make(status)`` (a matter in that status, owned by ``self.org``) and ``actor(role)``
(a user holding ``role`` in ``self.org``). Every row of the table is then walked: each move
succeeds for each of its roles (conditions satisfied by ``satisfy``), is refused with
PermissionDenied for every other role, and every move the table does not list is an
InvalidTransition.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from .models import Role
from .workflow import InvalidTransition, transition


class WorkflowTableTests:
    model: Any = None

    def make(self, status: str) -> Any:  # pragma: no cover - implemented by the domain
        raise NotImplementedError

    def actor(self, role: str) -> Any:  # pragma: no cover
        raise NotImplementedError

    def satisfy(self, matter: Any, to: str) -> dict:
        """Return data/reason that meets the move's conditions (override per domain)."""
        return {"reason": "测试理由", "data": {}}

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
