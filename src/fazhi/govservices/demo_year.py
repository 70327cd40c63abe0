"""The demo's 2019 applications (bulk) and the present (services).

About 20,000 applications: most at the approval bureau's four windows, the rest at the
departments and — for delegated items — at the streets; 企业开办 and 企业注销 packages whose
applications close within 1.5 working days. Each application has its steps dated (one ledger
event per step), its materials, its number from the district's series, its receipt and
decision notices, its statutory clocks (XK-1, XK-3, XK-6 for licences) and its promise
counted in the window's office hours. A few are refused, supplemented, rejected, withdrawn;
about 3% miss the promise, a handful miss the statutory limit after an approved extension;
commitments have their post-approval checks (a few found false: revoked, credit record);
more than half are rated, the bad ratings rectified (HP-1). Applications received in late
December close in January 2020.

The present: applications received at the bureau's windows in the weeks before today, in
every state, so the demo clerk (``clerk``) finds work on the first login.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from fazhi.core import clock, numbering
from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkLoader
from fazhi.core.demo import ACTOR
from fazhi.core.models import Clock, IssuedNumber, NumberSeries
from fazhi.core.workflow import MATTER_TRANSITION

from . import actions, worktime
from .demo_names import People
from .models import (
    Application,
    AppMaterial,
    AppNotice,
    AppStatus,
    CheckResult,
    CreditRecord,
    ItemKind,
    NoticeKind,
    Outcome,
    PackageApplication,
    PackageKind,
    PackageStatus,
    PostCheck,
    Rating,
    Rectification,
    RectStatus,
)
from .services.common import NOTICE_MARK, prefix

YEAR = 2019
SINGLE = 14_200  # applications outside packages
PACKAGES = {PackageKind.STARTUP: 700, PackageKind.DEREGISTRATION: 200, PackageKind.LIVELIHOOD: 180}
APP = Application._meta.label_lower
RECT = Rectification._meta.label_lower
MINUTE = dt.timedelta(minutes=1)


class Year:
    def __init__(self, catalogue) -> None:
        self.c = catalogue
        self.py = random.Random(YEAR * 7)  # nosec B311 - seeded demo data, not a secret
        self.people = People(YEAR)
        self.cal = catalogue.cal
        self.hours = catalogue.hours.hours()
        self.loader = BulkLoader(actor_name=catalogue.loader.actor_name, action=actions.DEMO)
        self.root = catalogue.bureau.parent
        self.workdays = [
            d for d in _days(dt.date(YEAR, 1, 2), dt.date(YEAR, 12, 27)) if self.cal.is_workday(d)
        ]
        self.rules = {
            code: core_rules.version_on(core_rules.resolve(code), dt.date(YEAR, 6, 1))
            for code in ("XK-1", "XK-3", "XK-6", "HP-1")
        }
        self.series: dict[tuple, NumberSeries] = {}
        self.values: dict[tuple, int] = defaultdict(int)
        self.prefixes: dict[int, str] = {}

    # -- numbers ---------------------------------------------------------------------------------

    def _series(self, org, kind: str, year: int, prefix_text: str, pattern: str) -> tuple:
        key = (org.pk, kind, year)
        if key not in self.series:
            self.series[key] = numbering.series_get_or_create(
                actor=ACTOR, org=org, kind=kind, year=year, prefix=prefix_text, pattern=pattern
            )
        return key

    def _number(
        self,
        org,
        kind: str,
        year: int,
        prefix_text: str,
        pattern: str,
        subject: tuple[str, int],
        at,
    ) -> str:
        key = self._series(org, kind, year, prefix_text, pattern)
        self.values[key] += 1
        s = self.series[key]
        text = pattern.format(prefix=prefix_text, year=year, n=self.values[key])
        self.loader.add(
            IssuedNumber,
            series_id=s.pk,
            value=self.values[key],
            text=text,
            subject_type=subject[0],
            subject_id=str(subject[1]),
            issued_at=at,
        )
        return text

    def app_number(self, app_id: int, on: dt.date, at) -> str:
        return self._number(
            self.root,
            "gs-application",
            on.year,
            self.root.division_code or "430102",
            "{prefix}-{year}-{n}",
            (APP, app_id),
            at,
        )

    def prefix(self, org) -> str:
        if org.pk not in self.prefixes:
            self.prefixes[org.pk] = prefix(org)
        return self.prefixes[org.pk]

    def notice(self, app_id: int, org, kind: str, on: dt.date, content: dict, at) -> None:
        text = self._number(
            org,
            f"gs-{kind}",
            on.year,
            self.prefix(org) + NOTICE_MARK[kind],
            "{prefix}〔{year}〕{n}号",
            (APP, app_id),
            at,
        )
        self.loader.add(
            AppNotice, application_id=app_id, kind=kind, number=text, issued_on=on, content=content
        )

    def finish(self) -> None:
        """The series now stand at the last number the bulk path issued."""
        for key, s in self.series.items():
            NumberSeries.objects.filter(pk=s.pk).update(last_value=self.values[key])

    # -- the year --------------------------------------------------------------------------------

    def build(self) -> None:
        plans = self._plan_singles() + self._plan_packages()
        plans.sort(key=lambda p: (p["received_at"], p["k"]))
        for p in plans:
            self._write(p)

    def _entry_weights(self):
        bureau, depts = [], []
        for e in self.c.entries:
            if e["item"]["old"] and e["item"]["kind"] != ItemKind.LICENCE:
                continue
            (bureau if e["org"].pk == self.c.bureau.pk else depts).append(e)
        return bureau, depts

    def _moment(self, day: dt.date) -> dt.datetime:
        """A moment in the window's office hours of ``day`` (naive local)."""
        a, b = self.py.choice(self.hours.intervals(day))
        start = a.hour * 60 + a.minute
        end = b.hour * 60 + b.minute - 20
        m = self.py.randrange(start, end)
        return dt.datetime.combine(day, dt.time(m // 60, m % 60))

    def _plan_singles(self) -> list[dict]:
        bureau, depts = self._entry_weights()
        delegated = self.c.delegated
        plans = []
        py = self.py
        for k in range(SINGLE):
            roll = py.random()
            org = None
            delegation = None
            if roll < 0.08:
                e = py.choice(delegated)
                street = py.choice(self.c.streets)
                org, delegation = street, e["delegations"][street.pk]
                day = py.choice(
                    [d for d in self.workdays[-200:] if d >= e["delegated_on"]]
                    or self.workdays[-5:]
                )
            else:
                e = py.choice(bureau) if roll < 0.86 else py.choice(depts)
                day = py.choice(self.workdays)
                if day < e["filed"]:
                    day = self.cal.next_workday(e["filed"])
            plans.append(
                {
                    "k": k,
                    "entry": e,
                    "org": org or e["org"],
                    "window": self.c.street_windows[org.pk] if org else e["window"],
                    "delegation": delegation,
                    "received_at": self._moment(day),
                }
            )
        return plans

    def _plan_packages(self) -> list[dict]:
        plans = []
        py = self.py
        by_kind = defaultdict(list)
        for p in self.c.packages_made:
            by_kind[p.kind].append(p)
        entry_of = {e["item"]["id"]: e for e in self.c.entries}
        k = 10**6
        for kind, n in PACKAGES.items():
            for _i in range(n):
                package = py.choice(by_kind[kind])
                items = (
                    list(package.items.all()) if not hasattr(package, "_items") else package._items
                )
                package._items = items
                day = py.choice([d for d in self.workdays if d >= package.set_up_on])
                at = self._moment(day)
                k += 1
                plans.append(
                    {
                        "k": k,
                        "package": package,
                        "entries": [entry_of[i.pk] for i in items],
                        "received_at": at,
                    }
                )
        return plans

    # -- one application ----------------------------------------------------------------------

    def _write(self, p: dict) -> None:
        if "package" in p:
            self._write_package(p)
        else:
            self._write_app(p)

    def _applicant(self) -> dict:
        pp = self.people
        if pp.rng.random() < 0.55:
            name, code = pp.company()
            return {
                "applicant_kind": "org",
                "applicant_name": name,
                "applicant_credit_code": code,
                "applicant_id_number": "",
                "applicant_phone": pp.mobile(),
                "applicant_address": pp.address(),
            }
        return {
            "applicant_kind": "person",
            "applicant_name": pp.person_name(),
            "applicant_id_number": pp.id_number(),
            "applicant_credit_code": "",
            "applicant_phone": pp.mobile(),
            "applicant_address": pp.address(),
        }

    def _write_package(self, p: dict) -> None:
        package = p["package"]
        at = p["received_at"]
        applicant = self._applicant()
        L = self.loader
        pid = L.reserve(PackageApplication)
        number = self.app_number(pid, at.date(), _aware(at))
        promise = package.promised_days
        due = (
            worktime.promised_due(self.cal, self.hours, at, promise)
            if promise is not None
            else None
        )
        last_close = None
        # the subs close within the package's promise for 97 in 100
        late = self.py.random() < 0.03
        for e in p["entries"]:
            sub = {
                "k": p["k"],
                "entry": e,
                "org": e["org"],
                "window": e["window"],
                "delegation": None,
                "received_at": at,
                "package_id": pid,
                "applicant": applicant,
                "within": promise,
                "late": late,
            }
            closed_at = self._write_app(sub)
            if closed_at is not None:
                last_close = max(last_close, closed_at) if last_close else closed_at
        L.add(
            PackageApplication,
            id=pid,
            number=number,
            org_id=package.org_id,
            title=f"{applicant['applicant_name']}申请{package.name}",
            status=PackageStatus.CLOSED if last_close else PackageStatus.OPEN,
            received_on=at.date(),
            closed_on=last_close.date() if last_close else None,
            version=2 if last_close else 1,
            package_id=package.pk,
            applicant_name=applicant["applicant_name"],
            applicant_code=applicant["applicant_credit_code"] or applicant["applicant_id_number"],
            form={"经营范围": "餐饮服务、食品销售"} if package.kind == PackageKind.STARTUP else {},
            received_at=_aware(at),
            promised_due_at=_aware(due) if due else None,
            closed_at=_aware(last_close) if last_close else None,
        )
        L.event(subject_type=PackageApplication._meta.label_lower, subject_id=pid, subject_label=number, org_id=package.org_id, org_name=self.c.bureau.name,
                action=actions.PACKAGE_APPLY, data={"package": package.code, "on": at.date().isoformat()}, plain=True)  # fmt: skip
        if last_close:
            L.event(subject_type=PackageApplication._meta.label_lower, subject_id=pid, subject_label=number, org_id=package.org_id, org_name=self.c.bureau.name,
                    action=MATTER_TRANSITION, data={"from": "open", "to": "closed", "on": last_close.date().isoformat()}, plain=True)  # fmt: skip

    def _write_app(self, p: dict) -> dt.datetime | None:
        py = self.py
        L = self.loader
        e = p["entry"]
        item = e["item"]
        org = p["org"]
        licence = item["kind"] == ItemKind.LICENCE
        at = p["received_at"]
        day = at.date()
        applicant = p.get("applicant") or self._applicant()
        app_id = L.reserve(Application)
        number = self.app_number(app_id, day, _aware(at))
        label = f"{number} {applicant['applicant_name']}申请{item['name']}"
        events = []

        def step(action, on, data):
            events.append((action, on, data))

        step(actions.APP_RECEIVE, day, {"channel": "window", "at": at.isoformat()})
        status = AppStatus.CLOSED
        notified = supplemented = accepted = decided = closed = None
        accepted_at = closed_at = None
        outcome = ""
        reasons = ""
        roll = py.random()
        mats = item["material_ids"][:1] if item.get("slim") else item["material_ids"]
        missing: set[int] = set()
        promise = p["delegation"] and e.get("new_days") or e["promised"]
        if e["on_spot"]:
            accepted_at = closed_at = at + MINUTE * py.randint(5, 25)
        elif roll < 0.01 and p.get("package_id") is None:
            status = AppStatus.REJECTED
            closed = self.cal.add_workdays(day, py.randint(0, 2))
            reasons = "申请事项依法不属于本机关职权范围，请向有关行政机关申请。"
            step(
                MATTER_TRANSITION, closed, {"from": "received", "to": "rejected", "reason": reasons}
            )
            self.notice(app_id, org, NoticeKind.REJECTION, closed, {"reason": reasons}, _aware(at))
        else:
            if roll < 0.09 and len(mats) > 1 and p.get("package_id") is None:
                missing = {m[0] for m in mats[1:] if py.random() < 0.5} or {mats[-1][0]}
                notified = self.cal.add_workdays(day, py.randint(1, 3))
                supplemented = self.cal.add_workdays(notified, py.randint(1, 6))
                step(
                    MATTER_TRANSITION,
                    notified,
                    {"from": "received", "to": "supplement", "missing": len(missing)},
                )
                self.notice(
                    app_id,
                    org,
                    NoticeKind.SUPPLEMENT,
                    notified,
                    {"missing": sorted(m[1] for m in mats if m[0] in missing)},
                    _aware(at),
                )
                # the moment is drawn for every supplement case, so that the seeded stream
                # (and every figure of the year the tests pin down) is the same either way
                moment = self._moment(supplemented)
                if roll < 0.095:
                    # never supplemented: withdrawn, never accepted (no XK-3 clock runs)
                    status = AppStatus.WITHDRAWN
                    closed = self.cal.add_workdays(notified, 20)
                    supplemented = None
                    step(
                        MATTER_TRANSITION,
                        closed,
                        {
                            "from": "supplement",
                            "to": "withdrawn",
                            "reason": "申请人逾期未补正，撤回申请。",
                        },
                    )
                else:
                    accepted_at = moment
            else:
                accepted_at = at + MINUTE * py.randint(3, 15)
            if status == AppStatus.CLOSED:
                within = p.get("within")
                if within is not None:
                    share = (
                        Decimal(py.randint(110, 150) if p.get("late") else py.randint(45, 95)) / 100
                    )
                    closed_at = worktime.promised_due(
                        self.cal, self.hours, at, Decimal(within) * share
                    )
                elif py.random() < 0.03:
                    closed_at = worktime.promised_due(
                        self.cal,
                        self.hours,
                        accepted_at,
                        promise * Decimal(py.choice(["1.3", "1.6", "2"])) + Decimal("0.5"),
                    )
                else:
                    closed_at = worktime.promised_due(
                        self.cal,
                        self.hours,
                        accepted_at,
                        promise * Decimal(py.randint(30, 95)) / 100,
                    )
        if accepted_at is not None:
            accepted = accepted_at.date()
            if not e["on_spot"]:
                step(
                    MATTER_TRANSITION,
                    accepted,
                    {"from": "supplement" if notified else "received", "to": "accepted"},
                )
        xk3_due = (
            self.cal.add_workdays(accepted, 20)
            if accepted and licence and not e["on_spot"]
            else None
        )
        extension = 0
        if status == AppStatus.CLOSED and closed_at is not None:
            closed = closed_at.date()
            decided = (
                closed
                if e["on_spot"] or py.random() < 0.6
                else max(accepted, self.cal.add_workdays(closed, -1))
            )
            if licence and not e["on_spot"] and p.get("package_id") is None and py.random() < 0.006:
                # late beyond the statutory limit: the head of the bureau extended it first
                extension = 10
                decided = self.cal.add_workdays(xk3_due, py.choice([3, 8, 12]))
                closed = self.cal.add_workdays(decided, 1)
                closed_at = self._moment(closed)
            outcome = (
                Outcome.REFUSED
                if licence and py.random() < 0.02 and not e["commitment"]
                else Outcome.GRANTED
            )
            if outcome == Outcome.REFUSED:
                reasons = "经审查，申请人提交的材料不符合法定条件、标准。"
            step(
                MATTER_TRANSITION,
                decided,
                {"from": "accepted", "to": "decided", "outcome": outcome},
            )
            kind = (
                NoticeKind.COMMITMENT
                if e["commitment"]
                else NoticeKind.GRANT
                if outcome == Outcome.GRANTED
                else NoticeKind.REFUSAL
            )
            self.notice(
                app_id, org, kind, decided, {"outcome": outcome, "reasons": reasons}, _aware(at)
            )
            step(MATTER_TRANSITION, closed, {"from": "decided", "to": "closed"})
        due = None
        if accepted_at is not None and promise is not None and p.get("within") is None:
            due = worktime.promised_due(self.cal, self.hours, accepted_at, promise)
        elif accepted_at is not None:
            due = worktime.promised_due(self.cal, self.hours, at, Decimal(p["within"]))
        revoked = None
        L.add(
            Application,
            id=app_id,
            number=number,
            org_id=org.pk,
            title=f"{applicant['applicant_name']}申请{item['name']}",
            status=status,
            received_on=day,
            closed_on=closed,
            version=1,
            item_id=item["id"],
            entry_id=e["id"],
            window_id=p["window"].pk if p["window"] else None,
            delegation_id=p["delegation"],
            package_application_id=p.get("package_id"),
            channel="window",
            check_code=f"{py.randrange(10**6):06d}",
            received_at=_aware(at),
            notified_on=notified,
            supplemented_on=supplemented,
            accepted_on=accepted,
            accepted_at=_aware(accepted_at) if accepted_at else None,
            decided_on=decided,
            outcome=outcome,
            reasons=reasons,
            closed_at=_aware(closed_at) if status == AppStatus.CLOSED and closed_at else None,
            certificate_number=f"{item['code'].replace('-', '')}{app_id:07d}"
            if outcome == Outcome.GRANTED and licence
            else "",
            on_the_spot=e["on_spot"] or e["commitment"],
            commitment_signed_on=day if e["commitment"] else None,
            promised_due_at=_aware(due) if due else None,
            revoked_on=revoked,
            **applicant,
        )
        for mid, _name, _kind in mats:
            L.add(
                AppMaterial,
                application_id=app_id,
                material_id=mid,
                received_on=supplemented if mid in missing else day,
            )
        self._clocks(
            app_id,
            label,
            org,
            licence and not e["on_spot"] and not e["commitment"],
            day,
            notified,
            accepted,
            decided,
            closed,
            outcome,
            xk3_due,
            extension,
        )
        if e["commitment"] and status == AppStatus.CLOSED:
            status = self._post_check(app_id, label, org, decided, applicant, events)
        t = L.tables[Application]
        t.rows[-1][t.index["version"]] = 1 + sum(
            1 for a, _o, _d in events if a == MATTER_TRANSITION
        )
        for action, on, data in events:
            L.event(subject_type=APP, subject_id=app_id, subject_label=label, org_id=org.pk, org_name=org.name,
                    action=action, data={**data, "on": on.isoformat()}, plain=True)  # fmt: skip
        if status == AppStatus.CLOSED and closed and py.random() < 0.58:
            self._rating(app_id, label, org, closed, applicant)
        return closed_at if status in (AppStatus.CLOSED,) else None

    def _clocks(
        self,
        app_id,
        label,
        org,
        statutory,
        received,
        notified,
        accepted,
        decided,
        closed,
        outcome,
        xk3_due,
        extension,
    ) -> None:
        if not statutory:
            return
        L = self.loader

        def clock(code, start, due, stopped, ext=0):
            v = self.rules[code]
            L.add(
                Clock,
                subject_type=APP,
                subject_id=str(app_id),
                subject_label=label[:300],
                org_id=org.pk,
                rule_id=v.rule_id,
                version_id=v.pk,
                label={"XK-1": "补正告知", "XK-3": "审查决定", "XK-6": "颁发证件"}[code],
                started_on=start,
                extension=ext,
                extension_by="演示审批服务局负责人" if ext else "",
                extension_reason="需组织现场核查，二十日内不能作出决定" if ext else "",
                due_on=due,
                stopped_on=stopped,
            )

        clock("XK-1", received, self.cal.add_workdays(received, 5), notified or accepted or closed)
        if accepted and xk3_due:
            due = self.cal.add_workdays(accepted, 20 + extension)
            clock("XK-3", accepted, due, decided, extension)
        if decided and outcome == Outcome.GRANTED:
            clock("XK-6", decided, self.cal.add_workdays(decided, 10), closed)

    def _post_check(self, app_id, label, org, decided, applicant, events) -> str:
        py = self.py
        due = self.cal.next_workday(decided + dt.timedelta(days=30))
        checked = self.cal.add_workdays(decided, py.randint(5, 18))
        false = py.random() < 0.03
        self.loader.add(PostCheck, application_id=app_id, due_on=due, assigned_to_id=self.c.clerk.pk, checked_on=checked,
                        result=CheckResult.FALSE if false else CheckResult.CONFORMING, note="现场核查，与承诺不符。" if false else "现场核查，与承诺一致。")  # fmt: skip
        events.append(
            (actions.APP_POST_CHECK, checked, {"result": "false" if false else "conforming"})
        )
        if not false:
            return AppStatus.CLOSED
        revoked = self.cal.add_workdays(checked, 2)
        self.loader.add(CreditRecord, subject_name=applicant["applicant_name"], subject_code=applicant["applicant_credit_code"] or applicant["applicant_id_number"],
                        org_id=org.pk, application_id=app_id, reason="告知承诺不实，撤销行政许可。", recorded_on=revoked)  # fmt: skip
        events.append(
            (
                MATTER_TRANSITION,
                revoked,
                {"from": "closed", "to": "revoked", "reason": "告知承诺不实"},
            )
        )
        t = self.loader.tables[Application]
        row = t.rows[-1]
        row[t.index["status"]] = AppStatus.REVOKED
        row[t.index["revoked_on"]] = revoked
        return AppStatus.REVOKED

    def _rating(self, app_id, label, org, closed, applicant) -> None:
        py = self.py
        r = py.random()
        score = 5 if r < 0.80 else 4 if r < 0.94 else 3 if r < 0.985 else 2 if r < 0.995 else 1
        rated = closed + dt.timedelta(days=py.choice([0, 0, 0, 1, 2]))
        channel = py.choice(["device", "device", "device", "online", "online", "sms"])
        comment = {
            5: "办事快捷，服务热情。",
            4: "总体满意。",
            3: "",
            2: "排队时间较长。",
            1: "材料要求前后不一致，跑了两趟。",
        }[score]
        rid = self.loader.add(
            Rating,
            application_id=app_id,
            score=score,
            comment=comment,
            channel=channel,
            rated_on=rated,
        )
        self.loader.event(subject_type=APP, subject_id=app_id, subject_label=label, org_id=org.pk, org_name=org.name,
                          action=actions.RATING, data={"score": score, "channel": channel, "on": rated.isoformat()}, plain=True)  # fmt: skip
        if score > 2:
            return
        rect_id = self.loader.reserve(Rectification)
        at = _aware(self._moment(self.cal.next_workday(rated)))
        number = self._number(
            org,
            "gs-rect",
            rated.year,
            self.prefix(org) + "整改",
            "{prefix}〔{year}〕{n}号",
            (RECT, rect_id),
            at,
        )
        late = py.random() < 0.08
        replied = self.cal.add_workdays(rated, py.randint(16, 20) if late else py.randint(2, 12))
        self.loader.add(Rectification, id=rect_id, number=number, org_id=org.pk, title=f"{label.split()[0]}差评整改", status=RectStatus.REPLIED,
                        received_on=rated, closed_on=replied, version=2, rating_id=rid, measures="约谈窗口人员，优化材料告知和叫号流程。",
                        reply="已按您的意见整改，感谢监督。", replied_on=replied)  # fmt: skip
        v = self.rules["HP-1"]
        self.loader.add(Clock, subject_type=RECT, subject_id=str(rect_id), subject_label=number, org_id=org.pk, rule_id=v.rule_id, version_id=v.pk,
                        label="整改回复", started_on=rated, due_on=self.cal.add_workdays(rated, 15), stopped_on=replied)  # fmt: skip
        for action, on, data in (
            (actions.RECT_OPEN, rated, {"application": label.split()[0]}),
            (MATTER_TRANSITION, replied, {"from": "open", "to": "replied"}),
        ):
            self.loader.event(subject_type=RECT, subject_id=rect_id, subject_label=number, org_id=org.pk, org_name=org.name,
                              action=action, data={**data, "on": on.isoformat()}, plain=True)  # fmt: skip


def _aware(at: dt.datetime) -> dt.datetime:
    return timezone.make_aware(at, clock.CHINA)


def _days(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


def present(catalogue) -> None:
    """Applications received at the approval bureau in the weeks before today, in every
    state, through the services (see ``demo_present``)."""
    from .demo_present import load

    load(catalogue)
