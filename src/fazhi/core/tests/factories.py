"""Test factories: organisations and personas, created through the services like real data."""

from __future__ import annotations

import functools
import itertools

from fazhi.core import services
from fazhi.core.ledger import SystemActor
from fazhi.core.models import Organisation, OrgKind, Role, User

SYSTEM = SystemActor("测试")
PASSWORD = "Test@Pass2019"
_n = itertools.count(1)


def org(
    name: str | None = None, *, kind: str = OrgKind.BUREAU, parent: Organisation | None = None, **kw
) -> Organisation:
    return services.org_create(
        actor=SYSTEM, name=name or f"测试机构{next(_n)}", kind=kind, parent=parent, **kw
    )


def user(
    username: str | None = None,
    *,
    org: Organisation | None = None,
    role: str | None = None,
    scope: str | None = None,
    password: str = PASSWORD,
    **kw,
) -> User:
    u = services.user_create(
        actor=SYSTEM,
        username=username or f"user{next(_n)}",
        password=password,
        primary_org=org,
        is_superuser=(role == Role.ADMIN),
        **kw,
    )
    if org is not None and role is not None:
        services.membership_grant(actor=SYSTEM, user=u, org=org, role=role, data_scope=scope)
    return u


class District:
    """A small district: government, two bureaus, two streets each with a community."""

    def __init__(self) -> None:
        self.gov = org("测试区人民政府", kind=OrgKind.DISTRICT, division_code="430102")
        self.justice = org("测试区司法局", parent=self.gov)
        self.bureau = org("测试区行政执法局", parent=self.gov)
        self.street_a = org("甲街道", kind=OrgKind.STREET, parent=self.gov)
        self.street_b = org("乙街道", kind=OrgKind.STREET, parent=self.gov)
        self.comm_a = org("甲街道一社区", kind=OrgKind.COMMUNITY, parent=self.street_a)
        self.comm_b = org("乙街道一社区", kind=OrgKind.COMMUNITY, parent=self.street_b)
        self.clerk = user("clerk", org=self.bureau, role=Role.CLERK, full_name="窗口人员甲")
        self.officer = user("officer", org=self.bureau, role=Role.OFFICER)
        self.reviewer = user("reviewer", org=self.justice, role=Role.REVIEWER)
        self.leader = user("leader", org=self.bureau, role=Role.LEADER)
        self.supervisor = user("supervisor", org=self.justice, role=Role.SUPERVISOR)
        self.admin = user("admin", org=self.gov, role=Role.ADMIN)
        self.street_a_leader = user("street_a", org=self.street_a, role=Role.LEADER)
        self.street_b_leader = user("street_b", org=self.street_b, role=Role.LEADER)

    # 三权分立: the security and audit administrators, made when a test first asks for them
    # (so the users of every other test stay as they were)
    @functools.cached_property
    def security(self) -> User:
        return user("security", org=self.gov, role=Role.SECURITY, full_name="安全管理员甲")

    @functools.cached_property
    def auditor(self) -> User:
        return user("auditor", org=self.gov, role=Role.AUDIT, full_name="审计管理员甲")
