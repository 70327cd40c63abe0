"""Every row of the three transition tables walked by role (the kernel's harness), and every
write service called by every role inside and outside the owning organisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import clock
from fazhi.core.models import DEFAULT_SCOPE, OrgKind, Role
from fazhi.core.tests import factories as f
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests, WorkflowTableTests

from ..models import (
    Application,
    AppMaterial,
    AppStatus,
    CheckResult,
    ItemKind,
    Level,
    MaterialKind,
    Outcome,
    PackageApplication,
    PostCheck,
    Rating,
    Rectification,
    ReviewStep,
    WindowKind,
)
from ..services import applications as apps
from ..services import catalogue as cat
from ..services import decisions, packages, reviews
from ..services.supervision import late_week_export
from .factories import PERSON_ID

SYSTEM = f.SYSTEM
D = dt.date
WINTER = "09:00-12:00,13:30-17:30"
COMMIT = {"commitment": True, "commitment_text": "承诺。", "post_check_days": 30}


class Setup:
    """An approval bureau (``org``) with hours, a window, an item with two materials and its
    entry; ``other`` is a sibling body; a street takes delegations."""

    def __init__(self, org, other, root) -> None:
        self.org, self.other, self.root = org, other, root
        self.street = f.org(kind=OrgKind.STREET, parent=root)
        self.hours = cat.hours_save(
            actor=SYSTEM, code=f"h{org.pk}", name="作息", summer=WINTER, winter=WINTER
        )
        self.window = self.new_window()
        self.n = 0
        self._pool: dict | None = None
        self._turn: dict = {}

    def prebuild(self) -> None:
        """Build each kind of matter the role matrix calls for once, before its calls: every
        call runs in a savepoint that is rolled back, so each gets the matter as built (read
        afresh) instead of building its own — the same calls at a fraction of the writes.
        ``item`` and ``entry`` come in twos (a package takes two different items)."""
        plain = {
            "item": [self.item, self.item],
            ("entry",): [self.entry, self.entry],
            ("entry", ("on_the_spot", True)): [lambda: self.entry(on_the_spot=True)],
            ("entry", *sorted(COMMIT.items())): [lambda: self.entry(**COMMIT)],
            ("application", True): [self.application],
            ("application", False): [lambda: self.application(complete=False)],
            "accepted": [self.accepted],
            "decided": [self.decided],
            "closed": [self.closed],
            "commitment_closed": [self.commitment_closed],
        }
        self._pool = {key: [build() for build in builds] for key, builds in plain.items()}

    def _fresh(self, key, build):
        if self._pool is None or key not in self._pool:
            return build()
        objs = self._pool[key]
        turn = self._turn[key] = (self._turn.get(key, -1) + 1) % len(objs)
        obj = objs[turn]
        return type(obj).objects.get(pk=obj.pk)

    def new_window(self, kind=WindowKind.COMPREHENSIVE):
        return cat.window_save(
            actor=SYSTEM,
            org=self.org,
            name="综合窗",
            kind=kind,
            hours=self.hours,
            opened_on=D(2019, 1, 2),
        )

    def item(self, kind=ItemKind.LICENCE):
        if kind == ItemKind.LICENCE and self._pool is not None:
            return self._fresh("item", None)
        return self._new_item(kind)

    def _new_item(self, kind=ItemKind.LICENCE):
        self.n += 1
        return cat.item_save(
            actor=SYSTEM,
            code=f"T{self.org.pk}-{self.n}",
            name=f"测试事项{self.n}",
            kind=kind,
            level=Level.DISTRICT,
            category="business",
            basis="《中华人民共和国行政许可法》",
            reported_by=self.org,
            on=D(2019, 1, 2),
            materials=[
                {"name": "申请书", "kind": MaterialKind.FORM},
                {"name": "身份证明", "kind": MaterialKind.COPY},
            ],
        )

    def entry(self, **kw):
        if self._pool is not None:
            return self._fresh(("entry", *sorted(kw.items())), lambda: self._entry(**kw))
        return self._entry(**kw)

    def _entry(self, **kw):
        item = self._new_item()
        return cat.entry_save(
            actor=SYSTEM,
            item=item,
            org=self.org,
            on=D(2019, 1, 2),
            statutory_days=20,
            promised_days=Decimal(0 if kw.get("on_the_spot") else 5),
            window=self.window,
            **kw,
        )

    def application(self, *, complete=True, when=None):
        if when is None and self._pool is not None:
            return self._fresh(("application", complete), None)
        entry = self.entry()
        when = when or clock.now()
        return apps.receive(
            actor=SYSTEM,
            entry=entry,
            channel="window",
            at=when,
            received=list(entry.item.materials.all()) if complete else [],
            applicant_kind="person",
            applicant_name="刘志强",
            applicant_id_number=PERSON_ID,
        )

    def accepted(self):
        if self._pool is not None:
            return self._fresh("accepted", None)
        return apps.accept(actor=SYSTEM, application=self.application(), at=clock.now())

    def decided(self):
        if self._pool is not None:
            return self._fresh("decided", None)
        return decisions.decide(
            actor=SYSTEM, application=self.accepted(), outcome=Outcome.GRANTED, on=clock.today()
        )

    def closed(self):
        if self._pool is not None:
            return self._fresh("closed", None)
        return decisions.close(
            actor=SYSTEM, application=self.decided(), at=clock.now(), certificate_number="X1"
        )

    def commitment_closed(self):
        if self._pool is not None:
            return self._fresh("commitment_closed", None)
        entry = self.entry(**COMMIT)
        return decisions.commitment_approve(
            actor=SYSTEM,
            entry=entry,
            at=clock.now(),
            received=list(entry.item.materials.all()),
            certificate_number="C1",
            applicant_kind="person",
            applicant_name="刘志强",
            applicant_id_number=PERSON_ID,
        )


# ---------------------------------------------------------------- tables


@pytest.fixture
def setup(db):
    root = f.org(kind=OrgKind.DISTRICT, division_code="430102")
    return Setup(f.org(parent=root), f.org(parent=root), root)


class _Table(WorkflowTableTests):
    @pytest.fixture(autouse=True)
    def _setup(self, setup):
        self.s = setup
        self.users = {}

    def actor(self, role):
        if role not in self.users:
            self.users[role] = f.user(org=self.s.org, role=role, scope=DEFAULT_SCOPE[role])
        return self.users[role]


class TestApplicationTable(_Table):
    model = Application

    def make(self, status):
        app = self.s.application(complete=False)
        extra = (
            {"outcome": Outcome.GRANTED} if status in (AppStatus.CLOSED, AppStatus.DECIDED) else {}
        )
        Application.objects.filter(pk=app.pk).update(status=status, **extra)
        return Application.objects.get(pk=app.pk)

    def satisfy(self, matter, to):
        if to == AppStatus.ACCEPTED:
            AppMaterial.objects.filter(application=matter).update(received_on=matter.received_on)
        return {"reason": "测试理由", "data": {"outcome": Outcome.GRANTED}, "on": clock.today()}


class TestPackageApplicationTable(_Table):
    model = PackageApplication

    def make(self, status):
        from ..models import Package

        p = Package.objects.create(
            code=f"p{self.s.n}", name="套餐", org=self.s.org, set_up_on=D(2019, 1, 2)
        )
        self.s.n += 1
        return PackageApplication.objects.create(
            org=self.s.org,
            package=p,
            applicant_name="刘志强",
            applicant_code=PERSON_ID,
            received_on=D(2019, 3, 1),
            received_at=clock.now(),
            status=status,
            title="测试",
        )


class TestRectificationTable(_Table):
    model = Rectification

    def make(self, status):
        app = self.s.closed()
        rating = Rating.objects.create(
            application=app, score=1, channel="device", rated_on=app.closed_on
        )
        return Rectification.objects.create(
            org=self.s.org, rating=rating, received_on=rating.rated_on, status=status, title="整改"
        )


# ---------------------------------------------------------------- the service × role matrix


class GSWorld(MatrixWorld):
    def __init__(self) -> None:
        root = f.org(kind=OrgKind.DISTRICT, division_code="430102")
        super().__init__(f.org(parent=root), f.org(parent=root))
        self.s = Setup(self.org, self.other, root)
        self.s.prebuild()


CLERK, LEADER, ADMIN, SUPERVISOR = Role.CLERK, Role.LEADER, Role.ADMIN, Role.SUPERVISOR
E = Expect.of
TODAY = clock.today


def _import(w, a):
    from .. import imports

    row = (
        ["IMP-1", "导入事项", "行政许可", "区级", "商事登记", "依据", w.org.name]
        + [""] * 9
        + ["2019-01-02"]
    )
    # a user of another body gets the row's error (the body is outside their scope), not a
    # refusal of the whole import: the role check here is the import's own
    return imports.catalogue_import(actor=a, data=imports.xlsx([row]))


def _step(w):
    app = w.s.accepted()
    return ReviewStep.objects.create(application=app, kind="site", started_on=app.accepted_on)


class TestServiceMatrix(ServiceMatrixTests):
    MODULES = (
        "fazhi.govservices.imports",
        "fazhi.govservices.services.supervision",
        "fazhi.govservices.services.catalogue",
        "fazhi.govservices.services.applications",
        "fazhi.govservices.services.decisions",
        "fazhi.govservices.services.packages",
        "fazhi.govservices.services.reviews",
    )
    EXPECT = {
        "fazhi.govservices.services.catalogue:hours_save": E(
            ADMIN,
            outside=[ADMIN],
            call=lambda w, a, s: cat.hours_save(
                actor=a, code="x", name="x", summer=WINTER, winter=WINTER
            ),
        ),
        "fazhi.govservices.services.catalogue:service_body_save": E(
            ADMIN, call=lambda w, a, s: cat.service_body_save(actor=a, org=w.org, doc_prefix="芙测")
        ),
        "fazhi.govservices.services.catalogue:window_save": E(
            LEADER,
            ADMIN,
            call=lambda w, a, s: cat.window_save(
                actor=a,
                org=w.org,
                name="窗",
                kind="department",
                hours=w.s.hours,
                opened_on=D(2019, 1, 2),
            ),
        ),
        "fazhi.govservices.services.catalogue:window_merge": E(
            LEADER,
            call=lambda w, a, s: cat.window_merge(
                actor=a,
                window=w.s.new_window(WindowKind.DEPARTMENT),
                into=w.s.window,
                on=D(2019, 2, 1),
            ),
        ),
        "fazhi.govservices.services.catalogue:item_save": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: cat.item_save(
                actor=a,
                code="NEW-1",
                name="新事项",
                kind="licence",
                level="district",
                category="business",
                basis="依据",
                reported_by=w.org,
                on=D(2019, 1, 2),
            ),
        ),
        "fazhi.govservices.services.catalogue:material_add": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: cat.material_add(
                actor=a, item=w.s.item(), name="补充材料", kind="copy", on=D(2019, 2, 1)
            ),
        ),
        "fazhi.govservices.services.catalogue:material_cut": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: cat.material_cut(
                actor=a,
                material=w.s.item().materials.first(),
                method="shared",
                basis="数据共享",
                on=D(2019, 2, 1),
            ),
        ),
        "fazhi.govservices.services.catalogue:dispute_raise": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: cat.dispute_raise(
                actor=a, item=w.s.item(), raised_by=w.org, on=D(2019, 2, 1), question="?"
            ),
        ),
        "fazhi.govservices.services.catalogue:dispute_decide": E(
            LEADER,
            SUPERVISOR,
            call=lambda w, a, s: cat.dispute_decide(
                actor=a,
                dispute=cat.dispute_raise(
                    actor=SYSTEM, item=w.s.item(), raised_by=w.other, on=D(2019, 2, 1), question="?"
                ),
                outcome="kept",
                decision="维持",
                decided_by="区政府",
                on=D(2019, 2, 2),
            ),
        ),
        "fazhi.govservices.services.catalogue:entry_save": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: cat.entry_save(
                actor=a,
                item=w.s.item(),
                org=w.org,
                on=D(2019, 1, 3),
                statutory_days=20,
                promised_days=5,
            ),
        ),
        "fazhi.govservices.services.catalogue:proof_decide": E(
            LEADER,
            call=lambda w, a, s: cat.proof_decide(
                actor=a,
                name="无犯罪记录证明",
                issuer="派出所",
                demanded_by=w.org,
                used_for="x",
                status="cancelled",
                basis="x",
                on=D(2019, 3, 1),
            ),
        ),
        "fazhi.govservices.services.catalogue:transfer_record": E(
            LEADER,
            call=lambda w, a, s: cat.transfer_record(
                actor=a,
                item=w.s.item(),
                from_org=w.other,
                to_org=w.org,
                on=D(2019, 3, 1),
                basis="x",
            ),
        ),
        "fazhi.govservices.services.catalogue:delegate": E(
            LEADER,
            call=lambda w, a, s: cat.delegate(
                actor=a,
                item=w.s.entry().item,
                to_org=w.s.street,
                on=D(2019, 3, 1),
                new_days=1,
                basis="x",
            ),
        ),
        "fazhi.govservices.services.catalogue:package_save": E(
            LEADER,
            call=lambda w, a, s: cat.package_save(
                actor=a,
                code="p",
                name="p",
                org=w.org,
                items=[w.s.entry().item, w.s.entry().item],
                on=D(2019, 3, 1),
            ),
        ),
        "fazhi.govservices.services.applications:receive": E(
            CLERK,
            call=lambda w, a, s: apps.receive(
                actor=a,
                entry=w.s.entry(),
                channel="window",
                at=clock.now(),
                applicant_kind="person",
                applicant_name="刘志强",
                applicant_id_number=PERSON_ID,
            ),
        ),
        "fazhi.govservices.services.applications:materials_receive": E(
            CLERK,
            call=lambda w, a, s: (
                lambda app: apps.materials_receive(
                    actor=a, application=app, materials=list(app.item.materials.all()), on=TODAY()
                )
            )(w.s.application(complete=False)),
        ),
        "fazhi.govservices.services.applications:notify_missing": E(
            CLERK,
            call=lambda w, a, s: apps.notify_missing(
                actor=a, application=w.s.application(complete=False), on=TODAY()
            ),
        ),
        "fazhi.govservices.services.applications:accept": E(
            CLERK,
            call=lambda w, a, s: apps.accept(
                actor=a, application=w.s.application(), at=clock.now()
            ),
        ),
        "fazhi.govservices.services.applications:reject": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: apps.reject(
                actor=a, application=w.s.application(), on=TODAY(), reason="不属于本机关职权"
            ),
        ),
        "fazhi.govservices.services.applications:withdraw": E(
            CLERK,
            call=lambda w, a, s: apps.withdraw(
                actor=a, application=w.s.application(), on=TODAY(), reason="申请人撤回"
            ),
        ),
        "fazhi.govservices.services.decisions:step_start": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: decisions.step_start(
                actor=a, application=w.s.accepted(), kind="site", on=TODAY()
            ),
        ),
        "fazhi.govservices.services.decisions:step_end": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: decisions.step_end(actor=a, step=_step(w), on=TODAY()),
        ),
        "fazhi.govservices.services.decisions:extend": E(
            LEADER,
            call=lambda w, a, s: decisions.extend(
                actor=a, application=w.s.accepted(), by=5, reason="复杂", on=TODAY()
            ),
        ),
        "fazhi.govservices.services.decisions:decide": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: decisions.decide(
                actor=a, application=w.s.accepted(), outcome="granted", on=TODAY()
            ),
        ),
        "fazhi.govservices.services.decisions:close": E(
            CLERK,
            call=lambda w, a, s: decisions.close(
                actor=a, application=w.s.decided(), at=clock.now(), certificate_number="Z1"
            ),
        ),
        "fazhi.govservices.services.decisions:on_the_spot": E(
            CLERK,
            call=lambda w, a, s: (
                lambda e: decisions.on_the_spot(
                    actor=a,
                    entry=e,
                    at=clock.now(),
                    received=list(e.item.materials.all()),
                    certificate_number="S1",
                    applicant_kind="person",
                    applicant_name="刘志强",
                    applicant_id_number=PERSON_ID,
                )
            )(
                w.s.entry(
                    on_the_spot=True,
                )
            ),
        ),
        "fazhi.govservices.services.decisions:commitment_approve": E(
            CLERK,
            call=lambda w, a, s: (
                lambda e: decisions.commitment_approve(
                    actor=a,
                    entry=e,
                    at=clock.now(),
                    received=list(e.item.materials.all()),
                    certificate_number="C1",
                    applicant_kind="person",
                    applicant_name="刘志强",
                    applicant_id_number=PERSON_ID,
                )
            )(w.s.entry(**COMMIT)),
        ),
        "fazhi.govservices.services.decisions:post_check_assign": E(
            LEADER,
            call=lambda w, a, s: decisions.post_check_assign(
                actor=a, check=w.s.commitment_closed().post_check, to=w.actor(CLERK)
            ),
        ),
        "fazhi.govservices.services.decisions:post_check_record": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: decisions.post_check_record(
                actor=a,
                check=w.s.commitment_closed().post_check,
                on=TODAY(),
                result="conforming",
                note="属实",
            ),
        ),
        "fazhi.govservices.services.decisions:revoke": E(
            LEADER,
            call=lambda w, a, s: (
                lambda app: (
                    PostCheck.objects.filter(application=app).update(
                        result=CheckResult.FALSE, checked_on=TODAY()
                    ),
                    decisions.revoke(
                        actor=a,
                        application=Application.objects.get(pk=app.pk),
                        on=TODAY(),
                        reason="不实",
                    ),
                )
            )(w.s.commitment_closed()),
        ),
        "fazhi.govservices.services.packages:package_apply": E(
            CLERK,
            call=lambda w, a, s: packages.package_apply(
                actor=a,
                package=cat.package_save(
                    actor=SYSTEM,
                    code="pk",
                    name="pk",
                    org=w.org,
                    items=[w.s.entry().item, w.s.entry().item],
                    on=D(2019, 3, 1),
                ),
                at=clock.now(),
                channel="window",
                applicant_kind="person",
                applicant_name="刘志强",
                applicant_id_number=PERSON_ID,
            ),
        ),
        "fazhi.govservices.imports:catalogue_import": E(
            CLERK,
            LEADER,
            outside=[CLERK, LEADER],
            call=lambda w, a, s: _import(w, a),
        ),
        "fazhi.govservices.services.supervision:late_week_export": E(
            LEADER,
            SUPERVISOR,
            outside=[LEADER, SUPERVISOR],
            call=lambda w, a, s: late_week_export(actor=a, monday=D(2019, 11, 4)),
        ),
        "fazhi.govservices.services.reviews:rate": E(
            CLERK,
            call=lambda w, a, s: reviews.rate(
                actor=a,
                application=w.s.closed(),
                score=5,
                channel="device",
                on=TODAY(),
                rater_code=PERSON_ID,
            ),
        ),
        "fazhi.govservices.services.reviews:rectification_reply": E(
            CLERK,
            LEADER,
            call=lambda w, a, s: reviews.rectification_reply(
                actor=a,
                rectification=reviews.rate(
                    actor=SYSTEM,
                    application=w.s.closed(),
                    score=1,
                    channel="device",
                    on=TODAY(),
                    rater_code=PERSON_ID,
                ).rectification,
                measures="整改",
                reply="已整改",
                on=TODAY(),
            ),
        ),
    }

    def world(self):
        return GSWorld()
