"""The kernel's write services × every role, inside and outside the owning organisation.

Organisations, users, memberships and tokens are an administrator's, over their own part of
the tree (another's password and forced token revocation the security administrator's:
三权分立); the calendar, the rule registry and code tables belong to no organisation (any
administrator); notices are a leader's, an administrator's or a supervisor's; supervision
tasks are issued, accepted, returned and cancelled by supervisors and signed and reported by
the organisation that was given them (an officer's 仅本人 scope does not reach a task they
do not handle).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from pathlib import Path

import fazhi
from fazhi.core import calendar, clock, rules, services, supervision
from fazhi.core.models import Membership, Notice, OrgKind, Role
from fazhi.core.tests.factories import PASSWORD, SYSTEM, org, user
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests, write_services

CLERK, OFFICER, LEADER, SUPERVISOR, ADMIN = (
    Role.CLERK,
    Role.OFFICER,
    Role.LEADER,
    Role.SUPERVISOR,
    Role.ADMIN,
)
NEXT_YEAR = 2027  # the shipped calendar ends with 2026


def _staff(w: MatrixWorld):
    """A member of staff of the organisation, whose account the services change."""
    return w.once("staff", lambda: user(org=w.org, role=CLERK, full_name="窗口人员乙"))


def _child(w: MatrixWorld):
    return w.once("child", lambda: org(kind=OrgKind.COMMUNITY, parent=w.org))


def _notice(w: MatrixWorld) -> Notice:
    def build():
        author = user(org=w.org, role=LEADER)
        return services.notice_publish(
            actor=author,
            org=w.org,
            title="关于做好年度执法数据公开的通知",
            body="请各科室按时报送。",
        )

    return w.once("notice", build)


def _task(w: MatrixWorld, *steps: str):
    """A supervision task given to the organisation, moved through ``steps``."""

    def build():
        t = supervision.task_create(
            actor=SYSTEM,
            org=w.org,
            title="行政执法公示信息更新不及时",
            description="门户网站执法公示栏目三个月未更新，请整改。",
            source="manual",
            rule_code="RX-1",
        )
        today = clock.today()
        if "signed" in steps:
            t = supervision.task_sign(actor=SYSTEM, task=t, on=today)
        if "reported" in steps:
            t = supervision.task_report(
                actor=SYSTEM, task=t, result="已更新公示栏目并建立周检制度。"
            )
        return t

    return w.once("task:" + ",".join(steps), build)


def _next_year(w: MatrixWorld):
    return w.once(
        "year",
        lambda: calendar.year_save(
            actor=SYSTEM, year=NEXT_YEAR, source="国务院办公厅关于2027年部分节假日安排的通知"
        ),
    )


YEAR_ROWS = [
    {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
    {"date": "2027-10-01", "kind": "holiday", "name": "国庆节"},
]


class TestKernelServiceMatrix(ServiceMatrixTests):
    MODULES = (
        "fazhi.core.services",
        "fazhi.core.calendar",
        "fazhi.core.rules",
        "fazhi.core.supervision",
    )

    def world(self) -> MatrixWorld:
        return MatrixWorld.create()

    EXPECT = {
        # ---- organisations, users, memberships, tokens: an administrator over them
        "fazhi.core.services:org_create": Expect.of(
            ADMIN,
            call=lambda w, a, s: services.org_create(
                actor=a, name="矩阵测试社区", kind=OrgKind.COMMUNITY, parent=w.org
            ),
        ),
        "fazhi.core.services:org_update": Expect.of(
            ADMIN,
            setup=_child,
            call=lambda w, a, s: services.org_update(actor=a, org=s, short_name="测试社区"),
        ),
        "fazhi.core.services:user_create": Expect.of(
            ADMIN,
            call=lambda w, a, s: services.user_create(
                actor=a, username="matrix_new", password=PASSWORD, primary_org=w.org
            ),
        ),
        "fazhi.core.services:user_update": Expect.of(
            ADMIN,
            setup=_staff,
            call=lambda w, a, s: services.user_update(actor=a, user=s, phone="0731-84411234"),
        ),
        "fazhi.core.services:user_set_language": Expect.of(
            ADMIN,
            setup=_staff,
            call=lambda w, a, s: services.user_set_language(actor=a, user=s, language="en"),
        ),
        "fazhi.core.services:user_set_active": Expect.of(
            ADMIN,
            setup=_staff,
            call=lambda w, a, s: services.user_set_active(actor=a, user=s, active=False),
        ),
        # another's password: the security administrator's (三权分立)
        "fazhi.core.services:user_set_password": Expect.of(
            Role.SECURITY,
            setup=_staff,
            call=lambda w, a, s: services.user_set_password(
                actor=a, user=s, password="Changed@Pass2020"
            ),
        ),
        "fazhi.core.services:membership_grant": Expect.of(
            ADMIN,
            setup=_staff,
            call=lambda w, a, s: services.membership_grant(
                actor=a, user=s, org=w.org, role=OFFICER
            ),
        ),
        "fazhi.core.services:membership_revoke": Expect.of(
            ADMIN,
            setup=lambda w: Membership.objects.get(user=_staff(w), org=w.org),
            call=lambda w, a, s: services.membership_revoke(actor=a, membership=s),
        ),
        "fazhi.core.services:token_create": Expect.of(
            ADMIN,
            setup=_staff,
            call=lambda w, a, s: services.token_create(actor=a, user=s, name="统一审批系统对接"),
        ),
        # deactivation (system administrator), forced sign-out (security administrator)
        "fazhi.core.services:revoke_all_tokens": Expect.of(
            ADMIN,
            Role.SECURITY,
            setup=_staff,
            call=lambda w, a, s: services.revoke_all_tokens(actor=a, user=s),
        ),
        "fazhi.core.services:token_revoke": Expect.of(
            ADMIN,
            setup=lambda w: w.once(
                "token",
                lambda: services.token_create(actor=SYSTEM, user=_staff(w), name="数据交换")[0],
            ),
            call=lambda w, a, s: services.token_revoke(actor=a, token=s),
        ),
        # ---- records of no organisation: any administrator
        "fazhi.core.services:code_table_save": Expect.of(
            ADMIN,
            outside=[ADMIN],
            call=lambda w, a, s: services.code_table_save(
                actor=a, code="matrix-sources", name="线索来源"
            ),
        ),
        "fazhi.core.services:code_item_save": Expect.of(
            ADMIN,
            outside=[ADMIN],
            setup=lambda w: w.once(
                "table",
                lambda: services.code_table_save(actor=SYSTEM, code="matrix-kinds", name="类别"),
            ),
            call=lambda w, a, s: services.code_item_save(
                actor=a, table=s, code="01", label="投诉举报"
            ),
        ),
        # ---- notices
        "fazhi.core.services:notice_publish": Expect.of(
            LEADER,
            ADMIN,
            SUPERVISOR,
            call=lambda w, a, s: services.notice_publish(
                actor=a, org=w.org, title="关于开展案卷评查的通知", body="各单位于月底前报送案卷。"
            ),
        ),
        "fazhi.core.services:notice_withdraw": Expect.of(
            ADMIN,
            setup=_notice,
            call=lambda w, a, s: services.notice_withdraw(actor=a, notice=s),
        ),
        # ---- the work calendar and the rule registry (no organisation)
        "fazhi.core.calendar:year_save": Expect.of(
            ADMIN,
            outside=[ADMIN],
            call=lambda w, a, s: calendar.year_save(
                actor=a, year=NEXT_YEAR, source="国务院办公厅关于2027年部分节假日安排的通知"
            ),
        ),
        "fazhi.core.calendar:day_save": Expect.of(
            ADMIN,
            outside=[ADMIN],
            setup=_next_year,
            call=lambda w, a, s: calendar.day_save(
                actor=a, day=dt.date(2027, 1, 1), kind="holiday", name="元旦", notice_year=NEXT_YEAR
            ),
        ),
        "fazhi.core.calendar:day_delete": Expect.of(
            ADMIN,
            outside=[ADMIN],
            call=lambda w, a, s: calendar.day_delete(actor=a, day=dt.date(2026, 10, 10)),
        ),
        "fazhi.core.calendar:year_publish": Expect.of(
            ADMIN,
            outside=[ADMIN],
            setup=_next_year,
            call=lambda w, a, s: calendar.year_publish(
                actor=a, year=NEXT_YEAR, confirm_unusual=True
            ),
        ),
        "fazhi.core.calendar:import_year": Expect.of(
            ADMIN,
            outside=[ADMIN],
            call=lambda w, a, s: calendar.import_year(
                actor=a,
                year=NEXT_YEAR,
                rows=YEAR_ROWS,
                source="国务院办公厅关于2027年部分节假日安排的通知",
                confirm_unusual=True,
            ),
        ),
        "fazhi.core.rules:tighten": Expect.of(
            ADMIN,
            outside=[ADMIN],
            setup=lambda w: rules.version_on(rules.resolve("GK-4"), clock.today()),
            call=lambda w, a, s: rules.tighten(
                actor=a,
                version=s,
                valid_from=clock.today() + dt.timedelta(days=1),
                length=15,
                local_basis="本区政府信息公开办法第十二条",
            ),
        ),
        # ---- supervision tasks
        "fazhi.core.supervision:task_create": Expect.of(
            SUPERVISOR,
            call=lambda w, a, s: supervision.task_create(
                actor=a,
                org=w.org,
                title="行政执法公示信息更新不及时",
                description="请整改。",
                source="manual",
                rule_code="RX-1",
            ),
        ),
        "fazhi.core.supervision:task_sign": Expect.of(
            LEADER,
            CLERK,
            setup=lambda w: _task(w),
            call=lambda w, a, s: supervision.task_sign(actor=a, task=s, on=clock.today()),
        ),
        "fazhi.core.supervision:task_report": Expect.of(
            LEADER,
            setup=lambda w: _task(w, "signed"),
            call=lambda w, a, s: supervision.task_report(actor=a, task=s, result="已整改。"),
        ),
        "fazhi.core.supervision:task_accept": Expect.of(
            SUPERVISOR,
            setup=lambda w: _task(w, "signed", "reported"),
            call=lambda w, a, s: supervision.task_accept(actor=a, task=s),
        ),
        "fazhi.core.supervision:task_return": Expect.of(
            SUPERVISOR,
            setup=lambda w: _task(w, "signed", "reported"),
            call=lambda w, a, s: supervision.task_return(actor=a, task=s, reason="未建立长效机制"),
        ),
        "fazhi.core.supervision:task_cancel": Expect.of(
            SUPERVISOR,
            setup=lambda w: _task(w, "signed"),
            call=lambda w, a, s: supervision.task_cancel(actor=a, task=s, reason="重复下达"),
        ),
    }


def _domain_service_modules() -> set[str]:
    """Every ``services`` module (or module of a ``services`` package) of every package
    under ``src/fazhi`` that is a Django app — found on disk, not listed."""
    root = Path(fazhi.__file__).parent
    found = set()
    for apps in root.glob("*/apps.py"):
        pkg = apps.parent
        if (pkg / "services.py").exists():
            found.add(f"fazhi.{pkg.name}.services")
        if (pkg / "services" / "__init__.py").exists():
            found |= {
                f"fazhi.{pkg.name}.services.{m.name}"
                for m in pkgutil.iter_modules([str(pkg / "services")])
            }
    return found


def _matrices() -> list[type[ServiceMatrixTests]]:
    root = Path(fazhi.__file__).parent
    out = []
    for path in sorted(root.glob("*/tests/test_*.py")):
        if "ServiceMatrixTests" not in path.read_text(encoding="utf-8"):
            continue
        mod = importlib.import_module(f"fazhi.{path.parent.parent.name}.tests.{path.stem}")
        out += [
            v
            for v in vars(mod).values()
            if isinstance(v, type) and issubclass(v, ServiceMatrixTests) and v.MODULES
        ]
    return out


def test_every_domain_services_module_is_in_a_matrix():
    """A new domain (or a new services module) without a service × role matrix fails here."""
    covered = {m for cls in _matrices() for m in cls.MODULES}
    # a module of helpers only (no function with a keyword-only actor) has nothing to declare
    modules = {m for m in _domain_service_modules() if write_services([m])}
    assert {"fazhi.core.services", "fazhi.enforcement.services.cases"} <= modules
    assert {"fazhi.monitor.services.crawls"} <= modules
    assert sorted(modules - covered) == []
